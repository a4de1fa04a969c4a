"""A section's ``id`` that is its own heading's anchor names no furniture.

Document tools write each heading's section with the heading's slug as its ``id``: pandoc and Quarto
(``<section id="market-share" class="level2"><h2>Market share</h2>``), R Markdown (``<div
id="related-work" class="section level2">``), Sphinx and Jupyter Book (``<section id="social-impact">``,
the heading closed by a ``¶``/``#`` permalink). trafilatura deletes, with all it holds, every
``div``/``section`` whose ``id`` holds one of its furniture words as a substring (``share``,
``related``, ``tags``, ``social``, ``sidebar``, ``banner``, ...), so a section titled "Market share" or
"Related work" goes whole; the gap stage (``gaps.py``) would put its heading and paragraphs back, but
refused them for the same words (``gaps.FURNITURE``) read from that ``id``. Reported of an article
extractor in https://github.com/kepano/defuddle/issues/321 (a ``<section id="tags">`` holding a heading
and a paragraph of the article dropped from the output).

:func:`gap_words` is ``dom.name_words`` without the words of such an anchor ``id``: the ``id`` read as
a slug (lower case, runs of other characters as one ``-``) equals the slug of the element's first
heading, a heading of ``MIN_HEADING_WORDS`` words or more (a one-word "Related" or "Comments" section
stays named), optionally after pandoc's / Quarto's ``sec-`` prefix and before a duplicate's ``-2``.
The ``class`` words still count, and the gap stage's other tests (place between two kept lines,
sentence shape, link share) still decide.

mend48 (review47): a page's own share, related-stories or author box written as ``<div
id="share-this-article"><h3>Share this article</h3>`` has the same shape, so the slug alone is no
evidence: a document tool's mark must stand with it (:func:`tool_marks`): a ``levelN`` or ``section``
class token (pandoc, Quarto, R Markdown), a permalink in the heading (Sphinx's ``a.headerlink``, an
``a[href="#id"]``, Quarto's ``data-anchor-id`` or ``anchored`` heading), or a sibling ``section``/``div``
that is also its own heading's anchor. ``comment``/``comments`` are never cleared (a "Reader comments"
section put back would let the drop-rest rule ``comments-tail`` take every line after it). Slugs are
read as the tools write them: the section number's span (Quarto's ``header-section-number``, Sphinx's
``section-number``) left out, an apostrophe removed (pandoc: "The port's share" -> ``the-ports-share``)
or a separator (docutils: ``what-s-new``), leading digits and signs dropped (pandoc: "2024 market share"
-> ``market-share``); id words are split as ``dom.name_words`` splits them (``market_share``,
``shareBox``).
"""


from __future__ import annotations

import re

from .dom import name_words

__all__ = ["SLUG_IDS", "MIN_HEADING_WORDS", "NEVER_CLEARED", "anchor_id", "gap_words", "slug_match", "tool_marks"]

SLUG_IDS = True  # stage:gaps-slug-ids; False: a section's heading-anchor id is read for furniture words like any id
MIN_HEADING_WORDS = 2
NEVER_CLEARED = frozenset(("comment", "comments"))  # a comment thread's section stays named (comments-tail)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = frozenset(("section", "div"))
_SLUG_RUN = re.compile(r"[\W_]+")
_AFFIXES = re.compile(r"^(?:sec-)?(?P<core>.+?)(?:-\d+)?$")
_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # dom.name_words' split (camelCase, ``_``)
_APOSTROPHES = re.compile(r"['\u2019]")
_LEAD = re.compile(r"^[\W\d_]+")
_LEVEL = re.compile(r"^(?:level\d|section)$")
_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
_NUMBER_TEXT = ("//text()[not(ancestor::*[" + _CLASS.format("header-section-number") + " or "
                + _CLASS.format("section-number") + "])]")


def _slug(text: str) -> str:
    """``text`` lower-cased, each run of non-word characters (``_`` too) one ``-``, no ``-`` at the ends."""
    return _SLUG_RUN.sub("-", text.lower()).strip("-")


def _first_heading(el):
    """The element's first heading among its first three child elements (the section's title), or None."""
    for n, child in enumerate(el.iterchildren()):
        if n >= 3:
            return None
        if isinstance(child.tag, str) and child.tag in _HEADINGS:
            return child
    return None


def _titles(heading, min_words: int = MIN_HEADING_WORDS) -> set[str]:
    """The slugs a tool may write for ``heading``: its text without the section number's span, the
    apostrophes removed or read as separators, with and without leading digits and signs ("" left out)."""
    text = "".join(heading.xpath("." + _NUMBER_TEXT))
    if len(_WORD.findall(_LEAD.sub("", text))) < min_words:
        return set()
    forms = {text, _APOSTROPHES.sub("", text)}
    forms |= {_LEAD.sub("", f) for f in forms}
    return {s for s in map(_slug, forms) if s}


def slug_match(el, min_words: int = MIN_HEADING_WORDS) -> bool:
    """Whether ``el``'s ``id`` is the slug of its own first heading of ``min_words`` words or more
    (after pandoc's / Quarto's ``sec-`` prefix, before a duplicate's ``-2``)."""
    ident = el.get("id")
    if not ident:
        return False
    heading = _first_heading(el)
    if heading is None:
        return False
    titles = _titles(heading, min_words)
    if not titles:
        return False
    slug = _slug(ident)
    if slug in titles:
        return True
    found = _AFFIXES.match(slug)
    return found is not None and found.group("core") in titles


def tool_marks(el, furniture: frozenset[str] = frozenset()) -> bool:
    """Whether ``el`` bears a document tool's mark: a ``levelN``/``section`` class token, a permalink in
    its first heading (``a.headerlink``, ``a[href="#id"]``, ``data-anchor-id``, Quarto's ``anchored``
    class), or a sibling of its tag (``section``/``div``) that is its own heading's anchor too
    (:func:`slug_match`, a one-word heading counts: Sphinx's "Methods"), its id naming none of
    ``furniture`` (a page's ``<div id="comments"><h3>Comments</h3>`` beside a share box is no evidence;
    the DOM stage has already removed Sphinx's ``¶`` permalinks when the gap stage asks)."""
    if any(_LEVEL.match(token) for token in (el.get("class") or "").split()):
        return True
    heading = _first_heading(el)
    if heading is not None:
        if heading.get("data-anchor-id") is not None or "anchored" in (heading.get("class") or "").split():
            return True
        target = "#" + (el.get("id") or "")
        for a in heading.iter("a"):
            if "headerlink" in (a.get("class") or "").split() or a.get("href") == target:
                return True
    parent = el.getparent()
    if parent is None:
        return False
    return el.tag in _BLOCKS and any(
        sib is not el and sib.tag == el.tag and slug_match(sib, 1)
        and furniture.isdisjoint(w.lower() for w in _NAME_WORD.findall(sib.get("id") or ""))
        for sib in parent.iterchildren())


def anchor_id(el, furniture: frozenset[str] = frozenset()) -> bool:
    """Whether ``el``'s ``id`` is the anchor of its own first heading (:func:`slug_match`) on a page a
    document tool wrote (:func:`tool_marks`, ``furniture`` as there); False with ``SLUG_IDS`` off."""
    return SLUG_IDS and slug_match(el) and tool_marks(el, furniture)


def gap_words(el, furniture: frozenset[str] = frozenset()) -> set[str]:
    """``dom.name_words(el)`` (lower-case class and id words), the id's words left out when it is the
    anchor of ``el``'s own heading (:func:`anchor_id`); a word the class holds too, and ``NEVER_CLEARED``'s, stay."""
    words = name_words(el)
    if not words or not el.get("id") or not anchor_id(el, furniture):
        return words
    ident = {w.lower() for w in _NAME_WORD.findall(el.get("id") or "")}
    cleared = ident - {w.lower() for w in _NAME_WORD.findall(el.get("class") or "")} - NEVER_CLEARED
    return words - cleared
