"""A Q/A exchange one level down: an item ``<div>`` among a body's ``<p>``s holding a question ``<div>`` and
its answer ``<div>``.

An interview or a Q/A box in a post is often written as one item ``<div>`` per exchange, the question
and the answer each a ``<div>`` of plain text (``div.qa > div.question + div.answer``). trafilatura's
precision mode reads no bare ``<div>`` text on a page with enough ``<p>`` text, and
``repair.promote_div_lines`` took only the body's own ``<div>`` children: the question and the answer
were lost, by bare trafilatura too (content nested in ``<div>``s missed by a partitioner,
https://github.com/Unstructured-IO/unstructured/issues/770). :func:`wrapped_lines` names the line
``<div>``s of such an item: two or more children, all line ``<div>``s, the first a question of three
words or more ending in "?", then sentence lines (``repair._div_line``) or questions, at least one a
sentence that is no question; none half link text or more; the item itself no role, no furniture
name, no ``data-widget``; neither it nor its lines named as a reader's widget (quiz, poll, vote, survey,
accordion: mend57, after review55's probes); the repair then makes them ``<p>``s. A single sentence
``<div>`` wrapped once (a tip box's ``div.blogTip > div.blogTipText``) is not taken: a first, broader
version took it and WCXB dev 4694's truth leaves such a tip out. Switch ``WRAPPED_LINES`` (``stage:wrapped-div-lines``).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .dom import name_words
from .lines import BLOCKS

__all__ = ["WRAPPED_LINES", "wrapped_lines"]

WRAPPED_LINES = True  # False: only the body's own <div> children are lines (ablation)
MIN_QUESTION_WORDS = 3
MAX_INLINE = 8  # inline elements in a question line, at most
# an item (or a line of it) named as a reader's widget asks the reader, not the interviewee (review55's qa.py)
_WIDGETS = frozenset("quiz poll polls vote voting survey accordion".split())


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _linked(div) -> bool:
    """Half of the line's text or more is link text."""
    linked = sum(len(_text(a)) for a in div.iter("a"))
    return bool(linked) and 2 * linked >= len(_text(div))


def _question(div, bare_line: Callable) -> bool:
    if len(div) > MAX_INLINE or any(kid.tag in BLOCKS for kid in div):  # (cheap tests first)
        return False
    text = _text(div)
    return (div.tag == "div" and text.endswith("?") and len(text.split()) >= MIN_QUESTION_WORDS
            and bare_line(div) and div.find(".//a") is None)


def wrapped_lines(parent, div_line: Callable, bare_line: Callable) -> list:
    """The line ``<div>``s inside ``parent``'s item ``<div>`` children (see the module), in order.
    ``div_line(div)``: a bare sentence ``<div>`` (``repair._div_line``); ``bare_line(div)``: a bare
    line by its names and children (``repair._bare_line``, asked of the item's empty shell for its
    names). An empty list when ``WRAPPED_LINES`` is off."""
    if not WRAPPED_LINES:
        return []
    found: list = []
    for item in parent:
        if item.tag != "div" or not len(item) or (item.text or "").strip():
            continue
        kids = list(item)
        if any(kid.tag != "div" or (kid.tail or "").strip() for kid in kids):
            continue
        if len(kids) < 2 or not _question(kids[0], bare_line):  # an exchange opens on its question
            continue
        sentences = [kid for kid in kids[1:] if div_line(kid)]
        if not any(not _text(kid).endswith("?") for kid in sentences):  # no answer, only questions
            continue
        if not all(kid in sentences or _question(kid, bare_line) for kid in kids[1:]) or any(map(_linked, kids)):
            continue
        if not bare_line(etree.Element("div", attrib=dict(item.attrib))) or item.get("data-widget") \
                or any(name_words(el) & _WIDGETS for el in (item, *kids)):
            continue
        found += kids
    return found
