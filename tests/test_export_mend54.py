"""review53's faults in mend52's export and ``index.cdxj`` code, mended by mend54.

1. ``index.cdxj`` dropped the whole file when the damage was in its first record (the warcinfo or the first
   response): "cannot index a.warc.gz: ArchiveLoadFailed: Unknown archive format", no record indexed, while
   ``reindex`` read past the damage. Now it goes on past the damage from offset 0.
2. A .warc.gz of gzip members followed by uncompressed records (``cat a.warc.gz b.warc``) imported 4 captures, but
   export called the plain records "damaged, no gzip member starts there" (exit 1). Now they are copied.
3. ``member_damage`` copied the member's ``unconsumed_tail`` at every step (superlinear: 7.4 s for 128 MiB); it now
   feeds the inflater 64 KiB at a time (``layout.inflate_member``, shared with ``cdxj_damage``). Its results are
   tested here, not its time (timing tests flake).
"""
from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from pathlib import Path

import pytest
from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.archive.cdxj import update_index
from archiver.archive.cdxj_damage import damaged_member
from archiver.archive.layout import inflate_member
from archiver.archive.wacz_remedy import member_damage


class Said:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def log(self, event: str, message: str, **fields: object) -> None:
        self.events.append((event, message))


def records(gz: bool, numbers: range, warcinfo: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    if warcinfo:
        writer.write_record(writer.create_warcinfo_record("a.warc.gz", {"software": "mend54 test"}))
    for i in numbers:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = (b"<html><head><title>p%d</title></head><body><article><p>" % i
                + (b"harbour bridge news %d. " % i) * 60 + b"</p></article></body></html>")
        writer.write_record(writer.create_warc_record(f"http://s.test/p{i}", "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    return out.getvalue()


def spans(path: Path) -> list[tuple[int, int]]:
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        return [(it.get_record_offset(), it.get_record_length()) for _ in it]


def indexed_urls(folder: Path) -> list[str]:
    lines = (folder / "index.cdxj").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    return sorted(json.loads(line.split(" ", 2)[2])["url"] for line in lines)


@pytest.mark.parametrize("which, how", [(0, "middle"), (1, "middle"), (1, "head")])
def test_index_cdxj_reads_past_damage_in_the_first_record(tmp_path, which, how):
    """Damage in the warcinfo (record 0) or the first response (record 1), in the middle of its deflate data or
    over its gzip header: every other response is indexed and the damaged member named by its offset."""
    path = tmp_path / "a.warc.gz"
    path.write_bytes(records(True, range(5), warcinfo=True))
    offset, length = spans(path)[which]
    data = bytearray(path.read_bytes())
    start = offset + length // 2 if how == "middle" else offset
    for i in range(start, start + 8):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    said = Said()
    update_index(tmp_path, said)
    assert not [m for e, m in said.events if e == "cdxj-failed"], said.events
    damaged = [m for e, m in said.events if e == "cdxj-damaged"]
    assert damaged and f"at byte {offset}:" in damaged[0], said.events
    kept = [f"http://s.test/p{i}" for i in range(5) if which != 1 or i != 0]
    assert indexed_urls(tmp_path) == kept


def test_index_cdxj_still_fails_a_gz_file_with_no_record_at_all(tmp_path):
    """Nothing before the damage and nothing past it: the file is still reported as not indexable."""
    (tmp_path / "a.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(4000))
    said = Said()
    update_index(tmp_path, said)
    assert [e for e, _ in said.events] == ["cdxj-failed"], said.events
    assert not (tmp_path / "index.cdxj").exists()


def test_export_copies_plain_records_after_the_gzip_members(tmp_path):
    """``cat a.warc.gz b.warc``: four captures imported, all four exported, exit 0 (before: the two plain records
    were "damaged, no gzip member starts there", exit 1)."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    path = warcs / "m.warc.gz"
    path.write_bytes(records(True, range(2)) + records(False, range(2, 4)))
    common = ("--warcs", str(warcs), "--db", str(tmp_path / "c.db"))
    imported = run_archiver("import", str(path), *common, cwd=tmp_path, timeout=300)
    assert imported.returncode == 0 and "4 captures added" in imported.stdout, imported.stdout + imported.stderr
    target = tmp_path / "out.wacz"
    done = run_archiver("export", "--wacz", str(target), "--clean", str(tmp_path / "clean"), *common, cwd=tmp_path,
                        timeout=300)
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "damaged" not in said and "4 captures, 4 WARC records" in said, said
    with zipfile.ZipFile(target) as z:
        name = next(n for n in z.namelist() if n.endswith(".warc.gz"))
        with z.open(name) as fh:
            urls = sorted(r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)
                          if r.rec_type == "response")
    assert urls == [f"http://s.test/p{i}" for i in range(4)]


def member(body: bytes) -> bytes:
    z = zlib.compressobj(0, zlib.DEFLATED, zlib.MAX_WBITS + 16)  # stored: random bytes do not compress
    return z.compress(body) + z.flush()


def test_member_damage_on_a_large_member():
    """A 48 MiB member (fed 64 KiB at a time): whole, cut short, overwritten, or holding no WARC record."""
    body = b"WARC/1.1\r\n\r\n" + os.urandom(48 << 20)
    data = member(body)
    assert member_damage(data, True) is None
    assert "cut short" in (member_damage(data[:-100], True) or "")
    spoilt = bytearray(data)
    spoilt[len(data) // 2:len(data) // 2 + 8] = bytes(b ^ 0x5A for b in spoilt[len(data) // 2:len(data) // 2 + 8])
    assert "does not inflate" in (member_damage(bytes(spoilt), True) or "")
    assert member_damage(member(b"HTTP/1.1 200 OK\r\n" + body[12:1000]), True) == \
        "its gzip member holds no WARC record"
    assert member_damage(b"WARC/1.1\r\n\r\n", False) is None


def test_inflate_member_says_where_the_member_ends():
    """The bytes a member took and the input after it, over pieces that split it anywhere."""
    one, two = member(b"WARC/1.0\r\n" + b"x" * 100_000), member(b"WARC/1.1\r\n")
    joined = one + two
    for size in (1, 7, 1000, 1 << 16, len(joined)):
        pieces = [joined[i:i + size] for i in range(0, len(joined), size)]
        found = inflate_member(pieces, 8)
        assert found.eof and found.head == b"WARC/1.0" and found.used == len(one)
        assert joined[found.used:].startswith(found.rest)
    assert not inflate_member([one[:-1]]).eof


def test_damaged_member_finds_the_offset_among_members(tmp_path):
    path = tmp_path / "a.warc.gz"
    path.write_bytes(records(True, range(4), warcinfo=True))
    assert damaged_member(path, 0) is None
    places = spans(path)
    offset, length = places[3]
    data = bytearray(path.read_bytes())
    data[offset + length // 2] ^= 0x5A
    path.write_bytes(bytes(data))
    assert damaged_member(path, 0) == offset
    path.write_bytes(bytes(data[:offset + length - 3]))
    assert damaged_member(path, places[1][0]) == offset
