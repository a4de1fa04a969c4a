"""Stage 1b: put an article body split into sibling chunks back together.

Some publishing systems cut the body into several containers of the same
class with ads or embeds between them (``<div class="article__body">`` ×N).
trafilatura takes the first container that looks like a body and so loses
every later chunk. Before trafilatura runs, the paragraphs of the later
chunks are moved, in order, into the first one; what stood between the
chunks (ads, promos) stays where it was.

Chunks are recognised by shape, not by name: containers with the same tag
and class that each hold at least two long paragraphs, neither inside the
other, with a common ancestor at most three levels up. Comment threads
(whose entries also repeat one class) and hidden containers (a hidden list of
related posts, each with its whole body) are never merged.
"""
from __future__ import annotations

from collections import defaultdict

from .guards import STRING as _STRING

__all__ = ["merge_split_body"]

LONG_PARAGRAPH = 100  # characters
MIN_PARAGRAPHS = 2  # long paragraphs a container needs to count as a chunk
MAX_DISTANCE = 3  # levels up to the chunks' common ancestor
CARD_CHARS = 300  # no chunk longer than this: cards, not the parts of a body
BETWEEN_SHARE = 0.5  # more text than this beside the chunks in their container: it is content, no merge
CARRY_BETWEEN = True  # False: what stands between sibling chunks stays behind (ablation)


# Class tokens that hide an element (Webflow's ``hide``, Bootstrap's ``d-none``, ...).
_HIDING_CLASSES = frozenset(("hide", "hidden", "d-none", "is-hidden", "visually-hidden", "sr-only", "invisible"))


def _is_comment(el) -> bool:
    for node in (el, *el.iterancestors()):
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in marks:
            return True
    return False


def _is_hidden(el) -> bool:
    """True when ``el`` or an ancestor is hidden by its class, ``hidden`` or an inline
    ``display: none``: a hidden list of full related posts (a CMS's teaser cards with
    each post's body in them) repeats one class too, but is not a split body."""
    for node in (el, *el.iterancestors()):
        if node.get("hidden") is not None:
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style:
            return True
        if _HIDING_CLASSES.intersection((node.get("class") or "").lower().split()):
            return True
    return False


def _text_len(el) -> int:
    return len(" ".join(_STRING(el).split()))


def _cards(first, members: list) -> bool:
    """True when no chunk holds more than ``CARD_CHARS`` characters: each is a name or a title
    and a blurb (a grid of staff or product cards, a list of related articles), not a part of a
    body, which holds more than two short paragraphs somewhere."""
    return all(_text_len(el) < CARD_CHARS for el in (first, *members))


def _much_between(first, members: list) -> bool:
    """True when the chunks' common container holds more text besides them than
    ``BETWEEN_SHARE`` of theirs: what stands between them is content (a list of
    product cards between two parts of a guide), not ads, and stays where it is."""
    last = members[-1]
    ups = set(last.iterancestors())
    common = next((a for a in first.iterancestors() if a in ups), None)
    if common is None:
        return True
    chunks = _text_len(first) + sum(map(_text_len, members))
    if _text_len(common) - chunks > BETWEEN_SHARE * chunks:
        return True
    return _structure_between(common, first, members)


_STRUCTURE = frozenset(("h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"))


def _structure_between(common, first, members: list) -> bool:
    """True when a subheading, a table or a list stands, outside every chunk, in more than half
    of the gaps between consecutive chunks: the chunks are the paragraphs of a structured body
    (each section's heading, table or list in a container of its own: a guide whose every
    section ends in a list of examples), and moving them together
    would take every paragraph away from its heading. One heading between two of five
    chunks is a section title, not that pattern."""
    chunks = {first, *members}
    gaps: list[bool] = []  # per gap between two chunks: does it hold structure?
    inside = None  # the chunk being walked, if any
    for el in common.iter():
        if el in chunks:
            if len(gaps) == len(members):
                break  # the last chunk: every gap seen
            inside = el
            gaps.append(False)
            continue
        if inside is not None and inside in el.iterancestors():
            continue
        inside = None
        if gaps and el.tag in _STRUCTURE:
            gaps[-1] = True
    return sum(gaps) * 2 > len(members)


def _branch(el, common):
    """The child of ``common`` that holds ``el`` (``el`` itself when it is one)."""
    while el is not None and el.getparent() is not common:
        el = el.getparent()
    return el


def _carry_between(first, other) -> None:
    """Move what stands between ``first`` (already holding the chunks before ``other``) and
    ``other`` into ``first``, in page order, so that text between two chunks (a subheading, a
    line in a ``<div>``) still comes before the next chunk's paragraphs. "Between" is the
    siblings between the branches of their common ancestor that hold the two chunks."""
    ups = set(other.iterancestors())
    common = next((a for a in first.iterancestors() if a in ups), None)
    start, stop = _branch(first, common), _branch(other, common)
    if common is None or start is None or stop is None:
        return
    tail = start.tail
    if tail and tail.strip():
        if len(first):
            first[-1].tail = (first[-1].tail or "") + " " + tail
        else:
            first.text = (first.text or "") + " " + tail
        start.tail = None
    node = start.getnext()
    while node is not None and node is not stop:
        nxt = node.getnext()
        first.append(node)  # moves it, tail included
        node = nxt
    for node in _before_in_branch(other, stop):  # a title in the chunk's own wrapper, above it
        first.append(node)


def _before_in_branch(other, stop) -> list:
    """The elements before ``other`` inside ``stop`` (an ancestor of ``other``, or ``other``
    itself), in document order: siblings of ``other`` and of each of its ancestors below ``stop``."""
    chain = [other]
    while chain[-1] is not stop:
        chain.append(chain[-1].getparent())
    found: list = []
    for level in range(len(chain) - 1, 0, -1):
        holder, child = chain[level], chain[level - 1]
        for sibling in holder:
            if sibling is child:
                break
            found.append(sibling)
    return found


def merge_split_body(root) -> int:
    """Merge sibling body chunks in place; return how many chunks were folded in.

    Page order is kept: once two containers of a (tag, class) qualify as chunks,
    every container of that tag and class holding a paragraph (short ones
    included) near the first one is folded in, in document order, so a short
    section between two long ones is not left behind (issue 11, kind 3).
    """
    long_counts: dict = defaultdict(int)
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            long_counts[parent] += len(p.text_content()) >= LONG_PARAGRAPH
    groups: dict = defaultdict(list)
    for el in long_counts:
        cls = " ".join((el.get("class") or "").split())
        if cls:
            groups[(el.tag, cls)].append(el)
    groups = {k: v for k, v in groups.items()
              if sum(long_counts[el] >= MIN_PARAGRAPHS for el in v) > 1}
    if not groups:
        return 0
    order = {el: i for i, el in enumerate(root.iter())}
    merged = 0
    for chunks in groups.values():
        chunks.sort(key=order.__getitem__)
        while chunks and long_counts[chunks[0]] < MIN_PARAGRAPHS and not chunks[0].text_content().strip():
            chunks.pop(0)
        if len(chunks) < 2:
            continue
        first = chunks[0]
        if _is_comment(first) or _is_hidden(first):
            continue
        first_up = list(first.iterancestors())
        near_first = set(first_up[:MAX_DISTANCE])
        members = []
        for other in chunks[1:]:
            other_up = list(other.iterancestors())
            if first in other_up or other in first_up:
                continue  # nested, not siblings
            if not near_first.intersection(other_up[:MAX_DISTANCE]) or _is_hidden(other):
                continue
            members.append(other)
        if not members or _cards(first, members) or _much_between(first, members):
            continue
        for other in members:
            if CARRY_BETWEEN:
                _carry_between(first, other)
            if other.text and other.text.strip():
                if len(first):
                    first[-1].tail = (first[-1].tail or "") + " " + other.text
                else:
                    first.text = (first.text or "") + " " + other.text
                other.text = None
            for child in list(other):
                first.append(child)  # moves it, tail included
            merged += 1
    return merged
