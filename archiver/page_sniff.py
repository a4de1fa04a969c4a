"""What a response's headers and first bytes say it is: its MIME type, and whether its body opens as an HTML page.

Pure functions with no imports from the rest of archiver, so the decoding and extraction modules can both use them.
"""

from __future__ import annotations

import re

__all__ = ["GZIP_TYPES", "HTML_TYPES", "SNIFF_TYPES", "after_prolog", "lead", "mime_type", "opens_as_page",
           "sniff_html"]

HTML_TYPES = {"text/html", "application/xhtml+xml"}
# types that say nothing of what the body is: none, a download's, text: the body is sniffed for a page
SNIFF_TYPES = {"", "application/octet-stream", "binary/octet-stream", "text/plain", "unknown/unknown"}
# a gzip file's types (RFC 6713; the x- and -compressed forms servers still send for a ``.gz``): the file
# inside is sniffed for a page (a ``.html.gz`` served as what it is on disk)
GZIP_TYPES = {"application/gzip", "application/x-gzip", "application/gzip-compressed",
              "application/x-gzip-compressed"}

_MIME = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+")  # type/subtype, HTTP tokens


def mime_type(content_type: str | None) -> str:
    """The lower-cased ``type/subtype`` of a Content-Type; "" when it has none, or one that is no MIME type
    (WHATWG "parse a MIME type" fails: ``text/html\rx-odd: yes`` from a header line cut by a bare CR, ``html``),
    so the body is sniffed as a browser sniffs a page whose type it cannot parse."""
    mime = (content_type or "").split(";", 1)[0].strip(" \t\r\n").lower()
    return mime if _MIME.fullmatch(mime) else ""


# A body opening with a UTF-16 byte-order mark (a page saved by Notepad as "Unicode", by Word or Excel as a web
# page) is sniffed in the characters it holds, read as UTF-16 (round 39): its bytes, a NUL beside each ASCII letter,
# opened as no page, so such a page served with no type or as ``application/octet-stream`` was "not HTML" where the
# same page in UTF-8, byte-order mark and all, was read (extraction itself reads a byte-order mark first, as browsers).
UTF16_LEAD = True
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def lead(body: bytes) -> bytes:
    """The body's first KiB without a UTF-8 byte-order mark and leading whitespace; a body opening with a UTF-16
    byte-order mark: its first 1,024 characters in UTF-8 (``UTF16_LEAD``)."""
    if UTF16_LEAD and body[:2] in _UTF16_BOMS and body[2:4] != b"\x00\x00":  # (FF FE 00 00 opens UTF-32)
        return body[:2048].decode("utf-16", "ignore").encode("utf-8").lstrip(b" \t\r\n")
    return body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")


_PROLOG = re.compile(rb"(?:\s+|<!--.*?-->|<\?.*?\?>)*", re.DOTALL)  # whitespace, comments, <?xml ...?> and PIs
_PAGE_ROOT = (b"<!doctype html", b"<html", b"<head", b"<body")


def after_prolog(body: bytes) -> bytes:
    """``body``'s first KiB, lower-cased, after a byte-order mark and what may stand before a document's first
    element: whitespace, comments and processing instructions (an ``<?xml ...?>`` declaration)."""
    head = lead(body).lower()
    return head[_PROLOG.match(head).end():]  # type: ignore[union-attr]  # (?:...)* always matches


def opens_as_page(body: bytes) -> bool:
    """True when ``body``'s first KiB opens as an HTML page by a strong sign: after leading comments, an
    ``<?xml ...?>`` declaration and whitespace, ``<!doctype html``, ``<html``, ``<head`` or ``<body``. What a file
    served as a gzip file or a download's type must show to be read as a page (review50): an RSS feed, a sitemap
    (``<urlset>``, ``<sitemapindex>``) or an SVG image opening with a comment is none."""
    return after_prolog(body).startswith(_PAGE_ROOT)


def sniff_html(body: bytes) -> bool:
    """True when ``body``'s first KiB opens as an HTML page (a doctype, ``<html>``, ``<head>``, ... or a comment),
    or as an XHTML page (``<?xml ...?>`` then ``<!DOCTYPE html`` or ``<html``: :func:`opens_as_page`)."""
    head = lead(body).lower()
    return (head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))
            or (head.startswith(b"<?xml") and opens_as_page(body)))
