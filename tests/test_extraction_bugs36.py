"""Failure kinds from bug reports against article extractors, thirty-sixth round (bug36): body text lost
(recall), in document tools' templates.

Sources, kind 1 (sections): https://github.com/kepano/defuddle/issues/321 (a ``<section id="tags">`` holding a heading and a
paragraph of the page's own text dropped from the extracted output). The kind probed here is its
commonest form: pandoc, Quarto, R Markdown, Sphinx and Jupyter Book write each heading's section with
the heading's slug as its ``id`` (``<section id="market-share" class="level2"><h2>Market share</h2>``),
and trafilatura deletes every section whose ``id`` holds one of its furniture words (``share``,
``related``, ``tags``, ``social``, ``sidebar``, ``banner``) with what it holds; archiver's gap stage,
which puts such blocks back between two kept paragraphs, refused them for the same words. Invented
pages and text (the Fenwick Harbour Review); defuddle's fix (https://github.com/kepano/defuddle/pull/304, "Preserve
heading-anchored content sections") keeps "Related" and "Further reading" boxes eligible, as this round does.

Kind 2 (click-to-tweet boxes): a WordPress plugin's box around an author's sentence, with a share button after it
(Social Warfare's markup as https://github.com/the-mvm/the-mvm.github.io/issues/11 quotes it; Better Click To Tweet,
TodayMade's Click To Tweet, CoBlocks, Ultimate Blocks, Easy Social Share Buttons): archiver and bare trafilatura
glued 'Click To Tweet' to the sentence's last word ('... much less stress.Click To Tweet', two AEB pages). DOM rule
``click-to-tweet-button`` takes the buttons by the plugins' names where the quote is no link (with a linked quote,
the button gone, trafilatura dropped the quote as a link: measured on those AEB pages); paragraph rule
``click-to-tweet-label`` cuts the label left at a line's end after a sentence, or alone.

Kind 3 (Substack's widget texts as lines): where a Substack post's classes are gone (a feed or read-later copy, an
e-mail's web view, a markdown conversion; scraped copies found by exact-string search hold them between and after
the paragraphs) its subscribe widget, pledge box and buttons are plain lines: 'X is a reader-supported
publication. ...', 'Thanks for reading X! Subscribe for free ...', 'Share this post', 'Restack' (two WCXB pages
hold 'Share this post'). Paragraph rule ``substack-widget-text``, each text whole.

Each test of the fix has a twin with the stage switched off (``anchorids.SLUG_IDS``) showing the section
lost again, by archiver and by bare trafilatura; look-alikes are furniture sections whose ``id`` is
their heading's slug too ("Related", "Related stories", "Share this story") and must stay out.
"""

from __future__ import annotations

import pytest
import trafilatura
from harbourkit import norm
from lxml import html as lxml_html
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import anchorids, extract

URL = "https://www.fenwick-review.example/2026/12/harbour-survey.html"
BODY = [f"Paragraph {i}: the harbour board's survey of pier section {i} found rotten timber, loose bolts and "
        "cracked concrete that will need repair before the summer." for i in range(12)]
SECTION = ["The share of cargo moved by rail rose from a fifth to a third after the new sidings opened last spring.",
           "Port officials expect the figure to climb further once the second crane is installed on the north quay."]


def _section(ident: str, heading: str, paragraphs: list[str], style: str) -> str:
    """One heading's section as the tool writes it: pandoc/Quarto ``<section class="level2">``, R Markdown
    ``<div class="section level2">``, Sphinx ``<section>`` with a ``¶`` permalink in the heading."""
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    if style == "rmd":
        return f"<div id='{ident}' class='section level2'><h2>{heading}</h2>{ps}</div>"
    if style == "sphinx":
        return (f"<section id='{ident}'><h2>{heading}<a class='headerlink' href='#{ident}' "
                f"title='Link to this heading'>¶</a></h2>{ps}</section>")
    return f"<section id='{ident}' class='level2'><h2 class='anchored'>{heading}</h2>{ps}</section>"


def _page(middle: str, style: str = "pandoc") -> str:
    """A document page: six opening paragraphs, a 'Methods' section, ``middle``, a 'Conclusion' section."""
    intro = "".join(f"<p>{p}</p>" for p in BODY[:6])
    body = (intro + _section("methods", "Methods", BODY[6:9], style) + middle
            + _section("conclusion", "Conclusion", BODY[9:], style))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Harbour survey | Fenwick Harbour "
            "Review</title></head><body><header><a href='/'>Fenwick Harbour Review</a><nav><ul><li><a href='/a'>"
            "Archive</a></li><li><a href='/b'>About</a></li></ul></nav></header><main class='content' "
            f"id='quarto-document-content'><h1 class='title'>The harbour survey</h1>{body}</main><footer><p>"
            "Fenwick Harbour Review, 3 Quay Street.</p></footer></body></html>")


def _archiver(page: str) -> str:
    return norm(" ".join(extract(page, URL).paragraphs))


def _bare(page: str) -> str:
    return norm(trafilatura.extract(page, url=URL, include_comments=False) or "")


CASES = [("market-share", "Market share"), ("related-work", "Related work"), ("social-impact", "Social impact"),
         ("tags-and-labels", "Tags and labels"), ("sidebar-effects", "Sidebar effects"),
         ("a-banner-year", "A banner year"), ("sec-market-share", "Market share"),
         ("market-share-2", "Market share")]


@pytest.mark.parametrize("style", ["pandoc", "rmd", "sphinx"])
@pytest.mark.parametrize("ident,heading", CASES)
def test_anchor_named_section_stays(ident, heading, style):
    out = _archiver(_page(_section(ident, heading, SECTION, style), style))
    assert heading in out
    for line in SECTION + BODY:
        assert line in out


@pytest.mark.parametrize("style", ["pandoc", "sphinx"])
def test_without_the_stage_the_section_goes(monkeypatch, style):
    page = _page(_section("market-share", "Market share", SECTION, style), style)
    monkeypatch.setattr(anchorids, "SLUG_IDS", False)
    out = _archiver(page)
    assert SECTION[0] not in out and SECTION[1] not in out
    assert BODY[5] in out and BODY[9] in out
    bare = _bare(page)
    assert SECTION[0] not in bare


def test_anchor_id_reads_slugs():
    def first(markup: str):
        return lxml_html.fromstring(markup)

    # mend48: a document tool's mark stands with the slug (here the class level2, R Markdown's section)
    assert anchorids.anchor_id(first("<section id='market-share' class='level2'><h2>Market share</h2><p>x</p></section>"))
    assert anchorids.anchor_id(first("<section id='what-s-new' class='level2'><h2>What’s new?</h2></section>"))
    assert anchorids.anchor_id(first("<div id='related_work' class='section level2'><h3>Related work</h3></div>"))
    assert anchorids.anchor_id(first("<section id='sec-related-work' class='level2'><h2>Related work</h2></section>"))
    assert not anchorids.anchor_id(first("<section id='related'><h2>Related</h2></section>"))  # one word
    assert not anchorids.anchor_id(first("<section id='share-tools'><h2>Market share</h2></section>"))
    assert not anchorids.anchor_id(first("<section id='tags'><p>x</p><p>y</p><p>z</p><h2>Tags here</h2></section>"))
    assert not anchorids.anchor_id(first("<section class='market-share'><h2>Market share</h2></section>"))
    box = first("<section id='social-impact' class='social-box level2'><h2>Social impact</h2></section>")
    assert anchorids.gap_words(box) == {"social", "box", "level"}  # the class's words still count


LINKS = "".join(f"<li><a href='/2026/11/story-{i}.html'>Ferry story number {i} from the archive</a></li>"
                for i in range(4))


@pytest.mark.parametrize("middle,gone", [
    # one-word heading: its slug names the box, not a section of the text
    ("<section id='related' class='level2'><h2>Related</h2><p>More from the harbour desk this week, "
     "with the ferry board's reply to the survey.</p></section>", "More from the harbour desk"),
    # a related-stories box with its own slug: teaser links, no prose
    (f"<section id='related-stories'><h2>Related stories</h2><ul>{LINKS}</ul></section>", "Ferry story number 1"),
    # a share box under its slug: buttons, no sentence
    ("<section id='share-this-story'><h2>Share this story</h2><p><a href='https://x.example/share'>X</a> "
     "<a href='https://fb.example/share'>Facebook</a> <a href='mailto:?'>Email</a></p></section>", "Facebook"),
])
def test_furniture_under_its_own_slug_stays_out(middle, gone):
    out = _archiver(_page(middle))
    assert gone not in out
    assert BODY[8] in out and BODY[9] in out


# kind 2: click-to-tweet boxes
QUOTE = "A quay is only as strong as the piles you cannot see below the waterline."
TWEET = "https://twitter.com/intent/tweet?url=https%3A%2F%2Fwww.fenwick-review.example%2Fq&amp;text=A%20quay"
PLUGINS = {
    "better-click-to-tweet": (f"<span class='bctt-click-to-tweet'><span class='bctt-ctt-text'><a href='{TWEET}'>"
                              f"{QUOTE}</a></span><a href='{TWEET}' class='bctt-ctt-btn'>Click To Tweet</a></span>"),
    "social-warfare": (f"<a class='swp_CTT style1' href='{TWEET}' rel='nofollow'><span class='sw-click-to-tweet'>"
                       f"<span class='sw-ctt-text'>{QUOTE}</span><span class='sw-ctt-btn'>Click To Tweet"
                       "<i class='sw swp_twitter_icon'></i></span></span></a>"),
    "coblocks": (f"<figure class='wp-block-coblocks-click-to-tweet'><blockquote><p class='wp-block-coblocks-click-to-"
                 f"tweet__text'>{QUOTE}</p><a class='wp-block-coblocks-click-to-tweet__twitter-btn' href='{TWEET}'>"
                 "Tweet</a></blockquote></figure>"),
    "easy-social-share": (f"<div class='essb-click-to-tweet essb-click-to-tweet-default'>{QUOTE}<span class='essb-"
                          "click-to-tweet-button'><span>Tweet</span></span></div>"),
    "theme link": f"<p>{QUOTE} <a href='{TWEET}'>Tweet this</a></p>",
    "label line": f"<blockquote><p>{QUOTE}</p></blockquote><p><a href='{TWEET}'>Click to Tweet</a></p>",
}


def _story(box: str) -> str:
    """An article page: five paragraphs, ``box``, five more."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Piles | Fenwick Harbour Review</title>"
            "</head><body><header><a href='/'>Fenwick Harbour Review</a></header><main><article class='post'>"
            "<h1>What the piles tell us</h1>" + "".join(f"<p>{p}</p>" for p in BODY[:5]) + box
            + "".join(f"<p>{p}</p>" for p in BODY[5:10]) + "</article></main><footer><p>Fenwick Harbour Review, "
            "3 Quay Street.</p></footer></body></html>")


def _lines(page: str) -> list[str]:
    return [norm(p) for p in extract(page, URL).paragraphs]


@pytest.mark.parametrize("plugin", sorted(PLUGINS))
def test_click_to_tweet_button_goes_and_the_quote_stays(plugin):
    lines = _lines(_story(PLUGINS[plugin]))
    assert QUOTE in lines
    assert not any("weet" in line for line in lines), lines
    assert BODY[4] in lines and BODY[5] in lines


@pytest.mark.parametrize("plugin", ["better-click-to-tweet", "social-warfare"])
def test_without_the_rules_the_label_sticks_to_the_quote(monkeypatch, plugin):
    page = _story(PLUGINS[plugin])
    assert QUOTE + "Click To Tweet" in _bare(page).replace(" Click To Tweet", "Click To Tweet")
    without_dom_rule(monkeypatch, "click-to-tweet-button")
    without_paragraph_rule(monkeypatch, "click-to-tweet-label")
    assert QUOTE + "Click To Tweet" in _lines(page)


def test_without_the_link_rule_the_theme_label_stays(monkeypatch):
    page = _story(PLUGINS["theme link"])  # mend48: the spaced, linked label goes by the DOM rule click-to-tweet-link
    without_dom_rule(monkeypatch, "click-to-tweet-link")
    assert QUOTE + " Tweet this" in _lines(page)


def test_without_the_dom_rule_the_button_box_loses_its_quote(monkeypatch):
    page = _story(PLUGINS["easy-social-share"])
    assert QUOTE not in _bare(page)
    without_dom_rule(monkeypatch, "click-to-tweet-button")
    assert QUOTE not in " ".join(_lines(page))


def test_a_label_after_a_quoted_phrase_goes():
    box = PLUGINS["social-warfare"].replace(QUOTE, "Every harbour exists in the 'tide-time continuum.'")
    lines = _lines(_story(box))
    assert "Every harbour exists in the 'tide-time continuum.'" in lines
    assert not any("Tweet" in line for line in lines)


@pytest.mark.parametrize("sentence", [
    "Readers were asked to click to tweet their questions to the harbour master before the meeting.",
    "The campaign's slogan, printed on every ferry ticket, was simply Tweet this.",
    "Her last message to the board read: 'Tweet this quote if you dare.'",
    "Nobody on the board knew how to tweet this quote from the engineers' report, so it went unshared.",
    # the label's words closing a line, not after a sentence's end (the rule's look-behind keeps them)
    "On the poster by the ferry office, in large letters under the harbour board's crest: Click to tweet",
    "The new account's first post asked every passenger on the morning boat to tweet this",
])
def test_click_to_tweet_look_alikes_stay(sentence):
    assert sentence in _lines(_story(f"<p>{sentence}</p>"))


def test_a_tweet_this_heading_stays():
    lines = _lines(_story(f"<h2>Tweet this: how the port answers on social media</h2><p>{QUOTE}</p>"))
    assert "Tweet this: how the port answers on social media" in lines


# kind 3: Substack's widget and button texts as lines
SUBSTACK_LINES = (
    "Fenwick Notes is a reader-supported publication. To receive new posts and support my work, consider becoming "
    "a free or paid subscriber.",
    "Thanks for reading Fenwick Notes! Subscribe for free to receive new posts and support my work.",
    "Thanks for reading Fenwick Notes! This post is public so feel free to share it.",
    "Thanks for reading! Subscribe for free to receive new posts and support my work.",
    "Fenwick Notes is free today. But if you enjoyed this post, you can tell Fenwick Notes that their writing is "
    "valuable by pledging a future subscription. You won't be charged unless they enable payments.",
    "View this post on the web at https://fenwicknotes.substack.example/p/harbour-survey",
    "Give a gift subscription", "Get 7 day free trial", "Discussion about this post", "✓ Subscribed",
)
# mend48: the bare buttons go beside another Substack line or at the body's edge (tests/test_extraction_mend48.py)
SUBSTACK_BUTTONS = ("Share this post", "Upgrade to paid", "Pledge your support", "Restack", "Type your email…")


def _copy(middle: str, end: str = "") -> str:
    """A Substack post as a class-less copy keeps it: paragraphs, ``middle``, paragraphs, ``end``."""
    return _story(middle + "".join(f"<p>{p}</p>" for p in BODY[10:12]) + end)


@pytest.mark.parametrize("line", SUBSTACK_LINES)
def test_substack_lines_go(line):
    lines = _lines(_copy(f"<p>{line}</p>", f"<p>{line}</p>"))
    assert line not in lines
    assert BODY[4] in lines and BODY[5] in lines and BODY[11] in lines


def test_without_the_rule_the_substack_lines_stay(monkeypatch):
    page = _copy(f"<p>{SUBSTACK_LINES[0]}</p><p>{SUBSTACK_LINES[1]}</p>")
    assert SUBSTACK_LINES[0] in _bare(page) and SUBSTACK_LINES[1] in _bare(page)
    without_paragraph_rule(monkeypatch, "substack-widget-text")
    lines = _lines(page)
    assert SUBSTACK_LINES[0] in lines and SUBSTACK_LINES[1] in lines


@pytest.mark.parametrize("sentence", [
    "Thanks for reading, and see you at the harbour board's open meeting next week.",
    "Thanks for reading Fenwick Notes this year! The next issue comes after the works begin in January.",
    "The harbour trust is a reader-supported publication of the museum, printed twice a year since 1972.",
    "Restack the chairs after the meeting, the harbour master asked the volunteers on their way out.",
    "Share this post with the ferry crews, the board wrote, so that everyone knows the landing closes in January.",
    "Upgrade to paid berths came with a promise of fresh water and power at every pontoon by the summer.",
])
def test_substack_look_alikes_stay(sentence):
    assert sentence in _lines(_copy(f"<p>{sentence}</p>"))


# kind 3, Hashnode: its sponsor and newsletter widgets' texts as lines
HASHNODE_LINES = (
    "Did you find this article valuable?",
    "Support Fenwick Notes by becoming a sponsor. Any amount is appreciated!",
    "Learn more about Hashnode Sponsors",
    "See recent sponsors | Learn more about Hashnode Sponsors",
    "Read articles from Fenwick Notes directly inside your inbox. Subscribe to the newsletter, and don't miss out.",
)


def test_hashnode_lines_go():
    end = "<h3>Did you find this article valuable?</h3>" + "".join(f"<p>{line}</p>" for line in HASHNODE_LINES[1:])
    lines = _lines(_copy("", end))
    assert not any(line in lines for line in HASHNODE_LINES), lines
    assert BODY[11] in lines


def test_without_the_rule_the_hashnode_lines_stay(monkeypatch):
    page = _copy(f"<p>{HASHNODE_LINES[1]}</p><p>{HASHNODE_LINES[2]}</p>")
    assert HASHNODE_LINES[1] in _bare(page) and HASHNODE_LINES[2] in _bare(page)
    assert HASHNODE_LINES[1] not in _lines(page) and HASHNODE_LINES[2] not in _lines(page)
    without_paragraph_rule(monkeypatch, "hashnode-widget-text")
    without_paragraph_rule(monkeypatch, "hashnode-widget-appeal")  # mend48: the appeal's own rule (beside)
    lines = _lines(page)
    assert HASHNODE_LINES[1] in lines and HASHNODE_LINES[2] in lines


@pytest.mark.parametrize("sentence", [
    "Did you find this article valuable? The harbour board asked readers the same question in its survey.",
    "Support the lifeboat crew by becoming a sponsor of the winter swim, which raised a record sum last year.",
    "Read articles from the 1884 harbour gazette in the museum's reading room, open on Saturdays.",
])
def test_hashnode_look_alikes_stay(sentence):
    assert sentence in _lines(_copy(f"<p>{sentence}</p>"))
