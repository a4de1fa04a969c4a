"""The twenty-seventh renditions of the seed pages (``tests/fixtures/renditions27``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off, with the look-alikes that must stay.

- the story's ``<p>``s framed in a one-cell layout table inside the article's block (DedeCMS's body
  field), whose last paragraphs trafilatura glued into one ``| ... |`` row: ``tables.PROSE_CELLS``;
- a Chinese CMS's ``<title>`` cut by "_" ("Headline_栏目_网站"): ``metadata.CJK_UNDERSCORE``;
- a blog's name in the header's ``<h1>`` with its tagline, the post's title in the article's own
  ``<header>`` ("Headline - Blog - Tagline", s9y's 2k11 theme): ``metadata.SITE_TAGLINE_H1``;
- a page declaring gb2312 over GB18030 bytes (four-byte sequences): ``decode.GBK_AS_GB18030``;
- the sanction notice translated into Chinese: paragraph rule ``sanction-notice-zh``;
- a Chinese caption under the label 图 ("图：..."), longer than a credit: ``image-caption-zh``;
- the Urdu "related article" label over a headline inside the story: DOM rule
  ``read-also-unit-more-languages``;
- the source line under the Urdu label "ماخذ" with the address: ``source-link``;
- "Originally published by NAME." closing a copied post: ``origin-publisher-line``.
"""

from __future__ import annotations

import lxml.html
import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import decode, extract, metadata, tables
from archiver.extraction.decode import decode_html

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions27", OPEN)
# BookStack's caption pasted as an italic paragraph under the image's paragraph: a rule for the kind
# (italics right after an image-only paragraph) took figure captions WCXB's and the eval set's truth keep
# (seven pages down), so it was dropped (README, "Left open")
OPEN_EXTRA: set[str] = {"extra/bookstack-www.dw.com.html"}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions27", OPEN_EXTRA, "extra.tsv")

PARAS = "".join(f"<p>{p}</p>" for p in BODY)
FIXTURES = ROOT / "tests" / "fixtures" / "renditions27"


def _page(before: str = "", after: str = "", title: str = TITLE, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>{before}{PARAS}{after}"
            "</article></main><footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


def _dede(cell: str, title: str = TITLE) -> str:
    """A DedeCMS-like article page: no ``<h1>``, the headline in ``div.title h2``, the body field framed in a
    one-cell table inside ``div.content``."""
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<div class='header'><a href='/'>港口新闻网</a> <a href='/guoji/'>国际</a> <a href='/bendi/'>本地</a></div>"
            f"<div class='viewbox'><div class='title'><h2>{TITLE}</h2></div>"
            "<div class='info'>时间:2026-11-20 来源:港口日报</div>"
            f"<div class='content'><table width='100%'><tr><td>{cell}</td></tr></table></div></div>"
            "<div class='footer'>Copyright © 港口新闻网 版权所有</div></body></html>")


def test_the_story_framed_in_one_cell_inside_its_block_is_read_as_paragraphs(monkeypatch):
    page = _dede(PARAS + "<p>责任编辑：王某</p>")
    assert _paras(page) == BODY
    monkeypatch.setattr(tables, "PROSE_CELLS", False)
    assert _paras(page) != BODY


def test_a_small_table_of_paragraphs_inside_an_article_stays_a_table():
    box = "<table><tr><td><p>Fares: 4 euros.</p><p>Bikes: free.</p><p>Dogs: on a lead.</p></td></tr></table>"
    root = lxml.html.fromstring(_page(after=box))
    assert tables.unwrap_layout_tables(root) == 0


def test_a_page_wrapped_whole_in_one_cell_under_its_headings_stays_a_table():
    """The held-out page clean-links (a study text in one ``<td>`` inside ``<center>``, its headings first)."""
    page = ("<html><head><title>Harbour study texts</title></head><body><center><table width='675'><tr><td>"
            f"<h3>Study text</h3><h2>{TITLE}</h2>{PARAS}</td></tr></table></center></body></html>")
    assert tables.unwrap_layout_tables(lxml.html.fromstring(page)) == 0


def test_a_chinese_cms_title_cut_by_underscores_gives_the_headline(monkeypatch):
    page = _dede(PARAS, title=f"{TITLE}_国际新闻_港口新闻网")
    assert extract(page, URL).title == TITLE
    monkeypatch.setattr(metadata, "CJK_UNDERSCORE", False)
    assert extract(page, URL).title != TITLE


def test_an_underscore_between_latin_words_does_not_cut_a_title():
    tree = lxml.html.fromstring("<html><head><title>harbour_board minutes for November</title></head>"
                                "<body><h2>harbour_board minutes for November</h2></body></html>")
    assert metadata.headline_in_title(tree, "harbour_board minutes for November") is None


def _s9y(tagline: str = "Notes from the quay") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{TITLE} - Harbour Notes - Notes from the quay</title></head>"
            f"<body><header id='banner'><div id='identity'><a href='/'><h1>Harbour Notes</h1><p>{tagline}</p></a></div>"
            "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav></header>"
            f"<main><article class='serendipity_entry'><header><h2><a href='/archives/12-ferry.html'>{TITLE}</a></h2>"
            f"</header><div class='serendipity_entry_body'>{PARAS}</div></article></main></body></html>")


def test_a_blog_s_name_and_tagline_around_the_post_s_title_give_the_post_s_title(monkeypatch):
    assert extract(_s9y(), URL).title == TITLE
    monkeypatch.setattr(metadata, "SITE_TAGLINE_H1", False)
    assert extract(_s9y(), URL).title == "Harbour Notes"


def test_a_title_piece_the_header_does_not_print_keeps_the_h1():
    assert extract(_s9y(tagline="Since 2009"), URL).title == "Harbour Notes"


KZ_PAGE = ("<html><head><meta charset=gb2312><title>x</title></head><body><p>Tokayev named the new cabinet on "
           "Tuesday. 繁體 Қазақстан</p></body></html>").encode("gb18030")


def test_a_gb2312_label_over_four_byte_gb18030_sequences_is_read_as_declared(monkeypatch):
    decoded = decode_html(KZ_PAGE, "text/html", "kz")
    assert (decoded.source, decoded.encoding) == ("meta", "gb18030")
    assert "繁體 Қазақстан" in decoded.text
    monkeypatch.setattr(decode, "GBK_AS_GB18030", False)
    assert "Қазақстан" not in decode_html(KZ_PAGE, "text/html", "kz").text  # the .kz hint guesses windows-1251


def test_a_gb2312_page_in_gb2312_is_read_by_its_own_codec():
    page = "<html><head><meta charset=gb2312></head><body><p>港口新闻 天气</p></body></html>".encode("gb2312")
    assert (decode_html(page, "text/html").source, decode_html(page, "text/html").encoding) == ("meta", "gb2312")


NOTICE_ZH = ["港口电台已被俄罗斯政府宣布为“不受欢迎的组织”。",
             "如果您身在俄罗斯并持有俄罗斯护照，请注意，分享或保存我们的内容可能使您面临罚款或监禁。"]


def test_the_sanction_notice_in_chinese_and_its_warning_go(monkeypatch):
    page = _page(after="".join(f"<p>{p}</p>" for p in NOTICE_ZH), lang="zh")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "sanction-notice-zh")
    assert NOTICE_ZH[0] in _paras(page)


def test_a_chinese_sentence_reporting_the_designation_stays():
    line = "俄罗斯司法部周五表示，港口电台已被俄罗斯政府宣布为“不受欢迎的组织”，其记者将继续在布拉格工作。"
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="zh"))


CAPTION_ZH = ("图：" + "The last ferry of the night leaves the quay at ten, watched by the harbour master and a crowd "
              "of regular passengers who came to see the old timetable off.")


def test_a_chinese_caption_under_its_label_goes(monkeypatch):
    page = _page(f"<p><img src='/f.jpg' alt=''></p><p class='pic-note'>{CAPTION_ZH}</p>", lang="zh")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "image-caption-zh")
    assert CAPTION_ZH in _paras(page)


def test_a_chinese_sentence_naming_a_figure_stays():
    line = "图1显示了冬季时刻表实施后每天的乘客人数，晚间航班的乘客减少了三成。"
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="zh"))


RELATED_UR = ("<p dir='rtl' lang='ur'><strong>متعلقہ مضمون:</strong> "
              "<a href='/2026/11/19/harbour-board-vote/'>Harbour board votes to cut the late ferry</a></p>")


def test_the_urdu_related_article_label_and_its_link_go(monkeypatch):
    page = _page("<p>" + BODY[0] + "</p>" + RELATED_UR)
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "read-also-unit-more-languages")
    assert any("Harbour board votes" in p for p in _paras(page))


def test_an_urdu_sentence_with_the_word_for_related_stays():
    line = "متعلقہ حکام نے بتایا کہ سردیوں کے نظام الاوقات کے بعد آخری فیری ایک گھنٹہ پہلے روانہ ہوگی۔"
    assert line in _paras(_page(after=f"<p dir='rtl'>{line}</p>", lang="ur"))


SOURCE_UR = f"ماخذ: The Harbour Gazette ({URL})"


def test_the_source_line_under_the_urdu_label_goes(monkeypatch):
    page = _page(after=f"<p dir='rtl' lang='ur'>{SOURCE_UR}</p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "source-link")
    assert SOURCE_UR in _paras(page)


def test_an_urdu_sentence_opening_with_the_word_for_source_stays():
    line = "ماخذ کے مطابق بندرگاہ بورڈ نے پیر کے روز نیا نظام الاوقات منظور کیا۔"
    assert line in _paras(_page(after=f"<p dir='rtl'>{line}</p>", lang="ur"))


ORIGIN = "Originally published by The Harbour Gazette."


def test_a_closing_line_naming_the_first_publisher_goes(monkeypatch):
    page = _page(after=f"<p><em>{ORIGIN}</em></p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "origin-publisher-line")
    assert ORIGIN in _paras(page)


def test_a_sentence_about_where_the_article_first_ran_stays():
    line = "This article was originally published on The Conversation."
    assert line in _paras(_page(after=f"<p>{line}</p>"))


@pytest.mark.parametrize(("site", "source", "encoding"), [("ukrainetoday.org", "meta", "cp1253"),
                                                          ("www.dw.com", "header", "utf-8"),
                                                          ("local10.com", "header", "utf-8"),
                                                          ("www.rferl.org", "meta", "gb18030"),
                                                          ("www.themoscowtimes.com", "header", "utf-8")])
def test_each_page_s_bytes_are_read_as_a_browser_reads_them(site, source, encoding):
    """The set's byte traps: windows-1253 named by the ``<meta>`` alone; the gb2312 ``<meta>`` over GB18030
    bytes (read in gb18030 as declared, ``GBK_AS_GB18030``); each page's text is its generator's."""
    page = next(p for p in rendition_pages("renditions27") if p["path"].startswith(site + "/"))
    body = (FIXTURES / page["path"]).read_bytes()
    decoded = decode_html(body, page["content_type"])
    assert (decoded.source, decoded.encoding) == (source, encoding)
    assert decoded.text == body.decode(page["encoding"])
