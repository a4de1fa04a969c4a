"""Stage 2d: keep corrections and editor's notes that stand outside the body container.

A correction, clarification or editor's note is article text (the seeds' rules
keep closing lines), but sites put it after the body container, still inside
the ``<article>``, often in a box of its own: trafilatura, having chosen the
body container, never sees it, and a DOM rule may take its box. It is found
here before the DOM stage, by its leading label ("Correction:", "Editor's
note:", "Berichtigung:", ... in the rules data, ``"notes"``), and put back at
the end of the text (or in front, when it comes before the body) if the text
lacks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dom import block_text, lead_text
from .model import Removed

__all__ = ["Note", "find_notes", "restore_notes", "unrecord_notes"]

_TAGS = ("p", "div", "aside", "section", "footer", "em", "i", "small")
MAX_CHARS = 600
LONG_PARAGRAPH = 100


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    before_body: bool  # it comes before the body's first long paragraph


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
        lines = [el.sourceline or 0 for el in art.iter("p") if len(el.text_content()) >= LONG_PARAGRAPH]
        if not lines:
            continue
        first = min(lines)
        for el in found:
            text = block_text(el)
            if text and len(text) <= MAX_CHARS:
                notes.append(Note(" ".join(text.split()), (el.sourceline or 0) < first))
    return notes


def _flat(text: str) -> str:
    return " ".join(text.split())


def restore_notes(lines: list[str], notes: list[Note]) -> list[str]:
    """``lines`` with each note the text lacks put back, in front or at the end."""
    if not notes:
        return list(lines)
    have = _flat(" ".join(lines))
    front = [n.text for n in notes if n.before_body and n.text not in have]
    back = [n.text for n in notes if not n.before_body and n.text not in have]
    return [*front, *lines, *back]


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
