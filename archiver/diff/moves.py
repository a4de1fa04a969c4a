"""Paragraphs that moved, not changed: the same words removed in one place and added in another.

The word alignment (``difflib.SequenceMatcher``) keeps one order, so a paragraph
moved from the top to the bottom comes out as "removed" there and "added" here.
This module pairs such pieces: a paragraph (or the part of one inside a change)
of at least :data:`MIN_MOVE_WORDS` words whose word sequence, case-folded and
without punctuation, is on the OLD-only side in one change and on the NEW-only
side in another. Each pair is reported once as *moved*; the words are then left
out of the removed/added content. A paragraph moved and edited stays removed
and added (its words changed).
"""
from __future__ import annotations

from dataclasses import dataclass

from archiver.diff.normalize import Document

MIN_MOVE_WORDS = 3

Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class Move:
    old_span: tuple[int, int]  # token range in OLD
    new_span: tuple[int, int]  # token range in NEW


def _chunks(doc: Document, a: int, b: int) -> list[tuple[int, int]]:
    """Token ranges of ``a..b`` cut at paragraph boundaries, trimmed to words at both ends."""
    out = []
    k = a
    while k < b:
        end = k
        while end < b and doc.tokens[end].para == doc.tokens[k].para:
            end += 1
        s, e = k, end
        while s < e and not doc.tokens[s].word:
            s += 1
        while e > s and not doc.tokens[e - 1].word:
            e -= 1
        if s < e:
            out.append((s, e))
        k = end
    return out


def _key(doc: Document, a: int, b: int) -> tuple[str, ...]:
    return tuple(t.fold_key for t in doc.tokens[a:b] if t.word)


def _with_punctuation(doc: Document, a: int, b: int, limit: int) -> int:
    """Extend a chunk's end over the punctuation that closes it (up to ``limit``)."""
    while b < limit and not doc.tokens[b].word and doc.tokens[b].para == doc.tokens[b - 1].para:
        b += 1
    return b


def find_moves(old: Document, new: Document, ops: list[Opcode]) -> list[Move]:
    """Moved paragraphs between the OLD-only and NEW-only parts of ``ops`` (``SequenceMatcher`` opcodes).

    Returns the moves in OLD order; each token is in at most one move.
    """
    removed: dict[tuple[str, ...], list[tuple[int, int, int, int]]] = {}
    for n, (tag, i1, i2, _j1, _j2) in enumerate(ops):
        if tag in ("delete", "replace"):
            for a, b in _chunks(old, i1, i2):
                key = _key(old, a, b)
                if len(key) >= MIN_MOVE_WORDS:
                    removed.setdefault(key, []).append((n, a, _with_punctuation(old, a, b, i2), i2))
    if not removed:
        return []
    moves = []
    for tag, _i1, _i2, j1, j2 in ops:
        if tag not in ("insert", "replace"):
            continue
        for a, b in _chunks(new, j1, j2):
            key = _key(new, a, b)
            candidates = removed.get(key)
            if not candidates:
                continue
            _op, oa, ob, _lim = candidates.pop(0)
            moves.append(Move((oa, ob), (a, _with_punctuation(new, a, b, j2))))
    return sorted(moves, key=lambda m: m.old_span)
