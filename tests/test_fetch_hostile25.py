"""Hostile servers, round 25 (session 33, host33): heads warcio misreads, hidden fields, stale 408s, escapes, types.

Each probe is a real server on loopback (rawkit on 127.0.45.1-127.0.45.10) and a real ``archiver fetch`` run
(``--retries 0``); each test reads the catalog, the WARC files with warcio (record by record and ``warcio check``),
``index.cdxj`` and the server's log. What round 25 tried and found right is listed in tests/HOSTILE.md.

Fixed here:

- a field line of whitespace alone inside a response head (a space, a tab: obs-fold of nothing, read by h11;
  a form feed, a lone CR, a no-break space byte: skipped by the tolerant reader): stored as received, so warcio
  (pywb, ``warcio check``, cdxj-indexer) ended the head there; the fields after it and the blank line became
  the payload, ``warcio check`` failed its digest. Such lines are left out of the stored head;
- a status line warcio splits elsewhere (``HTTP/1.1<TAB>200 OK``, `` HTTP/1.1 200 OK``, ``HTTP/1.1 200<TAB>OK``):
  read by the tolerant reader, stored as sent; index.cdxj gave the status ``OK``, ``HTTP/1.1``, ``200<TAB>OK``. It
  is stored with single spaces;
- a line starting with whitespace right after the status line: the tolerant reader took it for a field, so a
  hidden `` Content-Length: 10`` cut the page to 10 bytes (captured so), a hidden ``Transfer-Encoding: chunked``
  timed out, a hidden ``Location`` made two. It is ignored, as RFC 9112 section 2.2 asks and Chromium reads it;
- ``Transfer-Encoding`` on two lines (``gzip``, then ``chunked``): the tolerant reader took the last line only, and
  stored the gzip bytes as the page (extraction: "not HTML: binary content"). The lines are one list (RFC 9110
  section 5.3); ``chunked`` not last fails with that reason (it was captured with the chunk framing in the page);
- control characters in a server's reason phrase or ``Retry-After``: printed as they came (an ESC sequence
  retitled the terminal, a CR made ``failed ...`` show as ``captured 200 ...``) and stored so in the catalog.
  They are written as escapes (httpie/cli#1812 is the same report against HTTPie);
- a reason phrase of 200 KB, a 100 KB ``Transfer-Encoding``, 5,000 ``Content-Length`` values: the whole of each was
  the failure's reason (catalog, log line, summary). They are clipped;
- a ``408 Request Timeout`` read on a kept-alive connection (a server timing the idle connection out as the next
  request comes): the page failed ``HTTP 408``. It is sent again on a new connection, as Chromium does;
- a refresh value browsers do not act on (``0url=/x``, ``1e3; url=/x``, ``0/x``: the time not followed by ``;``, ``,``
  or whitespace), or a refresh tag or script stub inside a comment or a script's string: followed as a redirect hop,
  the capture another page (or a junk URL's 404). Not followed now;
- two ``Content-Type`` values (two lines, or a comma list) naming different charsets: the first was taken, a UTF-8 page
  extracted as windows-1251 mojibake. They are read as the Fetch standard's "extract a MIME type" (the last wins).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round25 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def raw(data: bytes, close: bool = False) -> Reply:
    return Reply([data], close=close)


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    flags = [f for s in servers for f in ("--resolve", s.resolve)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "5",
                        "--progress", "never", *flags, *extra, cwd=root, timeout=300)


def cdxj(root: Path) -> dict[str, dict]:
    lines = (root / "warcs" / "index.cdxj").read_text().splitlines()
    entries = [json.loads(line.split(" ", 2)[2]) for line in lines]
    return {e["url"].rsplit("/", 1)[1]: e for e in entries}


def chunked(data: bytes) -> bytes:
    return b"%x\r\n" % len(data) + data + b"\r\n0\r\n\r\n"


# -- heads warcio reads otherwise than HTTP readers ------------------------------------------------------------------

BLANKISH = {"space": b" ", "tab": b"\t", "formfeed": b"\x0c", "lonecr": b"\r", "nbsp": b"\xa0",
            "utf8nbsp": b"\xc2\xa0"}


def test_a_head_line_of_whitespace_alone_does_not_end_the_stored_head_for_warcio(tmp_path):
    """/KEY: a head with a line of whitespace alone between two fields (a space or tab: h11 reads an obs-fold of
    nothing; the others: the tolerant reader skips a line without a colon). Each is captured, and warcio reads the
    record's head whole (``Content-Type``, the fields after the line), the page as its payload, ``warcio check``
    passes and index.cdxj says ``text/html`` (before: warcio ended the head at that line, the page began with the
    fields' text, the payload digest failed)."""
    with allow_all(RawServer("blank.round25.test", "127.0.45.1")) as srv:
        for key, line in BLANKISH.items():
            body = page(key)
            srv.route(f"/{key}", lambda r, line=line, body=body: raw(
                b"HTTP/1.1 200 OK\r\nX-Before: 1\r\n" + line + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\nX-After: 2\r\n\r\n" % len(body) + body))
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in BLANKISH], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    got = responses(tmp_path)
    index = cdxj(tmp_path)
    for key in BLANKISH:
        assert rows[key]["state"] == "captured", (key, rows[key])
        rec = got[key][0]
        assert rec.http_header("Content-Type") == "text/html; charset=utf-8", (key, rec.http_headers)
        assert rec.http_header("X-After") == "2", (key, rec.http_headers)
        assert rec.raw_payload == page(key), (key, rec.raw_payload[:80])
        assert index[key]["mime"] == "text/html" and index[key]["status"] == "200", index[key]
    assert_archive_sound(tmp_path / "warcs")  # warcio check: every payload digest passes


STATUS_LINES = {"tabversion": b"HTTP/1.1\t200 OK", "leadspace": b" HTTP/1.1 200 OK", "tabreason": b"HTTP/1.1 200\tOK",
                "leadtab404": b"\tHTTP/1.1 404 Not Found"}


def test_a_status_line_warcio_would_split_elsewhere_is_stored_with_single_spaces(tmp_path):
    """/KEY: status lines the tolerant reader (as Chromium) reads but warcio splits at its first space only: a tab
    after the version or the code, whitespace before ``HTTP/``. The records' status reads 200 (404) in warcio and
    index.cdxj (before: ``OK``, ``HTTP/1.1``, ``200<TAB>OK``); the rest of the head is as sent."""
    with allow_all(RawServer("status.round25.test", "127.0.45.2")) as srv:
        for key, line in STATUS_LINES.items():
            body = page(key)
            srv.route(f"/{key}", lambda r, line=line, body=body: raw(
                line + b"\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body))
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in STATUS_LINES], [srv])
    rows = rows_by_key(tmp_path)
    got = responses(tmp_path)
    index = cdxj(tmp_path)
    for key in STATUS_LINES:
        want = 404 if key == "leadtab404" else 200
        assert rows[key]["http_status"] == want, (key, rows[key], done.stdout)
        assert got[key][0].http_status == want, key
        assert index[key]["status"] == str(want), index[key]
        assert got[key][0].raw_payload == page(key)
    assert rows["tabversion"]["state"] == "captured" and rows["leadtab404"]["reason"] == "HTTP 404 Not Found"
    assert_archive_sound(tmp_path / "warcs")


def test_a_line_folded_onto_the_status_line_is_no_field(tmp_path):
    """A line starting with whitespace right after the status line continues no field: RFC 9112 section 2.2 asks
    a recipient to ignore it, and Chromium folds it onto the status line. /cl hides `` Content-Length: 10`` there
    (the body ends at the close), /te a tab-led ``Transfer-Encoding: chunked`` beside a real length, /loc302 a
    `` Location: /decoy`` beside the real one. Before, the tolerant reader took each for a field: /cl was captured
    as its first 10 bytes, /te timed out (``timeout mid-body``), /loc302 failed with two Location headers."""
    with allow_all(RawServer("fold.round25.test", "127.0.45.3")) as srv:
        cl, te = page("cl"), page("te")
        srv.route("/cl", lambda r: raw(b"HTTP/1.1 200 OK\r\n Content-Length: 10\r\nContent-Type: text/html\r\n\r\n"
                                       + cl, close=True))
        srv.route("/te", lambda r: raw(b"HTTP/1.1 200 OK\r\n\tTransfer-Encoding: chunked\r\nContent-Type: text/html"
                                       b"\r\nContent-Length: %d\r\n\r\n" % len(te) + te))
        srv.route("/loc302", lambda r: raw(b"HTTP/1.1 302 Found\r\n Location: /decoy\r\nLocation: /target\r\n"
                                           b"Content-Length: 0\r\n\r\n"))
        srv.route("/target", lambda r: http_reply(page("target")))
        srv.route("/decoy", lambda r: http_reply(page("decoy")))
        done = fetch(tmp_path, [srv.url(p) for p in ("/cl", "/te", "/loc302")], [srv])
        asked = [q.path for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    assert all(rows[k]["state"] == "captured" for k in ("cl", "te", "loc302")), rows
    assert rows["loc302"]["final_url"].endswith("/target") and "/decoy" not in asked, (rows["loc302"], asked)
    got = responses(tmp_path)
    assert got["cl"][0].raw_payload == cl and got["te"][0].raw_payload == te
    assert_archive_sound(tmp_path / "warcs")


def test_transfer_encoding_on_two_lines_is_one_list(tmp_path):
    """/two: ``Transfer-Encoding: gzip`` and ``Transfer-Encoding: chunked`` on two lines, a gzipped page in chunks:
    one list, ``gzip, chunked`` (RFC 9110 section 5.3), so the gzip transfer coding is undone as for one line and
    the page is stored and extracted (before: the last line alone was read, the gzip bytes stored as the page under
    a ``Transfer-Encoding: gzip`` line, extraction "not HTML: binary content"). /notlast: ``chunked`` then ``gzip``
    (chunked not the final coding, which RFC 9112 section 6.1 forbids) fails with that reason (before: captured,
    the chunk-size lines inside the stored page)."""
    good, other = page("two"), page("notlast")
    with allow_all(RawServer("te.round25.test", "127.0.45.4")) as srv:
        srv.route("/two", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip\r\n"
                                        b"Transfer-Encoding: chunked\r\n\r\n" + chunked(gzip.compress(good))))
        srv.route("/notlast", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: "
                                            b"chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
                                            + gzip.compress(chunked(other)), close=True))
        done = fetch(tmp_path, [srv.url("/two"), srv.url("/notlast")], [srv])
    rows = rows_by_key(tmp_path)
    assert rows["two"]["state"] == "captured", rows["two"]
    rec = responses(tmp_path)["two"][0]
    assert rec.raw_payload == good, rec.raw_payload[:40]
    assert rec.http_header("Transfer-Encoding") is None, rec.http_headers  # both lines renamed
    assert rows["notlast"]["state"] == "failed", rows["notlast"]
    assert "chunked is not the last transfer coding (Transfer-Encoding: chunked, gzip)" in rows["notlast"]["reason"]
    assert_archive_sound(tmp_path / "warcs")
    ex = run_archiver("extract", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--jobs", "1",
                      "--progress", "never", cwd=tmp_path, timeout=300)
    out = ex.stdout + ex.stderr
    assert "1 extracted" in out and "0 skipped" in out and "0 failed" in out, out + done.stdout



def test_a_refresh_browsers_do_not_act_on_is_not_followed(tmp_path):
    """/meta: ``<meta http-equiv="refresh" content="0url=/elsewhere">``; /header: ``Refresh: 1e3; url=/elsewhere``;
    /slash: ``Refresh: 0/elsewhere``. WHATWG's "shared declarative refresh steps" stop when the time is followed by
    anything but ``;``, ``,`` or whitespace, so a browser stays on each page; archiver followed them as redirect
    hops (to ``/elsewhere``, to ``e3; url=/elsewhere``), the capture another page's. /commented: a refresh tag inside
    an HTML comment; /jsstring: one inside a script's string; /stubcomment: a ``location.href`` stub inside a
    comment; /srcdoc: one in an ``<iframe srcdoc>`` (it refreshes the frame, not the page): a browser's page goes
    nowhere, and archiver followed each. Each page is its own capture now; /good
    (``0; url=/elsewhere``) and /stub (a script hidden in ``<!-- //-->`` the old way) are still followed. /owasp:
    ``content="0;url=&#x2F;elsewhere?from=owasp&#38;x=1&notify=2"`` (OWASP's encoder writes ``/`` so): its character
    references are decoded as an HTML parser decodes them (``&notify`` stays, it has no ``;``), and the refresh goes
    to ``/elsewhere?from=owasp&x=1&notify=2`` (before: only ``&amp;`` was decoded, and ``/&`` was asked, a 404)."""
    def html(key: str, head: str = "") -> bytes:
        return page(key).replace(b"<head>", b"<head>" + head.encode())

    with allow_all(RawServer("refresh.round25.test", "127.0.45.10")) as srv:
        srv.route("/meta", lambda r: http_reply(html("meta", '<meta http-equiv="refresh" content="0url=/elsewhere">')))
        srv.route("/header", lambda r: http_reply(page("header"), headers=["Refresh: 1e3; url=/elsewhere"]))
        srv.route("/slash", lambda r: http_reply(page("slash"), headers=["Refresh: 0/elsewhere"]))
        srv.route("/good", lambda r: http_reply(page("good"), headers=["Refresh: 0; url=/elsewhere"]))
        srv.route("/commented", lambda r: http_reply(html("commented", '<!--\n<meta http-equiv="refresh" '
                                                                       'content="0; url=/elsewhere">\n-->')))
        srv.route("/jsstring", lambda r: http_reply(html("jsstring", "<script>var tag = '<meta http-equiv=\"refresh\" "
                                                                     "content=\"0; url=/elsewhere\">';</script>")))
        srv.route("/stubcomment", lambda r: http_reply(html("stubcomment", '<!-- <script>location.href = "/elsewhere"'
                                                                           '</script> -->')))
        srv.route("/stub", lambda r: http_reply(html("stub", '<script><!--\nlocation.href = "/elsewhere"\n//--></script>')))
        srv.route("/srcdoc", lambda r: http_reply(html("srcdoc", "<iframe srcdoc='<meta http-equiv=\"refresh\" "
                                                                 "content=\"0; url=/elsewhere\">'></iframe>")))
        srv.route("/owasp", lambda r: http_reply(html("owasp", '<meta http-equiv="refresh" content="0;url=&#x2F;'
                                                               'elsewhere?from=owasp&#38;x=1&notify=2">')))
        srv.route("/elsewhere", lambda r: http_reply(page("elsewhere")))
        keys = ("meta", "header", "slash", "good", "commented", "jsstring", "stubcomment", "stub", "srcdoc", "owasp")
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in keys], [srv])
        asked = [q.path for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    assert rows["stub"]["final_url"] == srv.url("/elsewhere"), rows["stub"]  # a script hidden the old way: followed
    assert rows["owasp"]["final_url"] == srv.url("/elsewhere?from=owasp&x=1&notify=2"), rows["owasp"]
    for key in ("meta", "header", "slash", "commented", "jsstring", "stubcomment", "srcdoc"):
        assert rows[key]["state"] == "captured" and rows[key]["final_url"] == srv.url(f"/{key}"), rows[key]
    assert rows["good"]["final_url"] == srv.url("/elsewhere"), rows["good"]
    assert asked.count("/elsewhere") == 2 and not any(p.startswith(("/e3", "/&")) for p in asked), asked

# -- what a server puts in a reason ---------------------------------------------------------------------------------

def test_control_characters_from_the_server_are_escaped_in_reasons_and_output(tmp_path):
    """/esc: a reason phrase with an OSC title sequence and a colour (``ESC ] 0 ; ... BEL``, ``ESC [ 31 m``); /cr: one
    with a CR followed by ``captured 200 http://fake/``, which overwrote the line on a terminal; /bidi: a right-to-left
    override; /wait: a 503 whose Retry-After holds an ESC. Before, each went as sent into the catalog and onto stdout
    (the summary too); now they are written ``\\x1b``, ``\\x0d``, ``\\u202e``; other text (letters, ``ü``) is kept."""
    with allow_all(RawServer("esc.round25.test", "127.0.45.5")) as srv:
        srv.route("/esc", lambda r: raw(b"HTTP/1.1 404 \x1b]0;PWNED\x07\x1b[31mNot Found\r\nContent-Length: 0\r\n\r\n"))
        srv.route("/cr", lambda r: raw(b"HTTP/1.1 404 Gone\rcaptured 200 http://fake/\r\nContent-Length: 0\r\n\r\n"))
        srv.route("/bidi", lambda r: raw("HTTP/1.1 410 Gelöscht \u202eevil\r\nContent-Length: 0\r\n\r\n".encode()))
        srv.route("/wait", lambda r: raw(b"HTTP/1.1 503 Busy\r\nRetry-After: \x1b[2J7\r\nContent-Length: 0\r\n\r\n"))
        done = fetch(tmp_path, [srv.url(p) for p in ("/esc", "/cr", "/bidi", "/wait")], [srv])
    out = done.stdout + done.stderr
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in out, (char, out)
    assert "failed " + srv.url("/esc") + ": HTTP 404 \\x1b]0;PWNED\\x07\\x1b[31mNot Found" in out, out
    assert "failed " + srv.url("/cr") + ": HTTP 404 Gone\\x0dcaptured 200 http://fake/" in out, out
    assert "HTTP 410 Gelöscht \\u202eevil" in out, out
    assert "Retry-After: \\x1b[2J7" in out, out
    rows = rows_by_key(tmp_path)
    for key in ("esc", "cr", "bidi", "wait"):
        assert not any(c in rows[key]["reason"] for c in "\x1b\x07\r\u202e"), rows[key]
    listed = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert "\x1b" not in listed.stdout and "\\x1b]0;PWNED" in listed.stdout, listed.stdout



def test_long_server_text_is_clipped_in_reasons(tmp_path):
    """Server text a failure's reason quotes, clipped as a page title is: /long, ``HTTP/1.1 404 AAAA...`` with a reason
    phrase of 200,000 characters (a head the tolerant reader takes: under 256 KiB); /te, a ``Transfer-Encoding`` of
    ``compress, `` 10,000 times; /cl, 5,000 different ``Content-Length`` lines. Before, each reason held the whole of
    it (200 KB, 100 KB, 29 KB), stored in the catalog and printed in the log line, the summary and the reasons'
    count; now the first characters and how many there were."""
    with allow_all(RawServer("long.round25.test", "127.0.45.9")) as srv:
        srv.route("/long", lambda r: raw(b"HTTP/1.1 404 " + b"A" * 200_000 + b"\r\nContent-Length: 0\r\n\r\n"))
        srv.route("/te", lambda r: raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: " + b"compress, " * 10_000
                                       + b"chunked\r\n\r\n0\r\n\r\n"))
        srv.route("/cl", lambda r: raw(b"HTTP/1.1 200 OK\r\n" + b"".join(b"Content-Length: %d\r\n" % (i + 1)
                                                                          for i in range(5_000)) + b"\r\nhello"))
        done = fetch(tmp_path, [srv.url(p) for p in ("/long", "/te", "/cl")], [srv])
    rows = rows_by_key(tmp_path)
    assert rows["long"]["reason"] == "HTTP 404 " + "A" * 120 + "\u2026 (200,000 characters)", rows["long"]["reason"][:300]
    assert rows["te"]["reason"].startswith("protocol error: unsupported transfer coding 'compress' (Transfer-Encoding: "
                                           "compress, compress,"), rows["te"]["reason"][:300]
    assert "\u2026 (100,007 characters))" in rows["te"]["reason"] and len(rows["te"]["reason"]) < 300
    assert rows["cl"]["reason"] == ("protocol error: conflicting Content-Length headers (1, 10, 100, 1000, 1001 and "
                                    "4,995 more): where the body ends is unknown"), rows["cl"]["reason"][:300]
    assert len(done.stdout) < 5_000, len(done.stdout)

# -- a 408 on a kept-alive connection --------------------------------------------------------------------------------

def test_a_408_on_a_kept_alive_connection_is_sent_again_on_a_new_one(tmp_path):
    """/second, asked on the connection robots.txt and /first used, answers ``408 Request Timeout`` and closes (a
    server timing the idle connection out as the request crossed it); asked again it answers. It is sent again at
    once on a new connection, as Chromium does (``RetryReason::kHttpRequestTimeout``), and captured; the 408 is not
    archived (before: failed ``HTTP 408 Request Timeout`` with ``--retries 0``). /fresh answers 408 on a connection
    of its own: that is the server's answer, failed as before, asked once."""
    timed_out = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    second = page("second")
    with allow_all(RawServer("keepalive.round25.test", "127.0.45.6")) as srv:
        srv.route("/first", lambda r: http_reply(page("first")))
        srv.route("/second", lambda r: raw(timed_out, close=True) if r.hit == 1 else http_reply(second))
        done = fetch(tmp_path, [srv.url("/first"), srv.url("/second")], [srv], "--per-host", "1")
        log = [(q.path, q.connection) for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    seconds = [c for p, c in log if p == "/second"]
    firsts = [c for p, c in log if p == "/first"]
    assert len(seconds) == 2 and seconds[0] == firsts[0] and seconds[1] != seconds[0], log  # kept alive, then new
    rows = rows_by_key(tmp_path)
    assert rows["second"]["state"] == "captured" and rows["second"]["reason"] is None, rows["second"]
    got = responses(tmp_path)
    assert [r.http_status for r in got["second"]] == [200] and got["second"][0].raw_payload == second
    assert_archive_sound(tmp_path / "warcs")

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    with allow_all(RawServer("fresh.round25.test", "127.0.45.7")) as srv2:
        srv2.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain",
                                                        close=True))
        srv2.route("/fresh", lambda r: raw(timed_out, close=True))
        fetch(fresh, [srv2.url("/fresh")], [srv2])
        asked = [q.path for q in srv2.requests]
    assert asked.count("/fresh") == 1, asked
    assert rows_by_key(fresh)["fresh"]["reason"] == "HTTP 408 Request Timeout"
    assert [r.http_status for r in responses(fresh)["fresh"]] == [408]  # the server's answer: archived


# -- several Content-Type values -------------------------------------------------------------------------------------

RUSSIAN = "Москва — столица России, и это предложение достаточно длинное для статьи. " * 12


def russian(key: str) -> str:
    return (f"<!doctype html><html><head><title>Заголовок {key}</title></head><body><article><p>{RUSSIAN}</p>"
            f"<p>Последние слова {key}.</p></article></body></html>")


def test_several_content_types_are_read_as_browsers_read_them(tmp_path):
    """/lines: ``Content-Type: text/html; charset=windows-1251`` then ``Content-Type: text/html; charset=utf-8``, a
    UTF-8 page; /list: the same two in one line, comma-separated. Browsers (the Fetch standard's "extract a MIME
    type", Chromium's ``GetMimeTypeAndCharset``) go by the last, so the page is UTF-8 (before: the first line's
    windows-1251 was used, the text stored as mojibake, ``Р—Р°РіРѕР»РѕРІРѕРє``). /carry: windows-1251 then a bare
    ``text/html``, a windows-1251 page: the charset carries over to the same type (right before, kept right)."""
    u8 = {k: russian(k).encode() for k in ("lines", "list")}
    carry = russian("carry").encode("windows-1251")

    def two(first: bytes, second: bytes | None, body: bytes) -> Reply:
        lines = b"Content-Type: " + first + (b"\r\nContent-Type: " + second if second else b"")
        return raw(b"HTTP/1.1 200 OK\r\n" + lines + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)

    with allow_all(RawServer("types.round25.test", "127.0.45.8")) as srv:
        srv.route("/lines", lambda r: two(b"text/html; charset=windows-1251", b"text/html; charset=utf-8", u8["lines"]))
        srv.route("/list", lambda r: two(b"text/html; charset=windows-1251, text/html; charset=utf-8", None,
                                         u8["list"]))
        srv.route("/carry", lambda r: two(b"text/html; charset=windows-1251", b"text/html", carry))
        done = fetch(tmp_path, [srv.url(p) for p in ("/lines", "/list", "/carry")], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    ex = run_archiver("extract", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--jobs", "1",
                      "--progress", "never", cwd=tmp_path, timeout=300)
    assert ex.returncode == 0, ex.stdout + ex.stderr
    rows = rows_by_key(tmp_path)
    assert rows["lines"]["content_type"] == rows["list"]["content_type"] == "text/html; charset=utf-8", rows
    assert rows["carry"]["content_type"] == "text/html; charset=windows-1251", rows["carry"]
    titles = {r["url"].rsplit("/", 1)[1]: r["title"] for r in catalog_rows(
        tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, title FROM extractions")}
    assert titles == {"lines": "Заголовок lines", "list": "Заголовок list", "carry": "Заголовок carry"}, titles
    texts = {p.name.split("-")[0]: p.read_text(encoding="utf-8") for p in (tmp_path / "clean").glob("*/*.txt")}
    assert all("Москва — столица России" in texts[k] for k in ("lines", "list", "carry")), texts
