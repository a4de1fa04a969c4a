"""A rule's ``gate_text`` (archiver/rules/README.md): the XPath is left out where the page's text holds none
of the gate's strings, and answers as lxml does everywhere else; ``guest-greeting-bar`` carries one, and the
integrator's rewrite of its XPath (from text nodes up, not every div's whole text) selects what the old one did."""
from __future__ import annotations

import pytest
from lxml import etree

from archiver.extraction import extract, ruleselectors
from archiver.extraction.dom import parse
from archiver.extraction.rules import _selector, rules_for
from archiver.extraction.selectors import Index

BAR = """<html><body><table><tr><td>Вітаю Вас, <b>Гість</b> | <a href="/rss">RSS</a> | <a href="/reg">Реєстрація</a>
| <a href="/login">Вхід</a></td></tr></table>
<div class="top"><span>Welcome, Guest</span> <a href="/in">Log in</a></div>
<div id="body"><h1>Rivers rise after the storm</h1>
<p>The river at Kherson rose by two metres overnight after three days of rain, officials said on Monday.</p>
<p>Hello, and welcome, said the mayor, who asked residents near the bank to leave their homes by noon.</p>
<p>Engineers were checking the dam upstream, and the city opened two schools as shelters for the night.</p>
</div></body></html>"""
PLAIN = BAR.replace("Вітаю Вас, <b>Гість</b>", "Новини").replace("Welcome, Guest", "Latest news")

OLD_XPATH = ("//tr[td[1][starts-with(normalize-space(.), 'Вітаю Вас, Гість') or starts-with(normalize-space(.), "
             "'Welcome, Guest')]] | //*[self::div or self::p or self::span or self::li][starts-with(normalize-space(.), "
             "'Вітаю Вас, Гість') or starts-with(normalize-space(.), 'Welcome, Guest')]")


def _rule(name: str):
    return next(rule for rule in rules_for(None).dom if rule.name == name)


def test_the_greeting_rule_selects_what_a_walk_over_every_block_selects():
    rule = _rule("guest-greeting-bar")
    for page, found in ((BAR, 3), (PLAIN, 0)):  # the row, the div and its span
        root = parse(page)
        old = etree.XPath(OLD_XPATH)(root)
        assert len(old) == found  # the pages hold what the test says: it can fail
        assert rule.selector.select(Index(root, rule.selector.needs)) == old


@pytest.mark.parametrize("gates", [True, False])
def test_a_text_gate_closes_only_where_the_text_holds_none_of_its_strings(gates, monkeypatch):
    monkeypatch.setattr(ruleselectors, "GATES", gates)
    selector = _selector({"xpath": "/descendant::p", "gate_text": ["Kherson"]}, "test")
    assert bool(selector.text_gate) == gates
    root = parse(BAR)
    assert len(selector.select(Index(root, selector.needs))) == 3  # the text holds 'Kherson': the XPath runs
    wrong = _selector({"xpath": "/descendant::p", "gate_text": ["no such words"]}, "test")
    other = parse(PLAIN)  # a new page: the text read for the last one is not reused
    assert len(wrong.select(Index(other, wrong.needs))) == (0 if gates else 3)


def test_the_bar_goes_and_the_mayors_hello_stays():
    text = extract(BAR, "https://news.example.ua/rivers").text
    assert "Гість" not in text and "Welcome, Guest" not in text
    assert "Hello, and welcome, said the mayor" in text


def test_rule_costs_times_every_dom_rule():
    from bench.rule_costs import rule_costs
    from bench.sets import Page

    index_cost: list[float] = []
    costs = rule_costs([Page("bar", "https://news.example.ua/rivers", BAR.encode()), Page("bad", None, b"")],
                       index_cost=index_cost)
    names = [name for _, name in costs]
    assert len(index_cost) == 1 and index_cost[0] >= 0  # the page index, timed apart from the first rule
    assert len(names) == len(rules_for(None).dom) and "guest-greeting-bar" in names
    assert all(cost >= 0 for cost, _ in costs) and costs == sorted(costs, reverse=True)


def test_a_gate_of_groups_closes_where_the_text_misses_one_group():
    rule = _rule("guest-greeting-bar")
    assert len(rule.selector.text_gate) == 2  # a guest word, and a greeting's first word
    both = _selector({"xpath": "/descendant::p", "gate_text": [["Kherson"], ["mayor", "no such word"]]}, "test")
    assert len(both.select(Index(parse(BAR), both.needs))) == 3  # one string of each group: the XPath runs
    one = _selector({"xpath": "/descendant::p", "gate_text": [["Kherson"], ["no such word"]]}, "test")
    assert one.select(Index(parse(BAR), one.needs)) == []  # the second group missed: not run
    with pytest.raises(ValueError):
        _selector({"xpath": "/descendant::p", "gate_text": ["Kherson", ["mayor"]]}, "test")


def test_the_gate_reads_the_text_as_xpaths_string_value():
    root = parse("<html><body><p>Caf\u00e9 <!-- no -->\u201cquoted\u201d<script>var g='Gość'</script></p></body></html>")
    assert ruleselectors._document_text(root).decode("utf-8") == etree.XPath("string()")(root)
