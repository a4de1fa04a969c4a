"""Trailer fields of a chunked body, kept in the stored header block under names of their own.

A chunked body may end with trailer fields (``0\\r\\nX-Digest: sha-256=...\\r\\n\\r\\n``, announced by a
``Trailer`` header). h11 reads them and httpcore drops them; archiver stores the body de-chunked (what
replay tools serve), so they cannot sit "as sent" after it. RFC 9112 section 7.1.2: a recipient that
removes the chunked coding may keep trailer fields, but must store them apart from the header fields,
never merged into them unless the field's definition allows it. They are kept, in the order sent, as
``X-Archive-Trailer-NAME: value`` lines at the end of the stored header block (the
``X-Archive-Orig-`` convention for a field archiver had to move aside), and the record's block digest
is computed over that block.

The fields are read from the last bytes the connection read for the response (``TAIL`` of them, kept by
``CachedSocketStream``): the final chunk ``0``, field lines, a blank line, and nothing after. Anything
else there (bytes past the message, a tail cut before the last chunk) gives no fields.

Over HTTP/2 a trailer section is a HEADERS frame after the body (RFC 9113 section 8.1, gRPC's
``grpc-status``, a CDN's ``server-timing``); h2 reads it and httpcore drops it, so they were lost there
while kept over HTTP/1.1. ``h2faults`` hands each stream's fields to ``keep_h2`` as they come, and
``response_trailers`` gives them to the exchange once the body is whole, as for a chunked body.
"""
from __future__ import annotations

import re
import weakref
from typing import IO, Any

from warcio.utils import Digester

from archiver.http_headers import ReceivedHeaders, header_text, is_chunked

TAIL = 16 * 1024  # bytes of a response's end kept to find its trailer section
PREFIX = b"X-Archive-Trailer-"
_LAST_CHUNK = re.compile(rb"\n0+[ \t]*(?:;[^\r\n]*)?\r?\n")
FIELD_LINE = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*?)[ \t]*\r?\n")
_BLANK_END = re.compile(rb"\r?\n\Z")


def trailer_fields(tail: bytes) -> list[tuple[bytes, bytes]]:
    """The trailer fields (name, value) at the end of a chunked message's last ``tail`` bytes; [] if none
    or if the end does not read as a last chunk, fields and a blank line (the last such reading wins)."""
    for found in reversed(list(_LAST_CHUNK.finditer(tail))):
        pos, fields = found.end(), []
        while (field := FIELD_LINE.match(tail, pos)) is not None:
            fields.append((field.group(1), field.group(2)))
            pos = field.end()
        if _BLANK_END.match(tail, pos):
            return fields
    return []


# an HTTP/2 connection's network stream -> {stream id: trailer fields}; gone with the connection
_H2_TRAILERS: weakref.WeakKeyDictionary[Any, dict[int, list[tuple[bytes, bytes]]]] = weakref.WeakKeyDictionary()


def keep_h2(network_stream: Any, stream_id: int, fields: list[tuple[bytes, bytes]]) -> None:
    """Keep the trailer fields (name, value) an HTTP/2 stream of the connection over ``network_stream`` ended
    with, until ``response_trailers`` takes them (a second trailer section, which h2 refuses, would add)."""
    try:
        _H2_TRAILERS.setdefault(network_stream, {}).setdefault(stream_id, []).extend(fields)
    except TypeError:  # a stream that cannot be weakly referred to: nothing kept
        pass


def response_trailers(response: Any) -> list[tuple[bytes, bytes]]:
    """The trailer fields of an httpx response whose body was read whole: an HTTP/2 stream's (``keep_h2``),
    taken once, or a chunked HTTP/1.x body's (from the connection's ``take_tail``); [] if none."""
    stream = response.extensions.get("network_stream")
    if response.http_version == "HTTP/2":
        try:
            kept = _H2_TRAILERS.get(stream)
        except TypeError:
            return []
        return kept.pop(response.extensions.get("stream_id"), []) if kept else []
    take = getattr(stream, "take_tail", None)
    if take is None or not is_chunked(response.headers.raw):
        return []
    return trailer_fields(take())


def with_trailers(headers: ReceivedHeaders, fields: list[tuple[bytes, bytes]], body: IO[bytes],
                  length: int) -> tuple[ReceivedHeaders, str]:
    """``headers`` with ``fields`` added as ``X-Archive-Trailer-`` lines, and the block digest (``sha1:...``)
    of the new block and the ``length`` body bytes spooled in ``body`` (read from 0; left at its end)."""
    block = headers.raw
    ending = b"\r\n" if block.endswith(b"\r\n\r\n") or not block.endswith(b"\n\n") else b"\n"
    added = b"".join(PREFIX + name + b": " + value + ending for name, value in fields)
    raw = block[: len(block) - len(ending)] + added + ending
    parsed = [*headers.headers, *((header_text(PREFIX + n), header_text(v)) for n, v in fields)]
    stored = ReceivedHeaders(headers.statusline, parsed, headers.protocol, raw)
    return stored, block_digest(raw, body, length)


def block_digest(raw: bytes, body: IO[bytes], length: int) -> str:
    """The WARC block digest (``sha1:...``) of the header block ``raw`` and the ``length`` body bytes spooled
    in ``body`` (read from 0; left at its end)."""
    digest = Digester("sha1")
    digest.update(raw)
    body.seek(0)
    left = length
    while left > 0 and (piece := body.read(min(left, 1 << 20))):
        digest.update(piece)
        left -= len(piece)
    return str(digest)
