"""Whether a version step changed the article's headline: the title line of two clean texts, compared as words.

A clean text's first line is the headline as the page shows it (``archiver.output.render_text``; the title
declared in ``<title>`` stays the sidecar's metadata). Its change is what a reader of a news-edit tracker looks
for first (NewsDiffs and diffengine put the headline beside the diff), yet the word diff shows it as one passage
among others, and when the page still declares the old headline in ``<title>`` the old words are explained by the
page and left out as boilerplate, so ``Mayor defends spending on new town hall`` -> ``Mayor Brandt defends 112
million euro town hall`` read ``content added: …Mayor {+Brandt defends 112 million euro+} town hall``.

Words are compared as the diff's word tokens (:func:`archiver.diff.normalize.document`: quote and dash styles,
spacing, Markdown and punctuation do not count, a mark added to a headline is layout there; signs that carry
meaning, such as ``%`` or ``€``, do), case kept. Pure.
"""
from __future__ import annotations

from archiver.diff.normalize import document

__all__ = ["headline_change"]


def _title_line(text: str) -> str:
    return " ".join(text.partition("\n")[0].split())


def _words(line: str) -> list[str]:
    return [t.key for t in document(line).tokens if t.word]


def headline_change(old_text: str | None, new_text: str | None) -> tuple[str, str] | None:
    """``(old headline, new headline)`` when the first lines of two clean texts differ in words, else None
    (either text missing or without a title line, or the same words written otherwise)."""
    if not old_text or not new_text:
        return None
    old, new = _title_line(old_text), _title_line(new_text)
    if not old or not new:
        return None
    if _words(old) == _words(new):
        return None
    return old, new
