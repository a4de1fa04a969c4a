"""One gzip member inflated whole, for reading the record it holds (``warc_read.read_record``).

warcio inflates a record's gzip member through its own buffered reader, a block at a time in
Python; the member inflated here in one go (ISA-L's inflate when ``isal`` is installed, as the
WARC writer's deflate is: ``archiver/warc.py``; else zlib) gives warcio the record's bytes as an
uncompressed stream, which it reads the same way. Only for a member that holds its record whole
(the WARC header block's ``Content-Length`` ends inside it): any other member (a record spread over
several, a cut or damaged one, no ``\\r\\n\\r\\n`` after the header) is left to warcio's own reader,
errors and all.
"""
from __future__ import annotations

import io
import re
import zlib
from typing import Any, BinaryIO

_inflate: Any
try:
    from isal import isal_zlib as _inflate
except ImportError:  # pragma: no cover - isal is a dependency; its wheel may be missing on a platform
    _inflate = zlib

__all__ = ["inflated_record", "INFLATE_WHOLE"]

INFLATE_WHOLE = True  # False: every member inflated by warcio's reader (speed only: the same bytes)
_GZIP = b"\x1f\x8b"
_CHUNK = 1 << 16  # a page's member is mostly one read
_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n", re.I)


def inflated_record(fh: BinaryIO) -> BinaryIO | None:
    """The record at ``fh``'s position as an uncompressed stream, when a gzip member starts there
    and holds the whole record; else None, ``fh`` back where it was."""
    if not INFLATE_WHOLE or not isinstance(fh, io.BufferedReader):  # a file, not another reader's stream
        return None
    start = fh.tell()
    data = _member(fh)
    if data is None or not _whole_record(data):
        fh.seek(start)
        return None
    return io.BytesIO(data)


def _member(fh: BinaryIO) -> bytes | None:
    """The gzip member at ``fh``'s position inflated, or None (no member there, cut, damaged)."""
    try:
        if fh.read(2) != _GZIP:
            return None
        fh.seek(-2, io.SEEK_CUR)
        inflater = _inflate.decompressobj(zlib.MAX_WBITS + 16)
        parts = []
        while not inflater.eof:
            chunk = fh.read(_CHUNK)
            if not chunk:
                return None
            parts.append(inflater.decompress(chunk))
    except (OSError, zlib.error, _inflate.error):
        return None
    return b"".join(parts)


def _whole_record(data: bytes) -> bool:
    """``data`` starts with a WARC header block naming one ``Content-Length`` that ends inside it."""
    head = data.find(b"\r\n\r\n")
    if head < 0 or not data.startswith(b"WARC/"):
        return False
    lengths = _LENGTH.findall(data, 0, head + 2)
    return len(lengths) == 1 and head + 4 + int(lengths[0]) <= len(data)
