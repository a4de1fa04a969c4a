"""Old templates: a page laid out in one table, a menu cell beside the story cell, the headline in
``<b>`` (no ``<h1>``), paragraphs cut by ``<br><br>``. trafilatura reads the table as data and writes
one ``| menu | headline story |`` row; with the headline in an ``<h1>`` the table was already read
as the page's shell (``tables.BODY_SHELLS``, https://github.com/adbar/trafilatura/issues/890), and
now a menu cell beside most of the page's text makes it one too (``tables.MENU_SHELLS``).
Invented site and text.
"""

from __future__ import annotations

import lxml.html

from archiver.extraction import brlines, extract, tables

URL = "http://www.riverside-courier.example/2008/11/bridge.html"
STORY = [
    "The council voted on Tuesday night to close the old bridge for repairs that will last until the spring.",
    "Engineers said the steel had rusted through in three places and that heavy lorries could no longer cross.",
    "Shop owners on the east bank worry that customers will not make the long detour through the estate.",
    "The mayor promised a free shuttle bus every twenty minutes while the work goes on, paid from reserves.",
    "A public meeting will be held at the town hall next Thursday, where residents can question the engineers.",
]
MENU = '<td width="150" valign="top"><a href="/">Home</a><br><a href="/news">News</a><br>' \
       '<a href="/sport">Sport</a><br><a href="/weather">Weather</a><br><a href="/contact">Contact us</a></td>'


def _page(story_cell: str, menu: str = MENU) -> str:
    return ("<html><head><title>Bridge to close for repairs - Riverside Courier</title></head><body>"
            "<table width=\"760\" cellpadding=\"4\"><tr>" + menu + "<td valign=\"top\">" + story_cell
            + "</td></tr></table><div class=\"foot\">Copyright 2008 Riverside Courier.</div></body></html>")


def _story_cell(separator: str = "<br><br>") -> str:
    return '<font face="Arial" size="2"><b>Bridge to close for repairs</b><br><br>' + separator.join(STORY) + "</font>"


def test_the_story_beside_a_menu_cell_comes_out_as_paragraphs_without_the_menu():
    result = extract(_page(_story_cell()), URL)
    assert list(result.paragraphs) == STORY
    assert "Weather" not in result.text and "|" not in result.text


def test_without_menu_shells_the_page_is_one_table_row(monkeypatch):
    monkeypatch.setattr(tables, "MENU_SHELLS", False)
    monkeypatch.setattr(tables, "TITLE_SHELLS", False)  # its <b> headline is the <title>'s (old4) too
    monkeypatch.setattr(brlines, "BR_FONTS", False)  # its <font> of <br><br> paragraphs unwraps the rest (old6)
    text = extract(_page(_story_cell()), URL).text
    assert "Weather" in text and "|" in text


def test_a_page_wrapped_whole_in_one_cell_is_left_as_trafilatura_reads_it():
    # no menu cell: a single cell holding the page (an e-text in a centred table) stays as it was read
    lines = STORY[:2] + ['<a href="#n1" class="popup">"I would prefer not to," he said.</a>'] + STORY[2:]
    cell = '<table width="675"><tr><td>' + "<br><br>".join(lines) + "</td></tr></table>"
    html = f"<html><head><title>Notes</title></head><body>{cell}</body></html>"
    found = tables.unwrap_layout_tables(lxml.html.fromstring(html))
    assert found == 0
    assert '"I would prefer not to," he said.' in extract(html, URL).text


def test_a_two_column_table_of_prose_is_not_a_shell():
    # most of the page's text in a table, but no menu cell: a comparison table of the article
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in zip(STORY, reversed(STORY), strict=True))
    html = f"<html><head><title>T</title></head><body><div class=\"post\"><table>{rows}</table></div></body></html>"
    assert tables.unwrap_layout_tables(lxml.html.fromstring(html)) == 0
