"""Hostile servers, seventh round (session 15, host6): what is not an HTML page, one article under several
spellings of its URL, endless bodies, proxies from the environment, IPv6 loopback, empty pages, GET
refused, cloaking, cookies across a redirect.

One ``archiver fetch`` run (``--retries 0``, ``--max-body 1M``) of one list over rawkit servers on
127.0.0.230-231, then ``archiver extract``, then the same fetch again; each test checks one behaviour in the
catalog, the WARC files (``warcio check``, record by record) and the servers' logs. The proxy and IPv6
tests run archiver on their own.

Fixed here: a body of only a byte-order mark and whitespace is an empty body (it failed extraction as
"unparseable HTML: empty document"); JSON or a feed served as ``text/html`` is "not HTML" (its source
became the clean text); an IPv6 literal is written compressed, as browsers write it (``[0:0:0:0:0:0:0:1]``
and ``[::1]`` were two hosts, fetched twice); a capture repeating the page (same host, same payload) of an
earlier line of the run says so in its log line and the summary counts it (one article under a trailing
slash, ``utm_*`` or ``fbclid`` spelling was captured again without a word).
"""
from __future__ import annotations

import http.server
import json
import socket
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile import run_with_rusage
from test_fetch_hostile2 import head
from warckit import all_records, assert_archive_sound, catalog_rows, pywb_replay, warc_files


def article(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Seven " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + "</p></article></body></html>").encode()


PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       + b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n" * 20 + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
PDF_BINARY = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 16
JSON_BODY = json.dumps({"title": "Seven", "body": "A sentence of a JSON article. " * 40}).encode()
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>One</title>'
       b"<description>" + b"A sentence of a feed item. " * 20 + b"</description></item></channel></rss>")
ATOM = (b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>'
        b"<entry><title>One</title><content>" + b"A sentence of an entry. " * 20 + b"</content></entry></feed>")
TEXT = ("Seven plain\n\n" + "A sentence of a plain text article long enough. " * 15 + "\n").encode()
MAX_BODY = 1 << 20


def served(body: bytes, content_type: str | None, *lines: str, status: str = "200 OK") -> Reply:
    return Reply([head(status, f"Content-Type: {content_type}" if content_type else "X-Type: none",
                       f"Content-Length: {len(body)}", *lines) + body])


def endless_chunked():
    yield head("200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked")
    while True:
        yield b"10000\r\n" + b"x" * 65536 + b"\r\n"


def two_gigabytes():
    yield head("200 OK", "Content-Type: text/html", "Content-Length: 2147483648") + article("huge")
    while True:
        yield b"y" * 65536


def cloaking(r) -> Reply:
    """A page for archiver's User-Agent and another for everyone else."""
    return served(article("for-bots" if "archiver" in r.headers.get("user-agent", "") else "for-people"),
                  "text/html", "Vary: User-Agent")


def needs_cookie(r) -> Reply:
    if "gate=ok" in r.headers.get("cookie", ""):
        return served(article("behind-cookie"), "text/html")
    return served(b"no cookie", "text/plain", status="403 Forbidden")


# list key -> (route, what extraction says: None for an article)
KINDS = {
    "pdf": (lambda r: served(PDF, "application/pdf"), "not HTML: application/pdf"),
    "pdf_binary": (lambda r: served(PDF_BINARY, "application/pdf"), "not HTML: application/pdf"),
    "png": (lambda r: served(PNG, "image/png"), "not HTML: image/png"),
    "mp4": (lambda r: served(MP4, "video/mp4"), "not HTML: video/mp4"),
    "json": (lambda r: served(JSON_BODY, "application/json"), "not HTML: application/json"),
    "rss": (lambda r: served(RSS, "application/rss+xml"), "not HTML: application/rss+xml"),
    "text": (lambda r: served(TEXT, "text/plain; charset=utf-8"), None),  # read as text since round 8
    "html_octet": (lambda r: served(article("octet"), "application/octet-stream"), None),
    "html_untyped": (lambda r: served(article("untyped"), None), None),
    "html_as_jpeg": (lambda r: served(article("jpeg"), "image/jpeg"), "not HTML: image/jpeg"),
    "pdf_as_html": (lambda r: served(PDF, "text/html"), "not HTML: binary content (text/html)"),
    "png_as_html": (lambda r: served(PNG, "text/html"), "not HTML: binary content (text/html)"),
    "pdf_octet": (lambda r: served(PDF_BINARY, "application/octet-stream"),
                  "not HTML: binary content (application/octet-stream)"),
    "json_as_plain": (lambda r: served(JSON_BODY, "text/plain"), "not HTML: JSON, served as text/plain"),
    "json_as_html": (lambda r: served(JSON_BODY, "text/html"), "not HTML: JSON, served as text/html"),
    "rss_as_html": (lambda r: served(RSS, "text/html"), "not HTML: an RSS feed, served as text/html"),
    "atom_as_html": (lambda r: served(ATOM, "text/html; charset=utf-8"), "not HTML: an Atom feed, served as text/html"),
    "empty": (lambda r: served(b"", "text/html"), "empty body"),
    "whitespace": (lambda r: served(b" \r\n\t \n" * 50, "text/html"), "empty body"),
    "bom": (lambda r: served(b"\xef\xbb\xbf", "text/html"), "empty body"),
    "bom_whitespace": (lambda r: served(b"\xef\xbb\xbf\n\n  \r\n", "text/html"), "empty body"),
    "bom_utf16": (lambda r: served(b"\xff\xfe \x00\n\x00", "text/html"), "empty body"),
    "cloak": (cloaking, None),
}
SPELLINGS = ["/art", "/art/", "/art?utm_source=news&utm_medium=mail", "/art?fbclid=IwAR0abc", "/art#comments"]


@dataclass
class Run:
    root: Path
    warcs: Path
    db: Path
    output: str
    returncode: int
    rerun: str
    later: str  # the list grown by one more spelling of /art, fetched after the rerun
    peak_mib: float
    urls: dict[str, str]
    server: RawServer

    def row(self, url: str) -> sqlite3.Row:
        return catalog_rows(self.db, "SELECT c.*, e.error AS extract_error, e.title FROM captures c "
                                     "LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url = ?", (url,))[0]


def fetch(root: Path, list_path: Path, srv: RawServer, *extra: str):
    return run_with_rusage(["fetch", str(list_path), "--warcs", str(root / "warcs"), "--db", str(root / "c.db"),
                            "--delay", "0", "--retries", "0", "--progress", "never", "--timeout", "10", "--per-host", "1",
                            "--max-body", "1M", "--resolve", srv.resolve, *extra], root, timeout=600)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile7")
    srv = RawServer("www.h7.test", "127.0.0.230")
    for key, (route, _) in KINDS.items():
        srv.route("/" + key, route)
    srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
    srv.route("/get-refused", lambda r: served(b"", "text/plain", "Allow: HEAD", status="405 Method Not Allowed"))
    srv.route("/gate", lambda r: Reply([head("302 Found", "Location: /behind", "Set-Cookie: gate=ok; Path=/",
                                             "Content-Length: 0")]))
    srv.route("/behind", needs_cookie)
    srv.route("/endless", lambda r: Reply(endless_chunked()))
    srv.route("/huge", lambda r: Reply(two_gigabytes()))
    srv.route("/art", lambda r: served(article("art"), "text/html"))
    srv.route("/art/", lambda r: served(article("art"), "text/html"))
    srv.start()
    try:
        urls = {key: srv.url("/" + key) for key in KINDS}
        urls.update({key: srv.url("/" + key) for key in ("get-refused", "gate", "endless", "huge")})
        urls.update({f"spelling{i}": srv.url(path) for i, path in enumerate(SPELLINGS)})
        urls["upper_host"] = srv.url("/art").replace("www.h7.test", "WWW.H7.TEST")
        list_path = write_list(root / "urls.txt", list(urls.values()))
        proc, peak = fetch(root, list_path, srv)
        extract = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                               "--jobs", "1", cwd=root, timeout=600)
        asked = len(srv.requests)
        again, _ = fetch(root, list_path, srv)
        srv.rerun_asked = [r.path for r in srv.requests[asked:]]  # type: ignore[attr-defined]
        grown = write_list(root / "grown.txt", [*urls.values(), srv.url("/art?utm_campaign=later")])
        later, _ = fetch(root, grown, srv)
        yield Run(root, root / "warcs", root / "c.db", proc.stdout + proc.stderr + extract.stdout + extract.stderr,
                  proc.returncode, again.stdout + again.stderr, later.stdout + later.stderr, peak, urls, srv)
    finally:
        srv.stop()


def test_the_runs_end_without_traceback_and_every_warc_checks(run):
    assert "Traceback" not in run.output + run.rerun, run.output[-3000:]
    assert run.returncode == 1  # the 405 and the two endless bodies fail, by design
    assert_archive_sound(run.warcs)


# -- 1. what is not an HTML page: captured as served, extraction says what it did -----------------------------

@pytest.mark.parametrize("key", list(KINDS))
def test_what_is_not_an_html_page_is_captured_as_served_and_extraction_says_what_it_did(run, key):
    """Each body is archived byte for byte under its own Content-Type; extraction keeps an article only from
    HTML (sniffed when the type says nothing: octet-stream, none) and otherwise records why, never a clean
    text of a PDF's, a feed's or JSON's source (before: JSON or a feed served as text/html became the clean
    text; a body of a byte-order mark alone failed "unparseable HTML: empty document")."""
    url = run.urls[key]
    row = run.row(url)
    assert row["state"] == "captured" and row["reason"] is None, dict(row)
    rec = next(r for r in all_records(run.warcs) if r.uri == url and r.type == "response")
    assert rec.raw_payload == b"".join(KINDS[key][0](None if key != "cloak" else _UA).chunks).partition(
        b"\r\n\r\n")[2]
    assert row["extract_error"] == KINDS[key][1]
    if KINDS[key][1] is None:
        assert row["title"].startswith("Seven ")


class _UA:
    headers = {"user-agent": "archiver"}


def test_a_cloaking_server_is_recorded_as_it_served_archiver(run):
    """The WARC is the exchange: the page served to archiver's User-Agent, which the request record names."""
    row = run.row(run.urls["cloak"])
    assert row["title"] == "Seven for-bots"
    request = next(r for r in all_records(run.warcs) if r.uri == run.urls["cloak"] and r.type == "request")
    assert (request.http_header("User-Agent") or "").startswith("archiver/")


def test_non_html_captures_replay_in_pywb_as_served(run):
    import httpx

    with pywb_replay(warc_files(run.warcs), run.root / "pywb") as prefix, httpx.Client(timeout=60) as client:
        for key, body in (("pdf", PDF), ("png", PNG), ("json_as_html", JSON_BODY), ("bom", b"\xef\xbb\xbf")):
            got = client.get(prefix + run.urls[key])
            assert got.status_code == 200 and got.content == body, (key, got.status_code, got.content[:80])


# -- 2. one article under several spellings ---------------------------------------------------------------------

def test_spellings_of_one_url_that_are_one_url_are_fetched_once(run):
    """Host case and the fragment (never sent) make no second URL: one row for /art, and the list's
    start line counts the repeats as skipped."""
    assert len(catalog_rows(run.db, "SELECT id FROM captures WHERE url = ?", (run.urls["spelling0"],))) == 1
    assert sum(1 for r in run.server.requests if r.path == "/art") == 1


def test_a_page_captured_again_under_another_spelling_is_linked_to_the_first(run):
    """A trailing slash, utm_* and fbclid are other URLs (a server may answer each differently: archiver fetches
    a URL as listed), but each capture of the same page says which line had it first, and the summary counts
    them (before: captured without a word, silent duplicates)."""
    first = run.urls["spelling0"]
    for key in ("spelling1", "spelling2", "spelling3"):
        assert f"{run.urls[key]} (the same page as {first}, line {list(run.urls).index('spelling0') + 1})" in run.output
    # and the six non-HTML bodies served twice under two Content-Types (the same bytes) are linked too
    assert "  9 captures repeating a page already captured under another URL" in run.output, run.output[-2500:]


def test_a_spelling_added_to_the_list_later_is_linked_to_the_earlier_runs_capture(run):
    """The list gains /art?utm_campaign=later after its run: fetched (another URL), and linked to the capture of
    /art made by the first run, with that capture's time (the catalog's payload digest, indexed)."""
    url = run.server.url("/art?utm_campaign=later")
    line = next(ln for ln in run.later.splitlines() if ln.startswith(f"captured 200 {url}"))
    assert line.startswith(f"captured 200 {url} (the same page as {run.urls['spelling0']}, captured 20"), line
    assert "  1 capture repeating a page already captured under another URL" in run.later, run.later


def test_the_rerun_fetches_none_of_the_spellings_again(run):
    assert not [p for p in run.server.rerun_asked if p.startswith("/art")], run.server.rerun_asked
    assert "\ncaptured " not in run.rerun, run.rerun


# -- 3. endless bodies, GET refused, cookies across a redirect --------------------------------------------------

@pytest.mark.parametrize("key", ["endless", "huge"])
def test_an_endless_body_is_cut_at_max_body_with_its_reason_in_bounded_memory(run, key):
    row = run.row(run.urls[key])
    assert (row["state"], row["truncated"]) == ("failed", "length"), dict(row)
    assert row["reason"] == f"too large: body over {MAX_BODY} bytes (truncated)"
    rec = next(r for r in all_records(run.warcs) if r.uri == run.urls[key] and r.type == "response")
    assert len(rec.raw_payload) == MAX_BODY and rec.headers["WARC-Truncated"] == "length"
    assert run.peak_mib < 300, run.peak_mib


def test_a_server_refusing_get_fails_with_its_status(run):
    row = run.row(run.urls["get-refused"])
    assert (row["state"], row["reason"]) == ("failed", "HTTP 405 Method Not Allowed")
    assert {r.path for r in run.server.requests if r.path == "/get-refused"} == {"/get-refused"}


def test_a_cookie_set_on_a_redirect_is_sent_to_its_target(run):
    row = run.row(run.urls["gate"])
    assert row["state"] == "captured" and row["title"] == "Seven behind-cookie", dict(row)


# -- 4. proxies from the environment, IPv6 loopback ------------------------------------------------------------

class _Page(http.server.BaseHTTPRequestHandler):
    body = article("origin")

    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        body = b"" if self.path == "/robots.txt" else self.body
        self.send_response(404 if self.path == "/robots.txt" else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(address: str, family: socket.AddressFamily = socket.AF_INET) -> http.server.ThreadingHTTPServer:
    server_class = type("S", (http.server.ThreadingHTTPServer,), {"address_family": family})
    srv = server_class((address, 0), _Page)
    srv.paths = []  # type: ignore[attr-defined]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_proxies_from_the_environment_are_not_used(tmp_path):
    """README: archiver connects to each server itself; HTTP_PROXY, HTTPS_PROXY, ALL_PROXY (either case) and
    NO_PROXY are not read. A proxy named there (here a server on 127.0.0.231) is never asked."""
    origin, proxy = serve("127.0.0.230"), serve("127.0.0.231")
    try:
        proxy_url = f"http://127.0.0.231:{proxy.server_address[1]}"
        env = {name: proxy_url for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY")}
        env["NO_PROXY"] = env["no_proxy"] = ""
        seeds = write_list(tmp_path / "u.txt", [f"http://127.0.0.230:{origin.server_address[1]}/page"])
        done = run_archiver("fetch", seeds, "--warcs", tmp_path / "w", "--delay", "0", "--progress", "never",
                            cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert proxy.paths == [] and origin.paths == ["/robots.txt", "/page"]  # type: ignore[attr-defined]
    finally:
        origin.shutdown()
        proxy.shutdown()


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
def test_an_ipv6_loopback_seed_is_fetched_once_whatever_its_spelling(tmp_path):
    """``[::1]`` and ``[0:0:0:0:0:0:0:1]`` are one host (browsers write an IPv6 literal compressed, RFC 5952):
    one URL, one robots.txt, one capture, WARC-IP-Address ::1 (before: two hosts, each fetched)."""
    srv = serve("::1", socket.AF_INET6)
    try:
        port = srv.server_address[1]
        seeds = write_list(tmp_path / "u.txt", [f"http://[::1]:{port}/a", f"http://[0:0:0:0:0:0:0:1]:{port}/a",
                                                f"http://[0::1]:{port}/b"])
        done = run_archiver("fetch", seeds, "--warcs", tmp_path / "w", "--delay", "0", "--progress", "never",
                            cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert srv.paths == ["/robots.txt", "/a", "/b"] or sorted(srv.paths) == ["/a", "/b", "/robots.txt"]  # type: ignore[attr-defined]
        assert "2 to fetch, 1 skipped" in done.stdout
        rows = catalog_rows(tmp_path / "w" / "catalog.sqlite3", "SELECT url FROM captures ORDER BY url")
        assert [r["url"] for r in rows] == [f"http://[::1]:{port}/a", f"http://[::1]:{port}/b"]
        assert {r.headers.get("WARC-IP-Address") for r in all_records(tmp_path / "w") if r.type == "response"} == {"::1"}
        assert_archive_sound(tmp_path / "w")
    finally:
        srv.shutdown()


def test_extract_says_what_it_skipped_and_why(run):
    """The summary said only "20 skipped (not HTML or empty)"; a line before it now gives the reasons, most
    frequent first, so a PDF or a feed in the list is seen as such without reading the catalog."""
    line = next(ln for ln in run.output.splitlines() if ln.startswith("  skipped: "))
    assert line.startswith("  skipped: 5 empty body; "), line
    for reason in ("2 not HTML: application/pdf", "1 not HTML: JSON, served as text/html",
                   "1 not HTML: an Atom feed, served as text/html"):
        assert reason in line, line
    assert line.endswith("; 5 more pages (5 other reasons)"), line  # eight reasons named, the rest counted


def test_a_repeated_line_is_not_parsed_again(monkeypatch):
    """A list of 300,000 lines, half of them repeats, took 3.6-4.0 s of CPU to read; a line equal to a URL
    already read in its fetched spelling is now a duplicate at once (2.3-2.5 s). Repeats still count, with
    their line numbers; a repeat in another spelling is still parsed and found a duplicate."""
    import archiver.lists as lists

    calls: list[str] = []
    real = lists.normalize_url
    monkeypatch.setattr(lists, "normalize_url", lambda url: calls.append(url) or real(url))
    seeds, bad, dups = lists.parse_lines(b"http://a.test/x\nhttp://a.test/x\nhttp://A.test/x\nhttp://a.test/y\n"
                                         b"http://a.test/x \n")
    assert [s.line for s in seeds] == [1, 4] and not bad
    assert [d.line for d in dups] == [2, 3, 5] and {d.url for d in dups} == {"http://a.test/x"}
    assert calls == ["http://a.test/x", "http://A.test/x", "http://a.test/y"]


# -- 5. a body still coming at --url-timeout; many large pages at once ------------------------------------------

def test_a_body_still_coming_at_the_url_budget_is_archived_as_far_as_it_came(tmp_path):
    """--url-timeout 3 and a page whose body stops after 400 bytes for longer than that: the part is archived
    (WARC-Truncated: time), the capture failed with the URL budget named, as at --total-timeout (before: the
    budget cancelled the exchange and nothing was archived). A page within the budget is captured."""
    srv = RawServer("slow.h7.test", "127.0.0.231")
    page = article("slow")
    srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
    srv.route("/stalls", lambda r: Reply([head("200 OK", "Content-Type: text/html", f"Content-Length: {len(page)}")
                                          + page[:400], page[400:]], pause=60))
    srv.route("/whole", lambda r: served(page, "text/html"))
    with srv:
        seeds = write_list(tmp_path / "u.txt", [srv.url("/stalls"), srv.url("/whole")])
        done = run_archiver("fetch", seeds, "--warcs", tmp_path / "w", "--delay", "0", "--retries", "0",
                            "--progress", "never", "--url-timeout", "3", "--timeout", "30", "--resolve", srv.resolve,
                            cwd=tmp_path, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
    db = tmp_path / "w" / "catalog.sqlite3"
    stalled = catalog_rows(db, "SELECT * FROM captures WHERE url = ?", (srv.url("/stalls"),))[0]
    assert (stalled["state"], stalled["truncated"]) == ("failed", "time")
    assert stalled["reason"] == ("timeout mid-body (over 3 s for the URL in all, --url-timeout): the 400 bytes that "
                                 "came are archived with WARC-Truncated: time; will retry next run")
    rec = next(r for r in all_records(tmp_path / "w") if r.uri == srv.url("/stalls") and r.type == "response")
    assert rec.raw_payload == page[:400] and rec.headers["WARC-Truncated"] == "time"
    whole = catalog_rows(db, "SELECT * FROM captures WHERE url = ?", (srv.url("/whole"),))[0]
    assert whole["state"] == "captured"
    assert_archive_sound(tmp_path / "w")


def test_many_large_pages_at_once_stay_within_bounded_memory(tmp_path):
    """16 pages of 8 MiB each, all 16 in flight (--concurrency 16 --per-host 16): bodies past 1 MiB spool to
    disk, so the run's peak RSS stays far below the 128 MiB of bodies (measured: 24 pages of 20 MiB, 83 MiB)."""
    srv = RawServer("big.h7.test", "127.0.0.232")
    big = article("big") + b"<!--" + b"z" * (8 * 1024 * 1024) + b"-->"
    srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
    srv.route("/big", lambda r: Reply([head("200 OK", "Content-Type: text/html", f"Content-Length: {len(big)}")]
                                      + [big[i:i + 65536] for i in range(0, len(big), 65536)]))
    with srv:
        seeds = write_list(tmp_path / "u.txt", [srv.url(f"/big?{i}") for i in range(16)])
        done, peak = run_with_rusage(["fetch", str(seeds), "--warcs", str(tmp_path / "w"), "--delay", "0",
                                      "--progress", "never", "--concurrency", "16", "--per-host", "16",
                                      "--max-body", "20M", "--resolve", srv.resolve], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert peak < 160, peak
    assert len(catalog_rows(tmp_path / "w" / "catalog.sqlite3", "SELECT id FROM captures WHERE state = 'captured'")) == 16


def test_the_same_article_over_http_and_https_is_linked(tmp_path):
    """http://HOST/art and https://HOST/art (a trustme CA, --ca-bundle) are two URLs, both fetched; the second
    capture names the first, and a rerun fetches neither."""
    import trustme
    from test_fetch_hostile5 import TLSRawServer, tls_context

    ca = trustme.CA()
    plain = RawServer("both.h7.test", "127.0.0.233")
    secure = TLSRawServer("both.h7.test", "127.0.0.234", tls_context(ca.issue_cert("both.h7.test")))
    page = article("both")
    for srv in (plain, secure):
        srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
        srv.route("/art", lambda r: served(page, "text/html"))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    with plain, secure:
        seeds = write_list(tmp_path / "u.txt", [plain.url("/art"), secure.url("/art")])
        flags = ["--warcs", tmp_path / "w", "--delay", "0", "--per-host", "1", "--progress", "never",
                 "--ca-bundle", tmp_path / "ca.pem",
                 "--resolve", plain.resolve, "--resolve", secure.resolve]
        first = run_archiver("fetch", seeds, *flags, cwd=tmp_path)
        again = run_archiver("fetch", seeds, *flags, cwd=tmp_path)
        asked = [r.path for srv in (plain, secure) for r in srv.requests if r.path == "/art"]
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"captured 200 {secure.url('/art')} (the same page as {plain.url('/art')}, line 1)" in first.stdout
    assert again.returncode == 0 and "0 to fetch, 2 skipped" in again.stdout and asked == ["/art", "/art"]
    assert_archive_sound(tmp_path / "w")
