"""``archiver export --wacz`` over damaged records, and its advice for pages left without text (review50's two open
faults, mended by mend52).

1. A gzip member overwritten or cut in the middle of a WARC file was copied as stored; py-wacz's indexer then
   stopped on it (``ArchiveLoadFailed: Unknown archive format`` with the member's raw bytes, or warcio's bare
   ``Error -3 while decompressing data``), naming no record, and no package was written. A damaged request record
   beside a capture silently lost every request record after it in its file. Now the WACZ is written from the
   records that can be read, validates with py-wacz, its CDXJ sorted; the damaged record is named by file, byte
   offset and URL with what to do; the exit code is 1.
2. Every page without text was told "'archiver extract', then export again", which changes nothing for a page
   extraction refused (empty body, binary content served as HTML, a body inflating past the size limit). Now each
   reason gets its own line and remedy.
"""
from __future__ import annotations

import gzip
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from archivekit import Archive, article, fetch, news_site, paras, rows
from sitekit import Response, Site
from test_archive_wacz import pages_of, validate


@pytest.fixture(scope="module")
def fetched(tmp_path_factory):
    """Three articles of one fetch in one WARC (gzip member per record), extracted."""
    root = tmp_path_factory.mktemp("mend52")
    site, urls = news_site(root)
    archive = Archive(root, site, urls)
    try:
        done = fetch(archive, "news.txt", [urls["bridge"], urls["otters"], urls["post"]])
        assert done.returncode == 0, done.stdout + done.stderr
    finally:
        site.stop()
    extracted = archive.extract()
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    return archive


def copy_of(archive: Archive, where: Path) -> Archive:
    shutil.copytree(archive.root, where, ignore=shutil.ignore_patterns("site"))
    return Archive(where, archive.site, archive.urls)


def place(archive: Archive, url: str) -> tuple[Path, int, int]:
    (name, offset, length), = rows(archive.db, "SELECT warc_file, warc_offset, warc_length FROM captures "
                                               "WHERE url = ?", (url,))
    return archive.warcs / name, offset, length


def export(archive: Archive):
    target = archive.root / "out.wacz"
    return target, archive.run("export", "--wacz", str(target), "--clean", str(archive.clean))


def index_lines(target: Path) -> list[str]:
    with zipfile.ZipFile(target) as z:
        return gzip.decompress(z.read("indexes/index.cdx.gz")).decode("utf-8").splitlines()


def assert_sound(target: Path, urls: set[str]) -> None:
    """The package validates with py-wacz, lists ``urls`` as its pages, and its CDXJ is sorted and readable."""
    checked = validate(target)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr
    assert {p["url"] for p in pages_of(target)[1:]} == urls
    lines = index_lines(target)
    assert lines == sorted(lines) and lines
    indexed = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
    assert urls <= indexed


def overwrite(path: Path, start: int, n: int) -> None:
    data = bytearray(path.read_bytes())
    for i in range(start, start + n):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_a_member_overwritten_mid_file_is_named_and_the_rest_packed(fetched, tmp_path):
    archive = copy_of(fetched, tmp_path / "a")
    path, offset, length = place(archive, archive.urls["otters"])
    overwrite(path, offset + length // 2, 8)  # inside its deflate data: the member no longer inflates
    target, proc = export(archive)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 1, said
    # (before: "export: py-wacz could not write the package (ArchiveLoadFailed: Unknown archive format, first
    # line: ['\x1f\x8b...']": no file, no record named)
    assert "ArchiveLoadFailed" not in said and "Traceback" not in said, said
    assert (f"  not copied: {path.name} at byte {offset}: damaged, its gzip member does not inflate (Error -3 "
            in proc.stdout), said
    assert f"({archive.urls['otters']})" in proc.stdout, said
    assert "1 selected capture left out" in proc.stdout and "put back a good copy of the WARC file" in proc.stdout
    assert "export: wrote " in proc.stdout and "2 captures" in proc.stdout, said
    assert_sound(target, {archive.urls["bridge"], archive.urls["post"]})
    with zipfile.ZipFile(target) as z:
        data = gzip.decompress(b"".join(z.read(n) for n in z.namelist() if n.startswith("archive/")))
    assert data.count(b"WARC-Type: request") == 2  # the two whole captures keep their request records

    # the twin: the same archive undamaged exports every capture, exit 0
    clean_target, whole = export(copy_of(fetched, tmp_path / "whole"))
    assert whole.returncode == 0 and "not copied" not in whole.stdout, whole.stdout + whole.stderr
    assert_sound(clean_target, {archive.urls[k] for k in ("bridge", "otters", "post")})


def test_a_member_cut_in_the_middle_of_the_file(fetched, tmp_path):
    """100 bytes cut out of the middle capture's member (by file order): it is named, and so is the capture after
    it, whose offset now falls inside other bytes (before: a traceback ending in warcio's bare ``zlib.error: Error
    -3 while decompressing data: invalid distance too far back``, no record named); the first one packs."""
    archive = copy_of(fetched, tmp_path / "cut")
    (first, _), (middle, middle_url), (last, last_url) = sorted(
        rows(archive.db, "SELECT warc_offset, url FROM captures"))
    path, offset, length = place(archive, middle_url)
    data = path.read_bytes()
    path.write_bytes(data[:offset + length // 3] + data[offset + length // 3 + 100:])
    target, proc = export(archive)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and "zlib.error" not in proc.stderr, proc.stderr
    assert (f"  not copied: {path.name} at byte {middle}: damaged, its gzip member does not inflate (Error -3 "
            f"while decompressing data: ") in proc.stdout, proc.stdout
    assert f"{path.name} at byte {last}: damaged, no gzip member starts there" in proc.stdout, proc.stdout
    assert f"({last_url})" in proc.stdout and "2 selected captures left out" in proc.stdout, proc.stdout
    first_url = next(url for at, url in rows(archive.db, "SELECT warc_offset, url FROM captures") if at == first)
    assert_sound(target, {first_url})


def test_every_selected_record_damaged_writes_nothing(fetched, tmp_path):
    """The first capture's member cut: no record can be copied; no file is left, half-written or not, and the
    message names each damaged record's offset and what to do."""
    archive = copy_of(fetched, tmp_path / "all")
    (first, url), *_ = sorted(rows(archive.db, "SELECT warc_offset, url FROM captures"))
    path, offset, length = place(archive, url)
    data = path.read_bytes()
    path.write_bytes(data[:offset + length // 3] + data[offset + length // 3 + 100:])
    target, proc = export(archive)
    assert proc.returncode == 1 and not target.exists(), proc.stdout + proc.stderr
    assert not list(archive.root.glob(".out.wacz*")), list(archive.root.iterdir())
    said = proc.stdout + proc.stderr
    assert "none of the 3 selected captures could be copied" in said and f"{path.name} at byte {first}: " in said
    assert "put back a good copy of the WARC file" in said and "Traceback" not in said, said


def test_a_damaged_request_record_beside_a_capture(fetched, tmp_path):
    """The request record after the first capture damaged: said by file and offset, exit 1; the captures and the
    other captures' request records are all copied (before: exit 0, nothing said, and every request record after
    the damage left out of the package)."""
    archive = copy_of(fetched, tmp_path / "req")
    path, offset, length = place(archive, archive.urls["bridge"])
    request_at = offset + length  # archiver writes the response, then its request
    overwrite(path, request_at + 40, 8)
    target, proc = export(archive)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "damaged record beside the captures copied could not be read" in proc.stdout, proc.stdout
    assert f"{path.name}:{request_at}" in proc.stdout, proc.stdout
    assert "with them: 2 request records" in proc.stdout, proc.stdout
    assert_sound(target, {archive.urls[k] for k in ("bridge", "otters", "post")})


def test_pages_without_text_are_told_why(tmp_path):
    """Refused pages are counted by reason and told that extracting again changes nothing; a page never extracted
    gets "run 'archiver extract'". Before: every one "'archiver extract', then export again"."""
    site = Site(tmp_path / "site")
    host = site.host("127.0.52.7", address="127.0.52.7")
    host.route("/story", Response(body=article("Harbour bridge closes in March", paras("Bridge"))))
    host.route("/empty", Response(body=""))
    host.route("/blank", Response(body=" \n\n "))
    host.route("/binary", Response(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40))
    host.route("/later", Response(body=article("Ferry timetable changes in April", paras("Ferry"))))
    site.start()
    archive = Archive(tmp_path, site, {})
    try:
        first = fetch(archive, "first.txt", [host.url(p) for p in ("/story", "/empty", "/blank", "/binary")])
        assert first.returncode == 0, first.stdout + first.stderr
        extracted = archive.extract()
        assert extracted.returncode == 0, extracted.stdout + extracted.stderr
        later = fetch(archive, "later.txt", [host.url("/later")])  # fetched after extract ran
        assert later.returncode == 0, later.stdout + later.stderr
    finally:
        site.stop()
    target, proc = export(archive)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    summary = next(line for line in lines if line.startswith("export: wrote "))
    assert summary.endswith("1 page with text, 4 pages without"), summary
    assert "  1 page not extracted yet: run 'archiver extract', then export again" in lines, lines
    refused = next(line for line in lines if "refused by extraction" in line)
    assert refused.startswith("  3 pages refused by extraction ("), refused
    assert "empty body x2" in refused and "not HTML: binary content (text/html) x1" in refused, refused
    assert "extracting again changes nothing" in refused and "records are in the package" in refused, refused
    assert "then export again" not in refused, refused
    # the refused pages are in the package all the same: listed, their records indexed
    assert_sound(target, {host.url(p) for p in ("/story", "/empty", "/blank", "/binary", "/later")})

    # extract again: the refused pages stay so, and only they are told; the never-extracted one now has text
    again = archive.extract()
    assert again.returncode == 0, again.stdout + again.stderr
    _, proc = export(archive)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 pages with text, 3 pages without" in proc.stdout, proc.stdout
    assert "not extracted yet" not in proc.stdout and "  3 pages refused by extraction (" in proc.stdout


def test_index_cdxj_goes_on_past_a_damaged_member(fetched, tmp_path):
    """``index.cdxj`` rebuilt over a file damaged in the middle: the damaged record is named by its offset and left
    out, the whole records after it are indexed, the index stays sorted (before: "is cut short (ArchiveLoadFailed:
    Unknown archive format, first line: ['\\x1f\\x8b...'])", no offset, every record after the damage unindexed)."""
    archive = copy_of(fetched, tmp_path / "idx")
    (_, first_url), (middle, middle_url), (_, last_url) = sorted(
        rows(archive.db, "SELECT warc_offset, url FROM captures"))
    path, offset, length = place(archive, middle_url)
    overwrite(path, offset + length // 2, 8)
    (archive.warcs / "index.cdxj").unlink()  # derived state: rebuilt by the next command that updates it
    proc = archive.run("reindex")
    said = proc.stdout + proc.stderr
    assert "ArchiveLoadFailed" not in said and "Traceback" not in said, said
    assert (f"index.cdxj: {path.name}: 1 damaged gzip member (overwritten or cut in the middle) at byte {middle}: "
            "the record there is not indexed, the whole records after it are") in said, said
    lines = (archive.warcs / "index.cdxj").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    indexed = {json.loads(line[line.index(' {"') + 1:])["url"] for line in lines}
    assert {first_url, last_url} <= indexed and middle_url not in indexed, indexed
