"""Hostile WARCs for ``archiver import``, round 30 (session 36, host38): checksums, padding, versions.

Each file is built byte by byte here (records of three pages) and given to a real ``archiver import``, then
``archiver extract``; each test reads the catalog, the report, and the imported records with warcio at the offsets
the catalog names. Each test fails on the code before this round:

- a record-per-member ``.warc.gz`` whose second member's gzip trailer (CRC-32 or length) does not match its data
  (four bytes of bit rot): warcio took the member for uncompressed bytes, ``stopped reading at offset 335:
  ArchiveLoadFailed: Invalid WARC record, first line: \\x8b\\x08...`` (the gzip bytes quoted), the third record lost;
- NUL bytes after the last record (a copy padded to a tape or disk block, ``dd conv=sync``): every record imported,
  but the file reported with an error, ``stopped reading at offset N: ... first line: \\x00\\x00...``, exit 1;
- a record of a WARC version no tool reads (``WARC/1.2``) between two ``WARC/1.0`` records: in a plain file "bytes
  ... hold no record (a wrong Content-Length before them?)" and exit 0 (a record lost under a warning naming
  another cause); in a gzip-per-record file reading stopped there, the record after it lost.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warckit import catalog_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round30 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def record(n: int, version: bytes = b"WARC/1.0") -> bytes:
    body = page(f"p{n}")
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    return (version + b"\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-0000000030%02d>\r\n"
            % n + b"WARC-Target-URI: http://a.example/p%d\r\nWARC-Date: 2026-11-01T00:00:00Z\r\n" % n
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(block)
            + block + b"\r\n\r\n")


def import_and_extract(root: Path, name: str, data: bytes):
    (root / name).write_bytes(data)
    warcs = root / ("w-" + name.replace(".", "-"))
    done = run_archiver("import", root / name, "--warcs", warcs, cwd=root, timeout=120)
    extracted = run_archiver("extract", "--warcs", warcs, "--clean", warcs / "clean", "--jobs", "1", cwd=root,
                             timeout=120)
    rows = {r["url"]: dict(r) for r in catalog_rows(warcs / "catalog.sqlite3", "SELECT * FROM captures")}
    return done, extracted, rows


def warcio_reads(path: Path, offset: int) -> tuple[str, bytes]:
    """The record warcio reads at ``offset`` of ``path``: its target URI and payload."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        rec = next(iter(ArchiveIterator(fh)))
        return rec.rec_headers.get_header("WARC-Target-URI"), rec.content_stream().read()


def test_a_gzip_member_failing_its_checksum_is_named_and_the_members_after_it_are_read(tmp_path):
    """The second member of three has its CRC-32 (or its ISIZE) flipped. Before: warcio read the member as
    uncompressed bytes, reading stopped with the gzip bytes quoted, the third record lost. Now the member is named
    as damaged, reading goes on at the next member: records 1 and 3 imported and extracted, exit 1 (a record
    lost); warcio reads record 3 at the offset the catalog names."""
    members = [gzip.compress(record(n), mtime=0) for n in (1, 2, 3)]
    for name, at in (("crc.warc.gz", -8), ("isize.warc.gz", -1)):
        bad = bytearray(members[1])
        bad[at] ^= 0xFF
        done, extracted, rows = import_and_extract(tmp_path, name, members[0] + bytes(bad) + members[2])
        out = done.stdout + done.stderr
        assert done.returncode == 1 and "Traceback" not in out, out
        start = len(members[0])
        assert f"bytes {start}-{start + len(bad)} are a damaged gzip member" in out, out
        assert "\\x8b" not in out and "ArchiveLoadFailed" not in out, out
        assert set(rows) == {"http://a.example/p1", "http://a.example/p3"}, (rows, out)
        assert "2 extracted" in extracted.stdout, extracted.stdout
        third = rows["http://a.example/p3"]
        assert third["warc_offset"] == start + len(bad)
        uri, payload = warcio_reads(tmp_path / name, third["warc_offset"])
        assert uri == "http://a.example/p3" and payload == page("p3")


def test_nul_padding_after_the_last_record_is_no_error(tmp_path):
    """4,096 NUL bytes after the last record, in a gzip-per-record file and in a plain one. Before: all three
    records imported, then ``stopped reading at offset N: ArchiveLoadFailed: Invalid WARC record, first line:
    \\x00\\x00...``, the file counted with errors, exit 1. Now: imported, no error, exit 0."""
    records = [record(n) for n in (1, 2, 3)]
    for name, data in (("pad.warc.gz", b"".join(gzip.compress(r, mtime=0) for r in records) + b"\0" * 4096),
                       ("pad.warc", b"".join(records) + b"\0" * 4096)):
        done, extracted, rows = import_and_extract(tmp_path, name, data)
        out = done.stdout + done.stderr
        assert done.returncode == 0 and "0 files with errors" in out and "error" not in out.replace(
            "0 files with errors", ""), out
        assert len(rows) == 3 and "3 extracted" in extracted.stdout, (rows, extracted.stdout)


def test_a_record_of_a_warc_version_no_tool_reads_is_named_and_the_records_after_it_read(tmp_path):
    """``WARC/1.2`` for the second of three records. Before: a plain file said "bytes 1203-2414 hold no record (a
    wrong Content-Length before them?)" and exited 0, the record lost under a warning naming another cause; a
    gzip-per-record file stopped there (``ArchiveLoadFailed: Invalid WARC record, first line: WARC/1.2``), the third
    record lost. Now the record is named with its version, reading goes on, exit 1; a file of that version alone
    says so at its first record (before: ``Unknown archive format``)."""
    records = [record(1), record(2, b"WARC/1.2"), record(3)]
    for name, data, start in (("mixed.warc", b"".join(records), len(records[0])),
                              ("mixed.warc.gz", b"".join(gzip.compress(r, mtime=0) for r in records),
                               len(gzip.compress(records[0], mtime=0)))):
        done, extracted, rows = import_and_extract(tmp_path, name, data)
        out = done.stdout + done.stderr
        assert done.returncode == 1 and "1 file with errors" in out, out
        assert f"the record at offset {start} is WARC/1.2, a WARC version no tool reads" in out, out
        assert "hold no record" not in out and "damaged gzip member" not in out, out
        assert set(rows) == {"http://a.example/p1", "http://a.example/p3"}, (rows, out)
        assert "2 extracted" in extracted.stdout, extracted.stdout
    done, _, rows = import_and_extract(tmp_path, "v12.warc", record(1, b"WARC/1.2"))
    assert done.returncode == 1 and "the record at offset 0 is WARC/1.2, a WARC version no tool reads" in done.stdout
    assert rows == {}
