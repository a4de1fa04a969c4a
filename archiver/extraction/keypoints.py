"""Stage 2f: keep a key-points box (the article's summary) that trafilatura left out.

Guides, explainers and more and more news pages open with a box summing the
article up: "Key takeaways", "Key points", "TL;DR", "At a glance" ("keypoints"
in the rules data), a heading over a short list or a few sentences. It is
article text (the writer's own summary), but it is styled as a box beside or
above the body, often next to the byline: trafilatura's precision mode drops it
with the byline area, or it lies outside the body container trafilatura chose.
It is found before the DOM stage and put back after trafilatura when the text
holds none of its lines.

A box is taken only when every signal agrees:

- title: a heading (``<h2>``-``<h6>``) whose whole text is the label, give or take
  punctuation and symbols ("Key Takeaways:", "TL;DR 🔍");
- shape: the lines after it, within a container at most ``MAX_UP`` levels above
  it, up to the next heading: the consecutive list items when it opens with a
  list, else at most ``MAX_LINES`` lines; at least one of ``MIN_LINE_WORDS``
  words and ``MIN_WORDS`` in all, under half of it link text (a list of teaser
  cards is no summary; nor is "Highlights", which names featured stories as often);
- place: put back in front of the first of its lines' followers that the text
  kept (a box written inside the body), else after the kept line nearest before
  it, else in front of the kept line nearest after it; with none of these it
  stays out. A box of which trafilatura kept any line stays as trafilatura read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .gaps import line_positions, norm
from .sections import HEADINGS, blocks_after, blocks_before, link_share, section_lines, titled_sections

__all__ = ["KeyPoints", "find_keypoints", "restore_keypoints"]

MAX_UP = 3
MAX_TITLE = 60
MAX_LINES = 12
MIN_LINE_WORDS = 6
MIN_WORDS = 12
MAX_CHARS = 2500
ANCHORS = 20


@dataclass(frozen=True, slots=True)
class KeyPoints:
    title: str
    lines: tuple[str, ...]  # the box's lines after its title, list items as "- item"
    texts: tuple[str, ...]  # the same lines as the blocks' texts (no "- ")
    before: tuple[str, ...]  # texts of the blocks before the box, nearest first
    after: tuple[str, ...]  # texts of the blocks after it, nearest first


def _box(lines: list[tuple[str, Any]]) -> list[tuple[str, str]] | None:
    """``(text, tag)`` of the box's own lines among ``lines`` (see the module's text), or None
    when they do not have its shape or are mostly link text (a list of teasers)."""
    if not lines:
        return None
    run = []
    items = lines[0][1].tag == "li"
    for text, el in lines if items else lines[:MAX_LINES]:
        if (items and el.tag != "li") or (not items and el.tag in HEADINGS):
            break
        run.append((text, el))
    words = [len(text.split()) for text, _ in run]
    if not run or max(words) < MIN_LINE_WORDS or sum(words) < MIN_WORDS:
        return None
    chars = sum(len(text) for text, _ in run)
    if chars > MAX_CHARS or sum(link_share(el, text) * len(text) for text, el in run) >= 0.5 * chars:
        return None
    return [(text, el.tag) for text, el in run]


def find_keypoints(root, title: re.Pattern[str] | None) -> list[KeyPoints]:
    """The key-points boxes of the page (see the module's text), in page order; ``title`` is the
    rules' ``keypoints`` pattern, matched against a heading's whole text (None: none are looked for)."""
    if title is None:
        return []
    found: list[KeyPoints] = []
    for text, head, top, run in titled_sections(
            root, MAX_TITLE, lambda raw: title.fullmatch(norm(raw)), title.fullmatch,
            lambda top, head: _box(section_lines(top, head, MAX_LINES)), MAX_UP):
        found.append(KeyPoints(text, tuple(f"- {t}" if tag == "li" else t for t, tag in run),
                               tuple(t for t, _ in run), blocks_before(root, head, ANCHORS),
                               blocks_after(root, top, ANCHORS)))
    return found


def restore_keypoints(lines: list[str], boxes: list[KeyPoints]) -> tuple[list[str], list[str]]:
    """``lines`` with each box the text lacks put back in place, and the lines put back.
    Returns new lists; ``lines`` is not changed."""
    out = list(lines)
    added: list[str] = []
    for box in boxes:
        position = line_positions(out)
        if box.title in position or any(t in position for t in box.texts):
            continue  # trafilatura read the box
        new = [box.title, *box.lines]
        at = next((position[t] + 1 for t in box.before if t in position), None)
        if at is None:
            at = next((position[t] for t in box.after if t in position), None)
        if at is None:
            continue
        out[at:at] = new
        added += new
    return out, added
