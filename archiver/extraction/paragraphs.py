"""Stage 3: paragraph-level clean-up of the text trafilatura kept.

Notices and promos that live inside the article body ("SEE ALSO", a sanction
notice, "Recommended Videos") survive any DOM-based extractor, so they are
matched here by the patterns in the rules files. Actions:

- ``drop``: remove the paragraph;
- ``cut``: remove the matched part to the end of the paragraph (a promo glued
  onto the last sentence), keep the rest;
- ``drop-following``: remove the paragraph and the paragraphs right after it
  that match one of the rule's ``following`` patterns (at most
  ``max_following``), e.g. a legal notice and its explanation. It stops at the
  first paragraph that does not match, so a notice in the middle of the body
  never takes the article with it.

Paragraphs matching a ``keep`` pattern (closing agency lines) are never touched.

Most paragraphs match no rule, and trying each of dozens of patterns on each
paragraph was most of this stage's time. A screen answers "could any rule
match?" first: the patterns anchored at the start of the text (most of them)
are joined into one alternation tried at position 0 only, the others are tried
one by one. Only a paragraph that passes the screen goes through the rules in
order (keep patterns first), so which rule wins is unchanged.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own parser: which patterns are anchored
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Removed
from .rules import ParagraphRule, RuleSet

__all__ = ["clean_paragraphs", "match_rule", "is_kept", "could_match"]

_START = (sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING)
_END = (sre_parse.AT_END, sre_parse.AT_END_STRING)
_REPEATS = (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT)
_CASE_FLAGS = re.I | re.A | re.L | re.U
_SCOPED_FLAGS = ((re.I, "i"), (re.S, "s"), (re.X, "x"), (re.A, "a"))


def _starts_anchored(items: list) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is sre_parse.AT:
        return av in _START
    if op is sre_parse.BRANCH:
        return all(_starts_anchored(branch.data) for branch in av[1])
    return False


def _has_backref(items) -> bool:
    """True if a parsed pattern refers to a group by number (which joining would shift)."""
    for op, av in items:
        if op in (sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS):
            return True
        for part in av if isinstance(av, (list, tuple)) else (av,):
            if isinstance(part, sre_parse.SubPattern) and _has_backref(part.data):
                return True
            if isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, sre_parse.SubPattern) and _has_backref(sub.data):
                        return True
    return False


def _ends_anchored(items: list) -> bool:
    if not items:
        return False
    op, av = items[-1]
    if op is sre_parse.AT:
        return av in _END
    if op is sre_parse.BRANCH:
        return all(_ends_anchored(branch.data) for branch in av[1])
    return False


def _anchored(pattern: re.Pattern[str]) -> tuple[bool, int]:
    """Can ``pattern.search`` only match at position 0 (``^...``, not multi-line)? And
    the longest text it can match, when it is anchored at both ends (``^.{0,300}$``), else 0."""
    if pattern.flags & re.M:
        return False, 0
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return False, 0
    if not _starts_anchored(parsed.data) or _has_backref(parsed.data):
        return False, 0
    widest = parsed.getwidth()[1]
    if _ends_anchored(parsed.data) and widest < sre_parse.MAXREPEAT:
        return True, widest + 1  # "$" also matches before a final newline
    return True, 0


@dataclass(frozen=True)
class _Alternation:
    """Patterns joined into one, compiled once per length bound: a rule with a
    ``max_length`` cannot match a longer paragraph, so a long paragraph is
    screened only by the patterns that may apply to it (the costly ones have bounds)."""

    bounds: tuple[int, ...]  # ascending; past the last, only the unbounded patterns apply
    patterns: tuple[re.Pattern[str] | None, ...]  # one per bound, and one past the last

    @classmethod
    def of(cls, pieces: list[tuple[int, str]]) -> "_Alternation":
        bounds = tuple(sorted({limit for limit, _ in pieces if limit}))
        patterns = []
        for i in range(len(bounds) + 1):  # paragraphs of length in (bounds[i-1], bounds[i]]
            floor = bounds[i] if i < len(bounds) else None
            chosen = [piece for limit, piece in pieces if not limit or (floor is not None and limit >= floor)]
            patterns.append(re.compile("|".join(chosen)) if chosen else None)
        return cls(bounds, tuple(patterns))

    def for_length(self, n: int) -> re.Pattern[str] | None:
        return self.patterns[bisect_left(self.bounds, n)]


@dataclass(frozen=True)
class _Floating:
    """A rule that may match anywhere in a paragraph, with a cheap test run first:
    some string the pattern cannot match without (``SEE ALSO:`` in
    ``(?<=[.!?])\\s*SEE ALSO:.*$``), found by ``in`` or, under ``re.I``, by a
    pattern of those strings alone with the rule's flags (so the same case rules)."""

    max_length: int
    pattern: re.Pattern[str]
    needles: tuple[str, ...] | None
    needle_pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, rule: ParagraphRule) -> "_Floating":
        pattern = rule.pattern
        try:
            needles = _needles(sre_parse.parse(pattern.pattern, pattern.flags).data)
        except re.error:
            needles = None
        needle_pattern = None
        if needles and pattern.flags & re.I:
            needle_pattern = re.compile("|".join(map(re.escape, needles)), pattern.flags & _CASE_FLAGS)
            needles = None
        return cls(rule.max_length, pattern, needles, needle_pattern)

    def could_match(self, text: str, n: int) -> bool:
        if self.max_length and n > self.max_length:
            return False
        if self.needles is not None:
            if not any(needle in text for needle in self.needles):
                return False
        elif self.needle_pattern is not None and self.needle_pattern.search(text) is None:
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class _Screen:
    """Which paragraphs could match some rule: a cheap test that never says no wrongly."""

    anchored: _Alternation  # patterns that can only match at position 0: tried there only
    floating: tuple[_Floating, ...]  # the others, one by one

    def could_match(self, text: str) -> bool:
        n = len(text)
        pattern = self.anchored.for_length(n)
        if pattern is not None and pattern.match(text):
            return True
        return any(rule.could_match(text, n) for rule in self.floating)


def _needles(items: list) -> tuple[str, ...] | None:
    """Strings one of which occurs in every text a parsed pattern matches, or None
    if there are none to tell. Only parts the pattern cannot skip count: runs of
    literal characters, groups, alternatives (each must give strings) and repeats
    of at least one; a group with its own flags is not looked into."""
    best: tuple[str, ...] | None = None

    def consider(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is sre_parse.LITERAL:
            run.append(chr(av))
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is sre_parse.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                consider(_needles(sub.data))
        elif op is sre_parse.BRANCH:
            alternatives = [_needles(branch.data) for branch in av[1]]
            if all(alternatives):
                consider(tuple(dict.fromkeys(s for alt in alternatives for s in alt)))
        elif op in _REPEATS and av[0] >= 1:
            consider(_needles(av[2].data))
    consider(("".join(run),) if run else None)
    return best


def _piece(pattern: re.Pattern[str]) -> str | None:
    """``pattern`` as a group that keeps its flags inside a larger pattern, or None if it cannot."""
    flags = "".join(letter for flag, letter in _SCOPED_FLAGS if pattern.flags & flag)
    piece = f"(?{flags}:{pattern.pattern})" if flags else f"(?:{pattern.pattern})"
    try:
        re.compile(piece)
    except re.error:  # e.g. global inline flags inside the pattern
        return None
    return piece


def _build_screen(rules: RuleSet) -> _Screen | None:
    anchored: list[tuple[int, str]] = []  # (length bound or 0, piece)
    floating: list[_Floating] = []
    for rule in rules.paragraphs:
        pattern = rule.pattern
        if pattern.flags & re.M:
            return None
        at_start, widest = _anchored(pattern)
        piece = _piece(pattern) if at_start else None
        if piece is not None:
            limit = min(n for n in (rule.max_length, widest) if n) if rule.max_length or widest else 0
            anchored.append((limit, piece))
        else:
            floating.append(_Floating.of(rule))
    try:
        return _Screen(_Alternation.of(anchored), tuple(floating))
    except re.error:  # e.g. the same group name in two patterns
        return None


_SCREENS: dict[int, tuple[RuleSet, _Screen | None]] = {}


def _screen(rules: RuleSet) -> _Screen | None:
    """The screen of a rule set, built once (rule sets are made once per host and kept)."""
    hit = _SCREENS.get(id(rules))
    if hit is None or hit[0] is not rules:
        hit = _SCREENS[id(rules)] = (rules, _build_screen(rules))
    return hit[1]


def could_match(text: str, rules: RuleSet) -> bool:
    """False when no paragraph rule of ``rules`` can match ``text`` (then keep rules do not matter)."""
    screen = _screen(rules)
    return screen is None or screen.could_match(text)


def is_kept(text: str, rules: RuleSet) -> str | None:
    """Name of the keep rule protecting ``text``, if any."""
    for keep in rules.keep:
        if keep.pattern.search(text):
            return keep.name
    return None


def match_rule(text: str, rules: RuleSet) -> ParagraphRule | None:
    """The first paragraph rule matching ``text`` (keep rules win), else None."""
    text = text.strip()
    if not text or not could_match(text, rules) or is_kept(text, rules):
        return None
    for rule in rules.paragraphs:
        if rule.max_length and len(text) > rule.max_length:
            continue
        if rule.pattern.search(text):
            return rule
    return None


def clean_paragraphs(paragraphs: Sequence[str], rules: RuleSet,
                     screened: bool = True) -> tuple[list[str], list[Removed]]:
    """Apply the paragraph rules; return the kept paragraphs and the removed blocks.

    ``screened=False`` tries every rule on every paragraph: the reference the
    screen is tested against (it only skips paragraphs no rule can match).
    """
    kept: list[str] = []
    removed: list[Removed] = []
    screen = _screen(rules) if screened else None
    i, n = 0, len(paragraphs)
    while i < n:
        para = paragraphs[i]
        i += 1
        if (screen is not None and not screen.could_match(para)) or is_kept(para, rules):
            kept.append(para)
            continue
        for rule in rules.paragraphs:
            if rule.max_length and len(para) > rule.max_length:
                continue
            m = rule.pattern.search(para)
            if m is None:
                continue
            if rule.action == "cut":
                head = para[: m.start()].rstrip()
                removed.append(Removed(rule.name, "paragraph", para[m.start():].strip()))
                if head:
                    kept.append(head)
            else:
                removed.append(Removed(rule.name, "paragraph", para))
                if rule.action == "drop-following":
                    taken = 0
                    while i < n and taken < rule.max_following and not is_kept(paragraphs[i], rules) \
                            and any(p.search(paragraphs[i]) for p in rule.following):
                        removed.append(Removed(rule.name, "paragraph", paragraphs[i]))
                        i += 1
                        taken += 1
            break
        else:
            kept.append(para)
    return kept, removed
