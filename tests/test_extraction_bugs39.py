"""Failure kinds from bug reports against article extractors, thirty-ninth round (bug39): body text lost
(recall).

Kind 1 (a verse quoted in a body as a ``<div>``): a poem or a song's lyrics between the body's ``<p>``s
written as one ``<div>`` (bare, or ``div.poem`` / ``div.lyrics``) of lines cut by single ``<br>``s (the
first line, before the first ``<br>``, was lost by archiver and bare trafilatura alike: a lyrics
scraper's first line lost, https://github.com/sahib/glyr/issues/71), or as one ``<div>`` a line, bare or
in stanza ``<div>``s (Project Gutenberg's "Best Practices" poetry markup, ``div.poetry > div.stanza >
div.verse``: every line lost by both). ``verselines`` names such a ``<div>`` a verse and
``repair.promote_div_lines`` makes it a ``<p>`` (stage ``verse-divs``). Invented pages and text (the
Fenwick Harbour Review).

Each test of the fix has a twin with the stage switched off showing the lines lost again (by bare
trafilatura too); look-alikes the stage must not take: an address, a list of one- or two-word names, a
label's lines ending in ":", lines of dates and figures, lines of links, a newsletter box, a verse with
too few lines or a line too long, a poem outside a body of paragraphs.
"""
from __future__ import annotations

import pytest
from harbourkit import BODY, archiver_paragraphs, bare_text
from harbourkit import page as _page
from lxml import html as lxml_html

from archiver.extraction import verselines, wrappedlines
from archiver.extraction.repair import _bare_line, _div_line

L = ["The tide comes in across the bar", "the tide goes out beyond the quay",
     "the gates hold fast against the sea", "or so the harbour master says"]


def _lines_div(cls: str = "", kid: str = "div", kid_cls: str = "") -> str:
    names = f" class='{cls}'" if cls else ""
    kid_names = f" class='{kid_cls}'" if kid_cls else ""
    return f"<div{names}>" + "".join(f"<{kid}{kid_names}>{line}</{kid}>" for line in L) + "</div>"


MARKUPS = {
    "br-lines-bare-div": "<div>" + "<br>".join(L) + "</div>",
    "br-lines-poem-div": "<div class='poem'>" + "<br>".join(L) + "</div>",
    "br-lines-in-spans": "<div class='lyrics'>" + "<br>".join(f"<span>{line}</span>" for line in L) + "</div>",
    "br-lines-in-em": "<div><em>" + "<br>".join(L) + "</em></div>",
    "br-lines-trailing-br": "<div class='verse'>" + "<br>".join(L) + "<br></div>",
    "div-a-line": _lines_div("poem", "div", "line"),
    "div-a-line-bare": _lines_div(),
    "div-a-line-styled": ("<div class='poem'>" + "".join(
        f"<div style='padding-left:1em;text-indent:-1em'>{line}</div>" for line in L) + "</div>"),
    "gutenberg-stanzas": ("<div class='poetry'><div class='stanza'>"
                          + "".join(f"<div class='verse'>{line}</div>" for line in L[:2])
                          + "</div><div class='stanza'>"
                          + "".join(f"<div class='verse indent2'>{line}</div>" for line in L[2:]) + "</div></div>"),
    "stanzas-of-br-lines": ("<div class='poem'><div class='stanza'>"
                            + "".join(f"<span class='line'>{line}</span><br>" for line in L[:2])
                            + "</div><div class='stanza'>"
                            + "".join(f"<span class='line'>{line}</span><br>" for line in L[2:]) + "</div></div>"),
}


@pytest.mark.parametrize("name", sorted(MARKUPS))
def test_verse_in_a_div_keeps_every_line_in_place(name):
    out = archiver_paragraphs(_page(MARKUPS[name]))
    at = out.index(BODY[3])
    assert out[at + 1:at + 5] == L  # each line a line of its own, in order, between the paragraphs
    assert out[at + 5] == BODY[4]


@pytest.mark.parametrize("name", sorted(MARKUPS))
def test_switched_off_the_lines_are_lost_again(name, monkeypatch):
    html = _page(MARKUPS[name])
    monkeypatch.setattr(verselines, "VERSE_DIVS", False)
    out = archiver_paragraphs(html)
    assert L[0] not in " ".join(out)  # the first line lost by archiver without the stage ...
    assert L[0] not in bare_text(html)  # ... and by bare trafilatura
    assert BODY[3] in out and BODY[4] in out


def test_two_verses_both_kept():
    middle = MARKUPS["br-lines-bare-div"] + "<p>Then the chair read the second verse aloud.</p>" + \
        MARKUPS["div-a-line"].replace("tide", "wind")
    out = archiver_paragraphs(_page(middle))
    joined = " ".join(out)
    assert all(line in out for line in L)
    assert all(line.replace("tide", "wind") in joined for line in L)


def test_verse_lines_shape():
    assert verselines.verse_lines(L)
    assert not verselines.verse_lines(L[:2])  # too few lines
    assert not verselines.verse_lines([*L[:3], "and a line far too long to be a line of a song, by any count"])
    assert not verselines.verse_lines(["Harbour Office", "Quay Street", "Fenwick", "Northumberland"])
    assert not verselines.verse_lines(["Open on weekdays from", "the harbour office at", "Quay Street:", "ask there"])
    assert not verselines.verse_lines(["Published 6 December 2026", "Updated 7 December 2026", "Read in 4 minutes"])


LOOKALIKES = {
    "address": "<div>Fenwick Harbour Office<br>3 Quay Street<br>Fenwick<br>NE66 1AA</div>",
    "names": "<div><div>Ros Calder</div><div>Jo Marsh</div><div>Ian Fell</div><div>Ann Beck</div></div>",
    "label-lines": ("<div>Tide tables for the week:<br>High water at the bar:<br>Low water at the quay:"
                    "<br>Depth at the gates:</div>"),
    "dates-and-figures": ("<div>Published on 6 December 2026<br>Updated on 7 December 2026<br>"
                          "Read in about 4 minutes</div>"),
    "links": ("<div><a href='/a'>The tide comes in across the bar</a><br><a href='/b'>the tide goes out "
              "beyond the quay</a><br><a href='/c'>the gates hold fast against the sea</a></div>"),
    "newsletter-box": ("<div class='newsletter'>Get the harbour news each week<br>every Friday in your inbox"
                       "<br>from the Fenwick Harbour Review</div>"),
    "share-box-lines": _lines_div("share-tools"),
    "two-lines": "<div>" + "<br>".join(L[:2]) + "</div>",
    # mend57 (review55's verse.py): furniture in a verse's shape: credits, an address in words, share labels,
    # a footer's lines, navigation lines, line <div>s named as furniture
    "credits-br": "<div>Reporting by Jo Marsh<br>Editing by Ros Calder<br>Photographs by Ian Fell</div>",
    "credits-divs": ("<div class='credits'><div>Reporting by Jo Marsh</div><div>Editing by Ros Calder</div>"
                     "<div>Photographs by Ian Fell</div></div>"),
    "address-in-words": ("<div>The Fenwick Harbour Office<br>Old Customs House, Quay Street<br>Fenwick, "
                         "Northumberland<br>Open Monday to Friday</div>"),
    "share-labels": ("<div><div>Share on your Facebook page</div><div>Share it on X as well</div>"
                     "<div>Send this by email now</div></div>"),
    "footer-lines": ("<div><div>Fenwick Harbour Review Ltd</div><div>All rights reserved by us</div>"
                     "<div>Terms of use and privacy</div></div>"),
    "nav-lines": ("<div>Home of the harbour news<br>Read our weekly print edition<br>Contact the news desk"
                  "<br>Advertise with us here</div>"),
    "named-line-divs": ("<div><div class='share-item'>Tell your friends on the quay</div><div class='share-item'>"
                        "and all the boats beyond the bar</div><div class='share-item'>the news of the harbour"
                        "</div></div>"),
    "named-line-spans": ("<div><span class='related-title'>Ferry fares rise again this winter</span><br><span "
                         "class='related-title'>the quay wall repairs are done</span><br><span class='related-"
                         "title'>new pilots join for the bar</span></div>"),
}


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_come_out_as_with_the_stage_off(name, monkeypatch):
    html = _page(LOOKALIKES[name])
    on = archiver_paragraphs(html)
    monkeypatch.setattr(verselines, "VERSE_DIVS", False)
    assert on == archiver_paragraphs(html)
    assert BODY[3] in on and BODY[4] in on


@pytest.mark.parametrize("name", sorted(LOOKALIKES))
def test_lookalikes_read_as_no_verse(name):
    parent = lxml_html.fromstring(f"<div><p>{BODY[0]}</p>{LOOKALIKES[name]}<p>{BODY[1]}</p></div>")
    cut, pairs = verselines.verse_candidates(parent, _bare_line)
    assert cut == [] and pairs == []


@pytest.mark.parametrize("name", ["div-a-line-bare", "br-lines-bare-div"])
def test_a_poem_closing_the_body_is_left(name, monkeypatch):
    # mend57 (review55's verse2.py): lines after the body's last <p> are as often credits or an address
    html = _page("").replace("</p></div></article>", "</p>" + MARKUPS[name] + "</div></article>")
    on = archiver_paragraphs(html)
    monkeypatch.setattr(verselines, "VERSE_DIVS", False)
    assert on == archiver_paragraphs(html)


def test_a_verse_pulls_no_short_div_in_after_it(monkeypatch):
    # mend57 (review55's qa2.py): a verse promoted is no letter's line for letter_lines' salutation and closing
    html = _page(MARKUPS["br-lines-bare-div"] + "<div>Photo by Ian Fell.</div>")
    out = archiver_paragraphs(html)
    assert L[0] in out and "Photo by Ian Fell." not in out


def test_a_verse_of_line_divs_is_written_as_html_elements():
    # mend57 (review55's cls.py): the new <div> and its <br>s are HtmlElements (text_content() and the like)
    parent = lxml_html.fromstring(f"<div><p>{BODY[0]}</p>{MARKUPS['div-a-line-bare']}<p>{BODY[1]}</p></div>")
    [(_old, new)] = verselines.line_div_verses(parent, _bare_line)
    assert isinstance(new, lxml_html.HtmlElement) and all(isinstance(br, lxml_html.HtmlElement) for br in new)
    assert new.text_content().startswith(L[0])


def test_a_poem_outside_a_body_of_paragraphs_is_left():
    # a poem in a sidebar beside the article (its parent holds no body paragraphs): not promoted
    html = _page("").replace("</article>", "</article><div class='rail'>" + MARKUPS["div-a-line-bare"] + "</div>")
    out = archiver_paragraphs(html)
    assert L[0] not in " ".join(out)


# Kind 2 (an item <div> holding line <div>s, one level below the body's <p>s): an interview's or a Q/A
# box's exchange written as div.qa > div.question + div.answer (Unstructured-IO/unstructured#770: text
# nested in <div>s missed). A single sentence <div> wrapped once (a tip box) is left (WCXB dev 4694).
Q = "Why dredge the channel now, after ten years?"
A = ("The pilots said the ferries had touched bottom twice in November, and asked for the channel to be "
     "dredged soon.")
Q2 = "And what about the trawlers in the outer basin?"
A2 = "The county will pay half of the cost and the harbour board the rest, the chair said."

ITEMS = {
    "qa-named": f"<div class='qa'><div class='question'>{Q}</div><div class='answer'>{A}</div></div>",
    "qa-bare": f"<div><div>{Q}</div><div>{A}</div></div>",
    "qa-strong-question": f"<div class='interview-item'><div><strong>{Q}</strong></div><div>{A}</div></div>",
    "two-exchanges": (f"<div class='qa'><div class='q'>{Q}</div><div class='a'>{A}</div></div>"
                      f"<div class='qa'><div class='q'>{Q2}</div><div class='a'>{A2}</div></div>"),
}


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_item_lines_kept_in_place(name):
    out = archiver_paragraphs(_page(ITEMS[name]))
    want = [t for t in (Q, A, Q2, A2) if t in ITEMS[name]]
    at = out.index(BODY[3])
    assert out[at + 1:at + 1 + len(want)] == want
    assert out[at + 1 + len(want)] == BODY[4]


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_item_lines_closing_the_body_are_no_end_note(name):
    # mend57 (review55's qa2.py): an interview ending in its Q/A items keeps the last (classed) exchange
    html = _page("").replace("</p></div></article>", "</p>" + ITEMS[name] + "</div></article>")
    want = [t for t in (Q, A, Q2, A2) if t in ITEMS[name]]
    assert archiver_paragraphs(html)[-len(want):] == want


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_item_lines_switched_off_lost_again(name, monkeypatch):
    html = _page(ITEMS[name])
    monkeypatch.setattr(wrappedlines, "WRAPPED_LINES", False)
    out = " ".join(archiver_paragraphs(html))
    assert A not in out and A not in bare_text(html)


ITEM_LOOKALIKES = {
    "author-box": "<div class='author-box'><div>Jo Marsh writes about the harbour and its boats for the Review.</div></div>",
    "newsletter": "<div class='newsletter-signup'><div>Sign up for our weekly newsletter about the harbour.</div></div>",
    "related": "<div class='related-story'><div>The row over the cost of dredging deepened this week.</div></div>",
    "question-only": f"<div><div>{Q}</div><div>{Q2}</div></div>",
    "short-question-and-label": f"<div><div>Why?</div><div>{A}</div><div>Read more:</div></div>",
    "nested-block": f"<div><div><p>{A}</p></div><div>{A2}</div></div>",
    "role-item": f"<div role='complementary'><div>{A}</div></div>",
    "linked-question": f"<div><div><a href='/faq'>{Q}</a></div><div>{A}</div></div>",
    "image-and-caption": f"<div><img src='/gates.jpg' alt=''><div>{A}</div></div>",
    "text-beside": f"<div>Note: <div>{A}</div></div>",
    "tip-box": f"<div class='blogTip'><div class='blogTipText'><strong>Before the trip</strong>: {A}</div></div>",
    "answer-first": f"<div class='qa'><div>{A}</div><div>{Q}</div></div>",
    "two-sentences": f"<div><div>{A}</div><div>{A2}</div></div>",
    # mend57 (review55's mut.py): an exchange's shape in an item named or roled as furniture, or mostly links
    "named-exchange": f"<div class='related-story'><div>{Q}</div><div>{A}</div></div>",
    "roled-exchange": f"<div role='complementary'><div>{Q}</div><div>{A}</div></div>",
    # mend57 (review55's qa.py): a reader's widget asking a question: a quiz, a poll, an accordion, a call to act
    "quiz": ("<div class='quiz-question'><div>Which year was the harbour wall first built?</div>"
             "<div>Pick one of the answers below and see how you did.</div></div>"),
    "poll": ("<div id='poll-42'><div>Should the channel be dredged this winter?</div>"
             "<div>Cast your vote and see what other readers think about it.</div></div>"),
    "accordion": f"<div class='accordion-item'><div class='accordion-header'>{Q}</div><div class='accordion-body'>{A}</div></div>",
    "cta-widget": ("<div data-widget='subscribe'><div>Enjoying this story from the Review?</div>"
                   "<div>Become a member today and support local journalism in Fenwick.</div></div>"),
    "linked-answer": (f"<div><div>{Q}</div><div><a href='/dredging'>{A.split(',')[0]}</a>,{A.split(',', 1)[1]}"
                      "</div></div>"),
}


@pytest.mark.parametrize("name", sorted(ITEM_LOOKALIKES))
def test_item_lookalikes_not_taken(name):
    parent = lxml_html.fromstring(f"<div><p>{BODY[0]}</p>{ITEM_LOOKALIKES[name]}<p>{BODY[1]}</p></div>")
    assert wrappedlines.wrapped_lines(parent, _div_line, _bare_line) == []


def test_item_lookalike_pages_as_with_the_stage_off(monkeypatch):
    for name, middle in ITEM_LOOKALIKES.items():
        html = _page(middle)
        on = archiver_paragraphs(html)
        monkeypatch.setattr(wrappedlines, "WRAPPED_LINES", False)
        assert on == archiver_paragraphs(html), name
        monkeypatch.setattr(wrappedlines, "WRAPPED_LINES", True)
