"""Compare two texts word by word and say what kind of difference each one is.

The OLD side is a stored copy or an earlier capture, the NEW side the clean text
the archiver produced. Differences fall into classes, from harmless to serious:

- ``layout-only``: same words, other lines or paragraphs (a paragraph split in
  one copy, Markdown, curly quotes);
- ``boilerplate``: words only in OLD that the extractor removes on purpose,
  each named with its rule (looked up in the NEW side's sidecar ``removed``
  list, else asked of ``archiver.extraction.classify_text``);
- ``content``: article words added, removed or replaced.

A pair's class is its most serious difference: ``identical`` < ``layout-only``
< ``boilerplate`` < ``content-changed``. A stored (OLD) copy with no NEW
counterpart is ``missing`` (the article is gone from the archive); a NEW file
with no OLD counterpart is ``unpaired`` (nothing to compare it with).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from archiver.diff.normalize import Document, document

IDENTICAL, LAYOUT, BOILERPLATE, CONTENT, MISSING = (
    "identical", "layout-only", "boilerplate", "content-changed", "missing")
UNPAIRED = "unpaired"  # a NEW file with no OLD counterpart: listed, not a failure
PAIR_CLASSES = (UNPAIRED, IDENTICAL, LAYOUT, BOILERPLATE, CONTENT, MISSING)  # ascending severity
CHANGE = "content"  # the class of one content change (its pair is then content-changed)

CONTEXT_TOKENS = 8
SHORT_EQUAL = 3  # equal runs shorter than this between two changes are merged into them

Classifier = Callable[[str, "str | None"], "str | None"]


@dataclass
class Change:
    """One difference. ``cls`` is layout-only, boilerplate or content."""

    cls: str
    kind: str                 # layout: paragraph-break | punctuation; content: added | removed | replaced
    old: str = ""             # words on the OLD side
    new: str = ""             # words on the NEW side
    before: str = ""          # context preceding the change
    after: str = ""           # context following it
    rule: str | None = None   # boilerplate: the rule that removes it
    stage: str | None = None  # boilerplate: dom | paragraph | site | classify
    detail: str | None = None
    old_span: tuple[int, int] | None = None  # token range in OLD
    new_span: tuple[int, int] | None = None  # token range in NEW

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"class": self.cls, "kind": self.kind, "old": self.old, "new": self.new,
             "before": self.before, "after": self.after}
        if self.cls == BOILERPLATE:
            d.update(rule=self.rule, stage=self.stage)
        if self.detail:
            d["detail"] = self.detail
        return d


@dataclass
class Comparison:
    cls: str
    changes: list[Change] = field(default_factory=list)
    old: Document | None = None
    new: Document | None = None

    def count(self, cls: str) -> int:
        """Changes of one class: layout-only, boilerplate or content."""
        return sum(1 for c in self.changes if c.cls == cls)


def default_classifier(text: str, host: str | None) -> str | None:
    """The extractor's own paragraph rules; None while extraction is not importable."""
    try:
        from archiver.extraction import classify_text
    except ImportError:
        return None
    return classify_text(text, host)


class BoilerplateIndex:
    """What the extractor removed from the NEW page, searchable by normalised word sequence."""

    SEP = "\x1f"

    def __init__(self, removed: Iterable[Any] = (), host: str | None = None,
                 classify: Classifier | None = default_classifier):
        self.host = host
        self.classify = classify
        self.entries: list[tuple[str, int, str, str]] = []  # (keys string, word count, rule, stage)
        for item in removed or ():
            get = item.get if isinstance(item, dict) else (lambda k, _i=item: getattr(_i, k, None))
            words = [t.fold_key for t in document(str(get("text") or "")).tokens if t.word]
            if words:
                self.entries.append((self._join(words), len(words), str(get("rule") or "unnamed"),
                                     str(get("stage") or "")))
        self.entries.sort(key=lambda e: -e[1])  # longest first: name the biggest block

    @classmethod
    def _join(cls, words: Sequence[str]) -> str:
        return cls.SEP + cls.SEP.join(words) + cls.SEP

    def cover(self, words: Sequence[str]) -> list[tuple[int, int, str, str] | None]:
        """For each word, the (start, end, rule, stage) of the removed block that covers it, or None."""
        n = len(words)
        result: list[tuple[int, int, str, str] | None] = [None] * n
        if not n:
            return result
        seg = self._join(words)
        for keys, count, rule, stage in reversed(self.entries):  # inside one removed block: the tightest
            if count >= n and seg in keys:
                return [(0, n, rule, stage)] * n
        starts = {}  # char offset of each word start -> word index
        pos = 1
        for i, w in enumerate(words):
            starts[pos] = i
            pos += len(w) + 1
        for keys, count, rule, stage in self.entries:  # removed blocks inside the segment
            if count < 2 or count > n:
                continue
            at = seg.find(keys)
            while at != -1:
                i = starts[at + 1]
                if all(result[k] is None for k in range(i, i + count)):
                    for k in range(i, i + count):
                        result[k] = (i, i + count, rule, stage)
                at = seg.find(keys, at + 1)
        return result

    def rule_for_text(self, text: str) -> str | None:
        if self.classify is None:
            return None
        try:
            return self.classify(text, self.host)
        except Exception:  # a broken rule file must not hide the rest of the report
            return None


def _opcodes(old: Document, new: Document) -> list[tuple[str, int, int, int, int]]:
    """Token-level alignment with short accidental matches folded into the changes around them."""
    matcher = SequenceMatcher(None, old.keys, new.keys, autojunk=False)
    ops = matcher.get_opcodes()
    merged: list[list[Any]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" and 0 < k < len(ops) - 1 and i2 - i1 < SHORT_EQUAL \
                and _one_paragraph(old, i1 - 1, i2) and _one_paragraph(new, j1 - 1, j2):
            tag = "replace"  # "the" or "," in common between two changes is chance, not an anchor
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1][2], merged[-1][4] = i2, j2
            merged[-1][0] = "replace"
        else:
            merged.append([tag, i1, i2, j1, j2])
    for k, op in enumerate(merged):
        if op[0] in ("insert", "delete"):
            _slide(merged, k, old, new)
    return [tuple(m) for m in merged if m[1] != m[2] or m[3] != m[4]]


def _one_paragraph(doc: Document, a: int, b: int) -> bool:
    """Tokens a..b (clipped to the document) lie in one paragraph."""
    a, b = max(a, 0), min(b, len(doc.tokens) - 1)
    return a > b or doc.tokens[a].para == doc.tokens[b].para


def _boundary_score(doc: Document, a: int, b: int) -> int:
    """How well tokens a..b-1 sit on paragraph and sentence boundaries (higher is better)."""
    toks = doc.tokens
    score = 0
    if a == 0 or toks[a].para != toks[a - 1].para:
        score += 2
    elif toks[a - 1].key in (".", "!", "?", '"'):
        score += 1
    if b == len(toks) or toks[b].para != toks[b - 1].para:
        score += 2
    elif toks[b - 1].key in (".", "!", "?", '"'):
        score += 1
    return score


def _slide(ops: list[list[Any]], k: int, old: Document, new: Document) -> None:
    """Shift an insertion or deletion along equal text to sit on paragraph boundaries.

    "damage. Galina ... goods and" and "Galina ... goods and damage." are the
    same edit; people read the second, which starts and ends where the paragraph does.
    """
    tag, i1, i2, j1, j2 = ops[k]
    doc, a, b = (old, i1, i2) if tag == "delete" else (new, j1, j2)
    keys = doc.keys
    prev_len = ops[k - 1][2] - ops[k - 1][1] if k > 0 and ops[k - 1][0] == "equal" else 0
    next_len = ops[k + 1][2] - ops[k + 1][1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else 0
    best, best_shift = _boundary_score(doc, a, b), 0
    shift = 0
    while shift - 1 >= -prev_len and keys[a + shift - 1] == keys[b + shift - 1]:
        shift -= 1
        score = _boundary_score(doc, a + shift, b + shift)
        if score > best:
            best, best_shift = score, shift
    shift = 0
    while shift + 1 <= next_len and b + shift < len(keys) and keys[a + shift] == keys[b + shift]:
        shift += 1
        score = _boundary_score(doc, a + shift, b + shift)
        if score > best:
            best, best_shift = score, shift
    if best_shift:
        d = best_shift
        ops[k] = [tag, i1 + d, i2 + d, j1 + d, j2 + d]  # the block and its insertion point move together
        if k > 0 and ops[k - 1][0] == "equal":
            ops[k - 1][2] += d
            ops[k - 1][4] += d
        if k + 1 < len(ops) and ops[k + 1][0] == "equal":
            ops[k + 1][1] += d
            ops[k + 1][3] += d


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
                old=old.span(a, i1 + k) + (" \u00b6 " if ob else " ") + old.span(i1 + k, b),
                new=new.span(j1 + k - (i1 + k - a), j1 + k) + (" \u00b6 " if nb else " ")
                + new.span(j1 + k, j1 + k + (b - i1 - k)),
                detail="paragraph break only in OLD" if ob else "paragraph break only in NEW",
                old_span=(i1 + k, i1 + k), new_span=(j1 + k, j1 + k)))
    return changes


def _context(doc: Document, i: int, j: int) -> tuple[str, str]:
    return doc.span(max(0, i - CONTEXT_TOKENS), i), doc.span(j, min(len(doc.tokens), j + CONTEXT_TOKENS))


def _old_only(old: Document, i1: int, i2: int, index: BoilerplateIndex) -> tuple[list[Change], list[tuple[int, int]]]:
    """Split OLD-only tokens into boilerplate (with rules) and residual runs that are not."""
    boiler: list[Change] = []
    residual: list[tuple[int, int]] = []
    k = i1
    while k < i2:  # one segment per text line
        line = old.tokens[k].line
        end = k
        while end < i2 and old.tokens[end].line == line:
            end += 1
        word_idx = [t for t in range(k, end) if old.tokens[t].word]
        cover = index.cover([old.tokens[t].fold_key for t in word_idx])
        mark = {w: ((c[2], c[3]) if c else (None, None)) for w, c in zip(word_idx, cover, strict=True)}
        runs: list[tuple[int, int, str | None, str | None]] = []  # token ranges, rule or None
        for t in range(k, end):
            if t in mark:
                rule, stage = mark[t]
            elif runs:  # punctuation goes with the word before it
                rule, stage = runs[-1][2], runs[-1][3]
            elif word_idx:  # ... or, at the start of a line, with the first word
                rule, stage = mark[word_idx[0]]
            else:
                continue  # a line of punctuation only: a layout matter
            if runs and runs[-1][2] == rule and runs[-1][3] == stage:
                runs[-1] = (runs[-1][0], t + 1, rule, stage)
            else:
                runs.append((t, t + 1, rule, stage))
        for a, b, rule, stage in runs:
            if rule is None:
                rule = index.rule_for_text(old.span(a, b))
                stage = "classify" if rule else None
            if rule is None:
                residual.append((a, b))
                continue
            before, after = _context(old, a, b)
            prev_span = boiler[-1].old_span if boiler and boiler[-1].rule == rule else None
            if prev_span is not None and prev_span[1] == a and old.tokens[a].line == old.tokens[prev_span[0]].line:
                prev = boiler[-1]
                prev.old_span = (prev_span[0], b)
                prev.old = old.span(*prev.old_span)
                prev.after = after
            else:
                boiler.append(Change(BOILERPLATE, "removed", old=old.span(a, b), before=before, after=after,
                                     rule=rule, stage=stage, old_span=(a, b)))
        k = end
    return boiler, residual


def compare_documents(old: Document, new: Document, index: BoilerplateIndex | None = None) -> Comparison:
    """Classify every difference between OLD and NEW."""
    index = index or BoilerplateIndex()
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal":
            changes.extend(_layout_changes(old, new, i1, i2, j1, j2))
            continue
        boiler, residual = _old_only(old, i1, i2, index)
        changes.extend(boiler)
        new_words = any(t.word for t in new.tokens[j1:j2])
        if not residual and not new_words:
            if j2 > j1 or (i2 > i1 and not boiler):
                changes.append(Change(LAYOUT, "punctuation", old=old.span(i1, i2), new=new.span(j1, j2),
                                      old_span=(i1, i2), new_span=(j1, j2)))
            continue
        old_text = " \u2026 ".join(old.span(a, b) for a, b in residual)
        kind = "replaced" if residual and new_words else ("removed" if residual else "added")
        if residual:
            before, _ = _context(old, residual[0][0], residual[0][1])
            _, after = _context(old, residual[-1][0], residual[-1][1])
            if new_words:
                before, after = _context(new, j1, j2)
        else:
            before, after = _context(new, j1, j2)
        changes.append(Change(CHANGE, kind, old=old_text, new=new.span(j1, j2) if new_words else "",
                              before=before, after=after,
                              old_span=(residual[0][0], residual[-1][1]) if residual else (i1, i1),
                              new_span=(j1, j2)))
    if any(c.cls == CHANGE for c in changes):
        cls = CONTENT
    elif any(c.cls == BOILERPLATE for c in changes):
        cls = BOILERPLATE
    elif changes or _layout_text(old.text) != _layout_text(new.text):
        cls = LAYOUT
    else:
        cls = IDENTICAL
    return Comparison(cls, changes, old, new)


def _layout_text(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def compare_texts(old_text: str, new_text: str, removed: Iterable[Any] = (), host: str | None = None,
                  classify: Classifier | None = default_classifier) -> Comparison:
    """Compare raw texts: OLD (stored copy, may be Markdown) against NEW (clean text)."""
    comparison = compare_documents(document(old_text), document(new_text),
                                   BoilerplateIndex(removed, host, classify))
    if comparison.cls == LAYOUT and old_text.strip() == new_text.strip():
        comparison.cls = IDENTICAL
    return comparison
