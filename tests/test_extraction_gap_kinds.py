"""Body blocks precision mode drops between two kept lines (issue 11, seventh session): a
heading alone in a ``<header>``, a heading whose text is a permalink anchor or a link to the
item it names on another site, and a body list (its plain items); kept list items are gap
neighbours. Invented sites and text; no benchmark page copied.
"""

from __future__ import annotations

from lxml import html as lxml_html

from archiver.extraction import extract
from archiver.extraction.gaps import line_keys, list_item, restore_gaps
from archiver.extraction.headings import alone_in_header, linked_heading, same_site

URL = "https://www.marsh-lane-cycling.example/guides/choosing-a-commuter-bike"
TITLE = "Choosing a commuter bike for a hilly town"


def paragraphs(prefix: str, n: int) -> list[str]:
    return [f"{prefix} paragraph {i} weighs gearing, weight and mudguards against the climb up Quarry "
            f"Hill that every rider in Marsh Lane faces twice a day, point {i} of the guide."
            for i in range(n)]


def page(body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Marsh Lane Cycling</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            "<div class='topbar'><a href='/'>Marsh Lane Cycling</a></div>"
            f"<main><article><h1>{TITLE}</h1>{body}</article></main>"
            "<div class='bottom'><p>Marsh Lane Cycling, a club for riders of the valley.</p></div></body></html>")


def ps(lines: list[str]) -> str:
    return "".join(f"<p>{s}</p>" for s in lines)


def test_a_section_heading_alone_in_a_header_is_kept():
    first, second, third = paragraphs("Gearing", 3), paragraphs("Weight", 3), paragraphs("Mudguards", 3)
    html = page(f"{ps(first)}<header><h2 class='section-title'>Why weight matters on Quarry Hill</h2></header>"
                f"{ps(second)}<header><h2 class='section-title'>Mudguards for the wet months</h2></header>"
                f"{ps(third)}")
    text = extract(html, URL).text
    assert "Why weight matters on Quarry Hill" in text
    assert "Mudguards for the wet months" in text
    assert text.index(first[-1]) < text.index("Why weight matters") < text.index(second[0])


def test_a_header_holding_more_than_the_heading_is_not_taken_for_one():
    tree = lxml_html.fromstring("<div><header><h2>Ride report</h2><p>By Ann Lowe, 3 May</p></header>"
                                "<header><h3>Only a heading</h3></header></div>")
    first, second = tree.findall(".//header")
    assert not alone_in_header(first, "Ride report")
    assert alone_in_header(second, "Only a heading")


def _gap_page(heading: str, first: list[str], second: list[str]):
    return lxml_html.fromstring(f"<html><body><div class='entry'>{ps(first)}{heading}{ps(second)}</div></body></html>")


def test_a_linked_heading_between_kept_lines_comes_back_unless_it_leads_to_the_same_site():
    # what trafilatura's precision mode left of the page (it deletes linked headings):
    # the paragraphs, as consecutive lines; restore_gaps puts the heading back between them
    first, second = paragraphs("Tyres", 2), paragraphs("Lights", 2)
    host = "www.marsh-lane-cycling.example"
    lines = [*first, *second]
    for heading, back in [
        ("<h3 id='lights'><a href='#lights'>Lights for winter evenings</a></h3>", True),  # permalink anchor
        ("<h3><a href='https://www.fellside-frames.example/tourer'>Fellside Tourer 2</a></h3>", True),  # the item
        ("<h3><a href='/guides/winter-gloves'>Winter gloves for the commute</a></h3>", False),  # a teaser
        ("<h3><a href='https://marsh-lane-cycling.example/shop'>Shop our winter range</a></h3>", False),
    ]:
        out = restore_gaps(_gap_page(heading, first, second), lines, host=host)
        text = lxml_html.fromstring(heading).text_content()
        assert (out == [*first, text, *second]) is back, heading
        if not back:
            assert out == lines


def test_linked_heading_and_same_site():
    def h(inner: str):
        return lxml_html.fromstring(f"<h3>{inner}</h3>")
    host = "www.marsh-lane-cycling.example"
    assert linked_heading(h("<a href='#x'>Anchor</a>"), host)
    assert linked_heading(h("<a href='https://other.example/a'>Elsewhere</a>"), host)
    assert not linked_heading(h("<a href='https://marsh-lane-cycling.example/b'>Same site</a>"), host)
    assert not linked_heading(h("<a href='/b'>Relative</a>"), host)
    assert not linked_heading(h("<a>No target</a>"), host)
    assert not linked_heading(h("<a href='javascript:void(0)'>Script</a>"), host)
    assert not linked_heading(h("No link"), host)
    assert same_site("#top", host) is None
    assert same_site("mailto:a@b.example", host) is None
    assert same_site("//www.marsh-lane-cycling.example/x", host) is True


def test_a_body_list_precision_mode_dropped_comes_back_between_kept_paragraphs():
    # what precision mode left of the page: the paragraphs as consecutive lines, the list gone
    first, second = paragraphs("Commute", 2), paragraphs("Storage", 2)
    items = ["<strong>Gearing</strong> – a wide range for Quarry Hill and the valley road",
             "<strong>Weight</strong> – under fourteen kilos so it goes up the <a href='/stairs'>stairs</a>",
             "<strong>Mudguards</strong> – full length ones that keep the spray off your trousers"]
    tree = lxml_html.fromstring(f"<html><body><div class='entry'>{ps(first)}<h5>What to look for</h5>"
                                f"<ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>{ps(second)}</div></body></html>")
    plain = [" ".join(lxml_html.fromstring(f"<li>{i}</li>").text_content().split()) for i in items]
    out = restore_gaps(tree, [*first, *second], host="www.marsh-lane-cycling.example")
    assert out == [*first, "What to look for", *(f"- {item}" for item in plain), *second]


def test_kept_list_items_are_neighbours_of_a_gap():
    # trafilatura kept the list (its lines start "- ") and dropped the subheading after it
    items = paragraphs("Item", 2)
    after = paragraphs("After", 1)
    tree = lxml_html.fromstring(f"<html><body><div class='entry'><ul>{''.join(f'<li>{i}</li>' for i in items)}"
                                f"</ul><header><h3>Where to park it</h3></header>{ps(after)}</div></body></html>")
    lines = [f"- {i}" for i in items] + after
    assert restore_gaps(tree, lines) == [*lines[:2], "Where to park it", *after]


def test_a_link_list_or_a_list_of_blocks_between_kept_paragraphs_stays_out():
    first, second = paragraphs("Route", 2), paragraphs("Parking", 2)
    links = "".join(f"<li><a href='/guides/route-{i}'>Our guide to riding the valley route number {i}</a></li>"
                    for i in range(4))
    nested = "<li>Gearing for the hill climbs<ul><li>a wide range of gears</li></ul></li>"
    for inside in (links, nested):
        tree = lxml_html.fromstring(f"<html><body><div class='entry'>{ps(first)}<ul>{inside}</ul>{ps(second)}"
                                    "</div></body></html>")
        assert restore_gaps(tree, [*first, *second]) == [*first, *second]


def test_a_list_item_with_blocks_inside_or_a_few_words_is_not_put_back():
    tree = lxml_html.fromstring("<ul><li>Gearing for the hill<ul><li>inner item of five words</li></ul></li>"
                                "<li>Too short here</li><li>A plain item with <b>six</b> words in it</li></ul>")
    outer, inner, short, plain = tree.findall(".//li")
    assert not list_item(outer, " ".join(outer.text_content().split()))
    assert not list_item(short, "Too short here")
    assert list_item(plain, "A plain item with six words in it")
    assert line_keys("- A plain item") == ("- A plain item", "A plain item")
    assert line_keys("A line") == ("A line",)


def test_a_short_list_a_sentence_introduces_comes_back_with_the_sentence():
    # "... including:" and a list of one-word items: both dropped, between two kept paragraphs
    first, second = paragraphs("Kit", 2), paragraphs("Spares", 2)
    intro = "Riders who commute all winter carry a few spares on every ride, including:"
    items = ["an inner tube", "tyre levers", "a <b>mini</b> pump"]
    tree = lxml_html.fromstring(f"<html><body><div class='entry'>{ps(first)}<p>{intro}</p>"
                                f"<ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>{ps(second)}</div></body></html>")
    out = restore_gaps(tree, [*first, *second])
    assert out == [*first, intro, "- an inner tube", "- tyre levers", "- a mini pump", *second]
    # the sentence kept, its list dropped: the items come back after it
    out = restore_gaps(tree, [*first, intro, *second])
    assert out == [*first, intro, "- an inner tube", "- tyre levers", "- a mini pump", *second]


def test_short_items_without_an_introducing_sentence_stay_out():
    first, second = paragraphs("Kit", 2), paragraphs("Spares", 2)
    tree = lxml_html.fromstring(f"<html><body><div class='entry'>{ps(first)}<ul><li>Share</li><li>Print</li>"
                                f"</ul>{ps(second)}</div></body></html>")
    assert restore_gaps(tree, [*first, *second]) == [*first, *second]
