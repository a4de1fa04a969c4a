"""Pages built to be slow: one element of tens of thousands of attributes, a body of tens of
thousands of ``<br>`` lines, a line repeated all through a page. The extraction must give the
article, and the shortcuts that keep such pages linear must give what the slow paths gave.
No timing asserts: each test checks the result (and, where a shortcut stands in for a slow
path, that both agree)."""

from __future__ import annotations

import lxml.html
from lxml import etree

from archiver.extraction import extract
from archiver.extraction.brlines import br_paragraphs, text_and_breaks
from archiver.extraction.crowded import trim_attributes
from archiver.extraction.dom import parse
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

STORY = ("The county opened its new library on Saturday after three years of building work.",
         "Volunteers carried the first boxes of books across the square from the old hall.",
         "The librarian said the reading room would stay open until nine on weekdays.",
         "A café on the ground floor will be run by students of the local college.")


def _page(open_tag: str, body: str = "") -> str:
    paras = "".join(f"<p>{line}</p>" for line in STORY)
    return (f"<html><head><title>Library opens</title></head><body><nav><a href='/'>Home</a></nav>"
            f"{open_tag}<h1>Library opens</h1>{paras}{body}</article></body></html>")


def test_an_element_of_twenty_thousand_attributes_is_cut_down_and_keeps_its_class() -> None:
    crowd = " ".join(f"data-x{i}='v{i}'" for i in range(20000))
    html = _page(f"<article {crowd} class='story-body' id='main'>")
    root = parse(html)
    article = root.find(".//article")
    assert len(article.keys()) <= 512 + 2  # parse() trimmed it: the first 512 and the named ones
    assert article.get("class") == "story-body" and article.get("id") == "main"
    assert article.get("data-x0") == "v0" and article.get("data-x511") == "v511"
    text = extract(html, "http://127.0.0.1/news/library").text
    for line in STORY:
        assert line in text


def test_names_lxml_will_not_set_are_dropped_not_raised() -> None:
    odd = " ".join(f"@x{i}='v' a{i}='w'" for i in range(5000))
    root = parse(_page(f"<article {odd} class='story-body'>"))
    article = root.find(".//article")
    assert article.get("class") == "story-body" and 0 < len(article.keys()) <= 514


def test_trim_attributes_leaves_ordinary_elements_alone() -> None:
    root = lxml.html.fromstring("<div><p class='a' id='b' data-c='d'>x</p><span title='t'>y</span></div>")
    before = etree.tostring(root)
    assert trim_attributes(root) == 0
    assert etree.tostring(root) == before


def test_a_page_of_a_few_attributes_is_not_trimmed() -> None:
    wide = " ".join(f"data-x{i}='v'" for i in range(600))  # over 512, but the page has few '='
    root = parse(_page(f"<article {wide}>"))
    assert len(root.find(".//article").keys()) == 600


def test_text_and_breaks_is_what_the_xpath_union_finds() -> None:
    parser = etree.HTMLParser(remove_comments=False)
    html = ("<div>Lead <b>bold<i>inner</i>after-i</b>tail-b<br>line two<!-- note -->after-comment"
            "<br/><br><span>in span<br>still</span> end</div>")
    div = etree.fromstring(html, parser).find(".//div")
    union = [None if isinstance(node, etree._Element) else str(node)
             for node in etree.XPath(".//text() | .//br")(div)]
    assert list(text_and_breaks(div)) == union
    assert " note " not in [node for node in text_and_breaks(div) if node]


def test_a_body_of_many_br_lines_is_read_whole() -> None:
    lines = "".join(f"Entry {i} of the parish register was copied out by the clerk.<br><br>" for i in range(3000))
    html = f"<html><body><article><h1>Parish register</h1><div>{lines}</div></article></body></html>"
    div = parse(html).find(".//div")
    assert br_paragraphs(div) == 3000
    text = extract(html, "http://127.0.0.1/register").text
    assert "Entry 0 of the parish register" in text and "Entry 2999 of the parish register" in text


def test_a_repeated_line_is_judged_by_its_place_not_once_for_the_page(monkeypatch) -> None:
    # "-30-" closes a wire story (signoff-line, only among the last 3 lines); the same line mid-body
    # is text, however often it repeats: the screen's answer for a text is reused only between the
    # rules' widest first and last windows (generic rules: 5 and 40), so the page is longer than both
    from archiver.extraction import paragraphs as module
    from archiver.extraction.screen import screen_for

    rules = rules_for(None)
    screen = screen_for(rules.paragraphs)
    assert screen.first < 10 and screen.last < 45
    body = [f"Paragraph {i} of the story about the harbour works." for i in range(60)]
    paras = body[:10] + ["-30-"] * 3 + body[10:] + ["-30-"]
    asked: list[str] = []

    class Counting:
        first, last = screen.first, screen.last

        @staticmethod
        def may_match(text: str, index: int, count: int) -> bool:
            asked.append(text)
            return screen.may_match(text, index, count)

    monkeypatch.setattr(module, "screen_for", lambda _rules: Counting())
    kept, removed = clean_paragraphs(paras, rules)
    assert kept == body[:10] + ["-30-"] * 3 + body[10:]
    assert [(r.rule, r.text) for r in removed] == [("signoff-line", "-30-")]
    # asked once for the three mid-body (the memo), once at the end, once by the body-end walk
    assert asked.count("-30-") == 3


def test_the_paragraph_text_length_of_a_long_page_is_what_the_xpath_union_counts() -> None:
    from archiver.extraction.mainpick import _p_text_len

    paras = "".join(f"<p>Item {i} <b>bold {i}</b> tail</p><div>between {i}</div>" for i in range(2500))
    root = parse(f"<html><body><article>{paras}<p><span>nested <p>inner</p></span></p></article></body></html>")
    for el in (root.find("body"), root.find(".//article")):
        union = sum(len(t) for t in etree.XPath(".//p//text()")(el))
        assert _p_text_len(el) == union > 0
