"""Page order: a block nested in a block with the same text is one place in the page (held2).

Found on a held-out page (webarticle2text's fixtures, a Reuters story of 2017): the lead
paragraph, a ``<p>`` in a ``<span>``, became a ``<p>`` inside a ``<p>`` after the markup repairs,
so its text was the text of two blocks and had no place; it went with the related-story teaser
trafilatura had read before it, and the page-order stage moved both after the whole body. The same
holds for every list item written ``<li><p>..</p></li>``. Invented text.
"""

from __future__ import annotations

import lxml.html

from archiver.extraction import pageorder
from archiver.extraction.gaps import block_texts

LEAD = "The harbour board agreed on Monday to sell the old pilot station to the town for one pound."
BODY = ["The station has stood empty since the pilots moved to the new quay in 2019, and its roof leaks.",
        "The town plans to open it as a museum of the harbour next summer, with a cafe on the ground floor.",
        "Work on the roof starts in March, the board said, and will be paid for by a grant from the county."]
TEASER = ["Ferry fares rise again", "The ferry company said on Friday that fares would go up by five percent."]


def tree(lead_markup: str, wrap: str | None = None):
    """The page; ``wrap``: the tag of a block put around the lead's ``<p>`` (as a repair does; the
    parser never nests a ``<p>`` in a ``<p>`` itself)."""
    root = lxml.html.document_fromstring(
        f"<html><body><div class='story'>{lead_markup}" + "".join(f"<p>{t}</p>" for t in BODY)
        + f"</div><div class='next'><h3>{TEASER[0]}</h3><p>{TEASER[1]}</p></div></body></html>")
    if wrap:
        lead = next(p for p in root.iter("p") if p.text_content() == LEAD)
        outer = lxml.html.Element(wrap)
        lead.addprevious(outer)
        outer.append(lead)
    return root


READ = [*TEASER, LEAD, *BODY]  # as trafilatura read it: the teaser first
WANTED = [LEAD, *BODY, *TEASER]  # page order


def test_a_lead_nested_in_a_block_of_its_text_keeps_its_place():
    for wrap in ("p", "li"):
        root = tree(f"<p>{LEAD}</p>", wrap)
        blocks = block_texts(root)
        assert sum(text == LEAD for _, text in blocks) == 2  # two blocks, one place
        assert pageorder.restore_page_order(READ, blocks, root) == WANTED


def test_the_same_text_in_two_places_still_has_no_place():
    root = tree(f"<p>{LEAD}</p><blockquote><p>{LEAD}</p></blockquote>")  # twice, side by side: not nested
    assert pageorder.restore_page_order(READ, block_texts(root), root) == [*BODY, *TEASER, LEAD]  # as before


def test_without_the_fix_the_lead_goes_after_the_body(monkeypatch):
    monkeypatch.setattr(pageorder, "NESTED_TWINS", False)
    root = tree(f"<p>{LEAD}</p>", "p")
    assert pageorder.restore_page_order(READ, block_texts(root), root) == [*BODY, *TEASER, LEAD]
