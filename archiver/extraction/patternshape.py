"""What a regular expression's parse tree tells about its matches, for :mod:`.screen`.

:func:`pattern_shape` reads a compiled ``str`` pattern with ``re``'s own parser (``re._parser``, the
same one ``re.compile`` uses; CPython 3.11-3.13) and answers, as a :class:`Shape`: whether every
match starts at the start of the text (``^``), the longest text it can match when anchored at
both ends (characters, plus one for ``$`` before a final newline; ``inf`` when unbounded), the
characters a match can start with (ASCII ones listed, :data:`WIDE` standing for "and non-ASCII
characters not listed"; None: any), and literal texts one of which every match holds (lower case,
:func:`fold`-ed, for IGNORECASE patterns). Anything it cannot read gives the empty ``Shape()``,
which claims nothing. :func:`fold` writes a text as those needed texts are looked up in it.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["ASCII_FOLDS", "NO_CAP", "WIDE", "Shape", "fold", "pattern_shape"]

NO_CAP = float("inf")
_ASCII = [chr(c) for c in range(128)]
_UNBOUNDED = 1 << 31  # re's parser gives a width at least this large for "any length"
WIDE = "wide"  # in a rule's first characters: it may also start with a non-ASCII character not listed

# The only non-ASCII characters ``re`` matches with an ASCII letter under IGNORECASE (asked of re
# itself over every code point, CPython 3.11-3.13; the test suite asks again): I with a dot above,
# the dotless i, the long s, the Kelvin sign. No other non-ASCII character lower-cases to ASCII.
ASCII_FOLDS = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD_LOWER = (("\u0131", "i"), ("\u017f", "s"), ("\u0307", ""))  # in lower case, what fold() rewrites



class _Every:
    def __contains__(self, _item: object) -> bool:
        return True


try:  # the lower-case letters re matches with other letters under IGNORECASE besides their cases
    _EXTRA_CASES: Any = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # another Python: every non-ASCII letter counts as having them
    _EXTRA_CASES = _Every()


@dataclass(frozen=True)
class Shape:
    anchored: bool = False                # every match starts at the start of the text
    cap: float = NO_CAP                  # no text longer than this can match
    needs: tuple[str, ...] = ()           # every match holds one of these texts (): unknown)
    firsts: frozenset[str] | None = None  # the characters a match can start with (None: any)
    looks_ahead: bool = False             # anchored, and a lookahead first: a walk over the whole text


def _cased(chars: set[str], ignore: bool) -> set[str]:
    """``chars`` and, under IGNORECASE, the ASCII characters each of them matches (``re`` folds
    a few other characters onto ASCII letters: the long s, the Kelvin sign, the dotless i)."""
    if not ignore:
        return chars
    out = set(chars)
    for c in chars:
        out |= _ascii_folds(c)
        if not c.isascii():  # its other cases are not listed
            out.add(WIDE)
    return out


@lru_cache(maxsize=4096)
def _ascii_folds(c: str) -> frozenset[str]:
    """The ASCII characters the one-character pattern ``c`` matches under IGNORECASE, asked of
    ``re`` itself."""
    pattern = re.compile(re.escape(c), re.IGNORECASE)
    return frozenset(a for a in _ASCII if pattern.fullmatch(a))


def _ascii_members(item: Any, value: Any, sre: Any) -> set[str] | None:
    """The ASCII characters a category of a character set (``\\d``, ``\\s``, ``\\w`` and their
    negations) matches, as ``re`` matches them in a text pattern; None for another item."""
    names = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
             sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
    if item is not sre.CATEGORY or value not in names:
        return None
    return {c for c in _ASCII if re.match(names[value], c)}


def _set_firsts(av: Any, ignore: bool, sre: Any) -> set[str] | None:
    """The characters a character set ``[...]`` matches, as far as a text's first character
    looked up in ASCII needs them: its literals and ranges, the ASCII members of its categories;
    a negated set, the ASCII characters it does not name. None when unknown."""
    chars: set[str] = set()
    negate = False
    for item, value in av:
        if item is sre.NEGATE:
            negate = True
        elif item is sre.LITERAL:
            chars.add(chr(value))
        elif item is sre.RANGE and value[1] - value[0] < 128:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            members = _ascii_members(item, value, sre)
            if members is None:
                return None
            chars |= members | {WIDE}  # a category also holds non-ASCII characters
    cased = _cased(chars, ignore)
    return (set(_ASCII) - cased) | {WIDE} if negate else cased


def _item_firsts(op: Any, av: Any, ignore: bool, sre: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of one parsed item can start with (None: unknown), and whether the
    item can match the empty text (a zero-width assertion, an optional part)."""
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # ^, \\b, a lookahead: what follows starts the match
    if op is sre.LITERAL:
        return _cased({chr(av)}, ignore), False
    if op is sre.NOT_LITERAL:
        return (set(_ASCII) | {WIDE}) - (_cased({chr(av)}, ignore) - {WIDE}), False
    if op is sre.IN:
        return _set_firsts(av, ignore, sre), False
    if op is sre.ANY:
        return set(_ASCII) | {WIDE}, False
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _seq_firsts(sub, (ignore or bool(add & re.I)) and not remove & re.I, sre)
    if op is sre.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            found, nullable = _seq_firsts(branch, ignore, sre)
            if found is None:
                return None, False
            out |= found
            empty = empty or nullable
        return out, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, item = av
        found, nullable = _seq_firsts(item, ignore, sre)
        return found, nullable or not low
    return None, False  # a group reference, a conditional, ...


def _seq_firsts(seq: Any, ignore: bool, sre: Any) -> tuple[set[str] | None, bool]:
    """:func:`_item_firsts` for a parsed sequence: its items' first characters up to the first
    item that cannot match the empty text."""
    out: set[str] = set()
    for op, av in seq:
        found, nullable = _item_firsts(op, av, ignore, sre)
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _firsts(seq: Any, ignore: bool, sre: Any) -> set[str] | None:
    """The characters a match of the parsed sequence ``seq`` can start with; None when unknown,
    or when a match can be empty. Optional parts count with what follows them (``(?:\\d+ )?comments``
    starts with a digit or a c); for a text starting with an ASCII character (the only ones looked
    up by their first character) categories and negated sets stand for their ASCII members."""
    found, nullable = _seq_firsts(seq, ignore, sre)
    return None if nullable else found


def _better(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """Of two sets of texts one of which every match holds, the one that says more."""
    if not b:
        return a
    if not a:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def _needs(seq: Any, sre: Any) -> list[str] | None:
    """Texts one of which every match of the parsed sequence ``seq`` holds; None when unknown."""
    best: list[str] | None = None
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:  # consecutive literals: one text every match holds
            best = _better(best, ["".join(run)])
            run = []
        if op is sre.SUBPATTERN:
            _, add, remove, sub = av
            if not add and not remove:  # a group that changes IGNORECASE is left out
                best = _better(best, _needs(sub, sre))
        elif op is sre.BRANCH:
            alternatives: list[str] = []
            for branch in av[1]:
                found = _needs(branch, sre)
                if not found:
                    break
                alternatives += found
            else:
                best = _better(best, alternatives)
        elif op is sre.ASSERT:  # a lookahead or lookbehind that must hold: its texts are in the text
            best = _better(best, _needs(av[1], sre))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            best = _better(best, _needs(av[2], sre))
    return best


def _plain(c: str) -> bool:
    """Whether IGNORECASE matches ``c`` exactly with the characters of the same ``str.lower()``
    (ASCII letters count: :func:`fold` writes the four non-ASCII letters folding onto them as
    them); not so for the letters with extra cases (Greek sigma, Cyrillic old forms ...)."""
    if c.isascii():
        return True
    low = c.lower()
    return ord(c) not in ASCII_FOLDS and c != "\u0307" and len(low) == 1 and ord(low) not in _EXTRA_CASES


def _caseless(needs: tuple[str, ...]) -> tuple[str, ...]:
    """An IGNORECASE pattern's needed texts, for looking up in :func:`fold`'s text: each one's
    longest run of :func:`_plain` characters in lower case; () when one of them has none."""
    out = []
    for need in needs:
        pieces = "".join(c if _plain(c) else "\n" for c in need).split("\n")
        best = max(pieces, key=len)
        if not best:
            return ()
        out.append(best.lower())
    return tuple(out)


def fold(text: str) -> str:
    """``text`` as :class:`Screen` looks up an IGNORECASE rule's needed texts in it: lower case,
    the four non-ASCII letters folding onto ASCII ones written as those (the Kelvin sign lowers
    to k, the dotted capital I to i and a combining dot, which goes)."""
    low = text.lower()
    if low.isascii():
        return low
    for odd, plain in _ODD_LOWER:
        if odd in low:
            low = low.replace(odd, plain)
    return low


def pattern_shape(pattern: re.Pattern[str]) -> Shape:
    """What ``pattern``'s parse tree tells: anchoring, length cap, first characters, a literal. Kept per pattern
    (``SHAPE_CACHE``: the same text and flags, a ``Shape`` being frozen): ``Screen.for_page`` asks it of every rule
    for each long text, and parsing 343 rules' patterns cost 0.25 s of its 0.3 s on a text of 2,500 varied
    paragraphs, more than the pruning saves (round 36)."""
    return _cached_shape(pattern) if SHAPE_CACHE else _pattern_shape(pattern)


SHAPE_CACHE = True  # False: parsed again at every call (before round 36)


@functools.lru_cache(maxsize=8192)
def _cached_shape(pattern: re.Pattern[str]) -> Shape:
    return _pattern_shape(pattern)


def _pattern_shape(pattern: re.Pattern[str]) -> Shape:
    if pattern.flags & re.M:  # ^ and $ are line starts and ends
        return Shape()
    try:
        sre = importlib.import_module("re._constants")  # what re.compile itself parses with
        parsed = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags)
        data = parsed.data
        start, end = (sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_END)
        branches = [b.data for b in data[0][1][1]] if len(data) == 1 and data[0][0] is sre.BRANCH else [data]
        anchored = all(b and b[0] == start for b in branches)
        cap: float = NO_CAP
        if anchored and all(b[-1] == end for b in branches):
            widest = parsed.getwidth()[1]
            if widest < _UNBOUNDED:
                cap = widest + 1  # $ also matches before a final newline
        needs: tuple[str, ...] = tuple(_needs(data, sre) or ())
        if pattern.flags & re.I:
            needs = _caseless(needs)
        firsts = _firsts(data, bool(pattern.flags & re.I), sre) if anchored else None
        looks_ahead = anchored and all(len(b) > 1 and b[1][0] is sre.ASSERT for b in branches)
    except Exception:  # another Python's re: nothing known, the rule is tried on every paragraph
        return Shape()
    return Shape(anchored, cap, tuple(needs), frozenset(firsts) if firsts is not None else None, looks_ahead)
