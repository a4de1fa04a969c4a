"""Hostile servers, eighth round (session 16, host7): URLs with an empty query, a text/plain story, revisits that
name their original record, partial content nobody asked for, header lines cut by a bare CR, TLS spoken to an
http:// URL, HTTP/1.0 with chunked framing, Locations of every odd kind, and list lines that are not bare URLs.

One ``archiver fetch`` run (``--retries 0``, ``--max-body 1M``) of one list over a rawkit server on 127.0.1.1
(and an IDN host on 127.0.1.2), then ``archiver extract``, the same fetch again, and a ``--refresh`` fetch and
extract of two pages; each test checks one behaviour in the catalog, the WARC files (``warcio check``, record by
record, pywb for the revisit) and the server's log.

Fixed here: ``http://host/a?`` kept its ``?`` nowhere (fetched, recorded and deduplicated as ``http://host/a``),
nor did a Location ``/b?`` or ``?`` (the second was read as the URL itself: a "redirect loop"); a ``text/plain``
story was skipped as "not HTML" (now its paragraphs at blank lines, and the sidecar and the summary say so); a
revisit named its original by URL and date only (now ``WARC-Refers-To`` too); a 206 to a request without Range
was captured as the page; a Content-Type cut by a bare CR made the page "not HTML"; a TLS alert was "not an HTTP
response"; a list line ``URL # comment`` fetched ``URL%20``, a sitemap's ``<loc>`` lines were bad lines; a
revisit was written for an original whose WARC file was gone; the same-page table kept 540 bytes a capture.
"""
from __future__ import annotations

import gzip
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from test_fetch_hostile import run_with_rusage
from test_fetch_hostile2 import chunked, head
from warckit import all_records, assert_archive_sound, catalog_rows, pywb_replay, warc_files

ADDRESS, IDN_ADDRESS = "127.0.1.1", "127.0.1.2"
IDN = "xn--bcher-kva.h8.test"  # bücher.h8.test


def article(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Eight " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + "</p></article></body></html>").encode()


def page(key: str, *lines: str | bytes, status: str = "200 OK") -> Reply:
    body = article(key)
    return Reply([head(status, "Content-Type: text/html", f"Content-Length: {len(body)}", *lines) + body])


def redirect(location: str | bytes, *lines: str) -> Reply:
    return Reply([head("302 Found", b"Location: " + (location.encode() if isinstance(location, str) else location),
                       "Content-Length: 0", *lines)])


STORY = (b"The lighthouse keeper's year\n\n"
         b"The first paragraph of a story served as plain text, hard-wrapped at\n"
         b"sixty-odd characters the way mail and old archives are.\n"
         b"   \n"
         b"A second paragraph, after a line of spaces, long enough to read as one.\n\n\n"
         b"A third, after two blank lines; it ends the story.\n")


ROBOTS = "User-agent: *\nDisallow: /held?\nDisallow: /café\n"  # raw UTF-8, matched percent-encoded (RFC 9309)
LATIN1 = "Caf\u00e9 notes\n\nThe caf\u00e9 on the corner opened in 1921; its na\u00efve sign is still up.\n".encode("latin-1")


def served(body: bytes, *lines: str) -> Reply:
    return Reply([head("200 OK", *lines, f"Content-Length: {len(body)}") + body])


# path -> (reply, what extraction gives: the clean text, or the reason it skipped)
TEXTS = {
    "/plain-gz": (lambda r: served(gzip.compress(b"Gz story\n\nA paragraph of a gzipped story.\n"),
                                   "Content-Type: text/plain", "Content-Encoding: gzip"),
                  "Gz story\n\nA paragraph of a gzipped story.\n"),
    "/plain-utf16": (lambda r: served("\ufeffWide story\r\n\r\nA paragraph in UTF-16.\r\n".encode("utf-16-le"),
                                      "Content-Type: text/plain"), "Wide story\n\nA paragraph in UTF-16.\n"),
    "/plain-blank": (lambda r: served(b"\r\n\r\n   \r\n", "Content-Type: text/plain"), "empty body"),
    "/plain-markup": (lambda r: served(b"<div><p>Tags in a text file</p></div>\n", "Content-Type: text/plain"),
                      "not HTML: markup, served as text/plain"),
    "/plain-xhtml": (lambda r: served(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>'
                                      + b"words " * 40 + b"</p></body></html>", "Content-Type: text/plain"),
                     "not HTML: markup, served as text/plain"),
    "/gzip-empty": (lambda r: served(b"", "Content-Type: text/html", "Content-Encoding: gzip"), "empty body"),
}


def story(r) -> Reply:
    return Reply([head("200 OK", "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(STORY)}") + STORY])


def after_crlf(r) -> Reply:
    """A page followed by a stray CRLF, as some servers end a body on a kept-alive connection."""
    body = article("crlf " + r.path)
    return Reply([head("200 OK", "Content-Type: text/html", f"Content-Length: {len(body)}") + body + b"\r\n"])


def routes(srv: RawServer) -> dict[str, object]:
    """List key -> the route's path (its handler registered on ``srv``)."""
    port = srv.port
    table = {
        "empty_query": ("/a?", lambda r: page("a " + r.path)),
        "no_query": ("/a", None),
        "to_empty_query": ("/to-b", lambda r: redirect("/b?")),
        "to_question_mark": ("/to-q?x=1", lambda r: redirect("?") if r.path == "/to-q?x=1" else page("q " + r.path)),
        "story": ("/story.txt", story),
        "h10_chunk_cut": ("/h10-cut", lambda r: Reply([b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n"
                                                       b"Transfer-Encoding: chunked\r\n\r\n400\r\n"
                                                       + article("h10 cut")[:300]], close=True)),
        "h10_chunk_whole": ("/h10-whole", lambda r: Reply([b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n"
                                                           b"Transfer-Encoding: chunked\r\n\r\n"
                                                           + chunked([article("h10 whole")])], close=True)),
        "two_locations": ("/two-locations", lambda r: Reply([head("302 Found", "Location: /b", "Location: /c",
                                                                  "Content-Length: 0")])),
        "two_types": ("/two-types", lambda r: (lambda b: Reply([head(
            "200 OK", "Content-Type: text/plain", "Content-Type: text/html", f"Content-Length: {len(b)}") + b]))(
            article("two types"))),
        "partial": ("/partial", lambda r: Reply([head("206 Partial Content", "Content-Type: text/html",
                                                      "Content-Range: bytes 0-99/5000", "Content-Length: 100")
                                                 + article("partial")[:100]])),
        "crlf1": ("/crlf1", after_crlf),
        "crlf2": ("/crlf2", after_crlf),
        "loc_latin1": ("/loc-latin1", lambda r: redirect(b"/caf\xe9")),
        "loc_userinfo": ("/loc-userinfo", lambda r: redirect(f"http://user:hunter2@www.h8.test:{port}/b?who")),
        "loc_idn": ("/loc-idn", lambda r: redirect(f"http://bücher.h8.test:{port}/b?idn".encode())),
        "loc_bad_port": ("/loc-bad-port", lambda r: redirect("http://www.h8.test:99999/b")),
        "loc_huge": ("/loc-huge", lambda r: redirect("/b?" + "x" * 100_000)),
        "tls_alert": ("/tls-alert", lambda r: Reply([b"\x15\x03\x03\x00\x02\x02\x46"], close=True)),
        "bare_cr": ("/bare-cr", lambda r: (lambda b: Reply([
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\rX-Odd: yes\r\nContent-Length: " + str(len(b)).encode()
            + b"\r\n\r\n" + b]))(article("bare cr"))),
        "attachment": ("/attachment", lambda r: page("attachment", "Content-Disposition: attachment; filename=a.html")),
        "legal": ("/legal", lambda r: http_reply("withheld", "451 Unavailable For Legal Reasons")),
        "big_redirect": ("/big-redirect", lambda r: Reply([head("302 Found", "Location: /b?big", "Content-Type: text/html",
                                                                f"Content-Length: {3 << 20}") + b"z" * (3 << 20)])),
        "odd_status": ("/odd-status", lambda r: (lambda b: Reply([
            b"HTTP/1.1 200 \xc3\x9cbersicht \x00ok\r\nContent-Type: text/html\r\nContent-Length: "
            + str(len(b)).encode() + b"\r\n\r\n" + b]))(article("odd status"))),
    }
    for path, handler in table.values():
        if handler is not None:
            srv.route(path.split("?")[0], handler)
    srv.route("/robots.txt", lambda r: http_reply(ROBOTS, content_type="text/plain"))
    srv.route("/a", lambda r: page("a " + r.path))
    srv.route("/held", lambda r: page("held " + r.path))
    for path, (reply, _) in TEXTS.items():
        srv.route(path, reply)
    srv.route("/latin1.txt", lambda r: Reply([head("200 OK", "Content-Type: text/plain; charset=iso-8859-1",
                                                   f"Content-Length: {len(LATIN1)}") + LATIN1]))
    for path in ("/b", "/c", "/caf%E9"):
        srv.route(path, lambda r: page("b " + r.path))
    return {key: path for key, (path, _) in table.items()}


@dataclass
class Run:
    root: Path
    warcs: Path
    db: Path
    output: str  # the first fetch's and extract's
    returncode: int
    rerun: str
    refresh: str  # the --refresh fetch and extract of the story and /a?
    urls: dict[str, str]
    lines: dict[str, str]  # list key -> the list line as written
    server: RawServer
    idn: RawServer
    asked: int  # requests before the rerun

    def row(self, url: str) -> sqlite3.Row:
        return catalog_rows(self.db, "SELECT c.*, e.error AS extract_error, e.title, e.json_path FROM captures c "
                                     "LEFT JOIN extractions e ON e.capture_id = c.id WHERE c.url = ? ORDER BY c.id",
                            (url,))[0]


def fetch(root: Path, list_path: Path, srv: RawServer, *extra: str):
    return run_with_rusage(["fetch", str(list_path), "--warcs", str(root / "warcs"), "--db", str(root / "c.db"),
                            "--delay", "0", "--retries", "0", "--progress", "never", "--timeout", "10",
                            "--max-body", "1M", "--resolve", srv.resolve,
                            "--resolve", f"{IDN}:{srv.port}:{IDN_ADDRESS}", *extra], root, timeout=600)[0]


def extract(root: Path):
    return run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                        "--jobs", "1", cwd=root, timeout=600)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    root = tmp_path_factory.mktemp("hostile8")
    srv = RawServer("www.h8.test", ADDRESS)
    paths = routes(srv)
    idn = RawServer(IDN, IDN_ADDRESS)  # on the same port as srv: the Location names no other
    idn.sock.close()
    idn.sock = __import__("socket").socket()
    idn.sock.setsockopt(__import__("socket").SOL_SOCKET, __import__("socket").SO_REUSEADDR, 1)
    idn.sock.bind((IDN_ADDRESS, srv.port))
    idn.sock.listen(16)
    idn.port = srv.port
    # a soft 404: an HTML page for robots.txt, its text quoting a rule (no line of it is one)
    idn.route("/robots.txt", lambda r: http_reply("<html><body><p>Disallow: /</p><p>Not found.</p></body></html>"))
    idn.route("/b", lambda r: page("idn " + r.path))
    srv.start()
    idn.start()
    try:
        urls = {key: srv.url(path) for key, path in paths.items()}
        lines = dict(urls)
        urls.update({path: srv.url(path) for path in TEXTS})
        lines.update({path: srv.url(path) for path in TEXTS})
        urls.update({"held_empty_query": srv.url("/held?"), "held": srv.url("/held"),
                     "cafe": srv.url("/caf%C3%A9"), "latin1": srv.url("/latin1.txt")})
        lines.update({"held_empty_query": srv.url("/held?"), "held": srv.url("/held"), "cafe": srv.url("/café"),
                      "latin1": srv.url("/latin1.txt")})
        lines.update({
            "comment": srv.url("/c?comment") + "  # the weekly column",
            "loc": "<url><loc>" + srv.url("/c?loc=1&amp;b=2") + "</loc><lastmod>2026-12-01</lastmod></url>",
            "urlset": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            "bracketed": "<" + srv.url("/c?bracketed") + ">",
            "tsv": srv.url("/c?tsv") + "\tA title",
            "markup": "<p>see " + srv.url("/c?markup") + "</p>",
        })
        urls.update({"comment": srv.url("/c?comment"), "loc": srv.url("/c?loc=1&b=2"),
                     "bracketed": srv.url("/c?bracketed")})
        list_path = write_list(root / "urls.txt", list(lines.values()))
        first = fetch(root, list_path, srv)
        extracted = extract(root)
        asked = len(srv.requests)
        again = fetch(root, list_path, srv)
        some = write_list(root / "refresh.txt", [urls["story"], urls["empty_query"]])
        refreshed = fetch(root, some, srv, "--refresh")
        reextracted = extract(root)
        yield Run(root, root / "warcs", root / "c.db", first.stdout + first.stderr + extracted.stdout
                  + extracted.stderr, first.returncode, again.stdout + again.stderr,
                  refreshed.stdout + refreshed.stderr + reextracted.stdout + reextracted.stderr,
                  urls, lines, srv, idn, asked)
    finally:
        srv.stop()
        idn.stop()


def asked(run: Run, path: str) -> list[str]:
    return [r.path for r in run.server.requests[:run.asked] if r.path.split("?")[0] == path.split("?")[0]]


def response(run: Run, url: str):
    return next(r for r in all_records(run.warcs) if r.uri == url and r.type == "response")


def test_the_runs_end_without_traceback_and_every_warc_checks(run):
    assert "Traceback" not in run.output + run.rerun + run.refresh, run.output[-3000:]
    assert run.returncode == 1  # the cut, partial, unusable and refused ones fail, by design
    assert_archive_sound(run.warcs)


# -- 1. the fetch leftovers -------------------------------------------------------------------------------------

def test_an_empty_query_is_kept_in_what_is_asked_recorded_and_counted(run):
    """``/a?`` and ``/a`` are two URLs (WHATWG keeps the empty query; httpx and browsers send it): both asked,
    each recorded under the URL requested (before: ``/a?`` was read as ``/a``, a duplicate line, never asked)."""
    assert sorted(asked(run, "/a")) == ["/a", "/a?"]
    assert run.row(run.urls["empty_query"])["url"].endswith("/a?")
    assert response(run, run.urls["empty_query"]).raw_payload == article("a /a?")
    assert response(run, run.urls["no_query"]).raw_payload == article("a /a")


@pytest.mark.parametrize("key, target", [("to_empty_query", "/b?"), ("to_question_mark", "/to-q?")])
def test_a_location_with_an_empty_query_is_followed_as_written(run, key, target):
    """Location ``/b?`` asks ``/b?``; Location ``?`` on ``/to-q?x=1`` asks ``/to-q?`` (RFC 3986 5.2.2: an empty
    query replaces the base's). Before: ``/b``, and a "redirect loop" back to ``/to-q?x=1``."""
    row = run.row(run.urls[key])
    assert row["state"] == "captured" and row["final_url"] == run.server.url(target), dict(row)
    assert target in [r.path for r in run.server.requests]


def test_a_text_plain_story_is_archived_as_served_and_extracted_as_text(run):
    """Paragraphs at blank lines (a line of spaces is blank), wrapped lines joined, the first short line the
    title; the sidecar says ``extracted_as: text/plain`` and extract's summary counts it (before: skipped,
    ``not HTML: text/plain``)."""
    row = run.row(run.urls["story"])
    assert row["extract_error"] is None and row["title"] == "The lighthouse keeper's year", dict(row)
    assert response(run, run.urls["story"]).raw_payload == STORY
    sidecar = json.loads((run.root / "clean" / row["json_path"]).read_text())
    assert sidecar["extracted_as"] == "text/plain"
    text = (run.root / "clean" / sidecar["text_path"]).read_text()
    assert text == ("The lighthouse keeper's year\n\n"
                    "The first paragraph of a story served as plain text, hard-wrapped at sixty-odd characters "
                    "the way mail and old archives are.\n\n"
                    "A second paragraph, after a line of spaces, long enough to read as one.\n\n"
                    "A third, after two blank lines; it ends the story.\n")
    assert "4 from text/plain: paragraphs at blank lines" in run.output  # and the Latin-1, gzip, UTF-16 ones


def test_a_latin1_text_story_is_read_in_its_charset(run):
    row = run.row(run.urls["latin1"])
    assert row["title"] == "Caf\u00e9 notes", dict(row)
    text = (run.root / "clean" / json.loads((run.root / "clean" / row["json_path"]).read_text())["text_path"])
    assert "its na\u00efve sign" in text.read_text()


@pytest.mark.parametrize("path", list(TEXTS))
def test_text_bodies_gzipped_wide_blank_or_markup(run, path):
    """A gzipped or UTF-16 story is read as text; a blank one is an empty body; markup served as text/plain (an
    HTML fragment, XHTML after an XML declaration: a browser shows its source) is no story, skipped with why."""
    row = run.row(run.urls[path])
    want = TEXTS[path][1]
    if want.startswith(("empty body", "not HTML")):
        assert row["extract_error"] == want, dict(row)
    else:
        sidecar = json.loads((run.root / "clean" / row["json_path"]).read_text())
        assert (run.root / "clean" / sidecar["text_path"]).read_text() == want


def test_robots_rules_see_the_empty_query_and_percent_encoding(run):
    """``Disallow: /held?`` forbids ``/held?`` (before: asked as ``/held``, which it allows: the rule was
    missed) and not ``/held``; ``Disallow: /café`` forbids ``/caf%C3%A9`` (RFC 9309 2.2.2). A soft-404 HTML page
    as robots.txt has no rules: the IDN host's page is captured."""
    row = run.row(run.urls["held_empty_query"])
    assert (row["state"], row["reason"]) == ("failed", "robots.txt disallows this URL"), dict(row)
    assert run.row(run.urls["held"])["state"] == "captured"
    assert run.row(run.urls["cafe"])["reason"] == "robots.txt disallows this URL"
    assert [r.path for r in run.server.requests if r.path.startswith("/held")] == ["/held"]


def test_a_revisit_names_its_original_record(run):
    """WARC 1.1 section 5.11: the --refresh revisit carries WARC-Refers-To (the original response's record ID),
    -Target-URI and -Date, read from that record; warcio reads it (before: no WARC-Refers-To)."""
    records = all_records(run.warcs)
    for key in ("story", "empty_query"):
        url = run.urls[key]
        original = next(r for r in records if r.uri == url and r.type == "response")
        revisit = next(r for r in records if r.uri == url and r.type == "revisit")
        assert revisit.headers["WARC-Refers-To"] == original.id, revisit.headers
        assert revisit.headers["WARC-Refers-To-Target-URI"] == url
        assert revisit.headers["WARC-Refers-To-Date"] == original.headers["WARC-Date"]
    assert "captured 200 " + run.urls["story"] + " (unchanged: revisit)" in run.refresh, run.refresh


def test_the_story_revisit_reuses_its_text_and_says_how_it_was_read(run):
    rows = catalog_rows(run.db, "SELECT e.json_path FROM captures c JOIN extractions e ON e.capture_id = c.id "
                                "WHERE c.url = ? AND c.record_type = 'revisit'", (run.urls["story"],))
    sidecar = json.loads((run.root / "clean" / rows[0]["json_path"]).read_text())
    assert sidecar["extracted_as"] == "text/plain" and sidecar["title"] == "The lighthouse keeper's year"


def test_pywb_replays_the_revisits_from_their_originals(run):
    import httpx

    revisits = [r for r in all_records(run.warcs) if r.type == "revisit"]
    with pywb_replay(warc_files(run.warcs), run.root / "pywb") as prefix, httpx.Client(timeout=60) as client:
        for rec in revisits:
            stamp = "".join(ch for ch in rec.headers["WARC-Date"] if ch.isdigit())[:14]
            got = client.get(prefix.replace("/id_/", f"/{stamp}id_/") + rec.uri)
            want = STORY if rec.uri == run.urls["story"] else article("a /a?")
            assert got.status_code == 200 and got.content == want, (rec.uri, got.status_code, got.content[:80])


# -- 2. servers -------------------------------------------------------------------------------------------------

def test_http10_chunked_cut_mid_chunk_is_archived_in_part_and_retried(run):
    row = run.row(run.urls["h10_chunk_cut"])
    assert (row["state"], row["truncated"]) == ("failed", "disconnect"), dict(row)
    assert "will retry next run" in row["reason"]
    assert "/h10-cut" in [r.path for r in run.server.requests[run.asked:]]


def test_http10_chunked_whole_is_captured_decoded(run):
    row = run.row(run.urls["h10_chunk_whole"])
    assert row["state"] == "captured" and row["title"] == "Eight h10 whole", dict(row)


def test_two_different_locations_fail_with_both_named(run):
    row = run.row(run.urls["two_locations"])
    assert row["state"] == "failed" and "2 different Location headers ('/b', '/c')" in row["reason"]


def test_two_content_types_the_page_is_read_as_html(run):
    row = run.row(run.urls["two_types"])
    assert row["state"] == "captured" and row["title"] == "Eight two types", dict(row)


def test_partial_content_nobody_asked_for_is_archived_but_not_the_capture(run):
    """archiver sends no Range: a 206 is a part of the page. Archived as served, failed with the reason, asked
    again next run (before: captured, the first 100 bytes taken for the page, never fetched again)."""
    row = run.row(run.urls["partial"])
    assert row["state"] == "failed" and row["http_status"] == 206, dict(row)
    assert row["reason"].startswith("HTTP 206 Partial Content to a request without Range (Content-Range: "
                                    "bytes 0-99/5000)")
    assert response(run, run.urls["partial"]).raw_payload == article("partial")[:100]
    assert "/partial" in [r.path for r in run.server.requests[run.asked:]]


def test_a_stray_crlf_after_a_body_does_not_spoil_the_next_response(run):
    """The CRLF a server leaves after a body on a kept-alive connection: the next page on it reads cleanly."""
    for key in ("crlf1", "crlf2"):
        row = run.row(run.urls[key])
        assert row["state"] == "captured" and row["reason"] is None, dict(row)
    second = [r for r in run.server.requests[:run.asked] if r.path == "/crlf2"]
    assert len(second) == 1


def test_locations_of_odd_kinds(run):
    assert run.row(run.urls["loc_latin1"])["final_url"] == run.server.url("/caf%E9")  # the byte as %E9 (Firefox)
    row = run.row(run.urls["loc_idn"])
    assert row["state"] == "captured" and row["final_url"] == f"http://{IDN}:{run.server.port}/b?idn", dict(row)
    assert [r.path for r in run.idn.requests] == ["/robots.txt", "/b?idn"]
    row = run.row(run.urls["loc_bad_port"])
    assert row["state"] == "failed" and "unusable Location 'http://www.h8.test:99999/b'" in row["reason"]
    row = run.row(run.urls["loc_huge"])
    assert row["state"] == "failed" and "URL too long" in row["reason"] and len(row["reason"]) < 400


def test_a_password_in_a_location_stays_out_of_catalog_and_target_uri(run):
    row = run.row(run.urls["loc_userinfo"])
    assert row["state"] == "captured" and row["final_url"] == run.server.url("/b?who").replace(
        "http://", "http://user:***@"), dict(row)
    assert "hunter2" not in json.dumps([dict(r) for r in catalog_rows(run.db, "SELECT * FROM captures")])
    assert [r for r in all_records(run.warcs) if r.uri == run.server.url("/b?who") and r.type == "response"]
    assert not [r for r in all_records(run.warcs) if r.uri and "hunter2" in r.uri]


def test_tls_spoken_to_an_http_url_is_named(run):
    row = run.row(run.urls["tls_alert"])
    assert row["state"] == "failed" and "the server answered in a TLS alert, not HTTP" in row["reason"], dict(row)


def test_a_content_type_cut_by_a_bare_cr_is_sniffed_and_stored_as_received(run):
    """``Content-Type: text/html\\rX-Odd: yes``: no MIME type parses from it (WHATWG), so the body is sniffed:
    HTML, extracted (before: "not HTML: text/html\\rx-odd: yes"); the head is stored byte for byte."""
    row = run.row(run.urls["bare_cr"])
    assert row["extract_error"] is None and row["title"] == "Eight bare cr", dict(row)
    raw = b"".join(gzip.decompress(p.read_bytes()) for p in warc_files(run.warcs))
    assert b"\r\nContent-Type: text/html\rX-Odd: yes\r\n" in raw


def test_plain_statuses_and_bodies(run):
    assert run.row(run.urls["attachment"])["title"] == "Eight attachment"
    row = run.row(run.urls["legal"])
    assert (row["state"], row["reason"]) == ("failed", "HTTP 451 Unavailable For Legal Reasons")
    row = run.row(run.urls["odd_status"])
    assert row["state"] == "captured" and row["title"] == "Eight odd status", dict(row)
    row = run.row(run.urls["big_redirect"])
    assert row["state"] == "captured" and row["final_url"] == run.server.url("/b?big")
    hop = response(run, run.urls["big_redirect"])
    assert hop.http_status == 302 and hop.headers["WARC-Truncated"] == "length"


# -- 3. list lines that are not bare URLs -----------------------------------------------------------------------

def test_a_comment_after_a_url_is_not_part_of_it(run):
    """``URL  # note``: the URL is fetched (before: ``URL%20`` was asked, a 404)."""
    row = run.row(run.urls["comment"])
    assert row["state"] == "captured", dict(row)
    assert not [r for r in run.server.requests if "%20" in r.path]


def test_sitemap_lines_give_their_loc_urls(run):
    """``<url><loc>URL</loc>...</url>``: the URL, entities undone; a ``<urlset>`` line is markup, passed over; a
    URL in angle brackets (RFC 3986 appendix C) is read (before: bad lines, "no scheme")."""
    for key in ("loc", "bracketed"):
        assert run.row(run.urls[key])["state"] == "captured", key


def test_lines_that_stay_bad_are_reported_with_their_numbers(run):
    keys = list(run.lines)
    for key, reason in (("tsv", "not a URL (contains whitespace other than spaces)"),
                        ("markup", "not a URL (markup with a URL outside <loc>")):
        assert f"urls.txt:{keys.index(key) + 1}: {reason}" in run.output, run.output[:3000]
    assert "2 bad lines" in run.output


def test_the_rerun_asks_only_what_failed(run):
    again = {r.path for r in run.server.requests[run.asked:]}
    assert again - {"/robots.txt", "/h10-cut", "/partial", "/two-locations", "/tls-alert", "/loc-bad-port",
                    "/loc-huge", "/legal", "/a?", "/story.txt"} == set(), again
    # /h10-cut sends the same 300 bytes of its chunk again: the part is the server's own, captured now
    # (WARC-Truncated kept; test_fetch_hostile15's repeated cut), the other 8 still fail
    assert "summary: 1 captured (0 unchanged, written as revisits), 8 failed, 27 skipped, 2 bad lines" in run.rerun
    last = catalog_rows(run.db, "SELECT state, reason FROM captures WHERE url = ? ORDER BY id",
                        (run.urls["h10_chunk_cut"],))[-1]
    assert last["state"] == "captured" and last["reason"].startswith("the server sent the same 300 bytes in two runs")


# -- 4. memory kept per capture --------------------------------------------------------------------------------

def test_the_same_page_table_keeps_a_short_key_per_capture():
    """The outcome sink remembers each capture of the run to link a repeated page (host, payload digest). It
    kept (host, digest) -> (line, URL), about 540 bytes a capture (52 MiB over 100,000 URLs,
    bench/same_page_memory.py); now hash -> capture id, checked against the catalog on a hit: 121. The repeats
    are still linked, every one."""
    from bench.same_page_memory import measure

    got = measure(3000, repeat_every=50)
    assert got["linked"] == 28  # 4 in each second block of 200
    assert (got["kept"] - got["ids"]) / 3000 < 200, got


# -- 5. an interrupted run: SIGTERM while a redirect's target is slow ----------------------------------------------

def test_sigterm_mid_redirect_resumes_without_refetching_or_duplicating(tmp_path):
    """SIGTERM while the second hop's head is awaited: exit 130, the WARC closed and whole, one capture; the rerun
    asks the chain and the URL never reached, nothing else; ``archiver reindex`` from the WARCs gives the same
    captures as the catalog."""
    import signal
    import threading

    from sitekit import start_archiver

    reached = threading.Event()
    srv = RawServer("www.h8s.test", "127.0.1.5")
    srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
    srv.route("/one", lambda r: page("one"))
    srv.route("/two", lambda r: page("two"))
    srv.route("/chain", lambda r: redirect("/slow"))

    def slow(r) -> Reply:
        if r.hit > 1:
            return page("slow")
        reached.set()
        return Reply([b"", head("200 OK", "Content-Length: 4") + b"late"], pause=60)

    srv.route("/slow", slow)
    with srv:
        seeds = write_list(tmp_path / "u.txt", [srv.url("/one"), srv.url("/chain"), srv.url("/two")])
        args = ["fetch", seeds, "--warcs", tmp_path / "w", "--db", tmp_path / "c.db", "--delay", "0", "--retries",
                "0", "--progress", "never", "--per-host", "1", "--resolve", srv.resolve]
        proc = start_archiver(*args, output=tmp_path / "first.txt", cwd=tmp_path)
        try:
            assert reached.wait(120), (tmp_path / "first.txt").read_text()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=120) == 130, (tmp_path / "first.txt").read_text()
        finally:
            if proc.poll() is None:
                proc.kill()
        assert_archive_sound(tmp_path / "w")
        first = [r.path for r in srv.requests]
        again = run_archiver(*args, cwd=tmp_path, timeout=300)
        assert again.returncode == 0, again.stdout + again.stderr
        assert [r.path for r in srv.requests[len(first):]] == ["/robots.txt", "/chain", "/slow", "/two"]
    assert_archive_sound(tmp_path / "w")
    rows = catalog_rows(tmp_path / "c.db", "SELECT url, final_url, state FROM captures ORDER BY url")
    assert [(r["url"].rsplit("/", 1)[1], r["state"]) for r in rows] == [
        ("chain", "captured"), ("one", "captured"), ("two", "captured")]
    rebuilt = run_archiver("reindex", "--warcs", tmp_path / "w", "--db", tmp_path / "again.db", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert [tuple(r) for r in catalog_rows(tmp_path / "again.db", "SELECT url, final_url, state FROM captures "
                                                                   "ORDER BY url")] == [tuple(r) for r in rows]


def test_the_original_record_is_named_from_either_layout(tmp_path):
    """warc_read.record_identity reads a record's ID, URI and date from a gzipped or a plain WARC (imported files
    may be either); an offset inside a record, or a missing file, gives None (the revisit then names URI and date
    from the catalog, without WARC-Refers-To)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from archiver.warc_read import record_identity

    for zipped in (True, False):
        path = tmp_path / ("x.warc.gz" if zipped else "x.warc")
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=zipped)
            for n in range(2):
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
                record = writer.create_warc_record(f"http://h/{n}?", "response", payload=io.BytesIO(b"body"),
                                                   http_headers=http)
                offset = fh.tell()
                writer.write_record(record)
        got = record_identity(path, offset)
        assert got == (record.rec_headers.get_header("WARC-Record-ID"), "http://h/1?",
                       record.rec_headers.get_header("WARC-Date")), (zipped, got)
        assert record_identity(path, offset + 3) is None
    assert record_identity(tmp_path / "gone.warc.gz", 0) is None


def test_a_refresh_whose_original_is_gone_writes_the_page_whole(tmp_path):
    """--refresh of an unchanged page whose first WARC file was moved out of the folder: a revisit would point
    at a record no replay tool can find, so the payload is written whole, a response (before: a revisit naming
    the lost record's URL and date)."""
    srv = RawServer("www.h8r.test", "127.0.1.6")
    srv.route("/robots.txt", lambda r: http_reply("", "404 Not Found", content_type="text/plain"))
    srv.route("/p", lambda r: page("kept"))
    srv.route("/q", lambda r: page("moved"))
    with srv:
        args = ["--warcs", tmp_path / "w", "--db", tmp_path / "c.db", "--delay", "0", "--retries", "0",
                "--progress", "never", "--resolve", srv.resolve]
        first = run_archiver("fetch", write_list(tmp_path / "p.txt", [srv.url("/p")]), *args, cwd=tmp_path)
        second = run_archiver("fetch", write_list(tmp_path / "q.txt", [srv.url("/q")]), *args, cwd=tmp_path)
        assert first.returncode == second.returncode == 0, first.stdout + second.stdout
        q_file = catalog_rows(tmp_path / "c.db", "SELECT warc_file FROM captures WHERE url = ?",
                              (srv.url("/q"),))[0]["warc_file"]
        (tmp_path / "w" / q_file).rename(tmp_path / q_file)
        both = write_list(tmp_path / "both.txt", [srv.url("/p"), srv.url("/q")])
        again = run_archiver("fetch", both, "--refresh", *args, cwd=tmp_path)
        assert again.returncode == 0, again.stdout + again.stderr
    assert f"captured 200 {srv.url('/p')} (unchanged: revisit)" in again.stdout
    assert f"captured 200 {srv.url('/q')}\n" in again.stdout, again.stdout
    rows = catalog_rows(tmp_path / "c.db", "SELECT url, record_type FROM captures ORDER BY id DESC LIMIT 2")
    assert sorted((r["url"].rsplit("/", 1)[1], r["record_type"]) for r in rows) == [("p", "revisit"),
                                                                                   ("q", "response")]
    assert_archive_sound(tmp_path / "w")


def test_a_new_warc_file_never_takes_the_name_of_one_moved_away(tmp_path):
    """Runs that start in the same second named their first files alike (14-digit stamp, serial 1): a file
    moved out of the folder had its name taken by the next run, and captures in the catalog then pointed at
    the wrong file (the flaky refresh test above showed it). Stamps now go to the millisecond."""
    from archiver.http_headers import headers_buffer, request_headers, response_headers
    from archiver.warc import BodySpool, WarcWriter

    data = b"<html><body><p>same second</p></body></html>"
    request = request_headers("GET", "/", "HTTP/1.1", [(b"Host", b"name.test")])
    names = []
    for run in range(5):
        head = response_headers("HTTP/1.1", 200, b"OK", [(b"Content-Type", b"text/html"),
                                                         (b"Content-Length", str(len(data)).encode())])
        spool = BodySpool(headers_buffer(head), len(data) + 1)
        spool.feed(data)
        writer = WarcWriter(tmp_path / "w", info={"software": "test"})
        writer.write_exchange(f"http://name.test/{run}", request, head, spool.finish(), "127.0.0.1",
                              "2026-12-02T00:00:00Z")
        writer.close()
        (name,) = writer.files
        names.append(name)
        (tmp_path / "w" / name).rename(tmp_path / name)  # moved out, as a user archiving old files would
    assert len(set(names)) == 5, names
