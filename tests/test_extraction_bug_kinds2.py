"""Failure kinds from public bug reports against article extractors, second round (bug2).

Invented site and text, in the markup the reports show (the report is named above each
test). Each fix has a twin test that switches it off and shows the fault is back.
"""

from __future__ import annotations

import lxml.html
from storykit import Newsroom

from archiver.extraction import brlines, containers, gaps, inline, misnamed, pageorder, repair, shortpage

URL = "https://www.fenwick-gazette.example/2026/11/slip-road"
TITLE = "Slip road plan goes back to council"


SITE = Newsroom(URL, TITLE, "Fenwick Gazette", "Ned Varley", "4 Mill Row",
                "The county engineers said on Monday that section {i} of the slip road would need a new drainage channel, since the old one floods after every heavy storm and closes the lane for hours.", count=10, article_class="post")
S = SITE.sentences
page, ps, paragraphs, bare = SITE.page, SITE.ps, SITE.paragraphs, SITE.bare


# -- a short post: a <div> of <br><br> paragraphs beside two <p>s (bug1's probe; issue 11 item 1's
#    kind on a short page; paragraphs written with <br><br>: https://github.com/mozilla/readability/issues/247).
#    Precision mode reads no <div> text when the page has enough <p> text: the <div>'s own text
#    before the first <br> was lost; bare trafilatura (default mode) kept it. --

WALK = ["We walked the whole length of the old towpath on Saturday, from the lock to the mill, in three hours.",
        "The hedges have been cut back hard this year, so the view across the water meadows is open again.",
        "At the mill the cafe was shut for the winter, which was a pity, but the bench by the weir was dry."]
BR_DIV_PAGE = page(ps(0) + "<div class='entry'>" + "<br><br>".join(WALK) + "</div>" + ps(1))
LOOSE_BR_PAGE = page("<div class='entry-content'>" + "<br>\n<br>".join(WALK) + ps(0, 1) + "</div>")


def test_a_div_of_br_paragraphs_beside_two_paragraphs_keeps_its_first():
    assert paragraphs(BR_DIV_PAGE) == [S[0], *WALK, S[1]]
    assert bare(BR_DIV_PAGE)[1:] == [S[0], *WALK, S[1]]  # bare trafilatura: right (its headline aside)


def test_loose_br_paragraphs_before_the_paragraphs_keep_their_first():
    assert paragraphs(LOOSE_BR_PAGE) == [*WALK, S[0], S[1]]


def test_a_single_br_does_not_make_paragraphs():
    address = "<div class='entry'>Fenwick Library, 2 Mill Row.<br>Open daily from nine until five.</div>"
    assert brlines.br_paragraphs(lxml.html.fragment_fromstring(address)) == 0


def test_without_the_fix_the_first_br_paragraph_is_lost(monkeypatch):
    monkeypatch.setattr(shortpage, "SHORT_PAGE", False)  # the short page's kind, below
    monkeypatch.setattr(brlines, "BR_DIVS", False)  # old5's stage puts the whole <div>'s text in a <p> too
    assert WALK[0] not in paragraphs(BR_DIV_PAGE)
    assert WALK[1] in paragraphs(BR_DIV_PAGE)


LONG = [s + " " + s.replace("Monday", "Friday") for s in S]  # two of them: over 750 characters of <p> text
LOOSE_LONG_PAGE = page("<div class='entry-content'>" + "<br>\n<br>".join(WALK) + f"<p>{LONG[0]}</p><p>{LONG[1]}</p>"
                       "</div>")


def test_loose_br_paragraphs_beside_two_long_paragraphs_keep_their_first():
    assert paragraphs(LOOSE_LONG_PAGE) == [*WALK, LONG[0], LONG[1]]
    assert bare(LOOSE_LONG_PAGE)[1:] == [*WALK, LONG[0], LONG[1]]


def test_without_the_loose_fix_the_first_loose_paragraph_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "LOOSE_PARAGRAPHS", False)
    assert WALK[0] not in paragraphs(LOOSE_BR_PAGE)
    assert WALK[0] not in paragraphs(LOOSE_LONG_PAGE)


# -- a republication line in a classed <div> after the body ("This article was originally published
#    on ..."): bug1's classed lines (CLASSED_LINES) made it a body line; trafilatura drops a <div> line,
#    and so did archiver before. A classed <div> closing the body (after its last paragraph, no heading
#    between, nothing after it) stays a <div> now. --

REPUBLISHED = "This article was originally published on The Conversation under a Creative Commons licence."
END_NOTE_PAGE = page(ps(0, 1, 2, 3, 4) + f"<div class='republish'>{REPUBLISHED}</div>")
LEDE = "The slip road plan went back to the council on Tuesday, for the third time this year."
LEDE_PAGE = page(f"<div class='lede-text'>{LEDE}</div>" + ps(0, 1, 2, 3, 4))
CLASSED_MID_PAGE = page(ps(0, 1, 2) + "<div class='text-block'>The harbour board met again on Friday and agreed "
                        "that the plan would stay.</div>" + ps(3))


def test_a_classed_end_note_after_the_body_is_not_a_body_line():
    assert paragraphs(END_NOTE_PAGE) == S[:5]
    assert REPUBLISHED not in bare(END_NOTE_PAGE)


def test_a_classed_line_between_body_paragraphs_or_before_them_is_still_kept():
    assert paragraphs(CLASSED_MID_PAGE)[3].startswith("The harbour board met again")
    assert paragraphs(LEDE_PAGE) == [LEDE, *S[:5]]


def test_without_the_fix_the_end_note_is_kept(monkeypatch):
    monkeypatch.setattr(repair, "CLASSED_END_NOTES", False)
    assert REPUBLISHED in paragraphs(END_NOTE_PAGE)


# -- a body paragraph whose own class says what a box would (https://github.com/mozilla/readability/issues/807:
#    "p.gdpr-Paragraph", "related", "social", "sidebar" words on article text): trafilatura deletes it by
#    its class words. Between two body paragraphs, a sentence <p> keeps its text. --

RELATED_LINE = ("The council's own report on the flooding, published last spring, said the new channel was the "
                "cheapest fix on offer.")
NAMED_P_PAGE = page(ps(0, 1) + f"<p class='related-reading'>{RELATED_LINE}</p>" + ps(2) +
                    f"<p class='social-issue'>{RELATED_LINE.replace('spring', 'autumn')}</p>" + ps(3))


def test_a_body_paragraph_named_like_furniture_keeps_its_text():
    assert paragraphs(NAMED_P_PAGE) == [S[0], S[1], RELATED_LINE, S[2], RELATED_LINE.replace("spring", "autumn"),
                                        S[3]]
    assert RELATED_LINE not in bare(NAMED_P_PAGE)


def test_a_related_link_line_and_a_related_box_still_go():
    link_line = ("<p class='related-link'>Related: <a href='/2026/10/storm'>Storm closes the slip road for the "
                 "third time this autumn, and the council meets again</a>.</p>")
    box = ("<div class='related-stories'><p>Earlier flooding of the lane was reported by readers in October, "
           "after the storm, and again in November.</p></div>")
    got = paragraphs(page(ps(0, 1) + link_line + ps(2) + box + ps(3)))
    assert got == [S[0], S[1], S[2], S[3]]


def test_without_the_fix_the_named_paragraphs_are_lost(monkeypatch):
    monkeypatch.setattr(misnamed, "UNNAME_PARAGRAPHS", False)
    assert RELATED_LINE not in paragraphs(NAMED_P_PAGE)


# -- loose text around a code block in a container that holds the post's <p>s as well
#    (https://github.com/codelucas/newspaper/issues/947, bug1's variant with a body-named container):
#    trafilatura glued the lead-in to the code's first line and the code's last line to the text after. --

CODE_POST_PAGE = page("<div class='post-text'>" + ps(0) + "The fault sits in the slip_check() routine of the "
                      "timetable tool:<pre>if tide &lt; 1.2:\n    return False</pre>The routine builds the list of "
                      "crossings from the tide table and never checks the boat size." + ps(1) + "</div>")


def test_loose_text_beside_code_among_paragraphs_keeps_its_own_lines():
    assert paragraphs(CODE_POST_PAGE) == [
        S[0], "The fault sits in the slip_check() routine of the timetable tool:", "if tide < 1.2:",
        "return False", "The routine builds the list of crossings from the tide table and never checks the boat "
        "size.", S[1]]
    assert any(line.endswith("tool:if tide < 1.2:") for line in bare(CODE_POST_PAGE))


def test_without_the_fix_the_text_is_glued_to_the_code_lines(monkeypatch):
    monkeypatch.setattr(containers, "WRAP_BESIDE_BLOCKS", False)
    assert any("FalseThe routine" in p for p in paragraphs(CODE_POST_PAGE))


# -- a quotation with its attribution as the HTML standard marks it, <figure><blockquote>..</blockquote>
#    <figcaption>..</figcaption></figure> (same kind as bug1's code figure,
#    https://github.com/mozilla/readability/issues/374): trafilatura deletes every <figure>, and the
#    DOM stage's figure rule took it first. A pull quote (it repeats a body sentence) still goes. --

QUOTE = "We cannot keep closing the lane every time it rains, the engineer told the meeting."
QUOTE_FIGURE_PAGE = page(ps(0, 1) + f"<figure><blockquote><p>{QUOTE}</p></blockquote><figcaption>Ned Varley, "
                         "county engineer</figcaption></figure>" + ps(2, 3))


def test_a_quotation_in_a_figure_is_kept():
    # with its attribution, the figure's caption (bug8's quoteattr: who said it stays with the quote)
    assert paragraphs(QUOTE_FIGURE_PAGE) == [S[0], S[1], QUOTE, "Ned Varley, county engineer", S[2], S[3]]
    assert QUOTE not in bare(QUOTE_FIGURE_PAGE)


def test_a_pull_quote_figure_still_goes():
    html = page(ps(0, 1) + f"<figure class='wp-block-pullquote'><blockquote><p>{QUOTE}</p><cite>Ned Varley</cite>"
                "</blockquote></figure>" + ps(2, 3))
    assert paragraphs(html) == [S[0], S[1], S[2], S[3]]


def test_without_the_fix_the_quotation_is_lost(monkeypatch):
    monkeypatch.setattr(containers, "UNFIGURE_QUOTES", False)
    assert QUOTE not in paragraphs(QUOTE_FIGURE_PAGE)


# -- a short page whose body lines are <div>s beside a few <p>s (https://github.com/mozilla/readability/issues/704:
#    numbered steps written as nested <div>s). trafilatura reads <div> text when the page's <p> text is
#    under 750 characters in its default mode, under 250 in precision mode: bare trafilatura kept the
#    steps, archiver's precision run dropped them all. --

STEPS = [f"Open valve number {i} on the north side of the channel and let the water run out slowly." for i in (1, 2, 3)]
STEPS_PAGE = page(ps(0, 1) + "<div class='steps'>" + "".join(
    f"<div class='step'><div class='step-num'>{i}</div><div class='step-text'>{t}</div></div>"
    for i, t in enumerate(STEPS, 1)) + "</div>" + ps(2, 3))


def test_a_short_page_keeps_its_div_lines():
    assert paragraphs(STEPS_PAGE) == [S[0], S[1], *STEPS, S[2], S[3]]
    assert all(step in bare(STEPS_PAGE) for step in STEPS)


def test_a_longer_page_leaves_div_lines_to_precision_mode():
    html = page(ps(0, 1, 2, 3, 4) + "<div class='steps'><div>" + STEPS[0] + "</div></div>" + ps(5))
    assert STEPS[0] not in paragraphs(html)  # 6 <p>: over 750 characters of <p> text, as bare reads it too
    assert STEPS[0] not in bare(html)


def test_without_the_fix_the_short_page_loses_its_steps(monkeypatch):
    monkeypatch.setattr(shortpage, "SHORT_PAGE", False)
    assert not any(step in paragraphs(STEPS_PAGE) for step in STEPS)


# -- precision mode deletes what bare trafilatura's default mode keeps: a <span> whose style names a border
#    (a dotted underline on a term) with its words, out of the middle of a sentence; a section's own
#    <header> with the section's subheading (https://github.com/postlight/parser/issues/510: subheadings
#    missing). --

UNDERLINED = "The engineers call it the north slip in their report, which the council read on Tuesday."
UNDERLINE_PAGE = page(ps(0, 1) + "<p>The engineers call it <span style='border-bottom: 1px dotted'>the north "
                      "slip</span> in their report, which the council read on Tuesday.</p>" + ps(2, 3))
SECTIONS_PAGE = page("<section><header><h2>The north slip</h2></header>" + ps(0, 1, 2) + "</section><section>"
                     "<header><h2>The south slip</h2></header>" + ps(3, 4, 5) + "</section>")


def test_an_underlined_term_stays_in_its_sentence():
    assert paragraphs(UNDERLINE_PAGE) == [S[0], S[1], UNDERLINED, S[2], S[3]]
    assert UNDERLINED in bare(UNDERLINE_PAGE)


def test_a_sections_header_keeps_its_subheading():
    assert paragraphs(SECTIONS_PAGE) == ["The north slip", S[0], S[1], S[2], "The south slip", S[3], S[4], S[5]]
    assert bare(SECTIONS_PAGE)[1:] == paragraphs(SECTIONS_PAGE)


def test_a_header_holding_more_than_a_subheading_is_left_alone():
    html = page("<section><header><h2>The north slip</h2><p class='dek'>" + S[9] + " " + S[8] + "</p></header>"
                + ps(0, 1, 2) + "</section>")
    assert S[9] + " " + S[8] not in paragraphs(html)  # a header holding more than a subheading: left alone


def test_without_the_fix_the_underlined_words_are_cut_out(monkeypatch):
    monkeypatch.setattr(inline, "UNBORDER_SPANS", False)
    assert "The engineers call it in their report, which the council read on Tuesday." in paragraphs(UNDERLINE_PAGE)


def test_without_the_fix_the_first_subheading_is_lost(monkeypatch):
    monkeypatch.setattr(containers, "UNHEADER_SECTIONS", False)
    monkeypatch.setattr(gaps, "LEAD_HEADINGS", False)  # the first of a run of <h2>s comes back by that stage too (old3)
    assert "The north slip" not in paragraphs(SECTIONS_PAGE)


# -- a post opening with its first paragraph as loose text in the container, before a subheading and the
#    <p>s (https://github.com/mozilla/readability/issues/563, a Blogger post whose first paragraphs were
#    missing): bare trafilatura loses it as well. In a body of <p>s the loose sentence gets a <p>. --

OPENING = "I have been meaning to write about the tide tables for a long time, and this week I did it."
OPENING_PAGE = page(f"<div class='post-body entry-content'><b>Note:</b> {OPENING}<h2>What I did</h2>"
                    + ps(0, 1, 2, 3, 4) + "</div>")


def test_a_posts_opening_loose_sentence_is_kept():
    assert paragraphs(OPENING_PAGE) == ["Note: " + OPENING, "What I did", *S[:5]]
    assert not any(OPENING in line for line in bare(OPENING_PAGE))


def test_without_the_fix_the_opening_is_lost(monkeypatch):
    monkeypatch.setattr(brlines, "LOOSE_LINES", False)
    assert not any(OPENING in line for line in paragraphs(OPENING_PAGE))


# -- a part of the body named like page-bottom chrome (a "bottom" or "link" token in its class, a border in
#    its style): precision mode deletes it with its paragraphs, bare trafilatura's default mode kept them. --

BOTTOM_PAGE = page(ps(0, 1, 2) + "<div class='story-bottom'>" + ps(3, 4, 5) + "</div>")


def test_a_body_part_named_bottom_keeps_its_paragraphs():
    assert paragraphs(BOTTOM_PAGE) == S[:6]
    assert bare(BOTTOM_PAGE)[1:] == S[:6]


def test_a_bottom_box_of_links_still_goes():
    links = "".join(f"<p>Read more: <a href='/s{i}'>Storm closes the slip road for the {n} time this winter, and the "
                    "council meets again</a></p>" for i, n in ((7, "third"), (8, "fourth")))
    assert paragraphs(page(ps(0, 1, 2) + f"<div class='story-bottom'>{links}</div>")) == S[:3]


def test_without_the_fix_the_bottom_part_is_lost(monkeypatch):
    monkeypatch.setattr(misnamed, "UNNAME_PARTS", False)
    assert paragraphs(BOTTOM_PAGE) == S[:3]


# -- a code example's container taken as the body by trafilatura's body XPaths (a body class name, no
#    <article> around the page): the paragraphs above it were recovered after it, the example read first
#    (https://github.com/codelucas/newspaper/issues/947's order fault, bug1's div.post-text variant;
#    bare trafilatura does the same). Paragraph order is page order. --

CODE_FIRST_PAGE = ("<html><head><title>Slip check</title></head><body><div class='wrap'><h1>Slip check</h1>"
                   + ps(0, 1) + "<div class='post-text'>The fault sits in the slip_check() routine of the "
                   "timetable tool:<pre>if tide &lt; 1.2:\n    return False</pre>The routine builds the list of "
                   "crossings from the tide table and never checks the boat size.</div>" + ps(2, 3)
                   + "</div></body></html>")
CODE_FIRST = ["The fault sits in the slip_check() routine of the timetable tool:", "if tide < 1.2:", "return False",
              "The routine builds the list of crossings from the tide table and never checks the boat size."]


def test_paragraphs_above_the_code_container_stay_above_it():
    assert paragraphs(CODE_FIRST_PAGE) == [S[0], S[1], *CODE_FIRST, S[2], S[3]]
    assert bare(CODE_FIRST_PAGE)[0].startswith("The fault sits")  # bare trafilatura: the example first


def test_without_the_fix_the_code_example_comes_first(monkeypatch):
    monkeypatch.setattr(pageorder, "PAGE_ORDER", False)
    assert paragraphs(CODE_FIRST_PAGE)[0] == CODE_FIRST[0]


def test_page_order_mends_one_late_run_only():
    blocks = [(None, t) for t in ("a a", "b b", "c c", "d d", "e e")]
    assert pageorder.restore_page_order(["c c", "d d", "code", "a a", "b b", "e e"], blocks) == \
        ["a a", "b b", "c c", "d d", "code", "e e"]
    three_runs = ["c c", "a a", "e e", "b b", "d d"]
    assert pageorder.restore_page_order(three_runs, blocks) is three_runs
    unknown_first = ["x x", "c c", "a a"]
    assert pageorder.restore_page_order(unknown_first, blocks) is unknown_first


# -- a short sentence that is one link, between two body paragraphs ("Read the full statement ..."): precision
#    mode drops a paragraph that is one link of over 10 characters, bare trafilatura's default mode only one
#    of over 100 (issue 11 item 2's kind, under repair.unlink_paragraphs' 80 characters). --

LINKED = "Read the full statement from the county council."
LINKED_PAGE = page(ps(0, 1) + f"<p><a href='/statement'>{LINKED}</a></p>" + ps(2, 3))


def test_a_short_linked_sentence_between_paragraphs_is_kept():
    assert paragraphs(LINKED_PAGE) == [S[0], S[1], LINKED, S[2], S[3]]
    assert LINKED in bare(LINKED_PAGE)


def test_a_short_linked_line_after_the_body_still_goes():
    html = page(ps(0, 1, 2, 3) + f"<p><a href='/statement'>{LINKED}</a></p>")
    assert paragraphs(html) == S[:4]


def test_without_the_fix_the_linked_sentence_is_lost(monkeypatch):
    monkeypatch.setattr(repair, "SHORT_LINKED_LINES", False)
    assert LINKED not in paragraphs(LINKED_PAGE)
