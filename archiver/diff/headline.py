"""Whether a version step changed the article's headline: two shown headlines, compared as words.

The shown headline of a version is not always its clean text's first line: under a declared ``og:title``
the page's ``<h1>`` may stay the first paragraph (:mod:`archiver.diff.shownline` finds it the way the
extractor does). Its change is what a reader of a news-edit tracker looks for first (NewsDiffs and
diffengine put the headline beside the diff), yet the word diff shows it as one passage among others, and
when the page still declares the old headline the old words are explained by the page and left out as
boilerplate, so ``Mayor defends spending on new town hall`` -> ``Mayor Brandt defends 112 million euro town
hall`` read ``content added: …Mayor {+Brandt defends 112 million euro+} town hall``.

Words are compared as the diff's word tokens (:func:`archiver.diff.normalize.document`: quote and dash
styles, spacing and punctuation do not count, a mark added to a headline is layout there; signs that carry
meaning, such as ``%`` or ``€``, do), case folded as the diff's moves match (a restyle to sentence case is no
new headline). The line is read as plain text, never as Markdown (``render_text`` writes the title line
plain): a leading ``7. `` of "7. Dezember" or "1. FC Köln" is a word, not a list marker. Pure.
"""
from __future__ import annotations

from archiver.diff.normalize import document

__all__ = ["headline_change", "same_words", "word_key"]


def _title_line(text: str) -> str:
    return " ".join(text.partition("\n")[0].split())


def _words(line: str) -> list[str]:
    return [t.fold_key for t in document(line, markdown=False).tokens if t.word]


def word_key(line: str) -> str:
    """``line``'s words as :func:`same_words` compares them, one string (two lines of one key are the same)."""
    return " ".join(_words(line))


def same_words(a: str, b: str) -> bool:
    """Whether two headlines hold the same words (as the module docstring says), case folded."""
    return _words(a) == _words(b)


def headline_change(old_text: str | None, new_text: str | None) -> tuple[str, str] | None:
    """``(old headline, new headline)`` when the first lines of two texts (two shown headlines, or two clean
    texts whose title line is the headline) differ in words, else None (either missing or empty, or the
    same words written otherwise)."""
    if not old_text or not new_text:
        return None
    old, new = _title_line(old_text), _title_line(new_text)
    if not old or not new:
        return None
    if same_words(old, new):
        return None
    return old, new
