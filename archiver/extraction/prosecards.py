"""Stage 2 guard: a run of item cards that each hold prose is the body, whatever their class words say.

A product round-up or a "best of" list writes each item as a card of its own, ``<div class="c-product-widget">``
with a name, a spec list and two to four paragraphs of review, one card after another in the article.
trafilatura deletes, with everything in them, elements whose class reads as furniture (``widget``, ``share``,
``related``: its ``OVERALL_DISCARD_XPATH``, and the comment and teaser tests), so every card went and the
article came out as its introduction and closing paragraph (a WCXB dev page: .54 word-F1 where trafilatura
alone reached .89 only because its justext rescue happened to take over).

:func:`unname_prose_cards` finds ``MIN_CARDS`` or more sibling elements of one ``class`` that one of
trafilatura's class-word tests matches and that each hold ``MIN_CARD_PARAGRAPHS`` sentence paragraphs side
by side (:func:`archiver.extraction.misnamed.body_paragraph`: 80 characters, a sentence end, few links), no
paragraph standing in two cards; they, and
the elements inside them on the way to their prose that a test matches too (``c-product-widget__content``),
lose their ``class``, ``id`` and ``role``, so trafilatura reads them as plain containers. A teaser grid (a title
and one excerpt a card), a sidebar's widgets (no prose) and a comment list (one paragraph a comment, or
comments of one class that trafilatura's comment test does not match) are not such a run. Cards inside
``<nav>``, ``<aside>`` or ``<footer>`` are left alone.
"""

from __future__ import annotations

from lxml import etree

from .misnamed import ATTRIBUTES, body_paragraph, class_word_tests
from .namedtests import any_test

__all__ = ["unname_prose_cards"]

UNNAME_CARDS = True  # False: item cards named like furniture go as trafilatura decides (ablation)
MIN_CARDS = 3
MIN_CARD_PARAGRAPHS = 2
_CARD_TAGS = frozenset(("div", "section", "article", "li"))
_OUTSIDE = etree.XPath("ancestor::nav | ancestor::aside | ancestor::footer")


def unname_prose_cards(tree) -> int:
    """Strip furniture class words from a run of sibling cards that each hold prose paragraphs.

    ``tree`` is changed in place; returns how many cards lost their names.
    """
    if not UNNAME_CARDS:
        return 0
    groups: dict[tuple, list] = {}
    for p in tree.iter("p"):  # a card holds paragraphs: walk those (few) and look up at most 6 levels
        node = p.getparent()
        for _ in range(6):
            if node is None:
                break
            name = node.get("class")
            if name and node.tag in _CARD_TAGS:
                members = groups.setdefault((node.getparent(), name), [])
                if not members or members[-1] is not node:
                    members.append(node)
            node = node.getparent()
    renamed = 0
    tests: tuple[etree.XPath, ...] | None = None
    for (parent, _name), cards in groups.items():
        if len(cards) < MIN_CARDS or parent is None:
            continue
        if tests is None:
            tests = class_word_tests()
        if not any_test(cards[0], tests) or _OUTSIDE(cards[0]):
            continue
        if not _prose_cards(cards):
            continue
        for card in cards:
            renamed += _unname_path(card, tests)
    return renamed


def _prose_cards(cards: list) -> bool:
    """Whether each card holds ``MIN_CARD_PARAGRAPHS`` sentence paragraphs side by side (siblings: a teaser
    grid's cards each hold one excerpt, in a part of its own) and no paragraph stands in two cards (an embed's
    consent notice, the same in every card, is no review)."""
    seen: set[str] = set()
    for card in cards:
        by_parent: dict = {}
        for p in card.iter("p"):
            if body_paragraph(p):
                text = " ".join(p.text_content().split())
                if text in seen:
                    return False
                seen.add(text)
                by_parent[p.getparent()] = by_parent.get(p.getparent(), 0) + 1
        if max(by_parent.values(), default=0) < MIN_CARD_PARAGRAPHS:
            return False
    return True


def _unname_path(card, tests: tuple[etree.XPath, ...]) -> int:
    """Unname ``card`` and, inside it, each element on the way to its prose that a test matches (a
    card's ``__content`` part carries the card's word too); returns how many lost their names."""
    on_path = [card]
    for p in card.iter("p"):
        if body_paragraph(p):
            for a in p.iterancestors():  # up to the card, not past it
                if a is card:
                    break
                if a.get("class") and any_test(a, tests):
                    on_path.append(a)
            if p.get("class") and any_test(p, tests):
                on_path.append(p)
    done = 0
    for el in dict.fromkeys(on_path):  # once each, in order
        for attr in ATTRIBUTES:
            el.attrib.pop(attr, None)
        done += 1
    return done
