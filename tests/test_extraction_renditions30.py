"""The thirtieth renditions of the seed pages (``tests/fixtures/renditions30``) word for word, how their
byte traps are read, and the kinds they found, each on a small page of its own (invented site and text) that
fails with its fix switched off, with the look-alikes that must stay.

- a page that shows its story's first paragraphs and a "Continue reading" button, the whole story only in the
  state it inlines for its script, as a headless CMS's record: its name beside a child object of fields
  (Storyblok's ``{"story": {"name": TITLE, "content": {"body": "<p>..."}}}``): ``statebody.CHILD_FIELDS``;
- the same with the story's body a rich-text document of typed nodes, not HTML: ProseMirror / TipTap's
  (Storyblok's richtext, Strapi's blocks), Contentful's (``nodeType``, ``value``, ``heading-2``), Sanity's
  Portable Text (``_type``, ``style``, ``children``): ``blockstate.RICH_TEXT``;
- "all rights reserved" closing a story in Welsh ("Cedwir pob hawl. Ni chaniateir atgynhyrchu ... heb
  ganiatâd ysgrifenedig ..."), Irish, Maltese, Basque, Georgian ...: paragraph rule
  ``legal-notice-more-languages`` (its languages widened);
- a "read also" line and its link inside a story in Maltese ("Aqra wkoll:"), Welsh, Irish, Icelandic ...: DOM
  rule ``read-also-unit-more-languages`` (its labels widened);
- the title of a post's related links in lenticular brackets ("【関連記事】") left alone once its links went:
  paragraph rule ``related-label-more-languages`` (the brackets);
- a caption written as a paragraph (a Japanese blog's small grey line under a photo) closed by a credit
  labelled in another language or script ("... last week. 写真：Russian Defense Ministry / TASS", "Llun:",
  "Фото:"): paragraph rule ``caption-credit-tail-i18n`` (new).
"""

from __future__ import annotations

import json

import pytest
from renditionkit import BODY, ROOT, TITLE, URL, rendition_pages, word_for_word
from rulekit import with_paragraph_pattern, without_dom_rule, without_paragraph_rule

from archiver.extraction import blockstate, extract, statebody
from archiver.extraction.decode import decode_html

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions30", OPEN)
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions30", OPEN_EXTRA, "extra.tsv")

FIXTURES = ROOT / "tests" / "fixtures" / "renditions30"
PAGES = {p["path"].split("/")[0]: p for p in rendition_pages("renditions30")}


@pytest.mark.parametrize(("site", "source", "codec", "words"), [
    ("ukrainetoday.org", "header", "iso8859-3", "Aqbeż għall-kontenut"),
    ("www.dw.com", "meta", "iso8859-14", "Mae'r erthygl hon ar gael i danysgrifwyr yn unig."),
    ("www.rferl.org", "meta", "iso8859-6", "انتقل إلى المحتوى"),
    ("www.themoscowtimes.com", "header", "euc-jp", "一定期間更新がないため広告を表示しています"),
])
def test_each_page_is_read_in_the_encoding_it_names(site, source, codec, words):
    page = PAGES[site]
    decoded = decode_html((FIXTURES / page["path"]).read_bytes(), page["content_type"], "org")
    assert (decoded.source, decoded.encoding.replace("_", "-")) == (source, codec.replace("_", "-"))
    assert " ".join(words.split()) in " ".join(decoded.text.split())


def _lazy_page(state: dict, shown: int = 2) -> str:
    """The ferry story's page showing its first ``shown`` paragraphs and a "Continue reading" button, with
    ``state`` inlined as the page's ``application/json`` script ("</" escaped)."""
    paras = "".join(f"<p>{p}</p>" for p in BODY[:shown])
    data = json.dumps(state).replace("</", "<\\/")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='story-body'>{paras}<button type='button'>Continue reading</button></div></article></main>"
            f"<footer>© 2026 Harbour Gazette</footer><script type='application/json' id='story-data'>{data}"
            "</script></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


def test_a_record_s_body_in_a_child_object_of_fields_is_read(monkeypatch):
    page = _lazy_page({"story": {"name": TITLE, "id": 7, "content": {"component": "article",
                                                                      "body": "".join(f"<p>{p}</p>" for p in BODY)}}})
    assert _paras(page) == BODY
    monkeypatch.setattr(statebody, "CHILD_FIELDS", False)
    assert _paras(page) == BODY[:2]


def test_a_child_object_s_html_does_not_replace_a_body_the_page_shows():
    other = "".join(f"<p>{p}</p>" for p in ("A related story's first paragraph about the new quay lights.",
                                            "And its second paragraph, on what the lights cost the board."))
    page = _lazy_page({"story": {"name": TITLE, "content": {"related": other}}}, shown=6)
    assert _paras(page) == BODY


def _prosemirror(paras: list[str], head: str | None = None) -> dict:
    nodes: list[dict] = [{"type": "paragraph", "content": [{"type": "text", "text": p}]} for p in paras]
    if head is not None:
        nodes.insert(3, {"type": "heading", "attrs": {"level": 3}, "content": [{"type": "text", "text": head}]})
    return {"type": "doc", "content": nodes}


HEAD = "What changes on weekdays"
CONTENTFUL = {"nodeType": "document", "data": {}, "content": [
    *({"nodeType": "paragraph", "data": {}, "content": [{"nodeType": "text", "value": p, "marks": [], "data": {}}]}
      for p in BODY[:3]),
    {"nodeType": "heading-3", "data": {}, "content": [{"nodeType": "text", "value": HEAD, "marks": [], "data": {}}]},
    *({"nodeType": "paragraph", "data": {}, "content": [
        {"nodeType": "text", "value": p.split(" moves ")[0] + " moves ", "marks": [], "data": {}},
        {"nodeType": "hyperlink", "data": {"uri": "https://example.org/t"},
         "content": [{"nodeType": "text", "value": "the last crossing", "marks": [], "data": {}}]},
        {"nodeType": "text", "value": p.split("the last crossing")[1], "marks": [], "data": {}}]} for p in BODY[3:])]}
PORTABLE = [
    *({"_type": "block", "_key": f"b{i}", "style": "normal", "markDefs": [],
       "children": [{"_type": "span", "_key": f"s{i}", "text": p, "marks": []}]} for i, p in enumerate(BODY[:3])),
    {"_type": "block", "_key": "h", "style": "h3", "children": [{"_type": "span", "_key": "hs", "text": HEAD}]},
    {"_type": "image", "_key": "img", "asset": {"_ref": "image-ab12-1200x800-jpg"}},
    *({"_type": "block", "_key": f"c{i}", "style": "normal", "markDefs": [],
       "children": [{"_type": "span", "_key": f"t{i}", "text": p, "marks": []}]} for i, p in enumerate(BODY[3:]))]


@pytest.mark.parametrize(("name", "state"), [
    ("storyblok", {"story": {"name": TITLE, "content": {"component": "article", "body": _prosemirror(BODY, HEAD)}}}),
    ("strapi", {"data": {"id": 3, "attributes": {"title": TITLE, "content": [
        {"type": "paragraph", "children": [{"type": "text", "text": p}]} for p in BODY]}}}),
    ("contentful", {"props": {"pageProps": {"entry": {"fields": {"title": TITLE, "body": CONTENTFUL}}}}}),
    ("sanity", {"props": {"pageProps": {"post": {"_type": "post", "title": TITLE, "body": PORTABLE}}}}),
])
def test_a_body_held_as_a_rich_text_document_is_read(monkeypatch, name, state):
    page = _lazy_page(state)
    want = [*BODY[:3], HEAD, *BODY[3:]] if name != "strapi" else BODY
    assert _paras(page) == want
    monkeypatch.setattr(blockstate, "RICH_TEXT", False)
    assert _paras(page) == BODY[:2]


def test_a_rich_text_document_of_another_record_or_too_short_is_not_read():
    teaser = {"story": {"name": TITLE, "content": {"teaser": _prosemirror(BODY[:2])},
                        "related": [{"name": "Quay lights switched on", "content": {"body": _prosemirror(BODY)}}]}}
    assert _paras(_lazy_page(teaser)) == BODY[:2]
    comment = {"comments": [{"author": "Rob", "body": _prosemirror(["I took the late ferry for years."] * 4)}]}
    assert _paras(_lazy_page(comment, shown=6)) == BODY


GENERIC = json.loads((ROOT / "archiver" / "rules" / "generic.json").read_text(encoding="utf-8"))


def _rule_pattern(name: str) -> str:
    found = [r for group in GENERIC.values() if isinstance(group, list) for r in group
             if isinstance(r, dict) and r.get("name") == name]
    return found[0]["pattern"]


def _story(after: str = "", between: str = "", lang: str = "en") -> str:
    paras = [f"<p>{p}</p>" for p in BODY]
    paras.insert(3, between)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='article-body'>{''.join(paras)}{after}</div></article></main>"
            "<footer>© 2026 Harbour Gazette</footer></body></html>")


LEGAL_CY = ("Cedwir pob hawl. Ni chaniateir atgynhyrchu, dosbarthu na chyhoeddi’r erthygl hon heb ganiatâd "
            "ysgrifenedig Harbour Gazette.")
LEGAL_ADDED = _rule_pattern("legal-notice-more-languages").split("|tots els drets reservats|")[1].split("|सर्वाधिकार")[0]


@pytest.mark.parametrize("line", [LEGAL_CY, "Gach ceart ar cosaint. © Harbour Gazette 2026",
                                  "Id-drittijiet kollha riżervati. © 2026 Harbour Gazette",
                                  "© 2026 Harbour Gazette. ყველა უფლება დაცულია."])
def test_all_rights_reserved_in_welsh_irish_maltese_georgian_closing_a_story_goes(monkeypatch, line):
    page = _story(after=f"<p>{line}</p>")
    assert _paras(page) == BODY
    pattern = _rule_pattern("legal-notice-more-languages")
    assert LEGAL_ADDED and LEGAL_ADDED in pattern
    with_paragraph_pattern(monkeypatch, "legal-notice-more-languages", pattern.replace(LEGAL_ADDED + "|", ""))
    without_paragraph_rule(monkeypatch, "legal-notice-protected-phrase")  # review40: the "protected" phrases' shape
    assert line in _paras(page)


def test_a_welsh_story_line_on_a_right_stays():
    line = "Mae gan bob teithiwr hawl i ad-daliad llawn os caiff y fferi olaf ei chanslo heb rybudd, meddai’r bwrdd."
    assert line in _paras(_story(after=f"<p>{line}</p>", lang="cy"))


@pytest.mark.parametrize("label", ["Aqra wkoll:", "Darllenwch hefyd:", "Léigh freisin:", "Lestu einnig:"])
def test_a_read_also_line_in_maltese_welsh_irish_icelandic_goes(monkeypatch, label):
    link = "The harbour lights are switched on for the winter"
    page = _story(between=f"<p><strong>{label}</strong> <a href='/2026/11/19/lights/'>{link}</a></p>")
    assert _paras(page) == BODY
    without_dom_rule(monkeypatch, "read-also-unit-more-languages")
    assert any(link in p for p in _paras(page))


def test_a_sentence_opening_with_the_words_stays():
    line = ("Aqra wkoll il-kumment tal-kaptan, li qal li l-vapur l-antik se jibqa’ jopera sa Marzu, "
            "meta jasal il-bastiment il-ġdid mill-Olanda.")
    assert line in _paras(_story(between=f"<p>{line}</p>", lang="mt"))


RELATED_LIST = ("<p>【関連記事】</p><ul><li><a href='/2026/11/19/lights/'>港の灯り、冬の点灯式</a></li>"
                "<li><a href='/2026/11/18/quay/'>岸壁の改修工事が始まる</a></li></ul>")


def test_a_related_links_title_in_lenticular_brackets_goes(monkeypatch):
    page = _story(after=RELATED_LIST, lang="ja")
    assert _paras(page) == BODY
    pattern = _rule_pattern("related-label-more-languages")
    before = pattern.replace("(?:[【［\\[]\\s*)?", "").replace("\\s*(?:[】］\\]]\\s*)?[:：]?$", "\\s*:?$")
    assert before != pattern
    with_paragraph_pattern(monkeypatch, "related-label-more-languages", before)
    assert "【関連記事】" in _paras(page)


def test_a_bracketed_heading_that_names_more_stays():
    line = "【関連記事】で紹介した岸壁の改修工事は、予定より二か月早く終わった。"
    assert line in _paras(_story(after=f"<p>{line}</p>", lang="ja"))


CAPTION_JA = "The last ferry of the night leaves the quay at ten. 写真：Harbour Gazette / Jane Doe"


@pytest.mark.parametrize("caption", [CAPTION_JA, "The last ferry of the night leaves the quay at ten. Llun: Jane Doe",
                                     "The last ferry of the night leaves the quay at ten. Фото: Jane Doe"])
def test_a_caption_paragraph_closed_by_a_credit_labelled_in_another_language_goes(monkeypatch, caption):
    page = _story(between=f"<p><img src='/f.jpg' alt=''></p><p><span style='font-size:x-small'>{caption}</span></p>")
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "caption-credit-tail-i18n")
    assert caption in _paras(page)


def test_a_sentence_after_the_label_word_stays():
    line = ("The council voted on Monday. Llun: Ynys Môn was the only council to oppose the plan, and it will "
            "appeal.")
    assert line in _paras(_story(after=f"<p>{line}</p>"))
