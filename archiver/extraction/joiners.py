"""Zero-width joiners and non-joiners put back into the words trafilatura wrote without them.

trafilatura deletes every character Python does not call printable from the text it writes, and
the zero-width non-joiner (U+200C) and joiner (U+200D) are among them. They are letters' business,
not layout: Persian spells words with the non-joiner ("می‌شود", "کتاب‌ها"), and the Indic scripts
choose a conjunct's form with either. Without them a Persian
text reads misspelled, and differs word for word from the page's (a reader's search, a diff of two
captures, a scorer's tokens: https://github.com/fhamborg/news-please/issues/215, a Persian page).

:func:`keep_joiners` reads the page's words that hold one between two letters (or marks on
them) of a script other than Latin's (or a reference to one: ``&zwnj;``, ``&#8204;``, ``&#x200D;``),
only when the source holds one at all, and writes each back
into the paragraphs where the same word stands without it. A word the page writes both ways keeps
the first spelling found. A joiner at a word's edge or beside ASCII letters (page builders' stray
ones) is no spelling, and emoji sequences are left as trafilatura writes them: WCXB test's truth
writes them without their joiners (three pages; the stage as first written, emoji and all, cost
its AEB-metric F1 .0001).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["JOINERS", "keep_joiners"]

JOINERS = True  # stage:keep-joiners; False: the paragraphs as trafilatura wrote them
_MARKS = ("\u200c", "\u200d")
_MARK = re.compile("[\u200c\u200d]")
_RUN = re.compile(r"[^\s<>\"'=&;]*")  # the rest of a word after a mark (read backwards: before it)
# the marks written as character references (&zwnj; &#8204; &#x200C; and the joiner's); group 1: a non-joiner.
# It starts with a literal, so re skips to each "&" in C (0.07 ms on a dev page; five substring tests took 0.5)
_ENTITY = re.compile(r"&(?:(zwnj|#8204|#x200c)|zwj|#8205|#x200d);", re.IGNORECASE)
# a letter outside the Latin scripts (and general punctuation): only pages with one are read for joiners
_OUTSIDE_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")
REACH = 64  # a word is read at most this far either side of a mark: bounded work on any page
_DROP = dict.fromkeys(map(ord, _MARKS))
_WORD = re.compile(r"\S+")
_PUNCT = ".,،;؛:!?؟«»()[]{}\"“”‘’…-–—"  # around a word, on either side: looked up without them


def _letter(char: str) -> bool:
    """``char`` is a letter or a mark on one, of a script other than Latin's ASCII."""
    return bool(char) and not char.isascii() and unicodedata.category(char)[0] in "LM"


def keep_joiners(paragraphs: Sequence[str], html: str) -> list[str]:
    """``paragraphs`` with each word that the page ``html`` writes with a zero-width joiner or
    non-joiner, and the paragraph without, written as the page writes it; ``paragraphs`` unchanged
    when ``JOINERS`` is off, no paragraph holds a letter outside the Latin scripts, or the page holds
    neither character (nor a reference to one)."""
    if not JOINERS or all(p.isascii() for p in paragraphs) or not _OUTSIDE_LATIN.search("\n".join(paragraphs)):
        return list(paragraphs)  # no word of a script that spells with them: the page is not read
    if not any(mark in html for mark in _MARKS):
        if not _ENTITY.search(html):
            return list(paragraphs)
        html = _ENTITY.sub(lambda m: _MARKS[m.group(1) is None], html)  # written as references
    spelled: dict[str, str] = {}
    backwards = html[::-1]
    size = len(html)
    end = -1
    for found in _MARK.finditer(html):
        at = found.start()
        if at < end:
            continue  # a later mark of a word already read
        if not (_letter(html[at - 1:at]) and _letter(html[at + 1:at + 2])):
            continue  # at a word's edge, beside Latin letters or between emoji: not a spelling kept
        left = _RUN.match(backwards, size - at, size - at + REACH)
        right = _RUN.match(html, at + 1, at + 1 + REACH)
        start = at - (left.end() - left.start()) if left else at
        end = right.end() if right else at + 1
        core = html[start:end].strip(_PUNCT)
        bare = core.translate(_DROP)
        if bare and bare != core:
            spelled.setdefault(bare, core)
    if not spelled:
        return list(paragraphs)

    def spell(match: re.Match[str]) -> str:
        token = match.group()
        core = token.strip(_PUNCT)
        if core not in spelled:
            return token
        start = token.index(core)
        return token[:start] + spelled[core] + token[start + len(core):]

    return [p if p.isascii() else _WORD.sub(spell, p) for p in paragraphs]
