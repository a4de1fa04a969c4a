"""Align two documents token by token, with edits placed where people read them.

``opcodes`` is ``difflib.SequenceMatcher`` over the token keys, with two
corrections: short accidental matches ("the", ",") between two changes are
folded into them, and an insertion or deletion that could sit at several places
along equal text is slid onto paragraph or sentence boundaries.
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from archiver.diff.normalize import Document

SHORT_EQUAL = 3  # equal runs shorter than this between two changes are merged into them
# SequenceMatcher without autojunk pairs every occurrence of a token in one text with every one in
# the other, once for each stretch between two edits: a page repeating one word 120,000 times (a
# hostile 1 MB headline) took minutes, one of 4,400 times 35 s with 40 edits (review3). Above this
# many pairs, difflib's own heuristic (autojunk: a token over 1% of the new text cannot start a
# match) is switched on; an article's pairs are some 10^5 (its "the"s and commas).
MAX_PAIRS = 2_000_000

Opcode = tuple[str, int, int, int, int]


def opcodes(old: Document, new: Document) -> list[Opcode]:
    """Token-level alignment with short accidental matches folded into the changes around them."""
    a, b = old.keys, new.keys
    matcher = SequenceMatcher(None, a, b, autojunk=token_pairs(a, b) > MAX_PAIRS)
    ops = matcher.get_opcodes()
    merged: list[list[Any]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" and 0 < k < len(ops) - 1 and i2 - i1 < SHORT_EQUAL \
                and _one_paragraph(old, *_around(ops[k - 1][1:3], i1, i2, ops[k + 1][1:3])) \
                and _one_paragraph(new, *_around(ops[k - 1][3:5], j1, j2, ops[k + 1][3:5])):
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


def token_pairs(a: list[str], b: list[str]) -> int:
    """How many (i, j) pairs with ``a[i] == b[j]``: the work SequenceMatcher without autojunk
    does at worst, O(len(a) + len(b))."""
    counts = Counter(b)
    return sum(n * counts[key] for key, n in Counter(a).items())


def _around(before: tuple[int, int], a: int, b: int, after: tuple[int, int]) -> tuple[int, int]:
    """The tokens of one side an equal run ``a..b-1`` would join when folded into the changes around it: the last
    token of the change before and the first of the change after, each only when that change has tokens on this
    side. (Before, the token after the run was always counted: a headline's change followed by a word deleted
    at its end reached into the next paragraph on the side that lost the word, so "Mayor [-quits after-]{+resigns
    amid row over sports+} funding" and "funding [-row-]" were two changes of one rewritten headline.)"""
    return (a - 1 if before[1] > before[0] else a), (b if after[1] > after[0] else b - 1)


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
