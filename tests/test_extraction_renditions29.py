"""The twenty-ninth renditions of the seed pages (``tests/fixtures/renditions29``) word for word, how their
byte traps are read, and the kinds they found, each on a small page of its own (invented site and text) that
fails with its fix switched off, with the look-alikes that must stay.

- a teaser in a block named as Nordic, Finnish, Danish and German sites name it (``div.ingress``, ``ingressi``,
  ``manchet``, ``vorspann``), the headline's standfirst: the standfirst rule's class words;
- a caption under a class naming it in another language (``p.legende`` under a French post's image;
  ``bildtext``, ``didascalia``, ``leyenda`` ...): DOM rule ``caption-class-i18n``;
- a donation box between a story's paragraphs, its heading, its pitch and its "Donate" link: DOM rule
  ``donate-box``;
- a post's info line in a European language, the author and the date after their words ("Par NAME le
  mardi 11 janvier 2022, 06:43 - Catégorie - Lien permanent"): paragraph rule ``byline-date-line-i18n``;
- a site's notice that its material "may not be copied, republished or redistributed without the prior
  written consent of" it, closing the text: paragraph rule ``legal-notice`` (its wording widened).
"""

from __future__ import annotations

import dataclasses

import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import with_paragraph_pattern, without_dom_rule, without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import extract
from archiver.extraction.decode import decode_html
from archiver.extraction.rules import _words_pattern

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions29", OPEN)

FIXTURES = ROOT / "tests" / "fixtures" / "renditions29"
PAGES = {p["path"].split("/")[0]: p for p in rendition_pages("renditions29")}


@pytest.mark.parametrize(("site", "source", "codec", "words"), [
    ("ukrainetoday.org", "meta", "mac-roman", "Nouvelles d’Europe de l’Est"),
    ("www.dw.com", "header", "iso8859-10", "Valáštallan"),
    ("www.rferl.org", "meta", "cp866", "Перейти к содержанию"),
    ("www.themoscowtimes.com", "bom", "utf-8-sig", "小礼物走一走，来简书关注我"),
])
def test_each_page_is_read_in_the_encoding_it_names(site, source, codec, words):
    page = PAGES[site]
    decoded = decode_html((FIXTURES / page["path"]).read_bytes(), page["content_type"], "org")
    assert (decoded.source, decoded.encoding.replace("_", "-")) == (source, codec.replace("_", "-"))
    assert " ".join(words.split()) in " ".join(decoded.text.split())


PARAS = "".join(f"<p>{p}</p>" for p in BODY)


def _page(before: str = "", after: str = "", lang: str = "en", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>{head}"
            f"<div class='article-body'>{before}{PARAS}{after}</div></article></main>"
            "<footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


TEASER = ("The harbour board has agreed a winter timetable that ends the evening service an hour earlier and "
          "adds an early sailing on weekdays, after a year of falling passenger numbers.")
NEW_WORDS = ("ingress", "ingressi", "manchet", "vorspann")


def _without_new_standfirst_words(monkeypatch) -> None:
    original = ex.rules_for

    def rules_without(host):
        rules = original(host)
        sf = rules.standfirst
        words = ["lead", "lede", "intro", "introduction", "teaser", "standfirst", "excerpt", "deck", "subheadline",
                 "subhead", "summary", "abstract", "chapo", "preface", "description"]  # before rend29
        return dataclasses.replace(rules, standfirst=dataclasses.replace(sf, marker=_words_pattern(words)))
    monkeypatch.setattr(ex, "rules_for", rules_without)


@pytest.mark.parametrize("name", NEW_WORDS)
def test_a_teaser_named_as_nordic_and_german_sites_name_it_is_kept(monkeypatch, name):
    page = _page(head=f"<div class='{name}'><p>{TEASER}</p></div><div class='article-image'><img src='/f.jpg' "
                 "alt=''></div>")
    assert _paras(page) == [TEASER, *BODY]
    _without_new_standfirst_words(monkeypatch)
    assert TEASER not in _paras(page)


def test_a_block_whose_name_only_contains_the_word_is_no_teaser():
    page = _page(head=f"<div class='progress'><p>{TEASER}</p></div><div class='article-image'><img src='/f.jpg' "
                 "alt=''></div>")
    assert TEASER not in _paras(page)


CAPTION_FR = "Le dernier bac de la soirée quitte le quai à dix heures (photo d'archives)"


@pytest.mark.parametrize("cls", ["legende", "bildtext", "didascalia", "leyenda", "foto-legenda", "kuvateksti"])
def test_a_caption_under_a_class_naming_it_in_another_language_goes(monkeypatch, cls):
    page = _page(f"<p><img src='/f.jpg' alt=''></p><p class='{cls}'>{CAPTION_FR}</p>", lang="fr")
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "caption-class-i18n")
    assert CAPTION_FR in _paras(page)


def test_a_paragraph_under_a_class_that_only_contains_legend_stays():
    line = ("The legend of the drowned bell says it rings under the quay on winter nights, and the ferrymen "
            "still stop their engines when they pass over the spot.")
    assert line in _paras(_page(after=f"<p class='legendary-tales'>{line}</p>"))


DONATE = ("<div class='set-donation'><h3>Local news matters. Support it.</h3><p>Your contribution keeps our newsroom "
          "independent and our reporting free for everyone.</p><a class='btn' href='/support'>Donate</a></div>")


def test_a_donation_box_between_the_paragraphs_goes(monkeypatch):
    page = (_page().replace(f"<p>{BODY[2]}</p>", f"<p>{BODY[2]}</p>{DONATE}"))
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "donate-box")
    assert "Local news matters. Support it." in _paras(page)


def test_a_section_with_a_donate_link_in_its_sentences_stays():
    text = ("The harbour trust asked readers to help restore the old ferry, and within a week the appeal had "
            "raised enough to replace its boiler and repaint the hull.")
    box = (f"<div class='update'><h3>The old ferry</h3><p>{text}</p><p>Readers can still "
           "<a href='https://trust.example/donate'>give to the trust</a> until the end of March.</p></div>")
    assert text in _paras(_page(after=box))


BYLINE_FR = "Par Jeanne Martin le mardi 11 janvier 2022, 06:43 - Ports et ferries - Lien permanent"


@pytest.mark.parametrize("line", [BYLINE_FR, "Von Anna Berg am 11. Januar 2022", "Por Ana Ruiz el 11 de enero de 2022",
                                  "Di Anna Rossi il 11 gennaio 2022, alle 08:15"])
def test_a_post_info_line_in_a_european_language_goes(monkeypatch, line):
    page = _page(f"<p class='post-info'>{line}</p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "byline-date-line-i18n")
    assert line in _paras(page)


def test_a_sentence_opening_with_par_and_a_date_stays():
    line = ("Par arrêté du 11 janvier 2022, le préfet a fixé les nouveaux horaires du bac, qui entrent en vigueur "
            "dès lundi prochain.")
    assert line in _paras(_page(f"<p>{line}</p>", lang="fr"))


LEGAL = ("This material may not be copied, republished or redistributed without the prior written consent of the "
         "Harbour Gazette. Use of this site constitutes acceptance of our Terms of Use.")
LEGAL_BEFORE = ("\\b(?:all rights reserved|may not be (?:re)?(?:published|produced|distributed|printed)|without (?:the )?"
                "(?:prior )?(?:written )?permission of)\\b")


def test_a_notice_that_the_material_may_not_be_copied_without_consent_goes(monkeypatch):
    page = _page(after=f"<p class='legal'>{LEGAL}</p>")
    assert _paras(page) == BODY
    with_paragraph_pattern(monkeypatch, "legal-notice", LEGAL_BEFORE)
    assert LEGAL in _paras(page)


def test_a_story_line_on_consent_stays():
    line = ("The board said the timetable could not be changed again without the prior written consent of the "
            "islanders' council, which meets in March.")
    assert line in _paras(_page(after=f"<p>{line}</p>"))
