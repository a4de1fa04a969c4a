"""Hostile input, round 37 (session 42, host45): WARCs from other tools, imported, extracted, searched, exported.

A response record whose HTML body is stored gzipped without a ``Content-Encoding`` header (a crawler that
saved a ``.html.gz`` as it was served, or stored the page gzipped and dropped the header) was imported but
extracted as "not HTML: binary content": no text, no search hit. Since round 37 extraction reads the page
inside (``decoding.STRAY_GZIP``; fails before). The other records here were right before and are guarded:
a status line without a reason phrase, ``HTTP/2 200`` (as browser-based crawlers write it), a charset no
codec knows (``utf8mb4``), a URL with a space, an IDN host and a fragment; each is searchable by its text
and exported in a WACZ whose ``pages.jsonl`` and CDXJ lines read back.

WARCs written with warcio's writer; ``archiver import``, ``extract``, ``search``, ``export --wacz``.
"""
from __future__ import annotations

import gzip
import io
import json
import sqlite3
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


RECORDS = [  # url, status, protocol, headers, body, a word of its text
    ("http://p.test/stored-gzip", "200 OK", "HTTP/1.1", [("Content-Type", "text/html")],
     gzip.compress(page("Storedgzip"), mtime=0), "storedgzipword"),
    ("http://p.test/nophrase", "200", "HTTP/1.1", [("Content-Type", "text/html")], page("Nophrase"), "nophraseword"),
    ("http://p.test/h2", "200", "HTTP/2", [("content-type", "text/html")], page("Httptwo"), "httptwoword"),
    ("http://p.test/cs", "200 OK", "HTTP/1.1", [("Content-Type", "text/html; charset=utf8mb4")], page("Charset"),
     "charsetword"),
    ("http://p.test/a b", "200 OK", "HTTP/1.1", [("Content-Type", "text/html")], page("Spaced"), "spacedword"),
    ("http://bücher.test/x", "200 OK", "HTTP/1.1", [("Content-Type", "text/html")], page("Buecher"), "buecherword"),
    ("http://p.test/frag#top", "200 OK", "HTTP/1.1", [("Content-Type", "text/html")], page("Fragment"),
     "fragmentword"),
    ("http://p.test/blob", "200 OK", "HTTP/1.1", [("Content-Type", "text/html")],
     gzip.compress(bytes(range(256)) * 40, mtime=0), None),  # gzip of no page: still binary
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp37")
    warcs = root / "warcs"
    warcs.mkdir()
    with open(root / "other.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, protocol, headers, body, _ in RECORDS:
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body),
                http_headers=StatusAndHeaders(status, headers, protocol=protocol),
                warc_headers_dict={"WARC-Date": "2026-01-05T10:00:00Z"}))
    said = {}
    for step, args in (("import", ("import", root / "other.warc.gz", "--warcs", warcs, "--db", root / "c.db")),
                       ("extract", ("extract", "--warcs", warcs, "--db", root / "c.db", "--clean", root / "clean"))):
        out = run_archiver(*args, cwd=root, timeout=300)
        said[step] = out.stdout + out.stderr
        assert "Traceback" not in said[step], said[step]
    return root, said


def search(root: Path, word: str) -> str:
    out = run_archiver("search", word, "--db", root / "c.db", "--clean", root / "clean", cwd=root, timeout=120)
    assert "Traceback" not in out.stderr
    return out.stdout


def test_every_record_is_imported(archive):
    root, said = archive
    assert f"{len(RECORDS)} captures added" in said["import"], said["import"]


def test_a_page_stored_gzipped_without_its_header_is_found(archive):
    root, said = archive
    out = search(root, "storedgzipword")
    assert "http://p.test/stored-gzip" in out, out + said["extract"]


@pytest.mark.parametrize(("url", "word"), [(r[0], r[5]) for r in RECORDS[1:] if r[5]])
def test_records_other_tools_write_are_found(archive, url, word):
    out = search(archive[0], word)
    assert out.startswith("1. ") and "\n2. " not in out, out
    assert url.split("://")[1].split(" ")[0].split("#")[0] in out, out


def test_gzip_bytes_of_no_page_stay_binary(archive):
    root = archive[0]
    with sqlite3.connect(root / "c.db") as conn:
        [(error,)] = conn.execute("SELECT e.error FROM extractions e JOIN captures c ON c.id = e.capture_id "
                                  "WHERE c.url = 'http://p.test/blob'").fetchall()
    assert error and "binary content" in error, error


def test_the_wacz_export_reads_back(archive, tmp_path):
    root = archive[0]
    out = run_archiver("export", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                       "--wacz", tmp_path / "o.wacz", cwd=root, timeout=300)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    with zipfile.ZipFile(tmp_path / "o.wacz") as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines() if line]
        index = gzip.decompress(z.read("indexes/index.cdx.gz")).decode().splitlines()
    texts = {p.get("url"): p.get("text", "") for p in pages[1:]}
    assert "storedgzipword" in texts["http://p.test/stored-gzip"], texts.keys()
    assert len(pages) - 1 == len(RECORDS) and not texts["http://p.test/blob"]  # the blob: a page, no text
    for line in index:
        key, stamp, fields = line.split(" ", 2)
        assert len(stamp) == 14 and json.loads(fields)["url"], line
    assert len(index) == len(RECORDS)
