"""Two standfirst faults, each on a small page written here (invented site and text).

- The body's first paragraph repeats the standfirst's first sentence and goes on
  otherwise: the standfirst's second sentence is still missing, so it is put back.
- A breadcrumb trail ends in an ``<h1>`` repeating the title and the headline itself
  is an ``<h2>`` (styled as the page's headline): the headline is the ``<h2>``, and the
  standfirst after it is found.
"""

from __future__ import annotations

from archiver.extraction import extract
from archiver.extraction.dom import find_headline, parse
from archiver.extraction.standfirst import held_share, restore_standfirst

URL = "https://www.upland-chronicle.example/valley/2026/reservoir-levels"
TITLE = "Reservoir levels fall to a ten-year low after the dry autumn"
LEAD_1 = "The valley's two reservoirs hold less water than at any time in the past ten years."
LEAD_2 = "The water board has asked households to save water until the winter rain comes."
BODY = [LEAD_1 + " Engineers measured both dams on Monday and found the upper lake four metres down.",
        *[f"Paragraph {i}: the board will meet farmers and the angling club next week to agree how much "
          f"water may be drawn from the river before the reservoirs recover in the spring." for i in range(5)]]


def test_a_standfirst_whose_first_sentence_the_body_repeats_is_put_back():
    assert held_share(f"{LEAD_1} {LEAD_2}", "\n".join(BODY)) < 0.6
    assert restore_standfirst(BODY, f"{LEAD_1} {LEAD_2}", held=1.0)[0] == f"{LEAD_1} {LEAD_2}"
    assert restore_standfirst([f"{LEAD_1} {LEAD_2}", *BODY], f"{LEAD_1} {LEAD_2}", held=1.0)[0] == f"{LEAD_1} {LEAD_2}"
    assert len(restore_standfirst([f"{LEAD_1} {LEAD_2}", *BODY], f"{LEAD_1} {LEAD_2}", held=1.0)) == len(BODY) + 1


def page(headline_tag: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<html><head><title>{TITLE} | Upland Chronicle</title></head><body>
    <ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/valley">Valley</a></li>
    <li class="breadcrumb-item"><h1>{TITLE}</h1></li></ul>
    <div class="ad-banner">Advertisement</div>
    <article><div class="article-head"><{headline_tag} class="headline-title">Drought: {TITLE}</{headline_tag}>
    <div class="article-intro"><p>{LEAD_1} {LEAD_2}</p></div></div>
    <div class="article-body">{body}</div></article>
    <footer><p>Upland Chronicle. All rights reserved.</p></footer></body></html>"""


def test_the_headline_is_the_h2_when_the_only_title_h1_is_a_breadcrumb_item():
    root = parse(page("h2"))
    found = find_headline(root, TITLE)
    assert found is not None and found.tag == "h2"
    root = parse(page("div"))  # no heading outside the breadcrumb: its <h1> is still better than none
    found = find_headline(root, TITLE)
    assert found is not None and found.tag == "h1"


def test_the_standfirst_under_an_h2_headline_and_after_a_repeating_body_is_in_the_text():
    got = extract(page("h2"), URL)
    assert got.paragraphs[0] == f"{LEAD_1} {LEAD_2}", got.paragraphs[:2]
    assert list(got.paragraphs[1:1 + len(BODY)]) == BODY
    assert not any(p == "Home" or "All rights reserved" in p for p in got.paragraphs)
