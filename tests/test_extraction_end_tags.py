"""End tags libxml2 reads otherwise than browsers (``endtags.py``).

A template that closes the document early: the site header's include ends with ``</body></html>`` and the
article follows it. Browsers show the article (the HTML standard reprocesses content after
``</html>`` "in body"); libxml2 2.14 drops everything after ``</html>``, so bare trafilatura returned the
header's teasers or nothing. Now an early ``</html>`` is taken out before parsing (``endtags.late_content``,
switch ``stage:late-content``), and libxml2 keeps what follows beside the body, as it already does after an
early ``</body>`` (left alone: a sign-up pop-up after it must not join the article). Pages whose end tags are
followed only by whitespace or comments, or whose end tags sit in a script's string, parse as before.

What such a page puts after ``</html>`` is often a modal dialog (a trial sign-up form, a captcha box) that
the page shows only when opened, as plugins also put them inside the post; trafilatura drops only
``modal-content`` classes, so the dialog's lines joined the article. The ``modal-dialog`` rule takes an element whose class token is ``modal`` or whose class
or id word ends so (``signup-modal``, ``Warningmodal``, ``captchaModal``). Invented site and text."""
from __future__ import annotations

from rulekit import without_dom_rule
from storykit import Newsroom

from archiver.extraction import dom, endtags

SITE = Newsroom("https://www.harrow-lantern.example/2026/12/ferry-timetable", "Winter ferry timetable cut to four sailings",
                "Harrow Lantern", "Edda Marsh", "3 Quay Lane",
                "Paragraph {i} of the report says the island's ferry will sail four times a day from January, "
                "two fewer than last winter, because one of the two boats is going in for repairs.")

HEAD = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Harrow Lantern</title></head>"
        "<body><header><a href='/'>Harrow Lantern</a><nav><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav>"
        "<div class='mega-menu'><p>Council to vote on harbour parking charges next week.</p></div></header>")
ARTICLE = ("<section class='post'><div class='container'><article><h1>{title}</h1>"
           "<div class='byline'>By Edda Marsh</div>{body}</article></div></section>"
           "<footer class='site-footer'><p>Harrow Lantern, 3 Quay Lane. All rights reserved.</p></footer>")


def _page(closer: str, tail: str = "</body></html>") -> str:
    body = SITE.ps(0, 1, 2, 3, 4)
    return HEAD.format(title=SITE.title) + closer + ARTICLE.format(title=SITE.title, body=body) + tail


def test_article_after_an_early_html_end_tag_is_kept():
    html = _page("</body>\n</html>\n")
    assert SITE.sentences[2] not in " ".join(SITE.bare(html))  # libxml2 drops it: bare trafilatura has nothing of it
    got = SITE.paragraphs(html)
    assert got[:5] == SITE.sentences[:5], got
    assert not any("harbour parking" in p for p in got), got


def test_article_after_an_early_html_end_tag_alone_is_kept():
    got = SITE.paragraphs(_page("</html>", tail="</body></html>"))
    assert got[:5] == SITE.sentences[:5], got


def test_an_early_body_end_tag_alone_is_left_to_libxml2():
    html = _page("</body>\n", tail="</html>")
    data = html.encode()
    assert endtags.late_content(data) is data
    assert SITE.paragraphs(html)[:5] == SITE.sentences[:5]


def test_without_the_stage_the_article_is_lost(monkeypatch):
    monkeypatch.setattr(endtags, "LATE_CONTENT", False)
    got = SITE.paragraphs(_page("</body></html>"))
    assert not any(s in got for s in SITE.sentences[:5]), got


def test_end_tags_followed_by_comments_only_leave_the_bytes_alone():
    data = b"<html><body><p>one</p></body></html>\n<!-- served in 12 ms -->\n</html>\n"
    assert endtags.late_content(data) is data
    plain = b"<html><body><p>one</p></body></html>"
    assert endtags.late_content(plain) is plain


def test_late_markup_is_parsed():
    data = b"<html><BODY><p>one</p></Body ></HTML><div><p>two</p></div></html>"
    out = endtags.late_content(data)
    assert b"</html" not in out.lower() and b"</body" in out.lower()
    root = dom.parse(data.decode())
    assert [p.text for p in root.iter("p")] == ["one", "two"]


def test_a_body_end_tag_in_a_script_string_changes_nothing_seen():
    html = SITE.page(SITE.ps(0, 1, 2)).replace(
        "</head>", "<script>var shell = '<html><body></body></html>';</script></head>")
    assert SITE.paragraphs(html)[:3] == SITE.sentences[:3]


DIALOGS = ("<div class='trialSignup modal'><div class='trial-modal'><h2>Welcome to the Lantern Plus trial</h2>"
           "<p>Please choose the plan that most fits the way your newsroom works today.</p>"
           "<p>Sending data. Please wait while we set up your trial account.</p></div></div>"
           "<div id='captchaModal' class='Warningmodal'><div class='modal-box'><p>We need to confirm you are human. "
           "Please enter the number of employees in your team again.</p></div></div>")


def _with_dialogs() -> str:
    return _page("", tail="</body></html>" + DIALOGS + "</html>")


def test_modal_dialogs_after_the_page_stay_out():
    got = SITE.paragraphs(_with_dialogs())
    assert got[:5] == SITE.sentences[:5], got
    assert not any("Please choose the plan" in p or "confirm you are human" in p for p in got), got


def test_modal_dialogs_inside_the_post_stay_out():
    got = SITE.paragraphs(SITE.page(SITE.ps(0, 1, 2, 3, 4) + DIALOGS))
    assert got == SITE.sentences[:5], got


def test_without_the_rule_a_dialog_joins_the_article(monkeypatch):
    without_dom_rule(monkeypatch, "modal-dialog")
    got = " ".join(SITE.paragraphs(SITE.page(SITE.ps(0, 1, 2, 3, 4) + DIALOGS)))
    assert "confirm you are human" in got, got


def test_a_modal_word_inside_other_class_words_is_not_a_dialog():
    body = (SITE.ps(0, 1) + "<div class='modality-note'><p>" + SITE.sentences[2] + "</p></div>"
            + "<div class='modal-logic-box'><p>" + SITE.sentences[3] + "</p></div>" + SITE.ps(4))
    assert SITE.paragraphs(SITE.page(body))[:5] == SITE.sentences[:5]


# -- "</br>" written for a line break: libxml2 drops it and glues the words on either side; the HTML
#    standard (and every browser) reads it as <br> (endtags.br_end_tags, switch stage:br-end-tags). --

BR_BODY = ("<p>Sailings from Harrow pier:</br>07:15 to the mainland</BR>12:40 to the mainland</br >"
           "17:05 to the mainland</p>") + SITE.ps(0, 1, 2)


def test_a_br_end_tag_is_a_line_break():
    text = " ".join(SITE.paragraphs(SITE.page(BR_BODY)))
    assert "pier: 07:15" in text or "pier:\n07:15" in text, text
    assert "mainland 12:40" in text and "mainland 17:05" in text, text


def test_without_the_stage_the_words_are_glued(monkeypatch):
    monkeypatch.setattr(endtags, "BR_END_TAGS", False)
    text = " ".join(SITE.paragraphs(SITE.page(BR_BODY)))
    assert "pier:07:15" in text and "mainland12:40" in text, text


def test_br_end_tags_bytes():
    assert endtags.br_end_tags(b"a</br>b</BR >c<br/>d") == b"a<br>b<br>c<br/>d"
    plain = b"<p>a<br>b</p>"
    assert endtags.br_end_tags(plain) is plain
