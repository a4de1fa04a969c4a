"""Compare two texts word by word and say what kind of difference each one is.

The OLD side is a stored copy or an earlier capture, the NEW side the clean text
the archiver produced. Differences fall into classes, from harmless to serious:

- ``layout-only``: same words, other lines or paragraphs (a paragraph split in
  one copy, Markdown, curly quotes, HTML entities);
- ``moved``: a paragraph with the same words in another place;
- ``boilerplate``: words only in OLD that the capture explains (see
  :mod:`archiver.diff.evidence`): in a block the extraction left out, elsewhere on
  the captured page, page metadata a scraper copied, or matched by a paragraph
  rule; each named with its rule or region;
- ``content``: article words added, removed or replaced: words only NEW has, and
  words only OLD has that the capture does not explain.

A pair's class is its most serious difference: ``identical`` < ``layout-only`` <
``moved`` < ``boilerplate`` < ``content-changed``. One more pair class guards
against a broken extraction being announced as an edit: when most of OLD's
words are gone from NEW and most of those are still on the NEW capture's page,
the pair is ``extraction-changed`` whatever else differs (``guard=True``, as
``archiver history`` compares two clean versions). A stored (OLD) copy
with no NEW counterpart is ``missing``; a NEW file with no OLD counterpart is
``unpaired``.

The API for programs (``archiver history``, a watcher deciding what to notify)::

    from archiver.diff.compare import compare_texts
    from archiver.diff.evidence import evidence
    result = compare_texts(old_text, new_text, evidence=evidence(removed, page, metadata, host))
    result.cls                      # the pair's class
    [c.cls for c in result.changes] # layout-only | moved | boilerplate | content
    result.judged                   # "capture" or "rules"
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archiver.diff import context as _context
from archiver.diff.align import opcodes
from archiver.diff.changes import (
    BOILERPLATE,
    CHANGE,
    CONTENT,
    EXTRACTION,
    IDENTICAL,
    LAYOUT,
    MISSING,
    MOVED,
    PAIR_CLASSES,
    UNPAIRED,
    Change,
    Comparison,
)
from archiver.diff.context import clip_contexts, context, joined
from archiver.diff.evidence import CAPTURE, RULES, Classifier, Evidence, default_classifier
from archiver.diff.evidence import evidence as make_evidence
from archiver.diff.explained import old_only
from archiver.diff.moves import find_moves
from archiver.diff.normalize import Document, document

EXTRACTION_LOST = 0.5     # NEW keeps less than this share of OLD's words ...
EXTRACTION_ON_PAGE = 0.5  # ... and more than this share of the lost words are on NEW's page

__all__ = ["Change", "Comparison", "compare_documents", "compare_texts", "default_classifier", "Classifier",
           "IDENTICAL", "LAYOUT", "MOVED", "BOILERPLATE", "EXTRACTION", "CONTENT", "MISSING", "UNPAIRED",
           "PAIR_CLASSES", "CHANGE"]


def _layout_changes(old: Document, new: Document, i1: int, i2: int, j1: int, j2: int) -> list[Change]:
    """Paragraph breaks present on one side only, inside a run of equal words."""
    changes = []
    for k in range(1, i2 - i1):
        ob = old.tokens[i1 + k].para != old.tokens[i1 + k - 1].para
        nb = new.tokens[j1 + k].para != new.tokens[j1 + k - 1].para
        if ob != nb:
            a, b = max(i1, i1 + k - _context.CONTEXT_TOKENS), min(i2, i1 + k + _context.CONTEXT_TOKENS)
            changes.append(Change(
                LAYOUT, "paragraph-break",
                old=old.show(a, i1 + k) + (" \u00b6 " if ob else " ") + old.show(i1 + k, b),
                new=new.show(j1 + k - (i1 + k - a), j1 + k) + (" \u00b6 " if nb else " ")
                + new.show(j1 + k, j1 + k + (b - i1 - k)),
                detail="paragraph break only in OLD" if ob else "paragraph break only in NEW",
                old_span=(i1 + k, i1 + k), new_span=(j1 + k, j1 + k)))
    return changes


def _ranges(a: int, b: int, skip: set[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for k in range(a, b):
        if k in skip:
            continue
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def compare_documents(old: Document, new: Document, ev: Evidence | None = None, guard: bool = False) -> Comparison:
    """Classify every difference between OLD and NEW, explaining OLD-only words with ``ev``.

    ``guard``: report ``extraction-changed`` when NEW kept less than half of OLD's words and
    most of the lost ones are on NEW's captured page (meant for two clean versions of one URL;
    a stored copy may hold more comments than article).
    """
    ev = ev if ev is not None else Evidence()
    changes: list[Change] = []
    ops = opcodes(old, new)
    moves = find_moves(old, new, ops)
    moved_old = {k for m in moves for k in range(*m.old_span)}
    moved_new = {k for m in moves for k in range(*m.new_span)}
    on_page = 0
    for m in moves:
        before, after = context(new, *m.new_span)
        changes.append(Change(MOVED, "moved", old=old.show(*m.old_span), new=new.show(*m.new_span),
                              before=before, after=after, old_span=m.old_span, new_span=m.new_span))
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            changes.extend(_layout_changes(old, new, i1, i2, j1, j2))
            continue
        boiler, residual, page_words = old_only(old, i1, i2, ev, moved_old)
        on_page += page_words
        changes.extend(boiler)
        new_parts = [(a, b) for a, b in _ranges(j1, j2, moved_new) if any(t.word for t in new.tokens[a:b])]
        new_words = bool(new_parts)
        if not residual and not new_words:
            has_moves = any(k in moved_old for k in range(i1, i2)) or any(k in moved_new for k in range(j1, j2))
            if not has_moves and (j2 > j1 or (i2 > i1 and not boiler)):
                changes.append(Change(LAYOUT, "punctuation", old=old.show(i1, i2), new=new.show(j1, j2),
                                      old_span=(i1, i2), new_span=(j1, j2)))
            continue
        old_text, new_text = joined(old, residual), joined(new, new_parts)
        kind = "replaced" if residual and new_words else ("removed" if residual else "added")
        n1, n2 = (new_parts[0][0], new_parts[-1][1]) if new_parts else (j1, j1)
        if residual and not new_words:
            before, _ = context(old, residual[0][0], residual[0][1])
            _, after = context(old, residual[-1][0], residual[-1][1])
        else:
            before, after = context(new, n1, n2)
        changes.append(Change(CHANGE, kind, old=old_text, new=new_text, before=before, after=after,
                              old_span=(residual[0][0], residual[-1][1]) if residual else (i1, i1),
                              new_span=(n1, n2)))
    changes.sort(key=lambda c: (c.old_span or (0, 0), c.new_span or (0, 0)))
    clip_contexts([c for c in changes if c.cls == CHANGE], old, new)
    broken = guard and _extraction_changed(old, changes, on_page, ev)
    return Comparison(EXTRACTION if broken else _pair_class(old, new, changes), changes, old, new, ev.judged,
                      _guard_detail(old, changes, on_page) if broken else None)


def _lost(old: Document, changes: list[Change]) -> tuple[int, int]:
    """(OLD's words, OLD's words not in NEW)."""
    total = sum(1 for t in old.tokens if t.word)
    kept = total
    for c in changes:
        if c.cls in (BOILERPLATE, CHANGE) and c.old_span and c.old:
            kept -= sum(1 for t in old.tokens[c.old_span[0]:c.old_span[1]] if t.word)
    return total, total - max(kept, 0)


def _extraction_changed(old: Document, changes: list[Change], on_page: int, ev: Evidence) -> bool:
    if ev.judged != CAPTURE:
        return False
    total, lost = _lost(old, changes)
    return total > 0 and lost > total * (1 - EXTRACTION_LOST) and on_page > lost * EXTRACTION_ON_PAGE


def _guard_detail(old: Document, changes: list[Change], on_page: int) -> str:
    total, lost = _lost(old, changes)
    return (f"the clean text lost {lost} of the {total} words of OLD, {on_page} of them still on the "
            f"captured page outside the article: the extraction changed, not the article")


def _pair_class(old: Document, new: Document, changes: list[Change]) -> str:
    if any(c.cls == CHANGE for c in changes):
        return CONTENT
    if any(c.cls == BOILERPLATE for c in changes):
        return BOILERPLATE
    if any(c.cls == MOVED for c in changes):
        return MOVED
    if changes or _layout_text(old.text) != _layout_text(new.text):
        return LAYOUT
    return IDENTICAL


def _layout_text(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def compare_texts(old_text: str, new_text: str, removed: Iterable[Any] = (), host: str | None = None,
                  classify: Classifier | None = default_classifier, evidence: Evidence | None = None,
                  guard: bool = False) -> Comparison:
    """Compare raw texts: OLD (stored copy or earlier version, may be Markdown) against NEW (clean text).

    ``evidence`` explains OLD-only words (see :mod:`archiver.diff.evidence`); without it one is made
    from ``removed`` (the NEW sidecar's removed blocks), ``host`` and ``classify``, judged by rules
    unless ``removed`` is a full account of the page.
    """
    if evidence is None:
        evidence = make_evidence(removed, host=host, classify=classify, article_text=new_text)
    comparison = compare_documents(document(old_text, shown=True), document(new_text, True, True), evidence, guard)
    if comparison.cls == LAYOUT and old_text.strip() == new_text.strip():
        comparison.cls = IDENTICAL
    return comparison


__all__ += ["CAPTURE", "RULES"]
