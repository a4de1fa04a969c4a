"""A version step that rewrote the page's declared title (``og:title``, ``<title>``), not its shown headline.

A newsroom rewrites the title it declares for search engines and social cards more often than the
headline readers see ("Bridge to close to cars from spring" -> "Harbour bridge closes to cars in March"
under an unchanged ``<h1>``). A reader of a change monitor expects to be told, but not as a headline edit:
the page's visible headline did not change. Where the clean text's title line is the declared title (the
``<h1>`` is one of its first paragraphs, :mod:`archiver.diff.shownline`), the rewrite changes the text's
first line only, and the watch made it an edit whose message read as any content change.

:func:`title_step` names it: the sidecars' ``title`` (the declared title as the extractor chose it) before
and after, when their words differ (:func:`archiver.diff.headline.same_words`: case, quotes, dashes and
spacing aside) and the shown headline did not change (the caller's check: a title rewritten with its
headline is the headline's edit, named as such); ``only`` when nothing else of the text changed (its
paragraphs the same, and its title line the same or the declared title on both sides). Pure, but for
reading the two sidecars.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from archiver.diff.headline import same_words

__all__ = ["step_title", "title_step"]


def _sidecar_title(json_path: Path | str | None) -> str:
    try:
        data = json.loads(Path(json_path).read_text(encoding="utf-8")) if json_path else {}
    except (OSError, ValueError):
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return " ".join(title.split()) if isinstance(title, str) else ""


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def title_step(old_text: str | None, old_json: Path | str | None, new_text: str | None,
               new_json: Path | str | None) -> dict[str, Any] | None:
    """``{"old": title, "new": title, "only": bool}`` for a step whose declared title (the sidecars' ``title``)
    changed in words, else None (either sidecar unreadable or without a title: nothing is said). ``only``:
    the clean texts (``old_text``, ``new_text``, as read) differ in nothing else, so the step is a title
    change alone. Call it only for a step whose shown headline is unchanged (see the module docstring)."""
    old, new = _sidecar_title(old_json), _sidecar_title(new_json)
    if not old or not new or same_words(old, new):
        return None
    before, after = _paragraphs(old_text or ""), _paragraphs(new_text or "")
    only = bool(before) and bool(after) and before[1:] == after[1:] and (
        before[0] == after[0] or (same_words(before[0], old) and same_words(after[0], new)))
    return {"old": old, "new": new, "only": only}


def step_title(old_text: str | None, old_json: Path | str | None, new_text: str | None,
               new_json: Path | str | None, warcs: Sequence[Path] = ()) -> dict[str, Any] | None:
    """:func:`title_step` of a version step whose shown headline did not change
    (:func:`archiver.diff.shownline.step_headline`), else None: ``archiver history``'s title lines, as the
    watch's message and the timeline name a title change."""
    from archiver.diff.shownline import step_headline

    if step_headline(old_text, old_json, new_text, new_json, warcs):
        return None
    return title_step(old_text, old_json, new_text, new_json)
