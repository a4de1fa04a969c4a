"""Kinds found by the sixth renditions of the seed pages (``tests/fixtures/renditions6``), each on a
small page of its own (invented sites and text), each shown to fail with its fix switched off.

- a print view writes each link's address after it, "the ferry terminal (https://...)", in the
  sentence or in an element of its own: the addresses stayed inside body sentences
  (``linkaddress.drop_written_hrefs``, switch ``stage:written-hrefs``);
- a mobile page folds the rest of the article into ``<details>`` under a "Read full article"
  ``<summary>``: the label stayed as a line of the text (DOM rule ``reveal-summary``);
- (second round) the body's last paragraphs, loaded by script as the reader scrolls, written for
  readers without scripts in a ``<noscript>`` after a "Loading..." placeholder: lost, trafilatura
  drops ``<noscript>`` whole (``noscriptbody.reveal_noscript_body``, switch ``stage:noscript-body``);
- (third round) a heading's visible permalink sign ("A week of violent unrest¶", as Sphinx and
  kramdown write it) stayed on the subheading (DOM rule ``heading-permalink``);
- (fourth round) a drop cap marked ``aria-hidden`` ("<span aria-hidden>N</span>UR-SULTAN", the
  letter again for screen readers in a class no rule names) lost its letter or kept it twice:
  trafilatura drops every ``aria-hidden`` element (``ariashown.show_aria_shown``, switch
  ``stage:aria-shown``).
"""

from __future__ import annotations

import dataclasses

import pytest

import archiver.extraction as ex
from archiver.extraction import extract
from archiver.extraction.dom import parse
from archiver.extraction.linkaddress import drop_written_hrefs

URL = "https://www.harbourside-gazette.example/2026/04/14/ferry-timetable"
TITLE = "Island ferry adds an evening crossing for the summer"
BODY = [f"Paragraph {i} of the notice says the island ferry will sail a fourth crossing each evening "
        f"from June, after the harbour board agreed to pay for the extra crew and fuel." for i in range(8)]
TERMINAL = "https://www.harbourside-gazette.example/tag/ferry-terminal"


def _page(body: list[str], *, between: str = "", at: int = 3) -> str:
    paras = "".join(f"<p>{t}</p>" for t in body[:at]) + between + "".join(f"<p>{t}</p>" for t in body[at:])
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>{TITLE}</h1>'
            f"{paras}</article></main><footer><a href='/about'>About us</a></footer></body></html>")


def _linked(written: str, href: str = TERMINAL) -> list[str]:
    """The body with "island ferry" linked in two paragraphs and ``written`` after each link."""
    return [t.replace("the island ferry", f'the <a href="{href}">island ferry</a>{written}', 1) if i in (1, 5)
            else t for i, t in enumerate(BODY)]


WRITTEN = {
    "span": f'<span class="print-href"> ({TERMINAL})</span>',
    "tail": f" ({TERMINAL})",
    "square": f" [{TERMINAL.replace('https://www.', 'http://')}/]",
}


@pytest.mark.parametrize("form", sorted(WRITTEN))
def test_a_link_s_written_out_address_goes(form):
    assert list(extract(_page(_linked(WRITTEN[form])), URL).paragraphs) == BODY


def test_a_relative_href_is_read_against_the_page():
    written = ' <span class="url">(https://www.harbourside-gazette.example/tag/ferry-terminal)</span>'
    html = _page(_linked(written, href="/tag/ferry-terminal"))
    assert list(extract(html, URL).paragraphs) == BODY


def test_without_the_stage_the_addresses_stay(monkeypatch):
    monkeypatch.setattr(ex, "drop_written_hrefs", lambda root, url=None: 0)
    for form in ("span", "tail"):
        text = extract(_page(_linked(WRITTEN[form])), URL).text
        assert text.count(f"({TERMINAL})") == 2, form


def test_an_address_that_is_not_the_link_s_stays():
    other = "https://www.islands-council.example/timetables"
    html = _page(_linked(f" ({other})"))
    assert extract(html, URL).text.count(f"({other})") == 2


def test_the_stage_counts_and_keeps_the_sentence_around():
    root = parse(f'<html><body><p>Take <a href="{TERMINAL}">the ferry</a> ({TERMINAL}), then walk. '
                 f'See <a href="{TERMINAL}">{TERMINAL}</a> ({TERMINAL}).</p></body></html>')
    assert drop_written_hrefs(root, URL) == 1  # the second link's text is its address: left alone
    assert "".join(root.find(".//p").itertext()) == (f"Take the ferry, then walk. See {TERMINAL} ({TERMINAL}).")


def _folded(label: str) -> str:
    rest = "".join(f"<p>{t}</p>" for t in BODY[3:])
    return _page(BODY[:3] + [], between=f"<details><summary><span>{label}</span></summary>"
                 f"<div>{rest}</div></details>", at=3)


@pytest.mark.parametrize("label", ["Read full article", "Read the full story ▾", "Continue reading", "Show more"])
def test_the_label_of_a_folded_rest_goes(label):
    assert list(extract(_folded(label), URL).paragraphs) == BODY


def test_without_the_rule_the_label_stays(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), dom=tuple(r for r in original(host).dom if r.name != "reveal-summary")))
    assert "Read full article" in extract(_folded("Read full article"), URL).text


def test_a_summary_that_is_a_question_stays():
    faq = ("<details><summary>Will the evening crossing run on public holidays?</summary>"
           "<p>Yes, the evening crossing runs every day from June to September, holidays included.</p></details>")
    text = extract(_page(BODY, between=faq, at=8), URL).text
    assert "Will the evening crossing run on public holidays?" in text


def _lazy(rest: str) -> str:
    """The body's first five paragraphs, a loading placeholder, and ``rest`` after it."""
    return _page(BODY[:5], between='<div class="lazy-rest" data-src="/rest.json"><span>Loading...</span></div>'
                 + rest, at=5)


NOSCRIPT_REST = "<noscript><div>" + "".join(f"<p>{t}</p>" for t in BODY[5:]) + "</div></noscript>"


def test_the_rest_of_the_body_in_noscript_is_read():
    assert list(extract(_lazy(NOSCRIPT_REST), URL).paragraphs) == BODY


def test_without_the_stage_the_rest_is_lost(monkeypatch):
    monkeypatch.setattr(ex, "reveal_noscript_body", lambda root: 0)
    assert list(extract(_lazy(NOSCRIPT_REST), URL).paragraphs) == BODY[:5]


@pytest.mark.parametrize("noscript", [
    '<noscript><img src="/pixel.gif" alt=""></noscript>',
    "<noscript><p>Please enable JavaScript to read the rest of this article on our website.</p></noscript>",
    "<noscript>" + "".join(f"<p>{t}</p>" for t in BODY[:3]) + "</noscript>",  # a copy of what is shown
    '<noscript><form action="/subscribe"><p>Sign up for the morning ferry bulletin, sent at six every day.</p>'
    '<p>We send one email a day and never share your address with anyone else.</p>'
    '<input type="email"></form></noscript>',
])
def test_other_noscript_content_stays_out(noscript):
    text = extract(_lazy(noscript), URL).text
    assert "enable JavaScript" not in text and "Sign up" not in text
    assert text.count(BODY[0]) == 1


def test_a_noscript_after_no_body_stays_out():
    aside = "<noscript><div>" + "".join(f"<p>{t}</p>" for t in BODY[5:]) + "</div></noscript>"
    html = _page(BODY[:5]).replace("<footer>", f"<footer><div><ul><li>Home</li></ul></div>{aside}")
    assert list(extract(html, URL).paragraphs) == BODY[:5]


def test_a_bare_address_after_a_link_is_the_page_s_own_line():
    root = parse(f'<html><body><p><a href="{TERMINAL}">Permalink</a> <small>{TERMINAL}</small></p></body></html>')
    assert drop_written_hrefs(root, URL) == 0


def _sectioned(sign: str, *, href: str = "#evening-crossing", where: str = "after") -> str:
    link = f'<a class="permalink" href="{href}" title="Permalink to this heading">{sign}</a>'
    heading = f"{link}The evening crossing" if where == "before" else f"The evening crossing{link}"
    return _page(BODY, between=f'<h2 id="evening-crossing">{heading}</h2>', at=4)


@pytest.mark.parametrize("sign", ["¶", "#", "§", "🔗"])
def test_a_heading_s_permalink_sign_goes(sign):
    paragraphs = list(extract(_sectioned(sign), URL).paragraphs)
    assert paragraphs == BODY[:4] + ["The evening crossing"] + BODY[4:]


def test_without_the_rule_the_sign_stays_on_the_heading(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), dom=tuple(r for r in original(host).dom if r.name != "heading-permalink")))
    assert "The evening crossing¶" in extract(_sectioned("¶"), URL).paragraphs


def test_a_heading_s_own_link_or_a_sign_leading_elsewhere_stays():
    linked = _page(BODY, between='<h2><a href="#evening-crossing">The evening crossing</a></h2>', at=4)
    assert "The evening crossing" in extract(linked, URL).paragraphs
    assert "The evening crossing¶" in extract(_sectioned("¶", href="/timetable"), URL).paragraphs


DROP_CAP = {
    "alone": '<span class="dropcap" aria-hidden="true">P</span>',
    "with its copy": '<span class="dropcap" aria-hidden="true">P</span><span class="sr-only">P</span>',
    "with a copy in a class no rule names": '<span class="x-cap" aria-hidden="true">P</span><span class="x-sr">P</span>',
}


def _first(html_first: str) -> str:
    return _page([html_first, *BODY[1:]], at=8)


@pytest.mark.parametrize("form", sorted(DROP_CAP))
def test_a_drop_cap_hidden_from_screen_readers_is_read(form):
    assert list(extract(_first(DROP_CAP[form] + BODY[0][1:]), URL).paragraphs) == BODY


def test_the_shown_half_of_a_shown_and_spoken_pair_is_read_once():
    pair = '<span aria-hidden="true">island ferry</span><span class="a11y-label">island ferry</span>'
    assert list(extract(_first(BODY[0].replace("island ferry", pair)), URL).paragraphs) == BODY


def test_without_the_stage_the_letter_is_lost(monkeypatch):
    monkeypatch.setattr(ex, "show_aria_shown", lambda root: 0)
    for form in ("alone", "with its copy"):
        assert extract(_first(DROP_CAP[form] + BODY[0][1:]), URL).paragraphs[0] == BODY[0][1:], form


def test_icons_and_glyphs_hidden_from_screen_readers_stay_out():
    icons = ('<i class="icon-ship" aria-hidden="true"></i><span aria-hidden="true">›</span>'
             '<span aria-hidden="true">Ad</span> ')
    assert list(extract(_first(icons + BODY[0]), URL).paragraphs) == BODY
