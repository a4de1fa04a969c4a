"""The shown headline is the title line on a page whose <body> class names theme features.

``shownhead._furniture`` walked up to ``<body>``; WordPress writes the theme's features into the body's
class list (``wp-custom-logo``, ``has-nav-menu``), which read as a logo or a menu, so every such page's
``<h1>`` counted as furniture and the declared SEO title stayed the title line. On WCXB's 965 article
pages (``bench/title_quality.py``) the title line matched WCXB's title on 565 + 206 pages before and
584 + 211 after (dev + test). Invented site and text.
"""
from __future__ import annotations

import pytest

from archiver.extraction import extract

URL = "https://harbourtown-gazette.example/2025/05/ferry-timetable/"
SHOWN = "Ferry timetable changes leave island commuters waiting an hour"
DECLARED = "New ferry timetable: what commuters need to know | Harbourtown Gazette"
BODY = "".join(f"<p>{s}</p>" for s in (
    "The island ferry will run every ninety minutes from June, the operator said on Tuesday, instead of hourly.",
    "Commuters who take the 7:10 crossing told the council that the change would add an hour to their day.",
    "The operator said the new timetable follows a shortage of crew and would be reviewed in the autumn.",
    "Councillors asked for a meeting with the operator before the change takes effect next month.",
))


def page(body_class: str, h1_wrapper: str = "div") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{DECLARED}</title>"
            f"<meta property='og:title' content='{DECLARED}'></head>"
            f"<body class='{body_class}'><header class='site-header'><a class='custom-logo-link' href='/'>"
            f"Harbourtown Gazette</a><nav class='main-navigation'><a href='/news/'>News</a></nav></header>"
            f"<main><article><{h1_wrapper} class='entry-header'><h1 class='entry-title'>{SHOWN}</h1>"
            f"</{h1_wrapper}><div class='entry-content'>{BODY}</div></article></main></body></html>")


@pytest.mark.parametrize("body_class", [
    "post-template-default single single-post wp-custom-logo has-nav-menu",
    "home page-template wp-embed-responsive theme-menu-enabled logo-left",
    "",
])
def test_the_shown_h1_is_the_title_line_whatever_the_body_class(body_class):
    got = extract(page(body_class), URL)
    assert got.title_line == SHOWN, (got.headline, got.title)
    assert got.title == DECLARED  # the metadata title stays the declared one


def test_an_h1_inside_a_menu_is_still_furniture():
    got = extract(page("single-post", h1_wrapper="nav"), URL)
    assert got.headline is None and SHOWN not in got.title_line
