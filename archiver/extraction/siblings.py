"""Stage 2d: put back the items of a repeated body structure that trafilatura kept only some of.

List articles ("10 projects for your home", "the best laptops under $1,000")
lay each item out the same way: a title, a description, sometimes a spec
line, every item in the same markup. trafilatura (precision mode above all)
judges each block alone, and keeps the description of one item and drops the
next one's, though both read alike and sit side by side. When it kept some
blocks of such a repeated structure, the blocks of the same structure it
dropped are article text as well. A block is taken back when:

- structure: its markup signature (its tag and class words and those of its
  two nearest ancestors, digits ignored) is shared with at least
  ``MIN_KEPT`` blocks whose text trafilatura kept;
- position: it lies in a gap between two blocks whose texts are consecutive
  lines of the output (inside the body, not after it), with at most
  ``MAX_GAP`` blocks in that gap;
- shape: at least ``MIN_WORDS`` words, under half of them link text, not
  already in the output; it or its parent has a class (a bare ``<p>`` of a
  body container is no item: promo lines such as "Read: <link>" are);
- names: neither it nor its three nearest ancestors is named or tagged as
  furniture (:data:`archiver.extraction.gaps.FURNITURE`).

A block cut by ``<br>`` (a linked item title above its description in one ``<p>``) is its
pieces, one output line each, as in ``gaps.py`` (``gaps.BR_LINES``).

The title of an item whose description is kept or taken back (a heading
just before it, inside the same item: a common ancestor at most ``MAX_UP``
levels up, with no list item between them) comes back with it, even when it is
a link (item titles usually link to the item). The paragraph rules run after this stage.
"""

from __future__ import annotations

import re
from collections import Counter

from .gapruns import kept_gaps, splice
from .gaps import (
    _link_share,
    block_lines,
    block_texts,
    br_pieces,
    clean_near,
    cut_blocks,
    norm,
)

__all__ = ["restore_siblings", "MIN_KEPT", "MAX_GAP"]

_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
MIN_KEPT = 2
MAX_GAP = 12
MAX_UP = 3
MIN_WORDS = 6
MAX_HEADING = 160
_DIGITS = re.compile(r"\d+")
_LISTS = frozenset(("li", "ul", "ol"))


def _signature(el) -> tuple:
    parts = []
    node = el
    for _ in range(3):
        if node is None:
            break
        parts.append((node.tag, _DIGITS.sub("", node.get("class") or "")))
        node = node.getparent()
    return tuple(parts)


def _structured(el) -> bool:
    """A block of an item's markup: it or its parent is named (a bare <p> of a body is no item)."""
    parent = el.getparent()
    return bool(el.get("class") or (parent is not None and parent.get("class")))


def _same_item(heading, block) -> bool:
    """``heading`` and ``block`` share an ancestor close to both, and no list stands between
    the heading and it (a heading inside a list item is a link list's entry: "More: <title>")."""
    ups = [heading, *heading.iterancestors()][: MAX_UP + 1]
    for anc in list(block.iterancestors())[:MAX_UP]:
        if anc in ups:
            return not any(node.tag in _LISTS for node in ups[: ups.index(anc)])
    return False


def _pieces_at(el, position: dict[str, list[int]], lines: list[str], cut: set) -> tuple[int, int] | None:
    """``(first, last)``: the lines a block cut by ``<br>`` stands for when its pieces are
    consecutive lines of the output (``gaps.block_span``); those lines are then taken from
    ``position``."""
    if el not in cut:  # gaps.cut_blocks: empty when gaps.BR_LINES is off
        return None
    pieces = br_pieces(el)
    starts = position.get(pieces[0]) if len(pieces) > 1 else None
    if not starts or starts[0] + len(pieces) > len(lines):
        return None
    first = starts[0]
    if any(norm(lines[first + i]) != piece for i, piece in enumerate(pieces[1:], 1)):
        return None
    for i, piece in enumerate(pieces):
        if first + i in position[piece]:
            position[piece].remove(first + i)
    return first, first + len(pieces) - 1


def restore_siblings(root, lines: list[str], blocks: list[tuple] | None = None) -> list[str]:
    """``lines`` with the dropped blocks of repeated structures ``root`` holds put back in place.

    ``root`` is the tree trafilatura read, ``lines`` its output in page order;
    ``blocks`` is ``gaps.block_texts(root)`` when the caller has it already.
    Returns a new list; ``lines`` is not changed.
    """
    if len(lines) < 2:
        return list(lines)
    position: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        position.setdefault(norm(line), []).append(i)
    flat = " ".join(position)
    seq: list[tuple] = []
    cut = cut_blocks(root)
    for el, text in block_texts(root) if blocks is None else blocks:
        if el.tag == "li" and el.find(".//p") is not None:
            continue  # an item holding paragraphs: the paragraphs are the blocks
        at = position.get(text)  # a line repeated on every item ("Get the plans"): its next occurrence
        if at:
            seq.append((el, text, at[0], at.pop(0)))
            continue
        span = _pieces_at(el, position, lines, cut)  # a block cut by <br>: one line a piece
        seq.append((el, text, *(span or (None, None))))
    kept = Counter(_signature(el) for el, _, at, _ in seq if at is not None)
    if not any(n >= MIN_KEPT for n in kept.values()):
        return list(lines)
    inserts: dict[int, list[str]] = {}
    for _prev, nxt, gap in kept_gaps(seq):
        if len(gap) > MAX_GAP:
            continue
        take = [False] * len(gap)
        for j, (el, text, *_) in enumerate(gap):
            take[j] = (_structured(el) and kept[_signature(el)] >= MIN_KEPT and el.tag not in _HEADINGS
                       and len(text.split()) >= MIN_WORDS and text not in flat and _link_share(el, text) < 0.5
                       and clean_near(el))
        # an item's title before its description (taken back, or the kept block after the gap)
        for j, (el, text, *_) in enumerate(gap):
            if el.tag in _HEADINGS and len(text) <= MAX_HEADING and text not in flat and clean_near(el):
                after = gap[j + 1][0] if j + 1 < len(gap) else seq[nxt][0]
                described = take[j + 1] if j + 1 < len(gap) else True
                if described and kept[_signature(after)] >= MIN_KEPT and _same_item(el, after):
                    take[j] = True
        taken = [line for (el, text, *_), t in zip(gap, take, strict=True) if t for line in block_lines(el, text)]
        if taken:
            inserts[seq[nxt][2]] = taken
    return splice(lines, inserts) if inserts else list(lines)
