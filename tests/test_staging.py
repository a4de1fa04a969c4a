"""Files written ahead by workers (archiver.staging) land byte for byte as the driver would write them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archiver.catalog import Catalog
from archiver.config import Settings
from archiver.extract_worker import PageResult
from archiver.extract_writer import ExtractSummary, Writer, learned_digests
from archiver.extraction import extract, paragraph_digests
from archiver.staging import STAGING_PREFIX, Stage, capture_fields, stage_page, staging_folder

BODY = " ".join(f"Sentence {i} of the article about the harbour bridge repairs and the council budget." for i in range(8))
URL = "https://news.example.test/2026/story"


def page(extra: str = "") -> str:
    return (f"<html lang='en'><head><title>Bridge repairs</title><meta name='author' content='A. Writer'></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Bridge repairs</h1><p>{BODY}</p>"
            f"<p>Second paragraph: {BODY}</p>{extra}<p>Subscribe to the Harbour Daily for more.</p></article>"
            f"<footer>Copyright Harbour Daily</footer></body></html>")


def setup(root: Path, urls: list[str]):
    db = root / "catalog.sqlite3"
    catalog = Catalog(db)
    for url in urls:
        catalog.add_capture({"url": url, "final_url": url, "fetched_at": "2026-11-23T00:00:00+00:00",
                             "state": "captured", "http_status": 200, "content_type": "text/html",
                             "payload_digest": "sha1:X", "record_type": "response", "warc_file": "a.warc.gz",
                             "warc_offset": 10, "warc_length": 5})
    writer = Writer(Settings(warcs=root, db=db, clean=root / "clean"), catalog, ExtractSummary())
    return catalog, writer


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


TIDES = "<p>Harbour Daily readers can find the tide tables on page two of every edition.</p>"


def store_all(root: Path, urls: list[str], staged: bool, seen_elsewhere: int = 0):
    """Store every URL's page; ``seen_elsewhere``: that many earlier URLs of the host already had the tide line."""
    catalog, writer = setup(root, urls)
    host = "news.example.test"
    tide = paragraph_digests(extract(page(TIDES), url=URL))[2]
    with catalog.conn:
        catalog.conn.executemany("INSERT INTO site_paragraphs (host, digest, url) VALUES (?, ?, ?)",
                                 [(host, tide, f"https://{host}/old-{i}") for i in range(seen_elsewhere)])
    learned = learned_digests(catalog.conn, host)  # what the driver knows when it dispatches
    with staging_folder(root / "clean") as folder:
        for cap in catalog.captures():
            ex = extract(page(TIDES), url=cap.url)
            result = PageResult(cap.id, "ok", extraction=ex, digests=paragraph_digests(ex), charset="utf-8")
            if staged:
                stage = Stage(folder, str((root / "clean").resolve()), cap.url, capture_fields(cap), learned)
                result.staged = stage_page(stage, ex, "utf-8")
            writer.store_safely(cap, result)
        assert not os.listdir(folder)  # every staged file was moved into place or dropped
    writer.relearn()
    summary = writer.summary
    catalog.close()
    return summary


def test_staged_files_are_what_the_driver_writes(tmp_path):
    urls = [URL, URL + "-2"]
    plain = store_all(tmp_path / "plain", urls, staged=False)
    ahead = store_all(tmp_path / "ahead", urls, staged=True)
    assert files(tmp_path / "plain" / "clean") == files(tmp_path / "ahead" / "clean")
    assert plain.counts() == ahead.counts() and ahead.extracted == 2


@pytest.mark.parametrize("pages, seen_elsewhere", [
    # the tide line was on three earlier URLs: learned at dispatch, the worker drops it as the driver would
    (2, 3),
    # two earlier URLs had it: the first page stored tips it into boilerplate, which the worker could
    # not know at dispatch; the driver drops the staged files and writes them itself
    (3, 2),
], ids=["worker-applied-learning", "driver-falls-back"])
def test_site_learning_gives_what_the_driver_alone_gives(tmp_path, pages, seen_elsewhere):
    urls = [URL] + [f"{URL}-{i}" for i in range(2, pages + 1)]
    plain = store_all(tmp_path / "plain", urls, staged=False, seen_elsewhere=seen_elsewhere)
    ahead = store_all(tmp_path / "ahead", urls, staged=True, seen_elsewhere=seen_elsewhere)
    written = files(tmp_path / "ahead" / "clean")
    assert written == files(tmp_path / "plain" / "clean")
    assert not any(b"tide tables" in content for name, content in written.items() if name.endswith(".txt"))
    assert plain.counts() == ahead.counts()


def test_staging_folder_is_removed_and_stale_ones_swept(tmp_path):
    clean = tmp_path / "clean"
    stale = clean / f"{STAGING_PREFIX}999999999-x"
    stale.mkdir(parents=True)
    with staging_folder(clean) as folder:
        assert folder is not None and Path(folder).parent == clean
        (Path(folder) / "1.main.txt").write_text("x")
        assert not stale.exists()  # its process is gone
    assert [p.name for p in clean.iterdir()] == []


def test_extracting_again_stages_no_version_text_already_in_place(tmp_path):
    """``--all`` extracts pages whose version text exists: the worker stages only what is new."""
    urls = [URL, URL + "-2"]
    for side, staged in (("plain", False), ("ahead", True)):
        root = tmp_path / side
        catalog, writer = setup(root, urls)
        with staging_folder(root / "clean") as folder:
            for _ in range(2):
                for cap in catalog.captures():
                    ex = extract(page(), url=cap.url)
                    result = PageResult(cap.id, "ok", extraction=ex, digests=paragraph_digests(ex), charset="utf-8")
                    if staged:
                        stage = Stage(folder, str((root / "clean").resolve()), cap.url, capture_fields(cap))
                        result.staged = stage_page(stage, ex, "utf-8")
                        assert bool(result.staged.files[0]) == (_ == 0)
                    writer.store_safely(cap, result)
            assert not os.listdir(folder)
        catalog.close()
    assert files(tmp_path / "plain" / "clean") == files(tmp_path / "ahead" / "clean")
