"""Counts as users read them: "1 WARC file", "2 WARC files", "0 WARC files"."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """Return "N NOUN" with the noun singular for n == 1 (and -1), plural otherwise.

    n: the count (any int). noun: the singular, which may be several words ("WARC file",
    "content change"); its plural is noun + "s" unless `plural` is given ("returns to an earlier
    version" for "return to an earlier version"). No errors.
    """
    return f"{n} {noun if abs(n) == 1 else (plural if plural is not None else noun + 's')}"


_CLOSING = tuple(",.;:!?)]}%\u2026\u2019\u201d\u00bb")


def space_before(text: str) -> str:
    """The space to put before ``text`` shown after other words: none when it opens with punctuation that
    closes what stands before it (``hall{+, and ...+}.``, not ``hall {+, and ...+} .``)."""
    return "" if text.startswith(_CLOSING) else " "


TITLE_CHARS = 300  # a title longer than this is shown cut: a template can put megabytes of data in <title>


def clip(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` cut to ``limit`` characters (an int >= 1), with ``… (N characters)`` saying how long it was;
    ``text`` itself when it is no longer. For one-line displays of page titles (``archiver list``, ``search``,
    the report): a page whose template filled its ``<title>`` with 3 MB of data made each a 3 MB line."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… ({len(text):,} characters)"


# why a capture has no extraction row, said without guessing which (review49: a plain fetch was told "after reindex")
NOT_EXTRACTED_WHY = "after 'archiver fetch' without extraction, an interrupted extract, or 'archiver reindex'"
