"""Paragraphs written as ``<section>`` elements, for the markup repairs.

Some editors write each paragraph of a post as a ``<section>`` of inline text, no ``<p>`` anywhere:
a WeChat official account's article (``<section style="..."><span>One sentence.</span></section>``
for every paragraph, in ``#js_content``), pages pasted from it into other CMSs. trafilatura reads
sibling ``<section>``s holding only inline text as one paragraph and glues their sentences
together ("...in two days.In a televised address ..."), bare trafilatura too; the same text in
sibling ``<div>``s comes out a paragraph each. :func:`promote_section_lines` makes each such
``<section>`` a ``<p>`` when a parent holds ``MIN_BODY_PARAGRAPHS`` or more of them.
"""

from __future__ import annotations

from collections import Counter

from .lines import BLOCKS, MIN_LINE_WORDS, sentence_like, text_of
from .tagged import elements

__all__ = ["SECTION_LINES", "promote_section_lines"]

SECTION_LINES = True  # sibling <section>s each holding one inline sentence become <p>s (ablation)
MIN_BODY_PARAGRAPHS = 3  # such <section>s a parent holds before they count as its paragraphs


def promote_section_lines(root, found: dict | None = None) -> int:
    """Turn into a ``<p>`` each ``<section>`` holding inline markup only (no block inside) whose text
    is a sentence (``MIN_LINE_WORDS`` words, a sentence end), when its parent holds at least
    ``MIN_BODY_PARAGRAPHS`` of them; return how many. ``found``: :func:`~.tagged.by_tag`'s walk, or
    None (a walk of its own). Changes the tree in place."""
    if not SECTION_LINES:
        return 0
    lines = [sec for sec in elements(root, found, "section")
             if sec.getparent() is not None
             and not any(isinstance(d.tag, str) and d.tag in BLOCKS for d in sec.iterdescendants())
             and sentence_like(text_of(sec), MIN_LINE_WORDS)]
    if len(lines) < MIN_BODY_PARAGRAPHS:
        return 0
    held = Counter(sec.getparent() for sec in lines)
    promoted = 0
    for sec in lines:
        if held[sec.getparent()] >= MIN_BODY_PARAGRAPHS:
            sec.tag = "p"
            promoted += 1
    return promoted
