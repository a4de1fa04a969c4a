"""Stage: markup a browser parses but never draws as the page's text — a ``<template>``'s content and a
``<canvas>``'s fallback — taken out before anything reads the page's blocks.

- ``<template>``: its content is a document fragment of its own, not the element's children, and a
  browser draws none of it (a script clones it into the page, or nothing does). libxml2 has no such
  parsing: the content stays in the tree as children, and trafilatura strips the tag and keeps its text
  (``MANUALLY_STRIPPED``), so a template's text came out as the article's: a tooltip's template inside a
  sentence glued into it ("on Friday Tooltip text for the dateand voted"), a card's template between
  paragraphs as a paragraph (a parser's ``textContent`` giving a template's text where browsers give
  none: https://github.com/taoqf/node-html-parser/issues/235). Each ``<template>`` goes with its content
  (its tail stays); a declarative shadow root (``shadowrootmode``, or the older ``shadowroot``) is drawn
  and stays, and so does a template holding paragraphs of prose (``STORY_PARAGRAPHS``), a story's rest that a
  "Continue reading" button clones in (renditions17's ``template-local10``: the reader sees it after a
  click). Switch ``INERT_TEMPLATES`` (ablation ``stage:inert-templates``). React's streamed
  placeholders (``<template id="B:1">``) are read before this (``streaming.resolve_streamed``).
- ``<canvas>``: its content is fallback, drawn only by a browser that cannot draw a canvas (none today);
  trafilatura deletes the element with it (``MANUALLY_CLEANED``), yet archiver's gap stages, reading the
  block the ``<canvas>`` stood in, put "Your browser does not support the canvas element." back between
  the body's paragraphs (MDN on the fallback, written for browsers without canvas:
  https://github.com/mdn/content/pull/21669). Each ``<canvas>``'s content goes (the element stays,
  empty; its tail stays). Switch ``CANVAS_FALLBACK`` (ablation ``stage:canvas-fallback``).
"""

from __future__ import annotations

__all__ = ["CANVAS_FALLBACK", "INERT_TEMPLATES", "drop_undrawn"]

INERT_TEMPLATES = True  # False: a <template>'s content stays, read as the page's text (ablation)
CANVAS_FALLBACK = True  # False: a <canvas>'s fallback text stays for the gap stages to put back (ablation)
_SHADOW_ROOT = ("shadowrootmode", "shadowroot")  # a declarative shadow root's template is drawn
STORY_PARAGRAPHS = 2  # a template holding this many paragraphs of prose is the story's rest, a click away
PROSE_WORDS = 15  # words a <p> needs to count as prose


def _drawn(template) -> bool:
    """``template`` is a declarative shadow root (its content is drawn in its host), or holds the story's
    later paragraphs for a "Continue reading" button to clone in (``STORY_PARAGRAPHS`` ``<p>``s of
    ``PROSE_WORDS`` words or more: what the reader sees after one click)."""
    if any(template.get(name) is not None for name in _SHADOW_ROOT):
        return True
    prose = 0
    for p in template.iter("p"):
        if len(p.text_content().split()) >= PROSE_WORDS:
            prose += 1
            if prose >= STORY_PARAGRAPHS:
                return True
    return False


def drop_undrawn(root) -> int:
    """Take out of ``root`` each ``<template>`` that is no shadow root, with its content
    (``INERT_TEMPLATES``), and each ``<canvas>``'s content (``CANVAS_FALLBACK``); tails stay. Returns how
    many elements were changed. Changes the tree in place."""
    done = 0
    if INERT_TEMPLATES:
        for el in [t for t in root.iter("template") if not _drawn(t)]:
            if el.getparent() is not None:
                el.drop_tree()
                done += 1
    if CANVAS_FALLBACK:
        for el in root.iter("canvas"):
            if len(el) or (el.text or "").strip():
                for child in list(el):
                    el.remove(child)  # with its tail: all of it fallback
                el.text = None
                done += 1
    return done
