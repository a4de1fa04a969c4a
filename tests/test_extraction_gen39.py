"""Kinds found on pages where archiver scored below bare trafilatura (gen39, issue 11), fixed in the rules data.

- ``newsletter-signup`` (paragraph rule) takes a call to sign up for the site's newsletter. It took body lines
  that name newsletters in passing as well: a term's definition or a list item under its own label
  ("Conversion Rate: Measures ... such as signing up for a newsletter"), a note ("Note: ... can sign up for
  our research newsletter"), a picture's label ("Top left: ... when you subscribe to her newsletter"), the
  writer's own "the newsletters I subscribe to". Those lines stay now; a label naming the sign-up itself
  ("Sign Up: ...", "Newsletter: ...") still goes with its line.
- ``newsletter-promo`` (paragraph rule: "Sign up ... newsletter" anywhere in a line of up to 250 characters)
  spares a line under a label of its own the same way (a note, a picture's label).

Invented pages and text, each put through ``extract(html, url)``; each kept line has a test that fails with
the rule as it was (``rulekit``'s ``with_paragraph_pattern`` puts the old pattern back), and twins show the
calls to sign up still going.
"""

from __future__ import annotations

import pytest
from rulekit import with_paragraph_pattern

from archiver.extraction import extract

_URL = "https://ledgerlane.example/guides/measuring-a-small-shop"
_OLD_NEWSLETTER = (r"^(?=.*\b(?:sign(?:ing)? up|subscribe|subscription)\b)"
                   r"(?=.*\b(?:newsletters?|inbox|e-?mail updates)\b).{0,300}$")
_BODY = [
    "A small shop that sells online has more figures to read than time to read them, so it helps to pick a "
    "handful and watch how they move from one month to the next.",
    "The figures below are the ones we ask new clients to track first; each takes a few minutes a week once "
    "the shop's analytics are set up.",
    "None of them means much alone. Read them together, and against the same month of the year before, "
    "before deciding to change prices or the way the shop is laid out.",
]
_TERM = ("Conversion rate: the share of visitors who take a step the shop wants, such as buying, signing up "
         "for a newsletter or downloading the price list.")
_ITEM = ("Watch the trade: follow the news of your own trade, subscribe to two or three of its newsletters, "
         "and note which suppliers raise their prices.")
_NOTE = ("Note: we will publish a second guide on stock levels next month. Readers who want it when it is out "
         "can sign up for our research newsletter below.")
_PICTURE = ("Top left: the canvas tote from Harbour Goods, a pattern you can get as a free download when you "
            "subscribe to her newsletter here.")
_OLD_PROMO = r"\b(?:Sign up|Subscribe)\b.{0,80}\bnewsletter\b"
_OWN = "I also picked 14 newsletters, a small share of the newsletters I subscribe to, as the sample."
_CALLS = [
    "Sign up for our newsletter to get each new guide in your inbox.",
    "Liked this guide? Subscribe and have the next one delivered to your inbox every Monday.",
    "Sign Up: never miss a guide. Sign up for our e-mail newsletter here.",
]


def _page(extra: list[str], listed: list[str] = ()) -> str:
    paras = "".join(f"<p>{p}</p>" for p in _BODY[:2] + extra + _BODY[2:])
    items = "".join(f"<li>{i}</li>" for i in listed)
    return ("<html><head><title>Measuring a small shop</title></head><body><article>"
            "<h1>Measuring a small shop: five figures to watch</h1>"
            f"{paras}{'<ul>' + items + '</ul>' if items else ''}"
            "</article></body></html>")


def _text(html: str) -> str:
    result = extract(html, _URL)
    assert result.error is None
    return result.text


@pytest.mark.parametrize("line", [_TERM, _NOTE, _OWN, _PICTURE], ids=["term", "note", "first-person", "picture"])
def test_a_body_line_naming_newsletters_in_passing_stays(line):
    text = _text(_page([line]))
    assert all(p in text for p in _BODY)
    assert line in text


def test_a_list_item_under_its_label_naming_newsletters_stays():
    text = _text(_page([], [_ITEM, "Count returns: note each return and the reason the buyer gave for it."]))
    assert "subscribe to two or three of its newsletters" in text


@pytest.mark.parametrize("line", [_TERM, _NOTE, _OWN], ids=["term", "note", "first-person"])
def test_the_old_pattern_took_those_lines(monkeypatch, line):
    with_paragraph_pattern(monkeypatch, "newsletter-signup", _OLD_NEWSLETTER)
    text = _text(_page([line]))
    assert line not in text  # the rule as it was is what took them
    assert all(p in text for p in _BODY)


def test_the_old_pattern_took_the_list_item(monkeypatch):
    with_paragraph_pattern(monkeypatch, "newsletter-signup", _OLD_NEWSLETTER)
    text = _text(_page([], [_ITEM, "Count returns: note each return and the reason the buyer gave for it."]))
    assert "subscribe to two or three of its newsletters" not in text


@pytest.mark.parametrize("line", [_NOTE, _PICTURE], ids=["note", "picture"])
def test_the_old_promo_pattern_took_a_labelled_line(monkeypatch, line):
    with_paragraph_pattern(monkeypatch, "newsletter-promo", _OLD_PROMO)
    text = _text(_page([line]))
    assert line not in text  # newsletter-promo as it was (a search anywhere in the line) took it


@pytest.mark.parametrize("line", _CALLS)
def test_a_call_to_sign_up_still_goes(line):
    text = _text(_page([line]))
    assert all(p in text for p in _BODY)
    assert line not in text


# image-credit: a picture's credit or source line goes; the plural label over a list of sources stays
_OLD_CREDIT = r"^\[?(?:photo|image|picture|foto|bild|credit|photo credit|image credit|source)s?\s*[:=].{0,100}$"
_SOURCES = ["Office for National Statistics, retail sales bulletin, March 2026",
            "British Retail Consortium, shop price monitor, spring edition"]


def _sources_page(label: str, credit: str = "") -> str:
    items = "".join(f"<li>{s}</li>" for s in _SOURCES)
    paras = "".join(f"<p>{p}</p>" for p in _BODY)
    figure = f"<p>{credit}</p>" if credit else ""
    return ("<html><head><title>Measuring a small shop</title></head><body><article>"
            f"<h1>Measuring a small shop: five figures to watch</h1>{figure}{paras}"
            f"<p>{label}</p><ul>{items}</ul></article></body></html>")


@pytest.mark.parametrize("label", ["Sources:", "Credits:", "SOURCES:"])
def test_the_label_over_a_list_of_sources_stays(label):
    lines = _text(_sources_page(label)).splitlines()
    assert label in lines
    assert any(_SOURCES[0] in line for line in lines)


@pytest.mark.parametrize("label", ["Sources:", "Credits:"])
def test_the_old_credit_pattern_took_the_label(monkeypatch, label):
    with_paragraph_pattern(monkeypatch, "image-credit", _OLD_CREDIT)
    lines = _text(_sources_page(label)).splitlines()
    assert label not in lines  # image-credit as it was is what took it
    assert any(_SOURCES[0] in line for line in lines)


@pytest.mark.parametrize("credit", ["Photo: Jane Doe/Harbour Press", "Image credit: Shopfront Pictures", "Source: Shopfront Pictures"])
def test_a_picture_credit_line_still_goes(credit):
    text = _text(_sources_page("Sources:", credit))
    assert credit not in text
    assert "Sources:" in text.splitlines()
