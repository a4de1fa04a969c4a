"""Reading one record back from a WARC file, in any of its three layouts (see :mod:`archiver.archive.layout`):
a stream that starts with it, its bytes to copy into another WARC, whether it is whole.

In a ``gzip-stream`` file (one gzip stream) offsets count in the *uncompressed* stream, and reading a
record inflates the file from its start. A process keeps its inflating stream open between records, so
reading a file's records in offset order inflates it once.
"""
from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from archiver.archive.layout import GZIP_MAGIC, GZIP_STREAM, MAX_HEADER, detect_layout, first_record_end

_STREAMS: dict[str, tuple[tuple[int, int], gzip.GzipFile]] = {}  # per process: path -> (stat key, open stream)
_MAX_STREAMS = 4


@contextmanager
def open_at(path: str | os.PathLike[str], offset: int, layout: str | None = None) -> Iterator[BinaryIO]:
    """A stream that starts with the record at ``offset`` (as stored in the catalog), in any layout
    (``layout``, if the caller knows it: else told from the bytes there, see :func:`_is_member`).

    Raises OSError if the file cannot be read, ValueError if no record starts there.
    """
    fh = open(path, "rb")  # noqa: SIM115 (yielded from inside: closed in finally)
    try:
        fh.seek(offset)
        head = fh.read(8)
        if head.startswith(b"WARC/") or _is_member(path, fh, offset, head, layout):
            fh.seek(offset)
            yield fh
            return
        fh.seek(0)
        if fh.read(2) != GZIP_MAGIC:
            raise ValueError(f"no WARC record at {path}:{offset}")
    finally:
        fh.close()
    yield _stream_record(str(path), offset)


def _is_member(path: str | os.PathLike[str], fh: BinaryIO, offset: int, head: bytes, layout: str | None) -> bool:
    """Whether ``offset`` starts a gzip member holding one record (``head``: its first 8 bytes). Offset 0
    of a one-stream gzip file starts a member that inflates to a record too (the whole file's stream,
    its offsets uncompressed): there the layout decides, the caller's or the file's detected one."""
    if not head.startswith(GZIP_MAGIC) or layout == GZIP_STREAM:
        return False
    if not _member_is_record(head, fh):
        return False
    return offset > 0 or layout is not None or detect_layout(path) != GZIP_STREAM


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
    end = first_record_end(header)
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


def record_bytes(path: str | os.PathLike[str], offset: int, length: int,
                 layout: str | None = None) -> tuple[bytes, bool]:
    """The record at ``offset`` as bytes to copy into another WARC: (data, is_gzip_member).

    A gzip member (``gzip-records`` layout) comes back as stored, ``length`` bytes;
    a record of a plain or one-stream file comes back uncompressed, header, block
    and the closing CRLF CRLF. ``layout``: the file's, if the caller knows it (else told from the bytes
    at ``offset``). Raises OSError or ValueError like :func:`open_at`.
    """
    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(8)
        if _is_member(path, fh, offset, head, layout):
            fh.seek(offset)
            return fh.read(length), True
    with open_at(path, offset, layout) as stream:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            line = stream.readline(MAX_HEADER)
            if not line or len(header) > MAX_HEADER:
                raise ValueError(f"no whole WARC record at {path}:{offset}")
            header += line
        end = first_record_end(header)
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
            if _is_member(path, fh, offset, head, None):
                return _member_whole(fh, offset, length)
        with open_at(path, offset) as stream:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                line = stream.readline(MAX_HEADER)
                if not line or len(header) > MAX_HEADER:
                    return False
                header += line
            end = first_record_end(header)
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
    end = first_record_end(head)
    return inflater.eof and (end is None or total >= end - 4)
