"""Which steps of an article's life are news to its reader: the one rule the watch and ``history --new-only`` share.

Pure, no imports from archiver. A step is one capture that moved the URL to a text (:class:`Step`): its ``key``
names the text (``archiver history`` passes the clean text's digest, the watch the version number it shows, both
unique per text), ``rollback`` says it went back to an earlier text past later ones (A, B, C, A: an edit undone),
``warning`` that it is an extraction-changed capture (the extractor lost most of the article: the watch's warning,
told as such, never a version of the article).

The rule (:func:`told`):

- a text the URL never had is news;
- a rollback is news unless its text is the one last told (A, B, C, A, D, A, C, A: every step after the first,
  the last A undoing the C just told; A, B, C, A, C, A: the C a plain return, the last A no news);
- a plain return to an earlier text (A, B, A: a stale copy served again) never is;
- a warning is told as a warning and leaves the reader's picture of the article as it was: a step after it back to
  the text last told is the extraction's miss undone, no news (A, B, C, A, W, A: the last A is what the reader
  was last told; before 2026-12-06 ``history --new-only`` reported it while the watch said nothing).

Before 2026-12-06 the rule was written twice, on digests in ``archiver/diff/history.py`` and on the event log in
``archiver/watch/run.py``, and the two read a warning differently.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One capture that moved the URL to a text: ``key`` names the text (a digest or a version number)."""

    key: Hashable
    rollback: bool = False
    warning: bool = False


def told(first: Hashable, steps: Sequence[Step]) -> list[bool]:
    """For each of ``steps`` (in capture order, after the URL's first text ``first``), whether it is news.

    Returns a list of the same length as ``steps``. A warning step is always True (told as a warning)."""
    seen, last = {first}, first
    out: list[bool] = []
    for step in steps:
        if step.warning:
            out.append(True)
            continue
        news = step.key not in seen or (step.rollback and step.key != last)
        out.append(news)
        seen.add(step.key)
        if news:
            last = step.key
    return out


def last_told(first: Hashable, steps: Sequence[Step]) -> Hashable:
    """The key of the text the reader was last told of after ``steps`` (``first`` when none was news)."""
    last = first
    for step, news in zip(steps, told(first, steps), strict=True):
        if news and not step.warning:
            last = step.key
    return last
