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
