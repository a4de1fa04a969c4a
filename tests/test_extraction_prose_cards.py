"""A product round-up whose items are cards named like widgets: ``<div class="c-item-widget">`` with the
item's name, a spec list and two or three paragraphs of review each, one card after another in the article.
trafilatura deletes elements whose class reads as furniture (``widget`` is one of its words), so every
card went and the round-up came out as its introduction and closing paragraph. Now a run of three or more
sibling cards of one class that each hold two sentence paragraphs side by side, no paragraph repeated
across cards, lose their names, and so do the parts inside them on the way to the prose
(``prosecards.py``, switch ``stage:prose-cards``). A teaser grid (one excerpt a card) and an embed's consent
box repeated in every card stay as they were. Invented site and text."""
from __future__ import annotations

from storykit import Newsroom

from archiver.extraction import prosecards

SITE = Newsroom("https://www.tallow-bench.example/2026/12/best-kettles", "The best kettles we tested this winter",
                "Tallow Bench", "Mira Oakes", "12 Forge Street",
                "Paragraph {i} of the guide explains how the kettles were tested over six weeks in a shared "
                "kitchen, and what mattered most to the people who used them every day.")

ITEMS = [
    ("Brightwell K2", ["The Brightwell K2 boiled a full litre in just under three minutes in every one of our runs.",
                       "Its lid opens wide enough to clean by hand, and the water window is easy to read from the side.",
                       "The only complaint from testers was a handle that grows warm after a second boil in a row."]),
    ("Corran Slim", ["The Corran Slim is the quietest kettle we tried, a low hum instead of the usual roar at the end.",
                     "It keeps water hot for twenty minutes after the boil, which made the morning tea round easier."]),
    ("Dunmore Classic", ["The Dunmore Classic looks like a kettle from a railway station and pours just as steadily too.",
                         "It is heavy when full, so testers with weaker wrists preferred the lighter models on this list.",
                         "The steel body showed no marks at all after six weeks of daily use in our shared kitchen."]),
]

CARD = ("<div class='c-item-widget c-item-widget--big'><div class='c-item-widget__head'>"
        "<div class='c-item-widget__name'>{name}</div></div><div class='c-item-widget__content'>"
        "<ul><li><strong>Capacity</strong>: 1.7 litres</li><li><strong>Power</strong>: 3 kW</li></ul>{ps}"
        "<p><em>Read our full <a href='/reviews/{slug}'>{name} review</a>.</em></p></div></div>"
        "<div class='clearfix'></div>")


def _roundup(card: str = CARD, items=ITEMS) -> str:
    cards = "".join(card.format(name=name, slug=name.lower().replace(" ", "-"),
                                ps="".join(f"<p>{s}</p>" for s in review)) for name, review in items)
    return SITE.page(SITE.ps(0, 1, 2) + cards + SITE.ps(3, 4))


def test_bare_trafilatura_drops_every_card():
    got = " ".join(SITE.bare(_roundup()))
    assert ITEMS[0][1][0] not in got and SITE.sentences[0] in got, got


def test_every_cards_review_is_kept_in_order():
    got = SITE.paragraphs(_roundup())
    reviews = [s for _name, review in ITEMS for s in review]
    assert all(s in got for s in reviews), got
    assert [got.index(s) for s in reviews] == sorted(got.index(s) for s in reviews)
    assert got.index(SITE.sentences[2]) < got.index(reviews[0]) < got.index(reviews[-1]) < got.index(SITE.sentences[3])


def test_without_the_stage_the_cards_go(monkeypatch):
    monkeypatch.setattr(prosecards, "UNNAME_CARDS", False)
    got = SITE.paragraphs(_roundup())
    assert not any(s in got for _name, review in ITEMS for s in review), got


def test_a_teaser_grid_with_one_excerpt_a_card_stays_out():
    teaser = ("<div class='related-widget'><h3><a href='/{slug}'>{name}</a></h3>{ps}"
              "<a href='/{slug}'>Read more</a></div>")
    items = [(name, review[:1]) for name, review in ITEMS]
    got = SITE.paragraphs(_roundup(teaser, items))
    assert not any(review[0] in got for _name, review in items), got


def test_an_embed_consent_box_in_every_card_stays_out():
    consent = ("Recommended editorial content appears here from an external platform, which you can show with one click.",
               "I agree that external content is shown to me, and that personal data may be sent to third-party platforms.")
    box = "<div class='embed-widget'><div class='embed-widget__text'>{ps}</div></div>"
    items = [(name, list(consent)) for name, _review in ITEMS]
    got = SITE.paragraphs(_roundup(box, items))
    assert not any(s in got for s in consent), got
