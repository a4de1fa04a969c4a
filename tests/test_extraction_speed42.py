"""speed42: the XPath matchers' memo lookups in C, and the prose-box guard's page-wide search in Python.

Both are speed only: the same answers as before. Each test fails with its change taken out
(``DICT_LOOKUP`` off makes the test a Python function, not the memo's ``__getitem__``;
``PYTHON_MATCHER`` off makes the page-wide search lxml's XPath again).
"""
from __future__ import annotations

import random

import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura import xpaths as trafilatura_xpaths

from archiver.extraction import proseboxes, xpathmatchers, xpaths

VALUES = ["", "comment", "Comments", "hidden", "x hidden", "display:none", "nav", "Nav", "navbar", "share-buttons",
          "social-share", "widget", "footer", "page-footer", "w-embed", "bard", "article-body", "content", "post",
          "reply-box", "border: 1px", "MostPopularStories", "sidebar", "meta", "bar", "x y z"]
ATTRS = ["id", "class", "style", "role", "data-component", "aria-hidden", "data-lp-replacement-content"]
TAGS = ["div", "p", "span", "section", "aside", "item", "list", "ul", "a", "h1", "article", "footer"]


def _page(seed: int, count: int = 300) -> etree._Element:
    rnd = random.Random(seed)
    root = lxml_html.fromstring("<html><body></body></html>")
    parents = [root.find("body")]
    for _ in range(count):
        el = etree.SubElement(rnd.choice(parents), rnd.choice(TAGS))
        for name in rnd.sample(ATTRS, rnd.randint(0, 3)):
            el.set(name, "true" if name == "aria-hidden" else rnd.choice(VALUES))
        el.text = "word " * rnd.randint(0, 30)
        parents.append(el)
    return root


def _expressions() -> list:
    found = [x for name, value in vars(trafilatura_xpaths).items() if isinstance(value, list)
             for x in value if xpaths.matcher_for(x) is not None]
    if not found:
        pytest.skip("no expression of a known shape in this trafilatura")
    return found


def test_the_memo_test_is_the_dicts_own_lookup():
    make = xpathmatchers._memo("nav|share")
    test = make()
    assert getattr(test, "__self__", None) is not None and isinstance(test.__self__, xpathmatchers._Answers)
    assert test("main-nav") is True and test("story") is False and test("main-nav") is True
    assert dict(test.__self__) == {"main-nav": True, "story": False}


@pytest.mark.parametrize("seed", range(4))
def test_the_matchers_answer_alike_with_either_lookup(seed, monkeypatch):
    tree = _page(seed)
    expressions = _expressions()
    where = {el: i for i, el in enumerate(tree.iter())}  # elements by place (proxies held: stable)
    answers = {}
    for flag in (True, False):
        monkeypatch.setattr(xpathmatchers, "DICT_LOOKUP", flag)
        matchers = [xpaths.matcher_for(x) for x in expressions]  # fresh memos
        answers[flag] = [[where[el] for el in m(tree)] for m in matchers]
        assert answers[flag] == [[where[el] for el in x(tree)] for x in expressions]  # and lxml's own
    assert answers[True] == answers[False]
    assert any(answers[True]) and not all(answers[True])


def test_the_memo_is_forgotten_at_its_limit(monkeypatch):
    monkeypatch.setattr(xpathmatchers, "MEMO_LIMIT", 3)
    make = xpathmatchers._memo("a")
    test = make()
    for value in ("a", "b", "c"):
        test(value)
    assert len(test.__self__) == 3
    again = make()
    assert len(again.__self__) == 0 and again("ba") is True


@pytest.mark.parametrize("seed", range(4))
def test_the_prose_box_guard_finds_what_lxml_finds(seed, monkeypatch):
    tree = _page(seed)
    proseboxes._page_search.cache_clear()
    try:
        search = proseboxes._page_search()
        if search is None:
            pytest.skip("OVERALL_DISCARD_XPATH is not one page-wide path in this trafilatura")
        assert not isinstance(search, etree.XPath)  # the Python matcher
        fast = proseboxes._overall_matches(tree)
        monkeypatch.setattr(proseboxes, "PYTHON_MATCHER", False)
        proseboxes._page_search.cache_clear()
        assert isinstance(proseboxes._page_search(), etree.XPath)
        slow = proseboxes._overall_matches(tree)
    finally:
        proseboxes._page_search.cache_clear()
    assert fast and len(fast) == len(slow) and all(a is b for a, b in zip(fast, slow, strict=True))
