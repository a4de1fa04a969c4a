"""Hostile input, round 38 (session 43, host46): WARCs from other tools holding a page gzipped as it lay on disk,
recorded under ``application/octet-stream`` or a gzip file's type (a crawler that saved a ``.html.gz`` as the
server sent it). Imported, but extracted as "not HTML: binary content" (or "not HTML: application/x-gzip"): no
text, no search hit, no line in an exported WACZ's ``pages.jsonl``. Now read (``decoding.OPAQUE_GZIP``,
``wacz_pages.SNIFFED_PAGES``; fail before), and the exported WACZ imported into another catalog reads them again.

WARCs written with warcio's writer; ``archiver import``, ``extract``, ``search``, ``export --wacz``.
"""
from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{title.lower()}word "
            + "appears in this story with words of the story " * 12 + "</p></article></body></html>").encode()


RECORDS = [  # url, headers, body, a word of its text (None: no page)
    ("http://q.test/octet.html.gz", [("Content-Type", "application/octet-stream")],
     gzip.compress(page("Octetgz"), mtime=0), "octetgzword"),
    ("http://q.test/xgzip.html.gz", [("Content-Type", "application/x-gzip")], gzip.compress(page("Xgz"), mtime=0),
     "xgzword"),
    ("http://q.test/bare.html.gz", [], gzip.compress(page("Baregz"), mtime=0), "baregzword"),
    ("http://q.test/data.csv.gz", [("Content-Type", "application/gzip")],
     gzip.compress(b"a,b,c\n1,2,3\n" * 100, mtime=0), None),
]


def run(root: Path, *args) -> str:
    out = run_archiver(*args, cwd=root, timeout=300)
    said = out.stdout + out.stderr
    assert "Traceback" not in said, said
    return said


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp38")
    with open(root / "other.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, headers, body, _ in RECORDS:
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": "2026-01-05T10:00:00Z"}))
    flags = ("--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean")
    said = run(root, "import", root / "other.warc.gz", "--warcs", root / "warcs", "--db", root / "c.db")
    said += run(root, "extract", *flags)
    said += run(root, "export", "--wacz", root / "out.wacz", *flags)
    return root, said


def search(root: Path, word: str, db: str = "c.db", clean: str = "clean") -> str:
    out = run_archiver("search", word, "--db", root / db, "--clean", root / clean, cwd=root, timeout=120)
    assert "Traceback" not in out.stderr
    return out.stdout


@pytest.mark.parametrize("url,word", [(r[0], r[3]) for r in RECORDS if r[3]])
def test_the_page_inside_is_extracted_and_found(archive, url, word):
    root, said = archive
    assert url in search(root, word), said


def test_the_wacz_lists_the_pages_and_not_the_data_file(archive):
    root, said = archive
    with zipfile.ZipFile(root / "out.wacz") as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines() if line][1:]
    urls = {p["url"]: p for p in pages}
    assert set(urls) == {r[0] for r in RECORDS if r[3]}, (sorted(urls), said)
    assert all("story with words" in p.get("text", "") for p in pages)


def test_the_exported_wacz_imported_elsewhere_reads_them_again(archive):
    root, _ = archive
    flags = ("--warcs", root / "warcs2", "--db", root / "c2.db", "--clean", root / "clean2")
    run(root, "import", root / "out.wacz", "--warcs", root / "warcs2", "--db", root / "c2.db")
    run(root, "extract", *flags)
    assert "http://q.test/octet.html.gz" in search(root, "octetgzword", "c2.db", "clean2")
