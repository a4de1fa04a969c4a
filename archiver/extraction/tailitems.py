"""Stage 2d': the last posts of a thread, or the last entries of a blog's front page, that
trafilatura dropped after the ones it kept.

A forum thread (phpBB 3's ``div.content`` in each ``div.post``) or a blog's front page
(Blogger's ``div.post-body`` in each ``div.post``) holds each item's text in a named
``<div>`` with no ``<p>`` of its own. trafilatura reads the items one after the other and,
where the last ones are short, drops them: its link-density and length tests judge the last
block of a container more harshly, and its fallbacks (readability, justext) read the thread
without them. The gap stage (``gaps.py``) only fills what lies *between* kept blocks, and
its blocks are ``<p>``, headings and list items, so the last post stayed lost (old pages,
rounds 2 to 6; bare trafilatura loses it too).

Taken back, when every signal agrees:

- the last output lines (one of the last ``LOOK_BACK``) are the whole text of a ``<div>``
  with a class (the item), found by the text node the line starts with;
- at least ``MIN_KEPT`` divs of that class, and of that parent class, are in the output whole
  (each a line or its ``<br>`` pieces as consecutive lines): a repeated structure;
- the divs of that class after the last kept one (at most ``MAX_TAIL``) that are not in
  the output yet, read as sentences (``MIN_WORDS`` words, closing punctuation), are under half
  link text and named as no furniture (``gaps.FURNITURE``, ``gaps._AWAY`` tags) come back,
  in page order, right after the last kept item's lines.

Gate: it runs only when the output's last line is not the text of a ``<p>``, heading or list
item (``blocks``): on most pages the body ends in a ``<p>`` and the stage costs one set lookup.
"""

from __future__ import annotations

from .dom import name_words
from .gaps import _AWAY, FURNITURE, _link_share, norm

__all__ = ["restore_tail_items", "ENABLED", "MIN_KEPT", "MAX_TAIL", "LOOK_BACK", "MIN_WORDS"]

ENABLED = True
MIN_KEPT = 2
MAX_TAIL = 6
LOOK_BACK = 4
MIN_WORDS = 6
_ENDS = tuple(".!?)\"'”’…")
_START = 24  # characters of a line looked up as the start of a text node


def _pieces(el) -> list[str]:
    """The element's text cut at ``<br>`` (and at block children), each whitespace-collapsed."""
    out: list[str] = []
    cur: list[str] = []
    for chunk in _walk(el):
        if chunk is None:
            if (piece := norm("".join(cur))):
                out.append(piece)
            cur = []
        else:
            cur.append(chunk)
    if (piece := norm("".join(cur))):
        out.append(piece)
    return out


_BREAKS = frozenset(("br", "p", "div", "li", "ul", "ol", "table", "tr", "h2", "h3", "h4", "h5", "h6", "blockquote"))


def _walk(el):
    if el.text:
        yield el.text
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                yield child.tail
            continue
        brk = child.tag in _BREAKS
        if brk:
            yield None
        yield from _walk(child)
        if brk:
            yield None
        if child.tail:
            yield child.tail


def _clean(el) -> bool:
    node, depth = el, 0
    while node is not None and depth < 4:
        if node.tag in _AWAY or not FURNITURE.isdisjoint(name_words(node)):
            return False
        node, depth = node.getparent(), depth + 1
    return True


def _item_of(root, line: str):
    """The named ``<div>`` (the text node's owner or one of its two nearest ancestors) whose
    text starts with ``line``, or None."""
    start = line[:_START]
    if "'" in start and '"' in start:
        return None
    quote = '"' if "'" in start else "'"
    for node in root.xpath(f"//text()[starts-with(normalize-space(.), {quote}{start}{quote})]"):
        owner = node.getparent()
        if owner is None:
            continue
        if node.is_tail:
            owner = owner.getparent()
        for _ in range(3):
            if owner is None:
                break
            if owner.tag == "div" and owner.get("class"):
                return owner
            owner = owner.getparent()
    return None


def _signature(el) -> tuple:
    parent = el.getparent()
    return el.get("class"), None if parent is None else (parent.tag, parent.get("class"))


def restore_tail_items(root, lines: list[str], blocks: list[tuple]) -> list[str]:
    """``lines`` with the repeated items of ``root`` after the last kept one put back after it.

    ``root`` is the tree trafilatura read, ``lines`` its output in page order, ``blocks``
    ``gaps.block_texts(root)`` (empty when the output has under two lines: nothing is done).
    Returns a new list; ``lines`` is not changed.
    """
    if not ENABLED or len(lines) < MIN_KEPT or not blocks:
        return list(lines)
    if norm(lines[-1]) in {text for _, text in blocks}:
        return list(lines)  # the body ends in a <p>, heading or item: no div item to look for
    normed = [norm(line) for line in lines]
    for back in range(1, min(LOOK_BACK, len(lines)) + 1):
        line = normed[-back]
        if len(line.split()) < MIN_WORDS:
            continue
        item = _item_of(root, line)
        if item is not None:
            break
    else:
        return list(lines)
    sig = _signature(item)
    kept_end: int | None = None
    kept = 0
    tail: list[str] = []
    looked = 0
    for div in root.iter("div"):
        if div.get("class") != sig[0] or _signature(div) != sig:
            continue
        pieces = _pieces(div)
        if not pieces:
            continue
        at = _consecutive(normed, pieces)
        if at is not None:
            kept, kept_end, tail, looked = kept + 1, at + len(pieces), [], 0
            continue
        if kept_end is None:
            continue
        looked += 1
        if looked > MAX_TAIL:
            break
        text = " ".join(pieces)
        if (len(text.split()) >= MIN_WORDS and text.endswith(_ENDS) and _link_share(div, text) < 0.5
                and _clean(div) and not any(p in normed for p in pieces)):
            tail.extend(pieces)
    if kept < MIN_KEPT or not tail or kept_end is None:
        return list(lines)
    return [*lines[:kept_end], *tail, *lines[kept_end:]]


def _consecutive(normed: list[str], pieces: list[str]) -> int | None:
    """The index of the first of ``pieces`` when they are consecutive lines of ``normed``."""
    first = pieces[0]
    for i, line in enumerate(normed):
        if line == first and normed[i:i + len(pieces)] == pieces:
            return i
    return None
