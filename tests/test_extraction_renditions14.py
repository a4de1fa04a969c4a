"""The fourteenth renditions of the seed pages (``tests/fixtures/renditions14``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.
"""

from __future__ import annotations

from renditionkit import ALT, BODY, HOST, TITLE, URL, assert_story_body, word_for_word
from rulekit import without_paragraph_rule

from archiver.extraction import extract
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions14", OPEN)


# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {"extra/omnivore-www.rferl.org.html", "extra/domino-ukrainetoday.org.html"}


# The templates of ``extra.py`` (an Omnivore reader page, a Lotus Domino document).
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions14", OPEN_EXTRA, "extra.tsv")


def _wiki_paste(caption: str = ALT) -> str:
    """A story pasted into a wiki page's editor (Confluence's storage format): every block a ``<p>``, the
    photo alone in a ``<p>`` of its own (in the editor's wrapper ``<span>``), the caption repeating its
    alt the next ``<p>``, in italics."""
    paras = [f"<p>{p}</p>" for p in BODY]
    photo = (f'<p><span class="confluence-embedded-file-wrapper"><img class="confluence-embedded-image" alt="{ALT}" '
             f'src="/download/attachments/1/ferry.jpg"></span></p><p><em>{caption}</em></p>')
    return (f"<html><head><title>{TITLE} - Desk - Confluence</title></head><body><h1 id='title-heading'>{TITLE}</h1>"
            f"<div id='main-content' class='wiki-content'>{''.join(paras[:2])}{photo}{''.join(paras[2:])}</div>"
            "</body></html>")


def test_a_caption_under_a_photo_alone_in_its_paragraph_goes(monkeypatch):
    from archiver.extraction import altcaptions
    assert_story_body(_wiki_paste(), "alt-caption")
    monkeypatch.setattr(altcaptions, "PARAGRAPH_BLOCKS", False)
    assert ALT in extract(_wiki_paste(), URL).paragraphs


def test_a_paragraph_after_a_photo_saying_more_than_its_alt_stays():
    caption = f"{ALT}, as the harbour board's new timetable takes effect"
    assert caption in extract(_wiki_paste(caption), URL).paragraphs


def test_a_markdown_caption_and_credit_under_a_photo_in_its_paragraph_both_go():
    """The Markdown pair is read before the paragraph block: its caption repeating the alt does not go
    alone, leaving the credit (a GitHub or Hugo page: ``![alt](src)``, ``*caption*``, ``**credit**``)."""
    page = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{BODY[0]}</p><p><img "
            f"alt='{ALT}' src='/ferry.jpg'></p><p><em>{ALT}</em></p><p><strong>Harbour Board / Press</strong></p>"
            + "".join(f"<p>{p}</p>" for p in BODY[1:]) + "</article></body></html>")
    result = extract(page, URL)
    assert list(result.paragraphs) == BODY


def _shared_borders(footer: bool = True) -> str:
    """An old club site made with FrontPage: the banner's one-cell table, the shell table (link bar and
    story cell, the story in a nested table), and the bottom border's one-cell table: the footer's menu,
    the webmaster's address, the copyright and "Last modified:" lines."""
    story = "".join(f'<p><font face="Verdana" size="2">{p}</font></p>' for p in BODY)
    bottom = ('<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td><p align="center"><font size="1">'
              '<a href="/">Home</a> | <a href="/news/">News</a> | <a href="/events.htm">Events</a> | <a href="/contact.htm">'
              'Contact</a></font></p><p align="center"><font size="1">Send mail to <a href="mailto:web@harbour-club.example">'
              'web@harbour-club.example</a> with questions or comments about this web site.<br>Copyright © 1999-2026 '
              'Harbour Club<br>Last modified: 11/20/26</font></p></td></tr></table>') if footer else ""
    return (f'<html><head><meta name="GENERATOR" content="Microsoft FrontPage 6.0"><title>{TITLE}</title></head><body>'
            '<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td><p align="center"><font size="4"><b>'
            'Harbour Club</b></font></p></td></tr></table><table border="0" cellpadding="0" cellspacing="0" width="100%">'
            '<tr><td valign="top" width="1%"><table width="140"><tr><td><a href="/">Home</a></td></tr><tr><td><a '
            'href="/news/">News</a></td></tr><tr><td><a href="/events.htm">Events</a></td></tr></table></td><td valign="top">'
            f'<table width="600"><tr><td><p align="center"><b><font size="5">{TITLE}</font></b></p>{story}</td></tr>'
            f"</table></td></tr></table>{bottom}</body></html>")


def test_a_shell_s_bottom_border_row_goes_and_stays_without_its_rule(monkeypatch):
    assert list(extract(_shared_borders(), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "webmaster-footer-row")
    assert any("Last modified" in p for p in extract(_shared_borders(), URL).paragraphs)


def test_a_data_table_s_last_row_with_a_mail_address_stays():
    """A row of cells (a contacts table's) is no footer band, even naming the site."""
    row = "| Harbour office | office@harbour-club.example | write with questions about the site's timetable page |"
    assert clean_paragraphs([*BODY, row], rules_for(HOST))[0] == [*BODY, row]


def test_a_source_line_naming_the_source_before_the_address_goes_and_stays_without_its_rule(monkeypatch):
    # over image-credit's 120 characters, as a story's address makes it
    lines = [*BODY, "Source: Harbourtown Gazette, https://www.harbourtown-gazette.example/2026/11/20/"
                    "winter-ferry-timetable-cuts-the-last-crossing-by-an-hour-a7731"]
    assert clean_paragraphs(lines, rules_for(HOST))[0] == BODY
    keep = [*BODY, "Source: the harbour board's winter timetable, as the board published it on its own site, "
                   "https://harbour.example/timetable, on Monday."]  # a sentence: over image-credit's 120 too
    assert clean_paragraphs(keep, rules_for(HOST))[0] == keep
    without_paragraph_rule(monkeypatch, "source-link")
    from archiver import extraction
    assert clean_paragraphs(lines, extraction.rules_for(HOST))[0] == lines
