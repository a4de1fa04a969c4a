"""A header test that climbs to the page's root: ``<html class="sticky-header">`` (a theme's state class on the
root element) makes every element "in a header", and ``sitetitle.tagline_pieces`` asked the root's parent, None,
whether it was one (AttributeError: the page's extraction failed). Found reading the session-37 change."""

from __future__ import annotations

import lxml.html

from archiver.extraction import extract
from archiver.extraction.sitetitle import tagline_pieces

URL = "https://www.kilrush-herald.example/2026/12/ferry-slip"
BODY = [f"The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
        "inspected the stones loosened by the January gales." for i in range(8)]


def _page(root_class: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (f'<html class="{root_class}"><head><title>Ferry slip to close - Kilrush Herald - News from the west'
            '</title></head><body><div class="site-header"><h1>Kilrush Herald</h1><p>News from the west</p></div>'
            f'<article><h2>Ferry slip to close</h2>{paragraphs}</article></body></html>')


def test_tagline_pieces_answers_when_the_root_itself_is_classed_a_header():
    doc = lxml.html.fromstring(_page("sticky-header"))
    assert tagline_pieces(["Kilrush Herald", "News from the west"], "Kilrush Herald", doc.find(".//h1")) is True
    assert tagline_pieces(["Kilrush Herald", "Weather and tides"], "Kilrush Herald", doc.find(".//h1")) is False


def test_a_page_whose_root_is_classed_a_header_is_extracted_whole():
    for root_class in ("sticky-header", "has-navbar", ""):
        result = extract(_page(root_class), URL)
        assert list(result.paragraphs)[-len(BODY):] == BODY, root_class
