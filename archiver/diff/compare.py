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
from dataclasses import dataclass, field
from typing import Any

from archiver.diff.align import opcodes
from archiver.diff.evidence import CAPTURE, RULES, Classifier, Evidence, Explanation, default_classifier
from archiver.diff.evidence import evidence as make_evidence
from archiver.diff.moves import find_moves
from archiver.diff.normalize import Document, document

IDENTICAL, LAYOUT, MOVED, BOILERPLATE, EXTRACTION, CONTENT, MISSING = (
    "identical", "layout-only", "moved", "boilerplate", "extraction-changed", "content-changed", "missing")
UNPAIRED = "unpaired"  # a NEW file with no OLD counterpart: listed, not a failure
PAIR_CLASSES = (UNPAIRED, IDENTICAL, LAYOUT, MOVED, BOILERPLATE, EXTRACTION, CONTENT, MISSING)  # ascending severity
CHANGE = "content"  # the class of one content change (its pair is then content-changed)

CONTEXT_TOKENS = 8
EXTRACTION_LOST = 0.5     # NEW keeps less than this share of OLD's words ...
EXTRACTION_ON_PAGE = 0.5  # ... and more than this share of the lost words are on NEW's page

__all__ = ["Change", "Comparison", "compare_documents", "compare_texts", "default_classifier", "Classifier",
           "IDENTICAL", "LAYOUT", "MOVED", "BOILERPLATE", "EXTRACTION", "CONTENT", "MISSING", "UNPAIRED",
           "PAIR_CLASSES", "CHANGE"]


@dataclass
class Change:
    """One difference. ``cls`` is layout-only, moved, boilerplate or content."""

    cls: str
    kind: str                 # layout: paragraph-break | punctuation; content: added | removed | replaced; moved
    old: str = ""             # words on the OLD side
    new: str = ""             # words on the NEW side
    before: str = ""          # context preceding the change
    after: str = ""           # context following it
    rule: str | None = None   # boilerplate: the rule that removes it (on-page, metadata, a rule name)
    stage: str | None = None  # boilerplate: dom | paragraph | site | extractor | capture | metadata | classify
    region: str | None = None  # boilerplate: where it stood on the page (navigation, figure alt ...)
    detail: str | None = None
    old_span: tuple[int, int] | None = None  # token range in OLD
    new_span: tuple[int, int] | None = None  # token range in NEW
    as_in: int | None = None  # history: the earlier version whose words it puts back (archiver/diff/earlier.py)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"class": self.cls, "kind": self.kind, "old": self.old, "new": self.new,
                             "before": self.before, "after": self.after}
        if self.cls == BOILERPLATE:
            d.update(rule=self.rule, stage=self.stage)
            if self.region:
                d["region"] = self.region
        if self.detail:
            d["detail"] = self.detail
        if self.as_in:
            d["as_in_version"] = self.as_in
        return d

    @property
    def why(self) -> str:
        """The boilerplate's name for people: ``rule`` plus its region when it has one."""
        return f"{self.rule} ({self.region})" if self.region else str(self.rule)


@dataclass
class Comparison:
    cls: str
    changes: list[Change] = field(default_factory=list)
    old: Document | None = None
    new: Document | None = None
    judged: str | None = None  # capture | rules (None for missing/unpaired)
    detail: str | None = None  # why the pair's class (extraction-changed: the shares)

    def count(self, cls: str) -> int:
        """Changes of one class: layout-only, moved, boilerplate or content."""
        return sum(1 for c in self.changes if c.cls == cls)


def _layout_changes(old: Document, new: Document, i1: int, i2: int, j1: int, j2: int) -> list[Change]:
    """Paragraph breaks present on one side only, inside a run of equal words."""
    changes = []
    for k in range(1, i2 - i1):
        ob = old.tokens[i1 + k].para != old.tokens[i1 + k - 1].para
        nb = new.tokens[j1 + k].para != new.tokens[j1 + k - 1].para
        if ob != nb:
            a, b = max(i1, i1 + k - CONTEXT_TOKENS), min(i2, i1 + k + CONTEXT_TOKENS)
            changes.append(Change(
                LAYOUT, "paragraph-break",
                old=old.show(a, i1 + k) + (" \u00b6 " if ob else " ") + old.show(i1 + k, b),
                new=new.show(j1 + k - (i1 + k - a), j1 + k) + (" \u00b6 " if nb else " ")
                + new.show(j1 + k, j1 + k + (b - i1 - k)),
                detail="paragraph break only in OLD" if ob else "paragraph break only in NEW",
                old_span=(i1 + k, i1 + k), new_span=(j1 + k, j1 + k)))
    return changes


def _context(doc: Document, i: int, j: int) -> tuple[str, str]:
    return _framed(doc, max(0, i - CONTEXT_TOKENS), i, j, min(len(doc.tokens), j + CONTEXT_TOKENS))


def _framed(doc: Document, lo: int, i: int, j: int, hi: int) -> tuple[str, str]:
    """The context before (tokens lo..i-1) and after (j..hi-1) a change at i..j-1, paragraph breaks marked.

    A break between the context and the change is marked too (``structure. \u00b6`` before a change
    opening a paragraph).
    """
    tokens = doc.tokens
    before, after = doc.context(lo, i), doc.context(j, hi)
    if before and i < len(tokens) and tokens[i].para != tokens[i - 1].para:
        before += " \u00b6"
    if after and j > 0 and tokens[j].para != tokens[j - 1].para:
        after = "\u00b6 " + after
    return before, after


def _line_is_all(old: Document, k: int, end: int, skip: set[int]) -> bool:
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


Run = tuple[int, int, "Explanation | None"]
# a stored line a paragraph rule removes whole is boilerplate though pieces of it are on the page
# (switch: False, the pieces the page lacks stay unexplained)
WHOLE_LINE_RULES = True


def _explain_line(old: Document, k: int, end: int, ev: Evidence, whole: bool) -> list[Run]:
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


def _old_only(old: Document, i1: int, i2: int, ev: Evidence,
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
        for a, b, why in _explain_line(old, k, end, ev, _line_is_all(old, k, end, skip)):
            if why is None:
                residual.append((a, b))
                continue
            if why.on_page:
                on_page += sum(1 for t in old.tokens[a:b] if t.word)
            before, after = _context(old, a, b)
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


def _joined(doc: Document, ranges: list[tuple[int, int]]) -> str:
    """Token ranges' text as shown, joined by `` \u2026 `` over left-out words, else `` \u00b6 `` at a paragraph
    break (two paragraphs removed whole read ``A. \u2026 B.`` before, as if words between were kept) or a space."""
    out = ""
    for n, (a, b) in enumerate(ranges):
        if n:
            gap = ranges[n - 1][1] != a
            out += " \u2026 " if gap else " \u00b6 " if doc.tokens[a].para != doc.tokens[a - 1].para else " "
        out += doc.show(a, b)
    return out


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
        before, after = _context(new, *m.new_span)
        changes.append(Change(MOVED, "moved", old=old.show(*m.old_span), new=new.show(*m.new_span),
                              before=before, after=after, old_span=m.old_span, new_span=m.new_span))
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            changes.extend(_layout_changes(old, new, i1, i2, j1, j2))
            continue
        boiler, residual, page_words = _old_only(old, i1, i2, ev, moved_old)
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
        old_text, new_text = _joined(old, residual), _joined(new, new_parts)
        kind = "replaced" if residual and new_words else ("removed" if residual else "added")
        n1, n2 = (new_parts[0][0], new_parts[-1][1]) if new_parts else (j1, j1)
        if residual and not new_words:
            before, _ = _context(old, residual[0][0], residual[0][1])
            _, after = _context(old, residual[-1][0], residual[-1][1])
        else:
            before, after = _context(new, n1, n2)
        changes.append(Change(CHANGE, kind, old=old_text, new=new_text, before=before, after=after,
                              old_span=(residual[0][0], residual[-1][1]) if residual else (i1, i1),
                              new_span=(n1, n2)))
    changes.sort(key=lambda c: (c.old_span or (0, 0), c.new_span or (0, 0)))
    _clip_contexts([c for c in changes if c.cls == CHANGE], old, new)
    broken = guard and _extraction_changed(old, changes, on_page, ev)
    return Comparison(EXTRACTION if broken else _pair_class(old, new, changes), changes, old, new, ev.judged,
                      _guard_detail(old, changes, on_page) if broken else None)


def _clip_contexts(content: list[Change], old: Document, new: Document) -> None:
    """Cut each content change's context where a neighbouring content change stands.

    A context shows words both versions share; without the cut, the words of a change a few tokens
    away were shown there unmarked (a headline's ``[-weighs-]{+delays+} ... number 2 after protests``,
    ``after protests`` being the next change's added words, read as if the old headline had them).
    The context is on NEW's side, or OLD's for a removal, as ``compare_documents`` takes it.
    """
    if len(content) < 2:
        return
    for c in content:
        on_old = c.kind == "removed"
        doc, span = (old, c.old_span) if on_old else (new, c.new_span)
        if span is None:
            continue
        i, j = span
        lo, hi = max(0, i - CONTEXT_TOKENS), min(len(doc.tokens), j + CONTEXT_TOKENS)
        for other in content:
            where = other.old_span if on_old else other.new_span
            if other is c or where is None:
                continue
            a, b = where
            if b <= i and (a, b) != (i, j):
                lo = max(lo, b)
            elif a >= j and (a, b) != (i, j):
                hi = min(hi, a)
        c.before, c.after = _framed(doc, lo, i, j, hi)


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
