"""``index.cdxj`` past a damaged gzip member in the middle of a WARC file (a gzip member per record).

cdxj-indexer (warcio's iterator) stops at the first member that does not inflate. Before 2026-12-07 the index then
kept the lines before it and said the file was ``cut short (ArchiveLoadFailed: Unknown archive format, first line:
['\\x1f\\x8b...'])``, naming no offset, and every whole record after the damage was left out of the index, so pywb
could not replay them (review50). Now the damaged member is found by walking the members from the last whole
record, named by its offset, and indexing goes on at the next member that holds a WARC record.
"""
from __future__ import annotations

import io
import itertools
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from archiver.archive.layout import GZIP_MAGIC, inflate_member, next_member
from archiver.archive.lostbytes import padding_end

PIECE = 1 << 16  # bytes read, and at most inflated, at a time

MEMBER_STARTS = True  # False: a line whose offset in a .gz file starts no gzip member kept (before session 47)


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
    if not kept or not _gzipped(path):
        return [line for _, _, line in kept]
    if MEMBER_STARTS:
        kept = _at_members(path, kept)
    if kept:
        offset, length, line = max(kept)
        if not _member_ends(path, offset, length):
            kept.remove((offset, length, line))
    return [line for _, _, line in kept]


def _gzipped(path: Path) -> bool:
    """Whether ``path`` is named ``.gz`` and starts with a gzip member: a plain WARC named ``.warc.gz``, which
    warcio reads as plain, has no members to check its lines against (before session 47 its last line was
    dropped as a member cut short)."""
    if not path.name.endswith(".gz"):
        return False
    with open(path, "rb") as fh:
        return fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC


def _at_members(path: Path, kept: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Those of ``kept`` (offset, length, line) whose offset starts a gzip member. After a member, NUL padding
    short of a block's end sends warcio's reader into raw mode, where now and then it reads padding and the next
    member's compressed bytes as a record of garbage (about 1 file in 150 padded to 512 bytes: CI of 243ceab2,
    a fifth line whose URL was compressed bytes); no record of a gzipped file starts anywhere but at a member."""
    with open(path, "rb") as fh:
        out = []
        for item in kept:
            fh.seek(item[0])
            if fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC:
                out.append(item)
    return out


def _member_ends(path: Path, offset: int, length: int) -> bool:
    """Whether the gzip member at ``offset`` (``length`` bytes) ends within them: read and inflated a
    piece at a time with the output thrown away, so a record of gigabytes (a video) costs no memory."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        try:
            return inflate_member(_reads(fh, length)).eof
        except zlib.error:
            return False


def _reads(fh: BinaryIO, length: int | None = None) -> Iterator[bytes]:
    """``fh``'s bytes from where it is, ``PIECE`` at a time, up to ``length`` of them (None: to its end)."""
    left = -1 if length is None else length
    while left:
        buf = fh.read(PIECE if left < 0 else min(PIECE, left))
        if not buf:
            return
        left -= len(buf) if left > 0 else 0
        yield buf


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
            try:
                member = inflate_member(itertools.chain([data], _reads(fh)))
            except zlib.error:
                return at
            if not member.eof:
                return at  # the file ends inside it
            at, data = at + member.used, member.rest


def next_record_member(path: Path, after: int) -> int | None:
    """The offset of the first gzip member starting after ``after`` whose data inflates to a WARC record's start
    (:func:`layout.next_member`)."""
    return next_member(path, after + 1, path.stat().st_size)


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
    member, up to the next, with the damaged members' offsets (the caller keeps the lines of whole records).
    Block padding between members (``lostbytes.is_padding``) is read past, no damage."""
    lines, bad = list(whole), []
    at = damaged_member(path, end_of(whole))
    while at is not None:
        going = padding_end(path, at)  # NULs padding a member to a block's end (mend58): no damage
        if going is None:
            bad.append(at)
            going = next_record_member(path, at)
        elif going >= path.stat().st_size:
            break
        if going is None:
            break
        lines += lines_from(indexer, path, going)
        at = damaged_member(path, going)
    return lines, bad
