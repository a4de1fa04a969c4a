"""Where each record of a WARC file starts, in any of its three layouts, and reading one back.

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

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

PLAIN, GZIP_RECORDS, GZIP_STREAM = "plain", "gzip-records", "gzip-stream"
GZIP_MAGIC = b"\x1f\x8b"
MAX_HEADER = 256 * 1024  # bytes of WARC header lines a record may have before we call it broken
_STREAMS: dict[str, tuple[tuple[int, int], gzip.GzipFile]] = {}  # per process: path -> (stat key, open stream)
_MAX_STREAMS = 4
_RECORD_LINE = re.compile(rb"(?:^|\n)(WARC/(?:1\.[01]|0\.1[78])\r\n)")


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
                end = _first_record_end(head)
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
    raise ValueError(f"not a WARC file (it starts with {data[:16]!r})")


def _first_record_end(data: bytes) -> int | None:
    """Where the first record in ``data`` ends (its block plus CRLF CRLF), if its header is complete."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    length = None
    for line in data[:head_end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return None
    if length is None:
        return None
    return head_end + 4 + length + 4


class Inflating(io.RawIOBase):
    """The uncompressed bytes of a gzip file, member after member; ``cut`` turns True when the file
    ends inside a member (a copy that stopped, a truncated download).

    ``gzip.GzipFile`` raises EOFError there, and warcio's iterator takes an EOFError for the end of
    the file: a one-stream file cut anywhere gave no record and no error at all.
    """

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        self.input = b""
        self.started = False  # inside a member
        self.cut = False
        self.total = 0  # uncompressed bytes given out

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if not self.input:
                self.input = self.fh.read(1 << 16)
                if not self.input:
                    self.cut = self.cut or self.started
                    return 0
            if self.inflater.eof:  # the member before ended: another one follows
                self.inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
            self.started = True
            data = self.inflater.decompress(self.input, len(buffer))
            self.input = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            if self.inflater.eof:
                self.started = False
            if data:
                buffer[: len(data)] = data
                self.total += len(data)
                return len(data)


class Records(ArchiveIterator):
    """warcio's iterator, knowing whether a one-stream gzip file's data ended inside its stream; a record
    not followed by its blank lines (a wrong Content-Length) counts in ``err_count`` without warcio's
    WARNING on stderr (the importer names the record in its report)."""

    INC_RECORD = ""
    source: Inflating | None = None

    @property
    def cut_short(self) -> bool:
        return self.source is not None and self.source.cut


@contextmanager
def iterate(path: str | os.PathLike[str], layout: str, start: int = 0, end: int | None = None) -> Iterator[Records]:
    """An ``ArchiveIterator`` over the file, reading the uncompressed stream for ``gzip-stream``.

    Its ``get_record_offset()`` is then an offset in the uncompressed stream, which
    :func:`open_at` understands; its ``cut_short`` tells a file that ends inside its gzip stream.
    ``start``: a file offset to begin at (a record's start; plain and gzip-records files only);
    ``end``: where to stop (a WARC file stored inside a WACZ ends there).
    """
    raw: Any = open(path, "rb")  # noqa: SIM115 (closed in finally, with the reader over it)
    if start and layout != GZIP_STREAM:
        raw.seek(start)
    if end is not None:
        raw = _Window(raw, end)
    source = Inflating(raw) if layout == GZIP_STREAM else None
    fh: Any = io.BufferedReader(source, 1 << 16) if source is not None else raw
    try:
        records = Records(fh)
        records.source = source
        yield records
    finally:
        fh.close()
        raw.close()


class _Window(io.RawIOBase):
    """A file's bytes up to ``end``; ``tell()`` is the file's own offset (warcio's record offsets)."""

    def __init__(self, fh: BinaryIO, end: int):
        self.fh = fh
        self.end = end

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.fh.tell()

    def readinto(self, buffer: Any) -> int:
        data = self.fh.read(max(0, min(len(buffer), self.end - self.fh.tell())))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.fh.close()
        super().close()


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


@contextmanager
def open_at(path: str | os.PathLike[str], offset: int) -> Iterator[BinaryIO]:
    """A stream that starts with the record at ``offset`` (as stored in the catalog), in any layout.

    Raises OSError if the file cannot be read, ValueError if no record starts there.
    """
    fh = open(path, "rb")  # noqa: SIM115 (yielded from inside: closed in finally)
    try:
        fh.seek(offset)
        head = fh.read(8)
        if head.startswith(b"WARC/") or (head.startswith(GZIP_MAGIC) and _member_is_record(head, fh)):
            fh.seek(offset)
            yield fh
            return
        fh.seek(0)
        if fh.read(2) != GZIP_MAGIC:
            raise ValueError(f"no WARC record at {path}:{offset}")
    finally:
        fh.close()
    yield _stream_record(str(path), offset)


def _member_is_record(head: bytes, fh: BinaryIO) -> bool:
    """True if the gzip member starting at the current offset - 8 inflates to a WARC header."""
    data = head + fh.read(4096)
    try:
        return zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(data, 8).startswith(b"WARC/")
    except zlib.error:
        return False


def _stream_record(path: str, offset: int) -> BinaryIO:
    """The record at uncompressed ``offset`` of a one-stream gzip file, bounded to its own bytes."""
    st = os.stat(path)
    key = (st.st_mtime_ns, st.st_size)
    cached = _STREAMS.get(path)
    if cached is None or cached[0] != key or cached[1].tell() > offset:
        if cached is not None:
            cached[1].close()
        if len(_STREAMS) >= _MAX_STREAMS:
            _STREAMS.pop(next(iter(_STREAMS)))[1].close()
        # kept open across calls on purpose: the next record of the file continues from here
        cached = _STREAMS[path] = (key, gzip.GzipFile(path, "rb"))
    gz = cached[1]
    gz.seek(offset)  # forward: inflates and discards what lies between
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        line = gz.readline(MAX_HEADER)
        if not line or len(header) > MAX_HEADER:
            raise ValueError(f"no WARC record at {path}:{offset} (uncompressed offset)")
        header += line
        if header == b"\r\n" or header == b"\n":
            header = b""  # blank lines between records
    if not header.startswith(b"WARC/"):
        raise ValueError(f"no WARC record at {path}:{offset} (uncompressed offset)")
    end = _first_record_end(header)
    if end is None:
        raise ValueError(f"WARC record at {path}:{offset} has no Content-Length")
    return _Bounded(header, gz, end - len(header))  # type: ignore[return-value,arg-type]


class _Bounded(io.RawIOBase):
    """``header`` then at most ``remaining`` bytes of ``stream``: one record, nothing after it.

    So the shared stream is left just past the record, ready for the next one.
    """

    def __init__(self, header: bytes, stream: BinaryIO, remaining: int):
        self.header = header
        self.stream = stream
        self.remaining = remaining

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.header) + self.remaining
        if self.header:
            out, self.header = self.header[:size], self.header[size:]
            return out
        n = min(size, self.remaining)
        if n <= 0:
            return b""
        data = self.stream.read(n)
        self.remaining -= len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def close_streams() -> None:
    """Close the inflating streams this process keeps open (tests; long-lived processes)."""
    while _STREAMS:
        _STREAMS.popitem()[1][1].close()


def record_bytes(path: str | os.PathLike[str], offset: int, length: int) -> tuple[bytes, bool]:
    """The record at ``offset`` as bytes to copy into another WARC: (data, is_gzip_member).

    A gzip member (``gzip-records`` layout) comes back as stored, ``length`` bytes;
    a record of a plain or one-stream file comes back uncompressed, header, block
    and the closing CRLF CRLF. Raises OSError or ValueError like :func:`open_at`.
    """
    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(8)
        if head.startswith(GZIP_MAGIC) and _member_is_record(head, fh):
            fh.seek(offset)
            return fh.read(length), True
    with open_at(path, offset) as stream:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            line = stream.readline(MAX_HEADER)
            if not line or len(header) > MAX_HEADER:
                raise ValueError(f"no whole WARC record at {path}:{offset}")
            header += line
        end = _first_record_end(header)
        if end is None:
            raise ValueError(f"WARC record at {path}:{offset} has no Content-Length")
        rest = stream.read(end - len(header))
        if len(rest) != end - len(header):
            raise ValueError(f"WARC record at {path}:{offset} is cut short")
        if not rest.endswith(b"\r\n\r\n"):  # a wrong Content-Length: the record as declared, framed right
            rest = rest[:-4] + b"\r\n\r\n"
        return header + rest, False


def is_whole(path: str | os.PathLike[str], offset: int, length: int) -> bool:
    """True if the record at ``offset`` is all there: its gzip member inflates to its end and holds the
    whole block, or (uncompressed) the file is long enough for the block its header announces.

    Streams through the record (1 MiB at a time): a large record is never held in memory.
    """
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            head = fh.read(8)
            if head.startswith(GZIP_MAGIC) and _member_is_record(head, fh):
                return _member_whole(fh, offset, length)
        with open_at(path, offset) as stream:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                line = stream.readline(MAX_HEADER)
                if not line or len(header) > MAX_HEADER:
                    return False
                header += line
            end = _first_record_end(header)
            if end is None:
                return False
            need = end - 4 - len(header)  # the block; the closing CRLF CRLF may be missing at a file's end
            while need > 0:
                chunk = stream.read(min(need, 1 << 20))
                if not chunk:
                    return False
                need -= len(chunk)
            return True
    except (OSError, ValueError, zlib.error):
        return False


def _member_whole(fh: BinaryIO, offset: int, length: int) -> bool:
    fh.seek(offset)
    inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
    head, total, left = b"", 0, length
    while left > 0 and not inflater.eof:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        left -= len(chunk)
        data = inflater.decompress(chunk)
        total += len(data)
        if len(head) < MAX_HEADER:
            head += data[: MAX_HEADER - len(head)]
    end = _first_record_end(head)
    return inflater.eof and (end is None or total >= end - 4)
