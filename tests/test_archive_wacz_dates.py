"""export --wacz of a catalog holding records whose WARC-Date warcio cannot read (imported by an archiver from
before the importer refused them): those captures are left out, named, and the rest is exported and valid."""
from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import zipfile

from archivekit import Archive, http_response, write_warc

from archiver.archive.wacz import unreadable_date

GOOD = "2026-11-02T00:00:00Z"
BAD = "yesterday about noon"  # as long as GOOD: the record keeps its length, the catalog its offsets


def _pages(path) -> list[dict]:
    with zipfile.ZipFile(path) as z:
        return [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines() if line]


def _validate(path) -> subprocess.CompletedProcess:
    wacz = shutil.which("wacz")
    command = [wacz] if wacz else [sys.executable, "-m", "wacz"]
    return subprocess.run([*command, "validate", "-f", str(path)], capture_output=True, text=True, timeout=300)


def test_unreadable_date_reads_plain_records_and_gzip_members():
    def record(date: str) -> bytes:
        return (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Date: {date}\r\nContent-Length: 4\r\n\r\n"
                "body\r\n\r\n").encode()

    assert unreadable_date(record(GOOD), False) is None
    assert unreadable_date(record(BAD), False) == BAD
    assert unreadable_date(gzip.compress(record(BAD)), True) == BAD
    assert unreadable_date(gzip.compress(record(GOOD)), True) is None
    # a date-like header in the payload is not the record's date
    body = f"WARC/1.1\r\nWARC-Date: {GOOD}\r\n\r\nWARC-Date: {BAD}\r\n".encode()
    assert unreadable_date(body, False) is None


def test_export_leaves_out_records_with_unreadable_dates_and_says_so(tmp_path):
    bodies = {f"http://www.example.org/{name}": f"<html><head><title>{name}</title></head><body><article><p>"
              + f"The {name} story has a sentence of its own here. " * 8 + "</p></article></body></html>"
              for name in ("kept", "dated")}
    warc = tmp_path / "old.warc"
    write_warc(warc, [http_response(url, body, date=GOOD) for url, body in bodies.items()], layout="plain")
    archive = Archive(tmp_path, None, {})  # type: ignore[arg-type]
    imported = archive.run("import", str(warc))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert archive.extract().returncode == 0
    # what an older importer let in: the second record's date unreadable, the bytes' length unchanged
    raw = warc.read_bytes()
    at = raw.index(b"http://www.example.org/dated")
    start = raw.rindex(b"WARC/1.1", 0, at)
    fixed = raw[start:].replace(f"WARC-Date: {GOOD}".encode(), f"WARC-Date: {BAD}".encode(), 1)
    assert len(fixed) == len(raw) - start
    warc.write_bytes(raw[:start] + fixed)

    target = tmp_path / "out.wacz"
    proc = archive.run("export", "--wacz", str(target), "--clean", str(archive.clean))
    said = proc.stdout + proc.stderr
    assert proc.returncode == 1, said
    assert "Traceback" not in said and "invalid literal" not in said, said
    assert "no ISO 8601 date" in said and "1 selected capture left out" in said, said
    assert "cannot be replayed" in said, said
    assert [p["url"] for p in _pages(target)[1:]] == ["http://www.example.org/kept"]
    checked = _validate(target)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(target) as z:
        names = [n for n in z.namelist() if n.startswith("archive/")]
        data = z.read(names[0])
    from warcio.archiveiterator import ArchiveIterator
    uris = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(io.BytesIO(data))
            if r.rec_type == "response"]
    assert uris == ["http://www.example.org/kept"]


def test_export_of_only_unreadable_dates_fails_with_a_message(tmp_path):
    warc = tmp_path / "old.warc"
    url = "http://www.example.org/only"
    write_warc(warc, [http_response(url, "<html><body><p>Only this page, dated badly.</p></body></html>",
                                    date=GOOD)], layout="plain")
    archive = Archive(tmp_path, None, {})  # type: ignore[arg-type]
    assert archive.run("import", str(warc)).returncode == 0
    warc.write_bytes(warc.read_bytes().replace(f"WARC-Date: {GOOD}".encode(), f"WARC-Date: {BAD}".encode()))
    proc = archive.run("export", "--wacz", str(tmp_path / "none.wacz"))
    said = proc.stdout + proc.stderr
    assert proc.returncode == 1, said
    assert "Traceback" not in said and "no ISO 8601 date" in said, said
    assert not (tmp_path / "none.wacz").exists()
