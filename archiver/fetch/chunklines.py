"""Chunked framing whose lines end in a bare LF, read as browsers and curl read it.

h11 reads a chunk-size line only up to a CRLF and then takes exactly CRLF after
a chunk's data (RFC 9112 section 7.1). Some servers (hand-written ones, CGI
scripts printing ``"%x\\n"``) end those lines with LF alone. h11 then waits for a
CRLF that never comes: the body timed out after ``--timeout`` seconds with
nothing archived, or, when a CRLF came later inside the page, failed as
"illegal chunk header". Chromium (``HttpChunkedDecoder``: a line ends at LF,
a CR before it is dropped), Firefox (``nsHttpChunkedDecoder``), curl
(``http_chunks.c``) and wget all read such a body; RFC 9112 section 2.2 lets a
recipient take a bare LF as a line end.

``read_bare_lf(response)`` makes the h11 connection behind an HTTP/1.1 chunked
response do the same: just before h11 looks for a chunk-size line or the line
end after a chunk's data, a bare LF there gets the CR h11 wants, so h11's own
checks (1 to 20 hex digits, extensions, trailer fields) still decide the rest.
The reader counts the lines it mended: the capture says so. The chunk data is
never touched (it is taken by count, never scanned).

A chunk size over 2^63 - 1 (``FFFFFFFFFFFFFFFFFF``: h11 takes up to 20 hex digits, any value) is refused
as invalid framing (``too_large``), as Chromium's ``HttpChunkedDecoder::ParseChunkSize`` refuses a size no
int64 holds (``ERR_INVALID_CHUNKED_ENCODING``): h11 read it as a chunk of that many bytes, so the page
failed as a body cut short at the close and was asked again at every run. h11's private reader and
receive buffer are used; with another h11 whose reader has other insides,
nothing is changed (h11 reads as before).
"""
from __future__ import annotations

import re
from typing import Any

import h11
from h11._readers import ChunkedReader

CR, LF = 0x0D, 0x0A
MAX_CHUNK_SIZE = 2 ** 63 - 1  # Chromium's bound (an int64); RFC 9112 section 7.1 sets none, but asks for overflow care
_HEX = re.compile(rb"[0-9A-Fa-f]+")
H11_SIZE_DIGITS = 20  # h11's chunk_size pattern: more digits are its "illegal chunk header"


def too_large(line: bytes, max_digits: int | None = None) -> str | None:
    """The reason a chunk-size line (``line``: from its first byte, extensions and line end optional) is refused
    for a size over ``MAX_CHUNK_SIZE``, or None when its leading hex digits make no such size (or none at all, or
    more than ``max_digits``: h11 refuses those itself, "illegal chunk header")."""
    digits = _HEX.match(line)
    if digits is None or (max_digits is not None and len(digits.group()) > max_digits):
        return None
    if int(digits.group(), 16) <= MAX_CHUNK_SIZE:
        return None
    shown = digits.group()[:40].decode("ascii") + ("..." if len(digits.group()) > 40 else "")
    return (f"invalid chunk size {shown}: too large (over 2^63 - 1, which Chromium refuses as "
            "ERR_INVALID_CHUNKED_ENCODING): the body's framing cannot be read")


class BareLFChunkedReader(ChunkedReader):
    """h11's chunked reader, with each bare LF ending a framing line read as CRLF (``mended`` counts them)."""

    def __init__(self) -> None:
        super().__init__()
        self.mended = 0

    def __call__(self, buf: Any) -> Any:
        if not self._reading_trailer:  # h11 reads a trailer section's lines ended by LF already
            data: bytearray = buf._data
            if self._bytes_to_discard == b"\r\n" and data[:1] == b"\n":  # the line end after a chunk's data
                data[0:0] = b"\r"
                self.mended += 1
            if self._bytes_in_chunk == 0:  # a chunk-size line is due (after that line end, if still to come)
                start = len(self._bytes_to_discard)
                end = data.find(b"\n", start)
                if end >= start and (end == start or data[end - 1] != CR):
                    data[end:end] = b"\r"
                    self.mended += 1
                if end > start and (why := too_large(bytes(data[start:min(end, start + H11_SIZE_DIGITS + 1)]),
                                                  H11_SIZE_DIGITS)):
                    raise h11.RemoteProtocolError(why)  # what h11 would take for a chunk of that many bytes
        return super().__call__(buf)


def _fits(reader: object) -> bool:
    """Whether ``reader`` is the h11 chunked reader this module knows (h11 0.16's insides)."""
    return (type(reader) is ChunkedReader and isinstance(getattr(reader, "_bytes_to_discard", None), bytes)
            and isinstance(getattr(reader, "_bytes_in_chunk", None), int))


def read_bare_lf(state: Any) -> BareLFChunkedReader | None:
    """Give the h11 connection ``state`` (whose response head was just read) a chunked reader that takes a
    bare LF as a line end; returns it (its ``mended`` counts such lines), or None when the body is not
    chunked, already being read, or h11 is not the version this module knows."""
    reader: Any = getattr(state, "_reader", None)
    if not _fits(reader) or reader._bytes_in_chunk or reader._bytes_to_discard or reader._reading_trailer:
        return None
    mended = BareLFChunkedReader()
    state._reader = mended
    return mended


def bare_lf_note(mended: int) -> str:
    """The capture's note for a chunked body of ``mended`` framing lines ended by a bare LF."""
    lines = "line" if mended == 1 else "lines"
    return (f"chunked framing with {mended} {lines} ended by a bare LF, not CRLF: read as Chromium, Firefox and "
            "curl read it")
