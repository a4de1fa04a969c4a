"""The ninth renditions of the seed pages (``tests/fixtures/renditions9``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a Next.js 13 App Router page whose body is streamed only as React Server Component rows in
  ``self.__next_f.push([1,"..."])`` scripts, in a ``dangerouslySetInnerHTML`` prop, the stream cut
  mid-row across scripts: the clean text held the teaser alone (``statebody.flight_rows``, switch
  ``stage:flight-body``);
- a headline holding a separator of its own under a tool's decorated title ("Headline – Part –
  wallabag"), shown in an ``<h1>`` beside an edit link: the title kept the tool's name
  (``metadata.headline_in_title`` tries the title without its last or first piece, switch
  ``stage:title-trim-one``).
- (second round) a Nuxt 3 page whose body is rendered in the browser only (a ``<ClientOnly>``
  skeleton), its text only in ``__NUXT_DATA__``, devalue's flat array (objects of indexes, ``<``
  written ``\\u003C``): the clean text held the page's furniture alone (``statebody.revive``, switch
  ``stage:devalue-state``).
"""

from __future__ import annotations

import json

import pytest
from renditionkit import SEEDS_FOUND, assert_word_for_word, page_id, rendition_pages

from archiver.extraction import extract, metadata, statebody


@SEEDS_FOUND
@pytest.mark.parametrize("page", rendition_pages("renditions9"), ids=page_id)
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    assert_word_for_word("renditions9", page)


URL = "https://www.lakeshore-ledger.example/city/library-opens-late-on-thursdays-5120"
TITLE = "Library opens late on Thursdays from March"
TEASER = "The central library will keep its doors open until nine on Thursday evenings, the council said."
BODY = [f"Paragraph {i} of the library story says the reading rooms, the children's floor and the archive "
        f"desk stay open until nine, with two more librarians on the evening shift and a bus at {i} past."
        for i in range(1, 9)]


def _push(chunk: str) -> str:
    return f"<script>self.__next_f.push([1,{json.dumps(chunk).replace('<', chr(92) + 'u003c')}])</script>"


def _flight_page() -> str:
    rich = "".join(f"<p>{p}</p>" for p in BODY[:4]) + "<h2>Evening buses</h2>" + "".join(
        f"<p>{p}</p>" for p in BODY[4:])
    stream = ('0:["b1",[["",{"children":["__PAGE__",{}]},"$undefined","$undefined",true],"$L1"]]\n'
              '3:I[812,["812","static/chunks/812.js"],"StoryBody"]\n'
              "4:" + json.dumps(["$", "$L3", None, {"children": ["$", "section", None, {
                  "dangerouslySetInnerHTML": {"__html": rich}}]}]) + "\n")
    cut = len(stream) // 3
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Lakeshore Ledger</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/city'>City</a></nav><main><article><h1>{TITLE}</h1>"
            f"<p class='dek'>{TEASER}</p><!--$?--><template id='B:0'></template><div aria-busy='true'>"
            "<div class='line'></div></div><!--/$--></article></main><footer>© Lakeshore Ledger</footer>"
            "<script>(self.__next_f=self.__next_f||[]).push([0])</script>"
            + _push(stream[:cut]) + _push(stream[cut:]) + "</body></html>")


def test_a_body_streamed_only_in_flight_scripts_is_the_text(monkeypatch):
    html = _flight_page()
    text = extract(html, URL).text or ""
    assert BODY[0] in text and BODY[-1] in text and "Evening buses" in text
    assert text.index(BODY[3]) < text.index("Evening buses") < text.index(BODY[4])
    monkeypatch.setattr(statebody, "FLIGHT", False)
    assert BODY[0] not in (extract(html, URL).text or "")


def test_flight_rows_joins_a_row_cut_across_scripts_and_skips_streams_without_paragraphs():
    import re

    def scripts(html: str) -> list[str]:
        return re.findall(r"<script>(self\.__next_f\.push\(\[1,.*?)</script>", html)

    rows = statebody.flight_rows(scripts(_flight_page()))
    assert len(rows) == 2 and rows[1][3]["children"][3]["dangerouslySetInnerHTML"]["__html"].startswith("<p>")
    listed = _flight_page().replace("\\u003cp>", "\\u003cli>")  # the scripts' "<" is written \\u003c
    assert statebody.flight_rows(scripts(listed)) == []


def _tool_page() -> str:
    head = "Ferry timetable changes for the spring – Council"
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html><head><title>{head} – ReadLater</title></head><body>"
            "<ul class='menu'><li><a href='/unread'>Unread</a></li><li><a href='/all'>All</a></li></ul>"
            f"<div id='article'><header><h1><span>{head}</span> <a href='/entry/7/edit' title='Edit title'>✎</a>"
            f"</h1></header><article>{paras}</article></div></body></html>")


def test_a_headline_with_its_own_separator_loses_only_the_tool_s_name(monkeypatch):
    head = "Ferry timetable changes for the spring – Council"
    assert extract(_tool_page(), URL).title == head
    monkeypatch.setattr(metadata, "TRIM_ONE", False)
    assert extract(_tool_page(), URL).title != head


def _nuxt_page() -> str:
    rich = "".join(f"<p>{p}</p>" for p in BODY)
    flat = [["ShallowReactive", 1], {"data": 2, "state": 9, "once": 10},
            ["ShallowReactive", 3], {"story-5120": 4}, {"id": 5, "headline": 6, "body": 7, "tags": 8},
            5120, TITLE, rich, [6], {}, ["Set"]]
    payload = json.dumps(flat, separators=(",", ":")).replace("<", "\\u003C")
    return (f"<!DOCTYPE html><html><head><title>{TITLE} - Lakeshore Ledger</title></head><body><div id='__nuxt'>"
            f"<!--[--><header><a href='/'>Lakeshore Ledger</a><nav><a href='/city'>City</a></nav></header><main>"
            f"<h1>{TITLE}</h1><p class='dek'>{TEASER}</p><!--[--><div class='story-body' aria-busy='true'>"
            "<span>Loading…</span></div><!--]--></main><footer>© Lakeshore Ledger</footer><!--]--></div>"
            f"<script type='application/json' id='__NUXT_DATA__' data-ssr='true'>{payload}</script></body></html>")


def test_a_body_only_in_a_devalue_payload_is_the_text(monkeypatch):
    text = extract(_nuxt_page(), URL).text or ""
    assert BODY[0] in text and BODY[-1] in text and "Loading…" not in text
    monkeypatch.setattr(statebody, "DEVALUE", False)
    assert BODY[0] not in (extract(_nuxt_page(), URL).text or "")


def test_revive_resolves_wrappers_shared_items_and_cycles():
    flat = [{"a": 1, "b": 1, "self": 0, "gone": -1}, ["Reactive", 2], [3, 3], "x"]
    out = statebody.revive(flat)
    assert out["a"] == ["x", "x"] and out["b"] is out["a"] and out["self"] is out and out["gone"] is None
