"""The headline read again at the top of the text, under the labels printed above it.

trafilatura drops a first line that is the headline (``extraction.extract`` does too), but a page
that prints labels above its ``<h1>`` inside the article (a Medium "Member-only story" line, a
newsletter's "Morning Briefing · Tuesday, January 11, 2022" kicker) gives a text that starts with
the label, then the headline again. Such a label is furniture by the seeds' rules (section labels,
dates), and the headline is the title line, not body text.
"""

from __future__ import annotations

from collections.abc import Sequence

from .sites import normalise

__all__ = ["drop_labelled_headline"]

MAX_LABELS = 3       # at most this many label lines above the headline
MAX_LABEL_WORDS = 12  # a label is short ...
_SENTENCE_END = ".!?:;\"”’)"  # ... and does not end as a sentence (a standfirst above the headline)


def _label(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text.split()) <= MAX_LABEL_WORDS and text[-1] not in _SENTENCE_END


def drop_labelled_headline(lines: Sequence[str], title: str | None) -> list[str]:
    """``lines`` without the headline and the labels above it, when the text starts with 1 to
    ``MAX_LABELS`` short label lines (at most ``MAX_LABEL_WORDS`` words, no sentence end) and then
    a line equal to ``title`` (compared as ``sites.normalise`` does); else ``lines`` unchanged.
    A text whose first line is the headline is left to the caller."""
    if not title or len(lines) < 3:
        return list(lines)
    want = normalise(title)
    for k in range(1, min(MAX_LABELS, len(lines) - 2) + 1):
        if not _label(lines[k - 1]):
            break
        if normalise(lines[k]) == want:
            return list(lines[k + 1:])
    return list(lines)
