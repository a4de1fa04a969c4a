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
"""

from __future__ import annotations

import re

from .dom import name_words

__all__ = ["SLUG_IDS", "MIN_HEADING_WORDS", "anchor_id", "gap_words"]

SLUG_IDS = True  # stage:gaps-slug-ids; False: a section's heading-anchor id is read for furniture words like any id
MIN_HEADING_WORDS = 2
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SLUG_RUN = re.compile(r"[\W_]+")
_AFFIXES = re.compile(r"^(?:sec-)?(?P<core>.+?)(?:-\d+)?$")
_WORD = re.compile(r"\w+")


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


def anchor_id(el) -> bool:
    """Whether ``el``'s ``id`` is the slug of its own first heading of ``MIN_HEADING_WORDS`` words or more."""
    ident = el.get("id")
    if not SLUG_IDS or not ident:
        return False
    heading = _first_heading(el)
    if heading is None:
        return False
    text = heading.text_content()
    title = _slug(text)
    if not title or len(_WORD.findall(text)) < MIN_HEADING_WORDS:
        return False
    slug = _slug(ident)
    if slug == title:
        return True
    found = _AFFIXES.match(slug)
    return found is not None and found.group("core") == title


def gap_words(el) -> set[str]:
    """``dom.name_words(el)`` (lower-case class and id words), the id's words left out when it is the
    anchor of ``el``'s own heading (:func:`anchor_id`); a word the class holds too stays."""
    words = name_words(el)
    if not words or not anchor_id(el):
        return words
    kept = {w.lower() for w in _WORD.findall(el.get("class") or "")}
    return {w for w in words if w in kept or w not in {x.lower() for x in _WORD.findall(el.get("id") or "")}}
