"""Author, date, site name, language, description and declared title of a page: :func:`read_metadata`.

Read from the page's own declarations (``<meta>`` tags, JSON-LD, ``<html
lang>``, ``<time datetime>``) in one pass over the head, before the DOM stage
removes bylines and dates from the body. trafilatura's full metadata pass
costs a third of its extraction time (author heuristics, categories, licence
scans) for fields the sidecar does not need, so it is not used; htmldate
(trafilatura's own date library) is the fallback for the date, in its fast
mode. Dates are ``YYYY-MM-DD`` strings; every field may be None. Which title the page
shows is :mod:`.metadata`'s question (moved from there; ``metadata.read_metadata`` is this).
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass

from lxml import etree

from .dom import iter_document

__all__ = ["PageMeta", "read_metadata"]

_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator")
_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
              "parsely-pub-date", "sailthru.date", "pubdate", "publish-date", "article.published", "dcterms.created")
_SITE_KEYS = ("og:site_name", "application-name", "twitter:site")
_DESC_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_TEXT_NODES = etree.XPath("text()")


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    description: str | None = None


def _clean(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        names = [_clean(v) for v in value]
        value = ", ".join(n for n in names if n)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _jsonld(root) -> dict:
    """The first NewsArticle/Article-like object in the page's JSON-LD, if any."""
    for blob in _jsonld_texts(root):
        try:
            data = json.loads(blob)
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            continue
        stack = deque([data])  # breadth first, as before; a list's pop(0) was quadratic in a wide @graph
        while stack:
            item = stack.popleft()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report", "WebPage"))
                       for k in kinds):
                    return item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
    return {}


def _jsonld_texts(root) -> list[str]:
    """Text nodes of the ``application/ld+json`` scripts (``//script[@type=...]/text()``)."""
    return [text for el in iter_document(root, "script") if el.get("type") == "application/ld+json"
            for text in _TEXT_NODES(el)]


def _first_time(root) -> str | None:
    """``datetime`` of the first ``<time datetime>`` in the document."""
    for el in iter_document(root, "time"):
        value = el.get("datetime")
        if value is not None:
            return value
    return None


def _day(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DAY.match(value.strip())
    return m.group(1) if m else None


def _language(root) -> str | None:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang")
    lang = (lang or "").strip().split(",")[0].strip()
    return lang or None


def read_metadata(root, url: str | None = None) -> PageMeta:
    """Metadata from the page's declarations; every field may be None."""
    meta: dict[str, str] = {}
    lang_header = None
    for el in iter_document(root, "meta"):
        if el.get("content") is None:
            continue
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in meta:
            meta[key] = content
        if (el.get("http-equiv") or "").lower() == "content-language":
            lang_header = content
    ld = _jsonld(root)

    def first(keys) -> str | None:
        for k in keys:
            v = _clean(meta.get(k))
            if v:
                return v
        return None

    title = first(_TITLE_KEYS) or _clean(ld.get("headline"))
    author = first(k for k in _AUTHOR_KEYS) or _clean(ld.get("author"))
    if author and author.startswith(("http://", "https://")):
        author = _clean(ld.get("author"))
    date = _day(first(_DATE_KEYS)) or _day(_clean(ld.get("datePublished")))
    if date is None:
        date = _day(_first_time(root))
    if date is None:
        date = _htmldate(root, url)
    site = first(_SITE_KEYS) or _clean(ld.get("publisher"))
    language = _language(root) or (lang_header.strip().split(",")[0] if lang_header else None)
    return PageMeta(title, author, date, site, language, first(_DESC_KEYS) or _clean(ld.get("description")))


def _htmldate(root, url: str | None) -> str | None:
    try:
        from htmldate import find_date

        return find_date(root, url=url, extensive_search=False, original_date=True)
    except Exception:  # a date is optional; never fail the page for it
        return None
