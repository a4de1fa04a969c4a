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
``[old, new]``, a removed one ``[old, ""]``, an added one ``["", new]``. Pure.
"""
from __future__ import annotations

import json
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from archiver.diff.headline import same_words

__all__ = ["caption_change", "read_sidecar"]


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
    return changed or None
