"""Markup nested deeper than libxml2 builds, flattened in the page's bytes before a second parse.

libxml2 (2.14, with ``XML_PARSE_HUGE``, as lxml's ``huge_tree``) stops its HTML parser at an element
2,048 levels deep: ``FATAL:PARSER:ERR_RESOURCE_LIMIT: Excessive depth in document: 2048``, and every
byte after that point is dropped from the tree without an exception. A page of a few thousand
unclosed ``<div>``, ``<font>`` or ``<span>`` tags (a template that opens one per item and never
closes it, or a hostile page hiding its text) lost all its text past that tag: the extraction
came out empty, with no error. Browsers show that text: Chromium's tree builder attaches an
element opened past depth 512 beside the element at that depth instead of inside it
(``HTMLConstructionSite``, ``kMaximumHTMLParserDOMTreeDepth = 512``).

``flatten(data)`` does the like in the bytes: a start tag that would open an element deeper than
``LIMIT`` is dropped (a block element's is replaced by ``<br>``, so its text stays a line of its
own; one ``<br>`` for a run of them with nothing between), and so is the end tag that closes it.
The scan is a tag tokenizer, not a parser: comments
and the raw text of ``script``, ``style``, ``textarea``, ``title`` and the rest of ``rawtext.RAW_TEXT`` are
passed over; void elements and ``<x/>`` open nothing; a ``p``, ``li``, ``dt``, ``dd``, ``option``, ``tr``,
``td`` or ``th`` start tag closes an open one of its own name on top (as the standard's implied
end tags do). It runs only on a page whose first parse hit the limit (``dom.parse``), so no other
page's tree changes. Linear in the page's length: each search starts where the last one ended.

Bytes in, bytes out (pure); the same object when nothing is nested past ``LIMIT``.
"""
from __future__ import annotations

import re

from .rawtext import RAW_TEXT

__all__ = ["LIMIT", "flatten", "too_deep"]

LIMIT = 512  # Chromium's kMaximumHTMLParserDOMTreeDepth; libxml2 stops at 2,048
FLATTEN = True  # False: a page past libxml2's depth keeps only what came before that point (ablation)

_TAG = re.compile(rb"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:_-]*))")
_TAG_END = re.compile(rb"""(?:[^>"']|"[^"]{0,4096}"|'[^']{0,4096}')*?(/?)>""")  # quotes bounded: linear
_VOID = frozenset(b"area base br col embed hr img input keygen link meta param source track wbr".split())
_SELF_CLOSING = frozenset(b"p li dt dd option tr td th".split())
_BLOCKS = frozenset(b"""address article aside blockquote dd details div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header li main nav ol p pre section summary table tbody td tfoot th thead tr ul""".split())
_DEPTH_ERROR = "Excessive depth"


def too_deep(error_log) -> bool:
    """Whether a parser's ``error_log`` (lxml's, of the last parse) holds libxml2's depth limit error."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and _DEPTH_ERROR in e.message for e in error_log)


def flatten(data: bytes, limit: int = LIMIT) -> bytes:
    """``data`` (HTML in UTF-8) with start tags past ``limit`` levels, and their end tags, dropped.

    A dropped block start tag becomes ``<br>``. Returns ``data`` itself when no tag was dropped.
    """
    lowered = data.lower()
    stack: list[bytes] = []  # the names of the open elements, outermost first, up to ``limit``
    dropped: dict[bytes, int] = {}  # of each name, the elements opened past ``limit`` and not closed yet
    pieces: list[bytes] = []
    kept = 0  # data[kept:] not yet copied to pieces
    broken = -1  # where the last dropped block tag that left a <br> ended
    pos = 0
    while (m := _TAG.search(data, pos)) is not None:
        if m.group(1):  # a comment: passed over whole (an unclosed one runs to the end)
            end = data.find(b"-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        closing, name = m.group(2), m.group(3).lower()
        tail = _TAG_END.match(data, m.end())
        if tail is not None:
            end, empty = tail.end(), bool(tail.group(1))
        else:  # an unclosed quote (or one over 4 KiB): the tag ends at the next '>'
            end = data.find(b">", m.end()) + 1
            if end == 0:  # no '>' left: the rest is text to libxml2
                break
            empty = data[end - 2:end - 1] == b"/"
        pos = end
        if closing:
            if dropped.get(name):  # the innermost open element of that name is a dropped one
                dropped[name] -= 1
                pieces.append(data[kept:m.start()])
                kept = end
            elif name in stack:  # elements dropped inside the one it closes are closed with it
                del stack[len(stack) - 1 - stack[::-1].index(name):]
                dropped.clear()
            continue
        if name in RAW_TEXT:  # its text is not markup: on to its end tag
            close = lowered.find(b"</" + name, end)
            if close < 0:
                break
            pos = close
            continue
        if name in _VOID or empty:
            continue
        if name in _SELF_CLOSING and stack and stack[-1] == name:
            stack.pop()
        if len(stack) < limit:
            stack.append(name)
            continue
        dropped[name] = dropped.get(name, 0) + 1
        between = data[kept:m.start()]
        pieces.append(between)
        if name in _BLOCKS:
            if broken != kept or between.strip():  # one <br> for a run of dropped blocks with nothing between
                pieces.append(b"<br>")
            broken = end
        kept = end
    if not pieces:
        return data
    pieces.append(data[kept:])
    return b"".join(pieces)
