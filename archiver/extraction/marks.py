"""Which of a few start-tag openings a page's HTML holds, in about one scan of it.

``extract`` runs some stages only on pages whose source holds ``<template``, ``<dd``,
``<figcaption``, ``<blockquote``, ``<iframe``, ``<sup`` or a named anchor (``<a name=``, ``<A NAME=``)
(a cheap gate in front of a walk of the tree). Each
``in`` test scans the whole page (about 0.1 ms for a benchmark page, more when its text is not
ASCII); one ``re`` search for their union skips to each ``<`` in C and tries the four names
there, and searches again, for the ones not yet found, only from the last one found (0.36 ms
a speed page for the four ``in`` tests, 0.13 for the union's scan). ``<sup`` (the footnote marks'
gate) joined them in speed40: 0.003 ms a speed page more for the union, where its own scan of the
page's bytes cost 0.09 ms (it is on 13 of the 431 speed pages, so the union usually runs to the end anyway).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

__all__ = ["TAG_MARKS", "tag_marks", "holder", "RAW_SCANS", "CASELESS_SCANS", "FOLDS_TO_ASCII", "holds_caseless"]

TAG_MARKS = ("<template", "<dd", "<figcaption", "<blockquote", "<iframe", "<sup", "<a name=", "<A NAME=")


@lru_cache(maxsize=16)
def _union(marks: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("<(?:" + "|".join(re.escape(mark[1:]) for mark in marks) + ")")


def tag_marks(html: str, marks: tuple[str, ...] = TAG_MARKS) -> frozenset[str]:
    """The ``marks`` (each ``<`` and a name) that occur in ``html``: ``{m for m in marks if m in html}``.

    Each search looks for the marks not found yet, from where the last one was found (another,
    longer mark may start at that same ``<``).
    """
    found: set[str] = set()
    left, at = marks, 0
    while left:
        hit = _union(left).search(html, at)
        if hit is None:
            break
        found.add(hit.group())
        at = hit.start()
        left = tuple(mark for mark in left if mark not in found)
    return frozenset(found)


RAW_SCANS = True  # False: the gates always scan the text (speed only: the same answers)


def holder(html: str, raw: bytes | None) -> Callable[[str], bool]:
    """``needle in html`` for an ASCII ``needle``, answered from ``raw`` when given: ``html`` in UTF-8,
    byte for byte (``decode.Decoded.exact``). An ASCII needle occurs in the bytes exactly where it
    occurs in the text (every byte of another character's UTF-8 is 128 or more), and a page of text
    with a character past U+00FF (a curly quote) is stored two bytes a character: a scan of its
    UTF-8 costs about half as much (a gate scans the whole page when its needle is absent, as
    on most pages)."""
    if raw is None or not RAW_SCANS:
        return html.__contains__
    return lambda needle: needle.encode("ascii") in raw


CASELESS_SCANS = True  # False: holds_caseless always runs the regular expression (speed only: the same answers)
# The characters past ASCII that ``re.IGNORECASE`` matches to an ASCII letter, digit or hyphen (İ, ı, ſ, and
# the Kelvin sign), found by trying every code point (tests/test_marks_caseless.py does so again).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS_UTF8 = tuple(c.encode("utf-8") for c in FOLDS_TO_ASCII)
_PLAIN_WORD = re.compile(r"[a-z0-9-]+")


@lru_cache(maxsize=16)
def _plain_words(words: tuple[str, ...]) -> tuple[bytes, ...] | None:
    """``words`` as lower-case ASCII bytes, when each is a plain word (letters, digits, hyphens) that reads
    the same as a regular expression; else None."""
    low = tuple(w.lower() for w in words)
    if not all(_PLAIN_WORD.fullmatch(w) for w in low):
        return None
    return tuple(w.encode("ascii") for w in low)


def holds_caseless(html: str, raw: bytes | None, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """``pattern.search(html) is not None``, where ``pattern`` is ``words`` joined by ``|`` under
    ``re.IGNORECASE``; ``raw`` is ``html`` in UTF-8 byte for byte, or None.

    ``re`` has no fast scan for a case-blind alternation: it tries every word at every character
    (about 17 ms for a 150,000-character page). When every word is plain ASCII (letters, digits, hyphens)
    the same answer comes from two C scans of the page's UTF-8: one ASCII word occurs case-blind in the
    text exactly where it occurs in the bytes lowered (every byte of a character past ASCII is 128 or more
    and ``bytes.lower`` changes only A-Z), save for the four characters past ASCII that ``re`` folds to an
    ASCII letter (``FOLDS_TO_ASCII``): a page holding one of them is searched with ``pattern``. Words that
    are not plain are searched with ``pattern`` too."""
    plain = _plain_words(words) if CASELESS_SCANS else None
    if plain is None:
        return pattern.search(html) is not None
    data = raw if raw is not None else html.encode("utf-8", "surrogatepass")
    if any(c in data for c in _FOLDS_UTF8):
        return pattern.search(html) is not None
    data = data.lower()
    return any(w in data for w in plain)
