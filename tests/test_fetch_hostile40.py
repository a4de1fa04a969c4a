"""Hostile input, round 40 (session 45, host48): a ``Content-Type`` header declaring UTF-16 or UTF-32 over a body
without a byte-order mark in the other byte order or width, over rawkit on 127.0.40.2; ``archiver fetch``,
``extract``, ``search``, ``diff``'s page reader, ``export --wacz``.

``charset=utf-16`` (WHATWG: UTF-16LE) over UTF-16BE bytes (a Java or .NET writer's ``UTF-16BE``), ``utf-16be`` over
little-endian bytes, ``unicode`` over big-endian: read in the label's order, the page became CJK-looking pairs
(``㰀℀搀...``), "extracted" with no word of the article, found by no search. ``charset=utf-32`` over a UTF-32 page
(no browser's label, set aside) was detected as windows-1252 with a NUL between each letter, then skipped as
binary content. Markup is ASCII, so the NUL bytes' places show the order and the width
(``wideorder.shown``); under a wide header they win (``wideorder.WIDE_ORDER``; those tests fail with it off).
Pages in the order their header names, and a page that declares nothing wide, read as before.
"""
from __future__ import annotations

import sqlite3

import pytest
from rawkit import RawServer, fetch_and_extract, http_reply
from sitekit import run_archiver
from warckit import all_records, assert_archive_sound, extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def article(title: str, word: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>"
            + f"The {word} story has words that a reader keeps, from the café by the quay. " * 20
            + "</p></article></body></html>")


PAGES = {  # path -> (body, Content-Type, the word its text holds, whether the fix is needed)
    "/be16": (article("Bigend", "orderbe").encode("utf-16-be"), "text/html; charset=utf-16", "orderbe", True),
    "/le16be": (article("Littleend", "orderle").encode("utf-16-le"), "text/html; charset=UTF-16BE", "orderle",
                True),
    "/unicodebe": (article("Unibig", "orderuni").encode("utf-16-be"), "text/html; charset=unicode", "orderuni",
                   True),
    "/le32": (article("Widest", "orderwide").encode("utf-32-le"), "text/html; charset=utf-32", "orderwide", True),
    "/be32": (article("Widebig", "orderbig").encode("utf-32-be"), "text/html; charset=UTF-32BE", "orderbig", True),
    # a CJK page in UTF-16BE whose head is mostly text (few NULs, all at even offsets) under charset=utf-16
    "/becjk": (article("港口", "ordercjk").replace("<p>", "<p>" + "港口大桥明年春季通车，官员表示。" * 150, 1)
               .encode("utf-16-be"), "text/html; charset=utf-16", "ordercjk", True),
    # as declared: read as before
    "/asle": (article("Asdeclared", "orderas").encode("utf-16-le"), "text/html; charset=utf-16", "orderas", False),
    "/asbe": (article("Asbig", "orderasbe").encode("utf-16-be"), "text/html; charset=utf-16be", "orderasbe",
              False),
    # an ASCII page under charset=utf-32: no NULs, the header set aside as round 39 does for utf-16
    "/ascii32": (article("Plainwide", "orderplain").encode(), "text/html; charset=utf-32", "orderplain", False),
}


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    root = tmp_path_factory.mktemp("order40")
    routes = {path: (lambda r, body=body, ctype=ctype: http_reply(body, content_type=ctype))
              for path, (body, ctype, _, _) in PAGES.items()}
    done = fetch_and_extract(root, RawServer("www.round40.test", "127.0.40.2"), routes, list(PAGES))
    said = str(done["out"])
    assert done["code"] == 0 and done["extract_code"] == 0 and "Traceback" not in said, said
    return root, said


@pytest.mark.parametrize("path", list(PAGES))
def test_the_page_is_read_in_the_order_its_bytes_are_in(fetched, path):
    root, said = fetched
    error, text = extraction_of(root, path)
    word = PAGES[path][2]
    assert error is None and text and f"The {word} " in text and "café" in text, (error, (text or "")[:200], said)


def test_search_finds_the_words(fetched):
    root, _ = fetched
    for word, path in (("orderbe", "/be16"), ("orderwide", "/le32")):
        out = run_archiver("search", word, "--db", root / "c.db", "--clean", root / "clean", cwd=root,
                           timeout=120)
        assert path in out.stdout, out.stdout + out.stderr


def test_diff_reads_the_page_as_extraction_does(fetched):
    from archiver.diff.capture import read_page_html

    root, _ = fetched
    for path, phrase in (("/be16", "The orderbe story"), ("/be32", "The orderbig story")):
        [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith(path)]
        html = read_page_html(root / "warcs" / rec.file, rec.offset)
        assert html and phrase in html, (html or "")[:200]


def test_the_wacz_lists_the_pages(fetched):
    import json
    import zipfile

    root, _ = fetched
    out = run_archiver("export", "--wacz", root / "a.wacz", "--warcs", root / "warcs", "--db", root / "c.db",
                       "--clean", root / "clean", cwd=root, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(root / "a.wacz") as z:
        lines = z.read("pages/pages.jsonl").decode().splitlines()
    pages = {json.loads(line).get("url", "").rsplit("/", 1)[-1]: json.loads(line) for line in lines[1:]}
    assert "Bigend" in (pages.get("be16") or {}).get("title", ""), lines
    assert "orderwide" in (pages.get("le32") or {}).get("text", ""), lines


def test_the_archive_keeps_the_header_and_bytes_as_sent(fetched):
    root, _ = fetched
    assert_archive_sound(root / "warcs")
    [rec] = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/be16")]
    assert rec.http_header("Content-Type") == "text/html; charset=utf-16"
    assert rec.raw_payload == PAGES["/be16"][0]
    with sqlite3.connect(root / "c.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM captures WHERE state = 'captured'").fetchone()[0] == len(PAGES)


@pytest.mark.parametrize("path", [p for p, v in PAGES.items() if v[3]])
def test_with_the_switch_off_the_label_order_garbles_the_page(monkeypatch, path):
    from archiver.extraction import decode, wideorder

    body, ctype, word, _ = PAGES[path]
    assert f"The {word} " in decode.decode_html(body, ctype).text
    monkeypatch.setattr(wideorder, "WIDE_ORDER", False)
    assert f"The {word} " not in decode.decode_html(body, ctype).text


@pytest.mark.parametrize(("body", "label"), [
    (b"\x00" * 64, "utf-16"),  # NUL padding: both parities, no order
    (("plain words " * 40).encode().replace(b"words", b"wor\x00ds"), "utf-16"),  # stray NULs at both parities
    (article("Nowide", "x").encode("utf-16-be"), None),  # UTF-16BE under a header that declares no charset
    (article("Nowide", "x").encode("utf-16-be"), "windows-1252"),  # ... or a narrow one
])
def test_no_order_is_taken_without_a_wide_header_or_evidence(body, label):
    from archiver.extraction import wideorder

    assert wideorder.reorder(body, None, label) is None
