"""What an exported WACZ says of itself and of its records (nu29's leftovers):

- a record whose bytes no longer match its WARC-Block-Digest (bit rot in an imported WARC) was copied into the
  export without a word: it is still copied as stored (the evidence as it stands) but the export names it;
- ``datapackage.json`` named py-wacz as the software that made the package: it names archiver (and py-wacz as
  what packed it), and ``wacz validate`` still accepts the package (the digest file matches the new bytes).
"""
from __future__ import annotations

import json
import zipfile

from sitekit import run_archiver
from warckit import rot, write_responses

PAGE = (b"<html><head><title>Old bridge closes</title></head><body><article><h1>Old bridge closes</h1>"
        b"<p>The old bridge over the harbour will close for eighteen months while engineers replace its "
        b"rusted cables, the council said on Monday.</p><p>Commuters will be diverted to the ferry, which "
        b"will run every ten minutes during the rush hour, the transport department said.</p></article>"
        b"</body></html>")
URL = "http://news.example.test/bridge"


def _import(tmp_path, rot_it: bool):
    warc = tmp_path / "crawl.warc"
    write_responses(warc, URL, [("2026-11-01T10:00:00Z", PAGE), ("2026-11-20T10:00:00Z", PAGE)])
    if rot_it:
        rot(warc, b"rusted cables", b"rusted CABLES")
    got = run_archiver("import", warc, cwd=tmp_path)
    assert got.returncode == 0, got.stdout + got.stderr
    assert run_archiver("extract", "--jobs", "1", cwd=tmp_path).returncode == 0


def test_a_record_failing_its_block_digest_is_exported_and_named(tmp_path):
    _import(tmp_path, rot_it=True)
    out = tmp_path / "out.wacz"
    got = run_archiver("export", "--wacz", out, cwd=tmp_path)
    assert got.returncode == 0, got.stdout + got.stderr
    said = got.stdout + got.stderr
    assert "1 record copied as stored but not matching its WARC-Block-Digest" in said, said
    assert "crawl.warc:" in said, said  # where it lies
    assert "2 captures" in said, said  # still exported: nothing left out
    logged = run_archiver("export", "--wacz", tmp_path / "again.wacz", "--log-format", "json", cwd=tmp_path)
    events = [json.loads(line) for line in (logged.stdout + logged.stderr).splitlines() if line.startswith("{")]
    assert [e["records"] for e in events if e["event"] == "export-bad-digest"] == [1], events


def test_a_sound_archive_exports_without_the_warning_and_names_archiver(tmp_path):
    from wacz.main import main as wacz_main

    _import(tmp_path, rot_it=False)
    out = tmp_path / "out.wacz"
    got = run_archiver("export", "--wacz", out, cwd=tmp_path)
    assert got.returncode == 0, got.stdout + got.stderr
    assert "WARC-Block-Digest" not in got.stdout + got.stderr
    with zipfile.ZipFile(out) as z:
        package = json.loads(z.read("datapackage.json"))
    assert package["software"].startswith("archiver "), package
    assert "py-wacz" in package["software"], package
    assert wacz_main(["validate", "-f", str(out)]) == 0  # the digest file matches datapackage.json as written
