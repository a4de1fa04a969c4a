"""The nineteenth renditions of the seed pages (``tests/fixtures/renditions19``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a printed story's jump lines ("Continued on Page 10", "From Page 9") and an e-edition distributor's
  notice closing it ("Printed and distributed by PressReader", "PressReader.com +1 604 278 4604",
  "COPYRIGHT AND PROTECTED BY APPLICABLE LAW"), read as text in PressReader's text view (paragraph
  rules ``print-jump-line``, ``print-distributor-notice``);
- a Japanese blog host's block above the first entry of a stale blog ("スポンサーサイト", "新しい記事を
  書く事で広告が消せます。") and a blogger's reposting note ("RFE/RLの記事を転載します。") stayed
  (paragraph rules ``stale-blog-ad-ja``, ``repost-note-ja``);
- an author box laid out as a one-row table (the logo's cell beside the name and blurb) was written
  as a ``|  | name blurb`` row no rule for the box could read (``tables.MEDIA_ROWS``, switch
  ``stage:layout-media-rows``);
- a reposter's "Via The Associated Press." line, a mail's signature and list footer in a list
  archive's ``<br>`` lines, and a forwarded post's "NAME says:" comment stayed (paragraph rules
  ``wire-via-line``, ``mail-signature-tail``, ``comment-says``).
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word

from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions19", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {
    "extra/beehiiv-www.dw.com.html",  # the newsletter's author strip and its greeting above the story
}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions19", OPEN_EXTRA, "extra.tsv")


def _page(body: list[str], head: str = "") -> str:
    """The ferry story on a plain page: ``head`` (HTML) under the headline, then ``body`` as ``<p>``s."""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><header><a href='/'>"
            f"Harbourtown Gazette</a></header><main><article><h1>{TITLE}</h1>{head}<div class='text'>{paras}</div>"
            "</article></main><footer>© 2026 Harbourtown Gazette</footer></body></html>")


@pytest.mark.parametrize(("lines", "rule"), [
    ({3: ["Continued on Page 10", "From Page 9"]}, "print-jump-line+pager-link-line"),  # bug26's pager rule takes the first too
    ({2: ["Continued from Page A1"], 4: ["See FERRY, Page A6"]}, "print-jump-line"),
    ({6: ["Printed and distributed by PressReader", "PressReader.com +1 604 278 4604",
          "COPYRIGHT AND PROTECTED BY APPLICABLE LAW"]}, "print-distributor-notice"),
    ({6: ["Printed and distributed by PressReader PressReader.com +1 604 278 4604 ORIGINAL COPY . ORIGINAL COPY "
          "COPYRIGHT AND PROTECTED BY APPLICABLE LAW"]}, "print-distributor-notice"),
    ({0: ["Via The Associated Press."]}, "wire-via-line"),
])
def test_a_print_s_jump_lines_a_distributor_s_notice_and_a_via_line_go_and_stay_without_their_rules(
        monkeypatch, lines, rule):
    from rulekit import without_paragraph_rule
    body = [line for i in range(len(BODY) + 1) for line in [*lines.get(i, []), *BODY[i:i + 1]]]
    assert list(extract(_page(body), URL).paragraphs) == BODY
    for name in rule.split("+"):
        without_paragraph_rule(monkeypatch, name)
    kept = extract(_page(body), URL).paragraphs
    assert all(line in kept for group in lines.values() for line in group)


@pytest.mark.parametrize("line", [
    "Continued on page 10 of the board's report is the new timetable for the early sailings.",
    "From page 9 on, the timetable lists every crossing.",
    "Printed and distributed by volunteers, the timetable reached every house on the island.",
    "Via the harbour board, the council asked for a later crossing.",
])
def test_sentences_like_the_print_lines_stay(line):
    assert line in extract(_page([*BODY[:3], line, *BODY[3:]]), URL).paragraphs


def _blog(head: list[str], entry: list[str], tail: str = "") -> str:
    """The ferry story reposted on a Japanese blog: ``head`` lines in a block above the entry, the entry's
    ``entry`` lines (``<br>``-cut), ``tail`` HTML after them inside the entry."""
    block = "<br>".join(head)
    text = "<br><br>".join(entry)
    return (f"<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><title>{TITLE} - 港町ブログ</title></head><body>"
            f"<div id='header'><h1>港町ブログ</h1></div><div id='main'><div class='entry'><h2 class='entry_header'>"
            f"スポンサーサイト</h2><div class='entry_body'>{block}</div></div><div class='entry'><h2 class='entry_header'>"
            f"{TITLE}</h2><div class='entry_body'>{text}{tail}</div><div class='entry_footer'>カテゴリ：港 | コメント：0"
            "</div></div></div><div id='sidebar'><h3>プロフィール</h3><p>港町に住んでいます。</p></div></body></html>")


STALE = ["上記の広告は1ヶ月以上更新のないブログに表示されています。", "新しい記事を書く事で広告が消せます。"]


@pytest.mark.parametrize(("entry", "rule", "gone"), [
    (BODY, "stale-blog-ad-ja", "新しい記事を書く事で広告が消せます。"),
    (["ハーバータウン・ガゼットの記事を転載します。", *BODY], "repost-note-ja", "ハーバータウン・ガゼットの記事を転載します。"),
])
def test_a_blog_host_s_stale_blog_ad_and_a_repost_note_go_and_stay_without_their_rules(monkeypatch, entry, rule, gone):
    from rulekit import without_paragraph_rule
    page = _blog(STALE, entry)
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    assert gone in extract(page, URL).paragraphs


def test_a_japanese_sentence_on_reposting_stays():
    from archiver.extraction.paragraphs import clean_paragraphs
    from archiver.extraction.rules import rules_for
    line = "同紙は、記事の無断転載を理由に地元の業者を訴えたが、業者は許可を得て転載しましたと反論している。"
    assert clean_paragraphs([line, *BODY], rules_for("www.harbourtown-gazette.example"))[0] == [line, *BODY]


BOX = ("<table class='author' border='0'><tr><td><img src='/img/desk.png' alt='Desk logo' width='80'></td><td><b>The "
       "Gazette's Harbour Desk</b><br>The Gazette's Harbour Desk covers the ferries, the port and the island's trade "
       "for readers on both shores.</td></tr></table>")


def test_an_author_box_laid_out_in_a_one_row_table_is_read_as_blocks(monkeypatch):
    """The box's lines reach the paragraph rules as lines of their own (here the page's own copy of the
    site rule is written as a test rule: a line opening with the desk's name goes), not as one
    ``|  | name blurb`` row; with the switch off the row stays whole."""
    import dataclasses
    import re

    import archiver.extraction as ex
    from archiver.extraction import tables
    from archiver.extraction.rules import ParagraphRule
    original, desk = ex.rules_for, ParagraphRule("desk-box", re.compile(r"^The Gazette's Harbour Desk\b"))
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), paragraphs=(desk, *original(host).paragraphs)))
    page = _blog(STALE, BODY, BOX)
    assert list(extract(page, URL).paragraphs) == BODY
    monkeypatch.setattr(tables, "MEDIA_ROWS", False)
    assert any(p.startswith("|") and "Harbour Desk" in p for p in extract(page, URL).paragraphs)


def test_a_data_table_of_one_row_stays_a_table():
    from lxml import html as lh

    from archiver.extraction.tables import _is_media_row
    two_texts = lh.fromstring("<table><tr><td>Crossings</td><td>14</td></tr></table>")
    image_and_text = lh.fromstring("<table><tr><td><img src='a.png'></td><td>Harbour Desk</td></tr></table>")
    both = lh.fromstring("<table><tr><td><img src='a.png'> Map</td><td>Harbour Desk</td></tr></table>")
    assert not _is_media_row(two_texts) and _is_media_row(image_and_text) and not _is_media_row(both)


def _archive(lines: list[str]) -> str:
    """The ferry story forwarded to a mailing list, in a list archive's message view (HyperKitty): the
    mail's body as ``<br>`` lines, ``lines`` after the story."""
    text = "<br>\n".join([*(x for p in BODY for x in (p, "")), *lines])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>[harbour] {TITLE} - Harbour - lists.example.org"
            f"</title></head><body><nav><a href='/archives/'>Mailman 3</a></nav><div class='container'><h1>[harbour] "
            f"{TITLE}</h1><div class='email'><div class='email-header'><span class='name'>Ann Lee</span> <span "
            f"class='date'>20 Nov 2026</span></div><div class='email-body'>{text}</div></div></div><footer>Powered by "
            "HyperKitty version 1.3.5.</footer></body></html>")


COMMENT = "The early sailings are welcome, but cutting the last crossing strands everyone working a late shift."


@pytest.mark.parametrize(("tail", "rule", "gone"), [
    (["--", "Ann", "", "_______________________________________________",
      "Harbour mailing list -- harbour@lists.example.org", "To unsubscribe send an email to harbour-leave@lists.example.org"],
     "mail-signature-tail", "To unsubscribe send an email to harbour-leave@lists.example.org"),
    (["Tom Baker says:", COMMENT], "comment-says", COMMENT),
])
def test_a_mail_s_signature_and_a_forwarded_comment_go_and_stay_without_their_rules(monkeypatch, tail, rule, gone):
    from rulekit import without_paragraph_rule
    assert list(extract(_archive(tail), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    assert gone in extract(_archive(tail), URL).paragraphs


@pytest.mark.parametrize("line", ["The harbour master says: the timetable stays until spring.",
                                  "-- the harbour board, in its statement"])
def test_a_sentence_with_says_or_a_dash_line_stays(line):
    from archiver.extraction.paragraphs import clean_paragraphs
    from archiver.extraction.rules import rules_for
    text = [*BODY, line, BODY[0]]
    assert clean_paragraphs(text, rules_for("www.harbourtown-gazette.example"))[0] == text
