"""Hostile input, round 33 (session 38, host41): a robots.txt of tens of thousands of wildcard rules.

Protego tests a URL against each wildcard rule in Python: a robots.txt of 20,000-30,000 such rules (its first
500 KiB, all RFC 9309 asks a crawler to read) costs 30-55 ms a URL, and half a second to parse. Round 32
left both on the fetch's event loop, where every other exchange of the run (a body streaming in, a TLS
handshake, a timer) stood still meanwhile. Now a robots.txt of more than ``robots.HEAVY_RULES``
Allow/Disallow lines is parsed, and each URL matched, in a worker thread.

The first test runs ``RobotsCache.refusal`` beside a task that ticks every 2 ms and fails when one
``can_fetch`` would have stopped the ticks (it fails with ``HEAVY_RULES`` raised past the file's rules). The
second is rawkit on 127.0.33.2 serving such a robots.txt: ``archiver fetch --retries 0``; the pages it
allows are archived, those it forbids are not, as before.
"""
from __future__ import annotations

import asyncio
import time

import pytest
from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows

from archiver.fetch import robots
from archiver.fetch.robots import RobotsCache, RobotsFile

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RULES = 20_000
HEAVY = "User-agent: *\n" + "".join(f"Disallow: /*{i * 7919 % 100_003:x}*zz{i}\n" for i in range(RULES)) + \
    "Disallow: /*private*\nAllow: /\n"


def test_a_heavy_robots_txt_is_matched_off_the_event_loop():
    url = "http://heavy.round33.test/news/" + "story-" * 4000
    parser = robots.parse_rules(HEAVY)
    start = time.perf_counter()
    assert parser.can_fetch(url, "archiver")
    one = time.perf_counter() - start  # one URL's match, on this machine now

    async def fetch(_url: str, _turn: list[bool]) -> RobotsFile:
        return RobotsFile(text=HEAVY)

    async def main() -> float:
        cache = RobotsCache(fetch, "archiver/1")
        assert await cache.refusal(url) is None  # the parse
        gaps: list[float] = []
        done = asyncio.Event()

        async def tick() -> None:
            last = time.perf_counter()
            while not done.is_set():
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        ticker = asyncio.create_task(tick())
        await asyncio.sleep(0.01)
        for n in range(3):
            assert await cache.refusal(url + str(n)) is None
        assert await cache.refusal("http://heavy.round33.test/a/private/b") == "robots.txt disallows this URL"
        done.set()
        await ticker
        return max(gaps)

    worst = asyncio.run(main())
    assert one > 0.02, one  # the rules are heavy enough to show a stall
    assert worst < one / 2, (worst, one)


def test_a_fetch_under_a_heavy_robots_txt_archives_what_it_allows(tmp_path):
    srv = RawServer("heavy.round33.test", "127.0.33.2")
    srv.route("/robots.txt", lambda r: http_reply(HEAVY, content_type="text/plain"))
    for path in ("/news/one", "/news/two", "/news/private/three"):
        srv.route(path, lambda r, p=path: http_reply(f"<html><body><p>Page {p}</p></body></html>"))
    with srv:
        urls = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/news/one", "/news/two", "/news/private/three")])
        done = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                            "--retries", "0", "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path, timeout=300)
    out = done.stdout + done.stderr
    assert "Traceback" not in out, out[-3000:]
    rows = {r["url"].rsplit("/", 1)[1]: (r["state"], r["reason"])
            for r in catalog_rows(tmp_path / "c.db", "SELECT url, state, reason FROM captures")}
    assert rows["one"][0] == rows["two"][0] == "captured", rows
    assert rows["three"][1] == "robots.txt disallows this URL", rows
    assert_archive_sound(tmp_path / "warcs")
