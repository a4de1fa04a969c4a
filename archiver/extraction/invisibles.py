"""Soft hyphens and zero-width characters out of the lines archiver's own stages put in the text.

trafilatura deletes every character Python does not call printable from the lines it writes, so a
soft hyphen (U+00AD, ``&shy;``: where a word may break at a line's end, no letter of it), a zero-width
space (U+200B), a word joiner (U+2060) or a stray byte-order mark (U+FEFF) never reaches its text.
The lines archiver's stages read from the tree themselves (the standfirst put back, a lead, a gap,
a declared body) kept them: on a page a hyphenation script (Hyphenopoly, hyphenator.js) wrote
through, or a newsletter fingerprinted with zero-width characters, the teaser came out as
"Pre\u00adsid\u00adent" beside a body without them, its words unlike the same article's served
without them (a reader's search, a diff of two captures, a scorer's tokens). :func:`drop_invisibles`
takes them out of the title and every paragraph, as trafilatura does from its own lines; the
zero-width non-joiner and joiner are letters' business and stay (``joiners.py`` puts them back).
:func:`visible` does the same for the headline as shown.
"""
from __future__ import annotations

from collections.abc import Sequence

__all__ = ["INVISIBLES", "drop_invisibles", "visible"]

INVISIBLES = True  # stage:invisible-chars; False: the lines as the stages wrote them
_CHARS = "\u00ad\u200b\u2060\ufeff"
_DROP = dict.fromkeys(map(ord, _CHARS))


def _holds(text: str) -> bool:
    return not text.isascii() and any(c in text for c in _CHARS)


def drop_invisibles(title: str, paragraphs: Sequence[str]) -> tuple[str, list[str]]:
    """``title`` and ``paragraphs`` without soft hyphens, zero-width spaces, word joiners and
    byte-order marks; unchanged (as a list) when ``INVISIBLES`` is off or none holds one. A paragraph
    left empty (it held only such characters) goes."""
    if not INVISIBLES or (not _holds(title) and not any(_holds(p) for p in paragraphs)):
        return title, list(paragraphs)
    kept = [p.translate(_DROP) if _holds(p) else p for p in paragraphs]
    return title.translate(_DROP), [p for p in kept if p.strip()]


def visible(text: str | None) -> str | None:
    """``text`` (the headline as shown) without those characters, when ``INVISIBLES`` is on."""
    return text.translate(_DROP) if INVISIBLES and text and _holds(text) else text
