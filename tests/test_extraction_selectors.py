"""CSS selectors answered from the page index give what cssselect's XPath gives."""

from __future__ import annotations

import cssselect
import pytest
from lxml import etree

from archiver.extraction import endtags, selectors
from archiver.extraction.dom import iter_document, parse, strip_inert
from archiver.extraction.selectors import Index, compile_css

PAGE = """<html><body>
<a class="skip-link" href="#content">Skip</a><a href="#main">Main</a><a href="/x">X</a><a href="#main-content" class="y">M</a>
<nav id="menu" class="menu top"><ul><li class="menu">a</li></ul></nav>
<div role="navigation" style="display:none" hidden>hidden nav</div>
<div class="ad ad-slot" id="div-gpt-ad-123">ad</div><ins class="adsbygoogle">x</ins><span class="ad">inline ad</span>
<div itemscope style="display: none"><p itemprop="articleBody">x</p></div>
<div aria-hidden="true" class="icon">i</div><div aria-hidden="false">j</div>
<section class="share-buttons social-share"><p lang="en-GB">s</p></section>
</body></html>"""

SELECTORS = [
    "a.skip-link, .skip-links, .skip-link, a[href='#content'], a[href='#main'], a[href='#main-content']",
    "nav, [role=navigation], .menu, #menu",
    ".ad, .ads, ins.adsbygoogle, [id^=div-gpt-ad]",
    "[itemscope][style*='display:none'], [itemscope][style*='display: none'], [itemscope][hidden]",
    "[hidden], [style*='display:none'], [style*='display: none']",
    "[aria-hidden=true]",
    ".share-buttons.social-share, section.social-share",
    "[itemprop~=articleBody], [lang|=en], [href$=content]",
    "div > p, ul li",  # combinators: cssselect's XPath
    "span.ad, div.ad",
    "*",
]


@pytest.mark.parametrize("css", SELECTORS)
def test_index_answers_like_cssselect(css):
    root = parse(PAGE)
    selector = compile_css(css)
    xpath = etree.XPath(cssselect.HTMLTranslator().css_to_xpath(css, prefix="descendant-or-self::"))
    for index in (Index(root, selector.needs), Index(root)):  # with and without the page's needs
        assert set(selector.select(index)) == set(xpath(root))


LATE_JUNK = "<html><head><title>t</title></head><body><p>x</p></body></html><script>late()</script><style>s</style>"


def test_iter_document_covers_what_follows_the_root(monkeypatch):
    """Junk after ``</html>`` can become a second top-level element, which ``//`` sees and ``root.iter`` does not
    (when the early ``</html>`` is left in: ``endtags.late_content`` takes it out)."""
    monkeypatch.setattr(endtags, "LATE_CONTENT", False)
    root = parse(LATE_JUNK)
    assert [el.tag for el in root.itersiblings()]  # libxml2 made a second top-level element
    everything = etree.XPath("//script | //style")(root)
    assert list(iter_document(root, "script", "style")) == everything and len(everything) == 2
    assert strip_inert(root) == 2 and not etree.XPath("//script | //style")(root)


def test_with_the_early_html_end_tag_mended_the_junk_is_inside_the_root():
    root = parse(LATE_JUNK)
    assert not list(root.itersiblings()) and [el.tag for el in root.iter("script", "style")] == ["script", "style"]


SUBSTRING_PAGE = """<html><body>
<div class="photoCaption">a</div><p class="img-credit x" id="newsletter-top">b</p>
<span class="Credit">c</span><section id="signup"><div class="newsletterSignup">d</div></section>
<div class="">e</div><div id="">f</div><a class="subscribe-link">g</a>
</body></html>"""


@pytest.mark.parametrize("expr", [
    "//*[contains(@class, 'aption') or contains(@class, 'redit')]",
    "//*[contains(@class, 'ewsletter') or contains(@class, 'ignup') or contains(@class, 'ubscri')"
    " or contains(@id, 'ewsletter')]",
    '//*[contains(@id, "signup")]',
])
def test_class_substring_xpath_answered_from_the_index(expr):
    """``//*[contains(@a, 's') or ...]`` rules are looked up in the index pass: same elements, same order."""
    from archiver.extraction.rules import XPathSelector

    root = parse(SUBSTRING_PAGE)
    selector = XPathSelector(expr)
    assert selector.contains  # recognised: answered from the index
    index = Index(root, selector.needs)
    expected = selector.xpath(root)
    assert expected and selector.select(index) == expected
    assert index.by_substring(selector.contains) == expected
    assert Index(root).by_substring(selector.contains) is None  # an index not built for them: the XPath answers
    assert selector.select(Index(root)) == expected


def test_other_xpath_rules_are_left_to_libxml2():
    from archiver.extraction.rules import XPathSelector

    assert not XPathSelector("//time[not(ancestor::p)]").contains
    assert not XPathSelector("//*[contains(@class, 'a') and contains(@id, 'b')]").contains
    assert not XPathSelector("//div[contains(@class, 'a')]").contains


def test_class_substring_xpath_with_a_tag_left_out_answered_from_the_index():
    """``//*[contains(@a, 's') ...][not(self::tag)]`` (the trackbacks rule's shape) is answered from the
    index too: same elements, same order, the left-out tag left out."""
    from archiver.extraction.rules import XPathSelector

    root = parse(SUBSTRING_PAGE)
    selector = XPathSelector("//*[contains(@class, 'ubscri') or contains(@class, 'redit')][not(self::a)]")
    assert selector.contains and selector.not_tag == "a"
    expected = selector.xpath(root)
    assert [el.tag for el in expected] == ["p", "span"]
    assert selector.select(Index(root, selector.needs)) == expected
    assert not XPathSelector("//*[contains(@class, 'a')][not(self::a)][1]").contains  # a position: libxml2's


NESTED_PAGE = """<html><body>
<div id="toc" class="toc"><div id="toctitle"><h2>Contents</h2></div><ul><li class="toclevel-1">One</li></ul></div>
<div class="toc-wrap"><p id="toctitle">not in a .toc</p></div>
<div class="x toc"><section><span id="toctitle">deep</span></section></div>
<nav class="menu"><ul><li><a href="/a">a</a></li><li class="menu"><a href="/b">b</a></li></ul></nav>
<article><p class="lead">p1</p><div><p class="lead">p2</p></div></article>
</body></html>"""

NESTED = [  # (selector group, whether every part is answered from the index)
    (".toc #toctitle", True), (".toc > #toctitle", True), ("nav a", True), ("nav > ul > li", False),
    ("li.menu a, .menu > ul", False), ("article > p.lead", True), ("article p.lead", True), ("html > body", True),
    ("body > *", True), ("* > p", True), (".toc li, #toc, .menu", True), ("div p, p span", False),
    ("nav > ul > li, .toc #toctitle", False), (".toc #toctitle, .x, #toc", True),
]


@pytest.mark.parametrize(("css", "indexed"), NESTED)
def test_nested_selectors_answered_from_the_index_like_cssselect(css, indexed, monkeypatch):
    """``A B`` and ``A > B`` of simple selectors, the group's only part that is not simple: the index's
    candidates for B, kept when an ancestor (a parent) matches A; the elements cssselect's XPath finds,
    and the same list (order included) as when that part went to the XPath."""
    root = parse(NESTED_PAGE)
    selector = compile_css(css)
    monkeypatch.setattr(selectors, "NESTED", False)
    before = compile_css(css)
    xpath = etree.XPath(cssselect.HTMLTranslator().css_to_xpath(css, prefix="descendant-or-self::"))
    assert xpath(root)  # the page holds matches: the comparison says something
    for index in (Index(root, selector.needs), Index(root)):
        found = selector.select(index)
        assert set(found) == set(xpath(root))
        assert found == before.select(Index(root, before.needs))
        if "," not in css:
            assert found == xpath(root)  # one part: document order
    assert (selector.xpath is None) == indexed and before.nested == ()


def test_nested_selector_needs_its_subject():
    needs = compile_css(".toc #toctitle, .c").needs
    assert "toctitle" in needs.ids and "c" in needs.classes
    assert "toc" not in needs.classes  # the ancestor is tested, not looked up
    assert compile_css("div.a > .b").needs.classes == {"b"}
