"""speed35's output-neutral speed-ups answer as before, each switch on and off beside lxml's own
evaluation: the page index's class substrings looked up token by token (``selectors.TOKEN_SEARCH``)."""

from __future__ import annotations

import pytest
from lxml import etree

from archiver.extraction import selectors
from archiver.extraction.dom import parse
from archiver.extraction.rules import rules_for
from archiver.extraction.ruleselectors import XPathSelector
from archiver.extraction.selectors import Index, Needs

# class values holding the substrings in a token of their own, inside a longer token, across two
# tokens (no match: "author" "box" are not "author-box"), beside white space other than a space,
# after a hashed token, and values seen twice (the second answered from the memos)
PAGE = """<html><body>
<div class="x pingback-list">a</div><div class="author-box">b</div><div class="author box">c</div>
<div class="card\tabout-author\u001fz">d</div><div class="ad__3f9a1c newsletter">e</div>
<div class="row col-md-8">f</div><div class="row col-md-8">g</div><div class="x pingback-list">h</div>
<div class="Trackback">i</div><div class="">j</div><div class="   ">k</div><div class="ewsletterx">l</div>
<p id="trackback-1">m</p><div class="FOOTNOTE">n</div><div class="sub\u00a0footnote">o</div>
</body></html>"""

EXPRS = [
    "//*[contains(@class, 'ingback') or contains(@class, 'rackback')]",
    "//*[contains(@class, 'author-box') or contains(@class, 'about-author')]",
    "//*[contains(@class, 'ewsletter') or contains(@id, 'rackback')]",
    "//*[contains(@class, 'footnote')]",
    "//*[contains(@class, 'author box')]",  # white space in the substring: the value searched whole
]


@pytest.mark.parametrize("expr", EXPRS)
@pytest.mark.parametrize("tokens", [True, False])
def test_class_substrings_by_token_answer_like_lxml(expr, tokens, monkeypatch):
    monkeypatch.setattr(selectors, "TOKEN_SEARCH", tokens)
    selector = XPathSelector(expr)
    assert selector.contains  # answered from the index
    root = parse(PAGE)
    want = list(etree.XPath(expr)(root))
    assert want  # each expression matches: the test can fail
    for _ in range(2):  # the second page answered from the memos
        root = parse(PAGE)
        want = etree.XPath(expr)(root)
        got = selector.select(Index(root, selector.needs))
        assert [el.text for el in got] == [el.text for el in want]


def test_token_memo_only_for_spaceless_class_substrings(monkeypatch):
    monkeypatch.setattr(selectors, "TOKEN_SEARCH", True)
    assert selectors._token_memo(Needs(contains=frozenset({("class", "ewsletter"), ("id", "a b")}))) is not None
    assert selectors._token_memo(Needs(contains=frozenset({("class", "a b")}))) is None
    assert selectors._token_memo(Needs(contains=frozenset({("class", "a\u00a0b")}))) is None
    monkeypatch.setattr(selectors, "TOKEN_SEARCH", False)
    assert selectors._token_memo(Needs(contains=frozenset({("class", "ewsletter")}))) is None


def test_generic_rules_index_same_with_token_search_on_and_off(monkeypatch):
    needs = rules_for(None).needs
    answers = []
    for tokens in (True, False):
        monkeypatch.setattr(selectors, "TOKEN_SEARCH", tokens)
        root = parse(PAGE)
        found = Index(root, needs).by_substring(needs.contains)
        assert found is not None
        answers.append([el.text for el in found])
    assert answers[0] == answers[1]
    assert {"a", "b", "d", "e", "h", "i", "o"} <= set(answers[0]) and "n" not in answers[0]  # contains() minds case


# the inline-note-popup rule's branches: a refbody, a footnote-body, a footnote-content span, and a refnum
# mark before its refbody, each inside a paragraph; a page with none of those classes
NOTES = """<html><body><p>last summer<span class="ref"><span class="refnum">[1]</span>
<span class="refbody">Including the trip boat</span></span> and found</p>
<p>a<span class="x footnote-body">note one</span> b</p><ul><li>c<span class="footnote-content">note two</span></li></ul>
<div><span class="refbody">outside a paragraph</span></div></body></html>"""
PLAIN = """<html><body><p>a <span class="reference">b</span> <span class="footnote">c</span></p></body></html>"""


def _rule(name: str):
    return next(rule for rule in rules_for(None).dom if rule.name == name)


@pytest.mark.parametrize("gates", [True, False])
def test_gated_xpath_rule_answers_like_lxml(gates, monkeypatch):
    from archiver.extraction import ruleselectors
    from archiver.extraction.rules import _selector

    monkeypatch.setattr(ruleselectors, "GATES", gates)
    spec = {"xpath": _rule("inline-note-popup").selector.source,
            "gate_class": ["refbody", "footnote-body", "footnote-content"]}
    selector = _selector(spec, "test")
    assert bool(selector.gate) == gates
    for page, matches in ((NOTES, 4), (PLAIN, 0)):
        root = parse(page)
        want = selector.xpath(root)
        assert len(want) == matches  # the page holds what the test says: it can fail
        assert selector.select(Index(root, selector.needs)) == want


def test_gate_closes_only_where_no_class_holds_it():
    selector = XPathSelector("/descendant::span[contains(@class, 'refbody')]", frozenset({"refbody"}))
    root = parse(NOTES)
    index = Index(root, selector.needs)
    assert index.by_substring(selector.gate)  # the gate is open: the XPath runs
    assert len(selector.select(index)) == 2
    # a gate the XPath does not imply loses its matches: the gate is what decides
    wrong = XPathSelector("/descendant::span", frozenset({"no-such-class"}))
    assert wrong.select(Index(root, wrong.needs)) == []


def test_inline_note_popup_carries_its_gate():
    rule = _rule("inline-note-popup")
    assert rule.selector.gate == {("class", "refbody"), ("class", "footnote-body"), ("class", "footnote-content")}
    assert rule.selector.gate <= rules_for(None).needs.contains  # the index searches for them


# elements the class-word tests match and miss, the same names met twice, the id before and after the
# class (``re:test(@id|@class, ...)`` reads the one written first), other tags of the same names
NAMED = """<html><body>
<div class="comments-area">a</div><div class="comments-area">b</div><span class="comments-area">c</span>
<p class="teaser-text">d</p><p class="Teaser">e</p><div id="share-bar" class="story">f</div>
<div class="story" id="share-bar">g</div><div class="social-links" role="navigation">h</div>
<div role="Navigation">i</div><section class="post-bottom">j</section><div style="border: 1px">k</div>
<div class="story">l</div><p>m</p><div data-component="MostPopularStories">n</div><div class="cookie-note">o</div>
<article class="comments-area">p</article><div class="x link y">q</div><div class="related-links">r</div>
</body></html>"""


@pytest.mark.parametrize("memo", [True, False])
def test_class_word_tests_remembered_answer_like_lxml(memo, monkeypatch):
    from archiver.extraction import namedtests
    from archiver.extraction.misnamed import _tests, class_word_tests

    monkeypatch.setattr(namedtests, "MEMO", memo)
    namedtests._memo.clear()
    for tests in (_tests(), _tests(True), _tests(precision=True), class_word_tests()):
        assert namedtests.read_attributes(tests)  # every one of trafilatura's is of the pure shape
        answers = []
        for _ in range(2):  # the second page answered from the memo
            root = parse(NAMED)
            elements = list(root.find("body"))
            got = [namedtests.any_test(el, tests) for el in elements]
            want = [any(test(el) for test in tests) for el in elements]
            assert got == want
            answers.append(got)
        assert any(answers[0]) and not all(answers[0])  # the page tells matches from misses
    assert bool(namedtests._memo) == memo


def test_tests_reading_more_than_names_are_asked_every_time():
    from archiver.extraction import namedtests

    ns = {"re": "http://exslt.org/regular-expressions"}
    for path in ("self::*[contains(@class, 'a')][p]", "self::*[ancestor::aside]", "self::*[normalize-space()='x']",
                 "self::*[contains(., 'x')]", "self::*[count(@*) > 1]", "self::*[re:test(@class, 'a')][$v]"):
        assert namedtests.read_attributes((etree.XPath(path, namespaces=ns),)) is None, path
    # a test reading the element's text: two elements alike by name, unlike by text, answered apart
    tests = (etree.XPath("self::*[contains(@class, 'box')][contains(normalize-space(.), 'ad')]"),)
    root = parse('<html><body><div class="box">ad</div><div class="box">story</div></body></html>')
    assert [namedtests.any_test(el, tests) for el in root.find("body")] == [True, False]


STORY = """<html><head><title>A story</title></head><body><header class="site-header"><a href="/">Home</a></header>
<article><h1>A story</h1><p class="byline">By A. Writer</p>
<p>The first paragraph of the story, long enough to be read as the article's own text by every stage.</p>
<div class="ad-slot">Advertisement</div><p>A second paragraph follows it, with a <a href="/x">link</a> inside.</p>
<p>The third paragraph closes the story: nothing after it is the article's.</p></article>
<aside class="related"><ul><li><a href="/a">Related one</a></li><li><a href="/b">Related two</a></li></ul></aside>
</body></html>"""


@pytest.mark.parametrize("keep", [True, False])
def test_held_proxies_change_no_output(keep, monkeypatch):
    from archiver.extraction import collector, extract

    root = parse(STORY)
    monkeypatch.setattr(collector, "KEEP_PROXIES", keep)
    held = collector.proxies_held(root)
    assert len(held) == (len(list(root.iter())) if keep else 0)
    monkeypatch.setattr(collector, "KEEP_PROXIES", not keep)
    other = extract(STORY, url="https://example.com/story")
    monkeypatch.setattr(collector, "KEEP_PROXIES", keep)
    result = extract(STORY, url="https://example.com/story")
    assert "The third paragraph closes the story" in result.text  # the test reads a real extraction
    assert repr(result) == repr(other)
