"""The fourteenth renditions of the seed pages (``tests/fixtures/renditions14``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.
"""

from __future__ import annotations

import pytest
from renditionkit import SEEDS_FOUND, assert_word_for_word, page_id, rendition_pages

from archiver.extraction import extract

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = {"www.themoscowtimes.com"}  # the club site's footer row and source line


@SEEDS_FOUND
@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="open kind"))
                                  if page_id(p) in OPEN else p
                                  for p in rendition_pages("renditions14")], ids=page_id)
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    assert_word_for_word("renditions14", page)


URL = "https://www.harbourtown-gazette.example/2026/11/20/ferry-timetable-changes/"
TITLE = "Winter ferry timetable cuts the last crossing by an hour"
BODY = [f"Paragraph {i} of the ferry story says the winter timetable, agreed by the harbour board on Monday, "
        f"moves the last crossing from 23:00 to 22:00 and adds a {i}th early sailing on weekdays."
        for i in range(1, 7)]
ALT = "The last ferry of the night leaves the quay at ten"


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
    result = extract(_wiki_paste(), URL)
    assert list(result.paragraphs) == BODY and "alt-caption" in {r.rule for r in result.removed}
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
