"""Before trafilatura: the lead of a story is not a teaser because its box is named so.

trafilatura deletes, text and all, every block whose ``class`` or ``id`` holds ``teaser``
(``TEASER_DISCARD_XPATH``, in its default and precision modes): a related story's card. Some
templates write the story's first paragraphs in such a box and the rest in the next one
(``<div class="teaser-content">`` then ``<div class="remainder-content">``), so the lead was lost
(archiver and bare). Report: https://github.com/adbar/trafilatura/issues/164.

A ``<div>`` or ``<section>`` named as a teaser's text (``teaser-content``, ``teaser_text``, ``body-teaser``:
a plain ``teaser`` box is a card or a summary, and stays out) loses its ``class``, ``id`` and ``role``
when every signal says it is the lead: it holds ``MIN_PARAGRAPHS`` or more sentence paragraphs
(:func:`misnamed._body_paragraph`: 80 characters, a sentence end, a quarter link text at most)
and no heading, under a quarter of its text in links; its next element sibling is a ``<div>``
or ``<section>`` not named so that holds ``MIN_PARAGRAPHS`` or more sentence paragraphs too (the
story going on), and its previous element sibling is not named so (the last card of a grid);
none of them lies in an ``<aside>``, ``<nav>`` or ``<footer>``. A card grid, a card with a
linked title, a lone teaser box before an unrelated block: left alone. ``extract`` runs it only on
a page whose source holds ``easer`` (17% of the dev pages; the scan costs 0.1 ms a page, the walk 0.4).
"""

from __future__ import annotations

import re

from lxml import etree

from .guards import STRING as _STRING
from .misnamed import _body_paragraph

__all__ = ["TEASER_LEADS", "unname_teaser_leads"]

TEASER_LEADS = True  # False: a story's lead in a box named "teaser" goes as trafilatura decides (ablation)
MIN_PARAGRAPHS = 2
MAX_LINKS = 0.25
_NAMED = etree.XPath("/descendant::div[contains(@class, 'easer') or contains(@id, 'easer')]"
                    " | /descendant::section[contains(@class, 'easer') or contains(@id, 'easer')]")  # Teaser, teaser
_FURNITURE = etree.XPath("ancestor::aside | ancestor::nav | ancestor::footer")
# the teaser's text, not a teaser: "teaser-content", "teaserText", "body-teaser" (a plain "teaser" box is a card or a
# summary, and stays out: tests/test_extraction_bug_kinds4.py's box before an ad and the body)
_LEAD_NAME = re.compile(r"teaser[-_]*(?:content|text|body|copy)|(?:content|text|body|copy)[-_]*teaser", re.I)
_HEADINGS = etree.XPath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")


def _named(el) -> bool:
    return "teaser" in f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _paragraphs(el) -> int:
    return sum(1 for p in el.iter("p") if _body_paragraph(p))


def _links(el) -> int:
    return sum(len(_STRING(a).strip()) for a in el.iter("a"))


def _sibling(el, following: bool = True):
    sib = el.getnext() if following else el.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext() if following else sib.getprevious()
    return sib


def unname_teaser_leads(tree) -> int:
    """Strip the ``teaser`` names from a story's lead box (see the module's text). ``tree`` is the
    page's lxml tree, changed in place; returns how many boxes lost their names."""
    if not TEASER_LEADS:
        return 0
    renamed = 0
    for box in _NAMED(tree):
        if not _LEAD_NAME.search(f"{box.get('class') or ''} {box.get('id') or ''}") or _FURNITURE(box):
            continue
        after, before = _sibling(box), _sibling(box, following=False)
        if after is None or after.tag not in ("div", "section") or _named(after) \
                or (before is not None and _named(before)):
            continue  # the story goes on after it, and it is no card of a grid
        if _HEADINGS(box) or _paragraphs(box) < MIN_PARAGRAPHS or _paragraphs(after) < MIN_PARAGRAPHS:
            continue
        if _links(box) > MAX_LINKS * len(_STRING(box).strip()):
            continue
        for name in ("class", "id", "role"):
            box.attrib.pop(name, None)
        renamed += 1
    return renamed
