"""Hostile servers, round 27 (session 34, host35): two things round 26 left alone.

Each probe is a real server on loopback (rawkit on 127.0.51.1-127.0.51.20) and a real ``archiver fetch``
(``--retries 0``); each test reads the catalog, the WARC files with warcio (``warcio check`` too), the run's output and
the server's log.

Fixed here:

- a chunk size over 2^63 - 1 (``FFFFFFFFFFFFFFFFFF``, 18 hex digits; h11 takes up to 20): read by h11 (and the
  tolerant reader) as a chunk of that many bytes, so the page failed ``connection closed mid-body``, was archived
  with ``WARC-Truncated: disconnect`` and asked again at every run. Chromium refuses it
  (``ERR_INVALID_CHUNKED_ENCODING``: ``HttpChunkedDecoder::ParseChunkSize`` takes a size only if it fits an int64);
  it fails now as junk framing does, naming the size, nothing archived;
- a robots.txt cut short of its ``Content-Length`` the same way in two runs, read as the file (round 26): no line of
  its own said so. One line says it now.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round27 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def chunked(size: bytes, key: str, odd: bool = False) -> Reply:
    """A chunked page whose first chunk-size line is ``size``, the page's bytes after it, then a close. ``odd``: a
    head line without a colon, which h11 refuses, so the tolerant reader reads the body."""
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + (b"no colon here\r\n" if odd else b"")
            + b"Transfer-Encoding: chunked\r\n\r\n")
    return Reply([head + size + b"\r\n" + page(key) + b"\r\n0\r\n\r\n"], close=True)


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    resolve = [f for s in servers for f in ("--resolve", s.resolve)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "5",
                        "--progress", "never", *resolve, *extra, cwd=root, timeout=300)


# -- a chunk size no int64 holds ---------------------------------------------------------------------------------------

def test_a_chunk_size_over_2_63_fails_as_invalid_framing_not_as_a_cut_body(tmp_path):
    """/huge sends ``FFFFFFFFFFFFFFFFFF`` (18 hex digits) as its first chunk size, /edge ``8000000000000000`` (2^63),
    /odd-huge the same as /huge behind a head only the tolerant reader takes; each then the page and a close. Before:
    each failed ``connection closed mid-body (... incomplete chunked read)``, its bytes archived with
    ``WARC-Truncated: disconnect``, "will retry next run", at every run. Now each fails naming the chunk size as
    invalid, too large (as Chromium refuses it), nothing archived for it. /max (``7FFFFFFFFFFFFFFF``, 2^63 - 1, a size
    Chromium takes) is still a body cut short; /fine, a plain chunked page, is captured."""
    with allow_all(RawServer("chunks.round27.test", "127.0.51.1")) as srv:
        srv.route("/huge", lambda r: chunked(b"FFFFFFFFFFFFFFFFFF", "huge"))
        srv.route("/edge", lambda r: chunked(b"8000000000000000", "edge"))
        srv.route("/odd-huge", lambda r: chunked(b"ffffffffffffffffff;ext=1", "odd-huge", odd=True))
        srv.route("/max", lambda r: chunked(b"7FFFFFFFFFFFFFFF", "max"))
        srv.route("/fine", lambda r: chunked(b"%x" % len(page("fine")), "fine"))
        keys = ["huge", "edge", "odd-huge", "max", "fine"]
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in keys], [srv], "--log-format", "json")
        asked = [q.path for q in srv.requests]
    assert all(f"/{k}" in asked for k in keys), asked  # (/odd-huge twice: h11 refuses its head, the tolerant reader asks)
    rows = rows_by_key(tmp_path)
    for key, size in (("huge", "FFFFFFFFFFFFFFFFFF"), ("edge", "8000000000000000"), ("odd-huge", "ffffffffffffffffff")):
        got = rows[key]
        assert got["state"] == "failed" and got["truncated"] is None, (key, got, done.stdout[-2000:])
        reason = got["reason"] or ""
        assert f"invalid chunk size {size}: too large" in reason, (key, reason)
        assert "mid-body" not in reason and "will retry next run" not in reason, (key, reason)
    assert rows["max"]["state"] == "failed" and rows["max"]["truncated"] == "disconnect", rows["max"]
    assert "connection closed mid-body" in rows["max"]["reason"], rows["max"]
    assert rows["fine"]["state"] == "captured", rows["fine"]
    uris = {rec.uri.rsplit("/", 1)[1] for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    assert uris == {"robots.txt", "max", "fine"}, uris  # nothing archived for a refused framing
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert any("invalid chunk size FFFFFFFFFFFFFFFFFF" in (e.get("message") or "") for e in events), done.stdout
    assert_archive_sound(tmp_path / "warcs")


# -- a robots.txt cut short the same way twice: a line says it was read --------------------------------------------------

def test_a_robots_txt_read_despite_its_cut_content_length_gets_a_line_of_its_own(tmp_path):
    """robots.txt announces ``Content-Length: 200`` and sends its 63 bytes, then closes, at every request. The second
    run reads them as the file (round 26); before, nothing said so but the pages' outcomes. Now one line names the
    robots.txt, the bytes read and the length announced, taken as sent (a JSON event ``robots-cut`` too); the first run,
    which forbids the host, prints no such line."""
    rules = b"User-agent: *\nDisallow: /private\nAllow: /\nDisallow: /p"
    srv = RawServer("short.round27.test", "127.0.51.2")
    srv.route("/robots.txt", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 200"
                                              b"\r\n\r\n" + rules], close=True))
    for key in ("open", "private"):
        srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    urls = [srv.url("/open"), srv.url("/private")]
    with srv:
        first = fetch(tmp_path, urls, [srv])
        second = fetch(tmp_path, urls, [srv])
        third = fetch(tmp_path, urls, [srv], "--log-format", "json")
    robots = srv.url("/robots.txt")
    said = [line for line in second.stdout.splitlines() if "taken as sent" in line]
    assert len(said) == 1, second.stdout
    assert robots in said[0] and f"{len(rules)} bytes" in said[0] and "(cut Content-Length)" in said[0] and "200 bytes its Content-Length" in said[0], said
    assert "taken as sent" not in first.stdout, first.stdout
    rows = rows_by_key(tmp_path)
    assert rows["open"]["state"] == "captured" and rows["private"]["reason"] == "robots.txt disallows this URL", rows
    events = [json.loads(line) for line in third.stdout.splitlines() if line.startswith("{")]
    cut = [e for e in events if e.get("event") == "robots-cut"]
    assert len(cut) == 1 and cut[0]["url"] == robots and cut[0]["bytes"] == len(rules), third.stdout
    assert cut[0]["content_length"] == 200, cut
    assert_archive_sound(tmp_path / "warcs")


# -- a chunk size Python's int() takes and HTTP does not ---------------------------------------------------------------

def test_the_tolerant_reader_takes_only_hex_digits_as_a_chunk_size(tmp_path):
    """Behind a head only the tolerant reader takes, /prefixed sends its chunk size as ``0x1f4``, /signed as ``+1f4``,
    /grouped as ``1_f4``: Python's ``int(text, 16)`` reads each as 500, so the page was captured, where h11 and
    Chromium refuse the framing (RFC 9112 7.1: chunk-size = 1*HEXDIG). Now each fails naming the bad chunk-size line,
    nothing archived for it; /plain, the same page with ``1f4``, is captured."""
    with allow_all(RawServer("hexonly.round27.test", "127.0.51.3")) as srv:
        def sized(prefix: bytes, key: str) -> Reply:
            digits = b"%x" % len(page(key))
            if prefix == b"_":
                return chunked(digits[:1] + b"_" + digits[1:], key, odd=True)
            return chunked(prefix + digits, key, odd=True)
        srv.route("/prefixed", lambda r: sized(b"0x", "prefixed"))
        srv.route("/signed", lambda r: sized(b"+", "signed"))
        srv.route("/grouped", lambda r: sized(b"_", "grouped"))
        srv.route("/plain", lambda r: sized(b"", "plain"))
        keys = ["prefixed", "signed", "grouped", "plain"]
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in keys], [srv])
    rows = rows_by_key(tmp_path)
    for key in ("prefixed", "signed", "grouped"):
        got = rows[key]
        assert got["state"] == "failed", (key, got, done.stdout[-2000:])
        assert "bad chunk size line" in (got["reason"] or ""), (key, got["reason"])
    assert rows["plain"]["state"] == "captured", (rows["plain"], done.stdout[-2000:])
    uris = {rec.uri.rsplit("/", 1)[1] for rec in all_records(tmp_path / "warcs") if rec.type == "response"}
    assert uris == {"robots.txt", "plain"}, uris
    assert_archive_sound(tmp_path / "warcs")
