"""Hostile servers and lists, round 29 (session 35, host37): the list file, dot segments, HTTP/2, loops, signals.

Each probe is a real server on loopback (rawkit on 127.0.53.1-20, some behind TLS from a trustme CA; h2kit for
HTTP/2) and a real ``archiver fetch`` (``--retries 0``), then ``extract`` where the test says; each test reads the
catalog, the WARC files with warcio (``warcio check`` too), the run's output and the server's log. The first four
tests fail on the code before this round:

- ``/./x``, ``/y/../x`` and ``/a/%2e%2E/x`` in a list (or an absolute ``Location`` naming ``/./``): httpx asks
  ``/x`` for the first two (``%2e`` as written), as Chromium, Firefox and curl ask ``/x`` for all three, but the
  catalog, ``WARC-Target-URI`` and index.cdxj named the spelling; the same page was fetched once per spelling;
- a list line of 3,000,000 characters: fetched, failed ``InvalidURL: URL too long`` (httpx's limit, 65,536),
  the whole line printed in the failure and summary lines, and asked again at every run;
- a list saved as an HTML page: every ``<a href>`` line "markup with a URL outside <loc>" (a sitemap's words);
  a NUL byte in a line of a UTF-8 list: "not UTF-8 ...; save the list as UTF-8"; a URL copied with a zero-width
  space (U+200B) or word joiner before it: "no scheme; expected http://";
- an HTTP/2 answer (head and body part) read by another stream's read in the same batch as a ``GOAWAY``
  (``ENHANCE_YOUR_CALM``, what servers send against floods) naming its stream: httpcore raised the GOAWAY before
  looking at the events queued for it, so the answer that had come was lost (``protocol error``, nothing archived).

The other tests keep probes that were already right.
"""
from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import h2.errors
import h2.settings
import pytest
import trustme
from h2kit import H2Server, whole
from rawkit import RawServer, Reply, http_reply
from sitekit import archiver_env, run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, warc_files, warcio_check

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round29 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def moved(location: str) -> Reply:
    return Reply([b"HTTP/1.1 301 Moved Permanently\r\nLocation: " + location.encode() + b"\r\nContent-Length: 0\r\n\r\n"])


def fetch(root: Path, listed: Path, resolve: list[str], *extra: str) -> subprocess.CompletedProcess:
    flags = [f for r in resolve for f in ("--resolve", r)]
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
                        "--progress", "never", *flags, *extra, cwd=root, timeout=300)


def rows(root: Path) -> list[dict]:
    return [dict(r) for r in catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")]


def hits(srv: RawServer, path: str) -> int:
    return sum(1 for r in srv.requests if r.path == path)


# -- fixed: dot segments ---------------------------------------------------------------------------------------------

def test_dot_segments_are_asked_recorded_and_deduplicated_as_browsers_resolve_them(tmp_path):
    """``/./x``, ``/y/../x``, ``/a/%2e%2E/x`` (the WHATWG URL parser reads ``%2e`` as a dot) are ``/x`` to Chromium,
    Firefox and curl; a ``Location: http://host/news/./../story`` is ``/story``. Before: httpx asked ``/x`` for the
    first two but the catalog and ``WARC-Target-URI`` named the spelling (a URL no request asked), each spelling
    fetched again (three requests for one page), ``%2e%2E`` asked as written (a 404). Now each is ``/x``, asked
    once, the other lines reported as repeats of line 1; the redirect's capture names ``/story``."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.1"))
    srv.route("/x", lambda r: http_reply(page("x")))
    srv.route("/story", lambda r: http_reply(page("story")))
    srv.route("/moved", lambda r: moved(srv.url("/news/./../story")))
    with srv:
        listed = write_list(tmp_path / "urls.txt", [srv.url("/x"), srv.url("/./x"), srv.url("/y/../x"),
                                                    srv.url("/a/%2e%2E/x"), srv.url("/moved")])
        out = fetch(tmp_path, listed, [srv.resolve])
    text = out.stdout + out.stderr
    assert out.returncode == 0 and "Traceback" not in text, text[-3000:]
    assert hits(srv, "/x") == 1 and hits(srv, "/story") == 1, [r.path for r in srv.requests]
    assert not [r.path for r in srv.requests if "." in r.path.replace("robots.txt", "")], srv.requests
    got = {(r["url"], r["final_url"], r["state"], r["list_line"]) for r in rows(tmp_path)}
    assert got == {(srv.url("/x"), srv.url("/x"), "captured", 1),
                   (srv.url("/moved"), srv.url("/story"), "captured", 5)}, got
    uris = sorted(r.uri for r in all_records(tmp_path / "warcs") if r.type in ("request", "response"))
    assert all("/." not in u and "%2e" not in u.lower() for u in uris), uris
    assert_archive_sound(tmp_path / "warcs")
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert "/./" not in index and "/../" not in index, index


# -- fixed: the list file itself -------------------------------------------------------------------------------------

def test_a_list_line_too_long_for_any_request_is_a_bad_line_not_a_failure_printed_whole(tmp_path):
    """A line of 3,000,000 characters (a file whose line ends were lost, or data): before, fetched, failed
    ``InvalidURL: URL too long`` (httpx refuses over 65,536 characters) with the 3 MB URL printed in its failure
    line and the summary (6 MB of output), and failed again at every run. Now a bad line naming its length; the
    other lines fetched, nothing asked for it."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.2"))
    srv.route("/ok", lambda r: http_reply(page("ok")))
    srv.route("/long", lambda r: http_reply(page("long")))
    with srv:
        listed = write_list(tmp_path / "urls.txt", [srv.url("/long?q=" + "a" * 3_000_000), srv.url("/ok")])
        out = fetch(tmp_path, listed, [srv.resolve])
    text = out.stdout + out.stderr
    assert out.returncode == 1 and "Traceback" not in text, text[-3000:]  # 1: a bad line
    assert len(text) < 5000, len(text)
    assert f"{listed}:1: not a URL (3,000,0" in text and "no request can carry a URL over 65,536" in text, text
    assert hits(srv, "/long") == 0 and hits(srv, "/ok") == 1
    assert [(r["url"], r["state"]) for r in rows(tmp_path)] == [(srv.url("/ok"), "captured")]
    assert_archive_sound(tmp_path / "warcs")


def test_html_pages_nul_bytes_and_invisible_characters_in_a_list_are_named_for_what_they_are(tmp_path):
    """Three lists. A saved HTML page of links: each link line said "markup with a URL outside <loc>; a sitemap's
    URLs are read from <loc>" (a sitemap's words for a page); now it names the file as an HTML page whose links
    are not read. A NUL inside a line of a UTF-8 list said "not UTF-8 ...; save the list as UTF-8"; now it names
    the NUL. A URL pasted with a zero-width space (U+200B) before it, a word joiner (U+2060) or a zero-width
    non-joiner after it failed "no scheme; expected http:// or https://" for a line that shows one; now those
    invisible characters at a line's ends are taken off and the URL fetched (inside a URL they stay, encoded)."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.3"))
    for key in ("zw1", "zw2", "zw3", "plain"):
        srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    html_list = write_list(tmp_path / "links.txt", [
        "<!DOCTYPE html>", "<html><head><title>Reading list</title></head><body><ul>",
        f'<li><a href="{srv.url("/zw1")}">one</a></li>', f'<li><a href="{srv.url("/zw2")}">two</a></li>',
        "</ul></body></html>"])
    nul_list = write_list(tmp_path / "nul.txt", [srv.url("/pl").encode() + b"\x00ain", srv.url("/plain")])
    zw_list = write_list(tmp_path / "zw.txt", ["\u200b" + srv.url("/zw1"), srv.url("/zw2") + "\u2060",
                                              "\u200c" + srv.url("/zw3") + "\u200d\ufeff"])
    with srv:
        html = fetch(tmp_path, html_list, [srv.resolve])
        nul = fetch(tmp_path, nul_list, [srv.resolve])
        zw = fetch(tmp_path, zw_list, [srv.resolve])
    text = html.stdout + html.stderr
    assert html.returncode == 1 and "Traceback" not in text, text
    for line in (3, 4):
        assert f"{html_list}:{line}: not a URL (the list file is an HTML page, not a list: its links are not read" \
            in text, text
    assert "<loc>" not in text, text
    text = nul.stdout + nul.stderr
    assert nul.returncode == 1 and f"{nul_list}:1: not a URL (a NUL byte at byte " in text, text
    assert "save the list as UTF-8" not in text, text
    text = zw.stdout + zw.stderr
    assert zw.returncode == 0 and "bad line" in text and "no scheme" not in text, text
    got = sorted((r["url"], r["state"], r["list_line"]) for r in rows(tmp_path))
    assert got == sorted([(srv.url("/plain"), "captured", 2), (srv.url("/zw1"), "captured", 1),
                          (srv.url("/zw2"), "captured", 2), (srv.url("/zw3"), "captured", 3)]), got
    assert hits(srv, "/zw1") == hits(srv, "/zw2") == hits(srv, "/zw3") == 1
    assert_archive_sound(tmp_path / "warcs")


# -- fixed: an HTTP/2 GOAWAY read in another stream's batch ----------------------------------------------------------

BODY = page("h2") * 4


def test_an_http2_answer_read_with_a_goaway_by_another_stream_is_archived_as_far_as_it_came(tmp_path):
    """Two streams open on one HTTP/2 connection. The server holds the first (``/held``) until the second's
    request comes, then writes in one go: the first's whole answer, the second's head and 500 bytes of its body,
    and a ``GOAWAY ENHANCE_YOUR_CALM`` naming the second stream (what a server's flood guard sends). The first
    stream's read takes the batch and queues the second's events; httpcore then raised the GOAWAY to the second
    before looking at them. Before: ``/calm`` failed ``protocol error: the server closed the HTTP/2 connection
    (GOAWAY ENHANCE_YOUR_CALM)``, nothing archived. Now its head and part are read first: archived with
    ``WARC-Truncated: disconnect``, failed ``connection closed mid-body (...)``, asked again by the next run
    (which captures it: the server answers whole then)."""
    srv = H2Server("h2.round29.test", "127.0.53.4", BODY, tmp_path)
    held: list[int] = []

    def hold(conn, sid) -> bool:
        held.append(sid)
        return True

    def calm(conn, sid) -> bool:
        for first in held:
            whole(BODY)(conn, first)
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(BODY)))])
        conn.send_data(sid, BODY[:500])
        conn.close_connection(h2.errors.ErrorCodes.ENHANCE_YOUR_CALM, last_stream_id=sid)
        return False

    srv.route("/held", hold).route("/calm", calm)
    listed = write_list(tmp_path / "urls.txt", [srv.url("/held"), srv.url("/calm")])
    with srv:
        first = fetch(tmp_path, listed, [srv.resolve], "--ca-bundle", srv.ca_file, "--per-host", "2")
        srv.good.set()
        second = fetch(tmp_path, listed, [srv.resolve], "--ca-bundle", srv.ca_file, "--per-host", "2")
    text = first.stdout + first.stderr
    assert "Traceback" not in text, text
    assert srv.asked[:3] == [("/robots.txt", "h2"), ("/held", "h2"), ("/calm", "h2")], srv.asked
    got = {r["url"].rsplit("/", 1)[1]: r for r in rows(tmp_path)}
    assert got["held"]["state"] == "captured", got
    calm_rows = [r for r in rows(tmp_path) if r["url"].endswith("/calm")]
    assert calm_rows[0]["state"] == "failed" and calm_rows[0]["truncated"] == "disconnect", calm_rows
    assert calm_rows[0]["reason"].startswith("connection closed mid-body (the server closed the HTTP/2 connection "
                                             "(GOAWAY ENHANCE_YOUR_CALM)): the 500 bytes that came are archived"), \
        calm_rows[0]["reason"]
    assert calm_rows[-1]["state"] == "captured" and len(calm_rows) == 2, calm_rows
    assert second.returncode == 0, second.stdout + second.stderr
    cut = [r for r in all_records(tmp_path / "warcs") if r.type == "response" and r.uri.endswith("/calm")]
    assert cut[0].headers.get("WARC-Truncated") == "disconnect" and cut[0].raw_payload == BODY[:500], cut[0].headers
    assert cut[-1].raw_payload == BODY and "WARC-Truncated" not in cut[-1].headers
    assert_archive_sound(tmp_path / "warcs")


# -- already right, now guarded --------------------------------------------------------------------------------------

def test_http2_resets_after_the_head_a_huge_header_table_and_a_settings_flood(tmp_path):
    """``RST_STREAM CANCEL`` (or ``NO_ERROR`` on a head without ``content-length``) right after the response
    head, before any DATA: a body cut at 0 bytes, archived with ``WARC-Truncated: disconnect``, retried next run.
    A server raising ``SETTINGS_HEADER_TABLE_SIZE`` to 2^32 - 1 (the client's HPACK encoder may use that much, it
    need not) and 20,000 ``SETTINGS`` frames before an answer: captured, the next request on the connection too."""
    srv = H2Server("h2.round29.test", "127.0.53.5", BODY, tmp_path)

    def reset(code: int, length: bool):
        def send(conn, sid) -> bool:
            head = [(":status", "200"), ("content-type", "text/html")]
            conn.send_headers(sid, head + ([("content-length", str(len(BODY)))] if length else []))
            conn.reset_stream(sid, code)
            return True
        return send

    def table(conn, sid) -> bool:
        conn.update_settings({h2.settings.SettingCodes.HEADER_TABLE_SIZE: 2 ** 32 - 1})
        return whole(BODY)(conn, sid)

    def flood(conn, sid) -> bool:
        for i in range(20_000):
            conn.update_settings({h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 100 + i % 3})
        return whole(BODY.replace(b"h2", b"flood"))(conn, sid)

    srv.route("/cancel", reset(h2.errors.ErrorCodes.CANCEL, True))
    srv.route("/noerror", reset(h2.errors.ErrorCodes.NO_ERROR, False))
    srv.route("/table", table).route("/flood", flood).route("/after", whole(BODY.replace(b"h2", b"after")))
    listed = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/cancel", "/noerror", "/table", "/flood",
                                                                     "/after")])
    with srv:
        out = fetch(tmp_path, listed, [srv.resolve], "--ca-bundle", srv.ca_file, "--per-host", "1")
    text = out.stdout + out.stderr
    assert "Traceback" not in text, text
    got = {r["url"].rsplit("/", 1)[1]: r for r in rows(tmp_path)}
    for key, code in (("cancel", "CANCEL"), ("noerror", "NO_ERROR")):
        assert got[key]["state"] == "failed" and got[key]["truncated"] == "disconnect", got[key]
        assert f"(RST_STREAM {code})): the 0 bytes that came are archived" in got[key]["reason"], got[key]
    assert all(got[k]["state"] == "captured" for k in ("table", "flood", "after")), got
    assert all(p == "h2" for _, p in srv.asked), srv.asked
    assert_archive_sound(tmp_path / "warcs")


def test_a_redirect_loop_across_schemes_is_named_hop_by_hop(tmp_path):
    """http ``/a`` -> https ``/a`` -> http ``/a`` (an upgrade and a downgrade that never agree), and the same
    through ``Location: https:host:port/b`` and ``http:/host:port/b`` (no ``//``, round 28): failed ``redirect
    loop (back to ...)`` naming each hop, each URL asked once per hop, no hang."""
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("www.round29.test").configure_cert(ctx)
    plain = allow_all(RawServer("www.round29.test", "127.0.53.6"))
    tls = allow_all(RawServer("www.round29.test", "127.0.53.6", tls=ctx))
    plain.route("/a", lambda r: moved(tls.url("/a")))
    tls.route("/a", lambda r: moved(plain.url("/a")))
    plain.route("/b", lambda r: moved(f"https:www.round29.test:{tls.port}/b"))
    tls.route("/b", lambda r: moved(f"http:/www.round29.test:{plain.port}/b"))
    with plain, tls:
        listed = write_list(tmp_path / "urls.txt", [plain.url("/a"), tls.url("/b")])
        out = fetch(tmp_path, listed, [plain.resolve, tls.resolve], "--ca-bundle", tmp_path / "ca.pem")
    assert "Traceback" not in out.stdout + out.stderr
    got = {r["url"]: r["reason"] for r in rows(tmp_path)}
    assert got[plain.url("/a")] == (f"redirect loop (back to {plain.url('/a')} with the same cookies): "
                                    f"{plain.url('/a')} -> {tls.url('/a')} -> {plain.url('/a')}"), got
    assert got[tls.url("/b")] == (f"redirect loop (back to {tls.url('/b')} with the same cookies): "
                                  f"{tls.url('/b')} -> {plain.url('/b')} -> {tls.url('/b')}"), got
    assert hits(plain, "/a") == hits(tls, "/a") == hits(plain, "/b") == hits(tls, "/b") == 1
    assert_archive_sound(tmp_path / "warcs")


def test_content_types_that_lie_are_stored_as_served_and_read_as_browsers_read_them(tmp_path):
    """An article served as ``image/png`` or ``application/json`` (Chromium shows a broken image, or the JSON
    viewer's text): archived as served, ``extract`` skips each naming the type. A page starting with a UTF-8
    byte-order mark under ``Content-Type: text/html; charset=windows-1251``: read as UTF-8, as the BOM wins in
    every browser (WHATWG "decode"), the Cyrillic words whole."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.7"))
    words = "Заголовок статьи и длинный текст"
    srv.route("/png", lambda r: http_reply(page("png"), content_type="image/png"))
    srv.route("/json", lambda r: http_reply(page("json"), content_type="application/json"))
    srv.route("/bom", lambda r: http_reply(b"\xef\xbb\xbf" + page("bom").replace(b"long enough", words.encode()),
                                           content_type="text/html; charset=windows-1251"))
    with srv:
        listed = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/png", "/json", "/bom")])
        out = fetch(tmp_path, listed, [srv.resolve])
    assert out.returncode == 0, out.stdout + out.stderr
    done = run_archiver("extract", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--jobs", "1",
                        cwd=tmp_path, timeout=300)
    text = done.stdout + done.stderr
    assert "not HTML: image/png" in text and "not HTML: application/json" in text, text
    found = [p for p in (tmp_path / "clean").rglob("bom-*.txt") if ".versions" not in p.parts]
    assert len(found) == 1 and words in found[0].read_text(encoding="utf-8"), found
    types = {r.uri.rsplit("/", 1)[1]: r.http_header("Content-Type") for r in all_records(tmp_path / "warcs")
             if r.type == "response"}
    assert types == {"robots.txt": "text/plain", "png": "image/png", "json": "application/json",
                     "bom": "text/html; charset=windows-1251"}, types
    assert_archive_sound(tmp_path / "warcs")


def test_list_spellings_line_ends_and_other_schemes(tmp_path):
    """One list: CRLF, a CR alone, LF CR, a last line without an end; ``HTTP://HOST:80/x``, ``/x#frag`` and
    ``/x  # note`` (repeats of ``/x``); relative URLs (``/path``, ``//host/path``, ``host/path``) and ``data:``,
    ``javascript:``, ``file:``, ``view-source:``, ``about:`` lines (bad lines, each with its reason); each page
    fetched once, each line numbered as an editor numbers it."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.8"))
    for key in ("x", "y", "z"):
        srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    host = f"www.round29.test:{srv.port}"
    body = (f"http://{host}/x\r\nHTTP://WWW.ROUND29.TEST:{srv.port}/x#frag\rhttp://{host}/y\n\r"
            f"http://{host}/x  # the same again\n/news/story\n//{host}/z\n{host}/z\ndata:text/html,<p>hi</p>\n"
            f"javascript:alert(1)\nfile:///etc/passwd\nview-source:http://{host}/y\nabout:blank\nhttp://{host}/z")
    listed = tmp_path / "urls.txt"
    listed.write_bytes(body.encode())
    with srv:
        out = fetch(tmp_path, listed, [srv.resolve])
    text = out.stdout + out.stderr
    assert out.returncode == 1 and "Traceback" not in text, text
    for line, reason in ((6, "no scheme"), (7, "no scheme"), (8, "no scheme"), (9, "unsupported scheme 'data'"),
                         (10, "unsupported scheme 'javascript'"), (11, "unsupported scheme 'file'"),
                         (12, "unsupported scheme 'view-source'"), (13, "unsupported scheme 'about'")):
        assert f"{listed}:{line}: " in text and reason in text.split(f"{listed}:{line}: ", 1)[1].split("\n")[0], \
            (line, text)
    got = sorted((r["url"], r["list_line"]) for r in rows(tmp_path))
    assert got == sorted([(srv.url("/x"), 1), (srv.url("/y"), 3), (srv.url("/z"), 14)]), got
    assert hits(srv, "/x") == hits(srv, "/y") == hits(srv, "/z") == 1
    assert_archive_sound(tmp_path / "warcs")


def test_sigint_then_sigterm_mid_body_closes_the_warc_and_the_rerun_fetches_the_rest_once(tmp_path):
    """Ctrl-C while a 2 MB body drips in, and a SIGTERM 0.3 s later as the run closes (an impatient user, then
    a supervisor): exit 130, the summary naming the 3 URLs left, no traceback, no ``.open`` file, ``warcio check`` clean, the cut body not recorded
    as captured; the same fetch again captures the rest, each page once in the catalog, ``/p0`` not asked again."""
    srv = allow_all(RawServer("www.round29.test", "127.0.53.9"))
    for i in range(3):
        srv.route(f"/p{i}", lambda r, i=i: http_reply(page(f"p{i}")))
    big = page("big") + b"<!--" + b"y" * 2_000_000 + b"-->"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(big)
    srv.route("/big", lambda r: Reply([head] + [big[i:i + 65536] for i in range(0, len(big), 65536)],
                                      pause=0.15) if r.hit == 1 else Reply([head + big]))
    listed = write_list(tmp_path / "urls.txt", [srv.url(p) for p in ("/p0", "/big", "/p1", "/p2")])
    args = [sys.executable, "-m", "archiver", "fetch", str(listed), "--warcs", str(tmp_path / "warcs"), "--delay", "0",
            "--retries", "0", "--per-host", "1", "--timeout", "10", "--progress", "never", "--resolve", srv.resolve]
    with srv:
        with open(tmp_path / "out.log", "wb") as log:
            proc = subprocess.Popen(args, cwd=tmp_path, env=archiver_env(), stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True,
                                    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            deadline = time.monotonic() + 60
            while hits(srv, "/big") == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1.0)
            os.killpg(proc.pid, signal.SIGINT)
            time.sleep(0.3)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            code = proc.wait(timeout=90)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        text = (tmp_path / "out.log").read_text(errors="replace")
        assert code == 130 and "Traceback" not in text, (code, text)
        # the summary names what is left (or, when the second signal cut the closing short, one line says so)
        assert ("interrupted: 3 URLs not fetched; run the same command again" in text
                or text.strip().splitlines()[-1] == "archiver: interrupted"), text
        assert not list((tmp_path / "warcs").glob("*.open"))
        assert warcio_check(warc_files(tmp_path / "warcs")).returncode == 0
        assert [r["url"] for r in rows(tmp_path) if r["state"] == "captured"] == [srv.url("/p0")]
        again = fetch(tmp_path, listed, [srv.resolve], "--per-host", "1")
    assert again.returncode == 0, again.stdout + again.stderr
    captured = sorted(r["url"] for r in rows(tmp_path) if r["state"] == "captured")
    assert captured == sorted(srv.url(p) for p in ("/p0", "/big", "/p1", "/p2")), rows(tmp_path)
    assert hits(srv, "/p0") == hits(srv, "/p1") == hits(srv, "/p2") == 1 and hits(srv, "/big") == 2
    bodies = [r.raw_payload for r in all_records(tmp_path / "warcs") if r.type == "response" and r.uri.endswith("/big")]
    assert bodies == [big], [len(b) for b in bodies]
    assert_archive_sound(tmp_path / "warcs")



def test_a_watched_page_that_slows_down_then_sends_more_than_its_length_is_no_edit(tmp_path):
    """``run --watch`` on a set clock (watchkit.Watcher), four runs. The second re-capture drips 200 bytes every
    0.5 s past ``--total-timeout 3`` (a server slowing down while the check is due); the third sends the page and
    then 1 KB more than its ``Content-Length`` before closing (a body growing under a stale length): the cut
    capture is ``failed`` (archived, ``WARC-Truncated: time``), judged as no version, no event, the host backed
    off; the third is the same page (the bytes past the length dropped, as h11 and Chromium drop them), the
    fourth too: verdicts ``first, failed, same, same``, no ``edit`` or ``gone`` event, exit 0, 1, 0, 0."""
    from watchkit import Watcher, furniture_page

    srv = allow_all(RawServer("www.round29.test", "127.0.53.10"))
    body = furniture_page(1).encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)

    def article(r) -> Reply:
        if r.hit == 2:
            return Reply([head] + [body[i:i + 200] for i in range(0, len(body), 200)], pause=0.5)
        if r.hit == 3:
            return Reply([head + body + b"<p>A paragraph past the length.</p>" * 30], close=True)
        return Reply([head + body])

    srv.route("/city/bridge", article)

    class Flags:
        def client_flags(self) -> list[str]:
            return ["--resolve", srv.resolve, "--total-timeout", "3", "--timeout", "2"]

    with srv:
        watcher = Watcher(Flags(), tmp_path, srv.url("/city/bridge"))
        outs = [watcher.run() for _ in range(4)]
    assert [code for code, _ in outs] == [0, 1, 0, 0], outs
    assert "timeout mid-body (over 3 s, --total-timeout)" in outs[1][1], outs[1][1]
    assert watcher.verdicts() == ["first", "failed", "same", "same"], (watcher.verdicts(), outs)
    assert watcher.events() == [], watcher.events()
    cut = [r for r in all_records(tmp_path / "warcs") if r.type == "response" and r.uri.endswith("/city/bridge")]
    assert cut[1].headers.get("WARC-Truncated") == "time" and body.startswith(cut[1].raw_payload), cut[1].headers
    assert_archive_sound(tmp_path / "warcs")
