"""Sections at the edges of the body. Closing the text and not the article: a "You may also
enjoy" block of teaser cards, an "About the author" box, a disclaimer (paragraph rules with the
``drop-rest`` action). Article text precision mode dropped: a section whose title alone it kept
(``gaps.py`` with ``headed_gaps``). Invented pages and text; each kind has a test that fails
with its rule switched off."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html
from rulekit import without_paragraph_rule

from archiver.extraction import extract
from archiver.extraction.gaps import restore_gaps
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import load_rules, rules_for

GENERIC = rules_for(None)

BODY = [
    "The lighthouse keepers of Varnholm kept a ledger of every ship that passed the cape for ninety years.",
    "Each entry gave the hour, the flag and the weather, written in a hand that changed with every keeper.",
    "When the light was automated in 1961 the ledgers went to the county archive, where nobody read them.",
    "A retired ferry pilot, Maren Solvik, spent four winters copying them into a spreadsheet by hand.",
    "Her tables show that traffic past the cape peaked in 1913 and never came back to that level again.",
    "She has now published the whole series, with notes on the keepers and the ships they named most often.",
]
CARDS = [
    ("Sorting Buttons by Colour", "A quiet afternoon project that turns a tin of odd buttons into a palette for the "
     "next quilt you plan to sew"),
    ("Winter Bread Without a Mixer", "Four loaves we bake every January with nothing but a bowl, a spoon and a cold "
     "kitchen counter to rest on"),
    ("Mending a Favourite Sweater", "How to darn elbows so the patch looks like it was always part of the knit and "
     "lasts another ten winters"),
]


def _page(tail: str, middle: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY[:3]) + middle + "".join(f"<p>{p}</p>" for p in BODY[3:])
    return (f"<html><head><title>The ledgers of Varnholm</title></head><body><div id='wrap'>"
            f"<div class='entry-body'><h1>The ledgers of Varnholm</h1>{paras}{tail}</div></div></body></html>")


def _cards(title: str) -> str:
    items = "".join(f"<div class='tile'><h4>{t}</h4><div class='tile-text'><p>{d}</p></div></div>"
                    for t, d in CARDS)
    return f"<h3>{title}</h3><div class='tiles'>{items}</div>"


def _text(html: str) -> str:
    result = extract(html, "https://ledgers.example/varnholm")
    assert result.error is None
    return result.text


# -- teaser cards closing the text ----------------------------------------------------------


def test_teaser_cards_closing_the_text_go_with_their_title():
    text = _text(_page(_cards("You Might Also Enjoy")))
    assert BODY[-1] in text
    assert "You Might Also Enjoy" not in text
    assert all(t not in text and d not in text for t, d in CARDS)


def test_teaser_cards_stay_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "related-tail")
    text = _text(_page(_cards("You Might Also Enjoy")))
    assert CARDS[0][1] in text  # trafilatura keeps the cards: the rule is what takes them


def test_a_related_box_in_the_middle_takes_no_body_after_it():
    # a "Related stories" title whose links trafilatura dropped, then body sentences: not a closing section
    middle = "<h3>Related Stories</h3><ul><li><a href='/a'>Lamps</a></li><li><a href='/b'>Tides</a></li></ul>"
    text = _text(_page("", middle))
    assert all(p in text for p in BODY)


# -- an author box and a disclaimer ------------------------------------------------------------

AUTHOR = ("<h3>About the Author</h3><p>Ines Farrow, Contributing Editor, Coastal Records Quarterly</p>"
          "<p>Ines Farrow writes about maritime archives and has edited three collections of keepers' letters.</p>")
DISCLAIMER = ("<h4>Disclaimer</h4><p>Nothing in this feature is navigational advice; consult current charts "
              "and notices to mariners before any passage.</p>")


def test_author_box_closing_the_text_goes():
    text = _text(_page(AUTHOR))
    assert BODY[-1] in text
    assert "Ines Farrow" not in text and "About the Author" not in text


def test_author_box_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "author-box-tail")
    assert "Ines Farrow" in _text(_page(AUTHOR))


def test_disclaimer_closing_the_text_goes():
    text = _text(_page(DISCLAIMER))
    assert BODY[-1] in text
    assert "navigational advice" not in text


def test_disclaimer_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "disclaimer-tail")
    assert "navigational advice" in _text(_page(DISCLAIMER))


# -- the drop-rest action itself ---------------------------------------------------------------


def test_drop_rest_only_among_the_last_lines():
    # 40 body lines after the title: far from the end, the rule does not apply
    body = [f"Body paragraph {i} goes on about the cape" for i in range(40)]  # no full stop: card-title-like
    kept, removed = clean_paragraphs(["You may also like", *body], GENERIC)
    assert kept == body  # the title alone goes (another rule, "dont-miss"), nothing after it
    assert [r.rule for r in removed] == ["dont-miss"]


def test_drop_rest_needs_a_card_title_after_its_title():
    lines = [*BODY, "Related posts", "The keepers' letters were kept with the ledgers, the archivist said."]
    kept, removed = clean_paragraphs(lines, GENERIC)
    assert kept[-1] == lines[-1]  # a sentence after the title: body, not a card


def test_drop_rest_records_every_line_it_takes_and_spares_kept_lines():
    lines = [*BODY, "About the author", "Ines Farrow, Contributing Editor",
             "(Reporting by Ines Farrow; Editing by Tom Ash)"]
    kept, removed = clean_paragraphs(lines, GENERIC)
    assert [r.text for r in removed] == lines[-3:-1]
    assert {r.rule for r in removed} == {"author-box-tail"}
    assert kept == [*BODY, lines[-1]]  # the agency line is protected by a keep rule


def test_drop_rest_without_last_is_refused(tmp_path):
    bad = {"name": "x", "paragraphs": [{"name": "tail", "pattern": "^More$", "action": "drop-rest"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="drop-rest"):
        load_rules(path)


# -- a section trafilatura kept only the title of (gaps.py, ``headed_gaps``) ----------------------

INTRO = ["Every spring our workshop tests the kettles readers ask about most, boiling each one fifty times.",
         "Below is the short list of the six we would buy again, with a line on what each one does best."]
ITEMS = [("Copperline Classic", "A heavy stovetop kettle that keeps water hot for twenty minutes after the flame."),
         ("Brisk 1.7 Electric", "The quickest electric model we tried, with a gauge you can read across the room."),
         ("Little Fjord Travel", "Folds flat into a pouch and still boils a mug of water in under three minutes."),
         ("Goose Pour Pro", "A slim gooseneck spout that makes slow pour-over coffee easy even for shaky hands."),
         ("Hearth Enamel", "Bright enamel over steel that survived two drops onto the tiled kitchen floor."),
         ("Quiet Steam Mini", "The softest whistle of the group, loud enough to hear but never to wake a baby.")]
OUTRO = "Whichever you choose, descale it once a month and it will outlast the guarantee by years."
HEADED = GENERIC.headed_gaps


def _kettles(title: str = "Our six favourite kettles", wrap_in_link: bool = False):
    def card(i: int, name: str, text: str) -> str:
        inner = f"<h3 class='pick-title'>{name}</h3><p class='pick-text'>{text}</p>"
        if wrap_in_link:
            inner = f"<a href='/kettles/{i}'>{inner}</a>"
        return (f"<div class='pick'><div class='pick-media'><a href='/kettles/{i}'><img src='k{i}.jpg'></a></div>"
                f"<div class='pick-content'>{inner}<div class='pick-button'><a href='/k/{i}'>Read more</a></div>"
                f"</div></div>")
    cards = "".join(card(i, name, text) for i, (name, text) in enumerate(ITEMS))
    page = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in INTRO)
            + f"<h2>{title}</h2><div class='picks'><div class='picks-grid'>{cards}</div></div>"
            + "<p><a href='/course'>Join the free five-day kettle care course!</a></p>"
            + f"<p>{OUTRO}</p></article></body></html>")
    # what precision mode kept: the intro, the section's title, the closing line
    return lxml_html.fromstring(page), [*INTRO, title, OUTRO]


def test_section_kept_as_its_title_alone_comes_back_in_place():
    root, lines = _kettles()
    out = restore_gaps(root, lines, None, "kettles.example", HEADED)
    items = [line for pair in ITEMS for line in pair]
    assert out == [*INTRO, "Our six favourite kettles", *items, OUTRO]  # the sign-up link after the cards stays out


def test_section_stays_out_without_headed_gaps():
    root, lines = _kettles()
    assert restore_gaps(root, lines, None, "kettles.example", None) == lines


def test_teaser_cards_under_a_furniture_title_stay_out():
    root, lines = _kettles(title="Related kettle guides")
    assert restore_gaps(root, lines, None, "kettles.example", HEADED) == lines


def test_cards_wrapped_whole_in_links_stay_out():
    root, lines = _kettles(wrap_in_link=True)
    assert restore_gaps(root, lines, None, "kettles.example", HEADED) == lines


def test_only_the_last_related_section_closes_the_text():
    conclusion = ["So there you have it: six kettles, one for every kitchen and every budget.",
                  "Whichever you pick, descale it monthly and it will outlast its guarantee."]
    lines = [*BODY, "Suggested reading:", "- How to descale a kettle", "- Why tea tastes of the water",
             *conclusion, "You’ll Also Love...", "- Twelve teapots reviewed", "- The best milk frothers"]
    kept, removed = clean_paragraphs(lines, GENERIC)
    assert kept[-2:] == conclusion  # the list inside the body's last lines takes no body after it
    assert [r.text for r in removed] == lines[-3:]


def test_author_and_reviewer_boxes_go_together():
    lines = [*BODY, "About the Author", "Ines Farrow, Contributing Editor", "About the Reviewer",
             "Tom Ash, Harbour Pilot"]
    kept, removed = clean_paragraphs(lines, GENERIC)
    assert kept == BODY
    assert {r.rule for r in removed} == {"author-box-tail"}
