"""A record whose WARC-Date is compact (``20261206175237``, a 14-digit timestamp, no ISO 8601 date) between two good
ones: the import calls it unusable and catalogues the other two; ``index.cdxj`` must have their lines. warcio raises
OverflowError on that date (its digits read as the year), which the round-35 date check in
``archiver.archive.cdxj`` did not catch: the file was reported ``cut short`` and the third record had no line
while the catalog held it (found by review 41)."""
from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.archive.cdxj import line_fields

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DATES = ["2026-01-05T10:00:00Z", "20261206175237", "2026-01-05T10:00:01Z"]


def page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{title} "
            + "words of the story " * 20 + "</p></article></body></html>").encode()


@pytest.mark.parametrize("gzip", [False, True])
def test_a_compact_warc_date_leaves_out_only_its_own_line(tmp_path: Path, gzip: bool) -> None:
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    name = "compact.warc.gz" if gzip else "compact.warc"
    with open(warcs / name, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i, date in enumerate(DATES):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"http://n.test/c{i}", "response", payload=io.BytesIO(page(f"C{i}")),
                                            http_headers=http, warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)
    out = run_archiver("import", warcs / name, "--warcs", warcs, "--db", tmp_path / "c.db", cwd=tmp_path,
                       timeout=300)
    said = out.stdout + out.stderr
    assert "Traceback" not in said and "cut short" not in said, said
    assert "2 captures added" in said and "WARC-Date is no ISO 8601 date" in said, said
    with sqlite3.connect(tmp_path / "c.db") as conn:
        catalogued = conn.execute("SELECT url, warc_file, warc_offset, warc_length FROM captures "
                                  "WHERE state = 'captured' ORDER BY warc_offset").fetchall()
    assert [row[0] for row in catalogued] == ["http://n.test/c0", "http://n.test/c2"], catalogued
    lines = (warcs / "index.cdxj").read_text(encoding="utf-8").splitlines()
    indexed = sorted(got for line in lines if (got := line_fields(line)) is not None)
    assert len(indexed) == len(lines), lines  # every line readable by the project's own reader
    assert indexed == [row[1:] for row in catalogued], (indexed, catalogued)
