"""A record's gzip member inflated in one go (archiver/warc_member.py, speed24): read_record gives the
same headers and payload as through warcio's own reader, and leaves every other member to it
(a record spread over two members, a cut member, an uncompressed file, a member of two records)."""
from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver import warc_member
from archiver.warc_read import read_record

BODY = ("<html><body>" + "".join(f"<p>Paragraph {i} of the harbour story.</p>" for i in range(400))
        + "</body></html>").encode()


def _record_bytes(url: str, body: bytes, chunked: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False, warc_version="1.1")
    headers = [("Content-Type", "text/html; charset=utf-8")]
    payload = body
    if chunked:
        headers.append(("Transfer-Encoding", "chunked"))
        payload = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 700]), body[i:i + 700])
                           for i in range(0, len(body), 700)) + b"0\r\n\r\n"
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                  length=len(payload), http_headers=http))
    return out.getvalue()


def _both(path: Path, offset: int, monkeypatch, limit: int | None = None) -> list:
    """What read_record gives (or raises) with the member inflated whole, then through warcio."""
    seen = []
    for whole in (True, False):
        monkeypatch.setattr(warc_member, "INFLATE_WHOLE", whole)
        try:
            record, raw = read_record(path, offset, limit=limit)
            seen.append((str(record.rec_headers), str(record.http_headers), raw))
        except Exception as exc:  # the same failure either way is the point
            seen.append((type(exc).__name__, str(exc)))
    return seen


def test_members_of_one_record_each_read_the_same(tmp_path, monkeypatch):
    path = tmp_path / "a.warc.gz"
    records = [_record_bytes("https://news.example/a", BODY), _record_bytes("https://news.example/b", BODY[:900], True),
               _record_bytes("https://news.example/c", BODY * 40)]  # several reads of the member
    offsets, data = [], b""
    for rec in records:
        offsets.append(len(data))
        data += gzip.compress(rec)
    path.write_bytes(data)
    inflated: list = []
    real = warc_member.inflated_record
    monkeypatch.setattr("archiver.warc_read.inflated_record", lambda fh: inflated.append(real(fh)) or inflated[-1])
    for offset in offsets:
        whole, plain = _both(path, offset, monkeypatch)
        assert whole == plain and len(whole) == 3
    assert _both(path, offsets[2], monkeypatch, limit=1000)[0][2] == BODY[:1001]
    assert sum(x is not None for x in inflated) == 4  # the first three reads and the limited one: inflated whole


def test_other_members_are_left_to_warcio(tmp_path, monkeypatch):
    rec = _record_bytes("https://news.example/a", BODY)
    half = len(rec) // 2
    cases = {
        "two members": gzip.compress(rec[:half]) + gzip.compress(rec[half:]),
        "cut member": gzip.compress(rec)[:-300],
        "uncompressed": rec,
        "one member, two records": gzip.compress(rec + _record_bytes("https://news.example/b", BODY)),
    }
    for name, data in cases.items():
        path = tmp_path / f"{name.replace(' ', '-')}.warc.gz"
        path.write_bytes(data)
        monkeypatch.setattr(warc_member, "INFLATE_WHOLE", True)
        with open(path, "rb") as fh:
            got = warc_member.inflated_record(fh)
            assert got is not None or fh.tell() == 0
        assert (got is not None) == (name == "one member, two records"), name
        whole, plain = _both(path, 0, monkeypatch)
        assert whole == plain, name


@pytest.mark.parametrize("level", [1, 9])
def test_zlib_made_members_inflate_alike(tmp_path, level):
    rec = _record_bytes("https://news.example/a", BODY)
    packer = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    path = tmp_path / "z.warc.gz"
    path.write_bytes(packer.compress(rec) + packer.flush())
    with open(path, "rb") as fh:
        got = warc_member.inflated_record(fh)
    assert got is not None and got.read() == rec
