"""``index.cdxj`` past a damaged gzip member in the middle of a WARC file (a gzip member per record).

cdxj-indexer (warcio's iterator) stops at the first member that does not inflate. Before 2026-12-07 the index then
kept the lines before it and said the file was ``cut short (ArchiveLoadFailed: Unknown archive format, first line:
['\\x1f\\x8b...'])``, naming no offset, and every whole record after the damage was left out of the index, so pywb
could not replay them (review50). Now the damaged member is found by walking the members from the last whole
record, named by its offset, and indexing goes on at the next member that holds a WARC record.
"""
from __future__ import annotations

import io
import json
import mmap
import zlib
from pathlib import Path

from archiver.archive.layout import GZIP_MAGIC

PIECE = 1 << 16  # bytes read, and at most inflated, at a time


def json_start(line: str) -> int:
    """Where the JSON block of a CDXJ line (``KEY TIMESTAMP {...}``) begins: after the second space, not at the
    first ``{``, which a key may hold (``%7B`` in a URL is ``{`` in its SURT key); -1 when the line has no such
    block (then ``json.loads(line[-1:])`` fails as a damaged line should)."""
    parts = line.split(" ", 2)
    if len(parts) < 3 or not parts[0].strip() or not parts[1].strip() or not parts[2].startswith("{"):
        return -1
    return len(parts[0]) + len(parts[1]) + 2


def whole_records(path: Path, lines: list[str]) -> list[str]:
    """The ``lines`` (cdxj-indexer's, for ``path``) whose record is whole: it ends within the file, and in a
    ``.gz`` file the last one's gzip member runs to its end (warcio reading a member cut short may give a
    line for it, its length where the cut is)."""
    size = path.stat().st_size
    kept: list[tuple[int, int, str]] = []
    for line in lines:
        try:
            fields = json.loads(line[json_start(line):])
            offset, length = int(fields["offset"]), int(fields["length"])
        except (ValueError, KeyError, TypeError):
            continue
        if offset + length <= size:
            kept.append((offset, length, line))
    if kept and path.name.endswith(".gz"):
        offset, length, line = max(kept)
        if not _member_ends(path, offset, length):
            kept.remove((offset, length, line))
    return [line for _, _, line in kept]


def _member_ends(path: Path, offset: int, length: int) -> bool:
    """Whether the gzip member at ``offset`` (``length`` bytes) ends within them: read and inflated a
    piece at a time with the output thrown away, so a record of gigabytes (a video) costs no memory."""
    inflate = zlib.decompressobj(31)
    with open(path, "rb") as fh:
        fh.seek(offset)
        left = length
        try:
            while left > 0 and not inflate.eof:
                buf = fh.read(min(PIECE, left))
                if not buf:
                    break
                left -= len(buf)
                while buf and not inflate.eof:
                    inflate.decompress(buf, PIECE)
                    buf = inflate.unconsumed_tail
        except zlib.error:
            return False
    return inflate.eof


def damaged_member(path: Path, start: int) -> int | None:
    """The offset of the first gzip member from ``start`` (a member's start) that does not inflate whole, or of
    bytes there that start no member; None when every member to the file's end is whole."""
    with open(path, "rb") as fh:
        fh.seek(start)
        at, data = start, b""
        while True:
            while len(data) < len(GZIP_MAGIC) and (more := fh.read(PIECE)):
                data += more
            if not data:
                return None
            if not data.startswith(GZIP_MAGIC):
                return at
            inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
            used = 0
            try:
                while not inflater.eof:
                    if not data:
                        data = fh.read(PIECE)
                        if not data:
                            return at  # the file ends inside it
                    before = len(data)
                    inflater.decompress(data, PIECE)
                    data = inflater.unused_data if inflater.eof else inflater.unconsumed_tail
                    used += before - len(data)
            except zlib.error:
                return at
            at += used


def next_record_member(path: Path, after: int) -> int | None:
    """The offset of the first gzip member starting after ``after`` whose data inflates to a WARC record's start."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        at = mm.find(GZIP_MAGIC + b"\x08", after + 1)
        while at != -1:
            try:
                if zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(mm[at:at + 4096], 8).startswith(b"WARC/"):
                    return at
            except zlib.error:
                pass
            at = mm.find(GZIP_MAGIC + b"\x08", at + 1)
    return None


def lines_from(indexer: type, path: Path, start: int) -> list[str]:
    """cdxj-indexer's lines (``indexer``: its class) for the records from ``start`` on, up to any damage."""
    out = io.StringIO()
    with open(path, "rb") as fh:
        fh.seek(start)
        try:
            indexer(out, [str(path)]).process_one(fh, out, str(path))
        except Exception:
            pass
    return out.getvalue().splitlines(keepends=True)


def end_of(lines: list[str]) -> int:
    """Where the last of ``lines``' records ends in its file (their ``offset`` + ``length``); 0 for none."""
    ends = [0]
    for line in lines:
        try:
            fields = json.loads(line[json_start(line):])
            ends.append(int(fields["offset"]) + int(fields["length"]))
        except (ValueError, KeyError, TypeError):
            continue
    return max(ends)


def index_past_damage(indexer: type, path: Path, whole: list[str]) -> tuple[list[str], list[int]]:
    """``whole`` (the lines of the records before the damage) and the lines of the records after each damaged
    member, up to the next, with the damaged members' offsets (the caller keeps the lines of whole records)."""
    lines, bad = list(whole), []
    at = damaged_member(path, end_of(whole))
    while at is not None:
        bad.append(at)
        going = next_record_member(path, at)
        if going is None:
            break
        lines += lines_from(indexer, path, going)
        at = damaged_member(path, going)
    return lines, bad
