"""Titled sections of a page: the lines after a heading, and the blocks around them.

Shared by the stages that put back a section trafilatura left out whole, found by
its title (``faq.py``: questions and answers; ``keypoints.py``: a key-points box).
Pure reading of an lxml tree; nothing here changes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from .gaps import norm
from .guards import STRING as raw_text

__all__ = ["HEADINGS", "TITLES", "raw_text", "text_of", "inside", "title_element", "section_lines",
           "titled_sections",
           "blocks_before", "blocks_after", "link_share"]

HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
TITLES = ("h2", "h3", "h4", "h5", "h6")  # the headings read as a section's title
# elements that are one line of a section whatever they hold
_LINES = frozenset("h1 h2 h3 h4 h5 h6 p li dt dd summary blockquote td th".split())
_SKIP = frozenset("script style template noscript svg".split())
_BLOCKS = frozenset("p h2 h3 h4 h5 h6 li".split())  # the blocks whose text can be an output line


def text_of(el) -> str:
    """The element's text without scripts and styles, whitespace collapsed, NFC."""
    parts: list[str] = []
    _collect(el, parts)
    return norm("".join(parts))


def _collect(el, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def inside(el, other) -> bool:
    """True when ``other`` is an ancestor of ``el``."""
    return any(anc is other for anc in el.iterancestors())


def title_element(el):
    """The outermost of ``el`` and its nearest ancestors with the same text (a ``<header>``
    holding only the heading), up to two levels."""
    text = text_of(el)
    for _ in range(2):
        parent = el.getparent()
        if parent is None or text_of(parent) != text:
            break
        el = parent
    return el


def section_lines(top, title, max_lines: int) -> list[tuple[str, object]]:
    """``(text, element)`` of the one-line elements of ``top`` after ``title``, in page order, at
    most ``max_lines + 1`` of them.

    A line is a heading, paragraph, list item, ``<summary>``, ... or any other element with
    text of its own and no such element or ``<div>`` inside it; nothing inside a line counts
    again."""
    out: list[tuple[str, object]] = []
    after = False
    taken = None  # the last line element: its descendants are part of it
    for el in top.iter():
        if el is title:
            after = True
            taken = el
            continue
        if not after or not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if taken is not None and inside(el, taken):
            continue
        if any(anc.tag in _SKIP for anc in el.iterancestors() if anc is not top):
            continue
        if el.tag in _LINES or (el.text and el.text.strip() and not _holds_lines(el)):
            text = text_of(el)
            taken = el
            if text:
                out.append((text, el))
                if len(out) > max_lines:
                    break
    return out


def link_share(el, text: str) -> float:
    """Share of ``text`` (the element's text) that is link text."""
    links = sum(len(text_of(a)) for a in el.iter("a"))
    return links / len(text) if text else 1.0


def _holds_lines(el) -> bool:
    return any(isinstance(d.tag, str) and (d.tag in _LINES or d.tag == "div") for d in el.iterdescendants())


def blocks_before(root, head, n: int) -> tuple[str, ...]:
    """Texts of the last ``n`` blocks (``<p>``, ``<h2>``-``<h6>``, ``<li>``) before ``head`` in
    page order, nearest first."""
    blocks = []
    for el in root.iter():
        if el is head:
            break
        if el.tag in _BLOCKS:
            blocks.append(el)
    return tuple(reversed([text for el in blocks[-n:] if (text := text_of(el))]))


def blocks_after(root, last, n: int) -> tuple[str, ...]:
    """Texts of the first ``n`` blocks after ``last`` and everything inside it, in page order."""
    out: list[str] = []
    seen = False
    for el in root.iter():
        if el is last:
            seen = True
            continue
        if not seen or el.tag not in _BLOCKS or inside(el, last):
            continue
        text = text_of(el)
        if text:
            out.append(text)
            if len(out) >= n:
                break
    return tuple(out)


def titled_sections(root, max_title: int, raw_ok: Callable[[str], Any], text_ok: Callable[[str], Any],
                    read: Callable[[Any, Any], Any], max_up: int,
                    skip: Callable[[Any], bool] | None = None) -> Iterator[tuple[str, Any, Any, Any]]:
    """Sections of ``root`` introduced by a title heading (``TITLES``), in page order.

    A heading is read as a title when ``raw_ok`` passes libxml2's string of it (cheap, so most
    headings are never read closely) and ``text_ok`` its text (``text_of``, at most ``max_title``
    characters); ``skip(title element)`` may pass over it then. Its section is the nearest of the
    title element's first ``max_up`` ancestors for which ``read(ancestor, title element)`` gives
    something. Yields ``(title text, title element, section element, what read gave)``.
    """
    for el in root.iter(*TITLES):
        raw = raw_text(el)
        if len(raw) > 4 * max_title or not raw_ok(raw):
            continue  # most headings: no need to read them more carefully
        text = text_of(el)
        if not text or len(text) > max_title or not text_ok(text):
            continue
        head = title_element(el)
        if skip is not None and skip(head):
            continue
        top = head
        for _ in range(max_up):
            top = top.getparent()
            if top is None:
                break
            got = read(top, head)
            if got:
                yield text, head, top, got
                break
