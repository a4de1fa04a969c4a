"""Diff clean text against stored copies and across captures.

``diff_sources`` pairs two lists of :class:`Source` (by URL, then by content) and
classifies every pair; ``diff_paths`` does the same from files and folders. Each
pair's stored-only words are explained from the capture the clean file came from
(:mod:`archiver.diff.capture`, :mod:`archiver.diff.evidence`) when it can be
found, else by rules. The reports in :mod:`archiver.diff.reports` render the
results as text, JSON or HTML. :func:`archiver.diff.compare.compare_texts` is
the pure function underneath, for programs.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.diff.capture import evidence_for
from archiver.diff.compare import (
    BOILERPLATE,
    CONTENT,
    EXTRACTION,
    IDENTICAL,
    LAYOUT,
    MISSING,
    MOVED,
    UNPAIRED,
    Classifier,
    Comparison,
    compare_documents,
    default_classifier,
)
from archiver.diff.normalize import document
from archiver.diff.pairing import DEFAULT_THRESHOLD, pair_by_content, pair_by_url, similarity
from archiver.diff.sources import Source, SourceError, load_new, load_old

__all__ = ["PairResult", "diff_paths", "diff_sources", "compare_pair", "exit_code", "SourceError",
           "IDENTICAL", "LAYOUT", "MOVED", "BOILERPLATE", "EXTRACTION", "CONTENT", "MISSING", "UNPAIRED"]


@dataclass
class PairResult:
    """One NEW/OLD pair (or a file with no counterpart) and how they differ."""

    new: Source | None
    old: Source | None
    comparison: Comparison
    similarity: float | None = None
    paired_by: str | None = None  # url | content | None (missing, unpaired)
    new_label: str = "new"
    old_label: str = "old"
    # history's steps: each side's version, capture id and capture time (``old_version``, ``new_capture``,
    # ``new_captured_at``, ...), in the JSON beside the paths: a text path alone names no version (A, B, A)
    sides: dict[str, Any] = field(default_factory=dict)

    @property
    def cls(self) -> str:
        return self.comparison.cls

    @property
    def url(self) -> str | None:
        for side in (self.new, self.old):
            if side and side.url:
                return side.url
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "new": str(self.new.path) if self.new else None,
            "old": str(self.old.path) if self.old else None,
            "url": self.url,
            "similarity": self.similarity,
            "paired_by": self.paired_by,
            **self.sides,
            "class": self.cls,
            "judged": self.comparison.judged,
            **({"detail": self.comparison.detail} if self.comparison.detail else {}),
            "changes": [c.to_dict() for c in self.comparison.changes],
        }


def compare_pair(new: Source, old: Source, new_text: str | None = None, old_text: str | None = None,
                 classify: Classifier | None = default_classifier, paired_by: str | None = None,
                 score: float | None = None, warcs: Sequence[Path] = (), guard: bool = False) -> PairResult:
    """Compare one pair; OLD-only words are explained from NEW's capture (found through ``warcs``).

    ``guard`` turns on the extraction-changed guard (history: both sides are clean text).
    """
    new_text = new.read() if new_text is None else new_text
    old_text = old.read() if old_text is None else old_text
    ev = evidence_for(new, old, new_text, warcs=warcs, classify=classify)
    comparison = compare_documents(document(old_text, shown=True), document(new_text, shown=True), ev, guard=guard)
    if comparison.cls == LAYOUT and old_text.strip() == new_text.strip():
        comparison.cls = IDENTICAL
    if score is None:
        score = round(similarity(new_text, old_text), 4)
    return PairResult(new, old, comparison, score, paired_by)


def _missing(new: Source | None, old: Source | None) -> PairResult:
    """OLD with no NEW is missing; NEW with no OLD is unpaired."""
    return PairResult(new, old, Comparison(MISSING if old is not None else UNPAIRED), None, None)


def diff_sources(new: list[Source], old: list[Source], threshold: float = DEFAULT_THRESHOLD,
                 classify: Classifier | None = default_classifier, warcs: Sequence[Path] = ()) -> list[PairResult]:
    """Pair by URL where both sides know it, the rest by content; compare every pair.

    ``warcs``: folders to look for the clean files' captures in (see :mod:`archiver.diff.capture`).
    """
    # newest capture first, so it is the one paired when a URL was captured several times
    ordered = sorted(range(len(new)), key=lambda i: new[i].captured_at or "", reverse=True)
    url_pairs, superseded = pair_by_url({i: new[i].urls for i in ordered},
                                        {j: url for j, source in enumerate(old) if (url := source.url)})
    paired_new = {i for i, _ in url_pairs} | set(superseded)
    paired_old = {j for _, j in url_pairs}
    results = [compare_pair(new[i], old[j], classify=classify, paired_by="url", warcs=warcs) for i, j in url_pairs]
    rest_new = [i for i in range(len(new)) if i not in paired_new]
    rest_old = [j for j in range(len(old)) if j not in paired_old]
    content = pair_by_content(((i, new[i].read()) for i in rest_new),
                              ((j, old[j].read()) for j in rest_old), threshold=threshold)
    for i, j, score in content.pairs:
        results.append(compare_pair(new[i], old[j], classify=classify, paired_by="content", score=score,
                                    warcs=warcs))
    results.sort(key=lambda r: (str(r.old.path), str(r.new.path)))  # type: ignore[union-attr]
    results.extend(_missing(new[i], None) for i in content.unpaired_new)
    results.extend(_missing(None, old[j]) for j in content.unpaired_old)
    return results


def diff_paths(new: str | Path, old: str | Path, manifest: str | Path | None = None,
               threshold: float = DEFAULT_THRESHOLD,
               classify: Classifier | None = default_classifier, warcs: Sequence[Path] = ()) -> list[PairResult]:
    """``archiver diff NEW OLD``: each side a file or a folder."""
    return diff_sources(load_new(Path(new)), load_old(Path(old), Path(manifest) if manifest else None),
                        threshold=threshold, classify=classify, warcs=warcs)


def exit_code(results: list[PairResult]) -> int:
    """0 when nothing changed in content and no stored copy is missing, else 1.

    ``extraction-changed`` is not a content change (the archive's extraction, not the article,
    changed) and gives 0; reports list it.
    """
    return 1 if any(r.cls in (CONTENT, MISSING) for r in results) else 0
