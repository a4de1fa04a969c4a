"""Photo captions edited between two captures: the sidecars' ``captions``, compared as a reader would.

The clean text leaves captions out (:mod:`archiver.extraction.captions`), so an edited caption changes no
version; the watch tells it labelled as a caption, apart from the body's words: a ``caption`` event when
the text is the same (as a byline change is told, :mod:`archiver.diff.byline`), the caption lines in an
edit's message when the text changed too. What is no change, as for the byline:

- a sidecar without ``captions`` on either side (written before nu59): nothing is known;
- two captures of the same page bytes (one payload digest);
- sidecars made by different extractions (``extractor_id``);
- the same words written otherwise (:func:`archiver.diff.headline.same_words`: case, quotes, dashes, spacing).

Pairs are found in page order (``difflib.SequenceMatcher`` over the captions' word keys): a replaced caption is
``[old, new]``, a removed one ``[old, ""]``, an added one ``["", new]``; a caption that only moved (figures
reordered) is no change. Pure.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from archiver.diff.byline import step_dict
from archiver.diff.headline import same_words, word_key

__all__ = ["CaptionStep", "caption_change", "caption_steps", "read_sidecar"]


def read_sidecar(path: Path | str | None) -> dict[str, Any]:
    """A sidecar's fields, ``{}`` for none, an unreadable file or one that is not a JSON object."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _captions(sidecar: dict[str, Any]) -> list[str] | None:
    value = sidecar.get("captions")
    if not isinstance(value, list):
        return None
    return [" ".join(str(c).split()) for c in value if str(c).strip()]


def _key(caption: str) -> str:
    return caption.casefold()


def caption_change(old: dict[str, Any], new: dict[str, Any], same_page: bool = False) -> list[list[str]] | None:
    """``[[old caption, new caption], ...]`` (``""`` for a caption added or removed) between two sidecars
    (``old`` the earlier), or None (no change, or nothing known: see the module docstring)."""
    if same_page:
        return None
    if old.get("extractor_id") and new.get("extractor_id") and old["extractor_id"] != new["extractor_id"]:
        return None
    before, after = _captions(old), _captions(new)
    if before is None or after is None:
        return None
    changed: list[list[str]] = []
    matcher = SequenceMatcher(None, [_key(c) for c in before], [_key(c) for c in after], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = before[i1:i2], after[j1:j2]
        for k in range(max(len(olds), len(news))):
            a = olds[k] if k < len(olds) else ""
            b = news[k] if k < len(news) else ""
            if not (a and b and same_words(a, b)):
                changed.append([a, b])
    return _unmoved(changed) or None


def _unmoved(changed: list[list[str]]) -> list[list[str]]:
    """``changed`` without the captions that only moved: one taken out at one place and put in at another
    (figures reordered, a gallery rotated) is no edit. A caption on both sides of the pairs (as words,
    :func:`archiver.diff.headline.same_words`) is blanked on both; a pair left with two blanks is dropped."""
    gone = [pair[0] for pair in changed if pair[0]]
    came = [pair[1] for pair in changed if pair[1]]
    moved: list[str] = []
    for caption in gone:
        twin = next((c for c in came if same_words(c, caption)), None)
        if twin is not None:
            came.remove(twin)
            moved.append(caption)
    if not moved:
        return changed
    old_moved, new_moved = list(moved), list(moved)
    out: list[list[str]] = []
    for a, b in changed:
        if a and (hit := next((m for m in old_moved if same_words(m, a)), None)) is not None:
            old_moved.remove(hit)
            a = ""
        if b and (hit := next((m for m in new_moved if same_words(m, b)), None)) is not None:
            new_moved.remove(hit)
            b = ""
        if a or b:
            out.append([a, b])
    return out


@dataclass
class CaptionStep:
    """A caption change between two captures of a URL's history (``archiver history``): ``changes`` ([[old,
    new], ...] as :func:`caption_change`), ``same_text`` (both captures show one version), ``had_before`` (every
    change brings back a caption an earlier capture had, or takes out or puts back one that came and went before:
    a caption flipping back, which the watch does not tell again)."""

    capture: Any
    before: Any
    changes: list[list[str]]
    same_text: bool
    had_before: bool

    def to_dict(self) -> dict[str, Any]:
        return step_dict(self)


def caption_steps(entries: Sequence[Any]) -> list[CaptionStep]:
    """The caption changes along a URL's captures (``archiver.diff.history.CaptureEntry`` items, oldest first:
    ``capture``, ``json_path``, ``version``), each against the capture with clean text before it, as
    :func:`archiver.diff.byline.byline_steps` finds the byline changes."""
    steps: list[CaptionStep] = []
    previous: Any = None
    old: dict[str, Any] = {}
    had: set[str] = set()  # captions of the captures so far (word keys)
    flapped: set[str] = set()  # captions added or removed in a step so far
    for entry in entries:
        if entry.json_path is None or entry.version is None:
            continue
        new = read_sidecar(entry.json_path)
        if previous is not None:
            same_page = bool(entry.capture.payload_digest) and \
                entry.capture.payload_digest == previous.capture.payload_digest
            changed = caption_change(old, new, same_page)
            if changed:
                back = all(word_key(b) in had if b else word_key(a) in flapped for a, b in changed)
                steps.append(CaptionStep(entry.capture, previous.capture, changed,
                                         entry.version == previous.version, back))
                flapped |= {word_key(a or b) for a, b in changed if not (a and b)}
        had |= {word_key(c) for c in _captions(new) or []}
        previous, old = entry, new
    return steps
