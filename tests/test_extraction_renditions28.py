"""The twenty-eighth renditions of the seed pages (``tests/fixtures/renditions28``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off, with the look-alikes that must stay.

- a caption as a Korean editor writes it, a paragraph opening with "▲" right after the image's own
  paragraph (Daum's blog editor): DOM rule ``image-caption-marker``;
- a page declaring euc-kr over UHC (windows-949) bytes, Shift_JIS over windows-31j's NEC rows, Big5 over
  HKSCS characters: read in WHATWG's superset, ``decode.WHATWG_SUPERSETS``;
- a page declaring TIS-620 over windows-874 bytes: read in windows-874 (``decode.WHATWG_SUPERSETS``, its
  no-break spaces), or, where TIS-620 reads it, its curly quotes at 0x91-0x94 in windows-874
  (``decode.WINDOWS_TWINS``);
- Sohu's link back to the portal closing an article ("返回搜狐，查看更多"): paragraph rule
  ``portal-back-link-zh``;
- the editor-in-charge label with its name left empty ("责任编辑："): paragraph rule ``editor-credit-zh``.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import decode, extract
from archiver.extraction.decode import decode_html

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions28", OPEN)
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions28", OPEN_EXTRA, "extra.tsv")

PARAS = "".join(f"<p>{p}</p>" for p in BODY)
FIXTURES = ROOT / "tests" / "fixtures" / "renditions28"


def _page(before: str = "", after: str = "", lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>{before}{PARAS}{after}"
            "</article></main><footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


CAPTION_KO = "▲ The last ferry of the night leaves the quay at ten, watched by the harbour master (사진=항구일보)"


def test_a_caption_opening_with_the_korean_mark_after_the_image_goes(monkeypatch):
    page = _page(f"<p style='text-align:center'><img src='/f.jpg' alt=''></p><p style='text-align:center'>"
                 f"<span style='font-size:9pt'>{CAPTION_KO}</span></p>", lang="ko")
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "image-caption-marker")
    assert CAPTION_KO in _paras(page)


def test_a_list_paragraph_opening_with_the_mark_after_text_stays():
    items = "▲ 첫 배편 오전 6시 운항 ▲ 마지막 배편 밤 10시로 앞당김 ▲ 주말 배편 두 차례 추가 운항 등이 새 시간표의 주요 내용이다."
    assert items in _paras(_page(after=f"<p>{items}</p>", lang="ko"))


RFERL = next(p for p in rendition_pages("renditions28") if p["path"].startswith("www.rferl.org"))


def test_the_daum_page_declaring_euc_kr_over_uhc_bytes_is_read_as_declared(monkeypatch):
    body = (FIXTURES / RFERL["path"]).read_bytes()
    decoded = decode_html(body, RFERL["content_type"], "org")
    assert (decoded.source, decoded.encoding) == ("meta", "cp949")
    assert "똠방각하의 햏 블로그" in decoded.text and "\ufffd" not in decoded.text
    monkeypatch.setattr(decode, "WHATWG_SUPERSETS", False)
    assert "똠방각하의 햏 블로그" not in decode_html(body, RFERL["content_type"], "org").text


@pytest.mark.parametrize(("label", "codec", "words"), [
    ("euc-kr", "cp949", "똠방각하 햏자 뷁"),          # UHC syllables outside KS X 1001
    ("shift_jis", "cp932", "①号線 ㈱港湾 髙橋"),       # NEC's and IBM's rows of windows-31j
    ("big5", "big5hkscs", "佢哋話嘅嘢"),               # Hong Kong's Cantonese characters
])
def test_a_cjk_label_over_its_whatwg_superset_is_read_as_declared(monkeypatch, label, codec, words):
    page = (f"<html><head><meta charset={label}><title>x</title></head><body><p>The harbour board met on "
            f"Monday. {words}</p></body></html>").encode(codec)
    decoded = decode_html(page, "text/html")
    assert (decoded.source, decoded.encoding, words in decoded.text) == ("meta", codec, True)
    monkeypatch.setattr(decode, "WHATWG_SUPERSETS", False)
    assert words not in decode_html(page, "text/html").text


@pytest.mark.parametrize(("label", "codec", "words"), [
    ("euc-kr", "euc_kr", "항구 소식"), ("shift_jis", "shift_jis", "港湾ニュース"), ("big5", "big5", "港口新聞")])
def test_a_page_in_the_named_codec_itself_keeps_it(label, codec, words):
    page = f"<html><head><meta charset={label}></head><body><p>{words}</p></body></html>".encode(codec)
    assert (decode_html(page, "text/html").source, decode_html(page, "text/html").encoding) == ("meta", codec)


BLOGGANG = next(p for p in rendition_pages("renditions28", "extra.tsv") if "bloggang" in p["path"])


def test_the_bloggang_page_declaring_tis_620_over_windows_874_is_read_as_declared(monkeypatch):
    body = (FIXTURES / BLOGGANG["path"]).read_bytes()
    decoded = decode_html(body, BLOGGANG["content_type"], "org")
    assert (decoded.source, decoded.encoding) == ("meta", "cp874")
    assert "“terrorist aggression”" in decoded.text and "ข่าวจากยุโรปตะวันออก" in decoded.text
    monkeypatch.setattr(decode, "WHATWG_SUPERSETS", False)  # TIS-620 refuses its 0xA0: the detector's guess
    assert decode_html(body, BLOGGANG["content_type"], "org").source == "detected"


THAI = ("<html><head><meta charset=tis-620><title>x</title></head><body><p>ข่าวท่าเรือ: “The last ferry leaves at "
        "ten,” the harbour master said… </p></body></html>")


def test_windows_874_quotes_under_a_tis_620_label_are_kept(monkeypatch):
    page = THAI.encode("cp874")
    assert "“The last ferry leaves at ten,” the harbour master said…" in decode_html(page, "text/html").text
    monkeypatch.delitem(decode.WINDOWS_TWINS, "tis_620")  # no twin: the bytes read as control codes
    assert "“The last ferry" not in decode_html(page, "text/html").text


def test_a_tis_620_page_without_windows_bytes_is_read_in_tis_620():
    page = "<html><head><meta charset=tis-620></head><body><p>ข่าวท่าเรือ</p></body></html>".encode("tis_620")
    assert decode_html(page, "text/html").encoding == "tis-620"


BACK = "返回港口网，查看更多"


def test_a_portal_s_link_back_closing_the_article_goes(monkeypatch):
    page = _page(after=f"<a id='back' href='/'><span>{BACK}</span></a>", lang="zh")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "portal-back-link-zh")
    assert BACK in _paras(page)


def test_a_sentence_about_going_back_stays():
    line = "返回港口的最后一班渡轮将提前一小时出发，乘客可查看更多时刻表信息。"
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="zh"))


def test_the_editor_in_charge_label_left_empty_goes(monkeypatch):
    page = _page(after="<p data-role='editor-name'>责任编辑：<span></span></p>", lang="zh")
    assert _paras(page) == BODY
    original = ex.rules_for

    def with_a_name_required(host):  # the rule as it was before this set: a name of one character or more
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(
            dataclasses.replace(r, pattern=re.compile(r.pattern.pattern.replace("{0,12}", "{1,12}", 1)))
            if r.name == "editor-credit-zh" else r for r in rules.paragraphs))
    monkeypatch.setattr(ex, "rules_for", with_a_name_required)
    assert "责任编辑：" in _paras(page)


def test_a_sentence_naming_the_editor_in_charge_stays():
    line = "责任编辑：港口日报的王某在周一的会议上介绍了新的冬季时刻表。"
    assert line in _paras(_page(after=f"<p>{line}</p>", lang="zh"))
