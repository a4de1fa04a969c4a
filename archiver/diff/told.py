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
  was last told; before 2026-12-06 ``history --new-only`` reported it while the watch said nothing);
- a warning right after a warning told (no text told between) is the same broken extraction: no news (A, B, W1,
  W2, B: W2 differs from W1 by an "Updated at" line; nothing after W1 is news, the reader's picture is B).

Which return is a rollback (:func:`rollbacks`) reads the texts with the warnings taken out, for the same reason:
A, B, W, A is A, B, A to the reader, a plain return (a stale copy), told as A, B, A is. Before 2026-12-06
``archiver history`` counted W as a text shown between, so the last A was a rollback of B and W: the watch sent
``Content changed (back to the text of version 1)`` and ``history --new-only`` exited 1, while A, B, A was silent;
and A, B, W1, W2, B made the last B a rollback past W1 and W2 (``history --new-only``: ``v3 -> v4`` and ``text of
v2 again`` reported, the watch silent).

The table (letters texts, W a warning; what is told after the first text; ``tests/test_told_mend41b.py``):

=====================  ======================================
A, B, A                B; the last A a plain return, not told
A, B, W, A             B, W; the last A not told (as A, B, A)
A, B, W1, W2, B        B, W1; W2 and the last B not told
A, B, C, A             B, C, A (a rollback: the edits undone)
A, B, C, W, A          B, C, W, A (as A, B, C, A)
A, B, C, A, W, A       B, C, A, W; the last A not told
A, B, W, C             B, W, C
A, B, C, A, W, C       B, C, A, W; the C not told (as A, B, C, A, C)
A, B, W1, B, W2        B, W1; the B and W2 not told
=====================  ======================================

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

    Returns a list of the same length as ``steps``. A warning step is True (told as a warning) unless the step
    told last was a warning (the same broken extraction again)."""
    seen, last = {first}, first
    warned = False  # the step told last was a warning
    out: list[bool] = []
    for step in steps:
        if step.warning:
            out.append(not warned)
            warned = True
            continue
        news = step.key not in seen or (step.rollback and step.key != last)
        out.append(news)
        seen.add(step.key)
        if news:
            last, warned = step.key, False
    return out


def rollbacks(first: Hashable, steps: Sequence[Step]) -> list[bool]:
    """For each of ``steps`` (``rollback`` ignored), whether it is a rollback: its text an earlier text of the URL
    again, past other texts. Warnings are taken out first (the reader's picture stays as it was).

    A rollback goes back to a text first seen two or more texts before the text just shown (A, B, C, D, A; A, B,
    C, A, D, A), or past two or more other texts shown since it was last shown (A, B, C, B, A takes back B and
    C). A, B, A, B, the flapping of a stale copy and the fresh one, never is, nor A, B, C, B (back past C alone),
    nor A, B, W, A, nor A, B, W1, W2, B (the last B the text just shown). Returns a list as long as ``steps``."""
    order: dict[Hashable, int] = {first: 0}  # key -> the how-manyth text of the URL it is
    shown: list[Hashable] = [first]  # the texts shown, in order (a text again right after itself not twice)
    last_at: dict[Hashable, int] = {first: 0}  # key -> its latest index in ``shown``
    out: list[bool] = []
    for step in steps:
        prev = shown[-1]
        if step.warning or step.key == prev:
            out.append(False)
            continue
        back = step.key in order
        order.setdefault(step.key, len(order))
        past_later = back and order[step.key] < order[prev] - 1
        past_shown = back and len(set(shown[last_at[step.key] + 1:])) >= 2
        out.append(past_later or past_shown)
        last_at[step.key] = len(shown)
        shown.append(step.key)
    return out


def last_told(first: Hashable, steps: Sequence[Step]) -> Hashable:
    """The key of the text the reader was last told of after ``steps`` (``first`` when none was news)."""
    last = first
    for step, news in zip(steps, told(first, steps), strict=True):
        if news and not step.warning:
            last = step.key
    return last
