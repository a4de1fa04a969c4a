"""Reading a WARC file's records in order, whatever its layout: warcio's iterator, over the inflated bytes
of a one-stream gzip file (which warcio refuses: "non-chunked gzip file detected")."""
from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from archiver.archive.layout import GZIP_MAGIC, GZIP_STREAM


class Inflating(io.RawIOBase):
    """The uncompressed bytes of a gzip file, member after member; ``cut`` turns True when the file
    ends inside a member (a copy that stopped, a truncated download) or a member is damaged.

    ``gzip.GzipFile`` raises EOFError there, and warcio's iterator takes an EOFError for the end of
    the file: a one-stream file cut anywhere gave no record and no error at all. Between members, NUL
    bytes (a tape block's or a disk image's padding, which Python's gzip skips too) are passed over; bytes
    that start no gzip member end the data there, at file offset ``trailing``. A damaged member ends it
    too (``damage`` says how): every byte inflated before either is given out, so the records before are
    read, never lost to the read-ahead's error.
    """

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        self.input = b""
        self.pos = 0  # file offset of self.input's first byte
        self.started = False  # inside a member
        self.cut = False
        self.trailing: int | None = None  # file offset of bytes after a member that start no member
        self.damage: str | None = None  # zlib's words for a damaged member (its data ends there)
        self.ended = False
        self.total = 0  # uncompressed bytes given out

    def readable(self) -> bool:
        return True

    def _more(self) -> bool:
        """Read the next block of the file onto ``input``; False at the file's end."""
        block = self.fh.read(1 << 16)
        self.input += block
        return bool(block)

    def _next_member(self) -> bool:
        """Past a member's end: skip NUL padding; True if a gzip member starts next, else False (the end;
        ``trailing`` set when other bytes follow)."""
        while True:
            stripped = self.input.lstrip(b"\0")
            self.pos += len(self.input) - len(stripped)
            self.input = stripped
            if len(self.input) >= len(GZIP_MAGIC):
                break
            if not self._more():
                if self.input:  # one odd byte at the end
                    self.trailing = self.pos
                return False
        if not self.input.startswith(GZIP_MAGIC):
            self.trailing = self.pos
            return False
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.ended:
            if not self.input and not self._more():
                self.cut = self.cut or self.started
                self.ended = True
                return 0
            if self.inflater.eof and not self._next_member():  # the member before ended
                self.ended = True
                return 0
            self.started = True
            before = len(self.input)
            try:
                data = self.inflater.decompress(self.input, len(buffer))
            except zlib.error as exc:
                self.damage = f"{exc} (at byte {self.pos} of the file or after)"
                self.cut = self.ended = True
                return 0
            self.input = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            self.pos += before - len(self.input)
            if self.inflater.eof:
                self.started = False
            if data:
                buffer[: len(data)] = data
                self.total += len(data)
                return len(data)
        return 0


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
        records = Records(fh, check_digests=True)  # each record's WARC-Block-Digest, see scan.py
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
