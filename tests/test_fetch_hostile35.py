"""Hostile input, round 35 (session 40, host43): fetch against servers that lie (rawkit on 127.0.35.1).

The first case was left open by round 34: a reply with two ``Content-Length`` headers that differ was
asked twice under ``--retries 0`` (h11 refused its head, then the tolerant reader asked again on a new
connection, only to refuse the same head). Now the head h11 refused is read as it came
(``CachedSocketStream.take_head``) and, when the tolerant reader would refuse it too
(``rawhttp.head_refusal``), the exchange fails at once in those words. It fails before: two requests.
"""
from __future__ import annotations

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows

from archiver.fetch import rawhttp

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def fetch(root, srv, paths, *flags):
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    with srv:
        urls = write_list(root / "urls.txt", [srv.url(p) for p in paths])
        out = run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", "--resolve", srv.resolve,
                           *flags, cwd=root, timeout=300)
    return out.stdout + out.stderr


def test_conflicting_content_length_is_asked_once_and_failed(tmp_path):
    srv = RawServer("cl.round35.test", "127.0.35.1")
    srv.route("/a", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\n"
                                     b"Content-Length: 666\r\n\r\n<p>hello</p>"]))
    srv.route("/te", lambda r: Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: "
                                      b"chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"]))
    srv.route("/ok", lambda r: http_reply("<html><body><p>fine</p></body></html>"))
    out = fetch(tmp_path, srv, ["/a", "/te", "/ok"])
    asked = [r.path for r in srv.requests]
    assert asked.count("/a") == 1 and asked.count("/te") == 1, asked
    assert "conflicting Content-Length headers (10, 666)" in out, out
    assert "chunked is not the last transfer coding" in out, out
    assert "Traceback" not in out
    states = {r["url"].rsplit("/", 1)[1]: r["state"] for r in catalog_rows(tmp_path / "c.db", "SELECT * FROM captures")}
    assert states["ok"] == "captured" and states["a"] == "failed" and states["te"] == "failed", states
    assert_archive_sound(tmp_path / "warcs")


def test_the_head_refusal_is_the_tolerant_readers():
    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    assert rawhttp.head_refusal(ok) is None
    assert rawhttp.head_refusal(b"HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\nContent-Length: 5\r\n\r\n") is None
    assert "conflicting" in rawhttp.head_refusal(b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n")
    # chunked wins over Content-Length: read on, as the tolerant reader does
    assert rawhttp.head_refusal(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n"
                                b"Content-Length: 2\r\n\r\n") is None
    assert rawhttp.head_refusal(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") is None
    assert "unsupported transfer coding" in rawhttp.head_refusal(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: br\r\n\r\n")
    assert "status line" in rawhttp.head_refusal(b"NOPE\r\n\r\n")


def test_a_204_sent_with_a_body_is_named_as_such(tmp_path):
    """A 204 (or 304) whose server sends a body anyway, Content-Length and all, on a kept-alive connection:
    the body is not archived and the next URL is read on a new connection (as before); the reason no
    longer reads 'Content-Length 892, but 892 more bytes came after it'."""
    body = b"<html><body><p>" + b"Words nobody asked for. " * 30 + b"</p></body></html>"
    srv = RawServer("nb.round35.test", "127.0.35.1")
    srv.route("/n204", lambda r: Reply([b"HTTP/1.1 204 No Content\r\nContent-Length: %d\r\n\r\n" % len(body) + body]))
    srv.route("/next", lambda r: http_reply("<html><body><article><p>" + "The next page. " * 30 + "</p></article></body></html>"))
    out = fetch(tmp_path, srv, ["/n204", "/next"])
    rows = {r["url"].rsplit("/", 1)[1]: r for r in catalog_rows(tmp_path / "c.db", "SELECT * FROM captures")}
    why = rows["n204"]["reason"]
    assert why.startswith(f"HTTP 204 has no body, but {len(body)} bytes came after its head"), (why, out)
    assert rows["next"]["state"] == "captured" and "Traceback" not in out
    assert_archive_sound(tmp_path / "warcs")
