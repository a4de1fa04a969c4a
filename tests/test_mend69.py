"""Mends of round 43 (host51), session 48 (mend69), after its review:

1. A record with no block whose ``Content-Length`` is empty, ``-1`` or no number (a revisit, a request) was
   imported before round 43 (warcio reads the length as 0, exactly right for it) and was then called unusable:
   only a length that makes reading lose or misread bytes is unusable now.
2. Plain records then gzip members (``cat a.warc b.warc.gz``): after a record of no length in the plain part the
   search for the next record found no ``WARC/`` line in the compressed bytes, and the records in the members were
   dropped without a word, exit 0. The search finds a gzip member that starts a record too.
3. A record of no length whose page quotes a ``WARC/1.0`` line: reading went on there, and its bytes were named
   "a damaged record ... lost", exit 1, when no record was lost. A resume point is a whole WARC header block.
4. ``reindex`` stopped by a full disk or a locked catalog said "(this command records nothing)"; it says what
   reindex does.

Each test fails on main (d5b609ca). Real parts: hand-framed WARC bytes, ``archiver import`` / ``reindex``, the catalog.
"""
from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys

import pytest
from sitekit import run_archiver
from test_hostile43 import HTTP, _import, record, write

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

REVISIT = ("WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"
           "WARC-Refers-To-Target-URI: http://m.test/1\r\nWARC-Refers-To-Date: 2024-05-01T10:00:00Z\r\n"
           "WARC-Payload-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n")


def no_block(uri: str, length: str, kind: str) -> bytes:
    """A record with an empty block whose Content-Length line says ``length`` (``''``: the line is empty)."""
    made = record(uri, "1", block=b"", kind=kind, extra=REVISIT if kind == "revisit" else "")
    return made.replace(b"Content-Length: 1\r\n", f"Content-Length: {length}\r\n".encode())


@pytest.mark.parametrize("members", [False, True], ids=["plain", "gzip-records"])
@pytest.mark.parametrize("length", ["", "-1", "none"], ids=["empty", "minus1", "word"])
def test_a_record_of_no_block_and_no_length_is_imported_as_before(tmp_path, members, length):
    path = tmp_path / ("r.warc.gz" if members else "r.warc")
    write(path, [record("http://m.test/1"), no_block("http://m.test/1", length, "request"),
                 no_block("http://m.test/2", length, "revisit"), record("http://m.test/3")], members)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0, said
    assert urls == ["http://m.test/1", "http://m.test/2", "http://m.test/3"], said
    assert "3 captures added" in said and "0 unusable" in said and "1 other record" in said, said


def test_a_record_of_no_length_with_a_block_is_still_unusable(tmp_path):
    path = tmp_path / "r.warc"  # the kept half: -1 with a block would misread it as the next record
    write(path, [record("http://m.test/1"), record("http://m.test/2", "-1"), record("http://m.test/3")], False)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0 and urls == ["http://m.test/1", "http://m.test/3"], said
    assert "unusable: 1 x record whose Content-Length is no length" in said, said


@pytest.mark.parametrize("length", [None, "-5"], ids=["none", "negative"])
def test_plain_records_then_gzip_members_lose_none_after_a_record_of_no_length(tmp_path, length):
    path = tmp_path / "mixed.warc"
    path.write_bytes(record("http://m.test/1") + record("http://m.test/2", length)
                     + gzip.compress(record("http://m.test/3")) + gzip.compress(record("http://m.test/4")))
    out, said, urls = _import(tmp_path, path)
    assert urls == ["http://m.test/1", "http://m.test/3", "http://m.test/4"], said
    assert out.returncode == 0 and "1 unusable" in said, said


QUOTED = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHow a WARC file starts:\r\n"
          b"WARC/1.0\r\nWARC-Type: response\r\nthat is all; the quay story tells of boats in winter.\r\n")


@pytest.mark.parametrize("length", [None, "-5"], ids=["none", "negative"])
def test_a_quoted_warc_line_in_a_block_of_no_length_is_no_lost_record(tmp_path, length):
    path = tmp_path / "quote.warc"
    write(path, [record("http://m.test/1"), record("http://m.test/2", length, block=QUOTED),
                 record("http://m.test/3")], False)
    out, said, urls = _import(tmp_path, path)
    assert urls == ["http://m.test/1", "http://m.test/3"], said
    assert out.returncode == 0 and "1 unusable" in said, said
    assert "lost" not in said and "damaged" not in said and "hold no record" not in said, said


def test_reindex_stopped_by_a_file_size_limit_says_what_reindex_does(tmp_path):
    (tmp_path / "warcs").mkdir()
    path = tmp_path / "warcs" / "a.warc"
    write(path, [record(f"http://m.test/{i}", block=HTTP * 4) for i in range(60)], False)
    first = run_archiver("reindex", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", cwd=tmp_path,
                         timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    code = ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384)); "
            "sys.argv = ['archiver'] + sys.argv[1:]; runpy.run_module('archiver', run_name='__main__')")
    out = subprocess.run([sys.executable, "-c", code, "reindex", "--warcs", str(tmp_path / "warcs"), "--db",
                          str(tmp_path / "c.db")], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    said = out.stdout + out.stderr
    assert out.returncode != 0 and "Traceback" not in said, said
    assert "this command records nothing" not in said and "fetched then" not in said, said
    assert "running 'archiver reindex' again rebuilds the catalog from the WARC files" in said, said
    kept = [p for p in tmp_path.iterdir() if (".replaced-" in p.name or ".damaged-" in p.name)
            and not p.name.endswith(("-wal", "-shm", "-journal"))]
    assert kept, said  # the old catalog is kept, as the message says
    with sqlite3.connect(kept[0]) as conn:
        assert conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 60
