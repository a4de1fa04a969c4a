"""A rule's ``gate_attrs`` (archiver/rules/README.md, speed48): the XPath is left out where no element's attribute
holds one of the gate's (attribute, substring) pairs, and answers as lxml does everywhere else;
``component-newsletter-box`` carries one (its XPath, a walk over every element, cost 1.9 ms a speed page)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from archiver.extraction import ruleselectors
from archiver.extraction.dom import parse
from archiver.extraction.rules import _selector, rules_for
from archiver.extraction.selectors import Index

RULES = Path(__file__).resolve().parents[1] / "archiver" / "rules"
BODY = ("<p>The river at Kherson rose by two metres overnight after three days of rain, officials said.</p>"
        "<p>Engineers were checking the dam upstream, and the city opened two schools as shelters.</p>")
BOXES = {
    "component": "<div data-component='NewsletterSignup'><p>Get the news</p><form><input name=e></form></div>",
    "testid-signup": "<section data-testid='promo-signUp'><a href='/s'>Sign up</a></section>",
    "qa": "<div data-qa='newsletter-promo'><button>Join</button></div>",
    "aria-label": "<aside aria-label='Newsletter sign-up'><form><input name=e></form></aside>",
    "aria-label-no-field": "<div aria-label='Newsletter archive'><p>Past issues</p></div>",
    "aria-label-in-paragraph": "<p>Read <span aria-label='newsletter'><a href='/n'>ours</a></span>.</p>",
    "none": "<div class='newsletter'><form><input name=e></form></div>",
}


def _rule(name: str):
    return next(rule for rule in rules_for(None).dom if rule.name == name)


@pytest.mark.parametrize("name", sorted(BOXES))
@pytest.mark.parametrize("gates", [True, False])
def test_the_newsletter_rule_selects_what_its_xpath_selects(name, gates, monkeypatch):
    monkeypatch.setattr(ruleselectors, "GATES", gates)
    rule = _rule("component-newsletter-box")
    selector = _selector({"xpath": rule.selector.source, "gate_attrs": [list(p) for p in sorted(rule.selector.gate)]},
                         "test")
    assert bool(selector.gate) == gates
    root = parse(f"<html><body><article>{BOXES[name]}{BODY}</article></body></html>")
    expected = etree.XPath(rule.selector.source)(root)
    assert selector.select(Index(root, selector.needs)) == expected
    assert rule.selector.select(Index(root, rule.selector.needs)) == expected
    assert bool(expected) == (name in ("component", "testid-signup", "qa", "aria-label"))  # the page holds what it says


def test_the_gate_closes_where_no_attribute_holds_a_substring():
    selector = _selector({"xpath": "//*[@data-x]", "gate_attrs": [["data-x", "promo"]]}, "test")
    assert selector.select(Index(parse("<div data-x='other'>a</div>"), selector.needs)) == []  # gate closed
    root = parse("<div data-x='a-promo'>a</div>")
    assert [el.tag for el in selector.select(Index(root, selector.needs))] == ["div"]


@pytest.mark.parametrize("bad", [["data-x"], [["data-x"]], [["data-x", ""]], [["data-x", 3]]])
def test_a_malformed_gate_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="gate_attrs"):
        _selector({"xpath": "//*", "gate_attrs": bad}, "test")


def test_every_gate_pair_is_a_contains_test_of_its_rules_xpath():
    """A gate the XPath does not imply would lose matches: each pair must be one of its ``contains()`` tests."""
    seen = 0
    for path in sorted(RULES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rule in [r for key in ("dom", "rules") for r in data.get(key, [])] if isinstance(data, dict) else []:
            for name, sub in rule.get("gate_attrs", ()):
                seen += 1
                assert re.search(rf"contains\(@{re.escape(name)}, '{re.escape(sub)}'\)", rule["xpath"]), (rule["name"], name, sub)
    assert seen >= 8
