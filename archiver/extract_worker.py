"""One capture record in, one :class:`PageResult` out: the work an extraction worker does per page.

:func:`extract_record` is a pure-ish function of a :class:`Job` (WARC path,
offset, capture metadata): it reads the response record, decodes its body,
refuses what is not HTML (a ``text/plain`` article is read as text) and extracts
the article. It runs in a worker process of :mod:`archiver.extract_pool` or in a Ray task of :mod:`archiver.cluster`, so
its input and output are plain picklable values; it writes nothing but, when
the job carries a :class:`~archiver.staging.Stage`, the page's files ahead into
the staging folder.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archiver.mhtml import MHTML_TYPES, held_page
from archiver.page_sniff import GZIP_TYPES, HTML_TYPES, SNIFF_TYPES, after_prolog, mime_type, sniff_html
from archiver.page_sniff import lead as _lead
from archiver.staging import Stage, Staged, stage_page
from archiver.warc_read import read_record

if TYPE_CHECKING:
    from archiver.extraction import Extraction

MAX_HTML_BYTES = 32 * 1024 * 1024  # decoded body; past this a page is refused, not parsed
NOT_HTML = "not HTML"
EMPTY = "empty body"
SKIP_REASONS = (NOT_HTML, EMPTY)  # recorded, not failures, not retried
TOO_LARGE = "page too large to extract"
# failures the stored bytes decide (a damaged coding, a body inflating past MAX_HTML_BYTES): told once, by the
# run that found them, and not retried by later runs, as other failures are (the same record fails the same
# way); ``--all`` or naming the capture extracts it again. Matched anywhere in the reason (its coding leads it).
SETTLED_FAILURES = ("body cut short: its stream stops", "cannot decode ", TOO_LARGE)


@dataclass(frozen=True)
class Job:
    """What a worker needs to extract one record; all plain values so it pickles."""

    capture_id: int
    url: str  # the URL to hand the extractor (final URL after redirects)
    warc_path: str
    offset: int
    content_type: str | None = None
    stage: Stage | None = None  # when set, the worker also writes the page's files ahead (archiver.staging)


@dataclass
class PageResult:
    capture_id: int
    status: str  # "ok" | "skipped" | "error"
    error: str | None = None
    extraction: Extraction | None = None  # set when ok
    digests: list[str] = field(default_factory=list)  # paragraph digests before site learning
    charset: str | None = None
    seconds: float = 0.0
    staged: Staged | None = None  # the page's files, written ahead by the worker



def may_hold_html(mime: str | None) -> bool:
    """A capture served as ``mime`` (lower-case, no parameters) may hold a page to extract: an HTML
    type, none or one that says nothing (``SNIFF_TYPES``: sniffed), an MHTML archive's, or a gzip file's
    (``GZIP_TYPES``: a ``.html.gz`` served as what it is; read when the file inside is a page)."""
    from archiver import decoding

    return (not mime or mime in HTML_TYPES or mime in SNIFF_TYPES or mime in MHTML_TYPES
            or (decoding.OPAQUE_GZIP and mime in GZIP_TYPES))


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]")
# a document's first element (after comments and an XML declaration) that makes it no page (review50)
_NOT_PAGE_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|urlset|sitemapindex|svg)(?=[\s>/]|$)")
_ROOT_NAMES = {b"rss": "an RSS feed", b"feed": "an Atom feed", b"rdf:rdf": "an RSS 1.0 feed", b"urlset": "a sitemap",
               b"sitemapindex": "a sitemap index", b"svg": "an SVG image"}


def is_blank(body: bytes) -> bool:
    """True for a body of nothing but whitespace, after a byte-order mark if it has one.

    A page of only a BOM (UTF-8 or UTF-16) and line ends is as empty as an empty one (it failed
    as "unparseable HTML: empty document"). A UTF-16 body is decoded to look (64 KiB at most:
    a longer one is no blank page).
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            rest = body[len(bom):]
            return len(rest) < 65536 and not rest.decode(codec, "replace").strip()
    return not body.strip()


def not_html_inside(body: bytes) -> str | None:
    """What a body declared HTML is instead, when it is plainly something else; else None.

    JSON (a body whose first character opens an object or array and that parses whole), an
    RSS, Atom or RSS 1.0 feed (an XML declaration and a feed root in the first 1 KiB, no
    ``<html``), and a document whose first element after comments and an XML declaration is a feed's,
    a sitemap's (``<urlset>``, ``<sitemapindex>``) or, after either, an ``<svg>`` (review50) are not pages:
    served as ``text/html``, their source became the clean text.
    Costs a first-character test on every page; the parse only for a body starting so.
    """
    lead = _lead(body)
    first = after_prolog(body)
    root = _NOT_PAGE_ROOT.match(first)
    # an <svg> first is an SVG file only after a declaration or comment (a page may open with inline SVG)
    if root and (root.group(1) != b"svg" or len(first) < len(lead)):
        return _ROOT_NAMES[root.group(1)]
    if lead[:1] in (b"{", b"["):
        import json

        try:
            json.loads(body)
        except (ValueError, RecursionError):  # not JSON after all (UnicodeDecodeError is one; a body
            # of 10,000 '[' nests deeper than json reads): read as HTML
            return None
        return "JSON"
    if lead[:5] == b"<?xml" and b"<html" not in lead.lower():
        root = _FEED_ROOT.search(lead)
        if root:
            return {b"rss": "an RSS feed", b"feed": "an Atom feed"}.get(root.group(1), "an RSS 1.0 feed")
    return None


def _markup(body: bytes) -> str | None:
    """"markup" for a body that opens with a tag and closes one in its first KiB (XML, an HTML fragment):
    served as text/plain, a browser shows its source, which is no story to read as text; else None."""
    lead = _lead(body)
    return "markup" if lead[:1] == b"<" and (b"</" in lead or b"/>" in lead) else None


# Files a site keeps at fixed paths for machines, not readers: crawlers' rules (robots.txt), ad sellers (ads.txt,
# app-ads.txt), credits (humans.txt), a summary for language models (llms.txt), and everything under /.well-known/
# (security.txt, ...). Served as text/plain, they read as a one-paragraph "article" each: wget -r and browser
# crawls archive robots.txt beside the pages, and an import made it a hit of `archiver search 'User agent'`.
_SITE_FILES = frozenset({"/robots.txt", "/ads.txt", "/app-ads.txt", "/humans.txt", "/llms.txt"})


def site_file(url: str) -> str | None:
    """The path of ``url`` when it names one of a site's files for machines (``/robots.txt``, ``/ads.txt``,
    ``/.well-known/...``, case ignored), else None; a text file there is no article to extract."""
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return None
    return path if path in _SITE_FILES or path.startswith("/.well-known/") else None


def not_page_head(raw: bytes, coding: str | None, content_type: str | None) -> str | None:
    """The skip reason for a body too large to decode whole, served under a type that is not HTML's, when its
    first 64 KiB (decoded by ``coding``; a gzip file's inflated) show it is no page: binary content, or text
    that does not open as a page (``text/plain`` excepted: a text article). None when they may be a page (then
    it is too large) or cannot be decoded. Page or not is decided before size (review50: a 40 MiB ``.tar.gz``
    served as ``application/x-gzip`` failed as "page too large")."""
    from archiver.decoding import DecodingError, decode_prefix
    from archiver.extraction.decode import looks_binary
    from archiver.page_sniff import opens_as_page

    mime = mime_type(content_type)
    binary = f"{NOT_HTML}: binary content" + (f" ({mime})" if mime else "")
    if mime in MHTML_TYPES:
        return None
    try:
        head, _ = decode_prefix(raw, coding, 64 * 1024)
    except DecodingError:
        return None
    if head[:3] == b"\x1f\x8b\x08":  # a gzip file: the file inside decides, as in ``decoding.page_body``
        try:
            inside, _ = decode_prefix(head, "gzip", 64 * 1024)
        except DecodingError:
            return binary  # no page can be read from it
        return None if opens_as_page(inside) else binary
    if looks_binary(head, content_type=content_type):
        return binary
    if mime != "text/plain" and not sniff_html(head):
        return f"{NOT_HTML}: {mime or 'no content type'}"
    return None


def too_large(coding: str | None, stored: int) -> str:
    """The reason a body past ``MAX_HTML_BYTES`` decoded is not extracted; ``coding``: its Content-Encoding
    list when its coding is what makes it so, ``stored``: its size as archived, in bytes."""
    limit = f"{MAX_HTML_BYTES >> 20} MiB"
    if coding:
        return (f"{TOO_LARGE}: its {coding} body of {stored:,} bytes inflates past {limit} (a decompression bomb, "
                "or a page far larger than any article); archived as sent, not extracted")
    return f"{TOO_LARGE}: over {limit}; archived as sent, not extracted"


def extract_record(job: Job) -> PageResult:
    """Read one response record, decode it, extract its article. Never raises."""
    started = time.monotonic()
    try:
        result = _extract_record(job)
    except Exception as exc:  # one bad page must not stop the run
        result = PageResult(job.capture_id, "error", f"{type(exc).__name__}: {exc}"[:500])
    result.seconds = time.monotonic() - started
    return result


def _extract_record(job: Job) -> PageResult:
    from archiver.decoding import CutShort, DecodingError, TooLarge, content_codings, decode_content, page_body
    from archiver.extraction import extract, paragraph_digests
    from archiver.extraction.decode import looks_binary
    from archiver.mime_header import content_type_of

    record, raw = read_record(job.warc_path, job.offset, limit=MAX_HTML_BYTES)
    headers = record.http_headers
    content_type = content_type_of(headers) or job.content_type
    mime = mime_type(content_type)
    if not may_hold_html(mime):
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {mime}")
    encoding = content_codings(headers)
    # the body as the server sent it all (not cut by a cap, a timeout or a hang-up, nor by this read's limit)
    whole = len(raw) <= MAX_HTML_BYTES and not record.rec_headers.get_header("WARC-Truncated")
    try:
        body = decode_content(raw, encoding, limit=MAX_HTML_BYTES + 1, whole=whole)
    except TooLarge:  # stopped inflating at the limit: never held whole
        if mime not in HTML_TYPES and (reason := not_page_head(raw, encoding, content_type)):
            return PageResult(job.capture_id, "skipped", reason)  # a 40 MiB .tar.gz: no page, not a big one
        return PageResult(job.capture_id, "error", too_large(encoding, len(raw)))
    except DecodingError as exc:
        if isinstance(exc, CutShort) or not sniff_html(raw):
            return PageResult(job.capture_id, "error", str(exc))
        body = raw  # declared a coding it does not have: the body is plain HTML
    try:  # a .html.gz served as the page, no (or one too few) Content-Encoding: the page inside
        body = page_body(body, content_type, MAX_HTML_BYTES + 1, whole=whole)
    except TooLarge:
        return PageResult(job.capture_id, "error", too_large("gzip", len(raw)))
    except DecodingError as exc:  # a .html.gz the server cut short or damaged: an error, as a declared gzip is
        return PageResult(job.capture_id, "error", str(exc))
    held = held_page(body, content_type, SNIFF_TYPES)  # a page saved as MHTML: the page it holds (mhtml.py)
    if held is not None:
        body, content_type = held
        mime = mime_type(content_type)
    elif mime in MHTML_TYPES:
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {mime} without an HTML part")
    if is_blank(body):
        return PageResult(job.capture_id, "skipped", EMPTY)
    binary = f"{NOT_HTML}: binary content" + (f" ({mime})" if mime else "")
    sniffed = sniff_html(body)
    # a text article: read as text, said so; XHTML (``<?xml`` first) served as text/plain is its source, as a
    # browser shows it (round 8): markup, skipped below, not read as a page as under an unknown type (mend51)
    plain = mime == "text/plain" and not (sniffed and not _lead(body).startswith(b"<?xml"))
    if mime not in HTML_TYPES:  # page or not decided before the size: a 40 MiB .tar.gz is no page (review50)
        if looks_binary(body, content_type=content_type):
            return PageResult(job.capture_id, "skipped", binary)
        if not sniffed and not plain:
            return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {mime or 'no content type'}")
    if len(body) > MAX_HTML_BYTES:
        return PageResult(job.capture_id, "error", too_large(None, len(body)))
    if looks_binary(body, content_type=content_type):
        return PageResult(job.capture_id, "skipped", binary)
    instead = not_html_inside(body) or (_markup(body) if plain else None)
    if plain and not instead and (machine := site_file(job.url)):
        instead = f"the site's {machine}, a file for machines, not an article"
    if instead:
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {instead}, served as {mime or 'no content type'}")
    if plain:
        from archiver.extraction.plaintext import extract_text

        extraction = extract_text(body, url=job.url, content_type=content_type)
    else:
        extraction = extract(body, url=job.url, content_type=content_type)
    if extraction.error:
        return PageResult(job.capture_id, "error", extraction.error, charset=extraction.encoding)
    # a text file has no page furniture to learn: its paragraphs neither teach nor meet site learning
    result = PageResult(job.capture_id, "ok", extraction=extraction,
                        digests=list(paragraph_digests(extraction)) if not plain else [], charset=extraction.encoding)
    if job.stage is not None:
        try:
            result.staged = stage_page(job.stage, extraction, extraction.encoding)
        except (OSError, ValueError):
            pass  # the driver writes the files itself
    return result

