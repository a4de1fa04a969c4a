"""A list file that is an RSS or Atom feed: the links of its items are the URLs to fetch.

A site's feed (RSS 2.0, RSS 1.0/RDF, Atom 1.0) names its newest articles, one ``<item>`` or ``<entry>`` each,
so a saved feed is a list of articles, as a sitemap is (:mod:`archiver.lists` reads a sitemap's ``<loc>``
lines). Each item's link is taken: RSS's ``<link>`` (a permalink ``<guid>`` when it has none), Atom's
``<link href>`` whose ``rel`` is absent or ``alternate`` (not ``self``, ``enclosure``, ``replies``...). The
feed's own ``<link>`` (the site's front page, outside every item) is not. Read with regular expressions, not an
XML parser: no entity is expanded but the five XML ones and character references (no external entity, no
"billion laughs"), and a feed cut short still gives the items before the cut.
"""
from __future__ import annotations

import html
import re

# the first element, after an XML declaration, processing instructions (a stylesheet), comments, a doctype
_FEED_START = re.compile(r"\A\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*"
                         r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE | re.DOTALL)
_ITEM = re.compile(r"<(item|entry)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
_RSS_LINK = re.compile(r"<link\s*>\s*(.*?)\s*</link\s*>", re.IGNORECASE | re.DOTALL)
_GUID = re.compile(r"<guid\b([^>]*)>\s*(.*?)\s*</guid\s*>", re.IGNORECASE | re.DOTALL)
_ATOM_LINK = re.compile(r"<link\b([^>]*?)/?>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CDATA = re.compile(r"\A<!\[CDATA\[(.*?)\]\]>\Z", re.DOTALL)
_LINE_END = re.compile(r"\r\n|\r|\n")


def is_feed(head: str) -> bool:
    """Whether the text at the start of a list file (its first few KiB) opens an RSS or Atom feed."""
    return _FEED_START.match(head) is not None


def feed_urls(text: str) -> list[tuple[str, int]]:
    """The link of each item of the feed ``text``, in feed order: ``(url, line number)``, the line (counted from
    1, as an editor counts them) where the link is written. Items without a link are passed over."""
    out: list[tuple[str, int]] = []
    line, counted = 1, 0
    for item in _ITEM.finditer(text):
        found = _item_link(item.group(1).lower(), item.group(2))
        if found is None:
            continue
        url, at = found[0], item.start(2) + found[1]
        line += len(_LINE_END.findall(text, counted, at))
        counted = at
        out.append((url, line))
    return out


def _item_link(kind: str, body: str) -> tuple[str, int] | None:
    """An item's link and its offset in ``body``, or None."""
    if kind == "entry":
        for link in _ATOM_LINK.finditer(body):
            attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                     for m in _ATTR.finditer(link.group(1))}
            if attrs.get("href") and attrs.get("rel", "alternate").strip().lower() == "alternate":
                return html.unescape(attrs["href"]).strip(), link.start()
        return None
    rss = _RSS_LINK.search(body)
    if rss is not None and (url := _text(rss.group(1))):
        return url, rss.start(1)
    for guid in _GUID.finditer(body):  # a guid is the item's link unless it says isPermaLink="false"
        if "false" not in guid.group(1).lower() and "://" in (url := _text(guid.group(2))):
            return url, guid.start(2)
    return None


def _text(value: str) -> str:
    cdata = _CDATA.match(value.strip())
    return cdata.group(1).strip() if cdata else html.unescape(value).strip()
