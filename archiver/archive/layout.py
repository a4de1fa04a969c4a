"""A WARC file's layout (plain, a gzip member per record, one gzip stream) and its first record's frame.

A WARC file is laid out in one of three ways:

- ``plain``: uncompressed (``.warc``); offsets are byte offsets in the file;
- ``gzip-records``: one gzip member per record (what the WARC standard's annex
  recommends and every crawler writes); offsets are where a member starts, so a
  reader seeks there and inflates one member;
- ``gzip-stream``: the whole file is one gzip stream (``gzip file.warc``). No
  offset in the compressed file starts a record, so offsets here are counted in
  the *uncompressed* stream, and reading a record inflates the file from its start.
  A worker keeps its inflating stream open between records, so extracting a file's
  records in offset order inflates it once (``warcio recompress`` makes such a file
  randomly readable, if that matters more).

warcio reads the first two and refuses the third ("non-chunked gzip file detected").
"""
from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Iterable
from typing import NamedTuple

from warcio.exceptions import ArchiveLoadFailed

PLAIN, GZIP_RECORDS, GZIP_STREAM = "plain", "gzip-records", "gzip-stream"
GZIP_MAGIC = b"\x1f\x8b"
MAX_HEADER = 256 * 1024  # bytes of WARC header lines a record may have before we call it broken
_RECORD_LINE = re.compile(rb"(?:^|\n)(WARC/(?:1\.[01]|0\.1[78])\r\n)")
_BLOCK_END_RECORD = re.compile(rb"\r\n\r\n(WARC/(?:1\.[01]|0\.1[78])\r\n)")


def is_not_chunked(exc: BaseException) -> bool:
    """True for warcio's refusal of a file that is one gzip stream."""
    return isinstance(exc, ArchiveLoadFailed) and "non-chunked gzip" in str(exc)


def detect_layout(path: str | os.PathLike[str]) -> str:
    """``plain``, ``gzip-records`` or ``gzip-stream`` for the file at ``path``.

    Inflates only the first gzip member, and of that only a little past the end of
    the first record: a member that goes on past it holds several records.
    Raises OSError if the file cannot be read, ValueError if it does not start with a WARC record.
    """
    with open(path, "rb") as fh:
        start = fh.read(16)
        if not start.startswith(GZIP_MAGIC):
            _check_start(start)
            return PLAIN
        fh.seek(0)
        inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        head, total, end = b"", 0, None
        while not inflater.eof:
            chunk = inflater.unconsumed_tail or fh.read(64 * 1024)
            if not chunk:
                break
            try:
                data = inflater.decompress(chunk, 64 * 1024)
            except zlib.error:
                return GZIP_RECORDS  # let the reader report the damage
            total += len(data)
            if end is None:
                head += data
                if len(head) >= 5:
                    _check_start(head)
                end = first_record_end(head)
                if end is None and len(head) > MAX_HEADER:
                    return GZIP_RECORDS
            if end is not None and total > end:
                return GZIP_STREAM
        return GZIP_RECORDS


def _check_start(data: bytes) -> None:
    """Raise ValueError unless ``data`` (a file's first bytes, uncompressed) starts a WARC record."""
    if data.startswith(b"WARC/"):
        return
    if data.startswith(b"filedesc:"):
        raise ValueError("an ARC file (Internet Archive's format before WARC), not a WARC file: convert it with "
                         "'warcio recompress FILE.arc.gz FILE.warc.gz', then import the WARC")
    for magic, coding, tool in COMPRESSIONS:
        if data.startswith(magic):
            raise ValueError(f"a WARC compressed with {coding}, which archiver does not read (only gzip, per record "
                             f"or as one stream): decompress it ('{tool} FILE') and import the WARC it gives")
    raise ValueError(f"not a WARC file (it starts with {data[:16]!r})")


# other compressions a WARC is found in (the magic numbers their files start with): a clear remedy, not
# "not a WARC file (it starts with b'(\\xb5/\\xfd...')"; a zstd skippable frame opens a .warc.zst of the
# WARC-zstd draft that carries its dictionary
COMPRESSIONS = ((b"\x28\xb5\x2f\xfd", "zstd", "zstd -d"), (b"\x5d\x2a\x4d\x18", "zstd (with a dictionary)", "zstd -d"),
                (b"BZh", "bzip2", "bunzip2"), (b"\xfd7zXZ\x00", "xz", "unxz"), (b"\x04\x22\x4d\x18", "lz4", "lz4 -d"))


def header_fields(data: bytes) -> dict[str, str] | None:
    """The WARC header fields of the record ``data`` starts with: {name lower-cased: value stripped}, values
    decoded as UTF-8 (bad bytes replaced), a repeated name's last value; None when ``data`` does not start
    with ``WARC/`` or its header block (up to the first CRLF CRLF) is not complete. The one reader of header
    lines for the places that read a few fields without warcio (its ArchiveIterator costs ~1 ms a record)."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0 or not data.startswith(b"WARC/"):
        return None
    fields = {}
    for line in data[:head_end].split(b"\r\n")[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            fields[name.strip().lower().decode("utf-8", "replace")] = value.strip().decode("utf-8", "replace")
    return fields


def first_record_end(data: bytes) -> int | None:
    """Where the first record in ``data`` ends (its block plus CRLF CRLF), if its header is complete and
    gives a Content-Length."""
    fields = header_fields(data)
    if fields is None or not fields.get("content-length", "").isdigit():
        return None
    return data.find(b"\r\n\r\n") + 4 + int(fields["content-length"]) + 4


def next_member(path: str | os.PathLike[str], after: int, end: int,
                starts: Callable[[bytes], bool] = lambda head: head.startswith(b"WARC/")) -> int | None:
    """The offset of the first gzip member at or past ``after`` (before ``end``) that inflates to the start
    of a WARC record (``WARC/``; ``starts`` judges the first 512 inflated bytes otherwise), or None: where
    reading goes on after a damaged member of a file of one gzip member per record. Reads 1 MiB at a time;
    each candidate ``1f 8b 08`` is tried by inflating it."""
    import zlib

    with open(path, "rb") as fh:
        pos = after
        while pos < end:
            fh.seek(pos)
            data = fh.read(min(1 << 20, end - pos) + 2)
            at = data.find(GZIP_MAGIC + b"\x08")
            if at < 0:
                if len(data) < 3:
                    return None
                pos += len(data) - 2
                continue
            fh.seek(pos + at)
            try:
                head = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(fh.read(4096), 512)
            except zlib.error:
                head = b""
            if starts(head):
                return pos + at
            pos += at + 1
    return None


class Inflated(NamedTuple):
    """What :func:`inflate_member` found: whether the member ended (its gzip trailer read), its first inflated
    bytes, how many input bytes it took, and the input after it in the last piece read."""

    eof: bool
    head: bytes
    used: int
    rest: bytes


def inflate_member(pieces: Iterable[bytes | memoryview], head: int = 0) -> Inflated:
    """Inflate the one gzip member that ``pieces`` (its bytes, in order, e.g. 64 KiB file reads or memoryview
    slices) open, keeping the first ``head`` inflated bytes and throwing the rest away: time linear in the
    member's size and memory bounded (at most 1 MiB out per step; before 2026-12-07 the whole member was fed at
    once and its ``unconsumed_tail`` copied at every step, minutes for a 1 GiB record: review53). Stops at the
    member's end, reading no piece past it. Raises zlib.error where the member's data is damaged; ``eof`` False
    when the pieces end inside it (cut short)."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
    got, used = b"", 0
    for piece in pieces:
        buf = piece
        while buf and not inflater.eof:
            out = inflater.decompress(buf, 1 << 20)
            if len(got) < head:
                got += out[:head - len(got)]
            buf = inflater.unconsumed_tail
        if inflater.eof:
            rest = inflater.unused_data
            return Inflated(True, got, used + len(piece) - len(rest), rest)
        used += len(piece)
    return Inflated(False, got, used, b"")


def next_record_start(path: str | os.PathLike[str], after: int) -> int | None:
    """The offset of the first line at or past ``after`` of an uncompressed file that starts a WARC record
    (``WARC/1.0``, ``1.1``, ``0.17``, ``0.18`` and CRLF), or None. Reads 1 MiB at a time."""
    with open(path, "rb") as fh:
        fh.seek(after)
        carry, base = b"", after
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                return None
            data = carry + chunk
            found = _RECORD_LINE.search(data)
            if found:
                return base - len(carry) + found.start(1)
            carry = data[-16:]
            base += len(chunk)


MAX_OVERLAP = 16 * 1024 * 1024  # bytes before a record's wrong end searched for the record it ran into


def record_start_within(path: str | os.PathLike[str], start: int, end: int) -> int | None:
    """The offset of the last record start strictly between ``start`` and ``end`` of an uncompressed file
    (a ``WARC/1.0``-like line right after the blank line that ends a block), or None; at most ``MAX_OVERLAP``
    bytes before ``end`` are read. For a record whose ``Content-Length`` ran past its block into the next
    record: that record starts here."""
    low = max(start + 1, end - MAX_OVERLAP)
    if low >= end:
        return None
    with open(path, "rb") as fh:
        fh.seek(low)
        data = fh.read(end - low)
    found = [m.start(1) for m in _BLOCK_END_RECORD.finditer(data)]
    return low + found[-1] if found else None


def past_block(path: str | os.PathLike[str], layout: str, after: int, end: int | None) -> int:
    """Where reading goes on after the block of a record whose Content-Length gives no length (its bytes from
    ``after``, one past its start): the next gzip member that starts a record (``GZIP_RECORDS``) or the next
    ``WARC/`` line (``PLAIN``) before ``end`` (None: the file's end), or -1 when there is none."""
    limit = end if end is not None else os.path.getsize(path)
    resume = next_member(path, after, limit) if layout == GZIP_RECORDS else next_record_start(path, after)
    return resume if resume is not None and resume < limit else -1
