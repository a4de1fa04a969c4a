"""Hostile input, round 39 (session 44, host47): a WARC whose records' WARC-Date carries a UTC offset.

A home-made WARC writer that stamps records with ``datetime.now(timezone.utc).isoformat()`` writes
``2026-03-01T10:00:00.123456+00:00``; one on local time writes ``+02:00``. Both are ISO 8601, but no WARC date
(WARC 1.1 section 5.4: UTC, ending in ``Z``), and warcio and the CDXJ and WACZ indexers refuse them, so import
leaves such records out (round 16's choice: the WACZ export failed on them). The import said they were
``no ISO 8601 date``, which the user could see was false; now it names the offset, the rule and the UTC time it
stands for. The other records of the file are imported, extracted and exported as before. A WARC written with
warcio's writer; ``archiver import``, ``extract``, ``export --wacz``; the message test fails before.
"""
from __future__ import annotations

import io

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from warckit import extraction_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATES = {"aware": "2026-03-01T10:00:00.123456+00:00", "local": "2026-03-01T10:00:00+02:00",
         "good": "2026-03-01T10:00:00Z", "junk": "yesterday"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("offset39")
    (root / "warcs").mkdir()
    with open(root / "warcs" / "d.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for name, date in DATES.items():
            body = (f"<html><head><title>{name}</title></head><body><article><h1>{name}</h1><p>"
                    + f"The {name}word story is read by many readers each day. " * 15 + "</p></article></body></html>")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"http://s.test/{name}", "response", payload=io.BytesIO(body.encode()),
                                                http_headers=http, warc_headers_dict={"WARC-Date": date}))
    said = ""
    for args in (("import", root / "warcs" / "d.warc.gz"), ("extract", "--clean", root / "clean", "--jobs", "1"),
                 ("export", "--wacz", root / "o.wacz")):
        out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
        said += out.stdout + out.stderr
        assert out.returncode == 0 and "Traceback" not in said, said
    return root, said


def test_an_offset_date_is_named_as_such(imported):
    _, said = imported
    assert "2 x response record whose WARC-Date has a UTC offset, where WARC dates are UTC, ending in Z" in said, said
    assert "'2026-03-01T10:00:00+02:00' (2026-03-01T08:00:00Z in UTC)" in said or \
           "'2026-03-01T10:00:00.123456+00:00' (2026-03-01T10:00:00Z in UTC)" in said, said
    assert "1 x response record whose WARC-Date is no ISO 8601 date, e.g. http://s.test/junk" in said, said


def test_the_other_records_are_imported_extracted_and_exported(imported):
    root, said = imported
    error, text = extraction_of(root, "/good")
    assert error is None and text and "The goodword story" in text, said
    assert "1 capture added" in said and "3 unusable" in said, said
    assert (root / "o.wacz").exists()
