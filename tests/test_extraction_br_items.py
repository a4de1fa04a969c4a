"""List items written as one ``<p>`` cut by ``<br>`` (a linked title above its description:
``<p><a>Title</a><br>Description.</p>``): trafilatura writes each piece as a line, so such a
block is kept when its pieces are consecutive lines, and a dropped one comes back piece by
piece (``gaps.BR_LINES``, issue 11, wq10). Invented sites and text; no benchmark page copied.
"""

from __future__ import annotations

from lxml import html as lxml_html

from archiver.extraction import gaps
from archiver.extraction.gaps import block_lines, block_span, br_pieces, line_positions, restore_gaps
from archiver.extraction.siblings import restore_siblings

ITEMS = [
    ("The Heron Kettle by Lakeside Works", "A stovetop kettle with a whistle you can hear from the garden, "
     "and a handle that stays cool even on the largest ring."),
    ("The Otter Teapot by Millbrook Clay", "Thrown by hand in stoneware, it pours without a drip and keeps "
     "four cups warm for the length of a long conversation."),
    ("The Badger Grinder by North Fell", "Its ceramic burrs are set by a ring of twelve clicks, from "
     "coarse enough for a cafetiere to fine enough for a moka pot."),
    ("The Wren Scale by Tiller & Co", "A pocket scale that weighs to a tenth of a gram and times the pour, "
     "powered by two coin cells that last a year."),
]
INTRO = ("These are the four pieces of kitchen kit our readers asked about most this winter, each "
         "one used every morning for a month before we wrote a word about it.")
OUTRO = ("Prices change often, so check the maker's own shop before you buy, and tell us which one "
         "earned a place on your counter.")


def item(title: str, text: str) -> str:
    return f"<p><a href='https://makers.example/{len(title)}'>{title}</a><br>{text}</p>"


def cards_page():
    """A list article built of page-builder blocks: each item its own text block between image blocks."""
    blocks = "".join(
        "<div class='block image-block'><figure><img src='/i.jpg' alt=''></figure></div>"
        f"<div class='block html-block'><div class='block-content'><div class='text-content'>{item(t, d)}"
        "</div></div></div>" for t, d in ITEMS)
    return lxml_html.fromstring(
        f"<html><body><div class='page'><div class='block html-block'><div class='block-content'>"
        f"<div class='text-content'><p>{INTRO}</p></div></div></div>{blocks}"
        f"<div class='block html-block'><div class='block-content'><div class='text-content'><p>{OUTRO}</p>"
        "</div></div></div></div></body></html>")


def plain_page():
    """The same items as plain paragraphs of one body container."""
    return lxml_html.fromstring(
        f"<html><body><div class='entry'><p>{INTRO}</p>{''.join(item(t, d) for t, d in ITEMS)}"
        f"<p>{OUTRO}</p></div></body></html>")


def output(skip: int) -> list[str]:
    """trafilatura's lines for the page with item ``skip`` dropped: a title and its text a line each."""
    lines = [INTRO]
    for i, (title, text) in enumerate(ITEMS):
        if i != skip:
            lines += [title, text]
    return [*lines, OUTRO]


def test_pieces_follow_the_br_elements_in_document_order():
    el = lxml_html.fromstring("<p><a href='/x'>Heron <b>Kettle</b></a> by Lakeside<br>"
                              "Loud <i>whistle</i>,<!-- note --> cool handle.<br><br>Last line</p>")
    assert br_pieces(el) == ("Heron Kettle by Lakeside", "Loud whistle, cool handle.", "Last line")
    assert block_lines(el, "ignored") == list(br_pieces(el))
    plain = lxml_html.fromstring("<p>One line only.</p>")
    assert block_lines(plain, "One line only.") == ["One line only."]


def test_a_block_cut_by_br_is_kept_when_its_pieces_are_consecutive_lines():
    lines = output(skip=-1)
    position = line_positions(lines)
    root = plain_page()
    blocks = root.findall(".//p")[1:5]
    assert block_span(blocks[0], "x", lines, position) == (1, 2)
    assert block_span(blocks[3], "x", lines, position) == (7, 8)
    shuffled = [lines[0], lines[2], lines[1], *lines[3:]]  # the pieces out of order: not this block
    assert block_span(blocks[0], "x", shuffled, line_positions(shuffled)) is None


def test_a_dropped_item_between_kept_items_comes_back_as_its_lines():
    lines = output(skip=2)
    out = restore_gaps(plain_page(), lines)
    assert out == output(skip=-1)


def test_a_dropped_item_of_a_repeated_block_structure_comes_back_as_its_lines():
    lines = output(skip=1)
    out = restore_siblings(cards_page(), restore_gaps(cards_page(), lines))
    assert out == output(skip=-1)


def test_without_br_lines_the_items_stay_out(monkeypatch):
    monkeypatch.setattr(gaps, "BR_LINES", False)
    lines = output(skip=2)
    assert restore_gaps(plain_page(), lines) == lines
    lines = output(skip=1)
    assert restore_siblings(cards_page(), restore_gaps(cards_page(), lines)) == lines


def test_a_dropped_block_cut_by_br_that_is_no_body_text_stays_out():
    # a link line under a short label: over half its text is links, as before
    root = lxml_html.fromstring(
        f"<html><body><div class='entry'><p>{INTRO}</p>"
        "<p>Shop: <a href='/a'>Heron Kettle at Lakeside Works</a><br><a href='/b'>Otter Teapot at Millbrook</a></p>"
        f"<p>{OUTRO}</p></div></body></html>")
    assert restore_gaps(root, [INTRO, OUTRO]) == [INTRO, OUTRO]


def test_an_item_whose_text_is_followed_by_a_link_line_reads_as_its_text(monkeypatch):
    # "<h2>Title</h2><p>Description.<br><a>Review</a> | <a>Shop</a></p>": the block ends in links,
    # its longest piece is the sentence it is judged by
    rows = "".join(f"<div class='row'><h2>{i + 1}. {t}</h2><p>{d}<br><a href='#r{i}'>Our review</a> | "
                   f"<a href='/go/{i}'>Visit the shop</a></p></div>" for i, (t, d) in enumerate(ITEMS))
    root = lxml_html.fromstring(f"<html><body><div class='list'><p>{INTRO}</p>{rows}<p>{OUTRO}</p></div></body></html>")
    every = [INTRO]
    for i, (title, text) in enumerate(ITEMS):
        every += [f"{i + 1}. {title}", text, "Our review | Visit the shop"]
    every.append(OUTRO)
    lines = [*every[:4], *every[7:]]  # the second item dropped: its title, its text and its links
    assert restore_gaps(root, lines) == every
    monkeypatch.setattr(gaps, "BR_LINES", False)
    assert restore_gaps(root, lines) == lines
