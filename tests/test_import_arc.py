"""``archiver import`` of ARC files (the Internet Archive's format before WARC): read through a WARC copy.

The ARC files are made here from real HTTP exchanges with a loopback server (127.0.8.200): the raw
response bytes, as a crawler of 2008 stored them, behind ARC v1 header lines, plain and gzip per
record. The copy is checked with ``warcio check``; extraction, a second import and a cut ARC too."""
from __future__ import annotations

import gzip
import hashlib
import socket
import subprocess
from pathlib import Path

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, run_archiver
from warcio.archiveiterator import ArchiveIterator
from warckit import warcio_check

ADDRESS = "127.0.8.200"


def raw_get(host: str, port: int, path: str) -> bytes:
    """The server's whole answer to a plain HTTP/1.0 GET, as bytes off the socket."""
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def arc_records(url_and_answers: list[tuple[str, bytes]]) -> list[bytes]:
    """ARC v1 records: the ``filedesc://`` header, then one ``URL IP DATE TYPE LENGTH`` record per answer."""
    desc = b"1 0 Archiver\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://crawl-2008.arc 0.0.0.0 20080301120000 text/plain %d\n" % len(desc) + desc + b"\n"]
    for n, (url, answer) in enumerate(url_and_answers):
        out.append(f"{url} {ADDRESS} 2008030112{n:02d}00 text/html {len(answer)}\n".encode() + answer + b"\n")
    return out


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> list[tuple[str, bytes]]:
    site = Site(tmp_path_factory.mktemp("arcsite"))
    host = site.host(ADDRESS, address=ADDRESS)
    host.routes_from({
        "/2008/otters": Response(body=article("Otters return to the Wensum", paras("Otter", special="Arcotters."))),
        "/2008/voles": Response(body=article("Water voles counted again", paras("Vole", special="Arcvoles."))),
    })
    site.start()
    try:
        return [(host.url(p), raw_get(ADDRESS, host.port, p)) for p in ("/2008/otters", "/2008/voles")]
    finally:
        site.stop()


def write_arc(path: Path, records: list[bytes], gzipped: bool) -> Path:
    with open(path, "wb") as fh:
        for rec in records:
            fh.write(gzip.compress(rec, mtime=0) if gzipped else rec)
    return path


def run(root: Path, *args: str):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip-per-record"])
def test_an_arc_file_is_imported_through_a_warc_copy_and_extracted(tmp_path, answers, gzipped):
    arc = write_arc(tmp_path / ("crawl-2008.arc" + (".gz" if gzipped else "")), arc_records(answers), gzipped)
    before = hashlib.sha256(arc.read_bytes()).hexdigest()
    first = run(tmp_path, "import", str(arc))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stderr
    assert "2 captures added" in first.stdout and "an ARC file: converted to the WARC file" in first.stdout
    copies = sorted((tmp_path / "warcs").glob("crawl-2008-arc-*.warc.gz"))
    assert len(copies) == 1
    check = warcio_check([copies[0]])
    assert check.returncode == 0, check.stdout + check.stderr
    with open(copies[0], "rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers.get_header("WARC-Date"),
                    r.content_stream().read()) for r in ArchiveIterator(fh)]
    assert records[0][0] == "warcinfo" and b"crawl-2008.arc" in records[0][3] and before.encode() in records[0][3]
    responses = [r for r in records if r[0] == "response"]
    assert [r[1] for r in responses] == [u for u, _ in answers]
    assert responses[0][2] == "2008-03-01T12:00:00Z"
    # the payload is the server's body as sent
    assert responses[0][3] == answers[0][1].split(b"\r\n\r\n", 1)[1]
    assert hashlib.sha256(arc.read_bytes()).hexdigest() == before  # the ARC is left as it was
    assert rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, warc_file FROM captures ORDER BY url") == [
        (answers[0][0], copies[0].name), (answers[1][0], copies[0].name)]
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert copies[0].name in index

    copy_bytes = copies[0].read_bytes()
    again = run(tmp_path, "import", str(arc))
    assert again.returncode == 0 and "0 captures added, 2 already in the catalog" in again.stdout
    assert copies[0].read_bytes() == copy_bytes  # the same copy, byte for byte
    assert len(rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT id FROM captures")) == 2

    done = run(tmp_path, "extract", "--clean", str(tmp_path / "clean"), "--progress", "never", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    texts = {p.read_text() for p in (tmp_path / "clean").rglob("*.txt") if ".versions" not in p.parts}
    assert any("Arcotters." in t and "Home" not in t for t in texts)
    assert any("Arcvoles." in t for t in texts)


def test_a_cut_arc_keeps_the_records_before_the_cut_and_says_where(tmp_path, answers):
    records = arc_records(answers)
    arc = write_arc(tmp_path / "cut.arc.gz", records, gzipped=True)
    data = arc.read_bytes()
    arc.write_bytes(data[:-40])  # inside the last record's gzip member
    result = run(tmp_path, "import", str(arc))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "1 capture added" in result.stdout
    assert "cut short inside its record 3" in result.stdout and "2 records before it converted" in result.stdout
    copy = next((tmp_path / "warcs").glob("cut-arc-*.warc.gz"))
    check = warcio_check([copy])
    assert check.returncode == 0, check.stdout + check.stderr
    assert not list((tmp_path / "warcs").glob("*.open"))
    assert rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url FROM captures") == [(answers[0][0],)]


def test_extract_given_an_arc_file_imports_it_and_extracts_its_captures_and_export_packs_them(tmp_path, answers):
    arc = write_arc(tmp_path / "given.arc", arc_records(answers), gzipped=False)
    done = run(tmp_path, "extract", str(arc), "--clean", str(tmp_path / "clean"), "--progress", "never", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "extract: 2 extracted" in done.stdout
    exported = run(tmp_path, "export", "--wacz", str(tmp_path / "out.wacz"))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    valid = subprocess.run(["wacz", "validate", "-f", str(tmp_path / "out.wacz")], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
