"""mend48: review47's look-alikes of bug36's stage and rules, each with a twin showing bug36's merged form took it.

Kinds (review47's findings): 1-4 and a-b, the gap stage's heading-slug exemption (``anchorids``) put back a
page's own share, related-stories and author boxes written as ``<div id="share-this-article"><h3>Share this
article</h3>``, and a "Reader comments" section that ``comments-tail`` then took with all after it; 5-6,
``click-to-tweet-label`` cut a writer's spaced "Tweet this!" and words after a bare ``'``; 8-9, Substack's
bare buttons and Hashnode's question and appeal taken as one-line paragraphs; 10, a name with a period;
11, ``.tm-ctt-tip``. The twins put bug36's form back (``tool_marks`` always true and no word kept from
clearing; the rule's merged pattern) and show the line lost.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from lxml import html as lxml_html
from test_extraction_bugs36 import BODY, SECTION, _bare, _copy, _lines, _page, _section, _story

import archiver.extraction as ex
from archiver.extraction import anchorids

MERGED_LABEL = r"(?:^|(?<=[.!?…\"”’')]))\s*(?:click (?:here )?to tweet|tweet this(?: quote)?)!?\s*$"
MERGED_SUBSTACK_BUTTONS = r"^(?:Share this post|Upgrade to paid|Pledge your support|Restack|Type your email…?)$"
MERGED_HASHNODE = (r"^(?:Did you find this article valuable\?|Support [^.!?]{1,120}? by becoming a sponsor\. "
                   r"Any amount is appreciated!)$")


def _merged_form(monkeypatch) -> None:
    """bug36's slug exemption: any id that is its heading's slug, every id word cleared."""
    monkeypatch.setattr(anchorids, "tool_marks", lambda el, furniture=frozenset(): True)
    monkeypatch.setattr(anchorids, "NEVER_CLEARED", frozenset())


def _with_rule(monkeypatch, name: str, pattern: str, flags: int = 0, **changes) -> None:
    """Rule ``name`` with bug36's merged ``pattern`` (and fields ``changes``) on every page."""
    original = ex.rules_for

    def rules_with(host):
        rules = original(host)
        paragraphs = tuple(dataclasses.replace(r, pattern=re.compile(pattern, flags), **changes) if r.name == name
                           else r for r in rules.paragraphs)
        return dataclasses.replace(rules, paragraphs=paragraphs)
    monkeypatch.setattr(ex, "rules_for", rules_with)


BOX_TEXT = "Know someone who would enjoy this report on the survey? Send it to them with the buttons below."
BOXES = {
    "share": f"<div id='share-this-article'><h3>Share this article</h3><p>{BOX_TEXT}</p></div>",
    "related": ("<section id='related-stories'><h2>Related stories</h2><p><a href='/a'>Pier vote</a>: the council "
                "agreed on Tuesday night to repair the old pier wall after a winter of storm damage.</p></section>"),
    "author": ("<div id='about-the-author'><h3>About the author</h3><p>Mary Keane has covered the harbour for the "
               "review since 2009 and writes its weekly column on the ferries.</p></div>"),
    "class-camel": f"<div id='share-this-post' class='shareBox'><h3>Share this post</h3><p>{BOX_TEXT}</p></div>",
}
BOX_PROBE = {"share": "Know someone", "related": "the council agreed", "author": "Mary Keane",
             "class-camel": "Know someone"}


def _closing(end: str) -> str:
    """A story page with ``end`` after its last paragraph."""
    return _story("").replace("</article>", end + "</article>")


def _news(box: str) -> str:
    """A news page (no document tool's marks): five paragraphs, ``box``, five more."""
    return _story(box)


@pytest.mark.parametrize("kind", sorted(BOXES))
def test_a_page_box_under_its_slug_stays_out(kind):
    lines = " ".join(_lines(_news(BOXES[kind])))
    assert BOX_PROBE[kind] not in lines
    assert BODY[4] in lines and BODY[5] in lines


@pytest.mark.parametrize("kind", ["share", "related", "author"])
def test_the_merged_form_put_the_box_back(monkeypatch, kind):
    _merged_form(monkeypatch)
    assert BOX_PROBE[kind] in " ".join(_lines(_news(BOXES[kind])))


COMMENTS = ("<section id='reader-comments' class='level2'><h2>Reader comments</h2><p>The consultation drew 212 "
            "written submissions, most of them from the fishing cooperative and the ferry users.</p></section>")


def test_a_reader_comments_section_takes_nothing_after_it():
    out = " ".join(_lines(_page(COMMENTS)))
    for line in BODY:  # the conclusion after it stays (comments-tail does not fire on a line put back)
        assert line in out


def test_the_merged_form_let_comments_tail_take_the_rest(monkeypatch):
    _merged_form(monkeypatch)
    out = " ".join(_lines(_page(COMMENTS)))
    assert BODY[9] not in out


def test_document_sections_still_stay():
    # Quarto's numbered heading, pandoc's apostrophe and leading digits, an underscore id: slugs as the tools write
    middles = [
        ("<section id='market-share' class='level2' data-number='2'><h2 data-number='2' class='anchored' "
         "data-anchor-id='market-share'><span class='header-section-number'>2</span> Market share</h2>"),
        "<section id='the-ports-share' class='level2'><h2>The port's share</h2>",
        "<section id='market-share' class='level2'><h2>2024 market share</h2>",
        "<div id='market_share' class='section level2'><h2>Market share</h2>",
    ]
    for head in middles:
        close = "</div>" if head.startswith("<div") else "</section>"
        out = " ".join(_lines(_page(head + "".join(f"<p>{p}</p>" for p in SECTION) + close)))
        assert SECTION[0] in out, head


def test_sphinx_sections_beside_each_other_stay():
    # Sphinx's ¶ permalinks are gone by the gap stage (heading-permalink): the sibling sections are the mark
    out = " ".join(_lines(_page(_section("market-share", "Market share", SECTION, "sphinx"), "sphinx")))
    assert SECTION[0] in out and SECTION[1] in out


def test_gap_words_split_as_name_words():
    box = lxml_html.fromstring("<div id='share-this-post' class='shareBox level2'><h3>Share this post</h3></div>")
    assert "share" in anchorids.gap_words(box)
    sec = lxml_html.fromstring("<div id='market_share' class='section level2'><h2>Market share</h2></div>")
    assert "share" not in anchorids.gap_words(sec)
    plain = lxml_html.fromstring("<div id='about-the-author'><h3>About the author</h3></div>")
    assert not anchorids.anchor_id(plain)  # no document tool's mark


# click-to-tweet-label (review47 5, 6)
@pytest.mark.parametrize("para,probe", [
    ("<p>Think the harbour master got it wrong? Tweet this!</p>", "Tweet this!"),
    ("<blockquote><p>Our only instruction to new staff is a short one. Tweet this!</p></blockquote>", "Tweet this!"),
    ("<p>Nobody could agree on what the ministers' tweet this</p>", "tweet this"),
    ("<p>The tweet was sent at 9 a.m. Tweet this</p>", "Tweet this"),
])
def test_tweet_this_closing_a_writer_s_sentence_stays(monkeypatch, para, probe):
    assert probe in " ".join(_lines(_story(para)))
    _with_rule(monkeypatch, "click-to-tweet-label", MERGED_LABEL, re.IGNORECASE)
    assert probe not in " ".join(_lines(_story(para)))


def test_glued_and_alone_labels_still_go():
    lines = _lines(_story("<p>Every quay exists in the 'tide-time continuum.'Click To Tweet</p>"
                          "<p>The piles hold the deck. Click to Tweet</p><p>Tweet this</p>"))
    assert "Every quay exists in the 'tide-time continuum.'" in lines and "The piles hold the deck." in lines
    assert not any("weet" in line for line in lines)


# Substack's bare buttons (review47 8), Hashnode's question and appeal (9), names with a period (10)
@pytest.mark.parametrize("para,probe", [
    ("<p>Pledge your support</p><p>The lifeboat appeal closes on Friday; every pledge is matched by the trust.</p>",
     "Pledge your support"),
    ("<p><b>Share this post</b></p><p>Forward it to anyone on the ferry list who missed the meeting.</p>",
     "Share this post"),
])
def test_a_bare_substack_button_mid_text_stays(monkeypatch, para, probe):
    assert probe in _lines(_story(para))
    _with_rule(monkeypatch, "substack-widget-button-closing", MERGED_SUBSTACK_BUTTONS, 0, last=0)
    assert probe not in _lines(_story(para))


@pytest.mark.parametrize("button", ["Share this post", "Upgrade to paid", "Pledge your support", "Restack",
                                    "Type your email…"])
def test_substack_buttons_beside_a_widget_or_closing_go(button):
    widget = "Thanks for reading Fenwick.Notes! Subscribe for free to receive new posts and support my work."
    lines = _lines(_copy(f"<p>{widget}</p><p>{button}</p>"))  # beside the widget's line, mid-text
    assert button not in lines and widget not in lines
    assert BODY[4] in lines and BODY[11] in lines
    lines = _lines(_closing(f"<p>{button}</p>"))  # closing the body
    assert button not in lines and BODY[9] in lines


@pytest.mark.parametrize("para,probe", [
    ("<p>Support the Kilrush Rowing Club by becoming a sponsor. Any amount is appreciated!</p>",
     "Support the Kilrush Rowing Club by becoming a sponsor. Any amount is appreciated!"),
    ("<p>Did you find this article valuable?</p><p>Tell us in the reader survey: it takes two minutes and closes "
     "at the end of the month.</p>", "Did you find this article valuable?"),
])
def test_hashnode_appeal_mid_text_stays(monkeypatch, para, probe):
    assert probe in _lines(_story(para))
    _with_rule(monkeypatch, "hashnode-widget-appeal-closing", MERGED_HASHNODE, 0, last=0)
    assert probe not in _lines(_story(para))


def test_names_with_a_period_are_read():
    lines = _lines(_closing("<p>Stratechery.com is a reader-supported publication. To receive new posts and "
                         "support my work, consider becoming a free or paid subscriber.</p><p>Support Dr. Aoife "
                         "Byrne by becoming a sponsor. Any amount is appreciated!</p>"))
    assert not any("reader-supported" in line or "Aoife" in line for line in lines), lines
    assert BODY[9] in lines
    assert "Stratechery.com is a reader-supported" in _bare(_copy("", "<p>Stratechery.com is a reader-supported "
                                                                  "publication. To receive new posts and support my "
                                                                  "work, consider becoming a free or paid "
                                                                  "subscriber.</p>"))


# click-to-tweet-button without .tm-ctt-tip (review47 11)
def test_todaymade_tip_box_is_not_a_button():
    rules = ex.rules_for("www.fenwick-review.example")
    rule = next(r for r in rules.dom if r.name == "click-to-tweet-button")
    assert "tm-ctt-tip" not in str(getattr(rule, "css", "") or "") + str(getattr(rule, "xpath", "") or "")
