"""speed34's output-neutral speed-ups answer as before: the one-attribute selector groups
(``grouptests.SAME_ATTRIBUTE``) and the trafilatura matchers' absent-id path
(``xpathmatchers.FAST_ABSENT``), each beside lxml's own evaluation."""

from __future__ import annotations

import cssselect
import lxml.html
import pytest
from lxml import etree
from trafilatura import xpaths as trafilatura_xpaths

from archiver.extraction import grouptests, linkdensity, shortcut, xpathmatchers, xpaths
from archiver.extraction.dom import parse
from archiver.extraction.selectors import Index, compile_css

PAGE = """<html><body>
<div class="tooltip-text x">a</div><span class="glossary-info">b</span><p class="lead-tooltip">c</p>
<div class="box-end">d</div><div class="begin-box">e</div><div class="">f</div><div>g</div>
<div class="en-GB">h</div><div class="en">i</div><div class="english">j</div>
<div id="x" class="hidden-thing" style="display:none">k</div><div style="overflow: hidden">l</div>
<div class="comments-title">m</div><div class="reply-box">n</div><nav role="Navigation">o</nav>
<div aria-hidden="true">p</div><div id="hidden-x">q</div><div class="share">r</div>
</body></html>"""

GROUPS = [
    "[class*=tooltip-text], [class*=glossary-info], [class*=tooltip]",
    "[class^=begin], [class$=end], [class*='']",
    "[class|=en], [class=english], [class*=lead]",
    "[class~=x], [class*=hidden]",
]


@pytest.mark.parametrize("css", GROUPS)
@pytest.mark.parametrize("same", [True, False])
def test_one_attribute_groups_answer_like_cssselect(css, same, monkeypatch):
    monkeypatch.setattr(grouptests, "SAME_ATTRIBUTE", same)
    root = parse(PAGE)
    selector = compile_css(css)
    want = etree.XPath(cssselect.HTMLTranslator().css_to_xpath(css, prefix="descendant-or-self::"))(root)
    assert want  # the page holds matches: the test can fail
    for index in (Index(root, selector.needs), Index(root)):
        assert set(selector.select(index)) == set(want)


@pytest.mark.parametrize("fast", [True, False])
def test_discard_matchers_give_lxmls_elements(fast, monkeypatch):
    monkeypatch.setattr(xpathmatchers, "FAST_ABSENT", fast)
    root = parse(PAGE)
    found = 0
    for expr in trafilatura_xpaths.OVERALL_DISCARD_XPATH:
        matcher = xpaths.matcher_for(expr)
        assert matcher is not None
        got = matcher(root)
        assert got == expr(root)
        found += len(got)
    assert found >= 5  # hidden style, comments title, reply box, nav role, aria-hidden ...


def _elements():
    """Converted-tree elements (trafilatura's ``ref`` for links) on each side of the bounds."""
    words = " ".join(f"word{i}" for i in range(120))
    spaced = "\n" + "          \n" * 60 + "a b"  # long, but under 30 characters once collapsed
    return [
        f"<div><p>{words}</p><ref>one link with a long text of its own here, over a hundred characters long "
        f"for the shortcut</ref></div>",
        f"<div>{spaced}<ref>x</ref></div>",
        "<div>" + "".join(f"<ref>link number {i}</ref> " for i in range(40)) + "</div>",
        "<div>" + "".join(f"<ref>l{i}</ref>{spaced}" for i in range(6)) + f"<p>{words}</p></div>",
        "<div>" + "".join(f"<ref>link {i}</ref>" for i in range(6)) + f"<p>{words} {words}</p></div>",
        f"<p>{spaced}<ref>a link</ref> {spaced}</p>",
    ]


@pytest.mark.parametrize("markup", _elements())
@pytest.mark.parametrize("precision", [True, False])
def test_link_density_with_lazy_text_as_without(markup, precision, monkeypatch):
    element = lxml.html.document_fromstring(f"<html><body>{markup}<div>after</div></body></html>").find("body")[0]
    with xpaths.active():
        lazy = linkdensity.link_density_test(element, precision)
        monkeypatch.setattr(linkdensity, "LAZY_TEXT", False)
        assert linkdensity.link_density_test(element, precision) == lazy


@pytest.mark.parametrize("own", ["", "x" * 10, "word " * 40, "word " * 200, "word " * 400])
@pytest.mark.parametrize("pad", [30, 0])  # white space between the words (each answer's way taken), or none
def test_half_of_with_its_bounds_as_without(own, pad, monkeypatch):
    page = "<div>" + "".join(f"<p>{'   ' * pad}word{i} {'&#10;' * pad}more text here</p>" for i in range(60)) + "</div>"
    tree = lxml.html.document_fromstring(f"<html><body>{page}</body></html>")
    bounded = shortcut._half_of(own, tree)
    monkeypatch.setattr(shortcut, "RAW_BOUND", False)
    assert shortcut._half_of(own, tree) == bounded
    assert bounded == (2 * len(own) >= len(" ".join(tree.text_content().split())))
