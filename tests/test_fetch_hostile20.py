"""Hostile servers, round 20 (session 27, host20): HTTP/2 servers that want HTTP/1.1.

Each probe is a real server on loopback (h2kit: TLS with a trustme certificate, ALPN ``h2``, or rawkit) on
127.0.21.1-127.0.21.60 and real ``archiver fetch`` runs; each test reads the catalog, the WARC files (warcio
record by record and ``warcio check``) and the servers' logs. Earlier rounds' HTTP/2 items are not repeated
(REFUSED_STREAM, GOAWAY with last stream id 0, a head without ``:status``, one answer's protocol error on a
shared connection: round 19).

Fixed here:

- a ``RST_STREAM`` or ``GOAWAY`` of ``HTTP_1_1_REQUIRED`` (RFC 9113 section 7: the server wants the request
  over HTTP/1.1; IIS for a path asking a client certificate, CDNs) failed the capture, "protocol error: the
  server reset the HTTP/2 stream (RST_STREAM HTTP_1_1_REQUIRED)", at every run. Chromium and curl send it again
  over HTTP/1.1 and keep the server on HTTP/1.1; so does archiver now (``archiver.fetch.h2fallback``);
- a server that chose ``h2`` in the TLS handshake and then reset the connection at the client's HTTP/2
  preface (a TLS front end offering h2 for a back end without it) failed every URL of the host, "robots.txt
  unreachable (connection reset by peer)"; one that answered the preface in HTTP/1.1 was captured through the
  tolerant reader under "malformed response headers: read leniently", blaming headers that were fine. Both
  now go over HTTP/1.1, with a line saying why.
"""
from __future__ import annotations

import h2.errors
import pytest
from h2kit import H2Server
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Twenty " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def fetch(root, srv: H2Server, keys: list[str], *extra: str):
    urls = write_list(root / "urls.txt", [srv.url(f"/{k}") for k in keys])
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--timeout", "10",
                        "--progress", "never", "--resolve", srv.resolve, "--ca-bundle", srv.ca_file, *extra,
                        cwd=root, timeout=300)


def rows_by_key(root) -> dict[str, dict]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")
    return {r["url"].rsplit("/", 1)[1]: dict(r) for r in rows}


def responses(root) -> dict[str, list]:
    got: dict[str, list] = {}
    for rec in all_records(root / "warcs"):
        if rec.type == "response":
            got.setdefault(rec.uri.rsplit("/", 1)[1], []).append(rec)
    return got


@pytest.mark.parametrize("frame", ["RST_STREAM", "GOAWAY"])
def test_http_1_1_required_sends_the_request_again_over_http11_and_keeps_the_origin_there(tmp_path, frame):
    """/first is answered ``HTTP_1_1_REQUIRED`` over HTTP/2 (a RST_STREAM of its stream, or a GOAWAY naming no
    stream); /second comes after it. Before: /first failed, "protocol error: the server reset the HTTP/2
    stream (RST_STREAM HTTP_1_1_REQUIRED)", with --retries 0 or 3 alike (each retry went over HTTP/2 again)."""

    def wants_http11(conn, sid) -> bool:
        if frame == "RST_STREAM":
            conn.reset_stream(sid, h2.errors.ErrorCodes.HTTP_1_1_REQUIRED)
            return True
        conn.close_connection(error_code=h2.errors.ErrorCodes.HTTP_1_1_REQUIRED, last_stream_id=0)
        return False

    with H2Server("h2.twenty.test", "127.0.21.1" if frame == "RST_STREAM" else "127.0.21.2", page("http1"),
                  tmp_path) as srv:
        srv.route("/first", wants_http11)
        run = fetch(tmp_path, srv, ["first", "second"], "--retries", "0", "--per-host", "1")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    said = ("the server reset the HTTP/2 stream with HTTP_1_1_REQUIRED (RST_STREAM)" if frame == "RST_STREAM"
            else "the server closed the HTTP/2 connection with HTTP_1_1_REQUIRED (GOAWAY)")
    assert rows["first"]["state"] == "captured", rows["first"]
    assert rows["first"]["reason"] == f"sent again over HTTP/1.1, as browsers do: {said}", rows["first"]
    assert rows["second"]["state"] == "captured" and rows["second"]["reason"] is None, rows["second"]
    assert f"https://h2.twenty.test:{srv.port}: {said}: its requests go over HTTP/1.1 for the rest of the run" in out
    # once over HTTP/2, then over HTTP/1.1; the next URL of the origin straight over HTTP/1.1
    assert [p for p in asked if p[0] != "/robots.txt"] == [("/first", "h2"), ("/first", "http/1.1"),
                                                           ("/second", "http/1.1")], asked
    got = responses(tmp_path)
    for key in ("first", "second"):
        assert len(got[key]) == 1 and got[key][0].raw_payload == page("http1"), key
        assert got[key][0].headers["WARC-Protocol"] == "http/1.1", got[key][0].headers
    assert_archive_sound(tmp_path / "warcs")


@pytest.mark.parametrize("after_alpn", ["reset", "http1"])
def test_a_server_choosing_h2_without_speaking_it_is_read_over_http11(tmp_path, after_alpn):
    """The server picks ``h2`` in ALPN, reads the client's HTTP/2 preface as an HTTP/1.1 request and resets the
    connection (before: robots.txt unreachable, so every URL of the host failed, at every retry) or answers it
    ``HTTP/1.1 400`` (before: captured through the tolerant reader as "malformed response headers: read
    leniently")."""
    with H2Server("h2c.twenty.test", "127.0.21.3" if after_alpn == "reset" else "127.0.21.4", page("fallback"),
                  tmp_path) as srv:
        srv.after_alpn = after_alpn
        run = fetch(tmp_path, srv, ["one", "two"], "--retries", "1")
        asked = list(srv.asked)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    rows = rows_by_key(tmp_path)
    for key in ("one", "two"):
        assert rows[key]["state"] == "captured" and rows[key]["reason"] is None, rows[key]
    what = ("ended the connection at the HTTP/2 preface (connection reset by peer)" if after_alpn == "reset"
            else "answered the HTTP/2 preface in HTTP/1.x (Server disconnected)")
    assert (f"https://h2c.twenty.test:{srv.port}: the server chose HTTP/2 in the TLS handshake (ALPN h2) but "
            f"{what}: its requests go over HTTP/1.1 for the rest of the run") in out, out
    # one connection tried HTTP/2 (robots.txt's); everything went over HTTP/1.1 after it
    assert asked[0] == ("", "preface") and sorted(asked[1:]) == [("/one", "http/1.1"), ("/robots.txt", "http/1.1"),
                                                                 ("/two", "http/1.1")], asked
    got = responses(tmp_path)
    for key in ("one", "two"):
        assert len(got[key]) == 1 and got[key][0].raw_payload == page("fallback"), key
    assert_archive_sound(tmp_path / "warcs")
