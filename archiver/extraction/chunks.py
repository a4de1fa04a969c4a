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
(whose entries also repeat one class) are never merged.
"""
from __future__ import annotations

from collections import defaultdict

__all__ = ["merge_split_body"]

LONG_PARAGRAPH = 100  # characters
MIN_PARAGRAPHS = 2  # long paragraphs a container needs to count as a chunk
MAX_DISTANCE = 3  # levels up to the chunks' common ancestor


def _is_comment(el) -> bool:
    for node in (el, *el.iterancestors()):
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in marks:
            return True
    return False


def merge_split_body(root) -> int:
    """Merge sibling body chunks in place; return how many chunks were folded in."""
    counts: dict = defaultdict(int)
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None and len(p.text_content()) >= LONG_PARAGRAPH:
            counts[parent] += 1
    groups: dict = defaultdict(list)
    for el, n in counts.items():
        cls = " ".join((el.get("class") or "").split())
        if n >= MIN_PARAGRAPHS and cls:
            groups[(el.tag, cls)].append(el)
    groups = {k: v for k, v in groups.items() if len(v) > 1}
    if not groups:
        return 0
    order = {el: i for i, el in enumerate(root.iter())}
    merged = 0
    for chunks in groups.values():
        chunks.sort(key=order.__getitem__)
        first = chunks[0]
        if _is_comment(first):
            continue
        first_up = list(first.iterancestors())
        near_first = set(first_up[:MAX_DISTANCE])
        for other in chunks[1:]:
            other_up = list(other.iterancestors())
            if first in other_up or other in first_up:
                continue  # nested, not siblings
            if not near_first.intersection(other_up[:MAX_DISTANCE]):
                continue
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
