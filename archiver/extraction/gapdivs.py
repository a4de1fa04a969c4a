"""Stage 2c, part: the ``<div>`` blocks holding a bare sentence, for the gap stage (``gaps.BARE_DIVS``).

``gaps`` matches the page's ``<p>``, ``<h2>``-``<h6>`` and ``<li>`` against trafilatura's lines. A
section whose text sits straight in a ``<div>`` (an FAQ accordion's answer panels, a page builder's
text module) is none of those, so when trafilatura kept the section's subheading (every question)
and dropped its text (every answer), no stage saw what was missing. Found here, such a ``<div>``
joins the gap stage's sequence as a block trafilatura left out; ``gaps.restore_gaps`` takes it only
right under a kept subheading not named as furniture, and passes over it anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from .lines import BLOCKS, sentence_like

__all__ = ["with_bare_divs"]


def with_bare_divs(root, seq: list[tuple], flat: str, norm: Callable[[str], str], min_words: int) -> list[tuple]:
    """``seq`` (``(element, text, first line, last line)`` per block, in document order) with each
    ``<div>`` that holds a bare sentence and is not in ``flat`` (the kept lines, joined) merged in as a
    block trafilatura left out: no block element inside it (``lines.BLOCKS``), at least ``min_words``
    words, ending as a sentence does. An FAQ's answer written straight into its panel ``<div>`` under a kept question:
    trafilatura reads ``<div>`` text only when a page has little ``<p>`` text. Such a block only ever
    fills a gap (``restore_gaps`` takes it right under a kept subheading and passes over it elsewhere);
    a kept one is left out, so the kept blocks that bound gaps are as before. Returns ``seq`` itself
    when there is none. ``norm``: how ``gaps`` normalises a text."""
    found = []
    for div in root.iter("div"):
        if next((d for d in div.iterdescendants() if isinstance(d.tag, str) and d.tag in BLOCKS), None) is None \
                and (text := norm(div.text_content())) and sentence_like(text, min_words) \
                and text not in flat:
            found.append((div, text, None, None))
    if not found:
        return seq
    order = {el: k for k, el in enumerate(root.iter())}
    if any(entry[0] not in order for entry in seq):  # blocks of another tree: no place to put them
        return seq
    return sorted([*seq, *found], key=lambda entry: order[entry[0]])
