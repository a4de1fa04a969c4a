"""The watch's guard reads every word of a captured page (watch/events.page_words) from its WARC record:
an XHTML page opening with its XML declaration is read too (it gave None, so the guard did not apply and a
change of extraction could be told as an edit). Real WARC files written with warcio."""
from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.watch.events import page_words

XHTML = ("<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' "
         "'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>\n<html xmlns='http://www.w3.org/1999/xhtml'><head>"
         "<title>Pier</title></head><body><h1>Pier rebuilt</h1><p>The harbour board met on Tuesday.</p>"
         "<img src='a.jpg' alt='Steel piles at dawn'/></body></html>")


def _warc(tmp_path, body: str) -> tuple[str, int]:
    path = tmp_path / "page.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "application/xhtml+xml; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/pier", "response",
                                                      payload=io.BytesIO(body.encode("utf-8")), http_headers=http))
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        offsets = [records.get_record_offset() for rec in records if rec.rec_type == "response"]
    return path.name, offsets[0]


def test_an_xhtml_page_with_its_xml_declaration_gives_its_words(tmp_path):
    name, offset = _warc(tmp_path, XHTML)
    got = page_words(tmp_path, name, offset, "application/xhtml+xml; charset=utf-8")
    assert got is not None
    assert {"harbour", "tuesday", "steel", "dawn"} <= {w.lower() for w in got}


def test_a_page_with_a_character_xml_forbids_gives_its_words(tmp_path):
    name, offset = _warc(tmp_path, "<html><body><p>The harbour\x0b board met.</p></body></html>")
    got = page_words(tmp_path, name, offset, "text/html")
    assert got is not None and "board" in {w.lower() for w in got}
