"""Text encoded twice ("mojibake"): UTF-8 read as Latin-1 or Windows-1252 and written out as
UTF-8 again, so a page's ``we’ll`` reaches us as ``weâ\\x80\\x99ll`` (``weâ€™ll``), its
``café`` as ``cafÃ©`` and an emoji as ``ðŸ‘‰``. A content system with a wrong database
charset, or a crawler that decoded with the wrong charset and saved its text as UTF-8, does
this; the page declares and is valid UTF-8, so no charset choice can undo it
(``decode.py`` picks the right charset; the damage is in the characters). trafilatura
then deletes the C1 control characters (``\\x80``, ``\\x99``), leaving ``weâll``: words
that match nothing.

The repair is ftfy's (``ftfy.fix_encoding``, https://ftfy.readthedocs.io: it re-encodes
only sequences that decode as UTF-8 and read as more likely text, and leaves text in
any language that merely holds an ``â`` or an ``Ã`` alone). ftfy costs milliseconds on
a whole page, so it is given each sequence alone: a lead character of a UTF-8 sequence
(``Â``, ``Ã``, ``â``, ``ð``, ...) followed by as many characters as its continuation bytes
become in Latin-1 or Windows-1252; ftfy decides whether that is mojibake.
"""

from __future__ import annotations

import re
from types import ModuleType

ftfy: ModuleType | None
try:
    import ftfy
except ImportError:  # an image built from a lock file made before ftfy was added: text as decoded
    ftfy = None

__all__ = ["repair", "REPAIR"]

REPAIR = True  # False: text as decoded (bench.ablation's stage:mojibake)

# a continuation byte (0x80-0xBF) read as Latin-1 (C1 controls, U+00A0-U+00BF) or as
# Windows-1252 (its 0x80-0x9F characters: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ)
_CONT = ("[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
         "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")
# one UTF-8 sequence so read: its lead byte (0xC2-0xF4, read as Latin-1) and its continuation bytes,
# as many as the lead says. Written as one character class first (then a look back at which lead it
# was) rather than three alternatives: the regex engine then skips to the next lead character in C
# instead of trying three branches at every character of the page (4x faster over a whole page).
_SEQUENCE = re.compile(f"[\u00c2-\u00f4](?:(?<=[\u00c2-\u00df]){_CONT}|(?<=[\u00e0-\u00ef]){_CONT}{{2}}"
                       f"|(?<=[\u00f0-\u00f4]){_CONT}{{3}})")
# the lead characters a sequence starts with most often: a cheap first screen
_LEADS = ("\u00e2", "\u00c3", "\u00c2", "\u00f0", "\u00c5", "\u00d0", "\u00d1")


def _fix(match: re.Match[str]) -> str:
    assert ftfy is not None  # repair() calls this only with ftfy present
    return ftfy.fix_encoding(match.group())


def repair(text: str) -> str:
    """``text`` with double-encoded UTF-8 sequences decoded once more (ftfy), or ``text``
    itself when the screen finds none or ftfy changes nothing. Never raises for content."""
    if not REPAIR or ftfy is None or not any(lead in text for lead in _LEADS):
        return text
    try:
        return _SEQUENCE.sub(_fix, text)
    except (ValueError, UnicodeError, RecursionError):  # never lose the page over a repair
        return text
