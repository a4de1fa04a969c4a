"""Hostile input, round 35 (session 40, host43): text a reader reads as plain words, written otherwise.

Fullwidth ASCII (``ＴＯＫＹＯ``, U+FF01-U+FF5E, common in Japanese and Chinese pages) and Arabic tatweel
(U+0640, the kashida stretching ``العـــربية``) are their plain letters to a reader and to a browser's
find-in-page, but FTS5's unicode61 tokenizer keeps them apart: ``archiver search tokyo`` and ``search
العربية`` found nothing. Now ``search_query.fold_marks`` writes them plainly in the ``alt`` column and in
the query. A WARC written with warcio, ``archiver import``, ``extract``, ``search``; fails before (0 hits).
"""
from __future__ import annotations

import io

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.search_query import fold_marks, fts_query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = {
    "wide": "The ＴＯＫＹＯ bureau of ＮＨＫ reported the ｎｅｗ bridge opening today. " * 12,
    "arab": "كتبت الصحيفة العـــربية عن الجسر الجديد في المدينة اليوم. " * 12,
    "plain": "A plain page about the harbour bridge and the river. " * 12,
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("search35")
    (root / "warcs").mkdir()
    with open(root / "warcs" / "s.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for name, text in PAGES.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = (f"<html><head><title>{name}</title></head><body><article><h1>{name}</h1><p>{text}</p>"
                    "</article></body></html>").encode()
            w.write_record(w.create_warc_record(f"http://s.test/{name}", "response", payload=io.BytesIO(body),
                                                http_headers=http))
    for args in (("import", root / "warcs" / "s.warc.gz"), ("extract", "--clean", root / "clean", "--jobs", "1")):
        out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
        assert out.returncode == 0, out.stdout + out.stderr
    return root


def hits(root, query: str) -> list[str]:
    out = run_archiver("search", query, "--db", root / "c.db", "--clean", root / "clean", cwd=root, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    return sorted({line.split("s.test/")[1].split()[0] for line in out.stdout.splitlines() if "s.test/" in line})


@pytest.mark.parametrize("query,found", [("tokyo", ["wide"]), ("NHK new bridge", ["wide"]), ("ＴＯＫＹＯ", ["wide"]),
                                         ("العربية", ["arab"]), ("العـربية", ["arab"]), ("bridge", ["plain", "wide"])])
def test_fullwidth_and_tatweel_are_found_as_plain_letters(archive, query, found):
    assert hits(archive, query) == found


def test_the_fold_leaves_other_text_alone():
    assert fold_marks("Müller ＡＢＣ１２３！") == "Müller ABC123!"
    assert fold_marks("العـــربية") == "العربية"
    assert fold_marks("plain text") == "plain text"
    assert fts_query("ｔｏｋｙｏ") == '"tokyo"'
