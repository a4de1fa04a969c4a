"""Hostile servers, round 26 (session 34, host34): what round 25 left alone, and more.

Each probe is a real server on loopback (rawkit on 127.0.48.1-127.0.48.20) and a real ``archiver run`` (fetch, then
extract; ``--retries 0``) or ``archiver fetch`` where only the capture matters; each test reads the catalog, the WARC
files with warcio (record by record and ``warcio check``), ``index.cdxj`` and the server's log. What round 26 tried
and found right is listed in tests/HOSTILE.md.

Fixed here:

- a robots.txt whose ``Content-Length`` is larger than the file it sends before closing, at every request: the host
  was forbidden at every run (``robots.txt unreachable (body cut short ...)``). The same bytes cut the same way in
  two runs are read as the file (whole lines only), as a page so cut is taken as the page;
- a cookie whose value is UTF-8 (``Set-Cookie: region=Zürich``): dropped, since httpx would fail the next request
  with ``UnicodeEncodeError``; an interstitial that sets one and refreshes to the article was the capture. It is
  kept and sent back as its bytes, as browsers send it;
- a meta refresh (or a script stub) on a windows-1252 page to ``/café?q=été``: decoded as UTF-8, asked
  ``/caf%EF%BF%BD?q=%EF%BF%BDt%EF%BF%BD`` (a 404). Read in the page's charset, the path sent as UTF-8 and the query
  in the page's charset, as WHATWG URL parsing with a document's encoding does;
- ``"<>`` (and `````{}`` in the path) in a Location: httpx sent them percent-encoded, as browsers do, but the
  catalog, ``WARC-Target-URI`` and index.cdxj kept them raw (a URI RFC 3986 forbids; replay looks up another URL).
  They are spelled as sent;
- a stray ``<`` before ``<meta http-equiv="refresh">`` (``a < b`` in a head's text): taken for an open tag, the
  refresh read as an attribute and not followed. Only ``<`` before a letter, ``!``, ``/`` or ``?`` opens a tag.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, catalog_rows, responses, rows_by_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str, head: str = "") -> str:
    return ("<!doctype html><html><head>" + head + "<title>Round26 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>")


def raw(data: bytes, close: bool = False) -> Reply:
    return Reply([data], close=close)


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def flags(servers: list[RawServer]) -> list[str]:
    return [f for s in servers for f in ("--resolve", s.resolve)]


def fetch(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    listed = write_list(root / "urls.txt", urls)
    return run_archiver("fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "5",
                        "--progress", "never", *flags(servers), *extra, cwd=root, timeout=300)


def run(root: Path, urls: list[str], servers: list[RawServer], *extra: str):
    """``archiver run`` over ``urls``: fetch into ROOT/warcs, extract into ROOT/clean."""
    listed = write_list(root / "urls.txt", urls)
    return run_archiver("run", listed, "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1",
                        "--delay", "0", "--retries", "0", "--timeout", "5", "--progress", "never", *flags(servers),
                        *extra, cwd=root, timeout=300)


def cdxj(root: Path) -> list[dict]:
    lines = (root / "warcs" / "index.cdxj").read_text().splitlines()
    return [json.loads(line.split(" ", 2)[2]) for line in lines]


def titles(root: Path) -> dict[str, str]:
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT url, title FROM extractions")
    return {r["url"].rsplit("/", 1)[1]: r["title"] for r in rows}


# -- a robots.txt cut short the same way at every request ------------------------------------------------------------

def test_a_robots_txt_cut_the_same_way_in_two_runs_is_read_as_the_file(tmp_path):
    """robots.txt announces ``Content-Length: 200`` and sends its 63 bytes, then closes, at every request (a length
    computed for another copy of the file). The first run forbids the host (the lost part might hold a
    ``Disallow``), says the next run reads the same bytes as the file, and fails /open; the second run gets the same
    bytes and reads them: /open captured, /private still forbidden, and the last, unended line (``Disallow: /p``, cut
    from ``Disallow: /private-2``) left out, so /pages stays allowed (before: the host forbidden at every run).
    A second host whose robots.txt differs between runs (another cut) stays forbidden."""
    rules = b"User-agent: *\nDisallow: /private\nAllow: /\nDisallow: /p"
    assert len(rules) < 200
    counter = {"n": 0}

    def changing(r):
        counter["n"] += 1
        body = rules + b"x" * counter["n"]
        return raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 200\r\n\r\n" + body, close=True)

    short = RawServer("short.round26.test", "127.0.48.1")
    short.route("/robots.txt", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 200"
                                             b"\r\n\r\n" + rules, close=True))
    other = RawServer("moving.round26.test", "127.0.48.2").route("/robots.txt", changing)
    for key in ("open", "private", "pages"):
        short.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    other.route("/moved", lambda r: http_reply(page("moved")))
    urls = [short.url("/open"), short.url("/private"), short.url("/pages"), other.url("/moved")]
    with short, other:
        first = fetch(tmp_path, urls, [short, other])
        after_first = {k: v["reason"] for k, v in rows_by_key(tmp_path).items()}
        second = fetch(tmp_path, urls, [short, other])
        asked = [q.path for q in short.requests]
    assert "robots.txt unreachable (body cut short" in after_first["open"], after_first
    assert "if the next run gets the same bytes, they are read as the file" in after_first["open"], after_first
    assert asked.count("/robots.txt") == 2 and "/private" not in asked, asked
    rows = rows_by_key(tmp_path)
    assert rows["open"]["state"] == "captured" and rows["pages"]["state"] == "captured", (rows, second.stdout)
    assert rows["private"]["reason"] == "robots.txt disallows this URL", rows["private"]
    assert rows["moved"]["state"] == "failed" and "body cut short" in rows["moved"]["reason"], rows["moved"]
    assert asked.count("/open") == 1 and asked.count("/pages") == 1, asked  # each once: no refetch, no duplicate
    assert "2 captured" in second.stdout and first.returncode == 1, first.stdout + second.stdout
    assert_archive_sound(tmp_path / "warcs")


# -- cookies -----------------------------------------------------------------------------------------------------------

def test_a_cookie_with_a_utf8_value_is_sent_back_as_its_bytes(tmp_path):
    """/consent answers 200 with ``Set-Cookie: region=Zürich`` (UTF-8 bytes) and a meta refresh to /article, which
    answers the article only to a request carrying that cookie (a region or consent interstitial), else the
    interstitial again. Before, the cookie was dropped (httpx would have failed every later request to the host
    with ``UnicodeEncodeError``), the refresh went back to a URL asked with the same cookies, and the capture was
    the interstitial; now the cookie goes back as the bytes it came as, as browsers send it, and the article is
    captured and extracted. The WARC request record holds the header as sent. /odd does the same in a head only the
    tolerant reader takes (a line without a colon), for /odd-article. A Latin-1 value (``\\xe9``, not UTF-8) is
    still not kept, on either path, and its pages are captured without it."""
    gate = page("interstitial", '<meta http-equiv="refresh" content="0; url=/article">').encode()
    cookie = "region=Zürich".encode()

    def article(r):
        sent = r.headers.get("cookie", "").encode("latin-1")
        return http_reply(page("article")) if sent == cookie else http_reply(gate)

    odd_gate = gate.replace(b"/article", b"/odd-article")
    odd = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nno colon here\r\nSet-Cookie: " + cookie + b"; Path=/\r\n"
           b"Set-Cookie: town=Li\xe9ge; Path=/\r\nContent-Length: %d\r\n\r\n" % len(odd_gate) + odd_gate)

    with allow_all(RawServer("cookie.round26.test", "127.0.48.3")) as srv:
        srv.route("/consent", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: " + cookie
                                            + b"; Path=/\r\nContent-Length: %d\r\n\r\n" % len(gate) + gate))
        srv.route("/article", article)
        srv.route("/odd", lambda r: raw(odd))
        srv.route("/odd-article", lambda r: http_reply(page("odd-article")) if r.headers.get("cookie", "").encode(
            "latin-1") == cookie else http_reply(odd_gate))
        srv.route("/latin", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: city=Li\xe9ge"
                                          b"; Path=/latin\r\nContent-Length: %d\r\n\r\n" % len(page("latin"))
                                          + page("latin").encode()))
        done = run(tmp_path, [srv.url("/consent"), srv.url("/latin"), srv.url("/odd")], [srv], "--per-host", "1")
        sent = [(q.path, q.headers.get("cookie")) for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    assert rows["consent"]["final_url"] == srv.url("/article"), (rows["consent"], sent)
    assert rows["odd"]["final_url"] == srv.url("/odd-article"), (rows["odd"], sent)
    assert not any("town=" in (c or "") for _, c in sent), sent  # the Latin-1 cookie went nowhere
    assert ("/article", cookie.decode("latin-1")) in sent, sent
    assert titles(tmp_path)["consent"] == "Round26 article", titles(tmp_path)
    assert rows["latin"]["state"] == "captured", rows["latin"]
    requests = [r for r in all_records(tmp_path / "warcs") if r.type == "request" and r.uri.endswith("/article")]
    assert requests[0].http_header("Cookie") == "region=Zürich", requests[0].http_headers  # the bytes sent
    assert_archive_sound(tmp_path / "warcs")


# -- a refresh on a legacy page --------------------------------------------------------------------------------------

def test_a_refresh_on_a_windows_1252_page_is_read_in_its_charset(tmp_path):
    """/meta: a windows-1252 page (so declared by its header) whose ``<meta http-equiv=refresh>`` names
    ``/café?q=été`` in its own bytes (``\\xe9``); /meta-decl: the same page declaring the charset in a ``<meta
    charset>`` only; /stub: a script stub ``location.href = "/café?q=été"``. A browser reads the attribute in the
    page's charset and sends the path as UTF-8, the query in the page's charset: ``/caf%C3%A9?q=%E9t%E9``. Before,
    the bytes were read as UTF-8 and ``/caf%EF%BF%BD?q=%EF%BF%BDt%EF%BF%BD`` asked (a 404: the article lost). /utf8, a
    UTF-8 page refreshing to ``/café?q=été``, asks ``/caf%C3%A9?q=%C3%A9t%C3%A9`` (as before)."""
    target = "/caf%C3%A9?q=%E9t%E9"
    tag = '<meta http-equiv="refresh" content="0; url=/café?q=été">'

    def legacy(key: str, head: str, ctype: str = "text/html; charset=windows-1252") -> Reply:
        return http_reply(page(key, head).encode("cp1252"), content_type=ctype)

    with allow_all(RawServer("legacy.round26.test", "127.0.48.4")) as srv:
        srv.route("/meta", lambda r: legacy("meta", tag))
        srv.route("/meta-decl", lambda r: legacy("meta-decl", '<meta charset="iso-8859-1">' + tag, "text/html"))
        srv.route("/stub", lambda r: legacy("stub", '<script>location.href = "/café?q=été";</script>'))
        srv.route("/utf8", lambda r: http_reply(page("utf8", tag)))
        srv.route("/caf%C3%A9", lambda r: http_reply(page("cafe")) if r.path.endswith(("=%E9t%E9", "=%C3%A9t%C3%A9"))
                  else http_reply("wrong query", "404 Not Found"))
        done = run(tmp_path, [srv.url(p) for p in ("/meta", "/meta-decl", "/stub", "/utf8")], [srv])
        asked = [q.path for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    for key in ("meta", "meta-decl", "stub"):
        assert rows[key]["final_url"] == srv.url(target), (key, rows[key], asked)
    assert rows["utf8"]["final_url"] == srv.url("/caf%C3%A9?q=%C3%A9t%C3%A9"), rows["utf8"]
    assert not any("%EF%BF%BD" in p for p in asked), asked
    assert set(titles(tmp_path).values()) == {"Round26 cafe"}, titles(tmp_path)


# -- Location characters a URL may not hold raw ----------------------------------------------------------------------

def test_a_location_with_quotes_and_angle_brackets_is_recorded_as_it_was_asked(tmp_path):
    """/loc redirects to ``/t"a<b>c{d}`e?q="<x>"``: httpx asks ``/t%22a%3Cb%3Ec%7Bd%7D%60e?q=%22%3Cx%3E%22``, as
    browsers do (the URL standard's path and query percent-encode sets). The catalog's final URL, the records'
    ``WARC-Target-URI`` and index.cdxj now say that (before: the characters raw, a URI RFC 3986 forbids, so the
    record named a URL no request asked and replay looked up another). A list line holding them is fetched and
    recorded the same way, and a second run skips it (it is the same URL)."""
    asked_path = "/t%22a%3Cb%3Ec%7Bd%7D%60e"
    with allow_all(RawServer("quotes.round26.test", "127.0.48.5")) as srv:
        srv.route("/loc", lambda r: raw(b'HTTP/1.1 302 Found\r\nLocation: /t"a<b>c{d}`e?q="<x>"\r\n'
                                        b"Content-Length: 0\r\n\r\n"))
        srv.route(asked_path, lambda r: http_reply(page("target")))
        srv.route("/listed%22q%22", lambda r: http_reply(page("listed")))
        urls = [srv.url("/loc"), srv.url('/listed"q"')]
        done = run(tmp_path, urls, [srv])
        again = fetch(tmp_path, urls, [srv])
        asked = [q.path for q in srv.requests]
    assert done.returncode == 0, done.stdout + done.stderr
    assert asked.count(asked_path + "?q=%22%3Cx%3E%22") == 1 and asked.count("/listed%22q%22") == 1, asked
    want = srv.url(asked_path + "?q=%22%3Cx%3E%22")
    rows = catalog_rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, final_url, state FROM captures")
    assert {r["final_url"] for r in rows} == {want, srv.url("/listed%22q%22")}, [dict(r) for r in rows]
    uris = {r.uri for r in all_records(tmp_path / "warcs") if r.uri}
    assert want in uris and not any(c in u for u in uris for c in '"<>`{}'), uris
    assert {e["url"] for e in cdxj(tmp_path)} >= {want, srv.url("/listed%22q%22")}, cdxj(tmp_path)
    assert "0 to fetch, 2 skipped" in again.stdout, again.stdout
    assert_archive_sound(tmp_path / "warcs")


# -- a stray < in a head ---------------------------------------------------------------------------------------------

def test_a_stray_less_than_before_a_refresh_does_not_hide_it(tmp_path):
    """/bare: ``<head>< <meta http-equiv="refresh" content="0; url=/elsewhere">``; /text: ``a < b`` in a ``<p>``
    before a refresh tag in the body (browsers honour one there too). To the HTML tokenizer a ``<`` not followed by a
    letter, ``!``, ``/`` or ``?`` is text, so a browser follows each refresh; archiver took the ``<`` for an open tag,
    the refresh for one of its attributes, and captured the interstitial. Now followed. /srcdoc (a refresh inside an
    ``<iframe srcdoc>`` attribute, round 25) is still not; /charset, a windows-1251 page whose ``<meta charset>``
    follows a stray ``<``, is extracted in windows-1251."""
    def html(key: str, head: str = "", body: str = "") -> str:
        return page(key, head).replace("<article>", body + "<article>")

    refresh = '<meta http-equiv="refresh" content="0; url=/elsewhere">'
    russian = html("charset", '< <meta charset="windows-1251">').replace("Round26 charset", "Заголовок страницы")
    with allow_all(RawServer("stray.round26.test", "127.0.48.6")) as srv:
        srv.route("/bare", lambda r: http_reply(html("bare", "< " + refresh)))
        srv.route("/text", lambda r: http_reply(html("text", body="<p>if a < b then " + refresh + "</p>")))
        srv.route("/srcdoc", lambda r: http_reply(html("srcdoc", "< <iframe srcdoc='" + refresh + "'></iframe>")))
        srv.route("/charset", lambda r: http_reply(russian.encode("cp1251"), content_type="text/html"))
        srv.route("/elsewhere", lambda r: http_reply(page("elsewhere")))
        done = run(tmp_path, [srv.url(p) for p in ("/bare", "/text", "/srcdoc", "/charset")], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    assert rows["bare"]["final_url"] == rows["text"]["final_url"] == srv.url("/elsewhere"), rows
    assert rows["srcdoc"]["final_url"] == srv.url("/srcdoc"), rows["srcdoc"]
    assert titles(tmp_path)["charset"] == "Заголовок страницы", titles(tmp_path)
    got = responses(tmp_path)
    assert [r.http_status for r in got["elsewhere"]] == [200, 200], got.keys()


# -- where a refresh leads, and which ones a browser acts on ---------------------------------------------------------

def test_a_refresh_is_resolved_against_the_pages_base_url(tmp_path):
    """/meta: ``<base href="/news/">`` and ``<meta http-equiv="refresh" content="0; url=story">``; /stub: the same
    base and ``<script>location.href = "story"</script>``. A browser resolves both against the document's base URL
    (WHATWG HTML, the frozen base URL), so goes to /news/story; archiver resolved them against the page's URL and
    asked /story (a 404: the article lost). /absolute (a base, and a refresh to ``/elsewhere``) and /nobase (no
    base, ``url=story``) are as before; /commented, a ``<base>`` inside a comment, is no base."""
    refresh = '<meta http-equiv="refresh" content="0; url={}">'
    with allow_all(RawServer("base.round26.test", "127.0.48.7")) as srv:
        srv.route("/meta", lambda r: http_reply(page("meta", '<base href="/news/">' + refresh.format("story"))))
        srv.route("/stub", lambda r: http_reply(page("stub", '<base href="/news/"><script>location.href = "story";'
                                                             "</script>")))
        srv.route("/absolute", lambda r: http_reply(page("absolute", '<base href="/news/">'
                                                                     + refresh.format("/elsewhere"))))
        srv.route("/nobase", lambda r: http_reply(page("nobase", refresh.format("story"))))
        srv.route("/commented", lambda r: http_reply(page("commented", '<!-- <base href="/news/"> -->'
                                                                       + refresh.format("story"))))
        for path in ("/news/story", "/story", "/elsewhere"):
            srv.route(path, lambda r, path=path: http_reply(page(path.strip("/").replace("/", "-"))))
        done = run(tmp_path, [srv.url(p) for p in ("/meta", "/stub", "/absolute", "/nobase", "/commented")], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    assert rows["meta"]["final_url"] == rows["stub"]["final_url"] == srv.url("/news/story"), rows
    assert rows["absolute"]["final_url"] == srv.url("/elsewhere"), rows["absolute"]
    assert rows["nobase"]["final_url"] == rows["commented"]["final_url"] == srv.url("/story"), rows
    assert titles(tmp_path)["meta"] == "Round26 news-story", titles(tmp_path)


def test_a_refresh_a_browser_never_acts_on_is_not_followed(tmp_path):
    """/off: ``<meta http-equiv="refresh-off" content="0; url=/elsewhere">`` (a template's switched-off refresh: the
    pragma is matched on the attribute's whole value); /template: a refresh tag inside ``<template>`` (inert content);
    /iframe: one in an ``<iframe>``'s fallback text. A browser stays on each page; archiver followed each to
    /elsewhere and captured that instead. /spaced (``http-equiv=" Refresh "``) and /good are still followed."""
    tag = '<meta http-equiv="{}" content="0; url=/elsewhere">'
    with allow_all(RawServer("inert.round26.test", "127.0.48.8")) as srv:
        srv.route("/off", lambda r: http_reply(page("off", tag.format("refresh-off"))))
        srv.route("/template", lambda r: http_reply(page("template", "<template>" + tag.format("refresh")
                                                                     + "</template>")))
        srv.route("/iframe", lambda r: http_reply(page("iframe", "<iframe src=/x>" + tag.format("refresh")
                                                                 + "</iframe>")))
        srv.route("/spaced", lambda r: http_reply(page("spaced", tag.format(" Refresh "))))
        srv.route("/good", lambda r: http_reply(page("good", tag.format("REFRESH"))))
        srv.route("/elsewhere", lambda r: http_reply(page("elsewhere")))
        keys = ("off", "template", "iframe", "spaced", "good")
        done = fetch(tmp_path, [srv.url(f"/{k}") for k in keys], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    rows = rows_by_key(tmp_path)
    for key in ("off", "template", "iframe"):
        assert rows[key]["final_url"] == srv.url(f"/{key}"), rows[key]
    assert rows["spaced"]["final_url"] == rows["good"]["final_url"] == srv.url("/elsewhere"), rows


# -- a charset declared inside a comment -----------------------------------------------------------------------------

RUSSIAN = "Москва — столица России, и это предложение достаточно длинное для статьи. " * 12


def test_a_charset_declared_inside_a_comment_is_no_declaration(tmp_path):
    """/ie: a windows-1251 page without a charset in its header whose only declaration is inside a conditional
    comment, ``<!--[if IE]><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><![endif]-->``. The
    HTML standard's prescan skips comments, so a browser detects windows-1251; archiver's extraction took koi8-r and
    stored ``гЮЦНКНБНЙ`` for ``Заголовок``. /both: a commented ``<meta charset=koi8-r>`` before the real
    ``<meta charset=windows-1251>``: the real one is read."""
    def russian(head: str) -> bytes:
        return (f"<html><head>{head}<title>Заголовок</title></head><body><article><p>{RUSSIAN}</p></article>"
                "</body></html>").encode("cp1251")

    ie = '<!--[if IE]><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><![endif]-->'
    with allow_all(RawServer("comment.round26.test", "127.0.48.9")) as srv:
        srv.route("/ie", lambda r: http_reply(russian(ie), content_type="text/html"))
        srv.route("/both", lambda r: http_reply(russian("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>"),
                                                content_type="text/html"))
        done = run(tmp_path, [srv.url("/ie"), srv.url("/both")], [srv])
    assert done.returncode == 0, done.stdout + done.stderr
    assert titles(tmp_path) == {"ie": "Заголовок", "both": "Заголовок"}, titles(tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in (tmp_path / "clean").glob("*/*.txt")]
    assert len(texts) == 2 and all("Москва — столица России" in t for t in texts), texts


# -- a robots.txt sent gzipped without saying so ---------------------------------------------------------------------

def test_a_gzipped_robots_txt_sent_without_content_encoding_is_obeyed(tmp_path):
    """robots.txt answers the gzip of ``Disallow: /private`` as ``application/x-gzip`` without ``Content-Encoding``
    (a ``robots.txt.gz`` served as the file). Read as bytes it held no rules, and /private was fetched and archived
    against the owner's rule; it is inflated now (it holds text), /private is refused and /open captured. A second
    host sending random bytes that start like gzip keeps the old reading (no rules: /any captured)."""
    import gzip

    packed = gzip.compress(b"User-agent: *\nDisallow: /private\n")
    junk = b"\x1f\x8b" + bytes(range(256)) * 4
    gz = RawServer("gz.round26.test", "127.0.48.11")
    gz.route("/robots.txt", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-gzip\r\nContent-Length: %d"
                                          b"\r\n\r\n" % len(packed) + packed))
    bad = RawServer("junk.round26.test", "127.0.48.12")
    bad.route("/robots.txt", lambda r: raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n"
                                           % len(junk) + junk))
    for srv, key in ((gz, "private"), (gz, "open"), (bad, "any")):
        srv.route(f"/{key}", lambda r, key=key: http_reply(page(key)))
    with gz, bad:
        done = fetch(tmp_path, [gz.url("/private"), gz.url("/open"), bad.url("/any")], [gz, bad])
        asked = [q.path for q in gz.requests]
    rows = rows_by_key(tmp_path)
    assert rows["private"]["reason"] == "robots.txt disallows this URL" and "/private" not in asked, (rows, asked)
    assert rows["open"]["state"] == rows["any"]["state"] == "captured", (rows, done.stdout)
    assert_archive_sound(tmp_path / "warcs")


# -- an empty Location beside a real one -----------------------------------------------------------------------------

def test_an_empty_location_beside_a_real_one_is_named_as_two_locations(tmp_path):
    """/empty: a 302 with ``Location:`` (empty) then ``Location: /target``; /odd: the same in a head the tolerant
    reader takes, the empty line last. Chromium takes the first non-empty value for the redirect and then refuses
    the response for its two different values (``ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION``); archiver failed it
    ``HTTP 302 redirect without Location`` (/odd: or followed it, by the last line), sending the user to look for a
    header that is there. The reason now names both values. /single (``Location:`` empty alone) is still "without
    Location"."""
    with allow_all(RawServer("emptyloc.round26.test", "127.0.48.13")) as srv:
        srv.route("/empty", lambda r: raw(b"HTTP/1.1 302 Found\r\nLocation: \r\nLocation: /target\r\n"
                                          b"Content-Length: 0\r\n\r\n"))
        srv.route("/odd", lambda r: raw(b"HTTP/1.1 302 Found\r\nno colon\r\nLocation: /target\r\nLocation:\r\n"
                                        b"Content-Length: 0\r\n\r\n"))
        srv.route("/single", lambda r: raw(b"HTTP/1.1 302 Found\r\nLocation: \r\nContent-Length: 0\r\n\r\n"))
        srv.route("/target", lambda r: http_reply(page("target")))
        done = fetch(tmp_path, [srv.url(p) for p in ("/empty", "/odd", "/single")], [srv])
        asked = [q.path for q in srv.requests]
    rows = rows_by_key(tmp_path)
    for key in ("empty", "odd"):
        assert rows[key]["reason"].startswith("HTTP 302 redirect with 2 different Location headers"), rows[key]
        assert "'/target'" in rows[key]["reason"], rows[key]
    assert rows["single"]["reason"] == "HTTP 302 redirect without Location", rows["single"]
    assert "/target" not in asked and done.returncode == 1, (asked, done.stdout)
    assert_archive_sound(tmp_path / "warcs")
