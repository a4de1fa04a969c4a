"""review8: look-alike pages for this session's stages (tail-run), where they must change nothing.

tail-run (tailrun.py) takes a run of sentence paragraphs in a sibling container of another name
after the body as the body's second half (``section.post`` then ``section.post-cont``). The same
shape holds the next story an endless-scroll page appends (``section.story-upnext``), the writer's
biography (``div.entry-writer``) and readers' replies (``section.post-replies``): names
``gaps.FURNITURE`` did not list, so each was appended to the article. Invented site and text.
"""
from __future__ import annotations

import pytest
from storykit import Newsroom

from archiver.extraction import tailrun

URL = "https://www.saltmarsh-gazette.example/2026/12/harbour-wall"
TITLE = "Saltmarsh harbour wall repaired before the winter tides"
SITE = Newsroom(URL, TITLE, "Saltmarsh Gazette", "Wynn Albery", "2 Quay Street",
                "The harbour board said on Tuesday that stretch {i} of the old sea wall had been rebuilt in granite blocks.")
S = SITE.sentences


def _bare_page(body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{TITLE} | Saltmarsh Gazette</title>"
            "</head><body><header><a href='/'>Saltmarsh Gazette</a><nav><a href='/news'>News</a> "
            f"<a href='/sport'>Sport</a></nav></header>{body}<footer><p>Saltmarsh Gazette, 2 Quay Street.</p>"
            "</footer></body></html>")


OTHER = ("<p>The ferry company said that sailings to the island would leave an hour earlier from the first of May.</p>"
         "<p>Passengers were asked to check the new times before they travel, as the last boat back is earlier too.</p>")
BIO = ("<p>Wynn Albery has reported on the coast for the Gazette since 2009 and edits its weekly tide column.</p>"
       "<p>She lives in the old town with two dogs and a bicycle that she rides along the front to the office.</p>")
REPLIES = ("<p>I grew up by that harbour and I remember the old wall being patched every spring without fail.</p>"
           "<p>This is the best thing the board has done in years, well done to the masons and the crew.</p>")
LOOK_ALIKES = {
    "next-story": f"<section class='story'><h1>{TITLE}</h1>{SITE.ps(0, 1, 2)}</section>"
                  f"<section class='story-upnext'><h2>Ferry times change in May</h2>{OTHER}</section>",
    "writer-bio": f"<main><div class='entry'><h1>{TITLE}</h1>{SITE.ps(0, 1, 2)}</div>"
                  f"<div class='entry-writer'>{BIO}</div></main>",
    "replies": f"<section class='post'><h1>{TITLE}</h1>{SITE.ps(0, 1, 2)}</section>"
               f"<section class='post-replies'>{REPLIES}</section>",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_sibling_container_named_as_another_story_the_writer_or_the_readers_stays_out(name):
    assert SITE.paragraphs(_bare_page(LOOK_ALIKES[name])) == S[:3]


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_without_the_names_the_run_is_taken(name, monkeypatch):
    monkeypatch.setattr(tailrun, "ELSEWHERE", False)
    got = SITE.paragraphs(_bare_page(LOOK_ALIKES[name]))
    assert got[:3] == S[:3] and len(got) > 3


def test_the_second_half_under_a_continuation_name_is_still_kept():
    html = _bare_page(f"<section class='story'><h1>{TITLE}</h1>{SITE.ps(0, 1)}</section>"
                      f"<section class='story-continued'>{SITE.ps(2, 3)}</section>")
    assert SITE.paragraphs(html) == S[:4]
