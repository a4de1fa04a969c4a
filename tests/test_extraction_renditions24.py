"""The twenty-fourth renditions of the seed pages (``tests/fixtures/renditions24``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a byline under a label in another language heading the body ("Yazar: Dış Haberler Masası"): paragraph
  rule ``byline-label-i18n``;
- a source label in another language with the source's name and its address, bare or in parentheses
  ("Sursa: The Moscow Times (https://...)", "原文：NAME https://...", "Оригинал: https://..."): paragraph
  rule ``source-link``, and Lithuanian and other labels with the name alone ("Šaltinis: DW"):
  ``source-name-line``;
- an empty comment area's heading and line in another language ("Komentarai", "Komentarų dar nėra. Būkite
  pirmas!"): paragraph rules ``comment-heading-i18n`` and ``no-comments-line-i18n``;
- a reprint ban of more than one use ("本文禁止转载或摘编"): paragraph rule ``legal-notice-cjk``;
- a blog platform's "Published on BLOG" line under the post: paragraph rule ``published-on-blog-line``;
- a greeting bar for a visitor not logged in ("Вітаю Вас, Гість | RSS | Реєстрація | Вхід"): DOM rule
  ``guest-greeting-bar``;
- a ``<title>`` "Headline - 12 Січня 2022 - Site" over a page whose header's ``<h1>`` is the site's name and
  whose headline stands in a table cell (uCoz): ``stage:dated-site-title``.
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import without_dom_rule, without_own_address, without_paragraph_rule

from archiver.extraction import extract, sitetitle

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions24", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA: set[str] = {"extra/hashnode-www.dw.com.html"}  # the caption as an italic first paragraph
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions24", OPEN_EXTRA, "extra.tsv")

ADDRESS = "https://www.harbourtown-gazette.example/2026/11/20/ferry-timetable-changes/"


def _page(body: list[str], lang: str = "en", after: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='text'>{paras}</div>{after}</article></main><footer>© 2026 Harbour Gazette</footer>"
            "</body></html>")


@pytest.mark.parametrize(("line", "lang"), [("Yazar: Liman Masası", "tr"), ("Autorius: Jonas Jonaitis", "lt"),
                                            ("Автор: Редакция порта", "ru")])
def test_a_byline_under_a_label_in_another_language_goes(monkeypatch, line, lang):
    page = _page([line, *BODY], lang=lang)
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "byline-label-i18n")
    assert line in extract(page, URL).paragraphs


def test_a_sentence_after_such_a_label_and_a_later_byline_stay():
    said = "Yazar: feribot seferleri kışın azalacak, dedi."  # the label and a sentence: text
    assert said in extract(_page([said, *BODY], lang="tr"), URL).paragraphs
    later = "Autor: Jan Novák"  # not among the first two lines: an interview's speaker, a quote
    assert later in extract(_page([*BODY[:3], later, *BODY[3:]], lang="cs"), URL).paragraphs


@pytest.mark.parametrize("line", [f"Sursa: Harbour Gazette ({ADDRESS})", f"原文：Harbour Gazette {ADDRESS}",
                                  f"Оригинал: {ADDRESS}"])
def test_a_source_label_with_the_name_and_the_address_goes(monkeypatch, line):
    page = _page([*BODY, line])
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "source-link")
    without_own_address(monkeypatch)  # the label's address is the page's own
    assert any(ADDRESS in p for p in extract(page, URL).paragraphs)


def test_a_source_name_under_a_lithuanian_label_goes(monkeypatch):
    page = _page([*BODY, "Šaltinis: Harbour Gazette"], lang="lt")
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "source-name-line")
    assert "Šaltinis: Harbour Gazette" in extract(page, URL).paragraphs


def test_a_sentence_naming_a_source_and_its_address_stays():
    line = f"Sursa: portul a confirmat orarul. Detalii la {ADDRESS}"  # a sentence, not a label's name
    assert line in extract(_page([*BODY, line], lang="ro"), URL).paragraphs


EMPTY = ("<div class='sf-Comments'><h3>Komentarai</h3><p class='sf-Comments-empty'>Komentarų dar nėra. Būkite "
         "pirmas!</p></div>")


@pytest.mark.parametrize(("rule", "line"), [("comment-heading-i18n", "Komentarai"),
                                            ("no-comments-line-i18n", "Komentarų dar nėra. Būkite pirmas!")])
def test_an_empty_comment_area_in_another_language_goes(monkeypatch, rule, line):
    page = _page(BODY, lang="lt", after=EMPTY)
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    assert line in extract(page, URL).paragraphs


def test_a_refusal_to_comment_and_a_comments_heading_mid_text_stay():
    refusal = "Без комментариев."  # a spokesman's refusal quoted at the end
    assert refusal in extract(_page([*BODY, refusal], lang="ru"), URL).paragraphs
    mid = "Yorumlar"  # a section heading of the story's ("Comments"), not among the last lines
    more = [p.replace("Paragraph", "Line") for p in BODY]
    assert mid in extract(_page([*BODY[:1], mid, *BODY[1:], *more], lang="tr"), URL).paragraphs


def test_a_ban_of_reprint_or_excerpt_goes(monkeypatch):
    page = _page([*BODY, "本文禁止转载或摘编"], lang="zh")
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "legal-notice-cjk")
    assert "本文禁止转载或摘编" in extract(page, URL).paragraphs


def test_a_published_on_blog_line_goes_and_a_year_stays(monkeypatch):
    page = _page([*BODY, "Published on Harbour Notes"])
    assert list(extract(page, URL).paragraphs) == BODY
    assert "Published in 2019" in extract(_page([*BODY, "Published in 2019"]), URL).paragraphs
    without_paragraph_rule(monkeypatch, "published-on-blog-line")
    assert "Published on Harbour Notes" in extract(page, URL).paragraphs


GREETING = ("<table width='100%'><tr><td class='topLink'>Welcome, <b>Guest</b> | <a href='/rss/'>RSS</a></td>"
            "<td align='right'><a href='/register'>Register</a> | <a href='/login'>Log in</a></td></tr></table>")


def test_a_guest_greeting_bar_goes(monkeypatch):
    page = _page(BODY).replace("<div class='text'>", f"<div class='text'>{GREETING}")  # in the text's box, as uCoz's
    assert not any("Guest" in p for p in extract(page, URL).paragraphs)
    without_dom_rule(monkeypatch, "guest-greeting-bar")
    assert any("Guest" in p for p in extract(page, URL).paragraphs)


def test_a_story_opening_with_a_welcome_stays():
    line = "Welcome, guest of the harbour: the ferry board greeted the first winter passengers on Monday."
    assert line in extract(_page([line, *BODY]), URL).paragraphs


def _ucoz(headline: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><meta charset='utf-8'><title>{headline} - 20 Листопада 2026 - Вісті Гавані</title>"
            "</head><body><table width='100%'><tr><td class='logo'><h1 class='logoSite'>Вісті Гавані</h1></td></tr>"
            "</table><table><tr><td class='leftColumn'><a href='/'>Головна</a></td><td class='centerColumn'>"
            f"<table class='eBlock'><tr><td class='eTitle'>{headline}</td></tr><tr><td class='eMessage'>{paras}"
            "</td></tr><tr><td class='eDetails'>Категорія: Світ | Переглядів: 12</td></tr></table></td></tr></table>"
            "</body></html>")


@pytest.mark.parametrize("headline", [TITLE, "Ferry board: the last crossing moves to ten"])
def test_a_dated_title_over_a_site_name_h1_gives_the_cell_s_headline(monkeypatch, headline):
    assert extract(_ucoz(headline), URL).title == headline
    monkeypatch.setattr(sitetitle, "DATED_TITLE", False)
    assert extract(_ucoz(headline), URL).title == "Вісті Гавані"


def test_only_a_date_piece_is_set_aside():
    assert sitetitle.other_pieces(" - 12 Січня 2022 - Вісті") == ["Вісті"]
    assert sitetitle.other_pieces(" - Budget 2022 - Вісті") == ["Budget 2022", "Вісті"]  # one number: no date
    assert sitetitle.undated_head("Ferry: winter - January 12, 2022 - Site") == "Ferry: winter"
    assert sitetitle.undated_head("Ferry: winter - Part 2 - Site") == ""
