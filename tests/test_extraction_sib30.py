"""Stage 1b: a body written as one text module per paragraph or two, between image modules.

A CMS's page builder lays an article out as a column of modules: a text module (its
title, then one or two paragraphs), an image module, the next text module, an ad, ...
Only the first text module holds two long paragraphs; each later one holds one.
trafilatura keeps the first module and drops the rest (when the first holds ~700 characters,
as here; with a short first module it reads them all); the chunk merge (``chunks.py``)
must fold the later modules in, each with its own title, in page order.
"""

from __future__ import annotations

import archiver.extraction.chunks as chunks
from archiver.extraction import extract
from archiver.extraction.chunks import merge_split_body
from archiver.extraction.dom import parse

PARAGRAPHS = [
    "The new boathouse on the north shore of the lake replaces a timber shed that had stood since 1958 "
    "and had long been too small for the rowing club's forty boats. The club had talked about a new "
    "building for twenty years, and it took a legacy from a former member, a bequest of the whole of "
    "her savings, and a loan from the village bank to pay for the design competition and the works.",
    "Its architects kept the old shed's low roof line, so that from the water the building reads as "
    "part of the shore rather than as a new object set down in front of the trees. The walls are clad "
    "in larch boards that will turn grey within a few winters, like the boathouses of the fishermen "
    "further along the shore, and the concrete base is cast in the colour of the gravel beach.",
    "Inside, the boats rest on steel racks along both long walls, and a wide central aisle leads from "
    "the land door straight down to the slipway and the water. The racks can be moved, so that the "
    "club can rearrange the hall for regattas, when visiting crews need room to rig their boats, and "
    "for the winter, when the smaller boats are stored on top.",
    "The upper floor holds changing rooms, a small gym for winter training and a club room whose "
    "window runs the full width of the building and looks out over the finish line. On regatta days "
    "the room serves as the timekeepers' office and the club's kitchen feeds the crews from a hatch "
    "that opens onto the terrace above the slipway.",
    "Heating comes from a heat pump drawing on the lake water, and the roof carries enough solar "
    "panels to cover the building's needs for most of the rowing season. In the dark months the club "
    "buys power from the village's cooperative, which runs two small turbines on the ridge above the "
    "lake and sells to its members at cost.",
    "The club expects to open the boathouse to schools from the spring, with training sessions on "
    "weekday mornings and an open day for the village at the start of May. Two coaches will be paid "
    "from a grant of the regional sports council, and the club hopes to double its junior section "
    "within three years of the opening.",
]
TITLES = ["Room for forty boats", "A club room above the water", "Heat from the lake", "Open to schools"]


def _text_module(number: int, title: str | None, paragraphs: list[str]) -> str:
    heading = f"<div class='text-item text-heading'><h2>{title}</h2></div>" if title else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<div class='module module-text' id='m{number}'><div class='text-content'>{heading}"
            f"<div class='text-item text-body'>{body}</div>"
            f"<div class='text-item text-side'><div class='ad-slot'></div></div></div></div>")


def _image_module(number: int) -> str:
    return (f"<div class='module module-image' id='i{number}'><img src='/p{number}.jpg' alt=''>"
            f"<div class='img-caption'>Photo {number}: J. Lake</div></div>")


def module_page() -> str:
    modules = [_text_module(0, None, PARAGRAPHS[:2]), _image_module(0)]
    for i, (title, paragraph) in enumerate(zip(TITLES, PARAGRAPHS[2:], strict=True), 1):
        modules += [_text_module(i, title, [paragraph]), _image_module(i)]
    return f"""<html><head><title>A boathouse on the lake</title></head><body>
      <header class="site-header"><a href="/">Lake Architecture</a></header>
      <div class="content-area"><div class="primary-inner">
        <div class="article-header"><h1>A boathouse on the lake</h1><span class="date">4 December 2026</span></div>
        {''.join(modules)}
        <footer class="article-footer"><a href="/prev">Previous article</a> <a href="/next">Next article</a></footer>
      </div></div></body></html>"""


def test_later_text_modules_are_merged_with_their_titles_in_page_order():
    root = parse(module_page())
    assert merge_split_body(root) == 4
    first = root.xpath("//div[@class='text-item text-body']")[0]
    lines = [el.text_content()[:20] for el in first.iter("p", "h2")]
    expected = [PARAGRAPHS[0][:20], PARAGRAPHS[1][:20]]
    for title, paragraph in zip(TITLES, PARAGRAPHS[2:], strict=True):
        expected += [title[:20], paragraph[:20]]
    assert lines == expected


def test_the_article_keeps_every_module_in_page_order():
    text = extract(module_page(), "https://example.org/boathouse").text
    at = [text.find(p[:50]) for p in PARAGRAPHS]
    assert -1 not in at, text
    assert at == sorted(at)
    for title, paragraph in zip(TITLES, PARAGRAPHS[2:], strict=True):
        assert text.index(title) < text.index(paragraph[:50])


def test_a_short_closing_blurb_and_linked_teasers_stay_where_they_are(monkeypatch):
    # after the body: a short closing module ("read next: ...") and modules titled by a link to
    # another post (a feed of teasers) are not the article's modules
    blurb = ("Not a boathouse but a ferry station is the next project: read more about it in our "
             "feature on the lake's new landing stage.")
    teaser = ("<div class='module module-text'><div class='text-content'><div class='text-item text-heading'>"
              "<h2><a href='/ferry'>A landing stage for the ferry</a></h2></div><div class='text-item text-body'>"
              f"<p>{PARAGRAPHS[3]}</p></div></div></div>")
    page = module_page().replace("<footer", _text_module(9, None, [blurb]) + "<footer")
    root = parse(page)
    assert merge_split_body(root) == 4
    assert blurb[:20] not in [p.text_content()[:20] for p in root.xpath("//div[@class='text-item text-body']")[0]]
    root = parse(module_page().replace("<footer", teaser + "<footer"))
    assert merge_split_body(root) == 4  # the article's modules; the teaser stays where it is
    assert root.xpath("//h2/a[@href='/ferry']/../../following-sibling::div[@class='text-item text-body']/p")
    monkeypatch.setattr(chunks, "_linked_title", lambda other, common: False)  # the guard off
    assert merge_split_body(parse(module_page().replace("<footer", teaser + "<footer"))) == 5
    monkeypatch.setattr(chunks, "CARD_CHARS", 0)  # and the short-end guard off: the blurb goes in too
    assert merge_split_body(parse(page)) == 5


def test_one_long_paragraph_each_is_not_enough_without_a_first_chunk():
    # the later modules alone (no first chunk of two long paragraphs) are no split body:
    # a list of teasers, one blurb each, reads the same
    root = parse(module_page().replace(f"<p>{PARAGRAPHS[1]}</p>", ""))
    assert merge_split_body(root) == 0


def test_titles_in_every_gap_count_as_structure_when_not_the_modules_own(monkeypatch):
    # the same headings standing alone between the modules (not inside the next module) still
    # mark a structured body: no merge
    page = module_page()
    for title in TITLES:
        page = page.replace(f"<div class='text-item text-heading'><h2>{title}</h2></div>", "")
    for i, title in enumerate(TITLES, 1):
        at = f"<div class='module module-text' id='m{i}'>"
        page = page.replace(at, f"<h2>{title}</h2>{at}")
    assert merge_split_body(parse(page)) == 0
    monkeypatch.setattr(chunks, "_STRUCTURE", frozenset(("table",)))
    assert merge_split_body(parse(page)) == 4
