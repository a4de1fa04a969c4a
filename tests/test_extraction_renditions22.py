"""The twenty-second renditions of the seed pages (``tests/fixtures/renditions22``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a reposting site's closing line naming the source in the site's own language, the name a link and no
  address ("מקור: Ukraine Today", "Kaynak: DW"): paragraph rule ``source-name-line``;
- a blog's title "Headline @ Blog :: Platform ::" (PIXNET), whose " @ " and " :: " are separators: the
  headline shown in the post's ``h2`` is the title, not the blog's name in the banner's ``h1``
  (``metadata.TITLE_SEPARATOR``);
- a reposter's note heading the body, "轉載自..." (taken from ...): paragraph rule ``republish-lead-cjk``;
- the article's metadata as a definition list of labelled fields ("Author:" "By AFP", "Date:", a Sphinx
  page's docutils field list): DOM rule ``metadata-field-list``.
"""

from __future__ import annotations

import re

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions22", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {
    "extra/googlesites-www.rferl.org.html",  # a declared title "Site - Page" not holding the page's only <h1>
}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions22", OPEN_EXTRA, "extra.tsv")


def _page(body: list[str], title: str = TITLE, head: str = "", lang: str = "en", direction: str = "ltr") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html lang='{lang}' dir='{direction}'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><header><a href='/'>Harbour Gazette</a></header><main><article>{head or f'<h1>{TITLE}</h1>'}"
            f"<div class='text' dir='ltr' lang='en'>{paras}</div></article></main><footer>© 2026 Harbour Gazette"
            "</footer></body></html>")


SOURCE = "<a href='https://www.harbourtown-gazette.example/2026/11/20/ferry/'>Harbour Gazette</a>"


@pytest.mark.parametrize(("label", "lang", "direction"), [("מקור:", "he", "rtl"), ("Kaynak:", "tr", "ltr"),
                                                           ("Πηγή:", "el", "ltr")])
def test_a_source_label_with_the_source_s_name_alone_closing_a_repost_goes(monkeypatch, label, lang, direction):
    page = _page([*BODY, f"{label} {SOURCE}"], lang=lang, direction=direction)
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "source-name-line")
    assert f"{label} Harbour Gazette" in extract(page, URL).paragraphs


def test_a_source_label_before_a_sentence_and_a_chinese_agency_line_stay():
    line = "Kaynak: the harbour board said the timetable was final."
    assert line in extract(_page([*BODY, line]), URL).paragraphs  # a sentence, not a name
    agency = "来源：新华社"  # the agency line closing a Chinese story (source-dateline-zh keeps it)
    assert agency in extract(_page([*BODY, agency], lang="zh"), URL).paragraphs


def test_a_repost_note_heading_the_body_goes(monkeypatch):
    page = _page(["轉載自港口公報（Harbour Gazette）", *BODY])
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "republish-lead-cjk")
    assert "轉載自港口公報（Harbour Gazette）" in extract(page, URL).paragraphs


def _blog(title: str) -> str:
    """The ferry story on a PIXNET-like blog: the blog's name in the banner's ``h1`` (a link to the blog),
    the post's headline in ``h2``; ``title`` the declared title."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html lang='zh-TW'><head><meta charset='utf-8'><title>{title}</title><meta property="
            f"'og:title' content='{title}'></head><body><div id='banner'><h1><a href='https://harbour.blog.example/blog'>"
            "港口日記</a></h1><h2>渡輪與港口</h2></div><div class='article'><ul class='article-head'><li class='title'>"
            f"<h2><a href='https://harbour.blog.example/blog/post/7001'>{TITLE}</a></h2></li></ul><div class='article-"
            f"content'>{paras}</div></div><div id='footer'>痞客邦 PIXNET</div></body></html>")


@pytest.mark.parametrize("title", [f"{TITLE} @ 港口日記 :: 痞客邦 ::", f"{TITLE} @ 港口日記"])
def test_a_title_cut_by_at_and_double_colons_gives_the_post_s_headline(monkeypatch, title):
    from archiver.extraction import metadata
    assert extract(_blog(title), URL).title == TITLE
    monkeypatch.setattr(metadata, "TITLE_SEPARATOR", re.compile(r"\s+[|\-–—·•»/]\s+|:\s+"))  # the old one
    assert extract(_blog(title), URL).title != TITLE


FIELDS = ("<dl class='field-list simple'><dt class='field-odd'>Author<span class='colon'>:</span></dt><dd "
          "class='field-odd'><p>By Anna Rossi</p></dd><dt class='field-even'>Date<span class='colon'>:</span></dt>"
          "<dd class='field-even'><p>2026-11-20</p></dd></dl>")


def test_a_definition_list_of_the_article_s_metadata_goes(monkeypatch):
    page = _page(BODY, head=f"<h1>{TITLE}</h1>{FIELDS}")
    assert list(extract(page, URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "metadata-field-list")
    assert any("Anna Rossi" in p for p in extract(page, URL).paragraphs)


def test_a_definition_list_of_terms_stays():
    terms = ("<dl><dt>Date</dt><dd>The day the winter timetable starts, the first Monday of December.</dd>"
             "<dt>Crossing</dt><dd>One sailing of the ferry from the quay to the island and back again.</dd></dl>")
    page = _page(BODY, head=f"<h1>{TITLE}</h1>").replace(f"<p>{BODY[3]}</p>", f"{terms}<p>{BODY[3]}</p>")
    assert "One sailing of the ferry" in " ".join(extract(page, URL).paragraphs)
