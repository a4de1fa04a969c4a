"""Hostile input, round 43 (session 48, host51): WARC files for import whose records frame or name themselves in
ways no tool writes, each of which lost records or blamed the wrong bytes before the round.

1. A record whose ``WARC-Target-URI`` host no URL parser reads (an unclosed ``http://[::1/x``, ``http://[zz]/y``):
   ``urlsplit`` raised out of the record mapper and the scan took it for damage. In a plain file the record was
   passed over without a word ("N captures added, 0 unusable", exit 0); in a ``.warc.gz`` of one member per record
   the *next* member was called damaged, "a record of this file is lost", exit 1. Now ``unusable: 2 x not a web
   URL (a host no URL parser reads), e.g. http://[::1/x``, exit 0, every other record imported.
2. A record whose ``Content-Length`` is negative or no number (``-5``, ``12abc``): warcio reads it as 0, so the
   record's block came next as a "record": the record was counted as "response record without an HTTP status
   line", and its own block named as "bytes N-M hold no record" (plain) or as "a damaged gzip member ... a record
   of this file is lost", exit 1 (``.warc.gz``), three lines for one record. Now one unusable line naming it and
   its Content-Length, reading on after its block, exit 0.
3. A record without ``Content-Length`` in an uncompressed file: warcio read it to the file's end; import said
   "the last record is cut short (N bytes; the file was truncated?)", exit 1, and every record after it was lost.
   Now it is unusable, named, and the records after it are imported.

Each test fails on main (99dd0f52). Real parts: WARC bytes written as the tools' faults leave them, ``archiver
import`` (plain, one member per record, inside the WARC folder), the catalog, ``archiver extract`` and ``search``.
"""
from __future__ import annotations

import gzip
import sqlite3
import zlib

import pytest
from sitekit import run_archiver

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

HTTP = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><title>Quay</title></head><body><article><p>"
        + b"The quay story tells of boats that a harbour keeps in winter. " * 12 + b"</p></article></body></html>")


def record_id(uri: str, kind: str = "response") -> str:
    return f"<urn:uuid:{zlib.crc32(f'{kind} {uri}'.encode()):012d}-0000-4000-8000-000000000000>"


def record(uri: str, length: str | None = "", block: bytes = HTTP, kind: str = "response", extra: str = "") -> bytes:
    """One WARC record; ``length`` '' is the block's true length, None leaves the header out."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id(uri, kind)}\r\n"
            f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n{extra}"
            f"Content-Type: application/http; msgtype={kind}\r\n")
    if length is not None:
        head += f"Content-Length: {length or len(block)}\r\n"
    return head.encode() + b"\r\n" + block + b"\r\n\r\n"


def write(path, records: list[bytes], members: bool) -> None:
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if members else b"".join(records))


def _import(root, path):
    out = run_archiver("import", path, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
    said = out.stdout + out.stderr
    assert "Traceback" not in said, said
    with sqlite3.connect(root / "c.db") as conn:
        urls = sorted(url for (url,) in conn.execute("SELECT url FROM captures"))
    return out, said, urls


@pytest.mark.parametrize("members", [False, True], ids=["plain", "gzip-records"])
def test_a_record_whose_uri_host_no_parser_reads_is_unusable_and_named(tmp_path, members):
    (tmp_path / "warcs").mkdir()
    path = tmp_path / "warcs" / ("v6.warc.gz" if members else "v6.warc")  # inside the folder: index.cdxj too
    write(path, [record("http://q.test/1"), record("http://[::1/x"), record("http://[zz]/y"),
                 record("http://q.test/4")], members)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0, said
    assert urls == ["http://q.test/1", "http://q.test/4"], said
    assert "2 captures added" in said and "2 unusable" in said, said
    assert "unusable: 2 x not a web URL (a host no URL parser reads), e.g. http://[::1/x" in said, said
    assert "damaged" not in said and "lost" not in said and "hold no record" not in said, said
    again, said, urls = _import(tmp_path, path)  # the same file again adds nothing, says the same
    assert again.returncode == 0 and "0 captures added" in said and len(urls) == 2, said


@pytest.mark.parametrize("members", [False, True], ids=["plain", "gzip-records"])
def test_a_content_length_that_is_no_length_is_one_named_unusable_record(tmp_path, members):
    path = tmp_path / ("neg.warc.gz" if members else "neg.warc")
    write(path, [record("http://n.test/1"), record("http://n.test/2", "-5"), record("http://n.test/3", "12abc"),
                 record("http://n.test/4", "-1", kind="request"), record("http://n.test/5")], members)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0, said
    assert urls == ["http://n.test/1", "http://n.test/5"], said
    assert ("unusable: 3 x record whose Content-Length is no length (WARC 1.1 section 5.3 asks a number of bytes), "
            "e.g. http://n.test/2 has '-5'") in said, said
    for blame in ("damaged gzip member", "hold no record", "without an HTTP status line", "does not end where",
                  "lost", "error:"):
        assert blame not in said, (blame, said)
    done = run_archiver("extract", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                        "--clean", tmp_path / "clean", cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    found = run_archiver("search", "--db", tmp_path / "c.db", "--clean", tmp_path / "clean", "harbour",
                         cwd=tmp_path, timeout=120)
    assert "search: 2 hits for 'harbour'" in found.stdout + found.stderr, found.stdout + found.stderr


def test_a_record_without_content_length_in_a_plain_file_loses_none_after_it(tmp_path):
    path = tmp_path / "nolength.warc"
    write(path, [record("http://m.test/1"), record("http://m.test/2", None), record("http://m.test/3"),
                 record("http://m.test/4")], members=False)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0, said
    assert urls == ["http://m.test/1", "http://m.test/3", "http://m.test/4"], said
    assert "unusable: 1 x record without Content-Length" in said and "http://m.test/2" in said, said
    assert "truncated" not in said and "cut short" not in said, said


def test_a_last_record_without_content_length_is_not_called_a_truncated_file(tmp_path):
    path = tmp_path / "lastnolength.warc"
    write(path, [record("http://l.test/1"), record("http://l.test/2", None)], members=False)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0, said
    assert urls == ["http://l.test/1"], said
    assert "unusable: 1 x record without Content-Length" in said and "truncated" not in said, said


def test_a_gzip_member_per_record_file_needs_no_content_length(tmp_path):
    """Kept: each gzip member ends its record, so warcio reads one without Content-Length whole (as on main)."""
    path = tmp_path / "members.warc.gz"
    write(path, [record("http://k.test/1"), record("http://k.test/2", None), record("http://k.test/3")], members=True)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0 and "unusable" not in said.replace("0 unusable", ""), said
    assert urls == ["http://k.test/1", "http://k.test/2", "http://k.test/3"], said


def test_an_import_or_extract_stopped_by_a_locked_catalog_says_what_running_it_again_does(tmp_path):
    """4. Another program holding the catalog (an sqlite3 shell's open transaction): ``import`` and ``extract``
    stopped with "... every capture recorded so far is whole, and the rest are fetched then", which neither
    does (round 5 wrote it for fetch). Each now says what running it again does; the import run again adds the
    file's captures once."""
    import threading

    first, second = tmp_path / "first.warc", tmp_path / "second.warc"
    write(first, [record("http://w.test/1")], members=False)
    write(second, [record("http://w.test/2"), record("http://w.test/3")], members=False)
    out, said, urls = _import(tmp_path, first)
    assert urls == ["http://w.test/1"], said
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(tmp_path / "c.db", isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(600)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert locked.wait(60)
    try:
        stopped = run_archiver("import", second, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                               cwd=tmp_path, timeout=300)
        cut = run_archiver("extract", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                           "--clean", tmp_path / "clean", cwd=tmp_path, timeout=300)
    finally:
        release.set()
        holder.join(60)
    for done, again in ((stopped, "importing the same files again adds the rest"),
                        (cut, "the rest are extracted then")):
        said = done.stdout + done.stderr
        assert done.returncode == 1 and "catalog locked" in said and "Traceback" not in said, said
        assert "fetched" not in said and again in said, said
    out, said, urls = _import(tmp_path, second)
    assert out.returncode == 0 and urls == ["http://w.test/1", "http://w.test/2", "http://w.test/3"], said


def test_a_companion_record_of_no_length_is_not_called_damage_by_the_export(tmp_path):
    """5. ``export --wacz`` copies the request and metadata records beside each capture. One of them whose
    Content-Length is no length (import names it unusable, 2.) was "1 damaged record beside the captures copied
    could not be read (a request or metadata record whose gzip member does not inflate)", exit 1, on a plain
    file. Now it is left out quietly, the records beside the captures are copied and the export exits 0."""
    path = tmp_path / "companions.warc"
    request = b"GET / HTTP/1.1\r\nHost: c.test\r\n\r\n"
    def beside(uri: str, length: str = "") -> bytes:
        return record(uri, length, request, "request", f"WARC-Concurrent-To: {record_id(uri)}\r\n")

    write(path, [record("http://c.test/1"), beside("http://c.test/1"), beside("http://c.test/2", "-1"),
                 record("http://c.test/3"), beside("http://c.test/3")], members=False)
    out, said, urls = _import(tmp_path, path)
    assert out.returncode == 0 and urls == ["http://c.test/1", "http://c.test/3"], said
    wacz = tmp_path / "out.wacz"
    done = run_archiver("export", "--wacz", wacz, "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db",
                        cwd=tmp_path, timeout=300)
    said = done.stdout + done.stderr
    assert done.returncode == 0 and "damaged" not in said and "Traceback" not in said, said
    import io
    import zipfile

    from warcio.archiveiterator import ArchiveIterator

    with zipfile.ZipFile(wacz) as zf:
        name = next(n for n in zf.namelist() if n.startswith("archive/"))
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                 for r in ArchiveIterator(io.BytesIO(zf.read(name)))]
    assert ("response", "http://c.test/1") in kinds and ("response", "http://c.test/3") in kinds, kinds
    assert ("request", "http://c.test/1") in kinds and ("request", "http://c.test/3") in kinds, kinds
    assert ("request", "http://c.test/2") not in kinds, kinds
