"""The words shown around a difference: the context before and after a change's token range (up to
``CONTEXT_TOKENS`` tokens a side, paragraph breaks marked ``\u00b6``), cut where a neighbouring content
change stands, and token ranges joined into the text a change shows. Token indices are into a
:class:`archiver.diff.normalize.Document`'s ``tokens``; ranges are half-open ``(start, end)``.
"""
from __future__ import annotations

from archiver.diff.changes import Change
from archiver.diff.normalize import Document

__all__ = ["CONTEXT_TOKENS", "clip_contexts", "context", "framed", "joined"]

CONTEXT_TOKENS = 8


def context(doc: Document, i: int, j: int) -> tuple[str, str]:
    return framed(doc, max(0, i - CONTEXT_TOKENS), i, j, min(len(doc.tokens), j + CONTEXT_TOKENS))


def framed(doc: Document, lo: int, i: int, j: int, hi: int) -> tuple[str, str]:
    """The context before (tokens lo..i-1) and after (j..hi-1) a change at i..j-1, paragraph breaks marked.

    A break between the context and the change is marked too (``structure. \u00b6`` before a change
    opening a paragraph). Pieces of other paragraphs that hold no word are left out (:func:`_start`,
    :func:`_end`); the break where the context then begins or ends stays marked (``\u00b6 The company
    said ...``, ``\u00b6`` alone when the change opens its paragraph), so the reader still sees where the
    change's paragraph starts or ends.
    """
    tokens = doc.tokens
    start, stop = _start(doc, lo, i), _end(doc, j, hi)
    before, after = doc.context(start, i), doc.context(j, stop)
    if before and i < len(tokens) and tokens[i].para != tokens[i - 1].para:
        before += " \u00b6"
    if after and j > 0 and tokens[j].para != tokens[j - 1].para:
        after = "\u00b6 " + after
    if start > lo:  # marks left out: the context begins at a paragraph break
        before = f"\u00b6 {before}" if before else "\u00b6"
    if stop < hi:  # likewise at its end
        after = f"{after} \u00b6" if after else "\u00b6"
    return before, after


def _breaks(doc: Document, lo: int, hi: int) -> list[int]:
    """The token indices in ``lo..hi`` (both ends in) that open a paragraph (a break before them)."""
    tokens = doc.tokens
    return [k for k in range(max(lo, 1), min(hi + 1, len(tokens))) if tokens[k].para != tokens[k - 1].para]


def _start(doc: Document, lo: int, i: int) -> int:
    """``lo`` moved past each piece of another paragraph, outermost first, that holds no word, only marks.

    Eight tokens before a paragraph's first words often reach back to the full stop alone of the paragraph
    before it, and the change read ``…. ¶ The company said it would look at [-other lines-]...``: a stray dot
    (nu58); behind a ``).`` piece a paragraph of a dash alone stayed (review63). A piece with a word stays:
    it says where the change stands. A break at the change itself counts (the context may be marks alone).
    """
    while True:
        first = next((k for k in _breaks(doc, lo + 1, i)), None)
        if first is None or any(t.word for t in doc.tokens[lo:first]):
            return lo
        lo = first


def _end(doc: Document, j: int, hi: int) -> int:
    """``hi`` moved back past each piece of another paragraph, outermost first, that holds no word
    (:func:`_start`'s mirror: the opening quote alone of the next paragraph)."""
    while True:
        breaks = _breaks(doc, j, hi - 1)
        if not breaks or any(t.word for t in doc.tokens[breaks[-1]:hi]):
            return hi
        hi = breaks[-1]


def clip_contexts(content: list[Change], old: Document, new: Document) -> None:
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
        c.before, c.after = framed(doc, lo, i, j, hi)


def joined(doc: Document, ranges: list[tuple[int, int]]) -> str:
    """Token ranges' text as shown, joined by `` \u2026 `` over left-out words, else `` \u00b6 `` at a paragraph
    break (two paragraphs removed whole read ``A. \u2026 B.`` before, as if words between were kept) or a space."""
    out = ""
    for n, (a, b) in enumerate(ranges):
        if n:
            gap = ranges[n - 1][1] != a
            out += " \u2026 " if gap else " \u00b6 " if doc.tokens[a].para != doc.tokens[a - 1].para else " "
        out += doc.show(a, b)
    return out
