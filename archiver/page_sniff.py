"""What a response's headers and first bytes say it is: its MIME type, and whether its body opens as an HTML page.

Pure functions with no imports from the rest of archiver, so the decoding and extraction modules can both use them.
"""

from __future__ import annotations

import re

__all__ = ["GZIP_TYPES", "HTML_TYPES", "SNIFF_TYPES", "lead", "mime_type", "sniff_html"]

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


def lead(body: bytes) -> bytes:
    """The body's first KiB without a UTF-8 byte-order mark and leading whitespace."""
    return body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")


def sniff_html(body: bytes) -> bool:
    """True when ``body``'s first KiB opens as an HTML page (a doctype, ``<html>``, ``<head>``, ... or a comment)."""
    head = lead(body).lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))
