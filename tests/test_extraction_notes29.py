"""Two recall kinds bare trafilatura gets right or both lose (notes29; issue 11, kinds 1 and 13).

(A) Text a CMS writes loose into a ``<div>`` (no ``<p>``) among the body's paragraphs: a dateline above
them, a one-sentence paragraph between them, a contributors' line after them. archiver runs trafilatura
in precision mode, which reads a ``<div>``'s own text only when a page has little ``<p>`` text; the
``loosedivs`` stage (switch ``LOOSE_DIVS``) takes such a ``<div>`` back as a sibling of the kept
paragraphs. Look-alikes stay out: a sidebar of teaser links, a footer with a date, an image's caption
written as a ``<div>`` after it, a timestamp line.

(B) A correction or update note whose label carries a date between the word and the colon
("Correction, January 12, 2022:", "Berichtigung vom 12.01.2022:", "Correction du 12 janvier 2022 :"):
the notes stage's label (``rules/generic.json`` "notes", its ``dated`` part) reads it now; with the date
part emptied the note is lost. "Updated 3 hours ago" and "Updated 12/01/2022 10:15" stay out.

Invented site and text (the Tarnley Post). Each kind has a twin with the change switched off.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from storykit import Newsroom

import archiver.extraction as ex
from archiver.extraction import loosedivs

SITE = Newsroom("https://www.tarnley-post.example/2026/12/ferry-slip", "Ferry slip at Tarnley to close after the gales",
                "Tarnley Post", "Maren Oakes", "9 Dock Lane",
                "The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
                "inspected the stones loosened by the January gales.", count=12)
S = SITE.sentences
page, ps, paragraphs = SITE.page, SITE.ps, SITE.paragraphs


def body(inner: str, after: str = "") -> str:
    """The story's body container holding ``inner``, a related-links sidebar after it, then ``after``."""
    return (f"<div class='article-body'>{inner}</div><aside class='related'><h3>More from the harbour</h3><ul>"
            "<li><a href='/a'>Harbour fees rise again this spring</a></li>"
            "<li><a href='/b'>New pier lights switched on</a></li></ul></aside>" + after)


DATELINE = "TARNLEY, Co Wexford —"
MIDDLE = "It will not."
CREDIT = "Additional reporting by Ilse Varn in Corby"
CREDITS = (CREDIT, "Reporting by Ilse Varn; Editing by Tom Reed", "Ilse Varn contributed to this report")
SENTENCES = "The council will meet again in March. Divers will report then. The slip may reopen by May."


def _loose_pages() -> list[tuple[str, list[str]]]:
    return [
        (page(body(ps(0, 1, 2) + f"<div>{MIDDLE}</div>" + ps(*range(3, 8)))), [*S[:3], MIDDLE, *S[3:8]]),
        *((page(body(ps(*range(8)) + f"<div>{c}</div>")), [*S[:8], c]) for c in CREDITS),
    ]


def test_a_dateline_div_above_the_body_stays_out():
    """The integrator took the dateline back out: newspaper4k's cnn_001 truth leaves "CNN —" out."""
    assert paragraphs(page(body(f"<div>{DATELINE}</div>" + ps(*range(8))))) == S[:8]


def test_loose_div_text_comes_back_in_page_order():
    for html, want in _loose_pages():
        assert paragraphs(html) == want


def test_without_the_stage_the_loose_text_is_lost(monkeypatch):
    monkeypatch.setattr(loosedivs, "LOOSE_DIVS", False)
    for html, want in _loose_pages():
        got = paragraphs(html)
        assert got != want and got == [line for line in want if line in S], got


def test_a_sentence_div_between_and_after_paragraphs_stays_in_place():
    html = page(body(ps(0, 1, 2, 3) + f"<div>{SENTENCES}</div>" + ps(4, 5, 6, 7, 8)))
    assert paragraphs(html) == [*S[:4], SENTENCES, *S[4:9]]


def test_edges_switch_keeps_only_the_middle(monkeypatch):
    monkeypatch.setattr(loosedivs, "EDGES", False)
    pages = _loose_pages()  # the middle sentence, then the credits after the body
    assert paragraphs(pages[0][0]) == pages[0][1]
    assert all(paragraphs(html) == S[:8] for html, _want in pages[1:])


@pytest.mark.parametrize("after", [
    # a sidebar of teasers after the body: links, no paragraph of the body beside them
    "<div class='col'><div><a href='/c'>Ferry fares to rise in spring, says operator</a></div>"
    "<div><a href='/d'>Pier lights switched on after two years.</a></div></div>",
    # a footer line with a date, after the body container
    "<div>Tarnley Post, 9 Dock Lane. Published 12 January 2022.</div>",
])
def test_look_alikes_after_the_body_stay_out(after):
    html = page(body(ps(*range(8)), after))
    assert paragraphs(html) == S[:8]


def test_a_teaser_div_of_links_inside_the_body_stays_out():
    teaser = "<div><a href='/c'>Ferry fares to rise in spring</a> and <a href='/d'>pier lights on again</a>.</div>"
    assert paragraphs(page(body(ps(*range(8)) + teaser))) == S[:8]


def test_an_image_caption_div_stays_out():
    caption = "The slip's fourth section, seen from the pier at low tide on Monday."
    html = page(body(ps(0, 1, 2) + f"<img src='/slip.jpg' alt=''><div>{caption}</div>" + ps(*range(3, 8))))
    assert caption not in paragraphs(html)


def test_a_timestamp_line_stays_out():
    html = page(body(ps(*range(8)) + "<div>Updated 3 hours ago</div>"))
    assert paragraphs(html) == S[:8]


# -- (B) dated correction and update labels ---------------------------------------------------------------

NOTES = (
    ("en", "Correction, January 12, 2022: An earlier version of this story gave the wrong date for the closure."),
    ("en", "Update 3/4/2024: The council said on Wednesday that the slip would reopen on Friday."),
    ("de", "Berichtigung vom 12.01.2022: In einer früheren Fassung stand ein falsches Datum für die Sperrung."),
    ("es", "Rectificación 12/01/2022: Una versión anterior de esta nota daba otra fecha para el cierre."),
    ("fr", "Correction du 12 janvier 2022 : une version précédente de cet article donnait une autre date."),
    ("it", "Rettifica del 12 gennaio 2022: una versione precedente riportava una data errata per la chiusura."),
)


def _note_page(note: str, lang: str) -> str:
    return page(body(ps(*range(8))) + f"<aside class='note-box'><p>{note}</p></aside>", lang=lang)


def _generic_notes() -> dict:
    path = Path(ex.__file__).resolve().parent.parent / "rules" / "generic.json"
    return json.loads(path.read_text(encoding="utf-8"))["notes"]


def without_dated_labels(monkeypatch) -> None:
    """The notes stage's label with its ``dated`` part emptied: a label followed by a date no longer reads."""
    data = _generic_notes()
    assert "%DATED%" in data["label"]
    undated = re.compile(data["label"].replace("%DATED%", ""), re.I)
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(original(host), notes=undated))


def test_dated_correction_notes_come_back_at_the_end():
    for lang, note in NOTES:
        assert paragraphs(_note_page(note, lang)) == [*S[:8], note], note


def test_without_the_dates_the_notes_are_lost(monkeypatch):
    without_dated_labels(monkeypatch)
    for lang, note in NOTES:
        assert paragraphs(_note_page(note, lang)) == S[:8], note


def test_timestamps_and_dated_words_stay_out():
    label = ex.rules_for("www.tarnley-post.example").notes
    assert label is not None
    for line in ("Updated 3 hours ago", "Updated 12/01/2022 10:15", "Updated: 12/01/2022 10:15",
                 "Updated 12.01.2022, 10:15 Uhr", "Published 12 January 2022", "Update: Jan 12, 2022",
                 "Correction 12 ways to fix a boiler", "Correctional officers said on Tuesday that it was full."):
        assert not label.search(line), line
    for stamp in ("Updated 3 hours ago", "Updated 12/01/2022 10:15"):
        html = page(body(ps(*range(8))) + f"<aside class='note-box'><p>{stamp}</p></aside>")
        assert paragraphs(html) == S[:8], stamp
