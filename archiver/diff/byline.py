"""Byline changes: the extraction's ``author`` (the ``.json`` sidecar's) of two captures, compared as a reader would.

The clean text holds no byline, so a changed author line is its own kind of change
(``archiver run --watch`` tells it as a ``byline`` event, ``archiver history`` lists
it between the captures, the feed has an entry). What is not a change, as for the
text (whitespace, case and order do not make an edit):

- a value missing on either side: the extraction's miss, not the publisher's edit;
- the same names written otherwise: case, spacing, punctuation, a leading "By",
  another order or separator ("Anna Meier and Tom Berg", "Tom Berg; Anna Meier");
- two captures of the same page bytes (one payload digest): the page did not change;
- sidecars made by different extractions (``extractor_id``: archiver upgraded or its
  rules edited): the author line may be the extraction's change (as a text change is
  folded by :mod:`archiver.diff.refold`), and it is not told.

Only the author is compared: the extraction's date is htmldate's reading of the page,
and a page clock or a "today" line in the header would make it change every day.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from archiver.catalog import Capture

BYLINE_FIELDS = ("author",)
_SEPARATORS = re.compile(r"\s*(?:[;,&|/+\n]|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|von|par|por|door|di)\s+", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")


def names(value: Any) -> frozenset[str]:
    """The names an author value holds, case-folded, each a run of words: ``"By Anna Meier and TOM
    BERG"`` -> ``{"anna meier", "tom berg"}``. Empty for a missing value."""
    if not value:
        return frozenset()
    text = _BY.sub("", str(value))
    found = set()
    for part in _SEPARATORS.split(text):
        words = _NOT_WORD.sub(" ", _BY.sub("", part)).casefold().split()
        if words:
            found.add(" ".join(words))
    return frozenset(found)


def byline_change(old: dict[str, Any], new: dict[str, Any], same_page: bool = False) -> dict[str, list[str]] | None:
    """``{field: [old, new]}`` for the byline fields that changed between two sidecars (``old`` the earlier),
    or None. ``same_page``: the two captures hold the same page bytes (then nothing changed)."""
    if same_page:
        return None
    if old.get("extractor_id") and new.get("extractor_id") and old["extractor_id"] != new["extractor_id"]:
        return None
    changed = {key: [str(old[key]), str(new[key])] for key in BYLINE_FIELDS
               if names(old.get(key)) and names(new.get(key)) and names(old[key]) != names(new[key])}
    return changed or None


@dataclass
class BylineStep:
    """A byline change between two captures of a URL's history: ``changes`` ({field: [old, new]}),
    ``same_text`` (both captures show one version), ``had_before`` (the new names, as one set, were an
    earlier capture's byline: an A/B-tested or cached byline flipping back; "A and B" after "A", then
    "B" is not)."""

    capture: Capture
    before: Capture
    changes: dict[str, list[str]]
    same_text: bool
    had_before: bool

    def to_dict(self) -> dict[str, Any]:
        return step_dict(self)


def step_dict(step: Any) -> dict[str, Any]:
    """A history step (``capture``, ``before``, ``changes``, ``same_text``, ``had_before``) as JSON fields; the
    byline and caption steps of ``archiver history --json`` share it."""
    return {"capture_id": step.capture.id, "at": step.capture.fetched_at, "old_capture_id": step.before.id,
            "old_at": step.before.fetched_at, "changes": step.changes, "same_text": step.same_text,
            "had_before": step.had_before}


def byline_steps(entries: Sequence[Any]) -> list[BylineStep]:
    """The byline changes along a URL's captures (``archiver.diff.history.CaptureEntry`` items, oldest
    first: ``capture``, ``json_path``, ``version``), each against the capture with clean text before it."""
    from archiver.diff.sources import read_sidecar

    steps: list[BylineStep] = []
    previous: Any = None
    old: dict[str, Any] = {}
    authors: set[frozenset[str]] = set()
    for entry in entries:
        if entry.json_path is None or entry.version is None:
            continue
        new = read_sidecar(entry.json_path)
        if previous is not None:
            same_page = bool(entry.capture.payload_digest) and \
                entry.capture.payload_digest == previous.capture.payload_digest
            changed = byline_change(old, new, same_page)
            if changed:
                steps.append(BylineStep(entry.capture, previous.capture, changed, entry.version == previous.version,
                                        all(names(new[key]) in authors for key in changed)))
        authors |= {names(new.get(key)) for key in BYLINE_FIELDS if names(new.get(key))}
        previous, old = entry, new
    return steps
