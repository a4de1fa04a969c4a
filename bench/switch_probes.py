"""Probes for the stage switches whose stage's return value does not show whether it acted: each reads
the stage's arguments (an lxml element, the list of text blocks, a page's HTML ``str``) and says whether
the switch may have changed something there. Used by ``ACTED`` in ``bench/switch_trace.py``.
"""
from __future__ import annotations

import re


def classed_lines_left(root) -> bool:
    """A classed sentence ``<div>`` left beside ``<p>``s: where ``CLASSED_END_NOTES`` may have acted."""
    from archiver.extraction import repair
    return any((div.get("class") or div.get("id")) and repair._div_line(div)
               and div.getparent() is not None and div.getparent().find("p") is not None
               for div in root.iter("div"))


def unit_guard_held(parent) -> bool:
    """A ``<div>`` child of ``parent`` shaped as a heading without ``divheadings.UNIT_GUARD`` and not with it."""
    from archiver.extraction import divheadings
    if not divheadings.UNIT_GUARD:
        return False
    divs = [c for c in parent if c.tag == "div"]
    divheadings.UNIT_GUARD = False
    try:
        loose = [c for c in divs if divheadings._heading_shape(c)]
    finally:
        divheadings.UNIT_GUARD = True
    return any(not divheadings._heading_shape(c) for c in loose)


def nested_twins(blocks) -> bool:
    """A block inside a block of the same text: where ``pageorder.NESTED_TWINS`` may have acted."""
    from archiver.extraction import pageorder
    return any(pageorder._twin(blocks, k) for k in range(1, len(blocks)))


FURNITURE_TAG = re.compile(r"<(?:figure|figcaption|aside|script|style|noscript|template|button)\b", re.I)


def skip_named_after(headline, rule) -> bool:
    """Whether the page holds an element the standfirst search passes over by its name (a tagline:
    ``stage:standfirst-skip-named`` can matter there)."""
    if headline is None or rule is None or rule.skip is None:
        return False
    from archiver.extraction.standfirst import _names

    return any((names := _names(el)) and rule.skip.search(names)
               for el in headline.getroottree().iter() if isinstance(el.tag, str))


def thread_blocks(blocks) -> bool:
    """A text block in a container named as a comment thread (``tailrun.THREAD_WORDS``'s words): where
    ``stage:tail-run-threads`` may have kept a run out."""
    from archiver.extraction import tailrun
    from archiver.extraction.dom import name_words
    return any(tailrun._thread_named(name_words(node)) for el, _ in blocks for node in (el, *el.iterancestors()))

