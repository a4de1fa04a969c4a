"""A section's last paragraphs that precision mode dropped, when the next kept block opens another part
of the page (a page builder's next row, five levels and more away): ``gaps.FAR_NEXT``.

The kind, from the dev sets (a WCXB page's intro under its key points, a FAQ's later answers, a guide's
budget steps): the block before the gap is close by (same container), the one after is not, so the
plain rule (close to both) never took them. Headings are not taken this way (a far next block after a
heading is as often a promo row as the body). Invented page: the Pellmouth Gazette."""
from __future__ import annotations

from lxml import html as lxml_html

from archiver.extraction import gaps
from archiver.extraction.gaps import restore_gaps

STYLE = ' style="--w-large:100%;--spacing:1.92%"'
INTRO = ("We hear about water quality every summer, but few people know who measures it: in Pellmouth it is two "
         "rowers with a cool box and a borrowed van.")
LEAD_IN = "To understand the numbers, it helps to know how the samples are taken and what the lab looks for."


def row(n: int, inner: str) -> str:
    return (f'<div class="builder-fullwidth builder-row-{n}"{STYLE}><div class="builder-row">'
            f'<div class="builder-column column-{n}"><div class="column-wrapper">'
            f'<div class="builder-text text-{n}">{inner}</div></div></div></div></div>')


def page(tail: str = f"<p>{INTRO}</p><p>{LEAD_IN}</p>"):
    first = ("<h2>Key points</h2><ul><li>Samples are taken every Monday by two volunteers from the rowing club.</li>"
             "<li>The readings are posted on the notice board the following Thursday.</li></ul>" + tail)
    second = ("<h2>How the samples are taken</h2><p>The rowers wade out to knee depth at low tide and fill two "
              "bottles each, one for each lab test.</p>")
    return lxml_html.fromstring(f'<html><body><article><div class="post-content">{row(1, first)}{row(2, second)}'
                                '</div></article></body></html>')


KEPT = ["Key points", "- Samples are taken every Monday by two volunteers from the rowing club.",
        "- The readings are posted on the notice board the following Thursday.",
        "How the samples are taken",
        "The rowers wade out to knee depth at low tide and fill two bottles each, one for each lab test."]


def test_the_section_s_last_paragraphs_come_back_before_the_far_next_row():
    out = restore_gaps(page(), KEPT)
    assert out == [*KEPT[:3], INTRO, LEAD_IN, *KEPT[3:]]


def test_without_far_next_they_stay_out(monkeypatch):
    monkeypatch.setattr(gaps, "FAR_NEXT", False)
    assert restore_gaps(page(), KEPT) == KEPT


def test_a_heading_is_not_taken_across_the_far_gap():
    tail = f"<h3>More from the Gazette</h3><p>{INTRO}</p>"
    out = restore_gaps(page(tail), KEPT)
    assert "More from the Gazette" not in out and INTRO not in out


def test_a_block_far_from_the_kept_block_before_it_is_not_taken():
    points = ("<h2>Key points</h2><ul><li>Samples are taken every Monday by two volunteers from the rowing club.</li>"
              "<li>The readings are posted on the notice board the following Thursday.</li></ul>")
    section = ("<h2>How the samples are taken</h2><p>The rowers wade out to knee depth at low tide and fill two "
               "bottles each, one for each lab test.</p>")
    tree = lxml_html.fromstring(f'<html><body><article><div class="post-content">{row(1, points)}'
                                f'{row(3, f"<p>{INTRO}</p>")}{row(2, section)}</div></article></body></html>')
    assert restore_gaps(tree, KEPT) == KEPT
