"""OLD-only words split line by line into boilerplate the evidence explains and residual runs that are content.

:func:`old_only` walks OLD's tokens ``i1..i2-1`` (an alignment's delete or replace run), line by line,
asks the :class:`archiver.diff.evidence.Evidence` for each line's words, and returns the boilerplate
changes (neighbouring runs of one rule and region on one line merged), the unexplained token ranges,
and how many words the captured page explained (for the extraction guard in :mod:`archiver.diff.compare`).
"""
from __future__ import annotations

from typing import Any

from archiver.diff.changes import BOILERPLATE, Change
from archiver.diff.context import context
from archiver.diff.evidence import Evidence, Explanation
from archiver.diff.normalize import Document

__all__ = ["WHOLE_LINE_RULES", "Run", "explain_line", "line_is_all", "old_only"]

Run = tuple[int, int, "Explanation | None"]  # OLD tokens start..end-1 and what explains them (None: content)
# a stored line a paragraph rule removes whole is boilerplate though pieces of it are on the page
# (switch: False, the pieces the page lacks stay unexplained)
WHOLE_LINE_RULES = True


def line_is_all(old: Document, k: int, end: int, skip: set[int]) -> bool:
    """Tokens k..end-1 hold every word of their line that is not in ``skip`` (moved)."""
    line = old.tokens[k].line
    a = k
    while a > 0 and old.tokens[a - 1].line == line:
        a -= 1
        if old.tokens[a].word and a not in skip:
            return False
    b = end
    while b < len(old.tokens) and old.tokens[b].line == line:
        if old.tokens[b].word and b not in skip:
            return False
        b += 1
    return True


def explain_line(old: Document, k: int, end: int, ev: Evidence, whole: bool) -> list[Run]:
    """Token runs of one line's stored-only part, each with its explanation or None."""
    word_idx = [t for t in range(k, end) if old.tokens[t].word]
    cover = ev.explain_words([old.tokens[t].fold_key for t in word_idx], whole, old.span(k, end))
    mark = dict(zip(word_idx, cover, strict=True))
    runs: list[list[Any]] = []
    for t in range(k, end):
        if t in mark:
            why = mark[t]
        elif runs:  # punctuation goes with the word before it
            why = runs[-1][2]
        elif word_idx:  # ... or, at the start of a line, with the first word
            why = mark[word_idx[0]]
        else:
            continue  # a line of punctuation only: a layout matter
        if runs and runs[-1][2] == why:
            runs[-1][1] = t + 1
        else:
            runs.append([t, t + 1, why])
    out: list[Run] = []
    unexplained = [r for r in runs if r[2] is None]
    if WHOLE_LINE_RULES and whole and unexplained and len(runs) > 1:
        # the page holds pieces of the line ("Skip to main" of its "Skip to main content"), the rest
        # is explained by nothing: a rule removing the whole line ("Skip to main menu") explains it
        line_why = ev.explain_text(old.span(k, end), True)
        if line_why is not None:
            for run in unexplained:
                run[2] = line_why
            unexplained = []
    for a, b, why in runs:
        if why is None:
            alone = whole and len(unexplained) == 1 and len(runs) == 1
            why = ev.explain_text(old.span(a, b), alone)
        out.append((a, b, why))
    return out


def old_only(old: Document, i1: int, i2: int, ev: Evidence,
              skip: set[int]) -> tuple[list[Change], list[tuple[int, int]], int]:
    """Split OLD-only tokens into boilerplate (explained), residual runs (content), and the count of
    words explained by the page (for the extraction guard). Tokens in ``skip`` (moved) are left out."""
    boiler: list[Change] = []
    residual: list[tuple[int, int]] = []
    on_page = 0
    k = i1
    while k < i2:
        if k in skip:
            k += 1
            continue
        line = old.tokens[k].line
        end = k
        while end < i2 and old.tokens[end].line == line and end not in skip:
            end += 1
        for a, b, why in explain_line(old, k, end, ev, line_is_all(old, k, end, skip)):
            if why is None:
                residual.append((a, b))
                continue
            if why.on_page:
                on_page += sum(1 for t in old.tokens[a:b] if t.word)
            before, after = context(old, a, b)
            prev = boiler[-1] if boiler else None
            if prev is not None and prev.rule == why.rule and prev.region == why.region and prev.old_span \
                    and prev.old_span[1] == a and old.tokens[a].line == old.tokens[prev.old_span[0]].line:
                prev.old_span = (prev.old_span[0], b)
                prev.old = old.show(*prev.old_span)
                prev.after = after
            else:
                boiler.append(Change(BOILERPLATE, "removed", old=old.show(a, b), before=before, after=after,
                                     rule=why.rule, stage=why.stage, region=why.region, old_span=(a, b)))
        k = end
    return boiler, residual, on_page
