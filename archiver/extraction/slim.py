"""A page over the size limit made small enough to read: its inline data emptied.

A page saved whole (SingleFile, a browser's "Web page, complete" in one file, some CMS exports
and e-mail web views) inlines its images, fonts and icons as base64 ``data:`` URIs; a
1,500-word article can weigh 10-30 MB so, over :data:`archiver.extraction.MAX_HTML_CHARS`,
though a reader sees a few KB of text. The payloads hold no text: :func:`without_inline_data`
empties them (``data:image/png;base64,`` stays, so the element and its attribute stay), and
the page is measured again. Only pages over the limit are rewritten; any other page is read
as served. bare trafilatura reads pages up to its ``MAX_FILE_SIZE`` (20 MB, trafilatura 2.3.1
``settings.py``) whole, so such a copy gave bare trafilatura's text and archiver an error.
"""
from __future__ import annotations

import re

__all__ = ["SLIM_INLINE_DATA", "without_inline_data"]

SLIM_INLINE_DATA = True  # False: a page over the limit is refused as it is (for the tests' twin)

MIN_PAYLOAD = 256  # base64 characters: shorter data URIs (a 1x1 spacer) are not worth the rewrite
# a data: URI's media type and parameters, then its base64 payload (line breaks allowed, as in
# CSS and in wrapped attributes); it ends at a quote, a parenthesis, '<' or '>'
_DATA_URI = re.compile(r"(data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,)[A-Za-z0-9+/=\s%]"
                       + "{" + str(MIN_PAYLOAD) + ",}")


def without_inline_data(html: str) -> str:
    """``html`` with every base64 ``data:`` URI payload of :data:`MIN_PAYLOAD` characters or more
    emptied (``data:image/png;base64,iVBOR...`` -> ``data:image/png;base64,``); ``html`` itself
    when :data:`SLIM_INLINE_DATA` is off or it holds none. Pure, one regular-expression pass."""
    if not SLIM_INLINE_DATA or "base64," not in html:
        return html
    return _DATA_URI.sub(r"\1", html)
