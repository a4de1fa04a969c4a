"""Hostile servers, round 15 (session 21, host15): capture fidelity. Chunked framing whose lines end in a bare
LF, bodies shorter or longer than their Content-Length, a Crawl-delay met through a redirect, Locations of three
slashes, and fifteen more odd heads, Locations, charsets and statuses a news server may send.

Each probe is a real loopback server (rawkit) on 127.0.5.1-3 and real ``archiver fetch`` / ``extract`` runs
(``--retries 0``); each test checks the catalog, the WARC files (warcio record by record and ``warcio check``)
and the server's log. Earlier rounds' items are not repeated (1xx and 103 before a head, huge heads, conflicting
Content-Length, Content-Length beside chunked, robots.txt 5xx, bombs and redirects, Retry-After forms, silent
hosts, drips past the total timeout, a 304 with a body, redirects out of http: rounds 1-14).

Fixed here:

- chunked framing whose chunk-size lines (and the line ends after chunk data) are a bare LF timed out after
  ``--timeout`` with 0 bytes archived (kept-open connection), was "cut" with 0 bytes (closed), or failed as
  "illegal chunk header" once a CRLF came later in the page; now read as Chromium, Firefox, curl and wget read
  it, and the reason says so (``archiver.fetch.chunklines``);
- a gzip body announced with the Content-Length of the decoded page (the server closes after the coded bytes)
  was a body cut short, asked again at every run; Chromium takes it as whole when the decoded length matches
  exactly (crbug.com/79694), and so does archiver now (``archiver.fetch.shortbody``);
- a Content-Length larger than what the server sends, the same bytes every time, was failed and asked again at
  every run for ever, its text never extracted; the second run that gets the same bytes now captures it (still
  ``WARC-Truncated``), extraction reads it and no run asks again; a part that differs stays failed;
- a Content-Length smaller than the body: read to the length as browsers do (it was), and now the reason says
  how many bytes came after it;
- a Crawl-delay (decimal or not) of an origin first met through a redirect was never applied (requests 0.01 s
  apart); now it is, as for a seed's origin;
- ``Location: ///host/page`` led to the path ``/host/page`` of the redirecting host; WHATWG URL parsing skips
  the extra slashes (``archiver.fetch.redirects``).
"""
from __future__ import annotations

import gzip

import h11
import pytest
from rawkit import RawServer, Reply, fetch_and_extract, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile2 import head
from warckit import all_records, assert_archive_sound, catalog_rows, pywb_replay, warc_files

from archiver.fetch.chunklines import read_bare_lf

SENTENCE = "A sentence of the page {key}, long enough to look like an article. "
HTML = "Content-Type: text/html"


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Fifteen " + key + "</title></head><body><article><p>"
            + SENTENCE.format(key=key) * 12 + "</p><p>The last words of " + key + ".</p></article></body></html>"
            ).encode()


def whole(key: str, *lines: str | bytes, body: bytes | None = None, status: str = "200 OK") -> Reply:
    data = page(key) if body is None else body
    return Reply([head(status, *lines, f"Content-Length: {len(data)}") + data])


def lf_chunked(key: str, end: bytes = b"0\n\n", close: bool = False, *lines: bytes) -> Reply:
    data, out = page(key), b""
    for i in range(0, len(data), 300):
        out += b"%x\n%s\n" % (len(data[i:i + 300]), data[i:i + 300])
    return Reply([head("200 OK", HTML, *lines, "Transfer-Encoding: chunked") + out + end], close=close)


CAFE = ("<html><head><title>caf\u00e9</title></head><body><article><p>"
        + "Le caf\u00e9 cr\u00e8me co\u00fbte \u00e9norm\u00e9ment, dit-on \u00e0 Paris. " * 10 + "</p></article></body></html>")


def routes(port: int) -> dict[str, object]:
    coded = gzip.compress(page("decoded length"), mtime=0)
    return {
        # fixed: bare-LF chunked framing, kept open, closed, without the last blank line, then a CRLF later
        "/lf-open": lambda r: lf_chunked("lf open"),
        "/lf-close": lambda r: lf_chunked("lf close", close=True),
        "/lf-no-blank": lambda r: lf_chunked("lf no blank", end=b"0\n", close=True),
        # ... and behind a head h11 refuses (a NUL in a value): the tolerant reader says it too
        "/lf-tolerant": lambda r: lf_chunked("lf tolerant", b"0\n\n", True, b"X-Note: a\x00b"),
        "/lf-then-crlf": lambda r: Reply([head("200 OK", HTML, "Transfer-Encoding: chunked") + b"%x\n%s\r\n0\r\n\r\n"
                                          % (len(page("lf then crlf")), page("lf then crlf"))]),
        # fixed: Content-Length of the decoded page; said: bytes past the Content-Length
        "/cl-decoded": lambda r: Reply([head("200 OK", HTML, "Content-Encoding: gzip",
                                             f"Content-Length: {len(page('decoded length'))}") + coded], close=True),
        "/cl-decoded-off": lambda r: Reply([head("200 OK", HTML, "Content-Encoding: gzip",
                                                 f"Content-Length: {len(page('decoded length')) + 1}") + coded],
                                           close=True),
        "/cl-short": lambda r: Reply([head("200 OK", HTML, "Content-Length: 300") + page("short")], close=True),
        "/stray-crlf": lambda r: Reply([head("200 OK", HTML, f"Content-Length: {len(page('crlf'))}") + page("crlf")
                                        + b"\r\n"]),
        # fixed: three slashes
        "/loc-3slash": lambda r: Reply([head("302 Found", f"Location: ///www.h15.test:{port}/target",
                                             "Content-Length: 0")]),
        "/loc-3slash-scheme": lambda r: Reply([head("302 Found", f"Location: http:///www.h15.test:{port}/target",
                                                    "Content-Length: 0")]),
        # kept: heads, Locations, charsets and statuses read as browsers read them
        "/obs-fold": lambda r: whole("fold", "Content-Type: text/html;", " charset=utf-8"),
        "/nul-header": lambda r: whole("nul", HTML, b"X-Note: a\x00b"),
        "/utf8-header": lambda r: whole("utf8 header", HTML, "X-Title: caf\u00e9 cr\u00e8me".encode()),
        "/lf-head": lambda r: Reply([b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: %d\n\n"
                                     % len(page("lf head")) + page("lf head")]),
        "/no-reason": lambda r: Reply([b"HTTP/1.1 200\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                                       % len(page("no reason")) + page("no reason")]),
        "/cl-plus": lambda r: Reply([head("200 OK", HTML, f"Content-Length: +{len(page('plus'))}") + page("plus")],
                                    close=True),
        "/cl-zeros": lambda r: Reply([head("200 OK", HTML, f"Content-Length: 00{len(page('zeros'))}")
                                      + page("zeros")]),
        "/te-identity": lambda r: Reply([head("200 OK", HTML, "Transfer-Encoding: identity",
                                              f"Content-Length: {len(page('identity'))}") + page("identity")]),
        "/ce-gzip-identity": lambda r: whole("x", HTML, "Content-Encoding: gzip, identity",
                                             body=gzip.compress(page("gzip identity"), mtime=0)),
        "/loc-space": lambda r: Reply([head("302 Found", "Location: /tar get", "Content-Length: 0")]),
        "/loc-utf8": lambda r: Reply([head("302 Found", "Location: /caf\u00e9".encode(), "Content-Length: 0")]),
        "/loc-query": lambda r: Reply([head("302 Found", "Location: ?page=2", "Content-Length: 0")]),
        "/refresh-header": lambda r: whole("x", HTML, "Refresh: 0; url=/target", body=b"<html><body>on</body></html>"),
        "/bom-vs-header": lambda r: whole("x", "Content-Type: text/html; charset=windows-1252",
                                          body=b"\xef\xbb\xbf" + CAFE.encode()),
        "/bom16-vs-header": lambda r: whole("x", "Content-Type: text/html; charset=utf-8",
                                            body=b"\xff\xfe" + CAFE.encode("utf-16-le")),
        "/s304": lambda r: Reply([head("304 Not Modified", 'ETag: "x"')]),
        "/target": lambda r: whole("target", HTML),
        "/tar%20get": lambda r: whole("space target", HTML),
        "/caf%C3%A9": lambda r: whole("cafe target", HTML),
        "/loc-query?page=2": lambda r: whole("page two", HTML),
        "/after": lambda r: whole("after", HTML),
    }


TARGETS = ("/target", "/tar%20get", "/caf%C3%A9", "/loc-query?page=2", "/after")


@pytest.fixture(scope="module")
def run15(tmp_path_factory):
    srv = RawServer("www.h15.test", "127.0.5.1")
    table = routes(srv.port)
    yield fetch_and_extract(tmp_path_factory.mktemp("hostile15"), srv, table,
                            [p for p in table if p not in TARGETS] + ["/after"])


def row(run, path: str):
    rows = catalog_rows(run["root"] / "c.db", "SELECT c.*, e.error AS extract_error, e.text_path FROM captures c "
                        "LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url LIKE ? ORDER BY c.id", ("%" + path,))
    assert rows, path
    return rows[-1]


def response(run, path: str):
    return [r for r in all_records(run["root"] / "warcs") if r.type == "response" and r.uri.endswith(path)][-1]


def clean_text(run, path: str) -> str:
    got = row(run, path)
    assert got["text_path"], dict(got)
    return (run["root"] / "clean" / got["text_path"]).read_text()


def test_the_run_ends_without_traceback_and_every_warc_checks(run15):
    assert "Traceback" not in run15["out"], run15["out"][-3000:]
    assert_archive_sound(run15["root"] / "warcs")
    assert row(run15, "/after")["state"] == "captured"


@pytest.mark.parametrize("path,key", [("/lf-open", "lf open"), ("/lf-close", "lf close"),
                                      ("/lf-no-blank", "lf no blank"), ("/lf-then-crlf", "lf then crlf"),
                                      ("/lf-tolerant", "lf tolerant")])
def test_chunk_lines_ended_by_a_bare_lf_are_read_and_said(run15, path, key):
    """Before: 0 bytes and "timeout mid-body" (kept open), "connection closed mid-body" (closed), or "illegal
    chunk header" (a CRLF later in the page)."""
    got = row(run15, path)
    assert got["state"] == "captured" and got["truncated"] is None, dict(got)
    assert "ended by a bare LF, not CRLF" in got["reason"]
    assert ("malformed response headers: read leniently" in got["reason"]) == (path == "/lf-tolerant")
    rec = response(run15, path)
    assert rec.raw_payload == page(key) and "WARC-Truncated" not in rec.headers
    assert "The last words of " + key in clean_text(run15, path)


def test_the_bare_lf_reader_takes_a_body_fed_a_byte_at_a_time():
    """h11 with the mended reader, fed one byte at a time (a line end split across reads): the page whole, and
    a CRLF body is read as h11 reads it (no line mended)."""
    for sep, mended in ((b"\n", 5), (b"\r\n", 0)):
        conn = h11.Connection(h11.CLIENT)
        conn.send(h11.Request(method="GET", target="/", headers=[("Host", "x")]))
        data = page("bytes")
        wire = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"%x" % 600 + sep + data[:600] + sep
                + b"%x" % (len(data) - 600) + sep + data[600:] + sep + b"0" + sep + sep)
        events, reader = [], None
        for i in range(len(wire)):
            conn.receive_data(wire[i:i + 1])
            while (event := conn.next_event()) is not h11.NEED_DATA:
                events.append(event)
                if isinstance(event, h11.Response):
                    reader = read_bare_lf(conn)
                if isinstance(event, h11.EndOfMessage):
                    break
        assert reader is not None and reader.mended == mended
        assert b"".join(bytes(e.data) for e in events if isinstance(e, h11.Data)) == data
        assert isinstance(events[-1], h11.EndOfMessage)


def test_a_gzip_body_whose_length_counts_the_decoded_page_is_whole(run15):
    """Chromium's exact-match rule: decoded length == Content-Length is whole; one byte off stays cut."""
    got = row(run15, "/cl-decoded")
    assert got["state"] == "captured" and got["truncated"] is None, dict(got)
    assert "counts the page after its gzip coding is undone" in got["reason"]
    assert "WARC-Truncated" not in response(run15, "/cl-decoded").headers
    assert "The last words of decoded length." in clean_text(run15, "/cl-decoded")
    off = row(run15, "/cl-decoded-off")
    assert off["state"] == "failed" and off["truncated"] == "disconnect"


def test_bare_lf_and_decoded_length_captures_replay_whole_in_pywb(run15):
    """The decoded-length record keeps its Content-Length renamed (``X-Archive-Orig-Content-Length``): pywb
    sent the stored 895 and the replay hung waiting for bytes the record does not hold (before)."""
    import httpx

    assert ("X-Archive-Orig-Content-Length", str(len(page("decoded length")))) in response(
        run15, "/cl-decoded").http_headers
    with pywb_replay(warc_files(run15["root"] / "warcs"), run15["root"] / "pywb") as prefix, \
            httpx.Client(timeout=60) as client:
        for path, key in (("/cl-decoded", "decoded length"), ("/lf-close", "lf close"), ("/lf-open", "lf open")):
            got = client.get(prefix + run15["srv"].url(path))
            assert got.status_code == 200 and got.content == page(key), (path, got.status_code, got.content[-80:])


def test_bytes_past_the_content_length_are_said_and_not_archived(run15):
    got = row(run15, "/cl-short")
    assert got["state"] == "captured" and got["truncated"] is None
    assert got["reason"].startswith(f"Content-Length 300, but {len(page('short')) - 300} more bytes came after it")
    assert response(run15, "/cl-short").raw_payload == page("short")[:300]
    crlf = row(run15, "/stray-crlf")  # a stray CRLF after a body is no surplus
    assert crlf["state"] == "captured" and crlf["reason"] is None


@pytest.mark.parametrize("path", ["/loc-3slash", "/loc-3slash-scheme"])
def test_a_location_of_three_slashes_leads_to_its_host(run15, path):
    """Before: http://www.h15.test:PORT/www.h15.test:PORT/target, a 404."""
    got = row(run15, path)
    assert got["state"] == "captured", dict(got)
    assert got["final_url"].endswith("/target") and "/www.h15.test" not in got["final_url"].split("//", 1)[1]


@pytest.mark.parametrize("path,key,lenient", [
    ("/obs-fold", "fold", False), ("/nul-header", "nul", True), ("/utf8-header", "utf8 header", False),
    ("/lf-head", "lf head", False), ("/no-reason", "no reason", False), ("/cl-plus", "plus", True),
    ("/cl-zeros", "zeros", False), ("/te-identity", "identity", True), ("/ce-gzip-identity", "gzip identity", False),
])
def test_odd_heads_are_captured_as_sent(run15, path, key, lenient):
    got = row(run15, path)
    assert got["state"] == "captured" and got["truncated"] is None, dict(got)
    assert (got["reason"] is not None and "read leniently" in got["reason"]) == lenient, got["reason"]
    assert "The last words of " + key in clean_text(run15, path)


@pytest.mark.parametrize("path,target,key", [("/loc-space", "/tar%20get", "space target"),
                                             ("/loc-utf8", "/caf%C3%A9", "cafe target"),
                                             ("/loc-query", "/loc-query?page=2", "page two"),
                                             ("/refresh-header", "/target", "target")])
def test_odd_locations_and_a_refresh_header_are_followed_as_browsers_follow_them(run15, path, target, key):
    got = row(run15, path)
    assert got["state"] == "captured" and got["final_url"].endswith(target), dict(got)
    assert "The last words of " + key in clean_text(run15, path)


@pytest.mark.parametrize("path", ["/bom-vs-header", "/bom16-vs-header"])
def test_a_bom_wins_over_the_charset_of_the_header(run15, path):
    """WHATWG's decode: the BOM first, the Content-Type's charset after."""
    assert "Le caf\u00e9 cr\u00e8me co\u00fbte \u00e9norm\u00e9ment" in clean_text(run15, path)


def test_a_304_to_a_request_without_validators_fails_with_its_status(run15):
    got = row(run15, "/s304")
    assert got["state"] == "failed" and got["reason"] == "HTTP 304 Not Modified"


# -- a body cut the same way in two runs -----------------------------------------------------------------------------

def cut_routes() -> dict[str, object]:
    return {
        "/cl-long": lambda r: Reply([head("200 OK", HTML, f"Content-Length: {len(page('long')) + 500}")
                                     + page("long")], close=True),
        "/no-last-chunk": lambda r: Reply([head("200 OK", HTML, "Transfer-Encoding: chunked") + b"%x\r\n%s\r\n" % (
            len(page("no last chunk")), page("no last chunk"))], close=True),
        "/cl-varies": lambda r: Reply([head("200 OK", HTML, "Content-Length: 2000") + page("varies")[:300 + 100 * r.hit]],
                                      close=True),
        "/cl-empty": lambda r: Reply([head("200 OK", HTML, "Content-Length: 300")], close=True),
        "/gone-cut": lambda r: Reply([head("404 Not Found", HTML, f"Content-Length: {len(page('gone')) + 9}")
                                      + page("gone")], close=True),
    }


def test_a_body_cut_the_same_way_in_two_runs_is_captured_truncated_and_not_asked_again(tmp_path):
    """Run 1: each body cut short fails ("will retry next run"). Run 2: the same bytes again are the page
    (captured, WARC-Truncated kept, text extracted); bytes that differ, an empty body and a 404 stay failed.
    Run 3 asks none of the captured ones. Before: failed at every run, never extracted."""
    srv = RawServer("cut.h15.test", "127.0.5.4")
    for path, handler in cut_routes().items():
        srv.route(path, handler)
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    args = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db"]
    with srv:
        urls = write_list(tmp_path / "urls.txt", [srv.url(p) for p in cut_routes()])
        for _ in range(2):
            out = run_archiver("fetch", urls, *args, "--delay", "0", "--retries", "0", "--timeout", "10",
                               "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path, timeout=300)
            assert "Traceback" not in out.stderr
        run_archiver("extract", *args, "--clean", tmp_path / "clean", "--jobs", "1", cwd=tmp_path, timeout=300)
        asked = len(srv.requests)
        third = run_archiver("fetch", urls, *args, "--delay", "0", "--retries", "0", "--timeout", "10",
                             "--progress", "never", "--resolve", srv.resolve, cwd=tmp_path, timeout=300)
        again = [q.path for q in srv.requests[asked:] if q.path != "/robots.txt"]
    run = {"root": tmp_path}
    for path, key in (("/cl-long", "long"), ("/no-last-chunk", "no last chunk")):
        got = row(run, path)
        assert got["state"] == "captured" and got["truncated"] == "disconnect", dict(got)
        assert got["reason"].startswith("the server sent the same ")
        assert response(run, path).headers.get("WARC-Truncated") == "disconnect"
        assert "The last words of " + key in clean_text(run, path)
    assert "Content-Length announces" in row(run, "/cl-long")["reason"]
    # the part is framed by the record, not by the length it fell short of: replay gives it at once
    assert ("X-Archive-Orig-Content-Length", str(len(page("long")) + 500)) in response(run, "/cl-long").http_headers
    import httpx

    with pywb_replay(warc_files(tmp_path / "warcs"), tmp_path / "pywb") as prefix, httpx.Client(timeout=60) as client:
        got = client.get(prefix + srv.url("/cl-long"))
        assert got.status_code == 200 and got.content == page("long")
    assert "before the last chunk" in row(run, "/no-last-chunk")["reason"]
    for path in ("/cl-varies", "/cl-empty", "/gone-cut"):
        assert row(run, path)["state"] == "failed", path
    assert sorted(again) == ["/cl-empty", "/cl-varies", "/gone-cut"], third.stdout
    assert_archive_sound(tmp_path / "warcs")


# -- Crawl-delay of an origin met through a redirect ------------------------------------------------------------------

@pytest.mark.parametrize("delay", ["1.5", "1,5"])
def test_a_decimal_crawl_delay_of_an_origin_reached_by_redirects_spaces_its_requests(tmp_path, delay):
    """Seeds on one host redirect to pages of another whose robots.txt asks ``Crawl-delay: 1.5`` (or ``1,5``,
    a decimal comma, which Protego ignores). Before: the four pages were asked 0.01 s apart (the delay was set
    only for an origin a seed's first turn reached; the comma form not at all)."""
    a, b = RawServer("a.h15.test", "127.0.5.2"), RawServer("b.h15.test", "127.0.5.3")
    a.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    b.route("/robots.txt", lambda r: http_reply(f"User-agent: *\nCrawl-delay: {delay}\n", content_type="text/plain"))
    for i in range(4):
        a.route(f"/r{i}", lambda r, i=i: Reply([head("302 Found", f"Location: {b.url(f'/p{i}')}",
                                                     "Content-Length: 0")]))
        b.route(f"/p{i}", lambda r, i=i: whole(f"b{i}", HTML))
    with a, b:
        urls = write_list(tmp_path / "urls.txt", [a.url(f"/r{i}") for i in range(4)])
        out = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                           "--retries", "0", "--progress", "never", "--resolve", a.resolve, "--resolve", b.resolve,
                           "--private-redirects", "allow", cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    times = [q.time for q in b.requests if q.path.startswith("/p")]
    assert len(times) == 4
    assert min(y - x for x, y in zip(times, times[1:], strict=False)) >= 1.4  # the delay asked, never less


# -- robots.txt as other things than a robots.txt --------------------------------------------------------------------

ROBOTS = {
    # a log-in page served for every path: no rule in it (Google's parser reads its lines and finds none)
    "html": ("200 OK", "<!doctype html><html><body><form>Log in</form><p>Disallow: /</p></body></html>", True),
    # rules shown in a <pre> of an HTML page: its lines are rules all the same (obeyed: the cautious reading)
    "pre": ("200 OK", "<html><body><pre>\nUser-agent: *\nDisallow: /p\n</pre></body></html>", False),
    # RFC 9309 section 2.3.1.3: a 4xx, 401 and 403 too, is "unavailable": the crawler may access everything
    "s403": ("403 Forbidden", "no", True),
    "s401": ("401 Unauthorized", "no", True),
}


def test_robots_txt_served_as_html_or_refused_reads_as_rfc_9309_and_google_read_it(tmp_path):
    servers = {}
    for i, (key, (status, body, _)) in enumerate(ROBOTS.items()):
        srv = RawServer(f"{key}.h15.test", f"127.0.5.{10 + i}")
        srv.route("/robots.txt", lambda r, st=status, b=body: http_reply(b, st, content_type="text/html"))
        srv.route("/p0", lambda r, k=key: whole(k, HTML))
        servers[key] = srv.start()
    try:
        urls = write_list(tmp_path / "urls.txt", [s.url("/p0") for s in servers.values()])
        flags = [x for s in servers.values() for x in ("--resolve", s.resolve)]
        out = run_archiver("fetch", urls, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0",
                           "--retries", "0", "--progress", "never", *flags, cwd=tmp_path, timeout=300)
    finally:
        for srv in servers.values():
            srv.stop()
    assert "Traceback" not in out.stderr
    for key, (_, _, allowed) in ROBOTS.items():
        got = row({"root": tmp_path}, f"{key}.h15.test:{servers[key].port}/p0")
        assert (got["state"] == "captured") == allowed, (key, dict(got))
        if not allowed:
            assert got["reason"] == "robots.txt disallows this URL"
    assert_archive_sound(tmp_path / "warcs")
