"""The fifteenth renditions of the seed pages (``tests/fixtures/renditions15``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.

- a partner site's syndicated copy closing the body with where the article first appeared and the
  terms in one line ("This article originally appeared on RFE/RL. Republished with permission."):
  ``republish-notice`` knew the terms only at the line's start (paragraph rule ``republish-notice``,
  now with the sentence before them; the sentence alone stays, as AEB's truth keeps it);
- a podcast player between two body paragraphs (its label, the episode's title, the ``<audio>``, a
  play button, "00:00 / 24:13"): the title stayed as a line of the body (DOM rule
  ``audio-player-box``).
"""

from __future__ import annotations

import pytest
from renditionkit import SEEDS_FOUND, assert_word_for_word, page_id, rendition_pages
from rulekit import without_dom_rule, without_paragraph_rule

from archiver.extraction import extract
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

# pages whose kinds are still open (see the set's README): a strict xfail, so a fixed page is taken off
OPEN: set[str] = set()


@SEEDS_FOUND
@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="open kind"))
                                  if page_id(p) in OPEN else p
                                  for p in rendition_pages("renditions15")], ids=page_id)
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    assert_word_for_word("renditions15", page)


# extras whose kinds are open (the set's README, "Extras"): strict xfails, taken off when fixed
OPEN_EXTRA = {"extra/accordions-local10.com.html"}


@SEEDS_FOUND
@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="open kind"))
                                  if p["path"] in OPEN_EXTRA else p
                                  for p in rendition_pages("renditions15", "extra.tsv")], ids=lambda p: p["path"])
def test_each_extra_template_gives_the_seed_s_text_word_for_word(page):
    """The templates of ``extra.py`` (a mobile page of accordions, a metered page with its body in
    JSON-LD only, an Instapaper text view)."""
    assert_word_for_word("renditions15", page)


URL = "https://www.harbour-weekly.example/english/2026/11/24/quay-wall-repairs/"
HOST = "www.harbour-weekly.example"
TITLE = "Quay wall repairs close the north berth until spring"
BODY = [f"Paragraph {i} of the quay story says the harbour board, meeting on Tuesday, agreed to close the north "
        f"berth for {i + 2} months while divers replace the old timber piles under the quay wall."
        for i in range(1, 7)]


def _partner_copy(note: str) -> str:
    """The story in a partner site's English section, the syndication note closing the body."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (f"<html lang='de'><head><title>{TITLE} | Hafenblatt</title></head><body><nav><a href='/'>Startseite</a>"
            f"<a href='/english/'>English</a></nav><article><h1>{TITLE}</h1><div class='article__body'>{paras}"
            f"<p class='article__republished'><em>{note}</em></p></div></article><footer><a href='/impressum'>Impressum"
            "</a></footer></body></html>")


NOTE = "This article originally appeared on Harbour Weekly. Republished with permission."


def test_a_syndication_note_with_its_terms_goes_and_stays_without_its_rule(monkeypatch):
    assert list(extract(_partner_copy(NOTE), URL).paragraphs) == BODY
    without_paragraph_rule(monkeypatch, "republish-notice")
    assert NOTE in extract(_partner_copy(NOTE), URL).paragraphs


def test_where_the_article_first_appeared_alone_or_told_as_news_stays():
    """The sentence alone is the article's (AEB's truth keeps "This article was originally published by
    Futurism. Read the original article."); a body sentence about permission is the story's."""
    for line in ("This article originally appeared on Harbour Weekly.",
                 "This article was originally published by Harbour Weekly. Read the original article.",
                 "The board said the old piles were reprinted with permission in its annual report."):
        assert clean_paragraphs([*BODY, line], rules_for(HOST))[0] == [*BODY, line]


PLAYER_TITLE = "Hafenblatt – der Podcast: the north berth after the storm"


def _player_page(player: str | None = None) -> str:
    """The story with a podcast player between its third and fourth paragraphs."""
    player = player or ('<div class="pod"><span class="pod__label">Jetzt anhören</span><p class="pod__title">'
                        f'{PLAYER_TITLE}</p><audio preload="none" src="/pod/north-berth.mp3"></audio><button '
                        'aria-label="Abspielen">▶</button><span class="pod__time">00:00 / 24:13</span></div>')
    paras = [f"<p>{p}</p>" for p in BODY]
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><div class='body'>"
            f"{''.join(paras[:3])}{player}{''.join(paras[3:])}</div></article></body></html>")


def test_a_podcast_player_box_goes_whole_and_its_title_stays_without_its_rule(monkeypatch):
    assert list(extract(_player_page(), URL).paragraphs) == BODY
    without_dom_rule(monkeypatch, "audio-player-box")
    assert PLAYER_TITLE in extract(_player_page(), URL).paragraphs


def test_a_sentence_holding_a_player_and_show_notes_beside_one_stay():
    sentence = "The harbour master recorded the divers at work, and the sound of the old piles coming out is here."
    inline = f'<p>{sentence} <audio controls src="/pod/piles.mp3"></audio></p>'
    assert sentence in extract(_player_page(inline), URL).paragraphs
    notes = [f"Show note {i}: the harbour board's engineer explains why the timber piles of the north berth "
             f"failed after {i + 40} years under the quay wall." for i in range(1, 4)]
    episode = ('<div class="episode"><h2>Episode 41: the north berth</h2><audio controls src="/pod/41.mp3"></audio>'
               + "".join(f"<p>{n}</p>" for n in notes) + "</div>")
    got = extract(_player_page(episode), URL).paragraphs
    assert all(n in got for n in notes)
