"""Hostile input, round 38 (session 43, host46): the watch's page words of a page gzipped as it lies on disk.

Round 37 gave the watch's page reader (``watch/page.py``, the judge's "are the lost words still on the page?"
guard) the same gzip read as extraction, untested there. A ``.html.gz`` served as ``text/html`` without
``Content-Encoding`` (and, since round 38, as ``application/octet-stream``): read as gzip bytes, its words were
noise, so a capture whose extraction lost most of the article was judged "not the article" (a paywall, an
error page) rather than "extraction changed", the words being on the page all the same. Real WARC files
written with warcio; ``page_words`` and the judge's ``Measure`` on them. Fails with ``decoding.STRAY_GZIP``
(text/html) or ``decoding.OPAQUE_GZIP`` (octet-stream) off.
"""
from __future__ import annotations

import gzip
import io

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.watch.judge import EXTRACTION_CHANGED, Measure
from archiver.watch.page import page_words

ARTICLE = ("The harbour board met on Tuesday and voted to rebuild the old pier with steel piles. "
           "Fishermen said the work would close the slipway for most of the winter season. "
           "The council promised a temporary landing stage near the lifeboat station by March.")
PAGE = (f"<!doctype html><html><head><title>Pier rebuilt</title></head><body><h1>Pier rebuilt</h1>"
        f"<p>{ARTICLE}</p></body></html>")


def _warc(tmp_path, body: bytes, content_type: str | None) -> tuple[str, int]:
    path = tmp_path / "page.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/pier.html.gz", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        offsets = [records.get_record_offset() for rec in records if rec.rec_type == "response"]
    return path.name, offsets[0]


@pytest.mark.parametrize("content_type", ["text/html", "application/octet-stream", "application/x-gzip", None])
def test_a_gzip_file_served_as_the_page_gives_its_words(tmp_path, content_type):
    name, offset = _warc(tmp_path, gzip.compress(PAGE.encode(), mtime=0), content_type)
    got = page_words(tmp_path, name, offset, content_type)
    assert got is not None
    assert {"harbour", "tuesday", "slipway", "lifeboat"} <= {w.lower() for w in got}, sorted(got or [])[:20]
    # the judge: the new text lost the article, its words still on the page: extraction changed, no edit
    verdict = Measure.of(ARTICLE, "Pier rebuilt").lost(lambda: got)
    assert verdict is not None and verdict[0] == EXTRACTION_CHANGED, verdict


def test_gzip_bytes_of_no_page_give_no_article_words(tmp_path):
    """A gzip text file under text/html: not inflated (it holds no page), so its words are not the page's."""
    name, offset = _warc(tmp_path, gzip.compress(ARTICLE.encode() * 3, mtime=0), "text/html")
    got = page_words(tmp_path, name, offset, "text/html")
    assert got is None or "harbour" not in {w.lower() for w in got}
