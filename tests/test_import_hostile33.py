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
