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
  character sets, both cases under IGNORECASE; a paragraph starting with a
  non-ASCII character meets every such rule);
- any other rule is tried only when the paragraph holds one of the literal texts
  one of which every match of its pattern holds (``SEE ALSO:``; ``contains``,
  ``may contain`` or ``includes``), compared in lower case for IGNORECASE
  patterns, and then only on paragraphs in ASCII (IGNORECASE folds a few other
  characters onto ASCII letters).

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
_UNBOUNDED = 1 << 31  # re's parser gives a width at least this large for "any length"


@dataclass(frozen=True)
class _Shape:
    anchored: bool = False                # every match starts at the start of the text
    cap: float = _NO_CAP                  # no text longer than this can match
    needs: tuple[str, ...] = ()           # every match holds one of these texts (): unknown)
    firsts: frozenset[str] | None = None  # the characters a match can start with (None: any)


def _cased(chars: set[str], ignore: bool) -> set[str] | None:
    if not ignore:
        return chars
    out: set[str] = set()
    for c in chars:
        if not c.isascii():  # IGNORECASE folds some non-ASCII characters onto others
            return None
        out.update((c.lower(), c.upper()))
    return out


def _firsts(seq: Any, ignore: bool, sre: Any) -> set[str] | None:
    """The characters a match of the parsed sequence ``seq`` can start with; None when unknown."""
    for op, av in seq:
        if op is sre.AT:
            continue  # ^, \b: zero width
        if op is sre.LITERAL:
            return _cased({chr(av)}, ignore)
        if op is sre.IN:
            chars: set[str] = set()
            for item, value in av:
                if item is sre.LITERAL:
                    chars.add(chr(value))
                elif item is sre.RANGE and value[1] - value[0] < 128:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:  # a negation or a category (\w, \d)
                    return None
            return _cased(chars, ignore)
        if op is sre.SUBPATTERN:
            _, add, remove, sub = av
            if sub.getwidth()[0] == 0:
                return None
            return _firsts(sub, (ignore or bool(add & re.I)) and not remove & re.I, sre)
        if op is sre.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = _firsts(branch, ignore, sre) if branch.getwidth()[0] else None
                if found is None:
                    return None
                out |= found
            return out
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, item = av
            return _firsts(item, ignore, sre) if low else None
        return None  # a lookahead, a group reference, ...
    return None  # it matches the empty text


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
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            best = _better(best, _needs(av[2], sre))
    return best


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
            needs = tuple(n.lower() for n in needs) if all(n.isascii() for n in needs) else ()
        firsts = _firsts(data, bool(pattern.flags & re.I), sre) if anchored else None
    except Exception:  # another Python's re: nothing known, the rule is tried on every paragraph
        return _Shape()
    return _Shape(anchored, cap, tuple(needs), frozenset(firsts) if firsts is not None else None)


_Start = tuple[float, Callable[[str], Any]]  # (length cap, the pattern's match)


class Screen:
    """``may_match(text, index, count)``: False only when no rule can match ``text``, the
    ``index``-th (1-based) of ``count`` paragraphs (rules with ``last`` count from the end)."""

    __slots__ = ("by_first", "any_first", "anchored", "others")

    def __init__(self, rules: tuple[ParagraphRule, ...]) -> None:
        by_first: dict[str, list[_Start]] = {}
        any_first: list[_Start] = []
        anchored: list[_Start] = []
        others = []
        for rule in rules:
            shape = _shape(rule.pattern)
            cap = min(rule.max_length or _NO_CAP, shape.cap)
            if shape.anchored:
                entry = (cap, rule.pattern.match)  # anchored at the start: search is match
                anchored.append(entry)
                if shape.firsts is None:
                    any_first.append(entry)
                else:
                    for c in shape.firsts:
                        by_first.setdefault(c, []).append(entry)
            else:
                others.append((cap, rule.last, shape.needs, bool(rule.pattern.flags & re.I), rule.pattern.search))
        self.by_first = {c: tuple(entries) for c, entries in by_first.items()}
        self.any_first = tuple(any_first)
        self.anchored = tuple(anchored)
        self.others = tuple(others)

    def may_match(self, text: str, index: int, count: int) -> bool:
        size = len(text)
        first = text[:1]
        if first and first.isascii():
            for cap, match in self.any_first:
                if cap >= size and match(text) is not None:
                    return True
            starts = self.by_first.get(first, ())
        else:  # empty, or a non-ASCII character IGNORECASE may fold onto an ASCII one
            starts = self.anchored
        for cap, match in starts:
            if cap >= size and match(text) is not None:
                return True
        lower = None
        for cap, last, needs, folded, search in self.others:
            if cap < size or last and index <= count - last:
                continue
            if needs:
                if folded:  # an IGNORECASE pattern: the texts are in lower case
                    if lower is None:
                        lower = text.lower() if text.isascii() else ""
                    if lower and not any(n in lower for n in needs):
                        continue
                elif not any(n in text for n in needs):
                    continue
            if search(text) is not None:
                return True
        return False


@lru_cache(maxsize=64)
def screen_for(rules: tuple[ParagraphRule, ...]) -> Screen:
    """The screen for a rule set's paragraph rules (built once per rule set)."""
    return Screen(rules)
