"""Which changed passages of a version step bring back an earlier version's words (a partial revert).

A content change of the step from version k to k+1 (:class:`archiver.diff.compare.Change`) whose new words,
with the context both sides share (``before`` + ``new`` + ``after``), stand word for word in the text of a
version before k, and not in version k's, puts back what that version said: a price corrected and then
corrected back, a sentence restored. Its ``as_in`` names the latest such version, and the reports print
``(as in v1)`` after it. A removal alone (no new words) is not marked: its context is in version k too.

Words are :data:`archiver.cjk.WORD` tokens, lower-cased (punctuation, ``¶`` marks and spacing left out, each
Chinese or Japanese character a word). A passage of under :data:`MIN_WORDS` words is too common to tell.
Pure but for :func:`version_texts` and :func:`version_text`, which read the versions' clean files.
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


def version_text(path: Path | str) -> str | None:
    """One version's clean text as ``archiver history`` reads it (:func:`archiver.diff.sources.clean_text`: UTF-8,
    a byte that is not UTF-8 read as U+FFFD, line ends kept), or None when the file cannot be read."""
    from archiver.diff.sources import clean_text

    try:
        return clean_text(path)
    except OSError:
        return None


def version_texts(entries: Iterable[CaptureEntry], below: int | None) -> dict[int, str]:
    """{version: text} of the versions numbered under ``below`` (``archiver history``'s numbers), each read from
    its first capture's clean file by :func:`version_text`, as history reads it; {} when ``below`` is None. A file
    that cannot be read leaves its version out (no "(as in vN)" for it; the watch goes on). Before 2026-12-06 the
    files were read here as strict UTF-8 and any failure gave {}: one clean file with a byte that is not UTF-8 (a
    disk error, an editor saving it in Latin-1) took every "(as in vN)" out of the watch's messages and the
    timeline, while ``archiver history``, reading it through :mod:`archiver.diff.sources`, still marked them."""
    if below is None:
        return {}
    firsts: dict[int, Path] = {}
    for entry in entries:
        if entry.version is not None and entry.version < below and entry.text_path and not entry.folded:
            firsts.setdefault(entry.version, Path(entry.text_path))
    texts = {v: version_text(path) for v, path in firsts.items()}
    return {v: text for v, text in texts.items() if text is not None}
