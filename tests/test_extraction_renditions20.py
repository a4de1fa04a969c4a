"""The twentieth renditions of the seed pages (``tests/fixtures/renditions20``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a forum's post tables carry ``summary="pid401122"`` (Discuz!): a one-token summary made them data
  tables, and the whole post came out as one ``|  | ... |`` row (``tables.SUMMARY_WORDS``, switch
  ``stage:layout-summary-words``);
- a caption repeating its image's alt, set in ``<font>`` after a forum attachment whose wrapper also
  holds the attachment's hidden tip (``altcaptions.FONT_LINES``, ``altcaptions.HIDDEN_SIBLINGS``);
- a reposter's source line in Chinese ("原文链接：https://...") or another language, address only
  (paragraph rule ``source-link``);
- a text-only edition's "Image description: ..." line, a wire's "EDS: ..." note to editors, a
  republisher's "Originally published by NAME on DATE." above the copy (paragraph rules
  ``image-description-line``, ``wire-editors-note``, ``origin-note-top``);
- a forum thread's prefix label or "Thread:" opening the ``<h1>`` and the title
  (``toplabels.HEADING_LABEL``, switch ``stage:heading-label``);
- a page builder's text element of one paragraph (Weebly's ``div.paragraph``) beside those of several
  paragraphs cut by ``<br><br>`` was lost, as a ``<div>``'s own text among ``<p>`` text
  (``brlines.BR_DIV_TWINS``, switch ``stage:br-div-twins``).
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word

from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN = {"local10.com"}  # the wire's "___" before the rights line: AEB's truths keep such lines
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions20", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {
    "extra/vbulletin-www.themoscowtimes.com.html",  # a caption and bold credit as plain <br> lines of the post
}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions20", OPEN_EXTRA, "extra.tsv")

ALT = "The last ferry of the night leaves the quay at ten o'clock"


def _forum(message: str, summary: str = "pid7001") -> str:
    """The ferry story reposted on a forum laid out in tables (Discuz!-like): the post's table (with
    ``summary``) holds the author's cell and the message cell, the message in a table of its own."""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE} - 港口论坛</title></head><body>"
            "<div id='hd'><a href='/'>港口论坛</a> <a href='/forum.php'>论坛</a></div><div id='postlist'><table "
            f"cellspacing='0' cellpadding='0'><tr><td class='pls'>查看: 88</td><td class='plc'><h1 class='ts'><span "
            f"id='thread_subject'>{TITLE}</span></h1></td></tr></table><div id='post_7001'><table id='pid7001' "
            f"class='plhin' summary='{summary}' cellspacing='0' cellpadding='0'><tr><td class='pls' rowspan='2'>"
            "<a href='/space/uid/5'>harbourfan</a><p>论坛元老</p></td><td class='plc'><div class='pi'>楼主 发表于 "
            "2026-11-20 09:30</div><div class='t_fsz'><table cellspacing='0' cellpadding='0'><tr><td class='t_f' "
            f"id='postmessage_7001'>{message}</td></tr></table></div></td></tr><tr><td class='plc'>回复 举报</td>"
            "</tr></table></div></div><div id='ft'>Powered by Discuz!</div></body></html>")


def _lines(*lines: str) -> str:
    return "<br />\r\n<br />\r\n".join(lines)


def test_a_forum_post_table_with_a_one_token_summary_is_layout(monkeypatch):
    from archiver.extraction import tables
    page = _forum(_lines(*BODY))
    assert list(extract(page, URL).paragraphs) == BODY
    monkeypatch.setattr(tables, "SUMMARY_WORDS", False)
    assert any(p.startswith("|") for p in extract(page, URL).paragraphs)


def test_a_table_with_a_summary_in_words_stays_data():
    from lxml import html as lh

    from archiver.extraction.tables import is_layout_table
    described = lh.fromstring("<table summary='Crossings by month, 2026'><tr><td>May</td><td>14</td></tr>"
                              "<tr><td>June</td><td>18</td></tr></table>")
    keyed = lh.fromstring("<table summary='pid7001'><tr><td>May</td><td>14</td></tr>"
                          "<tr><td>June</td><td>18</td></tr></table>")
    assert not is_layout_table(described) and is_layout_table(keyed)


ATTACHMENT = (f"<ignore_js_op><img src='/data/attachment/ferry.jpg' alt=\"{ALT}\" title=\"{ALT}\" /><div class='tip' "
              "style='position: absolute; display: none'><p><strong>ferry.jpg</strong> <em>(45.2 KB, 下载次数: 3)</em>"
              "</p><p><a href='/attachment/7'>下载附件</a></p></div></ignore_js_op>")


@pytest.mark.parametrize("switch", ["HIDDEN_SIBLINGS", "FONT_LINES"])
def test_a_font_caption_under_a_forum_attachment_goes(monkeypatch, switch):
    from archiver.extraction import altcaptions
    page = _forum(_lines(*BODY[:2], ATTACHMENT, f"<font color='#808080'>{ALT}</font>", *BODY[2:]))
    assert list(extract(page, URL).paragraphs) == BODY
    monkeypatch.setattr(altcaptions, switch, False)
    assert ALT in extract(page, URL).paragraphs


def test_a_wrapper_with_shown_text_beside_the_image_is_no_wrapper_of_it_alone():
    from lxml import html as lh

    from archiver.extraction.altcaptions import _alone_but_hidden
    hidden = lh.fromstring(f"<div>{ATTACHMENT}</div>").find(".//ignore_js_op")
    shown = lh.fromstring(f"<div>{ATTACHMENT.replace('display: none', 'display: block')}</div>").find(".//ignore_js_op")
    paragraph = lh.fromstring(f"<div><p><img src='a.jpg' alt='{ALT}'><span style='display:none'>x</span></p></div>").find(".//p")
    assert _alone_but_hidden(hidden, hidden[0]) and not _alone_but_hidden(shown, shown[0])
    assert not _alone_but_hidden(paragraph, paragraph[0])  # a <p> is a block of text, not a wrapper


def _page(body: list[str]) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><header><a href='/'>"
            f"Harbourtown Gazette</a></header><main><article><h1>{TITLE}</h1><div class='text'>{paras}</div>"
            "</article></main><footer>© 2026 Harbourtown Gazette</footer></body></html>")


@pytest.mark.parametrize(("lines", "rule"), [
    ({6: ["原文链接：https://www.harbourtown-gazette.example/2026/11/20/ferry-timetable-changes/"]}, "source-link"),
    ({0: [f"Image description: {ALT}"]}, "image-description-line"),
    ({2: [f"Alt text: {ALT}"]}, "image-description-line"),
    ({0: ["EDS: UPDATES with details, new timetable. With photos."]}, "wire-editors-note"),
    ({0: ["Originally published by the Harbourtown Gazette on November 20, 2026."]}, "origin-note-top"),
])
def test_a_source_line_an_image_description_an_editors_note_and_an_origin_note_go(monkeypatch, lines, rule):
    from rulekit import without_paragraph_rule
    body = [line for i in range(len(BODY) + 1) for line in [*lines.get(i, []), *BODY[i:i + 1]]]
    assert list(extract(_page(body), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, rule)
    kept = extract(_page(body), URL).paragraphs
    assert all(line in kept for group in lines.values() for line in group)


@pytest.mark.parametrize("line", [
    "来源：港务局的声明说，冬季时刻表将在十二月生效。",
    "原文链接见港务局网站，时刻表全文也在那里公布。",
    "The image description the board sent with the timetable was wrong about the quay.",
    "Eds say the timetable, first drafted in May, was changed twice before the vote.",
    "Originally published by the harbour board in 1998, the timetable has changed every winter since.",
])
def test_sentences_like_the_new_lines_stay(line):
    assert line in extract(_page([line, *BODY]), URL).paragraphs


def _thread(h1: str, title: str, og: str | None = None) -> str:
    """The ferry story as a forum thread: ``h1`` the heading's inner HTML, ``title`` the ``<title>``, ``og``
    the ``og:title`` (none when None)."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    meta = "" if og is None else f"<meta property='og:title' content='{og}'>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{meta}</head><body><nav><a href='/'>Forums</a></nav><div class='p-title'>"
            f"<h1 class='p-title-value'>{h1}</h1></div><article class='message'><div class='bbWrapper'>{paras}</div>"
            "</article><footer>Community platform</footer></body></html>")


@pytest.mark.parametrize(("h1", "title", "og"), [
    (f"<span class='label'>News</span><span class='label-append'>&nbsp;</span>{TITLE}",
     f"News - {TITLE} | Harbour Forum", f"News - {TITLE}"),
    (f"Thread: <span class='threadtitle'><a href='/t/1'>{TITLE}</a></span>", f" {TITLE}", None),
])
def test_a_thread_s_prefix_label_leaves_the_title(monkeypatch, h1, title, og):
    from archiver.extraction import toplabels
    page = _thread(h1, title, og)
    assert extract(page, URL).title == TITLE
    monkeypatch.setattr(toplabels, "HEADING_LABEL", False)
    assert extract(page, URL).title != TITLE


@pytest.mark.parametrize(("h1", "title"), [
    (f"Review: {TITLE}", f"Review: {TITLE}"),
    (f"<span class='h1small'>Harbour News</span> {TITLE}", f"Harbour News - {TITLE}"),
    ("Ferry news from <abbr title='Harbourtown'>HTG</abbr>: the last crossing moves to ten",
     "Ferry news from HTG: the last crossing moves to ten"),
])
def test_a_kicker_not_named_a_label_stays_in_the_title(h1, title):
    assert extract(_thread(h1, title, title), URL).title == title


def _builder(one: str) -> str:
    """The ferry story on a page builder's blog: text elements ``div.paragraph`` of ``<br><br>``-cut
    paragraphs, one of them holding ``one`` alone, a video element after it; ``<p>`` furniture around."""
    def element(ps: list[str]) -> str:
        return f"<div class='paragraph'>{'<br /><br />'.join(ps)}</div>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{TITLE}</title></head><body><div class='nav'><p>"
            f"<a href='/'>Home</a></p></div><div class='blog-post'><h2 class='blog-title'>{TITLE}</h2><p class='blog-date'>"
            f"11/20/2026</p><div class='blog-content'>{element(BODY[:3])}{element([one])}<div class='wsite-youtube'>"
            f"<iframe src='https://www.youtube.com/embed/x'></iframe></div>{element(BODY[3:])}</div></div><p>Powered by "
            "the builder. Create your own unique website with customizable templates.</p></body></html>")


ONE = "Paragraph 3b of the ferry story says the harbour board will review the timetable again in the spring."


@pytest.mark.parametrize("one", [ONE, f"{ONE}<br /><br /><strong>See the video here:</strong>"])
def test_a_text_element_of_one_paragraph_beside_its_twins_is_read(monkeypatch, one):
    from archiver.extraction import brlines
    assert ONE in extract(_builder(one), URL).paragraphs
    monkeypatch.setattr(brlines, "BR_DIV_TWINS", False)
    assert ONE not in extract(_builder(one), URL).paragraphs
