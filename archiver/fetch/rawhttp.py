"""A tolerant HTTP/1.1 exchange, for responses h11 refuses but browsers show.

h11 (under httpx) rejects a whole response for one malformed header line: a
space before the colon, a line without a colon, a quoted line. Browsers and
wget skip such a line and show the page, so an archive should hold it. When
httpx raises a protocol error before the body, the capture asks again here, on
a fresh connection (``Connection: close``), and reads the response the way
browsers do (WHATWG Fetch / Chromium's ``HttpResponseHeaders``): a header line
is split at its first colon and trimmed; a line that is not ``name: value``
with a token name is ignored for meaning but kept in the stored bytes; a line
starting with a space or tab continues the previous one. Informational (1xx)
responses before the final one are skipped, as h11 skips them. A status line in
lower case (``http/1.1 200 OK``) is read as Chromium and curl read it (both match
``HTTP/`` ignoring case; h11 refuses it).

Transfer codings other than chunked (``Transfer-Encoding: gzip, chunked``, which
h11 refuses) are undone as well: a transfer coding belongs to the hop, not the
page, and the WARC payload is the message body with transfer codings removed
(WARC 1.1 section 6.3.2 on ``WARC-Payload-Digest``; warcio and pywb de-chunk
but know no other transfer coding, so a gzip-coded body replayed as garbage).
The renamed ``X-Archive-Orig-Transfer-Encoding`` line keeps what was sent.

What is stored is what was received: the header block as its raw bytes (only a
``Transfer-Encoding: chunked`` line is renamed, since the body is stored
without the chunk framing, as for the httpx path).
"""
from __future__ import annotations

import asyncio
import re
import ssl
from dataclasses import dataclass, field

from archiver.body_spool import BodySpool
from archiver.fetch.chunklines import bare_lf_note
from archiver.fetch.headtap import MAX_INFORMATIONAL
from archiver.fetch.rawbody import RawHTTPError as RawHTTPError
from archiver.fetch.rawbody import TransferDecoder, read_body, transfer_codings
from archiver.fetch.tlsclose import UNCONFIRMED, ended_without_notify, page_part
from archiver.http_headers import CL_RENAMED, TE_RENAMED, ReceivedHeaders, header_text, stored_block

MAX_HEAD = 256 * 1024  # bytes of status line and headers; Chromium allows 256 KiB
TOKEN = re.compile(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
STATUS = re.compile(rb"^(?i:HTTP)/(\d)\.(\d)[ \t]+(\d{3})(?:[ \t](.*))?$")


@dataclass
class RawResponse:
    status: int
    reason: str
    http_version: str  # "HTTP/1.0" or "HTTP/1.1"
    headers: ReceivedHeaders  # raw bytes kept, parsed leniently
    fields: list[tuple[str, str]]  # the lines that mean something, as (name, value)
    spool: BodySpool
    ip: str | None
    cut: str | None = None  # what cut the body short ("read", "total": timeouts; "disconnect"), if anything
    cut_why: str = ""  # for "disconnect": how the connection ended
    note: str | None = None  # what was read leniently (lower-case status line, transfer coding undone)
    framing_note: str | None = None  # what was read leniently in the body's framing (bare-LF chunk lines)
    framing: int | str | None = None  # how the body ends: "chunked", "close", a length, or None (no body)
    decoder: TransferDecoder | None = None  # undoes transfer codings other than chunked, into spool
    trailers: list[tuple[bytes, bytes]] = field(default_factory=list)  # a chunked body's trailer fields


def split_head(head: bytes) -> tuple[re.Match[bytes], list[bytes]]:
    """The status line's match and the header lines (continuations joined); raises RawHTTPError.

    Lines starting with a space or tab right after the status line continue no field: they are
    ignored, as RFC 9112 section 2.2 asks ("consume each whitespace-preceded line without further
    processing of it ... until a properly formed header field is received") and as Chromium reads
    them (``HttpUtil::AssembleRawHeaders`` folds them onto the status line). Taken as fields, a
    ``Content-Length`` or ``Transfer-Encoding`` hidden so framed the body (a page cut to 10 bytes
    and captured), and a hidden ``Location`` was a second one.
    """
    lines = re.split(rb"\r?\n", head.rstrip(b"\r\n"))
    match = STATUS.match(lines[0].strip())
    if match is None:
        raise RawHTTPError(f"not an HTTP/1.x status line: {lines[0][:80]!r}")
    joined: list[bytes] = []
    for line in lines[1:]:
        if line[:1] in (b" ", b"\t"):
            if joined:
                joined[-1] += b" " + line.strip()
        else:
            joined.append(line)
    return match, joined


def parse_fields(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """``name: value`` pairs a browser would take from ``lines``; others are skipped."""
    fields = []
    for line in lines:
        name, colon, value = line.partition(b":")
        name = name.strip(b" \t")
        if colon and TOKEN.match(name):
            fields.append((name, value.strip(b" \t")))
    return fields


def head_refusal(head: bytes) -> str | None:
    """Why ``exchange`` would refuse the final response head ``head`` (its bytes as received, status line
    to blank line) before reading any body, or None if it would read on: no status line, a transfer coding
    it cannot undo, conflicting ``Content-Length`` headers. The same checks in the same order as
    ``_head_part``, so a head h11 refused is not asked for again only to be refused in the same words."""
    try:
        match, lines = split_head(head)
        if 100 <= int(match.group(3)) < 200 or match.group(3) in (b"204", b"304"):
            return None
        fields = parse_fields(lines)
        chunked, codings = transfer_codings(b", ".join(v for v in named_values(fields, b"transfer-encoding")
                                                       if v.strip()))
        if not chunked and not codings:
            _content_length(named_values(fields, b"content-length"))
    except RawHTTPError as exc:
        return str(exc)
    return None


async def exchange(host: str, port: int, tls: ssl.SSLContext | None, request_head: bytes,
                   max_body: int, timeout: float, deadline: float | None = None) -> RawResponse:
    """Send ``request_head`` (a whole GET request) to ``host:port`` and read the response leniently.

    ``host`` is the address to connect to (after ``--resolve``); the TLS server
    name comes from ``request_head``'s Host. Every read waits at most
    ``timeout`` seconds, and all of it ends at ``deadline`` (event-loop time).
    A body cut by either is kept (``spool.truncated == "time"``, ``cut`` says
    which), as is one cut by the server closing or resetting the connection
    (``"disconnect"``); before the body, raises RawHTTPError, OSError,
    ssl.SSLError or TimeoutError, and for junk chunk framing, RawHTTPError.
    """
    async with asyncio.timeout_at(deadline):
        reader, writer, got = await _head_part(host, port, tls, request_head, max_body, timeout)
    try:
        if got.framing is not None:
            mended: list[int] = []
            got.cut, got.cut_why = await read_body(reader, got.spool, got.decoder, got.framing, timeout, deadline,
                                                    got.trailers, mended)
            if mended and mended[0]:
                got.framing_note = bare_lf_note(mended[0])
            if (got.framing == "close" and got.cut is None and got.spool.truncated is None
                    and page_part(got.status, got.spool.length)
                    and ended_without_notify(writer)):  # RFC 9112 section 9.8: not known whole
                got.cut, got.cut_why, got.spool.truncated = "disconnect", UNCONFIRMED, "disconnect"
        return got
    finally:
        writer.close()
        try:
            await asyncio.wait_for(writer.wait_closed(), 5)
        except (TimeoutError, OSError, ssl.SSLError):
            pass


async def _head_part(host: str, port: int, tls: ssl.SSLContext | None, request_head: bytes, max_body: int,
                     timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, RawResponse]:
    server_name = _host_header(request_head)
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=tls, server_hostname=server_name if tls else None,
                                limit=MAX_HEAD + 1), timeout)
    try:
        peer = writer.get_extra_info("peername")
        writer.write(request_head)
        await asyncio.wait_for(writer.drain(), timeout)
        head = await _read_head(reader, timeout)
        match, lines = split_head(head)
        skipped = 0  # 100 Continue, 103 Early Hints...: the final response follows
        while 100 <= int(match.group(3)) < 200 and match.group(3) != b"101":
            skipped += 1
            if skipped > MAX_INFORMATIONAL:
                raise RawHTTPError(f"over {MAX_INFORMATIONAL} informational (1xx) responses and no final one")
            try:
                head = await _read_head(reader, timeout)
            except RawHTTPError as exc:  # "without sending a response" named none where a 1xx came
                if not (exc.closed and str(exc).endswith("without sending a response")):
                    raise
                raise RawHTTPError(f"server closed the connection after an informational response "
                                   f"({match.group(3).decode()}), without the final one", closed=True) from None
            match, lines = split_head(head)
        fields = parse_fields(lines)
        # several Transfer-Encoding lines are one list, in order (RFC 9110 section 5.3), as for
        # Content-Encoding: the last line alone left "gzip" of "gzip" + "chunked" lines on the page
        te = b", ".join(v for v in named_values(fields, b"transfer-encoding") if v.strip())
        chunked, codings = transfer_codings(te)
        coded = bool(codings)
        raw_block = stored_block(head, chunked, coded)
        version = f"HTTP/{match.group(1).decode()}.{match.group(2).decode()}"
        status = int(match.group(3))
        reason = header_text((match.group(4) or b"").strip())
        renamed = {b"transfer-encoding": TE_RENAMED, b"content-length": CL_RENAMED} if chunked or coded else {}
        parsed = [(header_text(renamed.get(n.lower(), n)), header_text(v)) for n, v in fields]
        received = ReceivedHeaders(f"{status} {reason}".strip(), parsed, version, raw_block)
        spool = BodySpool(raw_block, max_body)
        notes = []
        if not head.lstrip().startswith(b"HTTP/"):
            notes.append(f"status line {header_text(head.lstrip()[:8])!r} in lower case: read as Chromium and "
                         "curl read it")
        if coded:
            notes.append(f"Transfer-Encoding {header_text(te.strip())!r}: h11 reads only chunked; the transfer "
                         "coding is undone, as the WARC payload is stored")
        got = RawResponse(status, reason, version, received, parsed, spool, peer[0] if peer else None,
                          note="; ".join(notes) or None)
        if status in (204, 304) or 100 <= status < 200:
            got.framing = None
        elif chunked:
            got.framing = "chunked"
        elif not coded and (length := _content_length(named_values(fields, b"content-length"))) is not None:
            got.framing = length
        else:  # no length, or a transfer coding without chunked: the body ends at the close (RFC 9112 6.3)
            got.framing = "close"
        got.decoder = TransferDecoder(codings, spool) if coded else None
        return reader, writer, got
    except BaseException:
        writer.close()
        raise


def named_values(fields: list[tuple[bytes, bytes]], name: bytes) -> list[bytes]:
    return [v for n, v in fields if n.lower() == name]


def _host_header(request_head: bytes) -> str | None:
    m = re.search(rb"(?im)^host:[ \t]*([^\r\n]+)", request_head)
    if not m:
        return None
    host = m.group(1).strip().decode("latin-1")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _content_length(values: list[bytes]) -> int | None:
    """The body length the ``Content-Length`` fields give; None when there is none or it is not a number.

    Repeats of one value (``5, 5`` or two lines) are one length (RFC 9112 section 6.3);
    different values raise RawHTTPError, since no one can tell where the body ends
    (Chromium refuses the response too, ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH).
    """
    lengths = {item.strip() for value in values for item in value.split(b",") if item.strip()}
    if len(lengths) > 1:
        named = sorted(x.decode("latin-1")[:20] for x in lengths)  # the server's text, clipped
        shown = ", ".join(named[:5]) + (f" and {len(named) - 5:,} more" if len(named) > 5 else "")
        raise RawHTTPError(f"conflicting Content-Length headers ({shown}): where the body ends is unknown")
    first = lengths.pop() if lengths else b""
    return int(first) if first.isdigit() else None


def not_http(first: bytes) -> str:
    """Why ``first`` (the first bytes of a reply) is not an HTTP/1.x response, for a failure reason."""
    if first[:1] in (b"\x15", b"\x16") and first[1:2] == b"\x03":  # a TLS handshake or alert record
        what = "a TLS alert" if first[:1] == b"\x15" else "TLS"
        return f"the server answered in {what}, not HTTP (an https port asked with http://?)"
    if first[:1] == b"\x00" and first[3:4] in (b"\x04", b"\x07"):  # a SETTINGS or GOAWAY frame
        return "the server answered in HTTP/2 framing to an HTTP/1.1 request"
    return f"not an HTTP response: it starts {first[:24]!r} (no status line; HTTP/0.9 or another protocol)"


async def _read_head(reader: asyncio.StreamReader, timeout: float) -> bytes:
    head = b""
    while True:
        try:
            line = await asyncio.wait_for(reader.readline(), timeout)
        except ValueError:  # asyncio's LimitOverrunError: one line longer than the stream's limit
            raise RawHTTPError(f"response headers over {MAX_HEAD} bytes") from None
        if not line:
            if not head:
                raise RawHTTPError("server closed the connection without sending a response", closed=True)
            raise RawHTTPError(f"server closed the connection inside the response headers "
                               f"(after {len(head)} bytes)", closed=True)
        if not head and line.strip() and not line.lstrip()[:5].upper().startswith(b"HTTP/"):
            raise RawHTTPError(not_http(line.lstrip()))
        head += line
        if len(head) > MAX_HEAD:
            raise RawHTTPError(f"response headers over {MAX_HEAD} bytes")
        if line in (b"\r\n", b"\n") and head.strip():
            return head
        if not head.strip():
            head = b""  # blank lines before the status line are skipped, as browsers do


