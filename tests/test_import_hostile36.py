"""Hostile input, round 36 (session 41, host44): WARC import of files that share records, truncated records,
revisits whose original is in another file, request-only files.

WARCs written with warcio's writer (plain and gzip), ``archiver import``, ``extract``, the catalog's rows read
back with warcio at their offsets.
"""
from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SECOND = "2026-01-05T10:00:00Z"


def page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{title} "
            + "words of the story " * 20 + "</p></article></body></html>").encode()


def http() -> StatusAndHeaders:
    return StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")


def write(path: Path, records: list[tuple[str, bytes]], gzip: bool = False) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for url, body in records:
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http(),
                                                warc_headers_dict={"WARC-Date": SECOND}))


def archiver(root: Path, *args) -> str:
    out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
    assert "Traceback" not in out.stdout + out.stderr
    return out.stdout + out.stderr


def catalog(root: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(root / "c.db") as conn:
        return conn.execute(sql).fetchall()


def test_a_file_sharing_some_records_with_a_gone_file_is_not_called_its_move(tmp_path):
    """Round 35 left it open: the rows were right, but the words said ``which is gone (moved here?)`` of a file
    that took one of the gone file's three captures; now they say how many it took and how many still name the
    gone file. A true move still reads ``moved here?``."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    write(warcs / "a.warc.gz", [("http://n.test/one", page("One")), ("http://n.test/two", page("Two")),
                                ("http://n.test/three", page("Three"))], True)
    write(warcs / "b.warc.gz", [("http://n.test/one", page("One")), ("http://n.test/six", page("Six"))], True)
    archiver(tmp_path, "import", warcs / "a.warc.gz")
    (warcs / "a.warc.gz").unlink()
    out = archiver(tmp_path, "import", warcs / "b.warc.gz")
    assert "1 capture added, 1 already in the catalog" in out, out
    assert "moved here" not in out, out
    assert "1 record of this file was in the catalog from a.warc.gz, which is gone" in out, out
    assert "2 other captures of it are not in this one and still name a.warc.gz" in out, out
    assert sorted(catalog(tmp_path, "SELECT url, warc_file FROM captures")) == [
        ("http://n.test/one", "b.warc.gz"), ("http://n.test/six", "b.warc.gz"),
        ("http://n.test/three", "a.warc.gz"), ("http://n.test/two", "a.warc.gz")]


def test_a_true_move_is_still_called_one(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    write(warcs / "a.warc.gz", [("http://n.test/one", page("One")), ("http://n.test/two", page("Two"))], True)
    archiver(tmp_path, "import", warcs / "a.warc.gz")
    shutil.move(warcs / "a.warc.gz", warcs / "moved.warc.gz")
    out = archiver(tmp_path, "import", warcs / "moved.warc.gz")
    assert "0 captures added, 2 already in the catalog" in out and "which is gone (moved here?)" in out, out
    assert "no move" not in out, out
    assert {n for (n,) in catalog(tmp_path, "SELECT warc_file FROM captures")} == {"moved.warc.gz"}


@pytest.mark.parametrize("date,stamp", [("0001-01-01T00:00:00Z", "00010101000000"),
                                        ("0999-12-31T23:59:59Z", "09991231235959")])
def test_a_date_before_the_year_1000_gets_a_14_digit_index_timestamp(tmp_path, date, stamp):
    """Round 35 left it open: warcio's timestamp of 0001-01-01 is strftime's unpadded ``10101000000``, which
    a replay tool reads as the year 1010. The line's timestamp is now 14 digits, and sorts before 2026's."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    with open(warcs / "old.warc", "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for i, when in enumerate([SECOND, date]):
            w.write_record(w.create_warc_record("http://n.test/p", "response", payload=io.BytesIO(page(f"P{i}")),
                                                http_headers=http(), warc_headers_dict={"WARC-Date": when}))
    out = archiver(tmp_path, "import", warcs / "old.warc")
    assert "2 captures added" in out, out
    stamps = [line.split()[1] for line in (warcs / "index.cdxj").read_text().splitlines() if "n.test" in line]
    assert stamps == [stamp, "20260105100000"], stamps


def wacz(path: Path, warc: bytes, package: bytes | None) -> None:
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("archive/data.warc", warc)
        if package is not None:
            zf.writestr("datapackage.json", package)


def package_for(warc: bytes, **entry) -> bytes:
    import hashlib
    import json
    resource = {"name": "data.warc", "path": "archive/data.warc", "hash": "sha256:" + hashlib.sha256(warc).hexdigest(),
                "bytes": len(warc), **entry}
    return json.dumps({"profile": "data-package", "wacz_version": "1.1.1", "resources": [resource]}).encode()


@pytest.mark.parametrize("change", ["byte", "hash-md5", "size"])
def test_a_wacz_whose_warc_disagrees_with_its_datapackage_is_named(tmp_path, change):
    """A WARC edited after the WACZ was packed (one letter of a page's text: the WARC still reads) imported
    without a word before round 36; now a warning names the member, and its captures are still imported."""
    import hashlib
    (tmp_path / "warcs").mkdir()
    raw = io.BytesIO()
    w = WARCWriter(raw, gzip=False)
    for name in ("one", "two"):
        w.write_record(w.create_warc_record(f"http://n.test/{name}", "response", payload=io.BytesIO(page(name)),
                                            http_headers=http(), warc_headers_dict={"WARC-Date": SECOND}))
    good = raw.getvalue()
    bad = good.replace(b"one words", b"One words", 1) if change != "size" else good
    if change == "hash-md5":
        package = package_for(good, hash="md5:" + hashlib.md5(good).hexdigest())
    elif change == "size":
        package = package_for(good, bytes=len(good) + 7)
    else:
        package = package_for(good)
    wacz(tmp_path / "warcs" / "x.wacz", bad, package)
    out = archiver(tmp_path, "import", tmp_path / "warcs" / "x.wacz")
    assert "2 captures added" in out, out
    assert "warning: archive/data.warc does not match its datapackage.json entry" in out, out
    assert ("bytes, where datapackage.json gives" in out) == (change == "size"), out


@pytest.mark.parametrize("package", [None, b"{not json", b'{"resources": 5}', b'{"resources": [{"path": 1}]}'])
def test_a_wacz_of_a_matching_or_no_datapackage_says_nothing(tmp_path, package):
    (tmp_path / "warcs").mkdir()
    raw = io.BytesIO()
    w = WARCWriter(raw, gzip=False)
    w.write_record(w.create_warc_record("http://n.test/one", "response", payload=io.BytesIO(page("one")),
                                        http_headers=http(), warc_headers_dict={"WARC-Date": SECOND}))
    wacz(tmp_path / "warcs" / "x.wacz", raw.getvalue(), package if package is not None else package_for(raw.getvalue()))
    out = archiver(tmp_path, "import", tmp_path / "warcs" / "x.wacz")
    assert "1 capture added" in out and "datapackage" not in out, out


def test_an_exported_wacz_imported_elsewhere_matches_its_datapackage(tmp_path):
    """archiver's own WACZ (py-wacz's datapackage.json, sha256 of each WARC) imported into another catalog: no
    warning."""
    first, second = tmp_path / "first", tmp_path / "second"
    for root in (first, second):
        (root / "warcs").mkdir(parents=True)
    write(first / "warcs" / "a.warc.gz", [("http://n.test/one", page("One")), ("http://n.test/two", page("Two"))],
          True)
    archiver(first, "import", first / "warcs" / "a.warc.gz")
    out = archiver(first, "export", "--wacz", tmp_path / "x.wacz")
    assert (tmp_path / "x.wacz").exists(), out
    shutil.copy(tmp_path / "x.wacz", second / "warcs" / "x.wacz")
    out = archiver(second, "import", second / "warcs" / "x.wacz")
    assert "2 captures added" in out and "datapackage" not in out, out


def test_a_wacz_missing_a_warc_its_datapackage_lists_is_named(tmp_path):
    """A WACZ packed with two WARCs, one taken out of the zip afterwards: the other's captures imported, the
    missing one named (before round 36: nothing said, its captures silently absent)."""
    import json
    (tmp_path / "warcs").mkdir()
    raw = io.BytesIO()
    w = WARCWriter(raw, gzip=False)
    w.write_record(w.create_warc_record("http://n.test/one", "response", payload=io.BytesIO(page("one")),
                                        http_headers=http(), warc_headers_dict={"WARC-Date": SECOND}))
    package = json.loads(package_for(raw.getvalue()))
    package["resources"].append({"name": "gone.warc.gz", "path": "archive/gone.warc.gz", "hash": "sha256:00",
                                 "bytes": 10})
    wacz(tmp_path / "warcs" / "x.wacz", raw.getvalue(), json.dumps(package).encode())
    out = archiver(tmp_path, "import", tmp_path / "warcs" / "x.wacz")
    assert "1 capture added" in out, out
    assert "warning: archive/gone.warc.gz does not match its datapackage.json entry (not in the zip" in out, out
    assert "archive/data.warc" not in out, out
