"""Hostile servers, round 16 (session 23, host17): heads and codings the earlier rounds did not send, Locations
whose host is an IPv4 address in a spelling only WHATWG reads, a cookie set for a public suffix, and a refresh
``--private-redirects`` refuses.

Each probe is a real loopback server (rawkit) on 127.0.10.11-16 and real ``archiver fetch`` / ``extract`` runs
(``--retries 0``); each test reads the catalog, the WARC files (warcio record by record and ``warcio check``) and
the servers' logs. Earlier rounds' items are not repeated (1xx before a head, huge heads, bare-LF chunks, lengths
that lie, bombs, redirect loops, Retry-After, robots.txt faults, charsets and BOMs, unspecified addresses).

Fixed here:

- ``Location: http://127.0.0.1.:8080/`` (a trailing dot), ``http://0x7f.1/`` or ``http://2130706433/``: WHATWG
  URL parses such a host as an IPv4 address and browsers request the dotted address; archiver asked DNS for the
  trailing-dot form ("DNS: cannot resolve host") and sent the other spellings as written (Host: 0x7f.1); now the
  redirect goes to the dotted address (the private-network guard judges that), ``1.2.3.999`` is an unusable
  Location and ``0.0.0.0.`` is the unspecified address, as in browsers (``archiver.fetch.redirects``);
- ``Set-Cookie: ...; Domain=github.io`` from ``a.x.github.io`` was kept by ``http.cookiejar`` and sent to every
  other site under the public suffix; browsers refuse it (Public Suffix List), and so does archiver now
  (``archiver.fetch.cookiescope``);
- an interstitial whose refresh ``--private-redirects`` refused was captured without a word; its reason now says
  which refresh was not followed and why.
"""
from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile2 import head
from warckit import all_records, assert_archive_sound, catalog_rows

HTML = "Content-Type: text/html"


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Sixteen " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def whole(key: str, *lines: str, body: bytes | None = None) -> Reply:
    data = page(key) if body is None else body
    return Reply([head("200 OK", *lines, f"Content-Length: {len(data)}") + data])


def raw_deflate(data: bytes) -> bytes:
    coder = zlib.compressobj(wbits=-15)
    return coder.compress(data) + coder.flush()


def zstd(data: bytes) -> bytes:
    try:
        import zstandard
    except ImportError:
        return gzip.compress(data)
    return zstandard.ZstdCompressor().compress(data)


def fetch(root, servers: list[RawServer], seeds: list[str], *extra: str):
    urls = write_list(root / "urls.txt", seeds)
    resolve = [x for s in servers for x in ("--resolve", s.resolve)]
    return run_archiver("fetch", urls, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
                        "--progress", "never", "--ignore-robots", *resolve, *extra, cwd=root, timeout=300)


def extract(root):
    return run_archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                        "--progress", "never", cwd=root, timeout=300)



@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile16")
    main = RawServer("www.host17.test", "127.0.10.11")
    dst = RawServer("dst.host17.test", "127.0.10.12")
    a, b = RawServer("a.host17.github.io", "127.0.10.13"), RawServer("b.host17.github.io", "127.0.10.14")
    routes = {
        "/lead-crlf": lambda r: Reply([b"\r\n\r\n" + head("200 OK", HTML, f"Content-Length: {len(page('lead'))}")
                                       + page("lead")]),
        "/cl-list": lambda r: Reply([head("200 OK", HTML, "Content-Length: {0}, {0}".format(len(page("list"))))
                                     + page("list")]),
        "/cl-space": lambda r: Reply([head("200 OK", HTML, f"Content-Length : {len(page('space'))}") + page("space")],
                                     close=True),
        "/chunk-overflow": lambda r: Reply([head("200 OK", HTML, "Transfer-Encoding: chunked")
                                            + b"ffffffffffffffffffffff\r\n" + page("over")], close=True),
        "/raw-deflate": lambda r: whole("rawdef", HTML, "Content-Encoding: deflate", body=raw_deflate(page("rawdef"))),
        "/gzip-br": lambda r: whole("stacked", HTML, "Content-Encoding: gzip, br",
                                    body=brotli.compress(gzip.compress(page("stacked")))),
        "/zstd": lambda r: whole("zstd", HTML, "Content-Encoding: zstd", body=zstd(page("zstd"))),
        "/http09": lambda r: Reply([page("nine")], close=True),
        "/icy": lambda r: Reply([b"ICY 200 OK\r\ncontent-type: text/html\r\n\r\n" + page("icy")], close=True),
        "/h2-line": lambda r: Reply([b"HTTP/2 200\r\ncontent-type: text/html\r\ncontent-length: %d\r\n\r\n"
                                     % len(page("h2")) + page("h2")]),
        "/port-out": lambda r: Reply([head("302 Found", "Location: http://www.host17.test:99999/x", "Content-Length: 0")]),
        "/fragment-only": lambda r: Reply([head("302 Found", "Location: #top", "Content-Length: 0")]),
        "/ip-dot": lambda r: Reply([head("302 Found", f"Location: http://127.0.10.12.:{dst.port}/in", "Content-Length: 0")]),
        "/ip-hex": lambda r: Reply([head("302 Found", f"Location: http://0x7f.0.0xa.014:{dst.port}/in",
                                         "Content-Length: 0")]),
        "/ip-one": lambda r: Reply([head("302 Found", f"Location: http://{0x7F000A0C}:{dst.port}/in",
                                         "Content-Length: 0")]),
        "/ip-bad": lambda r: Reply([head("302 Found", f"Location: http://1.2.3.999:{dst.port}/in", "Content-Length: 0")]),
        "/ip-zero": lambda r: Reply([head("302 Found", f"Location: http://0.0.0.0.:{dst.port}/in", "Content-Length: 0")]),
        "/utf7": lambda r: http_reply("<p>+ADw-b+AD4-Words of a page in UTF-7 that no browser decodes.</p>",
                                      content_type="text/html; charset=utf-7"),
        "/empty-gzip": lambda r: Reply([head("200 OK", HTML, "Content-Encoding: gzip", "Content-Length: 0")]),
    }
    for path, handler in routes.items():
        main.route(path, handler)
    dst.route("/in", lambda r: whole("inside"))
    a.route("/", lambda r: Reply([head("302 Found", "Set-Cookie: track=leak; Domain=github.io; Path=/",
                                       "Set-Cookie: site=ok; Domain=host17.github.io; Path=/",
                                       "Set-Cookie: own=1; Path=/", f"Location: {b.url('/')}", "Content-Length: 0")]))
    b.route("/", lambda r: whole("cookie"))
    servers = [main, dst, a, b]
    for s in servers:
        s.start()
    try:
        seeds = [main.url(p) for p in routes] + [a.url("/")]
        out = fetch(root, servers, seeds)
        rerun = fetch(root, servers, seeds)
        done = extract(root)
    finally:
        for s in servers:
            s.stop()

    class Run:
        pass

    got = Run()
    got.root, got.out, got.rerun, got.extract = root, out, rerun, done
    got.main, got.dst, got.a, got.b = main, dst, a, b
    got.rows = {}
    for r in catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id"):
        got.rows.setdefault(r["url"], dict(r))
    return got


def row(run, path: str, server: str = "main") -> dict:
    return run.rows[getattr(run, server).url(path)]


def test_the_runs_end_without_traceback_and_every_warc_checks(run):
    for done in (run.out, run.rerun, run.extract):
        assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert run.out.returncode == 1  # some captures failed, as they should
    assert_archive_sound(run.root / "warcs")
    # the rerun asks only what failed: no capture twice
    assert "0 captured" in run.rerun.stdout + run.rerun.stderr or "summary: 0 captured" in run.rerun.stdout, \
        run.rerun.stdout
    counts = catalog_rows(run.root / "warcs" / "catalog.sqlite3",
                          "SELECT url, COUNT(*) AS n FROM captures WHERE state = 'captured' GROUP BY url HAVING n > 1")
    assert not counts, [dict(c) for c in counts]


@pytest.mark.parametrize("path", ["/lead-crlf", "/cl-list", "/cl-space", "/raw-deflate", "/gzip-br", "/zstd"])
def test_odd_but_readable_heads_and_codings_are_captured_as_sent_and_extracted(run, path):
    r = row(run, path)
    assert r["state"] == "captured" and r["http_status"] == 200, r
    records = [x for x in all_records(run.root / "warcs") if x.type == "response" and x.uri == r["url"]]
    assert records, r["url"]
    text = "\n".join(p.read_text() for p in (run.root / "clean").rglob(f"{path.strip('/')}-*.txt"))
    key = {"/lead-crlf": "lead", "/cl-list": "list", "/cl-space": "space", "/raw-deflate": "rawdef",
           "/gzip-br": "stacked", "/zstd": "zstd"}[path]
    if path == "/zstd":
        pytest.importorskip("zstandard")
    assert f"The last words of {key}." in text, (path, text[:300])


@pytest.mark.parametrize("path,words", [
    ("/chunk-overflow", "illegal chunk header"),
    ("/http09", "no status line; HTTP/0.9 or another protocol"),
    ("/icy", "not an HTTP response: it starts b'ICY 200 OK"),
    ("/h2-line", "not an HTTP/1.x status line: b'HTTP/2 200'"),
    ("/port-out", "unusable Location 'http://www.host17.test:99999/x'"),
    ("/fragment-only", "redirect loop"),
])
def test_what_no_browser_reads_fails_with_a_reason_naming_it(run, path, words):
    r = row(run, path)
    assert r["state"] == "failed" and words in (r["reason"] or ""), r


@pytest.mark.parametrize("path", ["/ip-dot", "/ip-hex", "/ip-one"])
def test_a_location_host_whatwg_reads_as_ipv4_is_followed_to_the_dotted_address(run, path):
    r = row(run, path)
    assert r["state"] == "captured", r
    assert r["final_url"] == f"http://127.0.10.12:{run.dst.port}/in", r
    assert {q.headers.get("host") for q in run.dst.requests} == {f"127.0.10.12:{run.dst.port}"}


def test_a_location_host_that_ends_in_a_number_but_is_no_address_is_unusable(run):
    r = row(run, "/ip-bad")
    assert r["state"] == "failed" and "(bad IPv4 address '1.2.3.999')" in r["reason"], r
    r = row(run, "/ip-zero")
    assert r["state"] == "failed" and "the unspecified address '0.0.0.0.'" in r["reason"], r


def test_a_cookie_for_a_public_suffix_is_not_sent_to_another_site(run):
    assert row(run, "/", "a")["state"] == "captured"
    cookies = [q.headers.get("cookie") for q in run.b.requests]
    assert cookies and all(c and "site=ok" in c and "track=leak" not in c for c in cookies), cookies
    assert all("own=1" not in (c or "") for c in cookies)  # host-only cookies stay with a.host17.github.io


def test_a_utf7_page_is_not_decoded_and_an_empty_gzip_body_is_empty(run):
    text = "\n".join(p.read_text() for p in (run.root / "clean").rglob("utf7-*.txt"))
    assert "+ADw-b+AD4-Words" in text  # as browsers show it (they never decode UTF-7)
    r = row(run, "/empty-gzip")
    assert r["state"] == "captured" and r["http_status"] == 200, r
    assert "empty" in run.extract.stdout + run.extract.stderr


def test_the_suffix_and_ipv4_readers():
    from archiver.fetch.cookiescope import public_suffix
    from archiver.fetch.redirects import ends_in_number, whatwg_ipv4

    pytest.importorskip("tld")
    assert [public_suffix(x) for x in ("github.io", ".co.uk", "com", "example.co.uk", "host17.test")] == \
        [True, True, True, False, False]
    assert [whatwg_ipv4(h) for h in ("127.0.0.1.", "0x7f.1", "2130706433", "0177.0.0.01", "0x", "1.2.3.256",
                                     "1.2.3.4.5", "256.1")] == \
        ["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "0.0.0.0", None, None, None]
    assert [ends_in_number(h) for h in ("example.com", "a.1", "a.0x1f", "a.1e", "1.2.3.4.")] == \
        [False, True, True, False, True]


def test_a_refresh_the_private_network_guard_refuses_is_said(tmp_path):
    src, dst = RawServer("src.host17.test", "127.0.10.15"), RawServer("dst.host17.test", "127.0.10.16")
    src.route("/meta", lambda r: http_reply(f'<html><head><meta http-equiv="refresh" content="0; url={dst.url("/x")}">'
                                            "</head><body>Please wait</body></html>"))
    src.route("/header", lambda r: http_reply("<p>Please wait</p>", headers=[f"Refresh: 0; url={dst.url('/x')}"]))
    dst.route("/x", lambda r: whole("behind"))
    with src, dst:
        done = fetch(tmp_path, [src, dst], [src.url("/meta"), src.url("/header")], "--private-redirects", "deny")
    assert "Traceback" not in done.stdout + done.stderr
    assert not dst.requests
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY list_line")
    for r in rows:
        assert r["state"] == "captured", dict(r)
        assert r["reason"].startswith(f"its refresh to {dst.url('/x')} not followed: dst.host17.test is a local "
                                      "address (127.0.10.16); --private-redirects deny"), dict(r)
    assert_archive_sound(tmp_path / "warcs")
