"""Undo HTTP content codings (gzip, deflate, br), as stored in the WARC payload."""
from __future__ import annotations

import zlib

import brotli


class DecodingError(ValueError):
    pass


def decode_content(data: bytes, content_encoding: str | None, limit: int = 512 * 1024 * 1024) -> bytes:
    """Apply the codings in reverse order of the header; ``identity`` and unknown-empty pass through.

    ``limit`` bounds the inflated size, so a decompression bomb becomes an error, not an OOM.
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("identity", ""):
            continue
        try:
            if coding in ("gzip", "x-gzip"):
                d = zlib.decompressobj(zlib.MAX_WBITS | 32)
                data = d.decompress(data, limit)
            elif coding == "deflate":
                try:
                    data = zlib.decompressobj().decompress(data, limit)
                except zlib.error:  # raw deflate without zlib header, as some servers send
                    data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, limit)
            elif coding == "br":
                data = brotli.decompress(data)
            else:
                raise DecodingError(f"unsupported content-encoding {coding!r}")
        except (zlib.error, brotli.error) as exc:
            raise DecodingError(f"cannot decode {coding} body: {exc}") from exc
        if len(data) >= limit:
            raise DecodingError(f"decoded body exceeds {limit} bytes")
    return data
