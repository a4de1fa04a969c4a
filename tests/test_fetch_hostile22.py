"""Round 22 of the hostile-input suite (tests/HOSTILE.md): WARC input to `archiver import`."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archiver.cli import main


def _record(body: bytes) -> bytes:
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000022>\r\n"
            b"WARC-Target-URI: http://a.example/bare\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(body))
    return head + body + b"\r\n\r\n"


def test_response_record_without_http_head_quotes_its_whole_first_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """warcio splits the first word off a status line; the reason must quote the line as the file holds it."""
    warc = tmp_path / "bare.warc"
    warc.write_bytes(_record(b"<html><body><p>bare page with no HTTP head</p></body></html>"))
    main(["import", str(warc), "--warcs", str(tmp_path / "warcs")])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "unreadable HTTP status line" in text
    assert "'<html><body><p>bare page with no HTTP head" in text


def _numbered(n: int) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + b"page %d " % n * 40 + b"</p></body></html>"
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000002%d>\r\n"
            b"WARC-Target-URI: http://a.example/p%d\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (n, n, len(body))
            + body + b"\r\n\r\n")


def test_gzip_member_cut_mid_record_names_where_it_stopped_without_control_bytes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A record-per-member WARC.gz whose second member is cut 10 bytes in: that member is named, the message printable.
    Round 30: the whole member after it is read too (before, reading stopped there: "stopped reading at offset 240",
    the third record lost)."""
    import gzip
    first, second = gzip.compress(_numbered(1), mtime=0), gzip.compress(_numbered(2), mtime=0)
    warc = tmp_path / "cut.warc.gz"
    warc.write_bytes(first + second[:10] + gzip.compress(_numbered(3), mtime=0))
    main(["import", str(warc), "--warcs", str(tmp_path / "warcs")])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "2 captures added" in text and "1 file with errors" in text, text
    assert f"bytes {len(first)}-{len(first) + 10} are a damaged gzip member" in text, text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)



def test_gzip_member_cut_inside_its_deflate_data_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Cut at half its length. Before: member 2 and the whole member 3 after it were dropped with no error (warcio
    ends quietly at a member that does not inflate). Now the damaged member is named, the file counts as one with
    errors, and reading goes on at member 3."""
    import gzip
    first, second = gzip.compress(_numbered(1), mtime=0), gzip.compress(_numbered(2), mtime=0)
    warc = tmp_path / "cut.warc.gz"
    warc.write_bytes(first + second[: len(second) // 2] + gzip.compress(_numbered(3), mtime=0))
    main(["import", str(warc), "--warcs", str(tmp_path / "warcs")])
    out = capsys.readouterr()
    text = out.out + out.err
    assert "0 files with errors" not in text and "1 file with errors" in text, text
    assert f"bytes 240-{240 + 120} are a damaged gzip member" in text and "2 captures added" in text, text
    rows = sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3").execute("SELECT url FROM captures").fetchall()
    assert sorted(r[0] for r in rows) == ["http://a.example/p1", "http://a.example/p3"]
