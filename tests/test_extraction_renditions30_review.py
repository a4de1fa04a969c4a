"""Faults a reviewer found in the thirtieth renditions' fixes (``statebody.CHILD_FIELDS``, ``blockstate.RICH_TEXT``,
the widened ``legal-notice-more-languages`` and the new ``caption-credit-tail-i18n``), each on a small page of its own
(invented site and text, the ferry story of ``renditionkit``) that failed before its mend:

- no JSON shape crashes the state readers: a page builder's ``style`` object on a ``block`` node, a ``document``
  node without ``content`` (a file attachment), and every value of the readers' known shapes swapped for an odd one
  (an object, a list, None, a number, a string);
- an author's HTML bio in a child object of the record does not stand for the article (the body a rich-text
  document the block reader reads);
- a rich-text body's quotes and lists are read as paragraphs in order, an inline node of an unknown kind keeps its
  paragraph, and a link nested deep keeps its text;
- "all rights are protected" said in a story (Azerbaijani, Uzbek, Georgian, Armenian, Swahili) and a Welsh
  "may not be copied without permission" of photos stay; the notices themselves still go;
- a body paragraph closed by a credit ("... — сказал он. Фото: Пресс-служба мэрии") stays whole.
"""

from __future__ import annotations

import copy
import json

import pytest
from renditionkit import BODY, TITLE, URL

from archiver.extraction import blockstate, extract, statebody


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


def _result(page: str):
    result = extract(page, URL)
    assert not result.error, result.error
    return result


def _paras(page: str) -> list[str]:
    return list(_result(page).paragraphs)


def _pm(text: str) -> dict:
    return {"type": "paragraph", "content": [{"type": "text", "text": text}]}


# ---- (1) + (2): no JSON shape crashes extraction

def test_a_block_node_with_a_style_object_does_not_fail_the_page():
    for style in ({"padding": "16px"}, ["wide", "dark"]):
        sections = [{"type": "block", "style": style, "children": [{"type": "text", "text": f"Section {i} teaser"}]}
                    for i in range(40)]
        assert _paras(_lazy_page({"page": {"title": TITLE, "sections": sections}}, shown=6)) == BODY


def test_a_document_node_without_content_does_not_fail_the_page():
    nav = [{"label": f"S{i}", "href": "/s", "type": "text"} for i in range(60)]
    state = {"page": {"title": TITLE, "attachment": {"type": "document", "url": "/files/t.pdf"}, "nav": nav}}
    assert _paras(_lazy_page(state, shown=6)) == BODY
    below = {"page": {"title": TITLE, "files": {"pdf": {"nodeType": "document", "content": None}}, "nav": nav}}
    assert _paras(_lazy_page(below, shown=6)) == BODY


CONTENTFUL = {"nodeType": "document", "data": {}, "content": [
    {"nodeType": "paragraph", "data": {}, "content": [
        {"nodeType": "text", "value": p, "marks": [], "data": {}},
        {"nodeType": "hyperlink", "data": {"uri": "/t"}, "content": [{"nodeType": "text", "value": "x", "marks": []}]}]}
    for p in BODY[:4]] + [{"nodeType": "heading-3", "data": {}, "content": [{"nodeType": "text", "value": "Head"}]}]}
SHAPES = {
    "prosemirror": {"story": {"name": TITLE, "content": {"component": "article", "body": {"type": "doc", "content": [
        _pm(BODY[0]), {"type": "heading", "attrs": {"level": 3}, "content": [{"type": "text", "text": "Head"}]},
        {"type": "paragraph", "content": [{"type": "text", "text": BODY[1]}, {"type": "hard_break"},
                                          {"type": "link", "content": [{"type": "text", "text": "x"}]}]},
        _pm(BODY[2]), _pm(BODY[3])]}}}},
    "contentful": {"props": {"pageProps": {"entry": {"fields": {"title": TITLE, "body": CONTENTFUL}}}}},
    "sanity": {"post": {"title": TITLE, "body": [
        {"_type": "block", "style": "h2" if i == 1 else "normal", "children": [{"_type": "span", "text": p}]}
        for i, p in enumerate(BODY)]}},
    "ans": {"headlines": {"basic": TITLE}, "content_elements": [
        {"type": "text", "content": p} for p in BODY[:3]] + [{"type": "header", "level": 2, "content": "Head"}]},
    "editorjs": {"title": TITLE, "content": {"blocks": [
        {"type": "paragraph", "data": {"text": p}} for p in BODY[:3]] + [{"type": "header", "data": {"level": 9}}]}},
    "html": {"story": {"name": TITLE, "content": {"body": "".join(f"<p>{p}</p>" for p in BODY)}}},
    "devalue": [["ShallowReactive", 1], {"title": 2, "body": 3}, TITLE, "".join(f"<p>{p}</p>" for p in BODY)],
}
ODD = [None, 0, 2.5, True, "", "h²", "x", [], [None, 3], {}, {"type": None}, {"type": "doc"}, {"style": {"a": 1}},
       [["Reactive", 1]], [[1], 2], {"__html": 5}, {"rendered": []}]


def _paths(value, path=()):
    """Every path into ``value``'s objects and lists (the keys and indexes to each value below the root)."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield (*path, key)
        yield from _paths(child, (*path, key))


def _swapped(value, path, odd):
    out = copy.deepcopy(value)
    at = out
    for key in path[:-1]:
        at = at[key]
    at[path[-1]] = copy.deepcopy(odd)
    return out


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_reader_gives_a_result_for_any_value_in_place_of_any_other(name):
    """Each value of a known state's shape swapped for each odd one: the readers give a result or None."""
    lines = BODY[:1]
    for path in _paths(SHAPES[name]):
        for odd in ODD:
            data = _swapped(SHAPES[name], path, odd)
            text = json.dumps(data)
            assert blockstate._record_blocks(data, TITLE) is None or True
            assert statebody._record_body(data, TITLE) is None or True
            if statebody._is_devalue(data):
                statebody.revive(data)
            blockstate.use_block_state(lines, [text], TITLE)
            statebody.use_state_body(lines, [text], TITLE, [])


@pytest.mark.parametrize("odd", ODD, ids=repr)
def test_each_node_reader_gives_a_result_for_an_odd_node(odd):
    for node in (odd, {"type": "block", "style": odd, "children": odd}, {"nodeType": "heading-x", "content": odd},
                 {"_type": "block", "style": odd}, {"type": "heading", "data": odd, "attrs": odd, "level": odd},
                 {"type": odd, "content": odd, "text": odd, "data": {"text": odd}}):
        blockstate._as_html([node] * 4)
        blockstate._as_html(odd if isinstance(odd, list) else [odd])
        if isinstance(node, dict):
            blockstate._block_text(node)
            blockstate._kind(node)
            blockstate._holds_title(node, "x")
        blockstate._record_blocks({"title": TITLE, "body": node, "more": [node] * 4}, TITLE)
        statebody._record_body({"title": TITLE, "body": node, "more": {"a": node}}, TITLE)
        statebody._field(node)
        statebody._is_devalue([node, node])
        statebody.revive([node, node])
    statebody.flight_rows([f"self.__next_f.push({json.dumps([1, odd])})"])


# ---- (3): a child object's HTML stands for the body only when it is the body

BIO = "".join(f"<p>{s}</p>" for s in (
    "Ros Calder has covered the harbour, its ferries and the people who work on them for the Gazette since 2009, "
    "after ten years on the crossing herself as a deckhand and later as a mate.",
    "She writes the weekly column on the island's boats and was shortlisted twice for the regional press awards.",
    "Before joining the paper she sailed with the lifeboat crew at the north quay and still volunteers there, "
    "taking the Tuesday night watch when the winter storms come in from the west."))


def _record_with_bio(shown: int) -> dict:
    doc = {"type": "doc", "content": [_pm(p) for p in BODY]}
    return {"story": {"name": TITLE, "content": {"component": "article", "body": doc},
                      "author": {"name": "Ros Calder", "bio": BIO}}}


def test_an_author_s_bio_in_a_child_object_does_not_replace_the_article():
    assert _paras(_lazy_page(_record_with_bio(shown=1), shown=1)) == BODY
    assert _paras(_lazy_page(_record_with_bio(shown=0), shown=0)) == BODY


def test_a_child_field_without_the_text_the_page_shows_is_not_the_body():
    other = "".join(f"<p>A related story's paragraph {i} on the new quay lights and what they cost the board, "
                    "as the harbour master told the meeting on Tuesday.</p>" for i in range(6))
    state = {"story": {"name": TITLE, "content": {"component": "article", "body": {"type": "doc", "content": [
        _pm(p) for p in BODY]}, "extra": other}}}
    assert _paras(_lazy_page(state, shown=1)) == BODY


# ---- (4): quotes, lists, unknown inline nodes and deep links in a rich-text body

QUOTE, ITEMS = BODY[2], BODY[3:5]


def _text(kind: str, value: str, key: str = "type", field: str = "text") -> dict:
    return {key: kind, field: value}


RICH = {
    "prosemirror": {"type": "doc", "content": [
        _pm(BODY[0]), _pm(BODY[1]), {"type": "blockquote", "content": [_pm(QUOTE)]},
        {"type": "bullet_list", "content": [{"type": "list_item", "content": [_pm(t)]} for t in ITEMS]}, _pm(BODY[5])]},
    "tiptap": {"type": "doc", "content": [
        _pm(BODY[0]), _pm(BODY[1]), {"type": "blockquote", "content": [_pm(QUOTE)]},
        {"type": "orderedList", "content": [{"type": "listItem", "content": [_pm(t)]} for t in ITEMS]}, _pm(BODY[5])]},
    "contentful": {"nodeType": "document", "content": [
        *({"nodeType": "paragraph", "content": [_text("text", p, "nodeType", "value")]} for p in BODY[:2]),
        {"nodeType": "blockquote", "content": [{"nodeType": "paragraph", "content": [
            _text("text", QUOTE, "nodeType", "value")]}]},
        {"nodeType": "unordered-list", "content": [{"nodeType": "list-item", "content": [
            {"nodeType": "paragraph", "content": [_text("text", t, "nodeType", "value")]}]} for t in ITEMS]},
        {"nodeType": "paragraph", "content": [_text("text", BODY[5], "nodeType", "value")]}]},
    "strapi": [
        *({"type": "paragraph", "children": [_text("text", p)]} for p in BODY[:2]),
        {"type": "quote", "children": [_text("text", QUOTE)]},
        {"type": "list", "format": "unordered", "children": [
            {"type": "list-item", "children": [_text("text", t)]} for t in ITEMS]},
        {"type": "paragraph", "children": [_text("text", BODY[5])]}],
    "portable-text": [
        *({"_type": "block", "style": "normal", "children": [_text("span", p, "_type")]} for p in BODY[:2]),
        {"_type": "block", "style": "blockquote", "children": [_text("span", QUOTE, "_type")]},
        *({"_type": "block", "style": "normal", "listItem": "bullet", "level": 1,
           "children": [_text("span", t, "_type")]} for t in ITEMS),
        {"_type": "block", "style": "normal", "children": [_text("span", BODY[5], "_type")]}],
}


@pytest.mark.parametrize("name", sorted(RICH))
def test_a_rich_text_body_s_quote_and_list_are_read_as_paragraphs_in_order(name):
    state = {"post": {"title": TITLE, "body": RICH[name]}}
    assert _paras(_lazy_page(state)) == BODY


def test_an_unknown_inline_node_keeps_its_paragraph_and_a_deep_link_its_text():
    head, tail = BODY[3].split(" moves ")
    link: dict = {"nodeType": "text", "value": "moves "}
    for _ in range(12):
        link = {"nodeType": "hyperlink", "data": {"uri": "/t"}, "content": [link]}
    doc = {"nodeType": "document", "content": [
        *({"nodeType": "paragraph", "content": [_text("text", p, "nodeType", "value")]} for p in BODY[:2]),
        {"nodeType": "paragraph", "content": [_text("text", BODY[2], "nodeType", "value"),
                                              {"nodeType": "embedded-entry-inline", "data": {"target": {}},
                                               "content": []}]},
        {"nodeType": "paragraph", "content": [_text("text", head + " ", "nodeType", "value"), link,
                                              _text("text", tail, "nodeType", "value")]},
        *({"nodeType": "paragraph", "content": [_text("text", p, "nodeType", "value")]} for p in BODY[4:])]}
    assert _paras(_lazy_page({"entry": {"fields": {"title": TITLE, "body": doc}}})) == BODY
    sanity = [{"_type": "block", "style": "normal", "children": [
        _text("span", p, "_type"), *([{"_type": "footnote", "_key": "f1", "number": 1}] if i == 3 else [])]}
        for i, p in enumerate(BODY)]
    assert _paras(_lazy_page({"post": {"title": TITLE, "body": sanity}})) == BODY


# ---- (5): "all rights are protected" said in a story is no legal notice

def _closing(line: str, lang: str) -> list[str]:
    paras = "".join(f"<p>{p}</p>" for p in BODY[:5])
    page = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='article-body'>{paras}<p>{line}</p></div></article></main>"
            "<footer>© 2026 Harbour Gazette</footer></body></html>")
    return _paras(page)


@pytest.mark.parametrize(("lang", "line"), [
    ("az", "Nazir Emin Əmrullayev bildirib ki, Azərbaycanda şagirdlərin təhsil almaq üçün bütün hüquqlar qorunur və "
           "heç kim kənarda qalmayacaq."),
    ("uz", "Vazirning so‘zlariga ko‘ra, yangi qonun kuchga kirgach, mamlakatda barcha huquqlar himoyalangan bo‘ladi "
           "va fuqarolar sudga murojaat qila oladi."),
    ("ka", "მინისტრის თქმით, ახალი კანონის მიღების შემდეგ ქვეყანაში ყველა უფლება დაცულია და არავინ დარჩება გარეთ."),
    ("hy", "Նախարարը նշել է, որ նոր օրենքով երեխաների բոլոր իրավունքները պաշտպանված են, և ոչ ոք դուրս չի մնա։"),
    ("sw", "Waziri alisema kwamba katika katiba mpya haki zote zimehifadhiwa na hakuna mtu atakayeachwa nyuma."),
    ("cy", "Ni chaniateir copïo’r lluniau o’r ysgol heb ganiatâd y teulu, meddai Heddlu Gogledd Cymru, ac fe fydd y "
           "llu yn ymchwilio."),
])
def test_all_rights_protected_said_in_a_story_stays(lang, line):
    assert line in _closing(line, lang)


@pytest.mark.parametrize(("lang", "line"), [
    ("az", "© 2026 Harbour Gazette. Bütün hüquqlar qorunur."),
    ("uz", "Barcha huquqlar himoyalangan."),
    ("ka", "© 2026 Harbour Gazette. ყველა უფლება დაცულია."),
    ("hy", "Բոլոր իրավունքները պաշտպանված են։ © 2026 Harbour Gazette"),
    ("sw", "Haki zote zimehifadhiwa © 2026 Harbour Gazette"),
    ("cy", "Ni chaniateir copïo cynnwys y wefan hon heb ganiatâd ysgrifenedig Harbour Gazette."),
])
def test_the_notice_itself_still_goes(lang, line):
    assert _closing(line, lang) == BODY[:5]


# ---- (6): a body paragraph closed by a credit stays whole

RU = ("Мэр показал журналистам проект нового причала и пообещал, что движение паромов не прервётся ни на день. "
      "«Мы будем работать только ночью», — сказал он. Фото: Пресс-служба мэрии")
FI = ("Kilpailuun osallistui tänä vuonna yli kaksituhatta kuvaajaa eri puolilta maata. Konkurssissa on kolme sarjaa. "
      "Kuva: Vuoden paras luontokuva valitaan yleisön äänestyksellä joulukuussa")


def _story(between: str, lang: str) -> list[str]:
    paras = [f"<p>{p}</p>" for p in BODY]
    paras.insert(3, between)
    return _paras(f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head>"
                  f"<body><main><article><h1>{TITLE}</h1><div class='article-body'>{''.join(paras)}</div></article>"
                  "</main><footer>© 2026 Harbour Gazette</footer></body></html>")


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", RU), ("fi", FI), ("fi", "Konkurssissa on kolme sarjaa. Kuva: Vuoden paras luontokuva valitaan yleisöäänestyksellä")])
def test_a_body_paragraph_closed_by_a_credit_label_stays_whole(lang, line):
    assert line in _story(f"<p>{line}</p>", lang)


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", "Новый причал в северной гавани. Фото: Пресс-служба мэрии"), ("ru", "Фото: Иван Петров / ТАСС"),
    ("fi", "Lautta lähtee laiturista kello kymmenen. Kuva: Lehtikuva / Markku Ulander"),
    ("ja", "夜の最終便が岸壁を離れる。写真：Harbour Gazette / Jane Doe")])
def test_a_caption_closed_by_a_credit_still_goes(lang, line):
    assert _story(f"<p><img src='/f.jpg' alt=''></p><p><small>{line}</small></p>", lang) == BODY
