"""What may follow a one-stream gzip WARC's stream: NUL padding, junk, a damaged member (review4).

Real WARCs written by warcio (tests/archivekit), compressed as ``gzip file.warc`` does, then padded or
spoiled; a real ``archiver import`` into a real catalog. Python's gzip module reads the padded file, and
e28e06a imported it; the reader that followed (streams.Inflating) lost every record to 'incorrect header
check'."""
from __future__ import annotations

import gzip
from pathlib import Path

from archivekit import article, http_response, paras, rows, write_warc
from sitekit import run_archiver

URLS = [f"http://news.example/story-{i}" for i in range(3)]


def stream_warc(tmp: Path) -> bytes:
    """A one-stream gzip WARC of three articles (warcinfo first), as bytes."""
    records = [http_response(url, article(f"Story {i}", paras(f"s{i}"))) for i, url in enumerate(URLS)]
    return write_warc(tmp / "base.warc.gz", records, layout="gzip-stream").read_bytes()


def imported(root: Path, data: bytes, name: str):
    path = root / name
    path.write_bytes(data)
    got = run_archiver("import", str(path), "--warcs", root / "warcs", cwd=root, timeout=300)
    urls = [r[0] for r in rows(root / "warcs" / "catalog.sqlite3", "SELECT url FROM captures ORDER BY id")]
    return got, urls


def test_nul_padding_after_the_stream_is_passed_over(tmp_path):
    data = stream_warc(tmp_path)
    assert gzip.decompress(data + b"\0" * 512)  # Python's gzip reads it: so should import
    got, urls = imported(tmp_path, data + b"\0" * 512, "padded.warc.gz")
    assert urls == URLS, got.stdout + got.stderr
    assert "  error:" not in got.stdout and "  warning:" not in got.stdout, got.stdout


def test_junk_after_the_stream_keeps_every_record_before_it_and_names_its_offset(tmp_path):
    data = stream_warc(tmp_path)
    got, urls = imported(tmp_path, data + b"\0\0garbage after the stream\n", "junk.warc.gz")
    assert urls == URLS, got.stdout + got.stderr
    assert f"warning: the bytes from offset {len(data) + 2} of the file are not a gzip member" in got.stdout, got.stdout


def test_a_damaged_member_after_the_first_keeps_the_first_members_records(tmp_path):
    data = stream_warc(tmp_path)
    spoilt = bytearray(data)
    spoilt[len(spoilt) // 2] ^= 0xFF
    got, urls = imported(tmp_path, data + bytes(spoilt), "damaged.warc.gz")
    assert urls[:3] == URLS, got.stdout + got.stderr
    assert "the gzip stream is damaged" in got.stdout and "the records before it are imported" in got.stdout, got.stdout


def test_export_wacz_copies_the_first_record_of_a_one_stream_file_when_it_is_a_capture(tmp_path):
    """review4: a one-stream gzip WARC without a warcinfo first (its record at offset 0 a capture): offset 0
    starts a gzip member that inflates to a record, so the copy took the raw compressed bytes for a
    per-record member ('cut short', the capture left out of the WACZ). The file's layout decides now."""
    import io
    import zipfile

    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i, url in enumerate(URLS):
        writer.write_record(http_response(url, article(f"Story {i}", paras(f"s{i}"))))
    got, urls = imported(tmp_path, gzip.compress(buf.getvalue()), "bare.warc.gz")
    assert urls == URLS, got.stdout + got.stderr
    wacz = tmp_path / "bare.wacz"
    exported = run_archiver("export", "--wacz", str(wacz), "--warcs", tmp_path / "warcs", cwd=tmp_path, timeout=300)
    assert exported.returncode == 0 and "3 captures" in exported.stdout, exported.stdout + exported.stderr
    with zipfile.ZipFile(wacz) as zf:
        [member] = [n for n in zf.namelist() if n.startswith("archive/")]
        data = zf.read(member)
    copied = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(io.BytesIO(data))
              if r.rec_type == "response"]
    assert copied == URLS, copied
