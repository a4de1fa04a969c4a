"""What a comparison of two texts finds: the class names, one difference (:class:`Change`) and a pair's
result (:class:`Comparison`). :mod:`archiver.diff.compare` makes them and says what each class means;
the reports, ``archiver history`` and the watcher read them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archiver.diff.normalize import Document

__all__ = ["Change", "Comparison", "IDENTICAL", "LAYOUT", "MOVED", "BOILERPLATE", "EXTRACTION", "CONTENT", "MISSING",
           "UNPAIRED", "PAIR_CLASSES", "CHANGE"]

IDENTICAL, LAYOUT, MOVED, BOILERPLATE, EXTRACTION, CONTENT, MISSING = (
    "identical", "layout-only", "moved", "boilerplate", "extraction-changed", "content-changed", "missing")
UNPAIRED = "unpaired"  # a NEW file with no OLD counterpart: listed, not a failure
PAIR_CLASSES = (UNPAIRED, IDENTICAL, LAYOUT, MOVED, BOILERPLATE, EXTRACTION, CONTENT, MISSING)  # ascending severity
CHANGE = "content"  # the class of one content change (its pair is then content-changed)


@dataclass
class Change:
    """One difference. ``cls`` is layout-only, moved, boilerplate or content."""

    cls: str
    kind: str                 # layout: paragraph-break | punctuation; content: added | removed | replaced; moved
    old: str = ""             # words on the OLD side
    new: str = ""             # words on the NEW side
    before: str = ""          # context preceding the change
    after: str = ""           # context following it
    rule: str | None = None   # boilerplate: the rule that removes it (on-page, metadata, a rule name)
    stage: str | None = None  # boilerplate: dom | paragraph | site | extractor | capture | metadata | classify
    region: str | None = None  # boilerplate: where it stood on the page (navigation, figure alt ...)
    detail: str | None = None
    old_span: tuple[int, int] | None = None  # token range in OLD
    new_span: tuple[int, int] | None = None  # token range in NEW
    as_in: int | None = None  # history: the earlier version whose words it puts back (archiver/diff/earlier.py)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"class": self.cls, "kind": self.kind, "old": self.old, "new": self.new,
                             "before": self.before, "after": self.after}
        if self.cls == BOILERPLATE:
            d.update(rule=self.rule, stage=self.stage)
            if self.region:
                d["region"] = self.region
        if self.detail:
            d["detail"] = self.detail
        if self.as_in:
            d["as_in_version"] = self.as_in
        return d

    @property
    def why(self) -> str:
        """The boilerplate's name for people: ``rule`` plus its region when it has one."""
        return f"{self.rule} ({self.region})" if self.region else str(self.rule)


@dataclass
class Comparison:
    cls: str
    changes: list[Change] = field(default_factory=list)
    old: Document | None = None
    new: Document | None = None
    judged: str | None = None  # capture | rules (None for missing/unpaired)
    detail: str | None = None  # why the pair's class (extraction-changed: the shares)

    def count(self, cls: str) -> int:
        """Changes of one class: layout-only, moved, boilerplate or content."""
        return sum(1 for c in self.changes if c.cls == cls)
