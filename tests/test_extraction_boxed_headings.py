"""A body's subheadings each drawn in a bordered text box of their own (held2).

Found on a held-out page (domdown's real-world cases, a Tistory security blog): the editor's text
box, ``<div class="txc-textbox" style="... border: 1px solid ...;"><p><b>Conclusion</b></p></div>``,
holds each section's title between the body's ``<p>``s. trafilatura's precision mode deletes every
block whose ``style`` names a border (page-bottom chrome, ``PRECISION_DISCARD_XPATH``), so every
subheading went; bare trafilatura, in its default mode, kept them. Invented site and text.
"""

from __future__ import annotations

import lxml.html
from storykit import Newsroom

from archiver.extraction import misnamed

URL = "https://blog.harrow-response.example/1042"
TITLE = "Parcel delivery texts that install a spy app"

SITE = Newsroom(URL, TITLE, "Harrow Response Team", "Analyst 3", "1 Quay Road",
                "In case {i} the text message claims that a parcel could not be delivered and asks the reader to "
                "open a link, which downloads an app that reads every message and call on the phone.",
                count=8, article_class="entry-content")
S = SITE.sentences
STYLE = "background-color: #e7fdb5; padding: 10px; border: 1px solid #e7fdb5;"
HEADINGS = ["App details and screens", "Code analysis", "Conclusion"]


def box(line: str, style: str = STYLE, cls: str = "txc-textbox") -> str:
    return f"<div class='{cls}' style='{style}'><p><b>{line}</b></p></div>"


EMPTY = "<p>&nbsp;</p>"
PAGE = SITE.page(SITE.ps(0, 1) + EMPTY + box(HEADINGS[0]) + EMPTY + SITE.ps(2, 3) + EMPTY + box(HEADINGS[1])
                 + SITE.ps(4, 5) + box(HEADINGS[2]) + SITE.ps(6, 7))
WANTED = [S[0], S[1], HEADINGS[0], S[2], S[3], HEADINGS[1], S[4], S[5], HEADINGS[2], S[6], S[7]]


def test_each_boxed_subheading_is_kept_in_place():
    assert SITE.paragraphs(PAGE) == WANTED
    assert all(h in SITE.bare(PAGE) for h in HEADINGS)  # bare trafilatura keeps them too


def test_without_the_fix_the_boxed_subheadings_are_lost(monkeypatch):
    monkeypatch.setattr(misnamed, "BOXED_HEADINGS", False)
    got = SITE.paragraphs(PAGE)
    assert not any(h in got for h in HEADINGS)
    assert S[2] in got and S[6] in got


def boxed(markup: str) -> bool:
    root = lxml.html.fragment_fromstring(f"<div>{SITE.ps(0, 1)}{markup}{SITE.ps(2)}</div>")
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
