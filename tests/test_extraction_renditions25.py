"""The twenty-fifth renditions of the seed pages (``tests/fixtures/renditions25``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- the body only in a SvelteKit page's inlined fetch (``<script type="application/json"
  data-sveltekit-fetched>``): the response's body a JSON string inside the script's JSON, and the
  record WordPress REST's (``"title": {"rendered": ...}``, ``"content": {"rendered": ...}``): stage
  ``statebody.NESTED``;
- the caption such a body's figure holds, left out of the text, named in the page account (so a diff
  against a copy that kept it calls it boilerplate, not removed content): ``ldbody.RECORD_FURNITURE``;
- the body only in a plain script's assignment, ``window.__remixContext = {...};`` (Remix): stage
  ``statebody.ASSIGNED``;
- an RSS item's fields written out as lines ("pubDate: ...", "dc:creator: ...", "guid: ..."): paragraph
  rule ``feed-field-line``;
- a feed item's description (the content's first words and "…") right above the content: stage
  ``repeats.CUT_ABOVE``;
- a picture box's plain caption paragraph between the image and its "Image:" credit (DW's print view):
  DOM rule ``image-box-caption``.
"""

from __future__ import annotations

import json

import pytest
from renditionkit import ALT, BODY, TITLE, URL, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract, ldbody, repeats, statebody

OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions25", OPEN)
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions25", OPEN_EXTRA, "extra.tsv")

PARAS = "".join(f"<p>{p}</p>" for p in BODY)


def _shell(main: str, after: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>{main}</article></main>"
            f"<footer>© 2026 Harbour Gazette</footer>{after}</body></html>")


def _sveltekit(content: str = PARAS) -> str:
    post = [{"id": 7, "title": {"rendered": TITLE}, "content": {"rendered": content, "protected": False}}]
    fetched = {"status": 200, "statusText": "", "headers": {}, "body": json.dumps(post)}
    script = json.dumps(fetched).replace("<", "\\u003C")
    return _shell(f"<p>{BODY[0]}</p><div aria-busy='true'>Loading…</div>",
                  f"<script type='application/json' data-sveltekit-fetched data-url='/wp-json/wp/v2/posts'>{script}"
                  "</script>")


def test_a_body_in_a_json_string_inside_the_state_is_read(monkeypatch):
    assert list(extract(_sveltekit(), URL).paragraphs) == BODY
    monkeypatch.setattr(statebody, "NESTED", False)
    assert list(extract(_sveltekit(), URL).paragraphs) != BODY


def test_a_state_body_s_caption_is_named_in_the_account(monkeypatch):
    figure = f"<figure><img src='/ferry.jpg' alt='{ALT}'><figcaption>{ALT}</figcaption></figure>"
    page = _sveltekit(figure + PARAS)
    result = extract(page, URL)
    assert list(result.paragraphs) == BODY
    assert ("declared-body-furniture", ALT) in {(r.rule, r.text) for r in result.removed}
    monkeypatch.setattr(ldbody, "RECORD_FURNITURE", False)
    assert not any(ALT in r.text for r in extract(page, URL).removed)


def _remix(value: str) -> str:
    return _shell(f"<p>{BODY[0]}</p><div aria-busy='true'>Loading…</div>",
                  f"<script>window.__remixContext = {value};</script>")


def test_a_body_in_a_window_assignment_is_read(monkeypatch):
    state = json.dumps({"state": {"loaderData": {"routes/story": {"story": {"title": TITLE, "body": PARAS}}}}})
    page = _remix(state.replace("</", "<\\/"))
    assert list(extract(page, URL).paragraphs) == BODY
    monkeypatch.setattr(statebody, "ASSIGNED", False)
    assert list(extract(page, URL).paragraphs) != BODY


def test_an_assignment_that_is_no_json_is_passed_over():
    escaped = PARAS.replace("</", "<\\/")
    page = _remix(f"(function(a){{return {{body:a}}}})('{escaped}')")  # Nuxt 2's IIFE: no JSON
    assert BODY[0] in extract(page, URL).paragraphs


FIELDS = ("<ul class='item-fields'><li>pubDate: Fri, 20 Nov 2026 07:10:00 +0000</li><li>dc:creator: Harbour Desk</li>"
          "<li>category: Ferries, Harbour</li></ul>")


def test_a_feed_item_s_fields_go(monkeypatch):
    page = _shell(f"{FIELDS}<div class='content'>{PARAS}</div><p>guid: {URL}</p>")
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "feed-field-line")
    assert any("dc:creator" in p for p in extract(page, URL).paragraphs)


def test_a_sentence_about_a_feed_field_stays():
    line = "Category: the harbour board files the change under timetables, the clerk said on Monday."
    said = "The pubDate of the board's feed still reads Friday, which confused readers on Monday morning."
    out = extract(_shell(f"<div class='content'>{PARAS}<p>{line}</p><p>{said}</p></div>"), URL).paragraphs
    assert line in out and said in out


def _excerpt(cut: str) -> str:
    return _shell(f"<div class='description'><p>{cut}</p></div><div class='content'>{PARAS}</div>")


def test_an_excerpt_right_above_its_paragraph_goes(monkeypatch):
    page = _excerpt(" ".join(BODY[0].split()[:12]) + " …")
    assert list(extract(page, URL).paragraphs) == BODY
    monkeypatch.setattr(repeats, "CUT_ABOVE", False)
    assert len(extract(page, URL).paragraphs) == len(BODY) + 1


def test_a_cut_line_above_another_paragraph_stays():
    cut = "The harbour board will publish the full summer timetable for every crossing in March …"
    assert cut in extract(_excerpt(cut), URL).paragraphs


BOX = ("<div class='picBox'><img src='/ferry.jpg' alt='A ferry'><p>The last ferry leaves the quay at ten</p>"
       "<p class='credit'>Image: Harbour Board</p></div>")


def test_a_picture_box_s_plain_caption_over_its_credit_goes(monkeypatch):
    page = _shell(f"<p>{BODY[0]}</p>{BOX}{''.join(f'<p>{p}</p>' for p in BODY[1:])}")
    assert list(extract(page, URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "image-box-caption")
    assert "The last ferry leaves the quay at ten" in extract(page, URL).paragraphs


@pytest.mark.parametrize("after", ["", "<p>The board's spokesman confirmed it.</p>"])
def test_a_paragraph_after_an_image_with_no_credit_line_stays(after):
    line = "The last ferry leaves the quay at ten, and the board says the change is for the winter only."
    box = f"<div class='story-part'><img src='/ferry.jpg' alt='A ferry'><p>{line}</p>{after}</div>"
    assert line in extract(_shell(f"<p>{BODY[0]}</p>{box}{''.join(f'<p>{p}</p>' for p in BODY[1:])}"), URL).paragraphs
