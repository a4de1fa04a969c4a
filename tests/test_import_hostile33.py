"""Hostile input, round 33 (session 38, host41): imported records whose target URI names no host.

A record with ``WARC-Target-URI: http:///path`` or ``http://:80/x`` (a tool's bug, or a file built to
confuse) was imported as a capture of a URL no server can be asked for (round 32 left it so): listed,
indexed, extracted and exported under a hostless URL. It is now unusable, as a ``dns:`` or relative URI
is: ``not a web URL (no host)``, counted with one example, and every other record of the file imported.

The WARC is written with warcio's writer; ``archiver import``, ``extract`` and ``list`` are the real CLI
on a real catalog.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from archivekit import article, http_response, paras, write_warc
from sitekit import run_archiver
from warckit import catalog_rows, decoded_payload

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

URIS = ["http://good.round33.test/first", "http:///path", "http://:80/x", "https://user@/y",
        "http://[::1]:8080/v6", "http://good.round33.test/last"]


def run(root: Path, *args: str):
    done = run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)
    return done, done.stdout + done.stderr


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp33")
    records = [http_response(uri, article(f"Story {i}", paras(str(i), special=f"Unique {i} sentence.")))
               for i, uri in enumerate(URIS)]
    path = write_warc(root / "in.warc.gz", records)
    done, out = run(root, "import", str(path))
    extracted, more = run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1")
    return {"root": root, "code": done.returncode, "out": out, "extract": extracted.returncode, "more": more}


def test_a_record_without_a_host_is_named_and_passed_over(imported):
    out = imported["out"]
    assert imported["code"] == 0 and "Traceback" not in out, out[-3000:]
    assert "unusable: 3 x not a web URL (no host), e.g. http:///path" in out, out


def test_every_other_record_is_imported_and_extracted(imported):
    with sqlite3.connect(imported["root"] / "warcs" / "catalog.sqlite3") as conn:
        urls = sorted(url for (url,) in conn.execute("SELECT url FROM captures"))
    assert urls == ["http://[::1]:8080/v6", "http://good.round33.test/first", "http://good.round33.test/last"], urls
    assert imported["extract"] == 0 and "Traceback" not in imported["more"], imported["more"][-3000:]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Two files of gzip members and plain records joined (``cat``): plain records then members, and members,
    plain records, members; each imported into its own catalog, then extracted."""
    root = tmp_path_factory.mktemp("mix33")

    def records(first: int, n: int) -> list:
        return [http_response(f"http://mix.round33.test/{i}", article(f"Story {i}", paras(str(i),
                special=f"Mixed {i} sentence."))) for i in range(first, first + n)]

    gz = write_warc(root / "a.warc.gz", records(0, 2)).read_bytes()
    plain = write_warc(root / "b.warc", records(2, 2), layout="plain").read_bytes()
    more = write_warc(root / "c.warc.gz", records(4, 1)).read_bytes()
    files = {"plain-then-gzip": (root / "pg.warc", plain + gz, 4), "gzip-plain-gzip": (root / "gpg.warc.gz",
                                                                                       gz + plain + more, 5)}
    out = {}
    for name, (path, data, n) in files.items():
        path.write_bytes(data)
        warcs = root / name
        done = run_archiver("import", str(path), "--warcs", warcs, cwd=root, timeout=600)
        ext = run_archiver("extract", "--warcs", warcs, "--clean", root / f"clean-{name}", "--progress", "never",
                           "--jobs", "1", cwd=root, timeout=600)
        out[name] = {"code": done.returncode, "out": done.stdout + done.stderr, "n": n, "path": path,
                     "ext": ext.stdout + ext.stderr, "db": warcs / "catalog.sqlite3"}
    return out


@pytest.mark.parametrize("name", ["plain-then-gzip", "gzip-plain-gzip"])
def test_plain_records_and_gzip_members_in_one_file_are_all_imported(mixed, name):
    """Before: plain records then gzip members stopped at the first member (``stopped reading at offset 3138:
    ArchiveLoadFailed: Invalid WARC record, first line: \\x8b\\x08...``, its binary bytes printed), the two
    captures after it lost, exit 1; members, plain records, members imported all but said ``bytes 4593-4597
    are a damaged gzip member ...: a record of this file is lost`` of the line ends closing the last plain
    record (none was lost)."""
    got = mixed[name]
    assert got["code"] == 0 and "Traceback" not in got["out"], got["out"]
    assert "error:" not in got["out"] and "lost" not in got["out"], got["out"]
    rows = catalog_rows(got["db"], "SELECT url, warc_offset FROM captures ORDER BY warc_offset")
    assert len(rows) == got["n"], [dict(r) for r in rows]
    for row in rows:  # each capture's record is read at its offset, as extract and export read it
        assert b"sentence." in decoded_payload(got["path"], row["warc_offset"]), dict(row)
    assert f"{got['n']} extracted" in got["ext"], got["ext"]
