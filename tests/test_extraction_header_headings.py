"""A body's subheadings each in a ``<header>`` of their own outside any ``<section>`` (held2).

Found on a held-out page (domdown's real-world cases, a TYPO3 blog): each section of the body is a
content element, ``<div class="frame"><div class="ce-bodytext"><header><h2>..</h2></header><p>..``,
nested in its own column ``<div>``s. trafilatura's precision mode deletes every ``<header>``, so
every subheading went (bare trafilatura, in its default mode, kept them); ``gaps`` does not reach
them across the column ``<div>``s. Invented site and text.
"""

from __future__ import annotations

import lxml.html
from storykit import Newsroom

from archiver.extraction import containers

URL = "https://www.larkfield-labs.example/blog/2026/11/loader-notes"
TITLE = "Notes on a loader that talks back"

SITE = Newsroom(URL, TITLE, "Larkfield Labs", "Ida Brenner", "7 Harbour Lane",
                "In step {i} the loader reads its settings from a file next to it, decodes them with a short key "
                "and writes a marker in the registry so that it does not run twice on the same machine.",
                count=9, article_class="blog-post")
S = SITE.sentences
HEADINGS = ["Initial access", "Payload staging", "Indicators"]


def element(heading: str, body: str) -> str:
    """One content element in its column, its subheading in a ``<header>`` of its own."""
    return (f"<div class='small-12 column'><div class='row'><div class='frame frame-default'>"
            f"<div class='ce-bodytext'><header role='generic'><h2> {heading} </h2></header>{body}</div>"
            "</div></div></div>")


TABLE = "<table><tr><td>sha256 of loader.bin</td><td>4f2a9c0d77e1b3</td></tr></table>"
PAGE = SITE.page(SITE.ps(0, 1) + element(HEADINGS[0], SITE.ps(2, 3)) + element(HEADINGS[1], SITE.ps(4, 5))
                 + element(HEADINGS[2], TABLE))
WANTED = [S[0], S[1], HEADINGS[0], S[2], S[3], HEADINGS[1], S[4], S[5], HEADINGS[2]]


def test_each_subheading_in_its_own_header_is_kept_in_place():
    got = SITE.paragraphs(PAGE)
    assert got[:len(WANTED)] == WANTED
    assert "4f2a9c0d77e1b3" in " ".join(got)
    assert all(h in SITE.bare(PAGE) for h in HEADINGS)  # bare trafilatura keeps them too


def test_without_the_fix_the_subheadings_are_lost(monkeypatch):
    monkeypatch.setattr(containers, "UNHEADER_BODY_HEADINGS", False)
    got = SITE.paragraphs(PAGE)
    assert not any(h in got for h in HEADINGS)
    assert S[2] in got and S[4] in got


def unwrapped(fragment: str) -> int:
    return containers.unheader_sections(lxml.html.fragment_fromstring(fragment, create_parent="div"))


def test_teaser_cards_a_footer_column_and_a_header_with_more_are_left_alone():
    card = "<div class='card'><header><h2><a href='/blog/other-post'>Other post</a></h2></header><p>Its excerpt.</p></div>"
    column = "<div class='col'><header><h3>Company</h3></header><ul><li><a href='/about'>About</a></li></ul></div>"
    byline = "<div><header><h2>Loader notes</h2><span>By Ida Brenner</span></header><p>Text.</p></div>"
    headline = "<div><header><h1>Loader notes</h1></header><p>Text.</p></div>"
    empty_next = "<div><header><h2>Loader notes</h2></header><p> </p></div>"
    for fragment in (card, column, byline, headline, empty_next):
        assert unwrapped(fragment) == 0, fragment
    anchor = "<div><header><h2><a href='#iocs'>Indicators</a></h2></header><p>Text.</p></div>"  # a permalink
    commented = "<div><header><h2>Indicators</h2></header><!-- table --><table><tr><td>x</td></tr></table></div>"
    assert unwrapped(anchor) == 1 and unwrapped(commented) == 1
