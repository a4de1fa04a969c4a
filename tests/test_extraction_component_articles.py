"""A story written as a run of page-builder components, each an ``<article>`` in its own section.

A Next.js page builder writes an athletics story as sections, each holding an "ImageText" component:
``<article class="ImageText_Container">`` with a ``<header class="ImageText_Description">`` holding a part
of the text (and a picture beside it). trafilatura reads one ``<article>`` as the body, in precision mode
the one whose ``<header>`` is longest, and so lost the other parts. Now, on a page whose every
``<article>`` with a paragraph is one component (one class, two or more, none nested, no ``<h1>``, no
linked heading, each with paragraph text, together over half the page's text), the parts become
``<div>``s, and so does a part's ``<header>`` holding its text (``componentarticles.py``, switch
``stage:component-articles``). A teaser grid of ``<article>`` cards with linked headlines and an archive
page of posts stay as they were. Invented site and text (from trafilatura-eval's kind).
"""
from __future__ import annotations

import lxml.html
import trafilatura

from archiver.extraction import componentarticles, extract

URL = "https://www.fjordgames.example/en/news/sprinters-in-form"
PARTS = [
    ["Europe's best sprinters are already in form in the year of the Fjord Games, four months before the start.",
     "The reigning champion over 100 metres ran 9.98 seconds at an indoor meeting in Bergen on Friday, the "
     "fastest time in the world this year, and said afterwards that the new track suited her well."],
    ["She will run again at the Oslo indoor meeting next week, where the field includes three medallists "
     "from last summer and the young Dutch sprinter who beat her in the heats two years ago."],
    ["The French hurdler Paul Marchand also began his season with a win, running 7.54 seconds in the final "
     "after a long run of injuries that kept him out of every race last winter.",
     "\"I am very happy with today's race, I try to give my best at every meeting,\" he said, adding that "
     "he felt confident about the summer and the home crowd he expects in the stadium.",
     "What makes more sense than winning a second European title in the same country, he asked, smiling "
     "at the reporters who had followed him since his first title in that very stadium."],
]
CLS = "ImageText_Container__Gg7MW ImageText_Right__J-CZe"


def _part(i: int, paragraphs: list[str]) -> str:
    title = "<h3 class='ImageText_Title__2PIBP'>Sprinters in form for the Fjord Games</h3>" if i == 0 else ""
    ps = "".join(f"<p>{s}</p>" for s in paragraphs)
    return (f"<section class='PageSection_Section__1HC_2'><div class='PageSection_Inner__1nRuo'><article class='{CLS}'>"
            f"<header class='ImageText_Description__l-wax'>{title}<div class='Richtext_Block__StyGq'>{ps}</div></header>"
            f"<div class='ImageText_Image__x1'><img src='/img/{i}.jpg' alt=''></div></article></div></section>")


def _page() -> str:
    consent = ("<section class='PageSection_Section__1HC_2'><div class='Box'><div>External content</div>"
               "<div>To protect your data we have blocked this embed.</div><button>Agree and load</button></div></section>")
    sections = _part(0, PARTS[0]) + consent + _part(1, PARTS[1]) + _part(2, PARTS[2])
    tags = "<section class='PageSection_Section__1HC_2'><div class='Tags'><h3>Tags</h3><a href='/t/a'>Athletics</a></div></section>"
    return (f"<!DOCTYPE html><html lang='en'><head><title>Sprinters in form | Fjord Games</title></head><body>"
            f"<nav><a href='/'>Home</a><a href='/news'>News</a></nav><main class='BasePageLayout_Main'><div>{sections}{tags}"
            "</div></main><footer><p>Fjord Games 2026. All rights reserved.</p></footer></body></html>")


ALL = [s for part in PARTS for s in part]


def _lines(html: str) -> list[str]:
    return [line for line in extract(html, URL).text.split("\n") if line.strip()]


def test_precision_mode_reads_one_part():
    got = trafilatura.extract(_page(), url=URL, include_comments=False, favor_precision=True) or ""
    assert PARTS[2][0] in got and PARTS[0][0] not in got and PARTS[1][0] not in got, got


def test_every_part_is_read_in_order():
    got = _lines(_page())
    assert [line for line in got if line in ALL] == ALL, got


def test_without_the_stage_one_part_is_read(monkeypatch):
    monkeypatch.setattr(componentarticles, "COMPONENT_ARTICLES", False)
    got = _lines(_page())
    assert PARTS[0][0] not in got and PARTS[1][0] not in got, got


def _renamed(html: str) -> int:
    return componentarticles.unarticle_components(lxml.html.document_fromstring(html))


def test_a_teaser_grid_and_an_archive_page_stay_articles():
    excerpt = "A short excerpt of the story that the card links to, two lines at most in the grid of the page."
    cards = "".join(f"<article class='card'><h3><a href='/news/{i}'>Story {i}</a></h3><p>{excerpt}</p></article>"
                    for i in range(4))
    assert _renamed(f"<html><body><main>{cards}</main></body></html>") == 0
    posts = "".join(f"<div class='wrap'><article class='post'><h2><a href='/p/{i}'>Post {i}</a></h2>"
                    f"<p>{' '.join(ALL)}</p></article></div>" for i in range(3))
    assert _renamed(f"<html><body><main>{posts}</main></body></html>") == 0


def test_one_article_or_two_kinds_stay():
    one = f"<html><body><main><article class='{CLS}'><p>{' '.join(ALL)}</p></article></main></body></html>"
    assert _renamed(one) == 0
    two_kinds = (f"<html><body><main><article class='{CLS}'><p>{' '.join(PARTS[0])}</p></article>"
                 f"<article class='other'><p>{' '.join(PARTS[2])}</p></article></main></body></html>")
    assert _renamed(two_kinds) == 0


def test_a_list_whose_items_carry_titles_stays():
    items = "".join(f"<section><article class='{CLS}'><h2>Tool {i}</h2><p>{' '.join(PARTS[2])}</p>"
                    f"<h4>Cost / License</h4><p>Free, open source</p></article></section>" for i in range(5))
    assert _renamed(f"<html><body><main>{items}</main></body></html>") == 0
