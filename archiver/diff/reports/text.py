"""Terminal report: one block per pair, changes indented, colour only on a terminal.

Page text is hostile input: control characters (terminal escape sequences) are
replaced before anything is printed.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from archiver.diff.compare import (
    BOILERPLATE,
    CONTENT,
    EXTRACTION,
    IDENTICAL,
    LAYOUT,
    MISSING,
    MOVED,
    PAIR_CLASSES,
    UNPAIRED,
)
from archiver.wording import count, space_before

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COLORS = {UNPAIRED: "2", IDENTICAL: "32", LAYOUT: "32", MOVED: "32", BOILERPLATE: "36", EXTRACTION: "1;35",
          CONTENT: "1;31", MISSING: "1;33"}
ADD, DEL, DIM, BOLD = "32", "31", "2", "1"


def safe(text: Any) -> str:
    return _CONTROL.sub("\ufffd", str(text))


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def clip(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def summary_line(results: list[Any]) -> str:
    counts = Counter(r.cls for r in results)
    parts = [f"{counts[c]} {c}" for c in PAIR_CLASSES if counts[c]]
    paired = sum(1 for r in results if r.cls not in (MISSING, UNPAIRED))
    return count(paired, "pair") + (": " + ", ".join(parts) if parts else "")


def _change_line(c: Any, color: bool) -> str:
    changed = c.old or c.new or ""
    before = f"\u2026{safe(c.before)}{space_before(changed)}" if c.before else ""
    after = f"{space_before(c.after)}{safe(c.after)}\u2026" if c.after else ""
    if c.cls == BOILERPLATE:
        region = f" ({safe(c.region)})" if c.region else ""
        return (f"boilerplate [{safe(c.rule)}{'/' + safe(c.stage) if c.stage else ''}]{region}: "
                + _paint(clip(safe(c.old)), DIM, color))
    if c.cls == MOVED:
        return f"moved: {clip(safe(c.old), 160)} (now before: {clip(safe(c.after), 60)})"
    if c.cls == LAYOUT and c.kind == "punctuation":  # a mark added, removed or changed: both sides, as a change
        marks = (f"[-{clip(safe(c.old), 80)}-]" if c.old else "") + (f"{{+{clip(safe(c.new), 80)}+}}" if c.new else "")
        return f"layout-only (punctuation): {marks}"
    if c.cls == LAYOUT:
        return f"layout-only ({safe(c.detail or c.kind)}): {clip(safe(c.old), 160)}"
    old = _paint(f"[-{clip(safe(c.old))}-]", DEL, color) if c.old else ""
    new = _paint(f"{{+{clip(safe(c.new))}+}}", ADD, color) if c.new else ""
    earlier = f" (as in v{c.as_in})" if getattr(c, "as_in", None) else ""  # a partial revert (diff/earlier.py)
    return f"content {c.kind}: {clip(before, 100)}{old}{new}{clip(after, 100)}{earlier}"


def render_text(results: list[Any], title: str = "archiver diff", color: bool = False,
                extra: dict[str, Any] | None = None) -> str:
    lines = [_paint(f"{title}: {summary_line(results)}", BOLD, color)]
    for r in results:
        label = _paint(f"{r.cls:<15}", COLORS.get(r.cls, "0"), color)
        new = safe(r.new.path) if r.new else "(none)"
        old = safe(r.old.path) if r.old else "(none)"
        if r.new_label != "new":  # history: the versions' labels say it; their files are listed above
            head = f"{label} {safe(r.old_label)} -> {safe(r.new_label)}"
        else:
            head = f"{label} {r.new_label} {new}  {r.old_label} {old}"
        facts = []
        if r.url:
            facts.append(safe(r.url))
        if r.paired_by:
            facts.append(f"paired by {r.paired_by}")
        if r.similarity is not None:
            facts.append(f"similarity {r.similarity:.3f}")
        if r.comparison.judged:
            facts.append(f"judged by {r.comparison.judged}")
        lines.append(head)
        if facts:
            lines.append("    " + ", ".join(facts))
        if r.comparison.detail:
            lines.append(f"    {safe(r.comparison.detail)}")
        if r.cls in (MISSING, UNPAIRED):
            lines.append(f"    no counterpart in {r.old_label if r.new else r.new_label}")
        for c in r.comparison.changes:
            lines.append("    " + _change_line(c, color))
    return "\n".join(lines) + "\n"
