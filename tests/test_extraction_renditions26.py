"""The twenty-sixth renditions of the seed pages (``tests/fixtures/renditions26``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off, with the look-alikes that must stay.

- a wire story's byline that is only the agency's name under the headline ("Associated Press"): paragraph
  rule ``agency-byline-line``;
- skip links written as one line joined by "|", the first gone already ("| Skip to main Navigation |
  Skip to Search"): ``skip-link``;
- an image written as "[IMAGE: alt]" text in its place by a text-only proxy: ``image-placeholder-text``;
- a text-only version's own links as a line ("Graphics version of this page | Change colours", "Text
  only version by Betsie 1.6"): ``text-only-switch``;
- an English page's "To find out more, click here." under the sanction notice restated in Russian:
  ``sanction-notice-ru``'s following lines;
- a Flarum discussion's no-script view: the author's name as a bare ``h3`` over each ``div.Post-body``,
  and the replies after the first post: DOM rule ``forum-noscript-posts``;
- the source line under the Serbian / Macedonian Cyrillic label ("Извор: NAME (https://...)"):
  ``source-link``.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import extract
from archiver.extraction.decode import decode_html

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions26", OPEN)
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions26", OPEN_EXTRA, "extra.tsv")

PARAS = "".join(f"<p>{p}</p>" for p in BODY)
FIXTURES = ROOT / "tests" / "fixtures" / "renditions26"


def _page(before: str = "", after: str = "", title: str = TITLE) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{title}</h1>{before}{PARAS}{after}"
            "</article></main><footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


def _flat(before: str = "", after: str = "") -> str:
    """A lite copy's flat page: no article or main element, the headline in a ``div``."""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><div class='page'>"
            f"<div><h1>{TITLE}</h1></div>{before}{PARAS}{after}</div></body></html>")


def test_an_agency_name_alone_under_the_headline_goes(monkeypatch):
    page = _flat("<p>Associated Press</p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "agency-byline-line")
    assert "Associated Press" in _paras(page)


@pytest.mark.parametrize("line", ["Reuters reported on Monday that the ferry operator had cut the winter crossings.",
                                  "The Associated Press"])
def test_an_agency_s_name_in_a_sentence_or_closing_the_story_stays(line):
    before = f"<p>{line}</p>" if "reported" in line else ""
    after = "" if before else f"<p>{line}</p>"
    assert line in _paras(_flat(before, after))


SKIPS = ("<p><a href='#content'>Skip to main content</a> | <a href='#navigation'>Skip to main Navigation</a> | "
         "<a href='#search'>Skip to Search</a></p>")


def test_a_row_of_skip_links_goes(monkeypatch):
    page = _page(SKIPS)
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "skip-link")
    assert any("Skip to Search" in p for p in _paras(page))


def test_a_sentence_about_skipping_stays():
    line = "Skip to the harbour office first | the queue there is shorter, the board advised passengers."
    assert line in _paras(_page(after=f"<p>{line}</p>"))


LONG_ALT = ("The last ferry of the night leaves the quay at ten, watched by the harbour master and a crowd of "
            "regular passengers who came to see the old timetable off")


def test_an_image_written_as_bracketed_text_goes(monkeypatch):
    page = _page(f"<p>[IMAGE: {LONG_ALT}]</p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "image-placeholder-text")
    assert f"[IMAGE: {LONG_ALT}]" in _paras(page)


def test_an_editor_s_bracketed_note_about_an_image_stays():
    line = "[Image rights for the harbour photographs were sold to the board in 2019, a spokesman said.]"
    assert line in _paras(_page(after=f"<p>{line}</p>"))


SWITCH = ("<p><a href='/'>Graphics version of this page</a> | <a href='/colours'>Change colours</a></p>"
          "<p>Text only version by Betsie 1.6</p>")


def test_a_text_only_version_s_own_links_go(monkeypatch):
    page = _page(after=SWITCH)
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "text-only-switch")
    assert "Text only version by Betsie 1.6" in _paras(page)


def test_a_sentence_about_a_text_only_version_stays():
    line = "The board's text only version of the timetable will be posted at the quay on Monday."
    assert line in _paras(_page(after=f"<p>{line}</p>"))


NOTICE = ('<p>Harbour Gazette has been declared an "undesirable organization" by the Russian government.</p>'
          "<p>«Харбор газетт» признана в России «нежелательной организацией».</p>"
          "<p>To find out more, <a href='/notice'>click here</a>.</p>")


def _without_english_following(monkeypatch) -> None:
    original = ex.rules_for

    def rules(host):
        found = original(host)
        english = re.compile(r"find out more|click here")
        return dataclasses.replace(found, paragraphs=tuple(
            dataclasses.replace(r, following=tuple(f for f in r.following if not english.search(f.pattern)))
            if r.name == "sanction-notice-ru" else r for r in found.paragraphs))
    monkeypatch.setattr(ex, "rules_for", rules)


def test_the_link_line_under_a_notice_restated_in_russian_goes(monkeypatch):
    page = _page(after=NOTICE)
    assert _paras(page) == BODY
    _without_english_following(monkeypatch)
    assert "To find out more, click here." in _paras(page)


def test_a_click_here_line_with_no_notice_above_stays():
    line = "To find out more about the winter timetable, click here."
    assert line in _paras(_page(after=f"<p>{line}</p>"))


def test_a_source_line_under_the_serbian_cyrillic_label_goes(monkeypatch):
    line = f"Извор: Harbour Gazette ({URL})"
    page = _page(after=f"<p>{line}</p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "source-link")
    assert line in _paras(page)


def test_a_serbian_sentence_opening_with_the_word_stays():
    line = "Извор воде у селу пресушио је прошлог лета, кажу мештани, а лука је остала без пијаће воде."
    assert line in _paras(_page(after=f"<p>{line}</p>"))


def _flarum(posts: list[tuple[str, str]]) -> str:
    held = "".join(f"<div><h3>{name}</h3><div class='Post-body'>{body}</div></div><hr>" for name, body in posts)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{TITLE} - Harbour Forum</title></head><body>"
            "<div id='app' class='App'><main class='App-content'><div id='content'></div>"
            f"<noscript id='flarum-content'><div class='container'><h2>{TITLE}</h2><div>{held}</div></div></noscript>"
            "</main></div></body></html>")


def test_a_flarum_post_s_author_name_and_the_replies_go(monkeypatch):
    page = _flarum([("quay_watcher", PARAS), ("night_owl", "<p>Thanks for posting this, the old timetable was a mess.</p>")])
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "forum-noscript-posts")
    out = _paras(page)
    assert "quay_watcher" in out and "Thanks for posting this, the old timetable was a mess." in out


def test_a_subheading_over_a_blog_s_post_body_stays():
    """Blogger's ``div.post-body`` (lower case) is not Flarum's ``Post-body``: a heading over it stays."""
    head = "What changes on the weekday crossings"
    body = f"<p>{BODY[0]}</p><h3>{head}</h3><div class='post-body entry-content'>{''.join(f'<p>{p}</p>' for p in BODY[1:])}</div>"
    assert head in _paras(_blog(body))


def _blog(inner: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<div class='post'><h1 class='post-title'>{TITLE}</h1>{inner}</div></body></html>")


@pytest.mark.parametrize(("site", "source"), [("ukrainetoday.org", "header"), ("www.dw.com", "meta"),
                                              ("local10.com", "header"), ("www.rferl.org", "bom"),
                                              ("www.themoscowtimes.com", "meta")])
def test_each_page_s_bytes_are_read_as_a_browser_reads_them(site, source):
    """The set's byte traps (held from the first run): the windows-1251 ``<meta>`` under a UTF-8 header
    (the header wins), ISO-8859-15 and ISO-8859-5 named by the ``<meta>`` alone, UTF-8 with a byte order
    mark under a header naming ISO-8859-1 (the mark wins); each page's text is its generator's."""
    page = next(p for p in rendition_pages("renditions26") if p["path"].startswith(site + "/"))
    body = (FIXTURES / page["path"]).read_bytes()
    decoded = decode_html(body, page["content_type"])
    assert decoded.source == source
    assert decoded.text == body.decode(page["encoding"]).lstrip("\ufeff")
