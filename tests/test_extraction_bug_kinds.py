"""Failure kinds from public bug reports against article extractors, each on a small page of its own.

Invented site and text, in the markup the reports show (the report is named above each
test). Each test has a twin that switches its fix off and shows the fault is back, so
the page tests the fix and not something else.
"""

from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule

from archiver.extraction import containers, extract, inline, loosedivs, repair, tables

URL = "https://www.marshgate-herald.example/news/2026/ferry-timetable"
TITLE = "Marshgate ferry keeps its winter timetable"


def page(body: str, title: str = TITLE, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} | Marshgate Herald"
            "</title></head><body><header class='site-header'><a href='/'>Marshgate Herald</a><nav><ul>"
            "<li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></nav></header>"
            f"<main><article class='story'><h1>{title}</h1><div class='byline'>By Ada Quill</div>{body}"
            "</article></main><footer class='site-footer'><p>Marshgate Herald, 12 Quay Lane.</p></footer>"
            "</body></html>")


S = [f"The ferry company told councillors on Tuesday that crossing number {i} would keep its winter slot, "
     f"because the tide at the north slip leaves too little water for the larger boat before nine."
     for i in range(10)]


def ps(*idx: int) -> str:
    return "".join(f"<p>{S[i]}</p>" for i in idx)


def paragraphs(html: str) -> list[str]:
    return [" ".join(p.split()) for p in extract(html, URL).paragraphs]


# -- a <time> inside a sentence (trafilatura deletes every <time> with its text; same kind as
#    https://github.com/adbar/trafilatura/issues/825, text inside <nobr> dropped) --

TIME_LINE = "The vote is set for 4 March, when the council meets at the harbour office to decide on the slip."
TIME_PAGE = page(ps(0, 1) + "<p>The vote is set for <time datetime='2026-03-04'>4 March</time>, when the council "
                 "meets at the harbour office to decide on the slip.</p>" + ps(2, 3))


def test_a_time_inside_a_sentence_keeps_its_text():
    assert paragraphs(TIME_PAGE) == [S[0], S[1], TIME_LINE, S[2], S[3]]


def test_a_dateline_time_alone_still_goes():
    html = page("<p class='stamp'>Published <time datetime='2026-03-04'>4 March 2026</time></p>" + ps(0, 1, 2))
    assert "4 March 2026" not in extract(html, URL).text  # a label and a date: not inside a sentence


def test_without_the_fix_the_date_is_cut_out(monkeypatch):
    monkeypatch.setattr(inline, "KEEP_TIMES", False)
    assert any(p.startswith("The vote is set for , when") for p in paragraphs(TIME_PAGE))


# -- an inline <q> (trafilatura reads it as a block quote: the sentence is cut in two lines) --

Q_PAGE = page(ps(0) + "<p>The harbour master called it <q>the only safe choice</q> for the winter, and the board "
              "agreed.</p>" + ps(1, 2))


def test_an_inline_quote_stays_in_its_sentence_with_the_marks_shown():
    assert paragraphs(Q_PAGE) == [S[0], "The harbour master called it “the only safe choice” for the winter, "
                                  "and the board agreed.", S[1], S[2]]


def test_quote_marks_follow_the_page_language():
    de = [f"Die Fähre fährt auch im Winter {n} Mal am Tag, weil der Anleger im Norden bei Ebbe zu "
          f"wenig Wasser für das große Schiff hat, sagte die Gesellschaft." for n in range(3)]
    html = page("".join(f"<p>{t}</p>" for t in de[:2]) + "<p>Der Hafenmeister nannte das <q>die einzig sichere "
                "Wahl</q> für den Winter.</p>" + f"<p>{de[2]}</p>", title="Die Fähre bleibt", lang="de")
    assert "Der Hafenmeister nannte das „die einzig sichere Wahl“ für den Winter." in paragraphs(html)


def test_without_the_fix_the_quote_cuts_the_sentence(monkeypatch):
    monkeypatch.setattr(inline, "QUOTE_Q", False)
    got = paragraphs(Q_PAGE)
    assert not any("the only safe choice" in p and "for the winter" in p for p in got)


# -- a code block in a <figure> (Jekyll's <figure class="highlight">; readability drops short <pre>,
#    https://github.com/mozilla/readability/issues/374, fixed downstream by wrapping them in figures,
#    https://github.com/danburzo/percollate/pull/117; trafilatura deletes every <figure>) --

CODE_PAGE = page(ps(0) + "<p>The timetable is read with one call:</p><figure class='highlight'><pre><code "
                 "class='language-python'>times = ferry.timetable('north')\nprint(times[0])</code></pre></figure>"
                 + ps(1, 2))


def test_a_code_block_in_a_figure_is_kept():
    assert paragraphs(CODE_PAGE) == [S[0], "The timetable is read with one call:",
                                     "times = ferry.timetable('north')", "print(times[0])", S[1], S[2]]


def test_an_image_figure_still_goes():
    html = page(ps(0, 1) + "<figure><img src='/slip.jpg' alt=''><figcaption>The north slip at low water."
                "</figcaption></figure>" + ps(2))
    assert paragraphs(html) == [S[0], S[1], S[2]]


def test_without_the_fix_the_code_is_lost(monkeypatch):
    monkeypatch.setattr(containers, "UNFIGURE_CODE", False)
    assert "print(times[0])" not in extract(CODE_PAGE, URL).text


# -- a list whose items are sections (https://github.com/adbar/trafilatura/issues/309) --

SECTIONS_PAGE = page(ps(0) + f"<ol class='steps'><li><h2>The north slip</h2><p>{S[1]}</p><p>{S[2]}</p></li>"
                     f"<li><h2>The south slip</h2><p>{S[3]}</p></li></ol>" + ps(4))


def test_subheadings_in_list_items_are_lines_of_their_own():
    assert paragraphs(SECTIONS_PAGE) == [S[0], "The north slip", S[1], S[2], "The south slip", S[3], S[4]]


def test_a_plain_list_stays_a_list():
    html = page(ps(0, 1) + "<ul><li>Buy a return ticket on board.</li><li>Take a bicycle for free.</li></ul>"
                + ps(2))
    assert paragraphs(html) == [S[0], S[1], "- Buy a return ticket on board.", "- Take a bicycle for free.", S[2]]


def test_without_the_fix_the_subheading_is_glued_to_its_paragraph(monkeypatch):
    monkeypatch.setattr(containers, "UNLIST_SECTIONS", False)
    assert "The north slip" not in paragraphs(SECTIONS_PAGE)


# -- a one-table template: menu cell beside the story cell (https://github.com/adbar/trafilatura/issues/890) --

GEARS = ["Mount a small wheel on the left spindle and a larger wheel on the right spindle to begin "
         "the demonstration of the rates here.",
         "If the left spindle turns at rate r, the middle wheel turns at rate -3r and the right "
         "spindle turns at rate 3r/2, which gives a steep line.",
         "Or put the axle peg in another socket, and then mount the three wheels in that order, to "
         "see the effect of a longer train."]
TABLE_PAGE = ("<!DOCTYPE html><html><head><title>Gears</title></head><body><table class='maintable'><tr>"
              "<td class='sidebar'><a href='/'>Home</a> <a href='/archive'>Archive</a></td><td class='content'>"
              "<h1>Gears</h1><p>Mount a small wheel on the left spindle and a larger wheel on the right spindle "
              "to begin the demonstration of the rates here.\n<p>If the left spindle turns at rate <i>r</i>, the "
              "middle wheel turns at rate -3<i>r</i> and the right spindle turns at rate 3<i>r</i>/2, which gives "
              f"a steep line.\n<p>{GEARS[2]}</td></tr></table></body></html>")


def test_a_story_cell_of_a_one_table_layout_keeps_its_paragraphs():
    result = extract(TABLE_PAGE, "https://www.gearbox-notes.example/gears.html")
    assert [" ".join(p.split()) for p in result.paragraphs] == GEARS


def test_a_small_data_table_in_the_body_stays_a_table():
    html = page(ps(0, 1) + "<table><tr><td>North</td><td>09:10</td></tr><tr><td>South</td><td>07:40</td></tr>"
                "</table>" + ps(2))
    assert "| North | 09:10 |" in paragraphs(html)


def test_without_the_fix_the_story_is_one_table_row(monkeypatch):
    monkeypatch.setattr(tables, "BODY_SHELLS", False)
    monkeypatch.setattr(tables, "LINK_CELLS", False)  # its two-link sidebar cell is a menu cell too (bug8)
    result = extract(TABLE_PAGE, "https://www.gearbox-notes.example/gears.html")
    assert GEARS[0] not in [" ".join(p.split()) for p in result.paragraphs]


# -- body paragraphs in classed <div>s among the <p>s (https://github.com/adbar/trafilatura/issues/488:
#    several <div class="text"> blocks; https://github.com/ageitgey/node-unfluff/issues/60: <div>s, not <p>) --

DIV_LINE = "The harbour board met again on Friday and agreed that the winter timetable would stay."
DIV_PAGE = page(ps(0, 1, 2, 3) + f"<div class='text-block'>{DIV_LINE}</div>" + ps(4, 5, 6))


def test_a_paragraph_in_a_classed_div_among_the_body_paragraphs_is_kept():
    assert paragraphs(DIV_PAGE) == [S[0], S[1], S[2], S[3], DIV_LINE, S[4], S[5], S[6]]


def test_a_classed_div_named_as_furniture_is_not_promoted():
    html = page(ps(0, 1, 2, 3) + f"<div class='promo-note'>{DIV_LINE}</div>" + ps(4, 5, 6))
    assert DIV_LINE not in paragraphs(html)


def test_without_the_fix_the_classed_line_is_lost(monkeypatch):
    monkeypatch.setattr(repair, "CLASSED_LINES", False)
    monkeypatch.setattr(loosedivs, "LOOSE_DIVS", False)  # notes29's stage takes such a sentence back too
    assert DIV_LINE not in paragraphs(DIV_PAGE)


# -- a list inside a table cell (https://github.com/adbar/trafilatura/issues/531: the cell comes out empty) --

HOURS_PAGE = page(ps(0, 1) + "<table><tr><th>Day</th><th>Crossings</th></tr><tr><td>Mon</td><td><ul><li>09:10 - 17:40"
                  "</li><li>No crossing at noon</li></ul></td></tr><tr><td>Tue</td><td><ul><li>09:30 - 18:00</li></ul>"
                  "</td></tr></table>" + ps(2))


def test_a_list_in_a_table_cell_keeps_its_items():
    got = paragraphs(HOURS_PAGE)
    assert "| Mon | 09:10 - 17:40 No crossing at noon |" in got
    assert "| Tue | 09:30 - 18:00 |" in got


def test_without_the_fix_the_cells_are_empty(monkeypatch):
    monkeypatch.setattr(containers, "UNLIST_CELLS", False)
    assert "09:30 - 18:00" not in extract(HOURS_PAGE, URL).text


# -- a code block inside running text's container (https://github.com/codelucas/newspaper/issues/947:
#    the code comes out first, the text after it glued to its last line) --

CODE_TEXT_PAGE = page(ps(0, 1) + "<div class='note'>The fault sits in the slip_check() routine of the timetable "
                      "tool:<pre>if tide &lt; 1.2:\n    return False</pre>The routine builds the list of crossings "
                      "from the tide table and never checks the boat size.</div>" + ps(2, 3))


def test_loose_text_around_a_code_block_keeps_its_place():
    assert paragraphs(CODE_TEXT_PAGE) == [
        S[0], S[1], "The fault sits in the slip_check() routine of the timetable tool:", "if tide < 1.2:",
        "return False", "The routine builds the list of crossings from the tide table and never checks the boat size.",
        S[2], S[3]]


def test_without_the_fix_the_text_is_glued_to_the_code(monkeypatch):
    monkeypatch.setattr(containers, "WRAP_CODE_TEXT", False)
    assert any("FalseThe routine" in p for p in paragraphs(CODE_TEXT_PAGE))


# -- a subheading wrapped by <br> (trafilatura writes its halves as two lines) --

BR_HEADING_PAGE = page(ps(0, 1) + "<h2>What changes<br>at the north slip</h2>" + ps(2, 3))


def test_a_br_inside_a_subheading_is_a_space():
    assert paragraphs(BR_HEADING_PAGE) == [S[0], S[1], "What changes at the north slip", S[2], S[3]]


def test_without_the_fix_the_subheading_is_cut_in_two(monkeypatch):
    monkeypatch.setattr(inline, "HEADING_LINES", False)
    assert "at the north slip" in paragraphs(BR_HEADING_PAGE)


# -- lines a site writes into the body around an ad, a player or a stock photo
#    (https://github.com/KSF-Media/affresco/pull/1186: "the article continues after the ad" inserted in the body) --

MARKERS = ["Story continues below advertisement", "Continue reading the main story", "Skip Advertisement",
           "Advertisement - Scroll to continue", "Listen to this article · 4 min", "Copy link", "Supported by",
           "Photo by Marla Venn on Unsplash"]


def marker_page() -> str:
    body = "".join(f"<p>{S[i]}</p><p>{m}</p>" for i, m in enumerate(MARKERS))
    return page(body + ps(8, 9))


def test_ad_player_and_stock_photo_lines_go():
    assert paragraphs(marker_page()) == S[:10]


def test_the_same_words_inside_sentences_stay():
    lines = ["The story continues below the harbour wall, where the old slip was found in 1998.",
             "Readers can listen to this article on the Herald's app, the editor said on Tuesday.",
             "The new pontoon is supported by the Harbour Trust and by the county council."]
    html = page(ps(0) + "".join(f"<p>{t}</p>" for t in lines) + ps(1, 2))
    assert paragraphs(html) == [S[0], *lines, S[1], S[2]]


@pytest.mark.parametrize("rule", ["ad-continuation", "player-label", "stock-photo-credit"])
def test_without_each_rule_its_lines_stay(monkeypatch, rule):
    without_paragraph_rule(monkeypatch, rule)
    left = [p for p in paragraphs(marker_page()) if p not in S]
    assert left and all(p in MARKERS for p in left)
