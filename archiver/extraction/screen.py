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
  Greek sigma or the Cyrillic letters with old forms, :func:`.patternshape._plain`).
- rules are tried longest length cap first, and no further than the first cap
  the paragraph is longer than.

Anything the screen cannot read (another Python's ``re`` internals, a pattern
starting with a lookahead) is tried on every paragraph, so the screen never says
"no" for a paragraph a rule matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .patternshape import ASCII_FOLDS, NO_CAP, WIDE, fold, pattern_shape
from .rules import ParagraphRule

__all__ = ["Screen", "screen_for"]


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
PAGE_PRUNE = 2000  # paragraphs past which a text's screen keeps only the rules its literals allow (0: never)
PAGE_SEARCH_CHARS = 100_000_000  # characters searched for literals in such a text, at most (then: "may")
_DIGITS = re.compile(r"\d+")


class _PageText:
    """A long text's paragraphs, asked whether one of them may hold one of some literal texts.

    ``may_hold(needs, folded)``: False only when no paragraph holds any of ``needs`` (compared as
    :meth:`Screen.may_match` compares them: in :func:`fold`-ed text for an IGNORECASE rule). A literal
    with a character the text lacks is not there; any other is sought in the text itself, until
    ``PAGE_SEARCH_CHARS`` have been searched (past that, "may"). A literal of no digit and no line
    break is sought in the text's lines with each run of digits written ``0``, each such line once
    (a counter's 100,000 lines are one): a run of digits is no part of it, so it is in a line exactly
    when it is in that line so written. The rest are sought in all of the text."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.full = "\n".join(paragraphs)
        self.shape = "\n".join(dict.fromkeys(_DIGITS.sub("0", self.full).split("\n")))
        self.budget = PAGE_SEARCH_CHARS
        self.hays: dict[tuple[bool, bool], str] = {}
        self.chars: dict[tuple[bool, bool], frozenset[str]] = {}

    def _hay(self, whole: bool, folded: bool) -> str:
        key = (whole, folded)
        if key not in self.hays:
            base = self.full if whole else self.shape
            self.hays[key] = fold(base) if folded else base
        return self.hays[key]

    def may_hold(self, needs: tuple[str, ...], folded: bool) -> bool:
        if not needs:
            return True  # a rule of no known literal: may match anything
        could = []
        for need in needs:
            whole = "\n" in need or _DIGITS.search(need) is not None
            key = (whole, folded)
            if key not in self.chars:
                self.chars[key] = frozenset(self._hay(whole, folded))
            if self.chars[key].issuperset(need):
                could.append((need, whole))
        for need, whole in could:
            hay = self._hay(whole, folded)
            if self.budget < len(hay):
                return True  # not sought: it may be there
            self.budget -= len(hay)
            if need in hay:
                return True
        return False


class Screen:
    """``may_match(text, index, count)``: False only when no rule can match ``text``, the
    ``index``-th (1-based) of ``count`` paragraphs (rules with ``last`` count from the end;
    a rule with ``first`` is tried only among the first paragraphs). ``first`` and ``last`` are
    the widest such windows: between them the answer depends on the text alone."""

    __slots__ = ("by_first", "any_first", "wide", "anchored", "others", "starts", "first", "last", "rules")

    def __init__(self, rules: tuple[ParagraphRule, ...]) -> None:
        self.rules = rules
        by_first: dict[str, list[_Entry]] = {}
        any_first: list[_Entry] = []
        wide: list[_Entry] = []
        anchored: list[_Entry] = []
        others: list[_Entry] = []
        for rule in rules:
            shape = pattern_shape(rule.pattern)
            cap = min(rule.max_length or NO_CAP, shape.cap)
            folded = bool(rule.pattern.flags & re.I)
            if shape.anchored:  # search is match; its needed texts are looked up first only when a
                # leading lookahead or a broad first item walks the text anyway (others fail sooner)
                needs = shape.needs if shape.looks_ahead or _broad(shape.firsts) else ()
                entry = (cap, rule.last, rule.first, needs, folded, rule.pattern.match)
                anchored.append(entry)
                if shape.firsts is None:
                    any_first.append(entry)
                    continue
                if WIDE in shape.firsts:
                    wide.append(entry)
                for c in shape.firsts - {WIDE}:
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

    def for_page(self, paragraphs: Sequence[str]) -> Screen:
        """This screen, or for a text of over ``PAGE_PRUNE`` paragraphs one of only the rules that may match
        somewhere in it: a rule whose every match holds one of some literal texts (``Shape.needs``; all but
        five of 313 rules, anchored or not) matches none of the text's paragraphs when none holds one of
        them (:class:`_PageText`). The answers are the same. A text of 100,000 ``<br>``-lines (a counter's)
        tried some ninety rules a line, 1.7 s of CPU (round 35): now nine, 0.2 s with the lookups."""
        if not PAGE_PRUNE or len(paragraphs) <= PAGE_PRUNE:
            return self
        text = _PageText(paragraphs)
        kept = tuple(rule for rule in self.rules
                     if text.may_hold(pattern_shape(rule.pattern).needs, bool(rule.pattern.flags & re.I)))
        return self if len(kept) == len(self.rules) else Screen(kept)

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
