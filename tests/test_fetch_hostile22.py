"""Round 22 of the hostile-input suite (tests/HOSTILE.md): WARC input to `archiver import`."""
from __future__ import annotations

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
