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
"""
from __future__ import annotations

import re
from typing import IO

from warcio.utils import Digester

from archiver.http_headers import ReceivedHeaders, header_text

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
