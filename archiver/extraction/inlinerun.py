"""Paragraphs of thousands of bare inline elements, unwrapped once the page is parsed.

A paragraph of 300,000 ``<i a=1 b=2 c=3 d=4>`` elements (a 7 MB page, under the 8,000,000
character limit) cost about 6 s of CPU to extract after round 33 made trafilatura's stripping
linear (hostile round 34): some twenty stages each walk every element once (the inventory, the
metadata reader and htmldate's copy and serialization of the tree, the notes and misnamed-block
finders, the rule selectors, the DOM stage's lead texts, trafilatura's copies of the tree and its
``convert_tags``), each linear, about 20 microseconds an element in all.

No stage reads such an element for anything but its text: it has no class, id, style, role,
``hidden``, ``aria-*``, ``data-*`` or other attribute a stage or rule reads by name, and the text
archiver writes is plain (no italics or bold). :func:`unwrap_inline_runs`, on a page holding more
than :data:`MANY_INLINE` of them, unwraps those that stand in a parent beside more than
:data:`CROWD` others (the text and children of each put in its place, one text node per run,
``textnodes``), so every later stage walks a paragraph of text. The page's text reads the same,
string for string. No dev page holds more than a few hundred (checked in round 34), so none
reaches the gate.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CROWD", "ENABLED", "MANY_INLINE", "unwrap_inline_runs"]

ENABLED = True  # False: the elements stay (round 33's 6 s for 300,000 of them)
MANY_INLINE = 5_000  # bare inline elements in the page before any is unwrapped
CROWD = 100  # ... and in one parent, beside one another
INLINE_TAGS = ("i", "b", "em", "strong", "u", "small", "big", "font", "span", "tt", "mark")
_NAMED = frozenset("""class id role style hidden lang dir title name href src alt color face size
    itemprop itemtype itemscope itemid property content datetime translate contenteditable""".split())
_PREFIXES = ("aria-", "data-", "on", "item", "x-", "v-", "ng-")


def bare(el: Any) -> bool:
    """Whether ``el`` has no attribute a stage or rule reads by name (class, id, style, ``aria-*``, ...)."""
    names = el.keys()  # lowered by libxml2's HTML parser
    return not names or (_NAMED.isdisjoint(names) and not any(n.startswith(_PREFIXES) for n in names))


def unwrap_inline_runs(root: Any) -> int:
    """Unwrap the bare inline elements of crowded parents in ``root``'s tree; return how many parents
    were rebuilt (0 on any page of :data:`MANY_INLINE` or fewer such elements: the tree untouched).

    A bare element inside such a parent whose own children are not bare keeps them, in place."""
    if not ENABLED or sum(1 for _ in root.iter(*INLINE_TAGS)) <= MANY_INLINE:  # the gate: one walk in C
        return 0
    found = [el for el in root.iter(*INLINE_TAGS) if bare(el)]
    if len(found) <= MANY_INLINE:
        return 0
    counts: dict[Any, int] = {}
    for el in found:
        parent = el.getparent()
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + 1
    ids = {id(el) for el in found}
    crowded = [p for p, n in counts.items() if n > CROWD and id(p) not in ids]
    for parent in crowded:
        _rebuild(parent, ids)
    return len(crowded)


def _rebuild(parent: Any, ids: set[int]) -> None:
    """``parent``'s content with the elements of ``ids`` among its children unwrapped (and theirs, and
    so on), each run of text written once (as ``textnodes._rebuild``)."""
    slots: list[list[str]] = [[parent.text or ""]]
    kept: list[Any] = []
    stack: list[Any] = [iter(list(parent))]
    tails: list[str] = []
    while stack:  # a loop, not recursion: nests of bare elements go as deep as the parser let them
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if tails:
                slots[-1].append(tails.pop())
            continue
        if id(child) in ids:
            slots[-1].append(child.text or "")
            tails.append(child.tail or "")
            stack.append(iter(list(child)))
        else:
            kept.append(child)
            slots.append([child.tail or ""])
    for child in list(parent):
        parent.remove(child)  # its tail goes with it
    parent.text = "".join(slots[0]) or None
    for child, pieces in zip(kept, slots[1:], strict=True):
        parent.append(child)
        child.tail = "".join(pieces) or None
