"""One gzip member per WARC record, written straight to a file descriptor (``warc.WarcFile``)."""

from __future__ import annotations

import zlib
from typing import Any

from archiver.diskfull import write_all

_isal_zlib: Any
try:  # ISA-L's deflate: a quarter of zlib's CPU for the same format (see _GzipMember)
    from isal import isal_zlib as _isal_zlib
except ImportError:  # pragma: no cover (no wheel for this platform)
    _isal_zlib = None

__all__ = ["GzipMember"]


class GzipMember:
    """One gzip member per record, compressed with ISA-L (``isal``) at its level 2, else zlib at level 3.

    On real HTML (trafilatura-eval pages) zlib's level 3 takes half the CPU of
    level 6 for files 12% larger; at level 6 compression was half of the
    fetcher's CPU per page and left it slower than wget (bench/fetch_vs_wget.py).
    ISA-L's level 2 (python-isal's default) makes the same format, read by any
    inflater, for a quarter of zlib level 3's CPU on those pages (2.3 against
    10.6 ms per MB of HTML; 2.8 against 20 on the bench's pages) and files
    2% larger on trafilatura-eval, equal on the bench's pages. zlib stays the
    fallback where ``isal`` has no wheel.

    ``size_hint`` (bytes, over the record's size) picks the window: no smaller
    than the record (so no match is lost), and no larger, since setting up
    zlib's 32 KiB window cost more than compressing a small request or metadata
    record (about 60 of 75 microseconds). Any window inflates with the usual
    ``zlib.MAX_WBITS`` reader.

    The compressed bytes are written once the record is done (or whenever
    ``FLUSH_BYTES`` have gathered), not after each of warcio's small writes.
    """

    FLUSH_BYTES = 1 << 20

    def __init__(self, fd: int, size_hint: int | None = None):
        self.fd = fd
        wbits = zlib.MAX_WBITS if size_hint is None else min(zlib.MAX_WBITS, max(9, size_hint.bit_length()))
        self.z = _compressobj(wbits + 16)
        self.out: list[bytes] = []
        self.pending = 0

    def write(self, data: bytes) -> None:
        out = self.z.compress(data)
        if out:
            self.out.append(out)
            self.pending += len(out)
            if self.pending >= self.FLUSH_BYTES:
                self._drain(b"")

    def flush(self) -> None:
        self._drain(self.z.flush())

    def _drain(self, last: bytes) -> None:
        self.out.append(last)
        write_all(self.fd, b"".join(self.out))
        self.out = []
        self.pending = 0


def _compressobj(wbits: int) -> Any:
    """A gzip compressor for ``wbits`` (16 + window bits): ISA-L level 2 if installed, else zlib level 3."""
    if _isal_zlib is not None:
        return _isal_zlib.compressobj(2, zlib.DEFLATED, wbits)
    return zlib.compressobj(3, zlib.DEFLATED, wbits)
