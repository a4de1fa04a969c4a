"""HTTP header blocks for WARC records: stored as the bytes received, parsed as readers parse them."""
from __future__ import annotations

import re

from warcio.statusandheaders import StatusAndHeaders

from archiver.warcio_head import warcio_readable


class ReceivedHeaders(StatusAndHeaders):
    """An HTTP header block whose stored bytes are the ones received.

    warcio would re-encode the parsed headers (percent-encoding any non-ASCII
    value, so a raw UTF-8 ``Location`` no longer names the page); this keeps
    ``raw`` as the block written to the WARC and hashed into the block digest.
    The parsed ``headers`` (decoded as warcio's reader decodes them: UTF-8, else
    ISO-8859-1) serve lookups only.
    """

    def __init__(self, statusline: str, headers: list[tuple[str, str]], protocol: str, raw: bytes):
        super().__init__(statusline, headers, protocol=protocol)
        self.raw = raw

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        self.headers_buff = self.raw


def header_text(value: bytes) -> str:
    """A header's bytes as text, the way warcio reads them back: UTF-8, else ISO-8859-1."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def header_bytes(text: str) -> bytes:
    """The bytes ``header_text`` read as ``text``: its ISO-8859-1 encoding when that is not UTF-8 (it was read
    so), else its UTF-8 encoding."""
    try:
        data = text.encode("latin-1")
        data.decode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8")
    except UnicodeDecodeError:
        return data
    return text.encode("utf-8")


TE_RENAMED = b"X-Archive-Orig-Transfer-Encoding"
CL_RENAMED = b"X-Archive-Orig-Content-Length"


def is_chunked(raw: list[tuple[bytes, bytes]]) -> bool:
    """Whether a header list declares chunked transfer coding (which then frames the body)."""
    return any(n.lower() == b"transfer-encoding" and b"chunked" in v.lower() for n, v in raw)


def stored_block(head: bytes, chunked: bool, coded: bool = False) -> bytes:
    """A received header block as it is stored: as received, but when the body was chunked (and is
    stored de-chunked) its Transfer-Encoding line and any Content-Length beside it renamed.

    ``coded``: the body also had other transfer codings (``gzip, chunked``), undone
    too; then every Transfer-Encoding line is renamed, chunked or not.

    A field line of whitespace alone, which warcio would take for the head's end, is left out, and a
    status line warcio would split elsewhere is stored with single spaces (``archiver.warcio_head``).
    """
    head = warcio_readable(head)
    if not (chunked or coded):
        return head

    def rename(m: re.Match[bytes]) -> bytes:
        return TE_RENAMED + m.group(2) if coded or b"chunked" in m.group(0).lower() else m.group(0)

    head = re.sub(rb"(?im)^([ \t]*transfer-encoding)([ \t]*:[^\r\n]*)", rename, head)
    return re.sub(rb"(?im)^[ \t]*content-length(?=[ \t]*:)", CL_RENAMED, head)


def response_headers(protocol: str, status: int, reason: str | bytes,
                     raw: list[tuple[bytes, bytes]], received: bytes | None = None) -> StatusAndHeaders:
    """The status line and headers as received (``raw``: name and value bytes, as h11/h2 give them).

    ``received`` is the header block's bytes off the wire when known (HTTP/1.x):
    it is stored as it is, bare line feeds, folded lines and spacing included;
    otherwise the block is rebuilt from ``raw``.

    The body is stored without chunked transfer coding (as h11 hands it over), so a
    ``Transfer-Encoding: chunked`` header would make readers try to de-chunk it
    again; it is kept under ``X-Archive-Orig-Transfer-Encoding``, the name pywb uses.
    A ``Content-Length`` sent beside it did not frame the body (RFC 9112 section 6.3:
    chunked wins, and a recipient must drop the length before passing the message on);
    it is kept as ``X-Archive-Orig-Content-Length``, or replay would cut the body at it.
    HTTP/2 exchanges get an HTTP/1.1 status line (see ``http1_syntax``).
    """
    reason_b = reason if isinstance(reason, bytes) else reason.encode("latin-1", "replace")
    proto = http1_syntax(protocol)
    lines = [f"{proto} {status}".encode("ascii") + (b" " + reason_b if reason_b else b"")]
    headers = []
    chunked = is_chunked(raw)
    for name, value in raw:
        if chunked and name.lower() == b"transfer-encoding" and b"chunked" in value.lower():
            name = TE_RENAMED
        elif chunked and name.lower() == b"content-length":
            name = CL_RENAMED
        lines.append(name + b": " + value)
        headers.append((header_text(name), header_text(value)))
    block = stored_block(received, chunked) if received is not None else b"\r\n".join(lines) + b"\r\n\r\n"
    return ReceivedHeaders(f"{status} {header_text(reason_b)}".strip(), headers, proto, block)


def http1_syntax(protocol: str) -> str:
    """The protocol written in a status/request line.

    HTTP/2 (and 3) exchanges are stored in HTTP/1.1 message syntax, as browser-based
    archivers do: pywb refuses any status line but HTTP/1.0 and HTTP/1.1. The
    protocol really spoken goes in the ``WARC-Protocol`` header instead.
    """
    return protocol if protocol in ("HTTP/1.0", "HTTP/1.1") else "HTTP/1.1"


def warc_protocol(protocol: str | None) -> str | None:
    """``WARC-Protocol`` value (ALPN names, as proposed for WARC 1.2) for httpx's ``http_version``."""
    return {"HTTP/1.0": "http/1.0", "HTTP/1.1": "http/1.1", "HTTP/2": "h2", "HTTP/3": "h3"}.get(protocol or "")


# what h2 strips from the fields it sends (its CONNECTION_HEADERS): they are about one HTTP/1.1 connection
H2_DROPPED = frozenset({b"connection", b"keep-alive", b"proxy-connection", b"transfer-encoding", b"upgrade"})


def request_headers(method: str, target: str, protocol: str, raw: list[tuple[bytes, bytes]]) -> StatusAndHeaders:
    """The request record's head: the request line and ``raw`` (name and value bytes, as sent). A head holding a
    byte over 0x7f (a cookie's UTF-8 value, ``archiver.fetch.cookies``) is stored as those bytes: warcio would
    percent-encode the value (``region%3DZ%C3%83%C2%BCrich``), a header no request carried. Over HTTP/2 the
    fields are stored as h2 sends them: names lower-cased, and without the connection-specific fields h2 leaves
    out (RFC 9113 section 8.2.2: ``Connection: keep-alive`` from httpx was stored though never sent); ``Host``
    stands for ``:authority``, as in the HTTP/1.1 form browser-based archivers write. ``protocol`` is the
    exchange's (the response's); the request line says HTTP/1.1 whatever it is, as h11 and the tolerant reader
    send it (an HTTP/1.0 server's exchange was stored as ``GET /p HTTP/1.0``, a request never sent)."""
    if protocol not in ("HTTP/1.0", "HTTP/1.1"):
        raw = [(n.lower(), v) for n, v in raw if n.lower() not in H2_DROPPED]
    protocol = "HTTP/1.1"
    if all(v.isascii() and n.isascii() for n, v in raw):
        headers = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in raw]
        return StatusAndHeaders(f"{method} {target} {protocol}", headers, is_http_request=True)
    line = f"{method} {target} {protocol}".encode("latin-1", "replace")
    block = b"\r\n".join([line, *(n + b": " + v for n, v in raw)]) + b"\r\n\r\n"
    return ReceivedHeaders(f"{target} {protocol}", [(header_text(n), header_text(v)) for n, v in raw], method, block)


def headers_buffer(http_headers: StatusAndHeaders) -> bytes:
    http_headers.compute_headers_buffer()
    return http_headers.headers_buff
