"""Failure kinds from bug reports against article extractors, thirty-sixth round (bug36): body text lost
(recall), in document tools' templates.

Source: https://github.com/kepano/defuddle/issues/321 (a ``<section id="tags">`` holding a heading and a
paragraph of the page's own text dropped from the extracted output). The kind probed here is its
commonest form: pandoc, Quarto, R Markdown, Sphinx and Jupyter Book write each heading's section with
the heading's slug as its ``id`` (``<section id="market-share" class="level2"><h2>Market share</h2>``),
and trafilatura deletes every section whose ``id`` holds one of its furniture words (``share``,
``related``, ``tags``, ``social``, ``sidebar``, ``banner``) with what it holds; archiver's gap stage,
which puts such blocks back between two kept paragraphs, refused them for the same words. Invented
pages and text (the Fenwick Harbour Review).

Each test of the fix has a twin with the stage switched off (``anchorids.SLUG_IDS``) showing the section
lost again, by archiver and by bare trafilatura; look-alikes are furniture sections whose ``id`` is
their heading's slug too ("Related", "Related stories", "Share this story") and must stay out.
"""

from __future__ import annotations

import re

import pytest
import trafilatura
from lxml import html as lxml_html

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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _archiver(page: str) -> str:
    return _norm(" ".join(extract(page, URL).paragraphs))


def _bare(page: str) -> str:
    return _norm(trafilatura.extract(page, url=URL, include_comments=False) or "")


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

    assert anchorids.anchor_id(first("<section id='market-share'><h2>Market share</h2><p>x</p></section>"))
    assert anchorids.anchor_id(first("<section id='what-s-new'><h2>What’s new?</h2></section>"))
    assert anchorids.anchor_id(first("<div id='related_work' class='section level2'><h3>Related work</h3></div>"))
    assert anchorids.anchor_id(first("<section id='sec-related-work'><h2>Related work</h2></section>"))
    assert not anchorids.anchor_id(first("<section id='related'><h2>Related</h2></section>"))  # one word
    assert not anchorids.anchor_id(first("<section id='share-tools'><h2>Market share</h2></section>"))
    assert not anchorids.anchor_id(first("<section id='tags'><p>x</p><p>y</p><p>z</p><h2>Tags here</h2></section>"))
    assert not anchorids.anchor_id(first("<section class='market-share'><h2>Market share</h2></section>"))
    box = first("<section id='social-impact' class='social-box'><h2>Social impact</h2></section>")
    assert anchorids.gap_words(box) == {"social", "box"}  # the class's words still count


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
