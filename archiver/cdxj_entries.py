"""CDXJ lines for records as they are written, so ``index.cdxj`` needs no second read of the WARCs.

``cdxj-indexer`` (the reference, see ``archiver.archive.cdxj``) reads every
record back: inflates it, parses its headers, skips its payload. The writer
already holds all a line needs: the record's WARC headers, its HTTP header
block as written, the offset and length of its gzip member. ``index_line``
makes from those the line cdxj-indexer would make from the file, by the same
rules (cdxj_indexer.main.CDXJIndexer and warcio.indexer.Indexer, cdxj-indexer
1.4 with warcio 1.7): records of type response, revisit, resource and metadata
(not ``application/warc-fields`` ones); ``SURT-key 14-digit-timestamp {json}``
with ``url``, ``mime`` (``warc/revisit`` for a revisit, else the HTTP
Content-Type of a response, the WARC Content-Type of a resource or metadata
record, cut at the first ``;`` or space), ``status`` (HTTP, for responses and
revisits with an HTTP header block), ``digest``, ``length``, ``offset``,
``filename``, in that order. The HTTP block is parsed with warcio's own parser
(the one the reader uses), so odd header lines give what a reader gets.

Where a record holds something the shortcut does not reproduce for certain (a
WARC header value with surrounding spaces or line breaks, a Target-URI readers
rewrite, a record without a payload digest, an HTTP block without its blank
line), ``index_line`` raises ``NotExact`` and the file is left to cdxj-indexer.
tests/test_archive_cdxj.py checks the lines against ``cdxj-indexer --sort``.
"""
from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

from warcio.statusandheaders import StatusAndHeadersParser
from warcio.timeutils import iso_date_to_timestamp

INDEXED = ("response", "revisit", "resource", "metadata")  # cdxj-indexer's DEFAULT_RECORDS
HTTP_RECORDS = ("response", "revisit")  # records whose block warcio reads as HTTP (requests are not indexed)
MIME_END = re.compile(r"[;\s]")  # CDXJIndexer.RE_SPACE
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)  # as ArchiveIterator(verify_http=False)


class NotExact(Exception):
    """The record's line cannot be made here with certainty; index its file with cdxj-indexer."""


_surt_of: Callable[[str], Any] | None = None  # surt.surt, imported on first use


def _surt(url: str) -> str:
    global _surt_of
    if _surt_of is None:
        from archiver.lean_imports import import_surt  # with tldextract left unloaded

        _surt_of = import_surt().surt
    try:
        return str(_surt_of(url))
    except Exception:  # cdxj-indexer keys such a URL by itself
        return url


def surt_key(url: str) -> str:
    """``url``'s SURT key as cdxj-indexer writes it (``surt.surt``; the URL itself when surt cannot read it)."""
    return _surt(url)


def _clean(value: str | None) -> str | None:
    """A WARC header value as a reader parses it back, or NotExact if parsing could change it."""
    if value is not None and (value != value.strip() or "\r" in value or "\n" in value):
        raise NotExact(f"WARC header value {value[:60]!r}")
    return value


def index_line(record: Any, filename: str, offset: int, length: int) -> str | None:
    """The CDXJ line (ending in a newline) cdxj-indexer writes for ``record``, or None if it writes none.

    ``record`` is a warcio ``ArcWarcRecord`` just written (its HTTP block in
    ``http_headers.headers_buff``); ``offset`` and ``length`` are its gzip
    member's bytes in the file named ``filename``. Raises NotExact (see above).
    """
    rec = record.rec_headers
    rec_type = _clean(rec.get_header("WARC-Type"))
    if rec_type not in INDEXED:
        return None
    warc_type = _clean(rec.get_header("Content-Type"))
    if rec_type in ("resource", "metadata") and warc_type == "application/warc-fields":
        return None
    url = _clean(rec.get_header("WARC-Target-URI"))
    if url is None or (url.startswith("<") and url.endswith(">")) or " " in url:
        raise NotExact(f"WARC-Target-URI {url!r} is rewritten by readers")
    digest = _clean(rec.get_header("WARC-Payload-Digest"))
    if not digest:
        raise NotExact("no WARC-Payload-Digest: cdxj-indexer computes one")
    date = _clean(rec.get_header("WARC-Date")) or ""
    http = None
    empty = _clean(rec.get_header("Content-Length")) == "0"  # warcio parses no HTTP block then
    if rec_type in HTTP_RECORDS and url.startswith(("http:", "https:")) and not empty:
        block = getattr(record.http_headers, "headers_buff", None) if record.http_headers else None
        if not block or not block.endswith((b"\n\n", b"\n\r\n")):
            raise NotExact("HTTP header block without its closing blank line")
        http = _HTTP_PARSER.parse(io.BytesIO(block))
    mime: str | None = None
    if rec_type == "revisit":
        mime = "warc/revisit"
    else:
        mime = (http.get_header("content-type") if http else None) if rec_type == "response" else warc_type
        if mime:
            mime = MIME_END.split(mime, 1)[0].strip()
    index: dict[str, str] = {"url": url}
    if mime is not None:
        index["mime"] = mime
    if http:
        index["status"] = http.get_statuscode()
    index["digest"] = digest
    index["length"] = str(length)
    index["offset"] = str(offset)
    index["filename"] = filename
    return f"{_surt(url)} {iso_date_to_timestamp(date)} {json.dumps(index)}\n"


class FileIndex:
    """The CDXJ lines of one WARC file being written, in offset order; ``exact`` False sends it to cdxj-indexer."""

    def __init__(self, filename: str):
        self.filename = filename
        self.entries: list[tuple[int, str]] = []
        self.exact = True

    def add(self, record: Any, offset: int, length: int) -> None:
        if not self.exact:
            return
        try:
            line = index_line(record, self.filename, offset, length)
        except NotExact:
            self.exact = False
            self.entries = []
            return
        if line is not None:
            self.entries.append((offset, line))

    def cut(self, offset: int) -> None:
        """Forget the lines of records at ``offset`` or after (cut from the file)."""
        while self.entries and self.entries[-1][0] >= offset:
            self.entries.pop()

    def lines(self) -> list[str] | None:
        """The file's lines sorted as ``cdxj-indexer --sort`` sorts them (duplicates dropped), or None if not exact."""
        if not self.exact:
            return None
        return sorted({line for _, line in self.entries})
