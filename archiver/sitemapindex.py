"""A sitemap index given as a seed list: detected from the file's head, every URL in it a bad line, none fetched.

A sitemap index (sitemaps.org protocol, "Using Sitemap index files"; WordPress's ``sitemap_index.xml``,
``wp-sitemap.xml``) names sitemaps, each a list of pages: fetched as pages they were archived as XML files, no
article among them (host46). Pure functions on text; :func:`archiver.lists.parse_lines` calls them.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

__all__ = ["INDEX_LOC", "index_urls", "is_sitemap_index"]

# the file's first element, after a byte-order mark, whitespace, an XML declaration, comments and a doctype, is
# <sitemapindex> (any namespace prefix: <sm:sitemapindex>), followed by a space or line end (attributes on the next
# line), ">" or "/" (review50: "<sitemapindex" then a newline was missed, a line-by-line pattern wanted [\s>])
_HEAD = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*<(?:[\w.-]+:)?sitemapindex(?=[\s>/]|\Z)",
                   re.IGNORECASE | re.DOTALL)
# a sitemap's namespace and schema attributes (xmlns="http://www.sitemaps.org/...") name no sitemap
_NAMESPACES = re.compile(r"""\s(?:xmlns(?::[\w.-]+)?|[\w.-]+:schemaLocation)\s*=\s*(?:"[^"]*"|'[^']*')""")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\"']+", re.IGNORECASE)
INDEX_LOC = ("not a page: {url} is a sitemap (this list is a sitemap index, <sitemapindex>, whose <loc> name "
             "sitemaps, each a list of pages): save the sitemaps you want and give each as the list")


def is_sitemap_index(head: str) -> bool:
    """Whether ``head`` (a list file's first KiBs, decoded) opens as a sitemap index: its first element, after
    what may stand before it, is ``<sitemapindex`` (any namespace prefix)."""
    return _HEAD.match(head.lstrip("\ufeff")) is not None


def index_urls(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """``(line number, URL)`` for every URL in a sitemap index's lines (numbered from 1), wherever it stands: in a
    ``<loc>`` on one line, or alone on a line of a ``<loc>`` written over several (review50: that line was a seed,
    fetched). XML entities (``&amp;``) undone; the namespace attributes' URLs are none. Each is a bad line
    (:data:`INDEX_LOC`), never a seed."""
    for number, line in enumerate(lines, start=1):
        for url in _URL.findall(_NAMESPACES.sub("", line)):
            yield number, html.unescape(url)
