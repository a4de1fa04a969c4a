"""Stage 2d: keep corrections and editor's notes that stand outside the body container.

A correction, clarification or editor's note is article text (the seeds' rules
keep closing lines), but sites put it after the body container, still inside
the ``<article>``, often in a box of its own: trafilatura, having chosen the
body container, never sees it, and a DOM rule may take its box. It is found
here before the DOM stage, by its leading label ("Correction:", "Editor's
note:", "Berichtigung:", ... in the rules data, ``"notes"``), and put back at
the end of the text (or in front, when it comes before the body) if the text
lacks it. A note in the middle of the body goes back after the paragraph before it on the
page, when the text has that paragraph: paragraph order is page order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .dom import block_text, lead_text
from .model import Removed

__all__ = ["Note", "find_notes", "restore_notes", "unrecord_notes"]

_TAGS = ("p", "div", "aside", "section", "footer", "em", "i", "small")
MAX_CHARS = 600
LONG_PARAGRAPH = 100
IN_PLACE = True  # False: a note goes in front or at the end only (ablation, tests)
_PRECEDING = etree.XPath("preceding::p[string-length(normalize-space()) >= 40][position() <= 3]")


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    before_body: bool  # it comes before the body's first long paragraph
    after: str = ""  # the text of the nearest sentence paragraph before it on the page, whitespace collapsed


def _outer_articles(root) -> list:
    return [a for a in root.iter("article") if next(a.iterancestors("article"), None) is None]


def find_notes(root, label: re.Pattern[str] | None) -> list[Note]:
    """Notes inside the page's ``<article>`` elements whose leading text matches ``label``."""
    if label is None:
        return []
    notes: list[Note] = []
    for art in _outer_articles(root):
        found: list = []
        for el in art.iter(*_TAGS):
            lead = lead_text(el)
            if lead and label.search(lead) and not any(f in el.iterancestors() for f in found):
                found.append(el)
        if not found:
            continue
        # document order, not source lines: a page written on one line has every element on line 1
        order = {el: i for i, el in enumerate(art.iter())}
        lines = [order[el] for el in art.iter("p") if len(el.text_content()) >= LONG_PARAGRAPH]
        if not lines:
            continue
        first = min(lines)
        for el in found:
            text = block_text(el)
            if text and len(text) <= MAX_CHARS:
                # nearest first (an XPath gives nodes in document order, whatever the axis)
                before = [_flat(p.text_content()) for p in reversed(_PRECEDING(el))] if IN_PLACE else []
                notes.append(Note(" ".join(text.split()), order[el] < first, "\n".join(before)))
    return notes


def _flat(text: str) -> str:
    return " ".join(text.split())


def restore_notes(lines: list[str], notes: list[Note]) -> list[str]:
    """``lines`` with each note the text lacks put back, in front or at the end."""
    if not notes:
        return list(lines)
    have = _flat(" ".join(lines))
    where = {_flat(line): i for i, line in enumerate(lines)}
    front: list[str] = []
    back: list[str] = []
    inside: dict[int, list[str]] = {}
    for note in notes:
        if note.text in have:
            continue
        at = next((where[p] for p in note.after.split("\n") if p in where), None) if note.after else None
        if at is not None and at + 1 < len(lines):
            inside.setdefault(at, []).append(note.text)  # after the paragraph before it on the page
        elif note.before_body and at is None:
            front.append(note.text)
        else:
            back.append(note.text)
    out = list(front)
    for i, line in enumerate(lines):
        out.append(line)
        out += inside.get(i, ())
    return out + back


def unrecord_notes(removed: list[Removed], kept: list[str]) -> list[Removed]:
    """The removed blocks without the lines that are article text again."""
    keep = set(kept)
    out = []
    for block in removed:
        rest = [line for line in block.text.split("\n") if _flat(line) not in keep]
        if len(rest) == len(block.text.split("\n")):
            out.append(block)
        elif rest:
            out.append(Removed(block.rule, block.stage, "\n".join(rest), block.region))
    return out
