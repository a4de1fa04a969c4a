"""The page's text blocks, taken once right after parsing, before any stage changes the tree.

"Text" is what a reader or a crude scraper can get from the ``<body>``:
element text (hidden elements, ``<noscript>`` and form controls included),
plus image ``alt`` (``<img>``, ``<area>``, ``<input type=image>``), the
``aria-label`` of any element and the ``title`` of frames and embeds
(``<iframe>``, ``<frame>``, ``<embed>``, ``<object>``). Not text: the
``<head>``, and the insides of ``<script>``, ``<style>``, ``<template>`` and
``<svg>`` (an icon's ``aria-label`` still counts).

A block is a run of text inside one block-level element (``dom.BLOCK_TAGS``)
between nested blocks; an attribute's text is a block of its own. Each piece
of text keeps the element it lives in, so later stages can tell which pieces
an element removed by the DOM stage took with it, and the element's parent as
parsed, so a block's region can be read even after the element was moved or
detached. One pass over the elements: about a third of a millisecond a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dom import BLOCK_TAGS

__all__ = ["Block", "Inventory", "take_inventory"]

SKIP_TAGS = frozenset(("script", "style", "template", "svg"))
ALT_TAGS = frozenset(("img", "area", "input"))
TITLE_TAGS = frozenset(("iframe", "frame", "embed", "object"))
# inline elements that separate words on the page: a space is put where they stand
_SPACED = frozenset(("br", "img", "input", "wbr", "hr", "area", "embed", "iframe", "object", "video", "audio"))
MAIN_TAGS = frozenset(("main", "h1"))  # their containers hold the article


@dataclass(slots=True)
class Block:
    """One block of page text: ``pieces`` are ``(element holding it, text)`` in document order.

    ``attribute`` names the attribute a block was read from (``alt``,
    ``aria-label``, ``title``), or is empty for element text.
    """

    pieces: list
    attribute: str = ""

    @property
    def text(self) -> str:
        return " ".join("".join(t for _, t in self.pieces).split())


@dataclass(slots=True)
class Inventory:
    """Every block of one page, its elements' parents as parsed, and the article's containers."""

    blocks: list[Block] = field(default_factory=list)
    parent_of: dict = field(default_factory=dict)
    article: set = field(default_factory=set)


def take_inventory(root) -> Inventory:
    """The text blocks of ``root``'s ``<body>`` (the whole document if it has none), in document order."""
    body = root.find("body")
    top = body if body is not None else root
    inv = Inventory()
    blocks, parent_of = inv.blocks, inv.parent_of
    state: list = [[], None]  # the block being read: its pieces, its block element
    mains = []
    # open elements, outermost first: (element, its block element, whether its text is skipped)
    stack: list[tuple] = []

    def add(owner, block, text: str) -> None:
        if block is not state[1]:
            if text.isspace():
                return
            if state[0]:
                blocks.append(Block(state[0]))
            state[0], state[1] = [], block
        state[0].append((owner, text))

    def close(parent) -> None:
        """Pop the elements ended before ``parent``'s next child; their tails are text of their parents."""
        while stack and stack[-1][0] is not parent:
            tail = stack.pop()[0].tail
            if tail and stack and not stack[-1][2]:
                add(stack[-1][0], stack[-1][1], tail)

    for el in top.iter():
        parent = el.getparent()
        if stack and stack[-1][0] is not parent:
            close(parent)
        parent_of[el] = parent
        tag = el.tag
        if stack:
            _, pblock, pskip = stack[-1]
        else:
            pblock, pskip = el, False
        if not isinstance(tag, str):  # an entity or processing instruction: only its tail is text
            stack.append((el, pblock, pskip))
            continue
        skip = pskip or tag in SKIP_TAGS
        block = el if tag in BLOCK_TAGS else pblock
        stack.append((el, block, skip))
        if tag in MAIN_TAGS:
            mains.append(el)
        if pskip:
            continue
        label = el.get("aria-label")
        attrs = [("aria-label", label)] if label and not label.isspace() else None
        if tag in ALT_TAGS or tag in TITLE_TAGS:
            name = "alt" if tag in ALT_TAGS else "title"
            value = el.get(name)
            if value and not value.isspace() and (tag != "input" or el.get("type") == "image"):
                attrs = (attrs or []) + [(name, value)]
        if attrs:
            if state[0]:
                blocks.append(Block(state[0]))
            state[0], state[1] = [], None
            for name, value in attrs:
                blocks.append(Block([(el, value)], name))
        if skip:
            continue
        if tag in _SPACED and state[0]:
            state[0].append((el, " "))
        text = el.text
        if text:
            add(el, block, text)
    close(None)
    if state[0]:
        blocks.append(Block(state[0]))
    article = inv.article
    for el in mains:  # the article's containers, up to the root
        node = el
        while node is not None and node not in article:
            article.add(node)
            node = parent_of.get(node)
    return inv
