"""Failure kinds from bug reports against article extractors, thirty-seventh round (bug37): body text lost
(recall).

Source, kind 1 (section titles in ``<div>``s): https://github.com/wallabag/wallabag/issues/3349 (a French music
site's analysis page saved without "all the section titles": the text between them kept, each title gone).
The kind probed here: a body's section title written as a one-line ``<div>`` between two paragraphs, its class
naming it a section's title or a crosshead in the words templates use (``section-title``,
``article__section-title``, ``chapter-title``, ``crosshead``) or another language's (``titre``, ``ladillo``,
``intertitulo``, ``tussenkop``, ``titoletto``). trafilatura reads ``<div>`` text only where a page has little
``<p>`` text, and the line is no sentence, so the title went (archiver and bare trafilatura) and the sections ran
together. ``divheadings`` read ``subheading``, ``subtitle``, ``intertitre`` and the like already; the section-title
and crosshead names are now read too (``divheadings.TITLE_NAMES``; stage ``div-headings-title-names``). Invented
pages and text (the Fenwick Harbour Review).

Each test of the fix has a twin with the stage switched off showing the title lost again, by archiver and by bare
trafilatura; look-alikes: a post's or a card's own title (``post-title``, ``card-title``, ``entry-title``), a
kicker (``surtitre``), a promo's or a video's title (``promo-section-title``, ``video-section-title``), a
section-title ``<div>`` holding a sentence, and one over a list of links (no sentence after it) must not become
headings.
"""
from __future__ import annotations

import pytest
from harbourkit import BODY, archiver_paragraphs, bare_text, page
from lxml import html as lxml_html

from archiver.extraction import divheadings

TITLE = "What the pilots told the board"
AFTER = ("The pilots said the ferries had touched bottom twice in November, and asked for the channel to be "
         "dredged before the spring sailings begin.")


def _page(middle: str) -> str:
    """An article: four paragraphs, ``middle``, a sentence paragraph, four paragraphs."""
    return page(f"{middle}<p>{AFTER}</p>")


NAMES = ["section-title", "article__section-title", "sn-section-title", "section_title small",
         "chapter-title", "subsection-title", "crosshead", "story-crosshead", "titre", "article-titre", "ladillo",
         "intertitulo", "entretitulo", "tussenkop", "titoletto", "srodtytul"]


@pytest.mark.parametrize("cls", NAMES)
def test_section_title_div_is_kept_as_a_line_of_its_own(cls):
    out = archiver_paragraphs(_page(f"<div class='{cls}'>{TITLE}</div>"))
    assert TITLE in out  # a line of its own, not glued to a paragraph
    assert AFTER in out and BODY[3] in out and BODY[4] in out


def test_section_title_div_by_its_id():
    out = archiver_paragraphs(_page(f"<div id='story-crosshead'>{TITLE}</div>"))
    assert TITLE in out


@pytest.mark.parametrize("cls", ["section-title", "crosshead", "titre"])
def test_without_the_stage_the_title_goes(monkeypatch, cls):
    page = _page(f"<div class='{cls}'>{TITLE}</div>")
    monkeypatch.setattr(divheadings, "TITLE_NAMES", False)
    out = " ".join(archiver_paragraphs(page))
    assert TITLE not in out
    assert AFTER in out
    assert TITLE not in bare_text(page)


@pytest.mark.parametrize("markup", [
    f"<div class='post-title'>{TITLE}</div>",  # a post's own title
    f"<div class='card-title'>{TITLE}</div>",
    f"<div class='entry-title'>{TITLE}</div>",
    f"<div class='surtitre'>{TITLE}</div>",  # a kicker
    f"<div class='promo-section-title'>{TITLE}</div>",  # a promo's title
    f"<div class='video-section-title'>{TITLE}</div>",
    f"<div class='newsletter-crosshead'>{TITLE}</div>",
])
def test_look_alike_titles_are_no_headings(markup):
    out = " ".join(archiver_paragraphs(_page(markup)))
    assert TITLE not in out
    assert AFTER in out and BODY[3] in out


def test_a_sentence_in_a_section_title_div_is_no_heading():
    root = lxml_html.fromstring(
        "<div><p>First paragraph of the story, long enough to be one.</p>"
        "<div class='section-title'>The pilots went home.</div>"
        f"<p>{AFTER}</p></div>")
    assert divheadings.heading_divs(root, lambda el: False) == []


def test_a_section_title_over_links_is_no_heading():
    root = lxml_html.fromstring(
        "<div><p>First paragraph of the story, long enough to be one.</p>"
        "<div class='section-title'>More from the harbour</div>"
        "<p><a href='/a'>Ferry fares rise</a></p></div>")
    assert divheadings.heading_divs(root, lambda el: False) == []


def test_title_named_reads_the_last_parts():
    def div(cls: str):
        return lxml_html.fromstring(f"<div class='{cls}'>x</div>")

    assert divheadings.title_named(div("section-title"))
    assert divheadings.title_named(div("article__section-title"))
    assert divheadings.title_named(div("crosshead"))
    assert divheadings.title_named(div("cross-head"))
    assert divheadings.title_named(div("story-titre"))
    assert not divheadings.title_named(div("post-title"))
    assert not divheadings.title_named(div("section-title-wrapper"))  # a wrapper, not the title
    assert not divheadings.title_named(div("surtitre"))
    assert not divheadings.title_named(div("titre-article"))


# Kind 1b: the same titles right after a list, a quote, a table or a code block of the body (a section ending in a
# list of steps or a quoted statement, then the next section's title): the stage took a title only right after a
# <p>, so one after a list went with its text (``subheading`` as much as ``section-title``).
BLOCKS = {
    "list": "<ul><li>Survey the inner basin again in March</li><li>Ask the pilots for their written views</li></ul>",
    "ordered": "<ol><li>Survey the inner basin again in March</li><li>Vote on the contract in January</li></ol>",
    "quote": "<blockquote><p>We cannot wait another winter for this channel, the senior pilot said.</p></blockquote>",
    "table": "<table><tr><td>1998</td><td>4.1 metres</td></tr><tr><td>2026</td><td>1.9 metres</td></tr></table>",
    "code": "<pre>depth = survey.mean(basin)\nprint(depth)</pre>",
}


@pytest.mark.parametrize("block", sorted(BLOCKS))
@pytest.mark.parametrize("cls", ["subheading", "section-title", "crosshead"])
def test_title_after_a_body_block_is_kept(block, cls):
    out = archiver_paragraphs(_page(f"{BLOCKS[block]}<div class='{cls}'>{TITLE}</div>"))
    assert TITLE in out
    assert AFTER in out


@pytest.mark.parametrize("block", ["list", "quote"])
def test_without_the_stage_the_title_after_a_block_goes(monkeypatch, block):
    page = _page(f"{BLOCKS[block]}<div class='subheading'>{TITLE}</div>")
    monkeypatch.setattr(divheadings, "AFTER_BLOCKS", False)
    out = " ".join(archiver_paragraphs(page))
    assert TITLE not in out and AFTER in out
    assert TITLE not in bare_text(page)


def test_a_title_after_a_list_of_links_is_no_heading():
    links = ("<ul><li><a href='/a'>Ferry fares rise again</a></li><li><a href='/b'>Pilots strike in March</a></li>"
             "</ul>")
    root = lxml_html.fromstring(f"<div>{links}<div class='section-title'>More from the harbour</div>"
                                f"<p>{AFTER}</p></div>")
    assert divheadings.heading_divs(root, lambda el: False) == []


def test_a_title_after_a_heading_is_no_heading():
    root = lxml_html.fromstring(f"<div><h2>The survey</h2><div class='subheading'>{TITLE}</div><p>{AFTER}</p></div>")
    assert divheadings.heading_divs(root, lambda el: False) == []


# Kind 1c: the paragraph after the title wrapped in a <div> of its own (a page builder's text widget,
# ``<div class="text-block"><p>``): the stage wanted a <p> sibling right after the title.
@pytest.mark.parametrize("wrapper", ["text-block", "elementor-text-editor", "rich-text", ""])
def test_title_before_a_wrapped_paragraph_is_kept(wrapper):
    page = _page(f"<div class='section-title'>{TITLE}</div><div class='{wrapper}'><p>{AFTER}</p></div>"
                 f"<p>{BODY[0]}</p>")
    out = archiver_paragraphs(page)
    assert TITLE in out and AFTER in out


def test_without_the_stage_the_title_before_a_wrapped_paragraph_goes(monkeypatch):
    page = _page(f"<div class='subheading'>{TITLE}</div><div class='text-block'><p>{AFTER}</p></div>")
    monkeypatch.setattr(divheadings, "WRAPPED_NEXT", False)
    out = " ".join(archiver_paragraphs(page))
    assert TITLE not in out and AFTER in out
    assert TITLE not in bare_text(page)


@pytest.mark.parametrize("box", ["newsletter-box", "sidebar-widget", "author-bio", "signup-form", "promo"])
def test_a_title_over_a_box_is_no_heading(box):
    root = lxml_html.fromstring(
        "<div><p>First paragraph of the story, long enough to be one.</p>"
        f"<div class='section-title'>{TITLE}</div><div class='{box}'><p>{AFTER}</p></div></div>")
    assert divheadings.heading_divs(root, lambda el: False) == []


def test_wrapped_paragraph_reads_the_wrapper():
    def div(markup: str):
        return lxml_html.fromstring(markup)

    assert divheadings.wrapped_paragraph(div("<div class='text-block'><p>x</p></div>")) is not None
    assert divheadings.wrapped_paragraph(div("<div class='text-block'><ul><li>x</li></ul><p>y</p></div>")) is None
    assert divheadings.wrapped_paragraph(div("<div role='complementary'><p>x</p></div>")) is None
    assert divheadings.wrapped_paragraph(div("<div class='ad-slot'><p>x</p></div>")) is None
