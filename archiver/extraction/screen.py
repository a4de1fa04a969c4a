"""A cheap screen in front of the paragraph rules: which paragraphs no rule can match.

Most body paragraphs match no paragraph rule, yet trying each rule's pattern on
each of them is most of the paragraph stage's time: a pattern with a lookbehind
or a leading lookahead (``^(?=.*\\bsubscribe\\b)...``) walks the whole paragraph,
and there are some fifty. The screen answers "can any rule match this paragraph?"
with the same answer as trying them all, for less:

- a rule can only match a paragraph up to its length cap: its ``max_length``,
  and, for a pattern anchored at both ends (``^...$``), the longest text the
  pattern can match (``re``'s own parser gives that width);
- a rule anchored at the start (``^``) is tried only on paragraphs starting with
  a character its pattern can start with (read from the parse tree: literals and
  character sets, both cases under IGNORECASE); a paragraph starting with a
  non-ASCII character meets the rules naming that character, those whose first
  item may match characters the parse tree does not list (``.``, ``\\w``, a
  negated set, a non-ASCII letter under IGNORECASE), and, for the four letters
  IGNORECASE folds onto ASCII ones (:data:`ASCII_FOLDS`), the rules of that letter;
- any other rule, and an anchored one whose pattern starts with a lookahead
  (``^(?=.*\\bsubscribe\\b)``, a walk over the whole paragraph) or whose first item
  may be most characters (over 60 listed, or any: ``^(?:.{0,40} )?please``), is tried only when
  the paragraph holds one of the literal texts one of which every match of its
  pattern holds (``SEE ALSO:``; ``contains``, ``may contain`` or ``includes``;
  a lookahead's texts count), compared in lower case for IGNORECASE patterns,
  after the four folding letters are written as their ASCII letters, and with
  only the letters whose lower case is all they match under IGNORECASE (not
  Greek sigma or the Cyrillic letters with old forms, :func:`_plain`).
- rules are tried longest length cap first, and no further than the first cap
  the paragraph is longer than.

Anything the screen cannot read (another Python's ``re`` internals, a pattern
starting with a lookahead) is tried on every paragraph, so the screen never says
"no" for a paragraph a rule matches.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .rules import ParagraphRule

__all__ = ["Screen", "screen_for"]

_NO_CAP = float("inf")
_ASCII = [chr(c) for c in range(128)]
_UNBOUNDED = 1 << 31  # re's parser gives a width at least this large for "any length"
_WIDE = "wide"  # in a rule's first characters: it may also start with a non-ASCII character not listed

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
class _Shape:
    anchored: bool = False                # every match starts at the start of the text
    cap: float = _NO_CAP                  # no text longer than this can match
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
            out.add(_WIDE)
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
            chars |= members | {_WIDE}  # a category also holds non-ASCII characters
    cased = _cased(chars, ignore)
    return (set(_ASCII) - cased) | {_WIDE} if negate else cased


def _item_firsts(op: Any, av: Any, ignore: bool, sre: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of one parsed item can start with (None: unknown), and whether the
    item can match the empty text (a zero-width assertion, an optional part)."""
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # ^, \\b, a lookahead: what follows starts the match
    if op is sre.LITERAL:
        return _cased({chr(av)}, ignore), False
    if op is sre.NOT_LITERAL:
        return (set(_ASCII) | {_WIDE}) - (_cased({chr(av)}, ignore) - {_WIDE}), False
    if op is sre.IN:
        return _set_firsts(av, ignore, sre), False
    if op is sre.ANY:
        return set(_ASCII) | {_WIDE}, False
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


def _shape(pattern: re.Pattern[str]) -> _Shape:
    """What ``pattern``'s parse tree tells: anchoring, length cap, first characters, a literal."""
    if pattern.flags & re.M:  # ^ and $ are line starts and ends
        return _Shape()
    try:
        sre = importlib.import_module("re._constants")  # what re.compile itself parses with
        parsed = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags)
        data = parsed.data
        start, end = (sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_END)
        branches = [b.data for b in data[0][1][1]] if len(data) == 1 and data[0][0] is sre.BRANCH else [data]
        anchored = all(b and b[0] == start for b in branches)
        cap: float = _NO_CAP
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
        return _Shape()
    return _Shape(anchored, cap, tuple(needs), frozenset(firsts) if firsts is not None else None, looks_ahead)


# (length cap, last, first, needs, folded, match): ``last``/``first`` the rule's windows (0: none)
_Entry = tuple[float, int, int, tuple[str, ...], bool, Callable[[str], Any]]


def _by_cap(entries: Any) -> tuple[_Entry, ...]:
    """Entries longest length cap first, each rule once, so a loop stops at the first cap too
    short for the text."""
    return tuple(sorted(dict.fromkeys(entries), key=lambda entry: -entry[0]))


def _broad(firsts: frozenset[str] | None) -> bool:
    """A pattern that may start with most characters (``^(?:.{0,40})please``) is a walk too."""
    return firsts is None or len(firsts) > _BROAD_FIRSTS


_BROAD_FIRSTS = 60


class Screen:
    """``may_match(text, index, count)``: False only when no rule can match ``text``, the
    ``index``-th (1-based) of ``count`` paragraphs (rules with ``last`` count from the end;
    a rule with ``first`` is tried only among the first paragraphs). ``first`` and ``last`` are
    the widest such windows: between them the answer depends on the text alone."""

    __slots__ = ("by_first", "any_first", "wide", "anchored", "others", "starts", "first", "last")

    def __init__(self, rules: tuple[ParagraphRule, ...]) -> None:
        by_first: dict[str, list[_Entry]] = {}
        any_first: list[_Entry] = []
        wide: list[_Entry] = []
        anchored: list[_Entry] = []
        others: list[_Entry] = []
        for rule in rules:
            shape = _shape(rule.pattern)
            cap = min(rule.max_length or _NO_CAP, shape.cap)
            folded = bool(rule.pattern.flags & re.I)
            if shape.anchored:  # search is match; its needed texts are looked up first only when a
                # leading lookahead or a broad first item walks the text anyway (others fail sooner)
                needs = shape.needs if shape.looks_ahead or _broad(shape.firsts) else ()
                entry = (cap, rule.last, rule.first, needs, folded, rule.pattern.match)
                anchored.append(entry)
                if shape.firsts is None:
                    any_first.append(entry)
                    continue
                if _WIDE in shape.firsts:
                    wide.append(entry)
                for c in shape.firsts - {_WIDE}:
                    by_first.setdefault(c, []).append(entry)
            else:
                others.append((cap, rule.last, rule.first, shape.needs, folded, rule.pattern.search))
        self.by_first = {c: tuple(entries) for c, entries in by_first.items()}
        self.any_first = tuple(any_first)
        self.wide = tuple(wide)
        self.anchored = tuple(anchored)
        self.others = tuple(others)
        self.starts: dict[str, tuple[_Entry, ...]] = {}  # first character -> _starts(it), filled as met
        self.first = max((rule.first for rule in rules), default=0)
        self.last = max((rule.last for rule in rules), default=0)

    def _starts(self, first: str) -> tuple[_Entry, ...]:
        """The rules a text starting with ``first`` may match (the anchored ones its first
        character allows, and all the others), longest cap first."""
        if not first:
            return _by_cap(self.anchored + self.others)
        starts = self.any_first + self.by_first.get(first, ())
        if not first.isascii():
            ascii_fold = ASCII_FOLDS.get(ord(first))
            starts += self.wide + (self.by_first.get(ascii_fold, ()) if ascii_fold else ())
        return _by_cap(starts + self.others)

    def may_match(self, text: str, index: int, count: int) -> bool:
        size = len(text)
        lower = None
        first = text[:1]
        starts = self.starts.get(first)
        if starts is None:
            if len(self.starts) >= 4096:
                self.starts.clear()
            starts = self.starts[first] = self._starts(first)
        for cap, last, first_n, needs, folded, match in starts:
            if cap < size:
                break
            if last and index <= count - last or first_n and index > first_n:
                continue
            if needs:
                if folded:  # an IGNORECASE pattern: its texts are in lower case
                    if lower is None:
                        lower = fold(text)
                    hay = lower
                else:
                    hay = text
                for need in needs:  # a loop, not any() over a generator: 25 checks a paragraph
                    if need in hay:
                        break
                else:
                    continue
            if match(text) is not None:
                return True
        return False


_SCREENS: dict[int, tuple[tuple[ParagraphRule, ...], Screen]] = {}  # id -> (the rules, kept alive; their screen)


def screen_for(rules: tuple[ParagraphRule, ...]) -> Screen:
    """The screen for a rule set's paragraph rules, built once per rule set and found again by
    the tuple's identity (``rules_for`` gives a host the same tuple each time): hashing the rules,
    frozen dataclasses holding compiled patterns, cost 90 µs a call."""
    entry = _SCREENS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_SCREENS) >= 64:
            _SCREENS.clear()
        entry = _SCREENS[id(rules)] = (rules, Screen(rules))
    return entry[1]
