"""The paragraph screen: a faster "could any rule match?" that must never say no wrongly."""

from __future__ import annotations

import re

import pytest

from archiver.extraction import paragraphs as P
from archiver.extraction.rules import _compile, rules_for


def naive_clean(paragraphs, rules):
    """clean_paragraphs without the screen: every rule, in order, on every paragraph."""
    return P.clean_paragraphs(paragraphs, rules, screened=False)


TRICKY = [
    {"name": "anchored-bounded", "pattern": r"^.{0,10}$"},
    {"name": "anchored-i", "pattern": r"^sign up\b", "flags": "i"},
    {"name": "floating-i", "pattern": r"\bnewsletter\b", "flags": "i"},
    {"name": "floating-case", "pattern": r"(?<=[.!?])\s*MORE:.*$"},
    {"name": "scoped-flags", "pattern": r"\bfoo (?i:BAR)\b"},
    {"name": "global-inline", "pattern": r"(?i)^hello there"},
    {"name": "backref", "pattern": r"^(\w+) and \1$"},
    {"name": "multiline", "pattern": r"^tail line$", "flags": "m"},
    {"name": "branches", "pattern": r"^(?:alpha|beta)\b|\bgamma (?:delta|epsilon)\b"},
    {"name": "optional-literal", "pattern": r"(?:xyz)?\d{3}-\d{4}"},
]

TEXTS = [
    "short", "a longer paragraph that is well past ten characters", "short\n", "Sign up now", "ſign up now",
    "Get the NEWSLETTER today", "Get the Newſletter", "It ended. MORE: the rest", "It ended.MORE:x", "foo bar",
    "foo BaR", "FOO bar", "HELLO THERE", "hello there", "this and this", "this and that", "first\ntail line",
    "alpha one", "Beta two", "the gamma delta ray", "call 555-1234", "İs it", "KELVIN k", "\u212a",
    "xyz", "", " ", "Body text that no rule should touch at all, long enough to pass every bound there is.",
]


@pytest.mark.parametrize("rules", [rules_for(None), rules_for("www.rferl.org"), _compile({"paragraphs": TRICKY}, "t.json")])
def test_screen_gives_what_every_rule_in_order_gives(rules):
    for text in TEXTS:
        assert P.clean_paragraphs([text], rules) == naive_clean([text], rules), text
        if not P.could_match(text, rules):
            assert not any(r.pattern.search(text) for r in rules.paragraphs), text
    assert P.clean_paragraphs(TEXTS, rules) == naive_clean(TEXTS, rules)


def test_screen_of_the_shipped_rules_matches_their_own_examples():
    rules = rules_for(None)
    assert P._screen(rules) is not None  # every shipped pattern can be screened
    paras = ["SEE ALSO: Another story", "Loading...", "Sign up for our newsletter", "Liked by 3 people",
             "Plain text.", "This post contains affiliate links, which means we may earn."]
    assert P.clean_paragraphs(paras, rules) == naive_clean(paras, rules)


def parsed(pattern: str, flags: int = 0):
    return P.sre_parse.parse(pattern, flags).data


def test_needles_are_strings_no_match_can_do_without():
    assert P._needles(parsed(r"(?<=[.!?])\s*SEE ALSO:.*$")) == ("SEE ALSO:",)
    assert P._needles(parsed(r"\b(?:Sign up|Subscribe)\b.{0,80}\bnewsletter\b")) == ("newsletter",)
    assert set(P._needles(parsed(r"\bdesignated (?:RFE|Radio Free)\b|\bundesirable\b"))) == {"designated R", "undesirable"}
    assert P._needles(parsed(r"(?:xyz)?\d+")) is None  # an optional group promises nothing
    assert P._needles(parsed(r"(?i:abc)")) is None  # its own flags: not looked into
    assert P._needles(parsed(r"a|\d")) is None  # one alternative without a string


def test_anchoring_and_length_bounds():
    assert P._anchored(re.compile(r"^abc")) == (True, 0)
    assert P._anchored(re.compile(r"^.{0,300}$")) == (True, 301)
    assert P._anchored(re.compile(r"^a$|^bc$")) == (True, 3)
    assert P._anchored(re.compile(r"^a|b"))[0] is False
    assert P._anchored(re.compile(r"^x$", re.M))[0] is False
    assert P._anchored(re.compile(r"^(a)\1"))[0] is False
