"""Kinds found by the fourth renditions of the seed pages (``tests/fixtures/renditions4``), each on a
small page of its own (invented sites and text), each shown to fail with its fix switched off.

- a body written as one component per paragraph (server-rendered markup), some components holding
  their sentence without a ``<p>``: those paragraphs were dropped (``repair.promote_component_lines``);
- a sanction or "foreign agent" notice in Russian closing the body stayed in the text (the rule
  ``sanction-notice-ru``; the English one had no Russian counterpart);
- a page recoded to windows-1251 whose ``<meta>`` still says UTF-8 was read in a code page no
  browser offers (cp1125, cp1257 ...), its Cyrillic turned to Latin letters (``decode.WEB_ENCODINGS``);
- a reader discussion in markup no rule names, inside the ``<article>`` after the body, stayed in the
  text (the rule ``comments-tail``, on its heading: "Join the discussion");
- the second half of a post hidden inline behind a "Continue reading" button was dropped
  (``continuation.reveal_continuations``);
- a print view (a sixth template, tried outside the set): its "Source URL: ..." and "Printed on ...
  from ..." lines and a lone "By ..." byline stayed (rules ``print-source-line``, ``byline-line``).
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import continuation, decode, extract, repair
from archiver.extraction.dom import parse
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

URL = "https://www.harbour-post.example/en/ferry-strike-ends/a-1207"
TITLE = "Ferry strike ends after nine days"
BODY = [f"Sentence {i} of the report says the crews of the island ferries went back to work on Monday "
        f"after the union and the operator agreed on pay, rosters and the winter timetable." for i in range(8)]


def _component_page(bare: set[int], tag: str = "div") -> str:
    blocks = "".join(
        f'<{tag} data-block="text" class="x-7fq">{text}</{tag}>' if i in bare
        else f'<{tag} data-block="text" class="x-7fq"><p class="x-2a">{text}</p></{tag}>'
        for i, text in enumerate(BODY))
    return (f'<!DOCTYPE html><html><head><title>{TITLE}</title></head><body><div id="root">'
            f'<nav><a href="/">Home</a><a href="/news">News</a></nav><main><article><h1>{TITLE}</h1>'
            f'<div class="x-body">{blocks}</div></article></main>'
            f'<footer><a href="/imprint">Imprint</a></footer></div></body></html>')


@pytest.mark.parametrize("tag", ["div", "section"])
def test_paragraph_components_holding_a_bare_sentence_are_kept(tag):
    result = extract(_component_page({1, 4, 6}, tag), URL)
    assert list(result.paragraphs) == BODY


def test_without_the_repair_the_bare_components_are_dropped(monkeypatch):
    monkeypatch.setattr(repair, "promote_component_lines", lambda root: 0)
    kept = list(extract(_component_page({1, 4, 6}), URL).paragraphs)
    assert BODY[1] not in kept and BODY[0] in kept


def test_the_repair_needs_components_of_one_signature():
    # a sentence in a div of another markup (a promo box) beside the components is left as it is
    html = _component_page(set()).replace(
        f'<div data-block="text" class="x-7fq"><p class="x-2a">{BODY[3]}</p></div>',
        f'<div data-block="text" class="x-7fq"><p class="x-2a">{BODY[3]}</p></div>'
        '<div class="x-promo">Our morning briefing brings the harbour news to your door every day.</div>')
    root = parse(html)
    assert repair.promote_component_lines(root) == 0
    assert repair.promote_component_lines(parse(_component_page({2, 5}))) == 2


def test_the_repair_leaves_a_caption_after_an_image_alone():
    html = _component_page({3}).replace(
        f'<div data-block="text" class="x-7fq">{BODY[3]}</div>',
        f'<div data-block="text" class="x-7fq"><img src="/ferry.jpg" alt=""></div>'
        f'<div data-block="text" class="x-7fq">{BODY[3]}</div>')
    assert repair.promote_component_lines(parse(html)) == 0


NOTICE_RU = ("Радио «Гавань» признано в России «нежелательной организацией». Если вы находитесь в России, "
             "распространение наших материалов может быть незаконным.")
LABEL_RU = ("ДАННОЕ СООБЩЕНИЕ (МАТЕРИАЛ) СОЗДАНО И (ИЛИ) РАСПРОСТРАНЕНО ИНОСТРАННЫМ СРЕДСТВОМ МАССОВОЙ "
            "ИНФОРМАЦИИ, ВЫПОЛНЯЮЩИМ ФУНКЦИИ ИНОСТРАННОГО АГЕНТА")


def _notice_page(notice: str) -> str:
    paras = "".join(f"<p>{text}</p>" for text in BODY)
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paras}"
            f"<p><em>{notice}</em></p></article></body></html>")


@pytest.mark.parametrize("notice", [NOTICE_RU, LABEL_RU])
def test_a_russian_sanction_notice_closing_the_body_goes(notice):
    result = extract(_notice_page(notice), URL)
    assert list(result.paragraphs) == BODY
    assert any(r.rule == "sanction-notice-ru" for r in result.removed)


def test_without_the_rule_the_russian_notice_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "sanction-notice-ru")
    assert NOTICE_RU in extract(_notice_page(NOTICE_RU), URL).text


def test_the_russian_rule_leaves_reporting_about_a_designation_alone():
    rules = rules_for("www.harbour-post.example")
    reporting = ["Журналист был признан иностранным агентом в 2021 году, после чего он уехал из страны.",
                 "В прошлом году правозащитный центр был признан иностранным агентом, а затем ликвидирован."]
    kept, removed = clean_paragraphs(reporting, rules)
    assert kept == reporting and not removed


PARA = ("Paragraph {i}: the union’s leader said the crews’ final offer was accepted, and the island’s "
        "ferries sail again on Monday after nine days in port.")


def _recoded_page() -> bytes:
    """A page declared UTF-8 whose bytes a mirror recoded to windows-1251 (no charset in the header)."""
    paras = "".join(f"<p>{PARA.format(i=i)}</p>" for i in range(16))
    return (f"<html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
            f"{paras}<p><em>{NOTICE_RU}</em></p></article></body></html>").encode("cp1251")


def test_a_page_recoded_under_a_lying_meta_is_read_in_a_browser_encoding():
    result = extract(_recoded_page(), URL, content_type="text/html")
    assert result.encoding == "cp1251"
    assert list(result.paragraphs) == [PARA.format(i=i) for i in range(16)]  # the notice read and removed


def test_with_every_code_page_detection_garbles_the_cyrillic(monkeypatch):
    monkeypatch.setattr(decode, "BROWSER_DETECTOR", False)  # charset-normalizer, the detection WEB_ENCODINGS limits
    monkeypatch.setattr(decode, "WEB_ENCODINGS", None)
    result = extract(_recoded_page(), URL, content_type="text/html")
    assert result.encoding != "cp1251" and len(result.paragraphs) == 17


def test_detection_keeps_to_the_web_encodings():
    assert decode.WEB_ENCODINGS is not None and "cp1125" not in decode.WEB_ENCODINGS
    text = "Что было, то прошло, сказал он, и ушёл на пристань ждать первого парома после забастовки."
    codec = decode.detect_charset(text.encode("koi8_r"))
    assert codec is not None and text.encode("koi8_r").decode(codec) == text


COMMENTS = ["Ten days, he says. I will believe the crews when the first ferry has left the harbour.",
            "The interesting part is the pay deal, which tells you more about who won than any statement."]


def _discussion_page(heading: str) -> str:
    paras = "".join(f"<p>{text}</p>" for text in BODY)
    thread = "".join(f'<div class="q-91"><span class="q-92">Reader {i}</span><p class="q-93">{c}</p></div>'
                     for i, c in enumerate(COMMENTS))
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paras}"
            f'<section class="q-90"><h2 class="q-94">{heading}</h2>{thread}</section></article></body></html>')


@pytest.mark.parametrize("heading", ["Join the discussion", "Reader comments", "Comments (2)"])
def test_a_comment_thread_under_its_heading_closing_the_article_goes(heading):
    result = extract(_discussion_page(heading), URL)
    assert list(result.paragraphs) == BODY
    assert any(r.rule == "comments-tail" and r.text == COMMENTS[0] for r in result.removed)


def test_without_the_rule_the_comments_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "comments-tail")
    assert COMMENTS[0] in extract(_discussion_page("Join the discussion"), URL).text


def test_a_bare_comments_label_does_not_take_the_rest():
    rules = rules_for("www.harbour-post.example")
    kept, _ = clean_paragraphs(["3 comments", *BODY[:3]], rules)
    assert kept == BODY[:3]


def _continued_page(hiding: str) -> str:
    shown = "".join(f"<p>{text}</p>" for text in BODY[:3])
    rest = "".join(f"<p>{text}</p>" for text in BODY[3:])
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{shown}"
            f'<div class="rest" {hiding}>{rest}</div><button>Continue reading</button></article></body></html>')


@pytest.mark.parametrize("hiding", ['style="display:none"', 'style="display: none;"', 'aria-hidden="true"'])
def test_the_rest_of_a_body_behind_a_continue_button_is_read(hiding):
    assert list(extract(_continued_page(hiding), URL).paragraphs) == BODY


def test_without_the_reveal_the_rest_is_lost(monkeypatch):
    monkeypatch.setattr(continuation, "reveal_continuations", lambda root: 0)
    assert list(extract(_continued_page('style="display:none"'), URL).paragraphs) == BODY[:3]


def test_a_hidden_copy_of_the_body_or_a_hidden_box_is_not_revealed():
    copy = _continued_page('style="display:none"').replace(f"<p>{BODY[3]}</p>", f"<p>{BODY[0]}</p>", 1)
    assert continuation.reveal_continuations(parse(copy)) == 0  # its first paragraph is on the page already
    assert continuation.reveal_continuations(parse(_continued_page('style="display:none"'))) == 1
    nav = (f"<html><body><article><p>{BODY[0]}</p><nav><p>{BODY[1]}</p>"
           f'<div style="display:none"><p>{BODY[2]}</p><p>{BODY[3]}</p></div></nav></article></body></html>')
    assert continuation.reveal_continuations(parse(nav)) == 0


def _print_view() -> str:
    paras = "".join(f"<p>{text}</p>" for text in BODY)
    return (f"<html><head><title>{TITLE} - Print</title></head><body onload='window.print()'>"
            f"<p><a href='javascript:window.print()'>Print this page</a></p><h1>{TITLE}</h1>"
            f"<p>By Ann Lee and Tom Roe</p>{paras}<hr><p>Source URL: {URL}</p>"
            f"<p>Printed on November 3, 2026 from https://www.harbour-post.example</p></body></html>")


def test_a_print_view_s_byline_and_address_lines_go():
    result = extract(_print_view(), URL)
    assert list(result.paragraphs) == BODY
    assert {r.rule for r in result.removed} >= {"byline-line", "print-source-line"}


@pytest.mark.parametrize("rule", ["byline-line", "print-source-line"])
def test_without_the_rule_its_line_stays(monkeypatch, rule):
    without_paragraph_rule(monkeypatch, rule)
    assert list(extract(_print_view(), URL).paragraphs) != BODY


def test_the_byline_rule_leaves_sentences_and_dates_alone():
    rules = rules_for("www.harbour-post.example")
    lines = ["By contrast, the harbour stayed open.", "By 2030 the island will need a third ferry.",
             "By the end of the week, the crews were back."]
    kept, _ = clean_paragraphs(lines, rules)
    assert kept == lines


CAPTION = ("FILE - Crews walk past the old ferry terminal on Monday, Nov. 2, 2026, after the strike ended "
           "and the first boats left the harbour. (AP Photo/Ann Lee, File)")
REPOST = ("Harbour Notes republishes this article from the Harbour Post under its reuse policy. Harbour Notes "
          "is run by volunteers.")


def _captioned_page() -> str:
    paras = "".join(f"<p>{text}</p>" + ("<p><img src='/t.jpg' alt=''></p>"
                                          f"<p><em>{CAPTION}</em></p>" if i == 2 else "")
                    for i, text in enumerate(BODY))
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paras}"
            f"<p><em>{REPOST}</em></p></article></body></html>")


def test_a_credited_caption_paragraph_and_a_repost_note_go():
    result = extract(_captioned_page(), URL)
    assert list(result.paragraphs) == BODY
    rules = {r.rule for r in result.removed}
    # the caption after an image-only paragraph goes by the DOM rule image-line-caption since ren12
    assert "republish-notice" in rules and rules & {"photo-credit-caption", "image-line-caption"}


@pytest.mark.parametrize(("rule", "line"), [("photo-credit-caption", CAPTION), ("republish-notice", REPOST)])
def test_without_the_rule_the_line_stays(monkeypatch, rule, line):
    without_paragraph_rule(monkeypatch, rule)
    without_dom_rule(monkeypatch, "image-line-caption")  # ren12's DOM rule takes the caption first
    assert line in extract(_captioned_page(), URL).text


def test_the_caption_and_repost_rules_leave_reporting_alone():
    rules = rules_for("www.harbour-post.example")
    lines = ["The photographer (who asked not to be named) said the ferry left at noon.",
             "This article was originally published in 2015 and has been updated with new figures."]
    kept, _ = clean_paragraphs(lines, rules)
    assert kept == lines
