"""Failure kinds from public bug reports against article extractors, tenth round (bug10).

Invented site and text (the Harrowdene Gazette), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back.
"""

from __future__ import annotations

from lxml import html as lxml_html
from storykit import Newsroom

from archiver.extraction import ariaheadings, codelines, divheadings, extract

URL = "https://www.harrowdene-gazette.example/2026/12/ferry-slipway"
TITLE = "Harrowdene ferry slipway reopens after a winter of repairs"

SITE = Newsroom(URL, TITLE, "Harrowdene Gazette", "Idris Pellow", "4 Mill Lane",
                "The harbour board said on Tuesday that pontoon {i} of the old ferry slipway had been lifted, scraped and bolted back onto new piles before the spring tides.")
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


# -- a code block whose last line ends in a space and no newline: the paragraph after it was glued
#    onto that line ("} The harbour board said ..."), in archiver and in bare trafilatura. The
#    highlighted listing of https://github.com/extractus/article-extractor/issues/347 (one
#    span.line per line); whitespace in <pre> as in https://github.com/postlight/parser/issues/310 --

LINES = ["const ferry = board.next();", "if (ferry.full) {", "  wait(20);", "}"]
HIGHLIGHTED = "\n".join(f"<span class='line'><span class='k'>{line}</span><span> </span></span>" for line in LINES)


def _code(block: str) -> str:
    return page(SITE.ps(0) + "<p>The timetable page runs this:</p>" + block + SITE.ps(1))


def test_the_paragraph_after_a_highlighted_block_stands_alone():
    got = paragraphs(_code(f"<pre class='shiki'><code>{HIGHLIGHTED}</code></pre>"))
    assert got[-1] == S[1]
    assert got[-2] == "}"
    assert got[:2] == [S[0], "The timetable page runs this:"]


def test_a_space_after_the_code_inside_the_pre_is_no_glue_either():
    got = paragraphs(_code("<pre><code>total = 40\nprint(total)</code> </pre>"))
    assert got[-2:] == ["print(total)", S[1]]


def test_indentation_and_a_block_ending_in_a_newline_are_unchanged():
    html = _code("<pre><code>def tide_ok(h):\n    return h > 1.5\n</code></pre>")
    assert list(extract(html, URL).paragraphs[2:4]) == ["def tide_ok(h):", "    return h > 1.5"]
    assert codelines.end_code_blocks(lxml_html.fromstring(html).iter("pre")) == 0  # ends in a newline: left as it is


def test_without_the_stage_the_paragraph_joins_the_last_line(monkeypatch):
    monkeypatch.setattr(codelines, "CODE_END", False)
    html = _code(f"<pre class='shiki'><code>{HIGHLIGHTED}</code></pre>")
    assert paragraphs(html)[-1] == "} " + S[1]
    assert any(line.startswith("} The harbour board") for line in bare(html))  # bare trafilatura does the same


# -- section titles written as <div role="heading" aria-level="2">: one-line <div>s among the
#    paragraphs, dropped by archiver and bare trafilatura, so the sections ran together (headings
#    lost in https://github.com/jina-ai/reader/issues/15: heading text in divs) --

def _aria(head: str) -> str:
    return page(SITE.ps(0, 1) + head.format(t="The cost of the work") + SITE.ps(2, 3)
                + head.format(t="What happens next") + SITE.ps(4))


def test_aria_headings_are_kept_in_place():
    for head in ('<div role="heading" aria-level="2" class="title">{t}</div>',
                 '<p role="heading" aria-level="3">{t}</p>', '<div role="heading">{t}</div>'):
        got = paragraphs(_aria(head))
        assert got == [S[0], S[1], "The cost of the work", S[2], S[3], "What happens next", S[4]], head


def test_a_level_one_or_a_block_holding_one_is_left_alone():
    root = lxml_html.fromstring("<div><div role='heading' aria-level='1'>Headline</div>"
                                "<div role='heading' aria-level='2'><p>Not one line</p></div>"
                                "<h2><div role='heading'>Inside a heading</div></h2></div>")
    assert ariaheadings.name_aria_roles(root.iter("div")) == 0


def test_without_the_stage_the_aria_headings_are_lost(monkeypatch):
    monkeypatch.setattr(ariaheadings, "ARIA_HEADINGS", False)
    html = _aria('<div role="heading" aria-level="2" class="title">{t}</div>')
    assert paragraphs(html) == [S[0], S[1], S[2], S[3], S[4]]
    assert "What happens next" not in bare(html)  # bare trafilatura drops them too


ITEMS = ["Handrails on both sides of the slipway.", "A lit ticket shelter by the bus stop.",
         "A ramp for wheelchairs and prams at low water."]


def _role_list(items: str) -> str:
    return page(SITE.ps(0) + "<p>The work added three things:</p>" + items + SITE.ps(1, 2))


def test_a_role_list_of_items_is_read_as_a_list():
    html = _role_list('<div role="list">' + "".join(f'<div role="listitem">{x}</div>' for x in ITEMS) + "</div>")
    assert paragraphs(html) == [S[0], "The work added three things:", *(f"- {x}" for x in ITEMS), S[1], S[2]]


def test_a_role_list_holding_other_blocks_is_left_alone():
    root = lxml_html.fromstring('<div><div role="list"><div role="listitem">One item</div><p>a note</p></div></div>')
    assert ariaheadings.name_aria_roles(root.iter("div")) == 0


def test_without_the_stage_the_items_are_lost(monkeypatch):
    monkeypatch.setattr(ariaheadings, "ARIA_LISTS", False)
    html = _role_list('<div role="list">' + "".join(f'<div role="listitem">{x}</div>' for x in ITEMS) + "</div>")
    assert paragraphs(html) == [S[0], "The work added three things:", S[1], S[2]]
    assert ITEMS[1] in bare(html)  # bare trafilatura kept them


# -- a section title written as a one-line <div> between body paragraphs (div.h2, div.subheading,
#    a <div> holding one <b>): dropped by archiver and bare trafilatura, so the sections ran
#    together (headings in <div>s, https://github.com/jina-ai/reader/issues/15) --

def test_one_line_heading_divs_are_kept_in_place():
    for head in ("<div class='h2'>{t}</div>", "<div class='subheading'>{t}</div>", "<div><b>{t}</b></div>",
                 "<div class='wp-block-heading'><strong>{t}</strong></div>"):
        got = paragraphs(_aria(head))
        assert got == [S[0], S[1], "The cost of the work", S[2], S[3], "What happens next", S[4]], head


def test_a_sentence_a_label_or_a_line_before_no_paragraph_is_no_heading():
    # a sentence is a paragraph (repair's div lines); a closing colon is a label; after the last
    # paragraph, a one-line bold <div> is no section title
    html = page(SITE.ps(0, 1, 2) + "<div><b>Contact the harbour office:</b></div>" + SITE.ps(3) + "<div class='subheading'>Share this</div>")
    got = paragraphs(html)
    assert "Contact the harbour office:" not in got and "Share this" not in got


def test_without_the_stage_the_heading_divs_are_lost(monkeypatch):
    monkeypatch.setattr(divheadings, "DIV_HEADINGS", False)
    html = _aria("<div class='subheading'>{t}</div>")
    assert paragraphs(html) == [S[0], S[1], S[2], S[3], S[4]]
    assert "What happens next" not in bare(html)  # bare trafilatura drops them too
