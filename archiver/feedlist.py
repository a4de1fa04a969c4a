"""A list file that is an RSS or Atom feed: the links of its items are the URLs to fetch.

A site's feed (RSS 2.0, RSS 1.0/RDF, Atom 1.0) names its newest articles, one ``<item>`` or ``<entry>`` each,
so a saved feed is a list of articles, as a sitemap is (:mod:`archiver.lists` reads a sitemap's ``<loc>``
lines). The feed is read by feedparser (the project's feed reader, as for the ``changes.atom`` it checks): each
item's link is taken, RSS's ``<link>`` (a permalink ``<guid>`` when it has none; a guid that is no URL, or says
``isPermaLink="false"``, is none), Atom's ``<link href>`` whose ``rel`` is ``alternate`` (or absent), resolved
against ``xml:base``. The feed's own ``<link>`` (the site's front page, outside every item) is not. feedparser
also finds the feed's encoding (its XML declaration or byte-order mark: an ISO-8859-1 feed's ``é`` is read as
one) and reads a feed cut short or not well-formed with its loose parser (the items before the damage).

No entity of the feed's DOCTYPE is expanded: the DOCTYPE and its internal subset are taken out before
feedparser sees the bytes (feedparser itself keeps entity declarations it finds on a line of their own only,
and expat would then expand a "billion laughs" up to its amplification limit, seconds of work), so an external
entity is never read and a reference to an undeclared entity stays text. Only the XML ones and character
references are undone.

Each link's line number (counted from 1, as an editor counts them) is found by searching the feed's text for
the link as written from its item's start tag: whole, or with ``&`` written as an entity, or as the relative
reference an ``xml:base`` resolved; the item's start line when none is found.
"""
from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urljoin

# the first element, after an XML declaration, processing instructions (a stylesheet), comments, a doctype
_FEED_START = re.compile(r"\A\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
                         r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE | re.DOTALL)
# a DOCTYPE in the prolog, with its internal subset (entity declarations): bytes, before any element
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
# an item's start tag (``<item>``, ``<item rdf:about=...>``, ``<entry>``, ``<atom:entry>``)
_ITEM_START = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_LINE_END = re.compile(r"\r\n|\r|\n")
# how an ``&`` of a link may be written in XML
_AMP = "(?:&amp;|&#0*38;|&#[xX]0*26;|&)"
# links a feed item may carry that lead to no web page: a share button's script, a mail address, inline data, a
# phone number. Given in a feed used as the list, they are no mistake of the list's: said once, not bad lines.
NOT_PAGES = ("javascript:", "mailto:", "data:", "tel:", "sms:", "about:", "blob:")


def is_feed(head: str) -> bool:
    """Whether the text at the start of a list file (its first few KiB) opens an RSS or Atom feed."""
    return _FEED_START.match(head) is not None


def feed_urls(data: bytes) -> list[tuple[str, int]]:
    """``(url, line number)`` of each item link of the feed in ``data``: :func:`feed_entries` without the items'
    names."""
    return [(url, line) for url, line, _name in feed_entries(data)]


def feed_entries(data: bytes) -> list[tuple[str, int, str]]:
    """The link of each item of the feed in ``data`` (the list file's bytes, in the feed's own encoding), in feed
    order: ``(url, line number, name)``, the line where the link is written and the item as a reader would name
    it (``item 3 "Title"``: its place among the feed's items, counted from 1, and its title when it has one). Items
    without a link are passed over. A
    relative link no ``xml:base`` resolved (``/news/story``: invalid in RSS, written all the same) is resolved
    against the feed's own ``<link>``, the site's page, when that is an http(s) URL, as a feed reader resolves it
    against the feed's address, which a saved file no longer has; without one it is returned as it is, for the
    caller to report as a bad line.
    Raises nothing for a damaged feed: the links read before the damage are returned."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(_without_doctype(data)), sanitize_html=False,
                              resolve_relative_uris=False)
    text = _decoded(data, str(parsed.get("encoding") or "utf-8"))
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    home = str(parsed.feed.get("link") or "")  # the site's page the feed names: the base of a relative link
    out: list[tuple[str, int, str]] = []
    line, counted, at = 1, 0, 0
    for index, entry in enumerate(parsed.entries):
        url = _entry_link(entry)
        if url is None:
            continue
        if "://" not in url and not url.lower().startswith(NOT_PAGES) and \
                home.lower().startswith(("http://", "https://")):
            url = urljoin(home, url)
        begin = max(at, starts[index]) if index < len(starts) else at
        end = starts[index + 1] if index + 1 < len(starts) and starts[index + 1] > begin else len(text)
        at = _written_at(text, url, begin, end)
        line += len(_LINE_END.findall(text, counted, at))
        counted = at
        title = " ".join(str(entry.get("title") or "").split())
        name = f"item {index + 1}" + (f' "{title[:60]}{"…" if len(title) > 60 else ""}"' if title else "")
        out.append((url, line, name))
    return out


def _without_doctype(data: bytes) -> bytes:
    """``data`` with the DOCTYPE before its first element taken out (no entity declared, none expanded)."""
    first = _FIRST_ELEMENT.search(data)
    prolog_end = first.start() if first else len(data)
    found = _DOCTYPE.search(data, 0, prolog_end)
    if found is None:
        return data
    return data[:found.start()] + data[found.end():]


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, "replace")
    except LookupError:  # a name feedparser knows and Python does not
        return data.decode("utf-8", "replace")


def _entry_link(entry: Any) -> str | None:
    """An item's link as feedparser read it, or None: the ``rel="alternate"`` link (feedparser's ``link`` is the
    HTML one), a permalink guid only when it is a URL (an ``urn:`` or a number, with no ``isPermaLink="false"``,
    names the item, not a page)."""
    url = str(entry.get("link") or "").strip()
    if not url:
        for link in entry.get("links") or ():
            if link.get("rel", "alternate") == "alternate" and link.get("href"):
                url = str(link["href"]).strip()
                break
    if not url or (entry.get("guidislink") and "://" not in url):
        return None
    return url


def _written_at(text: str, url: str, begin: int, end: int) -> int:
    """The offset in ``text`` where ``url`` is written, searching from ``begin`` (its item's start tag) up to
    ``end`` (the next item's, so a feed of n items is read in time linear in its length, not n times over): the
    whole URL, then the reference an ``xml:base`` made it from (the path from the host on, then its last
    segment), each with its ``&`` in any XML spelling and between a quote, ``>`` or ``[`` (CDATA) and its end;
    ``begin`` when none is there."""
    tails = [url]
    rest = url.split("://", 1)[1] if "://" in url else url
    if "/" in rest:
        path = rest[rest.index("/"):]
        tails += [path, path.lstrip("/")]
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if last:
            tails.append(last + ("/" if path.endswith("/") else ""))
    shapes = (r"""(?<=href=["'])\s*({})\s*(?=["'])""",  # an attribute (Atom) before text (RSS, CDATA)
              r"""(?<=["'>\[\s])\s*({})\s*(?=["'<\]\s])""")
    for shape in shapes:
        for tail in dict.fromkeys(t for t in tails if t):
            spelled = _AMP.join(re.escape(part) for part in tail.split("&"))
            found = re.compile(shape.format(spelled), re.IGNORECASE if shape is shapes[0] else 0).search(
                text, begin, end)
            if found is not None:
                return found.start(1)
    return begin
