"""ARC import (archive/arc.py) beside other runs: the WARC copy while it is written, and once it is there.

The ARC files hold real answers of a loopback server (127.0.12.1) behind ARC v1 header lines, as
tests/test_import_arc.py makes them. Found by review8: the copy was written as ``NAME.warc.gz.open``,
the name ``archiver fetch`` and ``reindex`` take for a killed run's file and close (truncate to the
last whole record, rename) when no process holds a lock on it; two imports of the same ARC at once
wrote the same ``.open`` file; and a copy already there was replaced when a later archiver (another
version in the warcinfo) wrote other bytes, under the catalog's offsets."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, run_archiver
from test_import_arc import raw_get
from warckit import warcio_check

import archiver
from archiver.archive.arc import convert_arc
from archiver.warc_read import recover_open_files

ADDRESS = "127.0.12.1"


@pytest.fixture(scope="module")
def answer(tmp_path_factory) -> tuple[str, bytes]:
    site = Site(tmp_path_factory.mktemp("arcsite8"))
    host = site.host(ADDRESS, address=ADDRESS)
    host.routes_from({"/2008/herons": Response(body=article("Herons nest early", paras("Heron", special="Archerons.")))})
    site.start()
    try:
        return host.url("/2008/herons"), raw_get(ADDRESS, host.port, "/2008/herons")
    finally:
        site.stop()


def write_arc(path: Path, answer: tuple[str, bytes], times: int) -> Path:
    """A plain ARC of ``times`` captures of the answer (URLs made distinct by a query)."""
    desc = b"1 0 Archiver\nURL IP-address Archive-date Content-type Archive-length\n"
    url, body = answer
    with open(path, "wb") as fh:
        fh.write(b"filedesc://review8.arc 0.0.0.0 20080301120000 text/plain %d\n" % len(desc) + desc + b"\n")
        for n in range(times):
            fh.write(f"{url}?n={n} {ADDRESS} 20080301{n % 24:02d}0000 text/html {len(body)}\n".encode() + body + b"\n")
    return path


def test_a_copy_already_there_is_kept_when_a_later_archiver_would_write_other_bytes(tmp_path, answer, monkeypatch):
    arc = write_arc(tmp_path / "kept.arc", answer, 3)
    done = run_archiver("import", str(arc), "--warcs", tmp_path / "warcs", cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    copy = next((tmp_path / "warcs").glob("kept-arc-*.warc.gz"))
    before = copy.read_bytes()
    monkeypatch.setattr(archiver, "__version__", archiver.__version__ + ".post12345")  # a longer warcinfo
    again = convert_arc(arc, tmp_path / "warcs")
    assert again.warc == copy and again.error is None
    assert copy.read_bytes() == before  # the catalog's offsets still point at its records
    assert not [p for p in (tmp_path / "warcs").iterdir() if p.name.endswith(".open")]
    offsets = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT warc_offset FROM captures ORDER BY warc_offset")
    with open(copy, "rb") as fh:
        for (offset,) in offsets:
            fh.seek(offset)
            assert fh.read(2) == b"\x1f\x8b"


def test_closing_a_killed_runs_files_leaves_an_arc_copy_being_written_alone(tmp_path, answer):
    arc = write_arc(tmp_path / "big.arc", answer, 1500)
    serial = convert_arc(arc, tmp_path / "serial")
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    result: list = []
    worker = threading.Thread(target=lambda: result.append(convert_arc(arc, warcs)))
    worker.start()
    closed = []
    while worker.is_alive():  # what 'archiver fetch' or 'reindex' does first, in another process
        closed += recover_open_files(warcs)
    worker.join()
    assert closed == []
    assert result and result[0].records == serial.records == 1502
    assert result[0].warc.read_bytes() == serial.warc.read_bytes()
    assert sorted(p.name for p in warcs.iterdir()) == [serial.warc.name]


def test_two_imports_of_one_arc_at_once_give_one_whole_copy(tmp_path, answer):
    arc = write_arc(tmp_path / "twice.arc", answer, 800)
    serial = convert_arc(arc, tmp_path / "serial")
    warcs = tmp_path / "warcs"
    results: list = []
    workers = [threading.Thread(target=lambda: results.append(convert_arc(arc, warcs))) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(results) == 2 and all(r.error is None and r.records == 802 for r in results)
    assert sorted(p.name for p in warcs.iterdir()) == [serial.warc.name]
    assert serial.warc.read_bytes() == (warcs / serial.warc.name).read_bytes()
    check = warcio_check([warcs / serial.warc.name])
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_killed_imports_file_is_removed_by_the_next_import_and_a_live_ones_is_left(tmp_path, answer):
    import fcntl

    arc = write_arc(tmp_path / "again.arc", answer, 2)
    warcs = tmp_path / "warcs"
    first = convert_arc(arc, warcs)
    name = first.warc.name
    first.warc.unlink()
    killed = warcs / f".{name}.0123456789ab.open"
    killed.write_bytes(b"\x1f\x8b half a record")  # an import killed while writing: no process holds it
    live = warcs / f".{name}.ba9876543210.open"
    live.write_bytes(b"\x1f\x8b")
    with open(live, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another import still writing it
        again = convert_arc(arc, warcs)
        assert sorted(p.name for p in warcs.iterdir()) == sorted([name, live.name])
    assert again.records == first.records == 4
    check = warcio_check([warcs / name])
    assert check.returncode == 0, check.stdout + check.stderr
