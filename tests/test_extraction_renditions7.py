"""The seventh renditions of the seed pages (``tests/fixtures/renditions7``) word for word, and the
kind they found, on a small page of its own (invented site and text) that fails with its fix
switched off.

- a box of story links under a heading of its own and nothing else ("More for You" over two
  links, in a custom element of a web-component page, between two body paragraphs): trafilatura
  drops the list as links and keeps the heading, which stayed as a line of the body (DOM rule
  ``titled-link-list``);
- (second round) the rest of the post folded in an AMP accordion, ``<amp-accordion><section><h4>
  ...</h4><div><p>...``: the repair that gives loose text beside the body's ``<p>``s a ``<p>`` of its
  own read the custom element as inline text and wrapped it, paragraphs and all, in a ``<p>``;
  trafilatura kept the first and lost the other six (``brlines.BLOCK_HOLDERS``, switch
  ``stage:block-holders``: an element holding a block is a block);
- (second round) the accordion's header, both toggle labels glued, "Continue readingShow less",
  stayed as a line (paragraph rule ``reveal-toggle``);
- (third round) a contact line closing the body whose address Joomla's e-mail cloaking hid ("Write
  to <span>This email address is being protected from spambots. You need JavaScript enabled to view
  it.</span><script>...") stayed, the ``write-to`` rule seeing no address in it (paragraph rule
  ``email-cloak``);
- (fourth round) a dateline in day-month-year order pasted above the story ("14 January 2022, 10:42
  GMT – By RFE/RL") stayed: ``dateline`` knows "January 14, 2022" only (paragraph rule
  ``dateline-dmy``).
"""

from __future__ import annotations

import dataclasses

import pytest
from renditionkit import SEEDS_FOUND, assert_word_for_word, page_id, rendition_pages

import archiver.extraction as ex
from archiver.extraction import brlines, extract


@SEEDS_FOUND
@pytest.mark.parametrize("page", rendition_pages("renditions7"), ids=page_id)
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    assert_word_for_word("renditions7", page)


URL = "https://www.harbourside-gazette.example/2026/04/14/ferry-timetable"
TITLE = "Island ferry adds an evening crossing for the summer"
BODY = [f"Paragraph {i} of the notice says the island ferry will sail a fourth crossing each evening "
        f"from June, after the harbour board agreed to pay for the extra crew and fuel." for i in range(8)]


def _page(box: str, at: int = 5, end: int = len(BODY)) -> str:
    paras = "".join(f"<p>{t}</p>" for t in BODY[:at]) + box + "".join(f"<p>{t}</p>" for t in BODY[at:end])
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>{TITLE}</h1>'
            f"{paras}</article></main><footer><a href='/about'>About us</a></footer></body></html>")


def _box(heading: str, tag: str = "gz-recommendations", level: int = 3) -> str:
    return (f'<{tag} class="inline-recs"><h{level}>{heading}</h{level}><ul>'
            '<li><a href="/2026/04/12/harbour-wall"><span>Harbour wall repairs finish early</span>'
            '<span class="src">Harbourside Gazette</span></a></li>'
            '<li><a href="/2026/04/10/island-school"><span>Island school reopens after the storm</span></a></li>'
            f"</ul></{tag}>")


@pytest.mark.parametrize("heading", ["More for You", "Trending Now", "Editors’ picks", "Don’t miss"])
def test_a_titled_box_of_story_links_goes_whole(heading):
    result = extract(_page(_box(heading)), URL)
    assert list(result.paragraphs) == BODY
    assert any(r.rule == "titled-link-list" and heading in r.text for r in result.removed)


def test_the_box_in_a_div_or_an_aside_goes_too():
    for tag in ("div", "aside", "section"):
        assert list(extract(_page(_box("More for You", tag=tag, level=2)), URL).paragraphs) == BODY, tag


def test_without_the_rule_the_heading_stays(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), dom=tuple(r for r in original(host).dom if r.name != "titled-link-list")))
    assert "More for You" in extract(_page(_box("More for You")), URL).paragraphs


def test_a_section_with_a_sentence_beside_its_links_stays():
    """A body section whose list is of links but which has its own prose is no link box."""
    section = ('<section><h2>Where to buy tickets</h2><p>Tickets are sold at the terminal and online.</p><ul>'
               '<li><a href="/tickets">Ticket office</a></li><li><a href="/fares">Fares for 2026</a></li></ul>'
               "</section>")
    text = extract(_page(section), URL).text
    assert "Where to buy tickets" in text and "Tickets are sold at the terminal and online." in text


def test_a_list_with_words_outside_its_links_stays():
    """A list item holding words of its own ("the timetable, from the harbour office") is content."""
    section = ('<div><h3>Timetable changes</h3><ul><li>The 18:40 crossing moves to 19:10 from June, '
               'says the <a href="/office">harbour office</a>.</li><li>The 21:00 crossing runs on Fridays '
               'and Saturdays only, the <a href="/board">board</a> said.</li></ul></div>')
    text = extract(_page(section), URL).text
    assert "Timetable changes" in text and "The 18:40 crossing moves to 19:10 from June" in text


def _folded(wrapper: str, header: str = "") -> str:
    """The body's first five paragraphs as ``<p>``s, the rest inside ``wrapper`` (an element name)."""
    rest = "".join(f"<p>{t}</p>" for t in BODY[5:])
    return _page(f"<{wrapper}><section>{header}<div>{rest}</div></section></{wrapper}>", end=5)


@pytest.mark.parametrize("wrapper", ["amp-accordion", "gz-fold", "font"])
def test_the_body_inside_an_element_of_another_tag_is_read_whole(wrapper):
    assert list(extract(_folded(wrapper), URL).paragraphs) == BODY


def test_without_the_stage_the_folded_paragraphs_are_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BLOCK_HOLDERS", False)
    assert len(extract(_folded("amp-accordion"), URL).paragraphs) < len(BODY)


def test_loose_inline_text_beside_the_body_still_gets_its_paragraph():
    """The repair itself still acts: a loose sentence with inline markup among the ``<p>``s."""
    lede = 'The board met on <b>Monday</b> and agreed the <a href="/plan">summer plan</a> for the ferry.'
    html = _page("").replace("<h1>" + TITLE + "</h1>", "<h1>" + TITLE + "</h1>" + lede)
    assert extract(html, URL).paragraphs[0] == lede.replace("<b>", "").replace("</b>", "").replace(
        '<a href="/plan">', "").replace("</a>", "")


@pytest.mark.parametrize("labels", ["<span>Continue reading</span><span>Show less</span>",
                                    "<span>Read more</span> <span>Read less</span>",
                                    "<span>Show more ▾</span><span>Show less ▴</span>"])
def test_an_expander_s_two_labels_go(labels):
    paragraphs = list(extract(_folded("amp-accordion", f'<h4 class="toggle">{labels}</h4>'), URL).paragraphs)
    assert paragraphs == BODY


def test_without_the_rule_the_labels_stay(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), paragraphs=tuple(r for r in original(host).paragraphs if r.name != "reveal-toggle")))
    html = _folded("amp-accordion", '<h4><span>Continue reading</span><span>Show less</span></h4>')
    assert "Continue readingShow less" in extract(html, URL).paragraphs


def test_a_sentence_that_begins_with_read_more_stays():
    line = "Read more about the timetable and hide nothing from the crews, the board told the harbour office."
    assert line in extract(_page(f"<p>{line}</p>"), URL).paragraphs


CLOAKS = {
    "en": "This email address is being protected from spambots. You need JavaScript enabled to view it.",
    "de": "Diese E-Mail-Adresse ist vor Spambots geschützt! Zur Anzeige muss JavaScript eingeschaltet sein!",
    "fr": "Cette adresse e-mail est protégée contre les robots spammeurs. Vous devez activer le JavaScript pour "
          "la visualiser.",
}


def _contact(notice: str) -> str:
    line = (f'<p>Have a story from the islands? Write to <span id="cloak5e1f">{notice}</span><script>'
            "document.getElementById('cloak5e1f').innerHTML = '';var addy5e1f = 'tips' + '&#64;' + "
            "'harbourside-gazette' + '&#46;' + 'example';</script></p>")
    return _page(line, at=len(BODY))


@pytest.mark.parametrize("language", sorted(CLOAKS))
def test_a_contact_line_with_a_cloaked_address_goes(language):
    assert list(extract(_contact(CLOAKS[language]), URL).paragraphs) == BODY


def test_without_the_rule_the_contact_line_stays(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), paragraphs=tuple(r for r in original(host).paragraphs if r.name != "email-cloak")))
    assert any("protected from spambots" in p for p in extract(_contact(CLOAKS["en"]), URL).paragraphs)


def test_a_long_paragraph_with_a_cloaked_address_stays():
    """Past 300 characters the paragraph is the article's, address or not."""
    long = BODY[0] + " " + BODY[1] + " Questions go to the harbour office at " + CLOAKS["en"]
    assert long in extract(_page(f"<p>{long}</p>", at=len(BODY)), URL).paragraphs


@pytest.mark.parametrize("line", ["14 January 2022, 10:42 GMT – By RFE/RL", "Published 14 January 2022, 10:42",
                                  "Tuesday 11 Jan 2022 10:42 GMT", "Tuesday 3rd March 2026",
                                  "14 January 2022. Updated 15 January 2022, 09:10"])
def test_a_day_month_year_dateline_goes(line):
    assert list(extract(_page(f"<p>{line}</p>", at=0), URL).paragraphs) == BODY


def test_without_the_rule_the_dateline_stays(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), paragraphs=tuple(r for r in original(host).paragraphs if r.name != "dateline-dmy")))
    line = "14 January 2022, 10:42 GMT – By RFE/RL"
    assert line in extract(_page(f"<p>{line}</p>", at=0), URL).paragraphs


@pytest.mark.parametrize("line", ["14 January 2022 was the day the last crews left the island for the winter.",
                                  "On 14 January 2022, 10 ferries sailed.", "10 April 2025"])
def test_a_sentence_with_a_date_or_a_bare_date_stays(line):
    """A bare date with no time, label, weekday or byline stays (WCXB's truth counts a post's date line)."""
    assert line in extract(_page(f"<p>{line}</p>", at=0), URL).paragraphs
