"""Undo HTTP content codings (gzip, deflate, br, zstd), as stored in the WARC payload, never past a size limit.

Every coding is inflated in pieces with the output bounded, so a small body
that inflates to gigabytes (a decompression bomb) costs at most ``limit`` plus
one piece of memory.

``zstd`` (RFC 8878; Chromium and Firefox send and undo it since 2024) is never asked for,
since warcio and pywb cannot undo it, but a server may send it anyway: the capture is
archived as sent and extraction undoes it with ``zstandard`` (the reference C library's
binding), as a browser would.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import brotli
import zstandard


def _google_brotli() -> Any:
    """Google's brotli C extension (``_brotli``), found on the path even when brotlipy, which
    warcio needs and which registers its own ``_brotli``, was imported first; None if absent."""
    try:
        spec = importlib.machinery.PathFinder.find_spec("_brotli")
        if spec is None or spec.loader is None:
            return None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:
        return None
    return module if hasattr(getattr(module, "Decompressor", None), "can_accept_more_data") else None


_bounded_brotli = _google_brotli()  # its Decompressor bounds each step's output (1.2+)

CODING_ERRORS: tuple[type[BaseException], ...] = (zlib.error, brotli.error, zstandard.ZstdError) + (
    (_bounded_brotli.error,) if _bounded_brotli is not None else ())
PIECE = 64 * 1024  # bytes of coded input per step
MEMBER_FIRST_PIECE = 512  # bytes of a gzip member fed first (then doubled up to PIECE)


class DecodingError(ValueError):
    pass


GZIP_MAGIC = b"\x1f\x8b"


def _zlib_pieces(data: bytes, wbits: int, limit: int, ended: list[bool], members: bool = False) -> Iterator[bytes]:
    """Inflate ``data`` a piece at a time, at most ``limit`` (+1) bytes out. With ``members`` (gzip), a
    member that follows the first is inflated too: a gzip file is "a series of members" (RFC 1952 section
    2.2, which RFC 9110 section 8.4.1.3 names as the gzip coding), as gzip(1) and Python's gzip read them;
    bytes after a member that are no gzip member, or a later member that is junk, end the body as before
    (a server's trailing garbage). Only the first member was read, so the text stopped where a server that
    compresses each flush on its own began its second member, and nothing said so."""
    total = 0
    eof = False
    view = memoryview(data)
    pos = 0  # where the member being read starts in ``data``
    first = True
    try:
        while pos < len(data):
            d = zlib.decompressobj(wbits)
            step = MEMBER_FIRST_PIECE  # a member's first piece is small: ``unused_data`` copies what it
            start = pos                # leaves, so a body of many tiny members stays linear in its size
            after = -1
            try:
                while start < len(data):
                    buf: bytes | memoryview = view[start:start + step]
                    end = start + len(buf)
                    while buf and total <= limit:
                        out = d.decompress(buf, limit - total + 1)
                        total += len(out)
                        if out:
                            yield out
                        buf = d.unconsumed_tail
                    if total > limit or d.eof:
                        after = end - len(d.unused_data) if d.eof else -1
                        break
                    start, step = end, min(step * 2, PIECE)
            except zlib.error:
                if first:
                    raise
                return  # junk after a whole member: the body ends at that member, as before
            eof = d.eof
            if not (members and eof and total <= limit and after >= 0
                    and view[after:after + 2] == GZIP_MAGIC):
                return
            pos, first = after, False
    finally:
        ended.append(eof or total >= limit)  # past the limit: not known, taken as whole


def _brotli_pieces(data: bytes, limit: int, ended: list[bool]) -> Iterator[bytes]:
    """Google's brotli (1.2+) bounds each step's output; brotlipy's (which warcio needs) does not,
    so it is fed 16 bytes at a time (at most some 8 MiB out per step) and stopped once past ``limit``."""
    d = _bounded_brotli.Decompressor() if _bounded_brotli is not None else brotli.Decompressor()
    total = 0
    process: Callable[..., bytes] | None = getattr(d, "process", None)
    bounded = process is not None and "output_buffer_limit" in (process.__doc__ or "")
    if bounded:
        assert process is not None
        try:
            for start in range(0, len(data), PIECE):
                out = process(data[start:start + PIECE], output_buffer_limit=limit - total + 1)
                total += len(out)
                yield out
                while total <= limit and not d.can_accept_more_data():
                    out = process(b"", output_buffer_limit=limit - total + 1)
                    total += len(out)
                    yield out
                if total > limit or d.is_finished():
                    return
        finally:
            ended.append(total > limit or d.is_finished())
        return
    step = getattr(d, "decompress", None) or process
    assert step is not None
    for start in range(0, len(data), 16):
        out = step(data[start:start + 16])
        total += len(out)
        yield out
        if total > limit:
            return


def _zstd_pieces(data: bytes, limit: int, ended: list[bool]) -> Iterator[bytes]:
    """zstd frames (one after another, as RFC 8878 allows) read a piece at a time until past ``limit``;
    ``ended`` then gets whether the last frame came to its end (``_zstd_whole``). The stream reader gives
    what a cut frame's whole blocks hold and then nothing, without a word: a body cut short was read as
    shorter (or, cut in its one block, as an empty body)."""
    reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
    total = 0
    try:
        while total <= limit:
            out = reader.read(PIECE)
            if not out:
                return
            total += len(out)
            yield out
    finally:
        ended.append(total > limit or _zstd_whole(data))


def _zstd_whole(data: bytes) -> bool:
    """Whether every zstd frame of ``data`` ends (bytes after a whole frame that are no frame end the body,
    as junk after a gzip member does). Called once the stream reader gave all it holds, within the limit, so
    the output thrown away here is no more than that."""
    rest = data
    while rest:
        d = zstandard.ZstdDecompressor().decompressobj()
        try:
            d.decompress(rest)
        except zstandard.ZstdError:
            return rest is not data  # junk after a whole frame
        if not d.eof:
            return False
        rest = d.unused_data
    return True


def _pieces(data: bytes, coding: str, limit: int, ended: list[bool]) -> Iterator[bytes]:
    """The decoded pieces; once they are all taken, ``ended`` gets whether the coded stream came to its end
    (gzip, deflate, br, zstd; brotlipy's decoder is taken as ended)."""
    if coding in ("gzip", "x-gzip"):
        return _zlib_pieces(data, zlib.MAX_WBITS | 32, limit, ended, members=True)
    if coding == "deflate":
        if len(data) >= 2 and (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0:
            return _zlib_pieces(data, zlib.MAX_WBITS, limit, ended)
        return _zlib_pieces(data, -zlib.MAX_WBITS, limit, ended)  # raw deflate, as some servers send
    if coding == "br":
        return _brotli_pieces(data, limit, ended)
    if coding == "zstd":
        return _zstd_pieces(data, limit, ended)
    raise DecodingError(f"unsupported content-encoding {coding!r}")


def content_codings(headers: Any) -> str | None:
    """Every ``Content-Encoding`` field of a stored HTTP head (warcio's ``StatusAndHeaders``), as one list.

    A server may send the codings on two lines (``Content-Encoding: gzip`` twice for a body gzipped
    twice); RFC 9110 section 5.3 reads them as one comma-separated list, as browsers do.
    ``get_header`` gave the first line only, so such a page was undone once and read as binary.
    """
    if headers is None:
        return None
    values = [str(v) for n, v in headers.headers if str(n).lower() == "content-encoding"]
    return ", ".join(values) if values else None


class TooLarge(DecodingError):
    """A body whose decoding passes the caller's limit (a decompression bomb, or a page past any reader's size)."""


class CutShort(DecodingError):
    """A coded stream that stops before its end, in a body the server sent whole (its length or chunks)."""


def decode_prefix(data: bytes, content_encoding: str | None, limit: int, whole: bool = False) -> tuple[bytes, bool]:
    """At most ``limit`` decoded bytes of ``data`` and whether there was more.

    Tolerates a coded stream cut short (a body truncated by a size cap gives the
    prefix it holds), unless ``whole`` says ``data`` is the body as the server sent it
    all: then a gzip, deflate, br or zstd stream that stops before its end raises CutShort (the
    server's own copy was cut: a damaged capture, as a body cut by a hang-up is), unless only its
    trailer is missing (``_only_trailer_missing``: the deflate data ended, nothing of the text is lost).
    Raises DecodingError for a coding it does not know or a stream that is not what it claims.
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    more = False
    for coding in reversed(codings):
        if coding in ("identity", ""):
            continue
        out = bytearray()
        ended: list[bool] = []
        try:
            for piece in _pieces(data, coding, limit, ended):
                out += piece
        except CODING_ERRORS as exc:  # zlib's too
            raise DecodingError(f"cannot decode {coding} body: {exc}") from exc
        if whole and data and ended and not ended[0] and not _only_trailer_missing(data, coding):
            # an empty body is no stream (browsers show an empty page)
            raise CutShort(f"{coding} body cut short: its stream stops before its end ({len(data):,} bytes "
                           f"gave {len(out):,}); the server sent a damaged copy")
        more = more or len(out) > limit
        del out[limit:]  # in place: ``bytes(out[:limit])`` held three copies of a bomb's output (review50)
        data = bytes(out)
        del out
    if len(data) > limit:
        return data[:limit], True
    return data, more


def _only_trailer_missing(data: bytes, coding: str) -> bool:
    """Whether a gzip or zlib-wrapped deflate stream that did not end is whole but for its trailer (gzip's
    CRC-32 and size, 8 bytes; zlib's Adler-32, 4): its deflate data ends at its last block. A known server
    and proxy fault; browsers show such a page, and nothing of the text is missing. Read again, with
    the output thrown away, only for a stream that did not end."""
    start = _gzip_header_size(data) if coding in ("gzip", "x-gzip") else None
    if start is None and coding in ("gzip", "x-gzip", "deflate") and len(data) >= 2 and (data[0] & 0x0F) == 8 \
            and ((data[0] << 8) | data[1]) % 31 == 0 and not data[1] & 0x20:
        start = 2  # a zlib header, no preset dictionary
    if start is None:
        return False
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for at in range(start, len(data), PIECE):
            buf = data[at:at + PIECE]
            while buf and not d.eof:
                d.decompress(buf, PIECE)
                buf = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        return False
    return d.eof and len(d.unused_data) < 8


def _gzip_header_size(data: bytes) -> int | None:
    """Bytes of the gzip member header (RFC 1952 section 2.3) that opens ``data``; None if none does."""
    if len(data) < 10 or data[:3] != b"\x1f\x8b\x08":
        return None
    flags, at = data[3], 10
    if flags & 4:  # FEXTRA
        at += 2 + int.from_bytes(data[at:at + 2], "little")
    for flag in (8, 16):  # FNAME, FCOMMENT: zero-terminated
        if flags & flag:
            end = data.find(b"\0", at)
            if end < 0:
                return None
            at = end + 1
    if flags & 2:  # FHCRC
        at += 2
    return at if at <= len(data) else None


STRAY_GZIP = True  # a gzip member left over after the declared codings is inflated when it holds a page (host45)
OPAQUE_GZIP = True  # ... also under a type that says nothing (octet-stream) or a gzip file's (host46)


def stray_gzip(body: bytes, limit: int, holds_page: Callable[[bytes], bool], whole: bool = False) -> bytes | None:
    """The page inside ``body`` when ``body`` (already decoded by its declared codings) is still a gzip file.

    A server that sends a ``.html.gz`` as it lies on disk under ``Content-Type: text/html`` and no
    ``Content-Encoding`` (a ``gzip_static`` or ``MultiViews`` answer to a client that did not ask for
    gzip, a CDN that lost the header), or gzips a page twice and names it once, serves a page readers
    only see as gzip bytes. Returns the inflated bytes when the body opens with a gzip member header
    (RFC 1952 section 2.3), inflates without error, and ``holds_page`` accepts them (the caller's own test
    for an HTML page); None otherwise (an archive, damaged bytes: the caller goes on as before). Raises
    TooLarge when such a page inflates to ``limit`` bytes or more. The record itself is left as the server sent
    it. As ``robots.parse_robots`` reads a ``robots.txt.gz`` sent without the header (as Google does).
    Raises DecodingError when the first 64 KiB hold a page but the stream is damaged further on.
    ``whole``: ``body`` is all the server sent (as in ``decode_prefix``); then a gzip stream that stops
    before its end and holds a page raises CutShort, as a declared one does (review49: it was read as
    half an article, silently).
    """
    if not STRAY_GZIP or _gzip_header_size(body) is None:
        return None
    try:  # the first 64 KiB inflated first: a big archive that holds no page is not inflated to ``limit``
        head, _ = decode_prefix(body, "gzip", min(limit, 64 * 1024))
    except DecodingError:  # damaged early: a page before the damage fails as a declared gzip does (review50)
        if holds_page(_before_damage(body, min(limit, 64 * 1024))):
            raise
        return None
    if not holds_page(head):
        return None
    try:
        inflated, more = decode_prefix(body, "gzip", limit, whole=whole)
    except CutShort:
        try:
            prefix, _ = decode_prefix(body, "gzip", limit)
        except DecodingError:
            return None
        if holds_page(prefix):
            raise
        return None
    # any other DecodingError (a damaged stream) is raised: its first 64 KiB hold a page, so it fails as a
    # declared gzip coding does ("cannot decode gzip body"), not skipped as binary content (review50)
    if not holds_page(inflated):
        return None
    if more or len(inflated) >= limit:
        raise TooLarge(f"the gzip file served as the page inflates past {limit:,} bytes")
    return inflated


def _before_damage(body: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes a gzip ``body`` inflates to before the point where its stream is damaged (fed
    1 KiB at a time: zlib gives nothing of a call that fails)."""
    start = _gzip_header_size(body)
    if start is None:
        return b""
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    try:
        for at in range(start, len(body), 1024):
            out += d.decompress(body[at:at + 1024], limit - len(out) + 1)
            if len(out) >= limit or d.eof:
                break
    except zlib.error:
        pass
    return bytes(out[:limit])


def page_body(body: bytes, content_type: str | None, limit: int, whole: bool = False) -> bytes:
    """The page a decoded response ``body`` (its declared codings undone) holds: ``body`` itself, or the page
    inside a stray gzip layer (:func:`stray_gzip`) when ``content_type`` is an HTML type, one that says
    nothing (``page_sniff.SNIFF_TYPES``: ``application/octet-stream``, none, ...) or a gzip file's
    (``page_sniff.GZIP_TYPES``: a ``.html.gz`` served as ``application/x-gzip``; host46). Under those the page
    inside must open as a page (``sniff_html``), as archiver already reads an HTML body served as
    ``application/octet-stream``. The one step the three page readers share (extraction, ``diff``'s and the
    watch's; review49).

    Under a type that is not HTML's the page inside must open with a strong sign (``page_sniff.opens_as_page``).

    Raises TooLarge when that page passes ``limit`` bytes (reported as too large, not as binary content),
    CutShort when ``whole`` and its gzip stream stops before its end, DecodingError when its gzip stream is
    damaged after a first 64 KiB that hold a page."""
    from archiver.page_sniff import GZIP_TYPES, HTML_TYPES, SNIFF_TYPES, mime_type, opens_as_page, sniff_html

    mime = mime_type(content_type)
    if mime not in HTML_TYPES and not (OPAQUE_GZIP and (mime in SNIFF_TYPES or mime in GZIP_TYPES)):
        return body
    # under a type that is not HTML's the file inside must show a strong sign of a page (a doctype, <html>, <head>
    # or <body> after comments and an XML declaration): a gzipped feed or sitemap opening with a comment is none
    page = stray_gzip(body, limit, sniff_html if mime in HTML_TYPES else opens_as_page, whole=whole)
    return body if page is None else page


def decode_content(data: bytes, content_encoding: str | None, limit: int = 512 * 1024 * 1024,
                   whole: bool = False) -> bytes:
    """Apply the codings in reverse order of the header; ``identity`` and unknown-empty pass through.

    ``limit`` bounds the inflated size (inflating stops there), so a decompression
    bomb becomes a DecodingError (``TooLarge``), not an OOM. ``whole``: as in ``decode_prefix``.
    """
    decoded, more = decode_prefix(data, content_encoding, limit, whole)
    if more or len(decoded) >= limit:
        raise TooLarge(f"decoded body exceeds {limit} bytes")
    return decoded
