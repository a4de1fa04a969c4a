"""The twenty-third renditions of the seed pages (``tests/fixtures/renditions23``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a reposter's note heading the body in a European language, "Перепечатано с сайта ..." (reprinted from
  the site of ...): paragraph rule ``republish-lead-i18n``;
- a rich editor's link card after "Related article:" (the linked page's title and host glued into one
  line): DOM rule ``link-card``;
- a wiki's ``<title>`` of a page id and the wiki's name ("presse:ferry_timetable [Harbour Wiki]") with the
  wiki's name as the header's ``<h1>``: the page's own later ``<h1>`` is the title (``stage:page-id-title``).
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract, pageidtitle

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions23", OPEN)

# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA: set[str] = set()
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions23", OPEN_EXTRA, "extra.tsv")


def _page(body: list[str], lang: str = "en", between: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body[:3]) + between + "".join(f"<p>{p}</p>" for p in body[3:])
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='text' lang='en'>{paras}</div></article></main><footer>© 2026 Harbour Gazette</footer>"
            "</body></html>")


@pytest.mark.parametrize(("note", "lang"), [("Перепечатано с сайта Портовой газеты (Harbour Gazette)", "ru"),
                                            ("Übernommen von der Hafenzeitung", "de"),
                                            ("Przedruk z serwisu Gazeta Portowa", "pl")])
def test_a_reprint_note_heading_the_body_goes(monkeypatch, note, lang):
    page = _page([f"{note}", *BODY], lang=lang)
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "republish-lead-i18n")
    assert note in extract(page, URL).paragraphs


def test_a_sentence_opening_with_a_reprint_word_stays():
    line = "Übernommen von der Stadt, wird die Fähre ab Montag seltener fahren."  # the story's own sentence
    assert line in extract(_page([line, *BODY], lang="de"), URL).paragraphs
    later = "Перепечатано с сайта Портовой газеты"  # not among the first two lines: the story may quote it
    assert later in extract(_page([*BODY[:3], later, *BODY[3:]], lang="ru"), URL).paragraphs


CARD = ("<p>Related article: </p><a target='_blank' href='https://www.harbourtown-gazette.example/2026/11/02/quay/' "
        "data-draft-type='link-card' class='LinkCard new'><span class='LinkCard-contents'><span class='LinkCard-title'>"
        "The quay will be rebuilt next spring</span><span class='LinkCard-desc'>www.harbourtown-gazette.example</span>"
        "</span></a>")


def test_a_link_card_in_the_text_goes(monkeypatch):
    page = _page(BODY, between=CARD)
    assert list(extract(page, URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "link-card")
    assert any("The quay will be rebuilt" in p for p in extract(page, URL).paragraphs)


def test_a_card_of_the_story_s_own_paragraphs_stays():
    card = (f"<div class='story-card'><p>{BODY[3]}</p><p>{BODY[4]}</p><p>{BODY[5]}</p></div>")  # no link card
    page = _page(BODY[:3], between=card)
    assert list(extract(page, URL).paragraphs) == BODY


def _wiki(title: str, site_h1: str = "<h1><a href='/doku.php?id=start'>Harbour Wiki</a></h1>") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div id='dokuwiki__header'><div class='headings'>{site_h1}</div><div class='trace'>Trace: "
            "ferry_timetable</div></div><div id='dokuwiki__content'><div class='page'><h1 class='sectionedit1'>"
            f"{TITLE}</h1><div class='level1'>{paras}</div></div><div class='docInfo'>presse/ferry_timetable.txt · "
            "Last modified: 2026/11/20 10:30 by anna</div></div></body></html>")


@pytest.mark.parametrize("title", ["presse:ferry_timetable [Harbour Wiki]", "ferry-timetable | Harbour Wiki"])
def test_a_page_id_title_gives_the_page_s_own_h1(monkeypatch, title):
    result = extract(_wiki(title), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY
    monkeypatch.setattr(pageidtitle, "PAGE_ID_TITLE", False)
    assert extract(_wiki(title), URL).title == "Harbour Wiki"


def test_a_title_in_words_or_a_first_h1_outside_the_header_is_left():
    from lxml import html as lxml_html
    tree = lxml_html.fromstring(_wiki("presse:ferry_timetable [Harbour Wiki]"))
    assert pageidtitle.page_id_title(tree, "Harbour Wiki") == TITLE
    words = lxml_html.fromstring(_wiki("Ferry notes [Harbour Wiki]"))  # a space: no page id
    assert pageidtitle.page_id_title(words, "Harbour Wiki") is None
    unheaded = lxml_html.fromstring(_wiki("presse:ferry_timetable [Harbour Wiki]").replace("dokuwiki__header", "top"))
    assert pageidtitle.page_id_title(unheaded, "Harbour Wiki") is None  # the first <h1> stands in no header


@pytest.mark.parametrize("marker", ["— Page 2 —", "- Seite 2 -", "–– Página 2 de 3 ––"])
def test_a_page_break_marker_of_a_single_page_view_goes(monkeypatch, marker):
    page = _page(BODY, between=f"<div class='page-break'><hr><span>{marker}</span></div>")
    assert list(extract(page, URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "page-break-marker")
    assert marker in extract(page, URL).paragraphs


def test_a_page_cited_mid_text_stays():
    page = _page(BODY, between="<p>Seite 17</p>")  # a review citing the book's page: no dashes, not the last lines
    assert "Seite 17" in extract(page, URL).paragraphs


COLLECT = ("<div class='css-1k9x2'><h3>Collect this entry</h3><p>Transform this entry into an onchain collectible</p>"
           "<span>0 collected</span> <span>0.01 ETH</span><button type='button'>Collect</button></div>")


def test_a_collect_this_entry_box_goes(monkeypatch):
    page = _page(BODY, between="").replace("</div></article>", f"</div>{COLLECT}</article>")
    assert list(extract(page, URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "collect-entry-box")
    assert "Transform this entry into an onchain collectible" in extract(page, URL).paragraphs


def test_a_story_about_collecting_stays():
    line = "Collect this entry from the harbour archive, the museum told visitors on Monday."
    assert line in extract(_page([*BODY[:3], line, *BODY[3:]]), URL).paragraphs
