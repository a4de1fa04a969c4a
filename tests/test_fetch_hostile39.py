"""Hostile input, round 39 (session 44, host47): a ``Content-Type`` header declaring UTF-16 over bytes that
cannot be UTF-16, over rawkit on 127.0.39.2; ``archiver fetch``, ``extract``, ``search``, ``diff``'s page reader.

A server whose default charset is misconfigured (``AddDefaultCharset utf-16``, an IIS site's ``unicode``) sends
an ASCII or UTF-8 page as ``text/html; charset=utf-16``. Read in UTF-16, the page's bytes paired into
CJK-looking characters (``ℼ潤瑣灹...``): "extracted", no word of the article in the text, nothing found by
search. Every ASCII character of UTF-16 text has a NUL byte beside it and an HTML page's markup is ASCII, so a
head without one NUL byte is no UTF-16: the header is set aside and the page read as undeclared (its meta tag,
then detection: ``decode.WIDE_NEEDS_NULS``; the article tests fail with it off). A true UTF-16 page without a
byte-order mark under that header is read as UTF-16 as before. mend55 (review53): a stray NUL byte or a few in
the ASCII page is no evidence (``decode.WIDE_NUL_SHARE``, ``WIDE_MIN_NULS``, ``WIDE_PARITY``), and a UTF-16 page
whose head is CJK text, few NULs all at one byte parity, is still UTF-16.

A UTF-16 page with its byte-order mark (Notepad's "Unicode", Word's and Excel's "web page") served with no
type, as ``application/octet-stream`` or gzipped as ``application/x-gzip`` was "not HTML": the sniff read its
bytes, a NUL beside each letter, where the same page in UTF-8 was read. Now the sniff reads the characters
(``page_sniff.UTF16_LEAD``; those tests fail with it off); UTF-16 text of no page stays no page.
"""
from __future__ import annotations

import gzip
import sqlite3

import pytest
from rawkit import RawServer, Reply, fetch_and_extract, http_reply
from sitekit import run_archiver, write_list
from warckit import all_records, assert_archive_sound, extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(title: str, word: str, head: str = "") -> str:
    return (f"<!doctype html><html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1><p>"
            + f"The {word} story has words that a reader keeps, from the café by the quay. " * 20
            + "</p></article></body></html>")


def even(body: bytes) -> bytes:
    """``body`` padded to an even length (an odd one UTF-16 refuses whatever its NULs)."""
    return body + b" " * (len(body) % 2)


PAGES = {  # path -> (body, Content-Type, the word its text holds)
    "/utf8": (article("Utfeight", "wideutf").encode(), "text/html; charset=utf-16", "wideutf"),
    "/le": (article("Lelabel", "widele").encode(), "text/html; charset=UTF-16LE", "widele"),
    "/unicode": (article("Unilabel", "wideuni").encode(), "text/html; charset=unicode", "wideuni"),
    "/latin": (article("Latin", "widelatin", '<meta charset="windows-1252">').encode("cp1252"),
               "text/html; charset=utf-16", "widelatin"),
    "/plain": (("The wideplain notes hold words a reader keeps at the café. " * 20).encode(),
               "text/plain; charset=utf-16", "wideplain"),
    # true UTF-16 without a byte-order mark, as the header says: still read as UTF-16
    "/true16": (article("Truesixteen", "widetrue").encode("utf-16-le"), "text/html; charset=utf-16le",
                "widetrue"),
    # mend55 (review53's finding 5): one stray NUL byte (or a few, at both byte parities) in an ASCII page is no
    # UTF-16 evidence: read as undeclared still
    "/stray": (even(article("Strayone", "widestray").encode().replace(b"<p>", b"\x00<p>", 1)),
               "text/html; charset=utf-16", "widestray"),
    "/strays": (even(article("Straysome", "widestrays").encode().replace(b"The ", b"\x00The ", 5)
                     .replace(b"ps ", b"ps \x00", 3)), "text/html; charset=utf-16", "widestrays"),
    # a true UTF-16 page without a mark whose head is mostly CJK text (few NULs, all at one parity): UTF-16
    "/true16cjk": (article("Truecjk", "widecjk", "<title>港口</title>").replace(
        "<h1>", "<p>" + "港口大桥明年春季通车，官员表示。" * 150 + "</p><h1>").encode("utf-16-le"),
        "text/html; charset=utf-16", "widecjk"),
}


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    root = tmp_path_factory.mktemp("wide39")
    routes = {path: (lambda r, body=body, ctype=ctype: http_reply(body, content_type=ctype))
              for path, (body, ctype, _) in PAGES.items()}
    done = fetch_and_extract(root, RawServer("www.round39.test", "127.0.39.2"), routes, list(PAGES))
    said = str(done["out"])
    assert done["code"] == 0 and done["extract_code"] == 0 and "Traceback" not in said, said
    return root, said


@pytest.mark.parametrize("path", list(PAGES))
def test_the_page_is_read_in_the_charset_its_bytes_are_in(fetched, path):
    root, said = fetched
    error, text = extraction_of(root, path)
    word = PAGES[path][2]
    assert error is None and text and f"The {word} " in text and "café" in text, (error, (text or "")[:200], said)


def test_search_finds_the_words(fetched):
    root, _ = fetched
    out = run_archiver("search", "wideutf", "--db", root / "c.db", "--clean", root / "clean", cwd=root,
                       timeout=120)
    assert "/utf8" in out.stdout, out.stdout + out.stderr


def test_diff_reads_the_page_as_extraction_does(fetched):
    from archiver.diff.capture import read_page_html

    root, _ = fetched
    [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/utf8")]
    html = read_page_html(root / "warcs" / rec.file, rec.offset)
    assert html and "The wideutf story" in html, (html or "")[:200]


def test_the_archive_keeps_the_header_and_bytes_as_sent(fetched):
    root, _ = fetched
    assert_archive_sound(root / "warcs")
    [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/utf8")]
    assert rec.http_header("Content-Type") == "text/html; charset=utf-16"
    assert rec.raw_payload == PAGES["/utf8"][0]
    with sqlite3.connect(root / "c.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM captures WHERE state = 'captured'").fetchone()[0] == len(PAGES)


# --- a UTF-16 page (its byte-order mark first) served with no type or a download's: page_sniff.UTF16_LEAD ---

def utf16(text: str, order: str = "le") -> bytes:
    return (b"\xff\xfe" + text.encode("utf-16-le")) if order == "le" else (b"\xfe\xff" + text.encode("utf-16-be"))


SNIFFED = {  # path -> (body, Content-Type or None, the word its text holds, or None for no page)
    "/notype16": (utf16(article("Notype", "sniffnotype")), None, "sniffnotype"),
    "/octet16": (utf16(article("Octet", "sniffoctet"), "be"), "application/octet-stream", "sniffoctet"),
    "/gz16": (gzip.compress(utf16(article("Gzipped", "sniffgz")), mtime=0), "application/x-gzip",
              "sniffgz"),
    "/text16": (utf16("Just a few notes, no page at all. " * 20), None, None),  # text under no type: no page
}


@pytest.fixture(scope="module")
def sniffed(tmp_path_factory):
    root = tmp_path_factory.mktemp("sniff39")
    srv = RawServer("sniff.round39.test", "127.0.39.3")
    for path, (body, ctype, _) in SNIFFED.items():
        head = b"HTTP/1.1 200 OK\r\n" + (f"Content-Type: {ctype}\r\n".encode() if ctype else b"")
        reply = head + b"Content-Length: %d\r\n\r\n" % len(body) + body
        srv.route(path, lambda r, reply=reply: Reply([reply]))
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    with srv:
        urls = write_list(root / "urls.txt", [srv.url(p) for p in SNIFFED])
        out = run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", "--resolve", srv.resolve,
                           cwd=root, timeout=300)
    ex = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                      "--jobs", "1", cwd=root, timeout=300)
    said = out.stdout + out.stderr + ex.stdout + ex.stderr
    assert out.returncode == 0 and ex.returncode == 0 and "Traceback" not in said, said
    return root, said


@pytest.mark.parametrize("path", [p for p, (_, _, word) in SNIFFED.items() if word])
def test_a_utf16_page_under_a_type_that_says_nothing_is_read(sniffed, path):
    root, said = sniffed
    error, text = extraction_of(root, path)
    word = SNIFFED[path][2]
    assert error is None and text and f"The {word} story" in text and "café" in text, (error, said)


def test_utf16_text_of_no_page_under_no_type_is_still_no_page(sniffed):
    root, said = sniffed
    error, text = extraction_of(root, "/text16")
    assert text is None and (error or "").startswith("not HTML"), (error, said)


def test_the_exported_wacz_lists_the_page(sniffed):
    import json
    import zipfile

    root, _ = sniffed
    out = run_archiver("export", "--wacz", root / "o.wacz", "--warcs", root / "warcs", "--db", root / "c.db",
                       cwd=root, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(root / "o.wacz") as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
    listed = {p["url"].rsplit("/", 1)[1]: p.get("text", "") for p in pages}
    assert "The sniffoctet story" in listed.get("octet16", ""), listed.keys()
    assert "text16" not in listed
