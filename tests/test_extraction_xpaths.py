"""trafilatura's XPaths matched in Python (archiver/extraction/xpaths.py): the same
elements as lxml gives, in the same order; used on archiver's runs only; output unchanged."""
from __future__ import annotations

import contextlib
import random
from copy import deepcopy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import htmlprocessing, settings
from trafilatura import xpaths as trafilatura_xpaths
from trafilatura.settings import Extractor

from archiver.extraction import article, extract, xpaths

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _known() -> list[tuple[str, object, xpaths.Matcher]]:
    found = []
    for name, value in vars(trafilatura_xpaths).items():
        if isinstance(value, list):
            for i, xpath in enumerate(value):
                matcher = xpaths.matcher_for(xpath)
                if matcher is not None:
                    found.append((f"{name}[{i}]", xpath, matcher))
    basic = getattr(settings, "BASIC_CLEAN_XPATH", None)  # one XPath, called by name (baseline.basic_cleaning)
    matcher = xpaths.matcher_for(basic) if basic is not None else None
    if matcher is not None:
        found.append(("BASIC_CLEAN_XPATH", basic, matcher))
    return found


KNOWN = _known()

# attribute values built from the tokens the expressions test, and near misses
VALUES = ["", "comment", "Comments", "commentary", "comol-1", "disqus_thread", "post-comments", "x article-comments",
          "reply-box", "a -reply- b", "hidden", "x hidden", "hide-me", "display:none", "display: none",
          "border: 1px", "nav", "Nav", "navbar", "main-nav", "social-share", "share-buttons", "cookie", "cookies",
          "bottom", "page-bottom x", "Padding-bottom-lg-30", "link", "permalink", "x link y", "teaser",
          "mvp-post-add-box", "infinite-scroll", "related-stories", "widget", "ad-slot", " ad ", "body",
          "article-text", "comments-title", "message", "MostPopularStories", "author", "caption",
          "post", "entry", "articleBody", "article-body", "articleContent", "story", "x story-body", "content",
          "Main-Content", "page-Content", "FullText", "cell", "text", "article", "content-main", "primary-col",
          "elementor-share-buttons", "x elementor-share-buttons--skin", "Teaser-box", "TEASER", "photo-caption",
          "Caption", "site-footer", "Footer", "cookie-banner", "x Cookie_Consent", "onetrust-pc", "cookiebar",
          "notice--cookie", "consent-manager y"]
ATTRS = ["id", "class", "style", "role", "data-component", "aria-hidden", "data-lp-replacement-content", "itemprop"]
TAGS = ["div", "p", "span", "section", "aside", "item", "list", "ol", "ul", "details", "header", "a", "h1",
        "article", "main", "footer", "template", "style"]


def _made_up_page(seed: int, count: int = 400) -> etree._Element:
    """A page of nested elements with attributes in random order and values from VALUES."""
    rnd = random.Random(seed)
    root = lxml_html.fromstring("<html><body></body></html>")
    parents = [root.find("body")]
    for _ in range(count):
        el = etree.SubElement(rnd.choice(parents), rnd.choice(TAGS))
        for name in rnd.sample(ATTRS, rnd.randint(0, 4)):  # source order varies: id before class, or after
            el.set(name, "true" if name == "aria-hidden" and rnd.random() < .5 else rnd.choice(VALUES))
        el.text = "text"
        parents.append(el)
    return root


def _same(xpath, matcher, tree) -> None:
    expected, got = xpath(tree), matcher(tree)
    assert len(got) == len(expected)
    assert all(a is b for a, b in zip(expected, got, strict=True))


def test_the_pruning_expressions_of_this_trafilatura_are_recognised():
    names = {name.split("[")[0] for name, _, _ in KNOWN}
    if trafilatura.__version__ == "2.3.1":  # the version the shapes were read from
        assert {"OVERALL_DISCARD_XPATH", "RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_XPATH",
                "REMOVE_COMMENTS_AND_LISTS_XPATH", "PRECISION_DISCARD_XPATH", "BODY_XPATH"} <= names
        assert len(KNOWN) >= 12
        assert {"DISCARD_IMAGE_ELEMENTS", "TEASER_DISCARD_XPATH", "BASIC_CLEAN_XPATH"} <= names
    assert xpaths.matcher_for(etree.XPath(".//div[@class='other']")) is None


@pytest.mark.parametrize("seed", range(6))
def test_matchers_give_what_lxml_gives_on_made_up_pages(seed):
    if not KNOWN:
        pytest.skip("no expression of a known shape in this trafilatura")
    tree = _made_up_page(seed)
    for _, xpath, matcher in KNOWN:
        _same(xpath, matcher, tree)
    # some elements matched, some not: the page exercises both sides of every expression
    assert any(xpath(tree) for _, xpath, _ in KNOWN)
    assert all(len(xpath(tree)) < len(tree.xpath(".//*")) for _, xpath, _ in KNOWN)


def test_first_of_two_attributes_is_the_one_first_in_the_tag():
    if not KNOWN:
        pytest.skip("no expression of a known shape in this trafilatura")
    tree = lxml_html.fromstring("<html><body><div class='reply-x' id='a'>1</div><div id='a' class='reply-x'>2</div>"
                                "<div id='hidden' style='x'>3</div><div style='x' id='hidden'>4</div></body></html>")
    for _, xpath, matcher in KNOWN:
        _same(xpath, matcher, tree)


def _seed_trees():
    pages = sorted(SEEDS.glob("*/*.html"))
    assert pages, "seed fixtures missing"
    options = Extractor(output_format="python")
    for page in pages:
        tree = trafilatura.utils.load_html(page.read_bytes())
        yield tree
        yield htmlprocessing.convert_tags(htmlprocessing.tree_cleaning(deepcopy(tree), options), options)


def test_matchers_give_what_lxml_gives_on_the_seed_pages():
    if not KNOWN:
        pytest.skip("no expression of a known shape in this trafilatura")
    for tree in _seed_trees():
        for _, xpath, matcher in KNOWN:
            _same(xpath, matcher, tree)


def test_only_runs_inside_active_use_the_matchers(monkeypatch):
    if not xpaths.install() or not KNOWN:
        pytest.skip("not installed on this trafilatura")
    seen: list[list[object]] = []
    monkeypatch.setattr(xpaths, "_original", lambda tree, nodelist, with_backup=False: seen.append(nodelist))
    tree = lxml_html.fromstring("<html><body><div>x</div></body></html>")
    xpaths.prune_unwanted_nodes(tree, trafilatura_xpaths.OVERALL_DISCARD_XPATH)
    with xpaths.active():
        xpaths.prune_unwanted_nodes(tree, trafilatura_xpaths.OVERALL_DISCARD_XPATH)
    assert all(isinstance(x, etree.XPath) for x in seen[0])
    assert not any(isinstance(x, etree.XPath) for x in seen[1])
    # trafilatura's own modules call the wrapper, and bare trafilatura runs outside active()
    assert trafilatura.main_extractor.prune_unwanted_nodes is xpaths.prune_unwanted_nodes
    body = trafilatura.main_extractor.BODY_XPATH  # iterated by trafilatura's main extractor
    assert list(body) == list(trafilatura_xpaths.BODY_XPATH)
    with xpaths.active():
        inside = list(body)
    assert len(inside) == len(trafilatura_xpaths.BODY_XPATH)
    assert sum(not isinstance(x, etree.XPath) for x in inside) >= 3


def test_first_matching_child_of_each_parent_and_first_in_the_document():
    if not KNOWN:
        pytest.skip("no expression of a known shape in this trafilatura")
    tree = lxml_html.fromstring("<html><body><div><div class='post'>a</div><div class='entry'>b</div></div>"
                                "<section><div class='text'>c</div><div class='story'>d</div></section>"
                                "<div id='content'>e</div><main class='content'>f</main></body></html>")
    got = {name: [el.text for el in matcher(tree)] for name, _, matcher in KNOWN}
    if "BODY_XPATH[0]" in got:
        assert got["BODY_XPATH[0]"] == ["a"]  # .//*[...][1]: 'entry' is not its parent's first
        assert got["BODY_XPATH[2]"] == ["c"] and got["BODY_XPATH[3]"] == ["e"]
    for _, xpath, matcher in KNOWN:
        _same(xpath, matcher, tree)


def test_extraction_is_the_same_without_the_matchers(monkeypatch):
    pages = sorted(SEEDS.glob("*/*.html"))[:6]
    fast = [extract(page.read_bytes(), url="https://example.org/a") for page in pages]
    monkeypatch.setattr(article.xpaths, "active", contextlib.nullcontext)
    slow = [extract(page.read_bytes(), url="https://example.org/a") for page in pages]
    assert [x.text for x in fast] == [x.text for x in slow]
    assert [x.removed for x in fast] == [x.removed for x in slow]
    assert all(x.text for x in fast)


def test_basic_cleaning_answers_from_its_matcher_inside_active_only(monkeypatch):
    """``baseline.basic_cleaning`` reads ``BASIC_CLEAN_XPATH`` by name: inside ``active()`` the
    matcher answers (the same elements as lxml's, checked above), outside lxml does."""
    if not xpaths.install() or xpaths.matcher_for(settings.BASIC_CLEAN_XPATH) is None:
        pytest.skip("not installed on this trafilatura")
    held = xpaths.baseline.BASIC_CLEAN_XPATH
    assert isinstance(held, xpaths._OneXPath)
    calls: list[object] = []
    monkeypatch.setattr(held, "matcher", lambda tree: calls.append(tree) or [])
    page = ("<html><body><p>kept</p><div class='site-footer'>foot</div><aside>side</aside>"
            "<div id='CookieBanner-x'>cookies</div></body></html>")
    tree = lxml_html.fromstring(page)
    assert [el.tag for el in held(tree)] == ["div", "aside", "div"]
    with xpaths.active():
        assert held(tree) == [] and calls == [tree]
    held.matcher = xpaths.matcher_for(settings.BASIC_CLEAN_XPATH)
    with xpaths.active():
        cleaned = xpaths.baseline.basic_cleaning(lxml_html.fromstring(page))
    assert " ".join(cleaned.text_content().split()) == "kept"

