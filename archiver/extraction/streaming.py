"""Streamed server rendering: put late content where the page's own script puts it.

React's streaming server renderer (``react-dom/server``, used by Next.js's App
Router and Remix) sends a page before all of it is ready. A part still loading
is a placeholder, ``<template id="B:1">`` (a Suspense boundary, followed by its
fallback, e.g. "Loading...") or ``<template id="P:1">`` (a segment). Its content
comes later, at the end of the body, in ``<div hidden id="S:1">``, and an
inline script moves it into place: ``$RC("B:1","S:1")`` (completeBoundary:
the fallback goes, the content takes its place) or ``$RS("S:1","P:1")``
(completeSegment). A browser shows the article in place; a reader of the bytes
finds it hidden and out of order at the end. Source: React's Fizz instruction
set, ``packages/react-dom-bindings/src/server/fizz-instruction-set/
ReactDOMFizzInstructionSetShared.js`` (``completeBoundary``, ``completeSegment``).

This module does what those two instructions do, on the parsed tree, with no
script run: the pairs come from the ``$RC``/``$RS`` calls when the page has
them, and otherwise (pages saved without their scripts) from the shared
number, which is how React names them (``B:1``/``P:1`` with ``S:1``).
"""

from __future__ import annotations

import re

__all__ = ["hide_fallbacks", "resolve_streamed"]

_ID = r"[0-9a-zA-Z]+"
_PLACEHOLDER = re.compile(rf"^[BP]:{_ID}$")
_SEGMENT = re.compile(rf"^S:{_ID}$")
_COMPLETE_BOUNDARY = re.compile(rf'\$RC\(\s*"(B:{_ID})"\s*,\s*"(S:{_ID})"')
_COMPLETE_SEGMENT = re.compile(rf'\$RS\(\s*"(S:{_ID})"\s*,\s*"(P:{_ID})"')
# A boundary still pending when the page was sent: <!--$?--><template id="B:n"></template>fallback<!--/$-->
# (the fallback without a nested boundary; React writes these comments exactly so)
_PENDING = re.compile(rf'<!--\$\?--><template id="(B:{_ID})"></template>((?:(?!<!--[$/]).)*?)<!--/\$-->', re.S)
_MAX_ROUNDS = 8  # content moved in can hold placeholders of its own; React nests a few deep


def hide_fallbacks(html: str) -> str:
    """The page's HTML text with each pending boundary's fallback ("Loading...") marked hidden.

    completeBoundary removes the fallback; here it goes into ``<div hidden>``, so
    it stays on the page (and in its account) as hidden text. Only React's exact
    serialisation is touched (``<!--$?--><template id="B:n"></template>`` ...
    ``<!--/$-->``, no nested boundary inside). Comments are gone after parsing,
    so this runs on the text. Returns ``html`` itself when it holds no such boundary.
    """
    if '<!--$?--><template id="B:' not in html:
        return html
    return _PENDING.sub(r'<template id="\1"></template><div hidden data-streamed-fallback>\2</div>', html)


def resolve_streamed(root) -> int:
    """Move each streamed ``<div hidden id="S:n">``'s content in place of its placeholder template.

    ``root`` is the parsed page (lxml), changed in place. A segment whose
    placeholder is not on the page stays where it is (hidden). Returns how many
    segments were moved.
    """
    segments = {el.get("id"): el for el in root.iter("div")
                if el.get("hidden") is not None and _SEGMENT.match(el.get("id") or "")}
    if not segments:
        return 0
    pairs: dict[str, str] = {}  # placeholder id -> segment id
    for script in root.iter("script"):
        code = script.text or ""
        if "$R" in code:
            pairs.update(_COMPLETE_BOUNDARY.findall(code))
            pairs.update((p, s) for s, p in _COMPLETE_SEGMENT.findall(code))
    moved = 0
    for _ in range(_MAX_ROUNDS):
        placeholders = [t for t in root.iter("template") if _PLACEHOLDER.match(t.get("id") or "")]
        done = 0
        for template in placeholders:
            pid = template.get("id")
            segment = segments.get(pairs.get(pid, "S:" + pid[2:]))
            if segment is None or segment.getparent() is None or _holds(segment, template):
                continue
            _replace(template, segment)
            del segments[segment.get("id")]
            done += 1
        moved += done
        if not done or not segments:
            break
    return moved


def _holds(ancestor, el) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _replace(template, segment) -> None:
    """Put ``segment``'s text and children where ``template`` is; drop both (tails kept)."""
    parent = template.getparent()
    index = parent.index(template)
    children = list(segment)
    text = segment.text or ""
    if text:
        _append_text(parent, index, text)
    for offset, child in enumerate(children):
        parent.insert(index + 1 + offset, child)  # moves it out of the segment, with its tail
    if children and template.tail:  # the text after the template comes after the content
        children[-1].tail = (children[-1].tail or "") + template.tail
        template.tail = None
    template.drop_tree()  # keeps the template's tail text when nothing was moved in
    segment.drop_tree()  # empty now; its tail stays where it was


def _append_text(parent, index: int, text: str) -> None:
    """Add ``text`` just before ``parent[index]``: to the previous sibling's tail or the parent's text."""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
