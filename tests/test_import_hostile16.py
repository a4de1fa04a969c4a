"""Hostile input to ``archiver import``, round 16 (session 23, host17): WARCs other tools write that bend the
standard. Each file is written with warcio's writer (the same bytes such tools write), imported with the real CLI,
then extracted, searched and exported as a WACZ (``wacz validate`` when installed).

Fixed here:

- a ``WARC-Date`` warcio cannot read (``yesterday``) was stored as the capture's date; ``export --wacz`` of the
  whole archive then failed ``invalid literal for int() with base 10: ''`` (exit 2); it is now an unusable record
  named with its URI and date, as is a 14-digit timestamp or a time with an offset (warcio, and so
  the WACZ indexer, reads neither);
- the first segment of a record in segments (``WARC-Segment-Number``, WARC 1.1 section 5.13) was imported as a
  whole page, nothing said (half the page, searchable as if whole); now named, marked ``WARC-Truncated: segment``;
- a ``.warc.zst`` (or bzip2, xz, lz4) file was ``not a WARC file (it starts with b'(\\xb5/\\xfd...')``; now the
  compression is named with the command that undoes it.
"""
from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from archivekit import article, http_response, paras, rows, write_warc
from sitekit import run_archiver
from warcio.warcwriter import WARCWriter

U = "http://imp.host17.test/"


def run(root: Path, *args: str):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def captures(root: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(root / "warcs" / "catalog.sqlite3",
                                      "SELECT url, state, fetched_at, truncated, reason FROM captures")}


def segmented(url: str, body: bytes) -> list:
    """A response in two segments: the first holds half the HTTP message, a continuation record the rest."""
    writer = WARCWriter(None, warc_version="1.1")
    full = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    half = len(full) // 2
    first = writer.create_warc_record(url, "response", payload=io.BytesIO(full[:half]), length=half,
                                      warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z",
                                                         "WARC-Segment-Number": "1"})
    rest = writer.create_warc_record(url, "continuation", payload=io.BytesIO(full[half:]), length=len(full) - half,
                                     warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z", "WARC-Segment-Number": "2",
                                                        "WARC-Segment-Origin-ID": first.rec_headers.get_header(
                                                            "WARC-Record-ID"),
                                                        "WARC-Segment-Total-Length": str(len(full))})
    return [first, rest]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp16")
    records = segmented(U + "seg", article("Segmented story of owls", paras("Owl", special="Segmented owls.")).encode())
    records += [
        http_response(U + "baddate", article("Undated story of newts", paras("Newt", special="Undated newts.")),
                      date="yesterday"),
        http_response(U + "digits", article("Digits story of moles", paras("Mole")), date="20261101100000"),
        http_response(U + "offset", article("Offset story of voles", paras("Vole")), date="2026-11-01T10:00:00+01:00"),
        http_response(U + "ok", article("Fine story of hares", paras("Hare", special="Fine hares."))),
    ]
    warc = write_warc(root / "others.warc.gz", records)
    done = run(root, "import", str(warc))
    return root, done


def test_a_date_no_tool_reads_is_unusable_and_the_archive_still_exports(imported):
    root, done = imported
    assert done.returncode == 0, done.stdout + done.stderr
    assert (f"WARC-Date is no ISO 8601 date, e.g. {U}baddate has 'yesterday'") in done.stdout, done.stdout
    got = captures(root)
    assert U + "baddate" not in got
    assert U + "digits" not in got and U + "offset" not in got  # warcio, and so the WACZ indexer, reads neither
    assert "2 x response record whose WARC-Date is no ISO 8601 date" in done.stdout, done.stdout
    # round 39: the offset is named as such (it is ISO 8601, but no WARC date)
    assert "1 x response record whose WARC-Date has a UTC offset" in done.stdout, done.stdout
    assert got[U + "ok"][:3] == ("captured", "2026-11-01T10:00:00Z", None)
    assert run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1").returncode == 0
    wacz = root / "out.wacz"
    out = run(root, "export", "--wacz", str(wacz))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    assert "2 captures" in out.stdout + out.stderr, out.stdout + out.stderr
    if shutil.which("wacz"):
        check = subprocess.run(["wacz", "validate", "-f", str(wacz)], capture_output=True, text=True, timeout=300)
        assert check.returncode == 0, check.stdout + check.stderr


def test_the_first_segment_of_a_record_in_segments_is_named_and_marked_a_part(imported):
    root, done = imported
    assert re.search(rf"warning: the record at offset \d+ \({U}seg\) is the first of a record in segments "
                     r"\(WARC-Segment-Number\)", done.stdout), done.stdout
    assert "2 other records (not captures)" in done.stdout  # the warcinfo and the continuation
    state, _, truncated, reason = captures(root)[U + "seg"]
    assert state == "captured" and truncated == "segment", (state, truncated)
    assert "continuation records are not joined" in reason
    # what came is still readable and searchable (the first half of the page)
    assert "1 hit for 'owls'" in run(root, "search", "owls").stderr


@pytest.mark.parametrize("name,packer,word", [
    ("z.warc.zst", lambda data: __import__("zstandard").ZstdCompressor().compress(data), "zstd"),
    ("z.warc.bz2", lambda data: __import__("bz2").compress(data), "bzip2"),
    ("z.warc.xz", lambda data: __import__("lzma").compress(data), "xz"),
])
def test_a_warc_in_another_compression_is_named_with_its_remedy(tmp_path, name, packer, word):
    if word == "zstd":
        pytest.importorskip("zstandard")
    plain = gzip.decompress(write_warc(tmp_path / "w.warc.gz", [http_response(U + "z", "<p>zed</p>")]).read_bytes())
    path = tmp_path / name
    path.write_bytes(packer(plain))
    done = run(tmp_path, "import", str(path))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert f"error: a WARC compressed with {word}, which archiver does not read" in done.stdout, done.stdout
    assert "decompress it" in done.stdout and "not a WARC file" not in done.stdout


def test_the_segment_and_date_rules_of_the_record_mapper():
    from archiver.archive.records import warc_date

    assert [warc_date(v) for v in ("2026-11-01T10:00:00Z ", "2026-11-01T10:00:00.5Z", "2026-11-01",
                                    "2026-11-01T10:00:00-02:00", "20261101100000", "yesterday", "2026-13-01T00:00:00Z",
                                    "")] == \
        ["2026-11-01T10:00:00Z", "2026-11-01T10:00:00.5Z", "2026-11-01", None, None, None, None, None]
