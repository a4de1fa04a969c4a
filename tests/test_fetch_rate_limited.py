"""A host that answers 429 Too Many Requests without Retry-After (RFC 6585 makes the header optional).

Before, each of the host's URLs was asked again with all its retries in the same run, and every run of a
5-minute cron asked again. Now the host's other URLs wait for a later run, and the next runs leave the host
alone for archiver's own pause (``waits.PAUSE_WITHOUT_RETRY_AFTER``), saying so; other hosts go on.
Real loopback servers (rawkit on 127.0.18.11-12), real ``archiver fetch`` runs, the real SQLite catalog."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list


def page(key: str) -> str:
    return (f"<html><head><title>{key}</title></head><body><article><h1>{key}</h1>"
            f"<p>{f'The {key} story goes on with enough words to be an article. ' * 12}</p></article></body></html>")


def fetch(root: Path, *flags: str):
    return run_archiver("fetch", "list.txt", "--warcs", root / "warcs", "--delay", "0", "--retries", "1",
                        "--timeout", "5", "--progress", "never", *flags, cwd=root, timeout=180)


def test_429_without_retry_after_holds_the_host_for_the_rest_of_the_run_and_the_next(tmp_path):
    busy, calm = RawServer("busy.rl.test", "127.0.18.11"), RawServer("calm.rl.test", "127.0.18.12")
    state = {"limited": True}
    for path in ("/a", "/b", "/c"):
        busy.route(path, lambda r, path=path: http_reply("slow down", "429 Too Many Requests")
                   if state["limited"] else http_reply(page(f"busy{path}")))
    calm.route("/d", lambda r: http_reply(page("calm")))
    with busy, calm:
        flags = [f for s in (busy, calm) for f in ("--resolve", s.resolve)]
        write_list(tmp_path / "list.txt", [busy.url("/a"), busy.url("/b"), busy.url("/c"), calm.url("/d")])
        first = fetch(tmp_path, *flags, "--per-host", "1")
        assert first.returncode == 1, first.stdout + first.stderr
        asked_pages = {p: n for p, n in busy.hits.items() if p != "/robots.txt"}
        assert sum(asked_pages.values()) == 2, busy.hits  # one URL, asked twice (--retries 1); the others not
        assert "no Retry-After: the host's URLs are not asked again for 600 s" in first.stdout, first.stdout
        assert first.stdout.count("not asked: the host answered 429 Too Many Requests") >= 2, first.stdout
        assert "captured 200 " + calm.url("/d") in first.stdout

        before = sum(busy.hits.values())
        second = fetch(tmp_path, *flags)
        assert sum(busy.hits.values()) == before, busy.hits  # the pause holds: not asked at all
        held = [ln for ln in second.stdout.splitlines() if "asked for a pause until" in ln]
        assert len(held) == 1 and "none sent with the 429" in held[0] and "3 URLs not fetched now" in held[0], \
            second.stdout
        assert second.returncode == 0, second.stdout + second.stderr

        with sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3") as conn:  # the ten minutes pass
            conn.execute("UPDATE host_waits SET until = '2000-01-01T00:00:00Z'")
        state["limited"] = False
        third = fetch(tmp_path, *flags)
        assert third.returncode == 0, third.stdout + third.stderr
        for path in ("/a", "/b", "/c"):
            assert "captured 200 " + busy.url(path) in third.stdout, third.stdout
