"""The tolerant reader's body: framing, transfer codings, per-read timeouts (see ``rawhttp``).

A body is read as its head frames it (chunked, a length, or to the close),
with transfer codings other than chunked undone in bounded steps; small
pieces are gathered before they are spooled. What a timeout or the server's
hang-up cut short is kept and said (``WARC-Truncated: time`` / ``disconnect``).
"""
from __future__ import annotations

import asyncio
import re
import zlib

from archiver.body_spool import BodySpool
from archiver.fetch.chunklines import MAX_CHUNK_SIZE, too_large
from archiver.fetch.trailers import FIELD_LINE, TAIL
from archiver.wording import clip

TRAILER_BYTES = TAIL  # of a trailer section read after the last chunk; past it, the fields are not kept
TRAILER_WAIT = 1.0  # s the whole trailer section may take after the last chunk; past it, the body stands
MAX_LINE = 256 * 1024  # a chunk size line is read with the stream's limit (rawhttp.MAX_HEAD)
TRANSFER_CODINGS = {b"gzip": zlib.MAX_WBITS + 16, b"x-gzip": zlib.MAX_WBITS + 16, b"deflate": zlib.MAX_WBITS}


class RawHTTPError(Exception):
    """The response could not be read even leniently; the message says why.

    ``closed`` is True when the server hung up before a whole head came (worth a
    retry), False when what came is not HTTP however leniently read.
    """

    def __init__(self, message: str, closed: bool = False):
        super().__init__(message)
        self.closed = closed


class TransferDecoder:
    """Undo transfer codings (``gzip``, ``deflate``; listed in the order applied) into a spool.

    Each step's output is bounded (at most 64 KiB per call), so a small body that
    inflates to gigabytes stops at the spool's size cap.
    """

    def __init__(self, codings: list[bytes], spool: BodySpool):
        self.spool = spool
        # undone last-applied first; "deflate" is the zlib format (RFC 9112 section 7.2)
        self.steps = [zlib.decompressobj(TRANSFER_CODINGS[c]) for c in reversed(codings)]

    def feed(self, data: bytes) -> bool:
        """Decode ``data`` into the spool; False once the spool is full."""
        return self._push(0, data)

    def _push(self, level: int, data: bytes) -> bool:
        if level == len(self.steps):
            return self.spool.feed(data)
        step = self.steps[level]
        while data:
            try:
                out = step.decompress(data, 65536)
            except zlib.error as exc:
                raise RawHTTPError(f"transfer coding could not be undone: {exc}") from None
            if out and not self._push(level + 1, out):
                return False
            data = step.unconsumed_tail
        return True


def transfer_codings(value: bytes) -> tuple[bool, list[bytes]]:
    """``Transfer-Encoding`` value -> (chunked, the other codings in order); raises RawHTTPError for
    a coding that cannot be undone (``identity`` is dropped)."""
    tokens = [t.strip().lower() for t in value.split(b",") if t.strip()]
    shown = clip(value.decode("latin-1"), 80)  # the server's text, clipped: a 100 KB value was the whole reason
    if b"chunked" in tokens[:-1] and tokens[-1] != b"chunked":  # RFC 9112 section 6.1: chunked goes last
        raise RawHTTPError(f"chunked is not the last transfer coding (Transfer-Encoding: {shown}): "
                           "the body's framing cannot be read (RFC 9112 section 6.1 puts chunked last)")
    codings = [t for t in tokens if t not in (b"chunked", b"identity")]
    unknown = [t for t in codings if t not in TRANSFER_CODINGS]
    if unknown:
        raise RawHTTPError(f"unsupported transfer coding {clip(unknown[0].decode('latin-1'), 40)!r} "
                           f"(Transfer-Encoding: {shown})")
    return b"chunked" in tokens, codings


async def read_body(reader: asyncio.StreamReader, spool: BodySpool, decoder: TransferDecoder | None,
                    framing: int | str, timeout: float, deadline: float | None,
                    trailers: list[tuple[bytes, bytes]] | None = None,
                    bare_lf: list[int] | None = None) -> tuple[str | None, str]:
    """Read the body ``framing`` delimits ("chunked", "close" or a length) into ``spool`` (through
    ``decoder`` when transfer-coded). Each read waits at most ``timeout`` s; all end at ``deadline``.
    A chunked body's trailer fields (name, value) go into ``trailers``, once its section ends whole
    (a blank line within ``TRAILER_BYTES``). ``bare_lf``, if given, gets (appended) the number of chunk
    framing lines that ended in a bare LF, read as browsers read them (``archiver.fetch.chunklines``).

    Returns (None, "") for a whole body (or one cut at the spool's size cap); a body cut by a
    timeout is kept with ``spool.truncated = "time"`` and gives ("read", "") or ("total", ""),
    one cut by the server's hang-up ``"disconnect"`` and ("disconnect", how). Raises
    RawHTTPError for junk framing or a coding that cannot be undone.
    """
    sink = _Gather(decoder or spool)
    budget = asyncio.timeout_at(deadline)
    reads: _Reads | None = None
    try:
        async with budget, asyncio.timeout(None) as stall:
            reads = _Reads(reader, stall, timeout)
            if bare_lf is not None:
                bare_lf.append(0)
                reads.bare_lf = bare_lf
            if framing == "chunked":
                await _read_chunked(reads, sink, trailers)
            elif framing == "close":
                await _read_to_close(reads, sink)
            elif isinstance(framing, int):
                await _read_exact(reads, sink, framing)
    except TimeoutError:
        sink.flush()
        if reads is not None and reads.body_done:  # the trailer section never ended: the body stands
            return None, ""
        if spool.truncated is None:  # not already cut at the size cap
            spool.truncated = "time"
            return ("total" if budget.expired() else "read"), ""
    except (RawHTTPError, OSError) as exc:  # ssl.SSLError is an OSError
        if isinstance(exc, RawHTTPError) and not exc.closed:
            raise  # junk framing or coding, not a body cut short
        sink.flush()
        if reads is not None and reads.body_done:
            return None, ""
        if spool.truncated is None:
            spool.truncated = "disconnect"
            return "disconnect", str(exc) or type(exc).__name__
    else:
        sink.flush()
    return None, ""


class _Reads:
    """Reads that each wait at most ``timeout`` s for data: one ``asyncio.timeout`` moved before each
    read (``asyncio.wait_for`` made a task per read: 40 us a chunk for a body of 1-byte chunks)."""

    def __init__(self, reader: asyncio.StreamReader, stall: asyncio.Timeout, timeout: float):
        self.reader, self.stall, self.timeout = reader, stall, timeout
        self.body_done = False  # set at the last chunk: what fails after it is the trailer section's
        self.loop = asyncio.get_running_loop()
        self.until: float | None = None  # when set (the trailer section), no read waits past it
        self.bare_lf: list[int] = [0]  # [-1]: chunk framing lines read so far that ended in LF alone

    async def line(self) -> bytes:
        when = self.loop.time() + self.timeout
        self.stall.reschedule(when if self.until is None else min(when, self.until))
        try:
            return await self.reader.readline()
        except ValueError:  # asyncio's LimitOverrunError: a line longer than the stream's limit
            raise RawHTTPError(f"a chunk size line over {MAX_LINE} bytes") from None

    async def some(self, most: int) -> bytes:
        self.stall.reschedule(self.loop.time() + self.timeout)
        return await self.reader.read(most)


class _Gather:
    """Gathers small pieces up to 64 KiB before they go to ``sink`` (each feed hashes and writes)."""

    def __init__(self, sink: BodySpool | TransferDecoder):
        self.sink = sink
        self.pending = bytearray()
        self.room = True

    def feed(self, data: bytes) -> bool:
        self.pending += data
        if len(self.pending) >= 65536:
            self.flush()
        return self.room

    def flush(self) -> None:
        if self.pending and self.room:
            self.room = self.sink.feed(bytes(self.pending))
        self.pending.clear()


async def _read_exact(reads: _Reads, sink: _Gather, length: int) -> None:
    left = length
    while left > 0:
        chunk = await reads.some(min(left, 65536))
        if not chunk:
            raise RawHTTPError(f"incomplete body: server closed the connection after "
                               f"{length - left} of {length} bytes", closed=True)
        left -= len(chunk)
        if not sink.feed(chunk):
            return


async def _read_to_close(reads: _Reads, sink: _Gather) -> None:
    while chunk := await reads.some(65536):
        if not sink.feed(chunk):
            return


async def _read_trailers(reads: _Reads, trailers: list[tuple[bytes, bytes]] | None) -> None:
    """The trailer section after the last chunk: field lines up to a blank line; kept only when whole."""
    fields: list[tuple[bytes, bytes]] = []
    size = 0
    while size < TRAILER_BYTES:
        try:
            line = await reads.line()
        except RawHTTPError:  # a line past the stream's limit: no fields kept, the body stands
            return
        size += len(line)
        if not line:
            return  # closed before the blank line: the section is not whole
        if not line.strip():
            if trailers is not None:
                trailers += fields
            return
        field = FIELD_LINE.match(line)
        if field is not None:
            fields.append((field.group(1), field.group(2)))


_HEX_SIZE = re.compile(rb"[0-9A-Fa-f]+")  # a chunk size: hex digits only (RFC 9112 7.1 chunk-size = 1*HEXDIG)


async def _read_chunked(reads: _Reads, sink: _Gather, trailers: list[tuple[bytes, bytes]] | None = None) -> None:
    while True:
        size_line = await reads.line()
        if not size_line:
            raise RawHTTPError("incomplete chunked body: connection closed", closed=True)
        if size_line.endswith(b"\n") and not size_line.endswith(b"\r\n"):
            reads.bare_lf[-1] += 1
        text = size_line.split(b";", 1)[0].strip()
        if not text:
            continue
        if not _HEX_SIZE.fullmatch(text):  # int(text, 16) takes '0x10', '+5', '1_0': h11 and Chromium refuse them
            raise RawHTTPError(f"bad chunk size line {size_line[:40]!r}")
        size = int(text, 16)
        if size > MAX_CHUNK_SIZE:
            raise RawHTTPError(too_large(text) or f"bad chunk size line {size_line[:40]!r}")
        if size == 0:
            sink.flush()
            reads.body_done = True
            # the body is whole: a server that never ends the section ("0\r\n" and no blank line, the
            # connection kept open) is not waited on for the read timeout, as before trailers were read
            reads.until = reads.loop.time() + min(reads.timeout, TRAILER_WAIT)
            await _read_trailers(reads, trailers)
            return
        left = size
        while left > 0:
            chunk = await reads.some(min(left, 65536))
            if not chunk:
                raise RawHTTPError("incomplete chunked body: connection closed", closed=True)
            left -= len(chunk)
            if not sink.feed(chunk):
                return
        if await reads.line() == b"\n":
            reads.bare_lf[-1] += 1
