"""Body subheadings that trafilatura's precision mode takes out, told from page furniture.

Two kinds of subheading that bare trafilatura keeps are dropped in precision mode,
and ``gaps.restore_gaps`` (which puts back a subheading between two kept body
lines) refused both, since each looks like furniture by one signal:

- a heading alone in a ``<header>``: templates wrap each section title of a post
  as ``<header><h2>Choosing a method</h2></header>``; precision mode deletes every
  ``<header>`` (trafilatura 2.3.1, ``main_extractor.prune_unwanted_sections``), and
  ``<header>`` is one of the tags ``gaps`` keeps away from. A ``<header>`` whose
  whole text is the heading's holds no byline, date or menu: :func:`alone_in_header`.
- a heading whose text is a link: a permalink anchor (``<h3 id="x"><a href="#x">``,
  what static-site generators and documentation themes write) or, in a list
  article, the listed item's name linking to the item on its own site. Precision
  mode's link-density test on headings (``delete_by_link_density(subtree, "head")``)
  deletes it. A link to another page of the same site is a teaser for that page (a
  related post, the author's page, "READ: <title>"): not taken
  (:func:`linked_heading`).

Both are tests only; ``gaps`` still asks for the heading's place between two kept
lines and for no furniture name around it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["alone_in_header", "linked_heading", "same_site", "ITEM_TITLES", "SENTENCE_END"]

ITEM_TITLES = True  # a lone heading linking to another page of the site may be an item's title
SENTENCE_END = re.compile(r"[.!?…。！？؟۔।][\"'”’»)\]」』）》】]*$")  # a line that reads as a sentence (gaps.py too;
# the other scripts' marks as in lines.SENTENCE_END)
LATIN_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")  # (ablation: lines.WIDE_SCRIPTS off)


def _flat(text: str) -> str:
    return " ".join(text.split())


def alone_in_header(header, heading_text: str) -> bool:
    """True when ``header`` (a ``<header>`` element) holds no text but ``heading_text``
    (whitespace-collapsed, as ``gaps`` normalises block texts)."""
    return header.tag == "header" and _flat(header.text_content()) == heading_text


def _site(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(href: str, host: str | None) -> bool | None:
    """Whether ``href`` leads to another page of the site ``host`` (relative links do);
    None for a fragment of this page (``#...``) or a link that is no page
    (``javascript:``, ``mailto:``, an empty href)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if not parts.netloc:
        return True
    if not host:
        return True  # no page host to compare with: take it as the page's own site
    return _site(parts.hostname or "") == _site(host)


def _linked(el) -> bool:
    """Whether at least half of ``el``'s text is link text."""
    text = _flat(el.text_content())
    return bool(text) and 2 * sum(len(_flat(a.text_content())) for a in el.iter("a")) >= len(text)


def _series(heading) -> bool:
    """Whether ``heading`` is one of several headings of its tag among its siblings that are
    links: the items of a list article, not a lone teaser."""
    parent = heading.getparent()
    if parent is None:
        return False
    return sum(1 for el in parent.iterchildren(heading.tag) if _linked(el)) >= 2


def linked_heading(heading, host: str | None, alone: bool = False) -> bool:
    """True when every link in ``heading`` is a permalink anchor of this page (``#...``)
    or leads to another site; False when one leads to another page of ``host``'s site,
    or names no target at all. ``alone``: the heading is the only block left out between
    two kept body lines; then a link to another page of the site is an item's title
    (a list article linking each item to its own review page) unless the heading reads
    as a sentence (a call to action: "Join my course, sign up HERE!") or holds a colon
    (a label before a teaser's title, "READ: ...", or a ticker, "NYSE: CRM"), and when its
    siblings hold at least one more linked heading of its tag (a lone one is a teaser)."""
    links = list(heading.iter("a"))
    text = _flat(heading.text_content())
    item = alone and ITEM_TITLES and not SENTENCE_END.search(text) and ":" not in text and _series(heading)
    if not links:
        return False
    for a in links:
        href = a.get("href")
        if href is None:
            return False
        where = same_site(href, host)
        if (where is True and not item) or (where is None and not href.strip().startswith("#")):
            return False
    return True
