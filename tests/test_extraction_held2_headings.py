"""Body subheadings that trafilatura's precision mode deletes with their wrapper (held2).

Two kinds, each found on a held-out page of domdown's real-world cases; bare trafilatura, in its
default mode, keeps both. Invented sites and text.

- a subheading in a ``<header>`` of its own outside any ``<section>`` (a TYPO3 blog): each section
  of the body is a content element, ``<div class="frame"><div class="ce-bodytext"><header><h2>..
  </h2></header><p>..``, nested in its own column ``<div>``s. Precision mode deletes every
  ``<header>``; ``gaps`` does not reach them across the column ``<div>``s.
- a subheading drawn in a bordered text box of its own (a Tistory security blog): the editor's
  ``<div class="txc-textbox" style="... border: 1px solid ...;"><p><b>Conclusion</b></p></div>``
  between the body's ``<p>``s. Precision mode deletes every block whose ``style`` names a border
  (page-bottom chrome, ``PRECISION_DISCARD_XPATH``).
"""

from __future__ import annotations

import lxml.html
import pytest
from storykit import Newsroom

from archiver.extraction import containers, misnamed

HEADER_SITE = Newsroom("https://www.larkfield-labs.example/blog/2026/11/loader-notes", "Notes on a loader that talks back",
                       "Larkfield Labs", "Ida Brenner", "7 Harbour Lane",
                       "In step {i} the loader reads its settings from a file next to it, decodes them with a short "
                       "key and writes a marker in the registry so that it does not run twice on the same machine.",
                       count=9, article_class="blog-post")
BOX_SITE = Newsroom("https://blog.harrow-response.example/1042", "Parcel delivery texts that install a spy app",
                    "Harrow Response Team", "Analyst 3", "1 Quay Road",
                    "In case {i} the text message claims that a parcel could not be delivered and asks the reader "
                    "to open a link, which downloads an app that reads every message and call on the phone.",
                    count=8, article_class="entry-content")
H, B = HEADER_SITE.sentences, BOX_SITE.sentences
HEADER_HEADINGS = ["Initial access", "Payload staging", "Indicators"]
BOX_HEADINGS = ["App details and screens", "Code analysis", "Conclusion"]
STYLE = "background-color: #e7fdb5; padding: 10px; border: 1px solid #e7fdb5;"


def element(heading: str, body: str) -> str:
    """One content element in its column, its subheading in a ``<header>`` of its own."""
    return (f"<div class='small-12 column'><div class='row'><div class='frame frame-default'>"
            f"<div class='ce-bodytext'><header role='generic'><h2> {heading} </h2></header>{body}</div>"
            "</div></div></div>")


def box(line: str, style: str = STYLE, cls: str = "txc-textbox") -> str:
    """A one-line bold text box."""
    return f"<div class='{cls}' style='{style}'><p><b>{line}</b></p></div>"


TABLE = "<table><tr><td>sha256 of loader.bin</td><td>4f2a9c0d77e1b3</td></tr></table>"
EMPTY = "<p>&nbsp;</p>"
CASES = {
    "header": (HEADER_SITE, HEADER_SITE.page(
        HEADER_SITE.ps(0, 1) + element(HEADER_HEADINGS[0], HEADER_SITE.ps(2, 3))
        + element(HEADER_HEADINGS[1], HEADER_SITE.ps(4, 5)) + element(HEADER_HEADINGS[2], TABLE)),
        [H[0], H[1], HEADER_HEADINGS[0], H[2], H[3], HEADER_HEADINGS[1], H[4], H[5], HEADER_HEADINGS[2]],
        HEADER_HEADINGS, (containers, "UNHEADER_BODY_HEADINGS")),
    "box": (BOX_SITE, BOX_SITE.page(
        BOX_SITE.ps(0, 1) + EMPTY + box(BOX_HEADINGS[0]) + EMPTY + BOX_SITE.ps(2, 3) + EMPTY + box(BOX_HEADINGS[1])
        + BOX_SITE.ps(4, 5) + box(BOX_HEADINGS[2]) + BOX_SITE.ps(6, 7)),
        [B[0], B[1], BOX_HEADINGS[0], B[2], B[3], BOX_HEADINGS[1], B[4], B[5], BOX_HEADINGS[2], B[6], B[7]],
        BOX_HEADINGS, (misnamed, "BOXED_HEADINGS")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_subheading_is_kept_in_place(case):
    site, page, wanted, headings, _ = CASES[case]
    got = site.paragraphs(page)
    assert got[:len(wanted)] == wanted
    assert all(h in site.bare(page) for h in headings)  # bare trafilatura keeps them too


def test_the_table_under_the_last_header_stays():
    site, page, *_ = CASES["header"]
    assert "4f2a9c0d77e1b3" in " ".join(site.paragraphs(page))


@pytest.mark.parametrize("case", sorted(CASES))
def test_without_the_fix_the_subheadings_are_lost(case, monkeypatch):
    site, page, wanted, headings, (module, switch) = CASES[case]
    monkeypatch.setattr(module, switch, False)
    got = site.paragraphs(page)
    assert not any(h in got for h in headings)
    assert wanted[3] in got and wanted[6] in got  # the body stays


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


def test_a_comment_cards_commenter_is_no_subheading():
    """review6: a kept comment thread's cards are header + paragraph too; the name stays a header."""
    card = "<header><h3>Jane Roe</h3></header><p>Great piece, thanks.</p>"
    for wrapper in ("<ol class='comment-list'><li>{}</li></ol>", "<div id='disqus_thread'><article>{}</article></div>",
                    "<section class='commentReplies'><div>{}</div></section>"):
        assert unwrapped(wrapper.format(card)) == 0, wrapper
    assert unwrapped("<div class='frame-type-text'>" + card + "</div>") == 1  # the same shape in the body


def boxed(markup: str) -> bool:
    root = lxml.html.fragment_fromstring(f"<div>{BOX_SITE.ps(0, 1)}{markup}{BOX_SITE.ps(2)}</div>")
    return misnamed._boxed_heading(root.find("div"))


def test_other_bordered_boxes_are_left_alone():
    assert boxed(box("Conclusion"))
    assert not boxed(f"<div style='{STYLE}'><p><b><a href='/1043'>Read the next report</a></b></p></div>")  # a link
    assert not boxed(f"<div style='{STYLE}'><p>Advertisement</p></div>")  # not a bold line
    assert not boxed(f"<div style='{STYLE}'><p><b>Note:</b> the app is still on sale.</p></div>")  # a note
    assert not boxed(box("Conclusion", cls="box-bottom"))  # named as page-bottom chrome too
    assert not boxed(f"<div style='{STYLE}'><p><b>One</b></p><p><b>Two</b></p></div>")  # two lines
    assert not boxed(box("A title line that runs on far too long to be a subheading of this post, so it is no heading"))
    lone = lxml.html.fragment_fromstring(f"<div>{box('Conclusion')}<p>Short.</p></div>")  # not among body paragraphs
    assert not misnamed._boxed_heading(lone.find("div"))
