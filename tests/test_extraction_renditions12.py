"""The twelfth renditions of the seed pages (``tests/fixtures/renditions12``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, HOST, TITLE, URL, word_for_word
from rulekit import without_dom_rule, without_own_address, without_paragraph_rule

from archiver.extraction import extract, metadata, paragraphs, pdflines, shownhead, toplabels
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions12")

# extras whose kinds are still open (see the set's README)
OPEN_EXTRAS: set[str] = set()
# The templates of ``extra.py`` (a phpBB repost, a paste, a lite site, a Jekyll post, an app's share page).
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions12", OPEN_EXTRAS, "extra.tsv")


def _wrap(text: str, width: int = 60) -> list[str]:
    import textwrap
    return textwrap.wrap(text, width)


def _pdf_page() -> str:
    """The story printed to PDF and converted by ``pdftohtml -c -s``: each line a positioned ``<p>``, the
    print's header and footer on both pages, a paragraph cut by the page break, a small caption."""
    pages: list[list[str]] = [[]]
    top = [80]

    def line(text: str, cls: str, step: int = 20) -> None:
        if top[0] > 560:
            pages.append([])
            top[0] = 80
        pages[-1].append(f'<p style="position:absolute;top:{top[0]}px;left:70px;white-space:nowrap" '
                         f'class="{cls}">{"&#160;".join(text.split())}</p>')
        top[0] += step

    line(TITLE, "ft2", 40)
    for piece in _wrap("The harbour board's photo of the Monday meeting, by the board's clerk.", 90):
        line(piece, "ft3", 16)
    top[0] += 14
    for para in BODY:
        for piece in _wrap(para):
            line(piece, "ft1")
        top[0] += 14
    divs = []
    for n, lines in enumerate(pages, 1):
        chrome = [f'<p style="position:absolute;top:20px;left:40px;white-space:nowrap" class="ft4">11/20/26, '
                  f'9:{10 + n}&#160;AM</p>',
                  f'<p style="position:absolute;top:640px;left:40px;white-space:nowrap" class="ft4">{URL}</p>',
                  f'<p style="position:absolute;top:640px;left:600px;white-space:nowrap" class="ft4">{n}/{len(pages)}</p>']
        divs.append(f'<div id="page{n}-div" style="position:relative;width:680px;height:680px;">'
                    f'<img width="680" height="680" src="p{n}.png" alt="background image"/>'
                    + "".join(chrome[:1] + lines + chrome[1:]) + "</div>")
    return (f"<html><head><title>{TITLE} | Harbourtown Gazette</title><style type='text/css'><!-- p {{margin: 0;}}"
            " .ft1{font-size:14px;font-family:Times;} .ft2{font-size:28px;font-family:Times;font-weight:bold;}"
            " .ft3{font-size:10px;font-family:Times;} .ft4{font-size:9px;font-family:Times;} --></style></head>"
            f"<body bgcolor='#A0A0A0'>{''.join(divs)}</body></html>")


def test_a_pdf_converted_line_by_line_reads_as_paragraphs_again(monkeypatch):
    page = _pdf_page()
    assert page.count("page2-div") == 1  # the story runs over the page break
    result = extract(page, URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    monkeypatch.setattr(pdflines, "PDF_LINES", False)
    result = extract(page, URL)
    assert list(result.paragraphs) != BODY and "1/2" in result.text


def test_positioned_boxes_that_are_no_printed_lines_are_left_alone():
    """A page with a few absolutely placed boxes (a map's labels) is no converted PDF: fewer than
    ``MIN_LINES`` positioned children under one element."""
    from lxml import html
    boxes = "".join(f'<p style="position:absolute;top:{20 * i}px;left:10px">Pier {i}</p>' for i in range(3))
    root = html.fromstring(f"<html><body><div class='map'>{boxes}</div><p>{BODY[0]}</p></body></html>")
    assert pdflines.join_pdf_lines(root, "position:absolute;top:" * 9) == 0


def _mail_page(header: str) -> str:
    """A message saved or printed from a mail program: ``header`` above the newsletter's table, whose rows
    each hold one line (a label, the headline, a paragraph)."""
    rows = "".join(f"<tr><td><p class=MsoNormal>{p}<o:p></o:p></p></td></tr>"
                   for p in ("<b>BREAKING NEWS</b>", TITLE, *BODY))
    return (f"<html><head><title>{TITLE}</title></head><body><div class=WordSection1>{header}"
            f"<p class=MsoNormal>&nbsp;</p><table>{rows}</table></div></body></html>")


OUTLOOK = "".join(f"<p class=MsoNormal><b>{k}</b> {v}</p>" for k, v in (
    ("From:", "Harbourtown Gazette &lt;alerts@news.harbourtown-gazette.example&gt;"),
    ("Sent:", "Friday, November 20, 2026 9:12 AM"), ("To:", "Jo Quay &lt;jo@example.org&gt;"),
    ("Subject:", TITLE)))


def test_an_e_mail_s_header_lines_go_and_stay_without_their_rule(monkeypatch):
    result = extract(_mail_page(OUTLOOK), URL)
    assert list(result.paragraphs) == BODY
    assert {"mail-header", "breaking-label"} <= {r.rule for r in result.removed}
    without_paragraph_rule(monkeypatch, "mail-header")
    assert "Sent: Friday, November 20, 2026 9:12 AM" in extract(_mail_page(OUTLOOK), URL).paragraphs


def test_without_its_rule_the_breaking_label_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "breaking-label")
    assert "BREAKING NEWS" in extract(_mail_page(OUTLOOK), URL).paragraphs


GMAIL = ("<table><tr><td><b>Fwd: " + TITLE + "</b></td><td>1 message</td></tr></table><p>Jo Quay &lt;jo@example.org&gt;</p><p>Fri, Nov 20, 2026 at 9:14 AM"
         "</p><p>To: Sam Pier &lt;sam@example.org&gt;</p><p>Have a look at this before the board meets again.</p>"
         "<p>---------- Forwarded message ---------</p><p>From: Harbourtown Gazette &lt;alerts@news.harbourtown-"
         "gazette.example&gt;</p><p>Date: Fri, Nov 20, 2026 at 8:52 AM</p><p>Subject: " + TITLE + "</p><p>To: &lt;"
         "jo@example.org&gt;</p>")


def test_what_stands_above_a_forwarded_message_s_mark_goes_with_it(monkeypatch):
    page = _mail_page(GMAIL).replace(f"<title>{TITLE}</title>", f"<title>Webmail - Fwd: {TITLE}</title>")
    result = extract(page, URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    assert "forwarded-mark" in {r.rule for r in result.removed}
    monkeypatch.setattr(toplabels, "FORWARD_PREFIX", False)
    assert extract(page, URL).title == f"Fwd: {TITLE}"
    without_paragraph_rule(monkeypatch, "forwarded-mark")
    assert "Have a look at this before the board meets again." in extract(page, URL).paragraphs


def test_mail_lines_in_the_story_stay():
    """A "From:" or "To:" line the story quotes, or a forwarded message it reports on, is text: the
    rules read the text's first lines, an address after "From:", the mark alone on its line."""
    rules = rules_for(HOST)
    lines = [*BODY, "From: the harbour master, to every skipper in the bay", "To: all ferry users",
             "The clerk wrote: ---------- Forwarded message --------- and sent it on to the board.", *BODY,
             "---------- Forwarded message ---------", "From: clerk@harbourtown.example", *BODY]
    assert clean_paragraphs(lines, rules)[0] == lines


def test_a_temperature_with_its_place_goes_and_a_sentence_stays(monkeypatch):
    rules = rules_for(HOST)
    assert clean_paragraphs(["60º Miami", *BODY], rules)[0] == BODY
    assert clean_paragraphs(["It was 12° in Harbourtown at dawn.", *BODY], rules)[0][0] == "It was 12° in Harbourtown at dawn."
    guide = [*BODY, "360° Cameras", *BODY]  # a buyer's guide's product line, past the text's first lines
    assert clean_paragraphs(guide, rules)[0] == guide
    deep = [*BODY, *BODY, "360° View", *BODY]  # a subheading in the body, past the chrome's first lines (review1)
    assert clean_paragraphs(deep, rules)[0] == deep
    without_paragraph_rule(monkeypatch, "temperature-place-line")
    from archiver import extraction
    assert clean_paragraphs(["60º Miami", *BODY], extraction.rules_for(HOST))[0][0] == "60º Miami"


def test_an_article_s_own_wrote_line_and_a_compound_word_stay():
    """'wrote:' is a forum's quote attribution only with the board's arrow; 'Bild-Chefredakteur' is no
    'Bild -' credit label (review1: both lines went)."""
    rules = rules_for(HOST)
    lines = [*BODY, "In his 1869 letter, Tolstoy wrote:", *BODY,
             "Bild-Chefredakteur Julian Reichelt wies die Vorwürfe am Montag zurück.", *BODY]
    assert clean_paragraphs(lines, rules)[0] == lines
    assert clean_paragraphs([*BODY, "Tolstoy wrote: ↑", *BODY], rules)[0] == [*BODY, *BODY]
    assert clean_paragraphs([*BODY, "Bild – oben: Ann Lee / dpa", *BODY], rules)[0] == [*BODY, *BODY]


NOTICE = ("Copyright 2026 The Harbour Press. All rights reserved. This material may not be published, broadcast, "
          "rewritten or redistributed without permission.")
FOOTER = ["Recommended Videos", "You are receiving this email because you signed up for Gazette alerts.",
          "Unsubscribe | Manage preferences", "Harbourtown Gazette, 1 Quay Street, Harbourtown", "Recommended Videos"]


def test_a_wire_notice_above_a_closing_footer_is_among_the_body_s_last_lines(monkeypatch):
    rules = rules_for(HOST)
    kept, removed = clean_paragraphs([*BODY, NOTICE, *FOOTER], rules)
    assert kept == BODY and "legal-notice" in {r.rule for r in removed}
    monkeypatch.setattr(paragraphs, "REST_WINDOW", False)
    assert clean_paragraphs([*BODY, NOTICE, *FOOTER], rules)[0] == [*BODY, NOTICE]


def _proxy_page() -> str:
    """A page through the old Google Translate proxy: each run of text after its source in a hidden span."""
    def gt(text: str) -> str:
        return (f'<span onmouseover="_tipon(this)" onmouseout="_tipoff()"><span class="google-src-text" style='
                f'"direction: ltr; text-align: left">{text}</span> {text}</span>')
    paras = "".join(f"<p>{gt(p)}</p>" for p in BODY)
    return (f"<html><head><style>.google-src-text{{display:none !important}}</style><title>{TITLE}</title></head>"
            f"<body><article><h1>{gt(TITLE)}</h1><div class='body'>{paras}</div></article></body></html>")


def test_a_translation_proxy_s_hidden_source_text_goes(monkeypatch):
    result = extract(_proxy_page(), URL)
    assert list(result.paragraphs) == BODY and result.headline is None
    assert "translation-source-text" in {r.rule for r in result.removed}
    monkeypatch.setattr(shownhead, "TITLE_TWICE", False)
    assert extract(_proxy_page(), URL).headline == f"{TITLE} {TITLE}"
    without_dom_rule(monkeypatch, "translation-source-text")
    assert f"{BODY[0]} {BODY[0]}" in extract(_proxy_page(), URL).paragraphs


FILE = "2026-11-20-winter-ferry-timetable.md"


def _file_view(lead: str = "") -> str:
    """A repository's file view of a Markdown post: the file's name in ``<h1>`` and ``<title>``, the front
    matter as a table, the rendered post: its own ``<h1>``, an image, an italic caption, a bold credit."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><title>news/_posts/{FILE} at main · gazette/news · GitHub</title></head><body><main>"
            f"<nav><ol><li><a href='/gazette/news'>news</a></li><li><h1 class='file-name'>{FILE}</h1></li></ol></nav>"
            "<article class='markdown-body'><table data-table-type='yaml-metadata'><thead><tr><th>layout</th><th>title"
            f"</th><th>date</th></tr></thead><tbody><tr><td><div>post</div></td><td><div>{TITLE}</div></td><td><div>"
            f"2026-11-20</div></td></tr></tbody></table><h1>{TITLE}</h1><p><a href='/img/ferry.jpg'><img src='/img/"
            "ferry.jpg' alt='Ferry'></a></p><p><em>The last ferry of the night leaves the quay at ten.</em></p><p>"
            f"<strong>Harbour Board / Press</strong></p>{lead}{paras}</article></main></body></html>")


def test_a_file_view_s_title_is_the_document_s_own_headline(monkeypatch):
    result = extract(_file_view(), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    assert {"front-matter-table", "image-line-caption"} <= {r.rule for r in result.removed}
    monkeypatch.setattr(metadata, "FILE_NAME_H1", False)
    assert extract(_file_view(), URL).title == FILE


def test_without_its_rule_the_front_matter_stays(monkeypatch):
    without_dom_rule(monkeypatch, "front-matter-table")
    assert "layout" in extract(_file_view(), URL).text


def test_without_the_stage_the_markdown_caption_and_credit_stay(monkeypatch):
    from archiver.extraction import altcaptions
    monkeypatch.setattr(altcaptions, "MARKDOWN_PAIRS", False)
    text = extract(_file_view(), URL).text
    assert "The last ferry of the night" in text and "Harbour Board / Press" in text


def test_a_bold_sentence_after_an_image_s_italic_line_is_no_credit():
    """A bold line ending as a sentence is a subheading (WCXB dev 1405's truth keeps both lines)."""
    page = _file_view().replace("<strong>Harbour Board / Press</strong>", "<strong>OUR ADVICE: BOOK EARLY.</strong>")
    text = extract(page, URL).text
    assert "The last ferry of the night" in text and "OUR ADVICE: BOOK EARLY." in text


def test_an_italic_line_alone_after_an_image_stays():
    """Without a bold credit after it, the italic line may be text (the benchmarks' truths keep it)."""
    page = _file_view().replace("<p><strong>Harbour Board / Press</strong></p>", "")
    assert "The last ferry of the night" in extract(page, URL).text


def test_a_bold_standfirst_after_an_image_stays():
    lead = ("<p><strong>The harbour board has agreed a winter timetable that ends the night crossings an hour "
            "earlier, from the first weekend of December.</strong></p>")
    assert "The harbour board has agreed a winter timetable" in extract(_file_view(lead), URL).text


def test_a_topics_box_closing_the_text_goes_and_stays_without_its_rule(monkeypatch):
    tail = ["Related topics", "Harbourtown, ferries, harbour board"]
    rules = rules_for(HOST)
    assert clean_paragraphs([*BODY, *tail], rules)[0] == BODY
    lines = [*BODY, "Topics", "The board will discuss the timetable again in March."]
    assert clean_paragraphs(lines, rules)[0] == [*BODY, lines[-1]]
    without_paragraph_rule(monkeypatch, "topics-tail")
    from archiver import extraction
    assert clean_paragraphs([*BODY, *tail], extraction.rules_for(HOST))[0] == [*BODY, *tail]


def test_a_numbered_skip_link_goes():
    rules = rules_for(HOST)
    assert clean_paragraphs(["1. Skip to content", "2. Skip to main menu", *BODY], rules)[0] == BODY


def _board_page(h1: str = "Harbour Talk") -> str:
    """A forum's topic reposting the story: the board's name in the header's ``<h1>``, the topic's
    title in ``<h2>``, the story in a quote whose ``<cite>`` names the source, the source's address."""
    story = "<br><br>".join(BODY)
    return (f"<html><head><title>{TITLE} - Harbour Talk</title></head><body><div class='headerbar'><h1>{h1}</h1>"
            f"<p>Ferries, harbours and the bay</p></div><div class='page-body'><h2 class='topic-title'><a href="
            f"'/viewtopic.php?t=12'>{TITLE}</a></h2><div class='post'><h3><a href='#p1'>{TITLE}</a></h3><p class="
            "'author'>by <strong>newsbot</strong> » Fri Nov 20, 2026 9:02 am</p><div class='content'><blockquote><div>"
            f"<cite><a href='{URL}'>Harbourtown Gazette</a> wrote: <a href='{URL}'>↑</a></cite>{story}</div>"
            f"</blockquote><br>Source: <a href='{LONG}' class='postlink'>{LONG}</a></div></div></div></body></html>")


LONG = URL + "?utm_source=forum&utm_medium=repost&utm_campaign=winter-timetable"  # over image-credit's 120


def test_a_board_s_repost_reads_as_the_story(monkeypatch):
    result = extract(_board_page(), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    assert {"quote-attribution", "source-link"} <= {r.rule for r in result.removed}
    monkeypatch.setattr(metadata, "SITE_NAME_H1", False)
    assert extract(_board_page(), URL).title == "Harbour Talk"


def test_a_page_s_own_title_in_a_header_h1_stays_under_a_logo_naming_the_site():
    """The other way round (WCXB and AEB pages): the logo's link shows the site's name, the header's
    ``<h1>`` the page's own title; the shown piece in a header is no headline."""
    page = ("<html><head><title>Ferry timetables - Harbourtown Gazette Online</title></head><body><header>"
            "<a class='logo' href='/'>Harbourtown Gazette Online</a><h1>Ferry timetables</h1></header><main>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</main></body></html>")
    assert extract(page, URL).title == "Ferry timetables"


def test_without_the_stage_the_quote_s_attribution_is_glued_to_its_first_line(monkeypatch):
    from archiver.extraction import containers
    monkeypatch.setattr(containers, "QUOTE_CITES", False)
    assert f"Harbourtown Gazette wrote: ↑{BODY[0]}" in extract(_board_page(), URL).text


@pytest.mark.parametrize(("rule", "line"), [("quote-attribution", "Harbourtown Gazette wrote: ↑"),
                                            ("source-link", f"Source: {LONG}")])
def test_without_its_rule_the_board_s_line_stays(monkeypatch, rule, line):
    without_paragraph_rule(monkeypatch, rule)
    without_own_address(monkeypatch)  # the source line names the page's own address
    assert line in extract(_board_page(), URL).paragraphs


def test_reporting_about_what_someone_wrote_stays():
    rules = rules_for(HOST)
    lines = [*BODY[:3], "The harbour master wrote: the timetable was agreed after a long meeting of the board.",
             "In a letter to the board the skippers' union wrote:", *BODY[3:]]
    assert clean_paragraphs(lines, rules)[0] == lines


WRITTEN = "Harbour board's winter timetable: last ferry at 22:00"
SLUG = "Harbour Board S Winter Timetable Last Ferry At 22 00"  # Jekyll's title from the file's name


def _jekyll_post() -> str:
    """A post whose file starts with a byte-order mark, so the generator read no front matter: the title
    made from the file's name, the front matter a paragraph, the headline as written an ``<h1>``."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><title>{SLUG} | Quay Notes</title></head><body><main><article class='post'><header>"
            f"<h1 class='post-title'>{SLUG}</h1></header><div class='post-content'><p>\ufeff— layout: post "
            f"title: \"{WRITTEN}\" date: 2026-11-20 09:00:00 +0000 categories: ferries</p><hr><h1>{WRITTEN}</h1>"
            f"{paras}</div></article></main></body></html>")


def test_a_title_made_from_a_file_name_gives_way_to_the_headline_as_written(monkeypatch):
    result = extract(_jekyll_post(), URL)
    assert result.title == WRITTEN and list(result.paragraphs) == BODY
    assert "front-matter-leftover" in {r.rule for r in result.removed}
    monkeypatch.setattr(toplabels, "SLUG_TITLE", False)
    assert extract(_jekyll_post(), URL).title == SLUG


def test_without_its_rule_the_front_matter_line_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "front-matter-leftover")
    assert "layout: post" in extract(_jekyll_post(), URL).text


def test_a_first_line_differing_from_the_title_in_case_or_words_changes_nothing():
    from archiver.extraction.toplabels import slug_title
    assert slug_title(["Winter Ferry Timetable Cuts The Last Crossing By An Hour", *BODY], TITLE) is None
    assert slug_title([f"{TITLE}, the board says", *BODY], TITLE) is None
    assert slug_title([WRITTEN, *BODY], "Harbour board's winter timetable") is None  # the title has punctuation


def _paste_page() -> str:
    """A paste site's page: the pasted story as GeSHi's numbered lines, then again in a text box under
    its label."""
    lines = [TITLE, "", *(x for p in BODY for x in (p, ""))]
    items = "".join(f'<li class="li{1 + i % 2}"><div class="de{1 + i % 2}">{line or "&nbsp;"}</div></li>'
                    for i, line in enumerate(lines))
    raw = "\n".join(lines)
    return (f"<html><head><title>{TITLE} - Pastes</title></head><body><div class='paste'><h1>{TITLE}</h1><div "
            f"class='source text'><ol class='text'>{items}</ol></div><div class='content__title'>RAW Paste Data</div>"
            f"<textarea class='textarea'>{raw}</textarea></div></body></html>")


def test_a_paste_s_numbered_lines_read_as_paragraphs(monkeypatch):
    from archiver.extraction import codelines
    result = extract(_paste_page(), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    monkeypatch.setattr(codelines, "NUMBERED_LINES", False)
    assert f"- {BODY[0]}" in extract(_paste_page(), URL).text


def test_the_paste_s_label_closing_the_text_goes_and_stays_without_its_rule(monkeypatch):
    """The label trafilatura kept on the set's paste page (under the paste, above its text box)."""
    lines = [*BODY, "RAW Paste Data"]
    assert clean_paragraphs(lines, rules_for(HOST))[0] == BODY
    without_paragraph_rule(monkeypatch, "raw-paste-label")
    from archiver import extraction
    assert clean_paragraphs(lines, extraction.rules_for(HOST))[0] == lines


def test_an_ordered_list_of_other_items_stays_a_list():
    page = _paste_page().replace('<li class="li2"><div class="de2">', '<li class="li2"><div class="note">', 1)
    assert f"- {BODY[0]}" in extract(page, URL).text


def _markdown_images(images: str, credit: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{BODY[0]}</p>"
            f"<p>{images}</p><p><em>The last ferry of the night leaves the quay at ten.</em></p>"
            f"<p><strong>{credit}</strong></p>{paras}</article></body></html>")


def test_two_images_in_one_paragraph_share_their_caption_without_a_crash():
    """A row of two images in one Markdown paragraph: both found the same caption and credit, and the second
    drop_tree failed on a line already gone (lxml's assertion): the whole page was lost (review1)."""
    result = extract(_markdown_images("<img src='/a.jpg' alt='A'><img src='/b.jpg' alt='B'>", "Harbour Board / Press"),
                     URL)
    assert result.error is None
    assert "Harbour Board / Press" not in result.text and BODY[-1] in result.paragraphs


def test_a_bold_subheading_after_an_image_caption_is_no_credit():
    """A bold line with no credit's mark ('/', ©, a 'Photo:' label) after an italic caption is a subheading:
    it stays (it went with the caption before)."""
    result = extract(_markdown_images("<img src='/a.jpg' alt='A'>", "What the board decided"), URL)
    assert "What the board decided" in result.paragraphs
