"""Round 40's canonical WARC-Dates (``records.canonical_date``), mended (session 45, mend58, from review56).

Round 40 kept a WARC-Date written ``2026-03-01t10:00:00z`` as ``2026-03-01T10:00:00Z`` in the catalog, but two
lookups still compared dates as written: a revisit whose ``WARC-Refers-To-Date`` is written in the same odd case
found no original (its text could not be extracted), and a catalog imported before round 40 (which holds the dates
as written) took another copy of the same file for new captures, each odd-date capture added twice. Now
WARC-Refers-To-Date is read by the same function, and the importer's lookups compare ``canonical_date`` of the
stored date with the canonical form. Real WARCs written with warcio's writer; ``archiver import``.
"""
from __future__ import annotations

import io
import shutil
import sqlite3

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _write(path, revisit_date: str | None = None) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i in range(3):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = f"<html><body><article><p>Story {i} words a reader keeps.</p></article></body></html>".encode()
            w.write_record(w.create_warc_record(f"http://s.test/p{i}", "response", payload=io.BytesIO(body),
                                                http_headers=http,
                                                warc_headers_dict={"WARC-Date": f"2026-03-01t10:0{i}:00z"}))
        if revisit_date is not None:
            http = StatusAndHeaders("304 Not Modified", [], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                "http://s.test/p0", "revisit", payload=io.BytesIO(b""), http_headers=http,
                warc_headers_dict={"WARC-Date": "2026-03-02t10:00:00z", "WARC-Refers-To-Target-URI":
                                   "http://s.test/p0", "WARC-Refers-To-Date": revisit_date,
                                   "WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/server-not-modified"}))


def _import(root, name):
    out = run_archiver("import", root / "warcs" / name, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root,
                       timeout=120)
    said = out.stdout + out.stderr
    assert out.returncode == 0 and "Traceback" not in said, said
    return said


@pytest.mark.parametrize("written", ["2026-03-01t10:00:00z", "2026-03-01 10:00:00Z", "2026-03-01T10:00:00Z"])
def test_a_revisit_written_with_an_odd_case_date_finds_its_original(tmp_path, written):
    (tmp_path / "warcs").mkdir()
    _write(tmp_path / "warcs" / "r.warc.gz", revisit_date=written)
    said = _import(tmp_path, "r.warc.gz")
    with sqlite3.connect(tmp_path / "c.db") as conn:
        (refers,) = conn.execute("SELECT refers_to FROM captures WHERE record_type = 'revisit'").fetchone()
        (original,) = conn.execute("SELECT id FROM captures WHERE url = 'http://s.test/p0' "
                                   "AND record_type = 'response'").fetchone()
    assert refers == original, said
    assert "original record is in no imported file" not in said, said


def test_a_copy_imported_into_a_catalog_of_dates_as_written_adds_nothing(tmp_path):
    (tmp_path / "warcs").mkdir()
    _write(tmp_path / "warcs" / "a.warc.gz")
    _import(tmp_path, "a.warc.gz")
    with sqlite3.connect(tmp_path / "c.db") as conn:  # as a catalog imported before round 40 holds them
        conn.execute("UPDATE captures SET fetched_at = lower(fetched_at)")
        conn.execute("UPDATE records SET warc_date = lower(warc_date)")
    shutil.copy(tmp_path / "warcs" / "a.warc.gz", tmp_path / "warcs" / "copy-of-a.warc.gz")
    said = _import(tmp_path, "copy-of-a.warc.gz")
    with sqlite3.connect(tmp_path / "c.db") as conn:
        rows = conn.execute("SELECT url, warc_file FROM captures ORDER BY url").fetchall()
    assert rows == [(f"http://s.test/p{i}", "a.warc.gz") for i in range(3)], (rows, said)
    assert "0 captures added, 3 already in the catalog" in said, said


def test_the_sql_function_reads_either_form(monkeypatch):
    from archiver.archive import records

    conn = sqlite3.connect(":memory:")
    records.same_date_sql(conn)
    assert conn.execute("SELECT canonical_date('2026-03-01t10:00:00z'), canonical_date(NULL)").fetchone() == (
        "2026-03-01T10:00:00Z", None)
    monkeypatch.setattr(records, "CANONICAL_DATES", False)
    assert conn.execute("SELECT canonical_date('2026-03-01t10:00:00z')").fetchone() == ("2026-03-01t10:00:00z",)


@pytest.mark.parametrize(("written", "kept"), [
    ("2026-03-05", "2026-03-05T00:00:00Z"), ("2026-03-05T10:00Z", "2026-03-05T10:00:00Z"),
    ("2026-03-05T10:00:45", "2026-03-05T10:00:45Z"), ("2026/03/05 10:00:50Z", "2026-03-05T10:00:50Z"),
    ("2026-03-01t10:00:00z", "2026-03-01T10:00:00Z"), ("2026-03-05T10:00:00.900Z", "2026-03-05T10:00:00.900Z"),
    ("2026-03-05T10:00:00Z", "2026-03-05T10:00:00Z")])
def test_dates_warcio_reads_are_filled_out_to_sort_among_the_others(written, kept, monkeypatch):
    """review56: a date alone, a time without seconds or ``Z``, slashes were kept so and sorted wrongly among
    whole dates (``2026-03-05T10:00Z`` after ``2026-03-05T10:00:30Z``)."""
    from archiver.archive import records

    assert records.warc_date(written) is not None  # warcio reads it
    assert records.canonical_date(written) == kept
    monkeypatch.setattr(records, "CANONICAL_DATES", False)
    assert records.canonical_date(written) == written
