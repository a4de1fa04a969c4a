"""Hostile input, round 36 (session 41, host44): the page screen's cost on a long text of varied words.

Round 35 left it open: ``Screen.for_page`` cost up to 0.3 s on a text of 2,500 varied paragraphs, where it
prunes little. Measured here (CPU, one run each, a loaded 2-core machine): 0.35 s for 2,500 paragraphs, of which
0.25 s was ``re``'s parser reading all 343 rules' patterns again (``patternshape.pattern_shape``, asked of every
rule for each long text and again for the pruned screen). The shapes are now kept per pattern: 0.35 -> 0.09 s
(2,500 paragraphs), 0.54 -> 0.27 s (20,000), a counter's 100,000 lines 0.24 -> 0.06 s. The test counts the
parser's calls (none for a second text; before, about 20,000), and checks the rules kept are the same.
"""
from __future__ import annotations

import random
import re

import pytest

from archiver.extraction import patternshape, screen
from archiver.extraction.rules import rules_for


def varied(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(3, 9))) for _ in range(3000)]
    return [" ".join(rnd.choice(words) for _ in range(40)).capitalize() + "." for _ in range(n)]


def test_a_long_text_does_not_parse_the_rules_again(monkeypatch):
    rules = rules_for("127.0.36.9")
    full = screen.screen_for(rules.paragraphs)
    full.for_page(varied(2500, seed=2))  # the shapes are read once
    calls = []
    parse = re._parser.parse  # type: ignore[attr-defined]
    monkeypatch.setattr(re._parser, "parse", lambda *a, **k: calls.append(a) or parse(*a, **k))
    page = full.for_page(varied(2500))
    assert calls == [], len(calls)
    monkeypatch.setattr(patternshape, "SHAPE_CACHE", False)
    again = full.for_page(varied(2500))
    assert [r.name for r in again.rules] == [r.name for r in page.rules]
    assert len(page.rules) < len(full.rules)


@pytest.mark.parametrize("flags", [0, re.I, re.M])
def test_the_kept_shape_is_the_parsed_one(flags):
    for text in (r"^Read more\b", r"(?:share|tweet) this", r"\d+ comments?$", "x"):
        pattern = re.compile(text, flags)
        assert patternshape.pattern_shape(pattern) == patternshape._pattern_shape(pattern)
