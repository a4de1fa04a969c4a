"""Hostile servers, round 24 (session 32, host32): decompression bombs, silent hosts, hostile robots.txt, odd heads.

Each probe is a real server on loopback (rawkit on 127.0.44.1-127.0.44.30, a listening socket that never accepts)
and real ``archiver fetch`` / ``extract`` runs, each run twice; each test reads the catalog, the WARC files (warcio
record by record and ``warcio check``) and the servers' logs. What round 24 tried and found right is guarded here
too, and listed in tests/HOSTILE.md (round 24's table).

Fixed here:

- a content-coding bomb (a page gzipped twice, ``Content-Encoding: gzip, gzip``, or in br or zstd, a few KB that
  inflate to 64 MiB): extraction stopped inflating at its limit (as before) but said "decoded body exceeds
  33554433 bytes" (a figure one over its limit, no coding, no cause), and every later ``archiver extract``
  inflated it again to say so again. It now says "page too large to extract: its gzip, gzip body of 717 bytes
  inflates past 32 MiB (a decompression bomb, ...)", once: the stored bytes decide it, as a damaged coding;
- a host that never takes the TCP connection (a firewall dropping it, a host that is off): its URLs failed
  "robots.txt unreachable (timeout (connect)): complete disallow assumed, as RFC 9309 asks", sending the user to
  robots.txt, though no request ever reached the server (with ``--ignore-robots``: "timeout (connect)"). It is
  told as refused and DNS failures are, "timeout (connect)";
- a robots.txt answered 503 (or 429) with ``Retry-After: 3600``: the host's URLs failed "robots.txt unavailable
  (HTTP 503)", the pause not named and forgotten: every later run (cron's, minutes apart) asked robots.txt again
  (round 13 kept a page's Retry-After across runs, not robots.txt's). The reason names it, and the next run
  leaves the host alone until then, as for a page.
"""
from __future__ import annotations

import gzip
import socket
import sqlite3
import time
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

BOMB_BYTES = 64 << 20  # decoded: twice extraction's 32 MiB


def page(key: str, sentences: int = 12) -> bytes:
    return ("<!doctype html><html><head><title>Round24 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * sentences
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def whole(body: bytes, *lines: str, ctype: str = "text/html; charset=utf-8") -> Reply:
    head = ["HTTP/1.1 200 OK", f"Content-Type: {ctype}", *lines, f"Content-Length: {len(body)}"]
    return Reply([("\r\n".join(head) + "\r\n\r\n").encode() + body])


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    flags = [f for s in servers for f in ("--resolve", s.resolve)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "3",
                        "--progress", "never", *flags, *extra, cwd=root, timeout=300)


def extract(root: Path):
    return run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                        "--progress", "never", cwd=root, timeout=300)


def extraction_errors(root: Path) -> dict[str, str | None]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT c.url, e.error FROM extractions e JOIN captures c "
                        "ON c.id = e.capture_id ORDER BY e.capture_id")
    return {r["url"].rsplit("/", 1)[1]: r["error"] for r in rows}


# -- decompression bombs --------------------------------------------------------------------------------------------

def test_a_content_coding_bomb_is_named_as_one_and_not_inflated_again_by_later_extract_runs(tmp_path):
    """/gzgz: a page of 64 MiB (spaces inside the article) gzipped twice under ``Content-Encoding: gzip, gzip``,
    717 bytes; /br and /zstd: the same page in br and zstd; /page: an honest page. All four archived as sent;
    extraction refuses the three with a reason naming the coding, the stored size and the 32 MiB limit (before:
    "decoded body exceeds 33554433 bytes"), and the next extract does not inflate them again (before: it did,
    and failed them again); a second fetch fetches nothing."""
    brotli = pytest.importorskip("brotli")
    zstandard = pytest.importorskip("zstandard")
    tail = b"</p></article></body></html>"
    big = page("bomb")[: -len(tail)] + b" " * BOMB_BYTES + tail
    bodies = {"gzgz": (gzip.compress(gzip.compress(big, 9), 9), "gzip, gzip"),
              "br": (brotli.compress(big, quality=1), "br"),
              "zstd": (zstandard.ZstdCompressor().compress(big), "zstd")}
    with allow_all(RawServer("bombs.round24.test", "127.0.44.1")) as srv:
        for key, (body, coding) in bodies.items():
            srv.route(f"/{key}", lambda r, body=body, coding=coding: whole(body, f"Content-Encoding: {coding}"))
        srv.route("/page", lambda r: whole(page("page")))
        urls = [srv.url(f"/{k}") for k in [*bodies, "page"]]
        first = fetch(tmp_path, urls, [srv])
        assert first.returncode == 0, first.stdout + first.stderr
        again = fetch(tmp_path, urls, [srv])
    assert "0 to fetch, 4 skipped (4 already captured)" in again.stdout, again.stdout
    got = responses(tmp_path)
    for key, (body, _) in bodies.items():
        assert len(got[key]) == 1 and got[key][0].raw_payload == body, key  # archived as sent, once
    assert_archive_sound(tmp_path / "warcs")
    done = extract(tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out[-3000:]
    errors = extraction_errors(tmp_path)
    assert errors["page"] is None, errors
    for key, (body, coding) in bodies.items():
        assert errors[key] == (f"page too large to extract: its {coding} body of {len(body):,} bytes inflates past "
                               "32 MiB (a decompression bomb, or a page far larger than any article); archived as "
                               "sent, not extracted"), errors[key]
        assert f"extract failed {srv.url('/' + key)}: page too large to extract" in out, out
    later = extract(tmp_path)  # the stored bytes decided it: not inflated, nor told, again
    assert later.returncode == 0 and "too large" not in later.stdout + later.stderr, later.stdout + later.stderr
    assert "0 extracted" in later.stdout and "0 failed" in later.stdout, later.stdout
    assert extraction_errors(tmp_path) == errors


# -- a host that never takes the connection -------------------------------------------------------------------------

class SilentListener:
    """A TCP port on ``address`` that takes no connection: listening with a backlog of 0, never accepting, its
    accept queue filled, so the kernel drops every further SYN (as a firewall dropping packets does)."""

    def __init__(self, address: str):
        self.sock = socket.socket()
        self.sock.bind((address, 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self.fillers: list[socket.socket] = []
        for _ in range(4):
            conn = socket.socket()
            conn.setblocking(False)
            try:
                conn.connect((address, self.port))
            except BlockingIOError:
                pass
            self.fillers.append(conn)
        time.sleep(0.3)
        probe = socket.socket()
        probe.settimeout(1.0)
        try:
            probe.connect((address, self.port))
            taken = True
        except OSError:
            taken = False
        finally:
            probe.close()
        if taken:
            self.close()
            pytest.skip("this kernel took a connection past a full accept queue")

    def close(self) -> None:
        for conn in self.fillers:
            conn.close()
        self.sock.close()


def test_a_host_that_never_takes_the_connection_is_not_blamed_on_its_robots_txt(tmp_path):
    """Both URLs of a host whose port drops every SYN fail "timeout (connect)", as with --ignore-robots (before:
    "robots.txt unreachable (timeout (connect)): complete disallow assumed, as RFC 9309 asks"); nothing of it is
    in the WARC; another host's page in the same run is captured; the next run asks the silent host again."""
    silent = SilentListener("127.0.44.2")
    try:
        with allow_all(RawServer("lively.round24.test", "127.0.44.3")) as lively:
            lively.route("/ok", lambda r: whole(page("ok")))
            dark = f"dark.round24.test:{silent.port}"
            urls = [f"http://{dark}/a", f"http://{dark}/b", lively.url("/ok")]
            extra = ("--resolve", f"{dark}:127.0.44.2")
            runs = [fetch(tmp_path, urls, [lively], *extra) for _ in range(2)]
    finally:
        silent.close()
    for run in runs:
        assert run.returncode == 1 and "robots.txt unreachable" not in run.stdout, run.stdout
    assert "2 to fetch, 1 skipped (1 already captured)" in runs[1].stdout, runs[1].stdout  # asked again
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, state, reason FROM captures ORDER BY id")
    failed = [r for r in rows if r["state"] == "failed"]
    assert len(failed) == 4 and all(r["reason"] == "timeout (connect)" for r in failed), [dict(r) for r in rows]
    assert rows_by_key(tmp_path)["ok"]["state"] == "captured"
    assert not [r for r in all_records(tmp_path / "warcs") if r.uri and "dark.round24.test" in r.uri
                and r.type in ("request", "response")]
    assert_archive_sound(tmp_path / "warcs")


# -- a robots.txt asking for a pause --------------------------------------------------------------------------------

def test_a_retry_after_on_robots_txt_holds_the_host_for_the_next_run_as_a_pages_does(tmp_path):
    """robots.txt answers 503 (one host) or 429 (another) with ``Retry-After: 3600`` until the hour is over. The
    first run fails the host's URLs naming the Retry-After; the second asks neither robots.txt (before: asked
    again at every run) and says the hosts wait; once the hour is set back by hand, the third captures each
    page once."""
    state = {"down": True}
    busy = allow_all(RawServer("busy.round24.test", "127.0.44.4"))
    slow = allow_all(RawServer("slow.round24.test", "127.0.44.5"))
    for srv, status in ((busy, "503 Service Unavailable"), (slow, "429 Too Many Requests")):
        allowed = srv.routes["/robots.txt"]
        srv.route("/robots.txt", lambda r, allowed=allowed, status=status: http_reply(
            "wait", status, headers=["Retry-After: 3600"]) if state["down"] else allowed(r))
    for path in ("/a", "/b"):
        busy.route(path, lambda r, path=path: whole(page(f"busy{path}")))
    slow.route("/c", lambda r: whole(page("slow")))
    with busy, slow:
        urls = [busy.url("/a"), busy.url("/b"), slow.url("/c")]
        first = fetch(tmp_path, urls, [busy, slow])
        asked = (busy.hits.get("/robots.txt"), slow.hits.get("/robots.txt"))
        second = fetch(tmp_path, urls, [busy, slow])
        assert (busy.hits.get("/robots.txt"), slow.hits.get("/robots.txt")) == asked == (1, 1), (busy.hits, slow.hits)
        with sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3") as conn:  # the hour passes
            conn.execute("UPDATE host_waits SET until = '2000-01-01T00:00:00Z'")
        state["down"] = False
        third = fetch(tmp_path, urls, [busy, slow])
    assert first.returncode == 1, first.stdout + first.stderr
    assert (f"failed {busy.url('/a')}: robots.txt unavailable (HTTP 503, Retry-After: 3600): complete disallow "
            "assumed, as RFC 9309 asks") in first.stdout, first.stdout
    assert f"failed {slow.url('/c')}: robots.txt unavailable (HTTP 429, Retry-After: 3600)" in first.stdout
    assert second.returncode == 0 and "3 URLs held back" in second.stdout, second.stdout
    assert "busy.round24.test asked for a pause until" in second.stdout, second.stdout
    assert "(Retry-After: 3600, on an earlier run): 2 URLs not fetched now" in second.stdout, second.stdout
    assert third.returncode == 0 and "asked for a pause" not in third.stdout, third.stdout
    assert all(f"captured 200 {u}" in third.stdout for u in urls), third.stdout
    got = responses(tmp_path)
    assert [len(got[k]) for k in ("a", "b", "c")] == [1, 1, 1], {k: len(v) for k, v in got.items()}
    assert_archive_sound(tmp_path / "warcs")
