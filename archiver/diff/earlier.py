"""Which changed passages of a version step bring back an earlier version's words (a partial revert).

A content change of the step from version k to k+1 (:class:`archiver.diff.compare.Change`) whose new words,
with the context both sides share (``before`` + ``new`` + ``after``), stand word for word in the text of a
version before k, and not in version k's, puts back what that version said: a price corrected and then
corrected back, a sentence restored. Its ``as_in`` names the latest such version, and the reports print
``(as in v1)`` after it. A removal alone (no new words) is not marked: its context is in version k too.

Words are :data:`archiver.cjk.WORD` tokens, lower-cased (punctuation, ``¶`` marks and spacing left out, each
Chinese or Japanese character a word). A passage of under :data:`MIN_WORDS` words is too common to tell.
Pure but for :func:`version_texts`, which reads the versions' clean files.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from archiver.cjk import WORD
from archiver.diff.compare import CHANGE


class CaptureEntry(Protocol):
    """What :func:`version_texts` reads of a history entry (``archiver.diff.history.CaptureEntry``, named
    here by shape so the two modules do not import each other)."""

    @property
    def version(self) -> int | None: ...
    @property
    def text_path(self) -> Path | str | None: ...
    @property
    def folded(self) -> Any: ...

MIN_WORDS = 6  # words of a passage with its context: shorter ones stand in many texts


def _stream(text: str) -> str:
    return f" {' '.join(w.lower() for w in WORD.findall(text or ''))} "


def mark_earlier(changes: Iterable[Any], old_text: str, earlier: Mapping[int, str]) -> None:
    """Set ``as_in`` (a version number) on each content change of ``changes`` whose new words in their context
    stand in the text of a version in ``earlier`` ({version: text}, the versions before the step's old one) but
    not in ``old_text``; the latest such version wins. Changes are edited in place."""
    if not earlier:
        return
    old = _stream(old_text)
    streams = {v: _stream(t) for v, t in earlier.items()}
    for change in changes:
        if change.cls != CHANGE or not WORD.search(change.new or ""):
            continue
        needle = _stream(f"{change.before} {change.new} {change.after}")
        if needle.count(" ") - 1 < MIN_WORDS or needle in old:
            continue
        found = [v for v, s in streams.items() if needle in s]
        if found:
            change.as_in = max(found)


def version_texts(entries: Iterable[CaptureEntry], below: int | None) -> dict[int, str]:
    """{version: text} of the versions numbered under ``below`` (``archiver history``'s numbers), each read from
    its first capture's clean file; {} when ``below`` is None or a file cannot be read."""
    if below is None:
        return {}
    firsts: dict[int, Path] = {}
    for entry in entries:
        if entry.version is not None and entry.version < below and entry.text_path and not entry.folded:
            firsts.setdefault(entry.version, Path(entry.text_path))
    try:
        return {v: path.read_text(encoding="utf-8") for v, path in firsts.items()}
    except (OSError, UnicodeDecodeError):  # a clean file gone or damaged: no "(as in vN)", the watch goes on
        return {}
