"""Item titles of a list article that link to the site's own page for the item (issue 11,
tenth session): ``<h3><a href="/reviews/...">Name</a></h3>`` above each item's text.
trafilatura's precision mode deletes such headings by link density, and ``gaps`` refused
every heading linking to another page of the same site as a teaser. A heading alone in its
gap, one of several linked headings of its tag among its siblings, reading as no sentence
and holding no colon, is an item's title and comes back (``headings.ITEM_TITLES``); a lone
one stays a teaser. Invented site and text; no benchmark page copied.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from archiver.extraction import extract, gaps, headings
from archiver.extraction.gaps import restore_gaps

URL = "https://www.tarnbeck-kitchen.example/guides/best-hand-grinders"
HOST = "www.tarnbeck-kitchen.example"
TITLE = "The best hand coffee grinders we tested this winter"
ITEMS = ["Kettleby Mill 2", "Ormside Burr Classic", "Fellgate Pocket", "Wastwater Pro"]


def _item_text(name: str, i: int) -> list[str]:
    return [f"The {name} ground twenty doses of the same light roast in our kitchen trials, and its "
            f"burrs held their setting from the first cup to the last without drifting at all, test {i}.",
            f"We liked how the {name} felt in the hand on cold mornings, though the crank of sample {i} "
            "needed a firm grip once the hopper was full of dark, oily beans from the local roaster."]


def _page(series: bool = True) -> str:
    items = ITEMS if series else ITEMS[:1]
    body = "".join(
        f"<h3><a href='/reviews/{name.lower().replace(' ', '-')}'>{name}</a></h3>"
        + "".join(f"<p>{t}</p>" for t in _item_text(name, i))
        for i, name in enumerate(items))
    intro = ("<p>Every grinder here was bought at full price and used for a month of breakfasts by "
             "three testers, who scored grind size, speed, noise and how easy each one was to clean.</p>"
             "<p>We judged the grind at espresso, filter and cafetiere settings with a sieve set, and "
             "weighed what each grinder held back in its burrs after every single dose we ran.</p>")
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Tarnbeck Kitchen</title></head><body>"
            "<div class='topbar'><a href='/'>Tarnbeck Kitchen</a></div>"
            f"<main><article><h1>{TITLE}</h1><div class='entry-content'>{intro}{body}</div></article></main>"
            "<footer><p>Tarnbeck Kitchen, recipes and kit from the lakes.</p></footer></body></html>")


def test_linked_item_titles_of_a_list_article_come_back_in_place():
    lines = [line for line in extract(_page(), URL).text.splitlines() if line]
    for i, name in enumerate(ITEMS):
        assert name in lines, name
        assert lines.index(name) + 1 == lines.index(_item_text(name, i)[0])  # above its own text


@pytest.fixture
def items_off(monkeypatch):
    monkeypatch.setattr(headings, "ITEM_TITLES", False)


def test_without_the_switch_the_titles_are_lost(items_off):
    lines = [line for line in extract(_page(), URL).text.splitlines() if line]
    assert _item_text(ITEMS[1], 1)[0] in lines
    assert not any(name in lines for name in ITEMS)


def _gap(heading: str, siblings: str = "") -> list[str]:
    first, second = _item_text("Kettleby Mill 2", 0), _item_text("Ormside Burr Classic", 1)
    root = lxml_html.fromstring(
        "<html><body><div class='entry'>" + "".join(f"<p>{t}</p>" for t in first) + heading
        + "".join(f"<p>{t}</p>" for t in second) + siblings + "</div></body></html>")
    return restore_gaps(root, [*first, *second], host=HOST)


def test_a_lone_same_site_heading_is_a_teaser_and_stays_out():
    heading = "<h3><a href='/guides/descaling'>Descaling your kettle</a></h3>"
    assert "Descaling your kettle" not in _gap(heading)
    other = "<h3><a href='/reviews/fellgate-pocket'>Fellgate Pocket</a></h3><p>Our pick for travel, test 9.</p>"
    assert "Descaling your kettle" in _gap(heading, other)


def test_a_label_or_a_sentence_is_no_item_title():
    other = "<h3><a href='/reviews/fellgate-pocket'>Fellgate Pocket</a></h3><p>Our pick for travel, test 9.</p>"
    label = "READ: Descaling your kettle"
    assert label not in _gap(f"<h3><a href='/guides/d'>{label}</a></h3>", other)
    call = "Join our barista course today!"
    assert call not in _gap(f"<h3><a href='/course'>{call}</a></h3>", other)


@pytest.fixture
def whole_line_off(monkeypatch):
    monkeypatch.setattr(gaps, "WHOLE_LINE_TITLES", False)


def _titled_gap() -> tuple[list[str], list[str]]:
    first, second = _item_text("Kettleby Mill 2", 0), _item_text("Ormside Burr Classic", 1)
    root = lxml_html.fromstring(
        "<html><body><div class='entry'>" + "".join(f"<p>{t}</p>" for t in first)
        + "<h2>Ormside Burr Classic</h2>" + "".join(f"<p>{t}</p>" for t in second) + "</div></body></html>")
    return restore_gaps(root, [*first, *second], host=HOST), [*first, "Ormside Burr Classic", *second]


def test_a_subheading_its_section_repeats_is_not_already_there():
    # the section's text names the item ("The Ormside Burr Classic ground ..."): the heading is
    # in the output only as a line of its own, not as words of a sentence
    out, want = _titled_gap()
    assert out == want


def test_without_the_switch_a_repeated_subheading_is_lost(whole_line_off):
    out, want = _titled_gap()
    assert "Ormside Burr Classic" not in out
