"""A section's text written straight into a ``<div>`` under a subheading trafilatura kept: an FAQ accordion
whose questions are ``<h4>`` in a title wrapper and whose answers are bare text in the panel ``<div>``
(a page builder's accordion), or a builder's heading-and-text module. trafilatura reads ``<div>`` text only
when a page has little ``<p>`` text, so it kept every question and dropped every answer: questions without
answers. The gap stage now counts such a ``<div>`` (no block inside, a sentence) as a block of the gap right
under a kept subheading (``gaps.BARE_DIVS``, switch ``stage:gaps-bare-divs``); anywhere else it is passed
over as before. Invented site and text."""
from __future__ import annotations

import pytest
from storykit import Newsroom

from archiver.extraction import gaps, loosedivs

SITE = Newsroom("https://www.hollin-ledger.example/2026/12/candidates", "Hiring teams meet candidates who are not",
                "Hollin Ledger", "Ida Brennock", "4 Quay Row",
                "Paragraph {i} of the story tells how hiring teams met candidates who were not who they said, and "
                "what the teams did about it in the months afterwards.")

QA = (("What is a fabricated candidate?",
       "A fabricated candidate applies under an identity built for the purpose, with a made-up work history."),
      ("How does it show in interviews?",
       "It often shows as delayed answers, a camera that stays off, or replies that sound read from a screen."),
      ("Why is it hard to catch?",
       "Because the résumés are polished and the references answer the phone, each check on its own passes."))

ITEM = ("<div class='acc-item'><div class='acc-head'><div class='acc-open'><span>K</span></div>"
        "<div class='acc-close'><span>L</span></div><h4 class='acc-title'>{q}</h4></div>"
        "<div class='acc-panel'>{a}</div></div>")


def _page(items: str, heading: str = "More questions from readers") -> str:
    return SITE.page(SITE.ps(0, 1, 2, 3, 4, 5, 6) + f"<h2>{heading}</h2><div class='acc'>{items}</div>" + SITE.ps(7))


def _faq(template: str = ITEM) -> str:
    return "".join(template.format(q=q, a=a) for q, a in QA)


def test_bare_trafilatura_keeps_the_questions_and_drops_the_answers():
    got = SITE.bare(_page(_faq()))
    assert all(q in got for q, _a in QA) and not any(a in got for _q, a in QA), got


def test_each_answer_comes_back_under_its_question():
    got = SITE.paragraphs(_page(_faq()))
    for q, a in QA:
        assert q in got and a in got and got.index(a) == got.index(q) + 1, got
    assert got[-1] == SITE.sentences[7], got


def test_without_the_stage_the_answers_stay_out(monkeypatch):
    monkeypatch.setattr(gaps, "BARE_DIVS", False)
    got = SITE.paragraphs(_page(_faq()))
    assert all(q in got for q, _a in QA) and not any(a in got for _q, a in QA), got


@pytest.mark.parametrize("panel_class", ["author-bio", "promo-box", "newsletter-signup"])
def test_a_panel_named_as_furniture_stays_out(panel_class):
    template = ITEM.replace("acc-panel", panel_class)
    got = SITE.paragraphs(_page(_faq(template)))
    assert not any(a in got for _q, a in QA), got


def test_a_bare_sentence_div_between_paragraphs_is_left_alone(monkeypatch):
    """Not under a subheading: a survey's thank-you between two body paragraphs stays where trafilatura put it
    (the gap stage's part; notes29's ``loosedivs`` stage, off here, takes a sentence ``<div>`` between two kept
    paragraphs as body text)."""
    monkeypatch.setattr(loosedivs, "LOOSE_DIVS", False)
    line = "Thank you for completing the reader survey this month."
    got = SITE.paragraphs(SITE.page(SITE.ps(0, 1, 2) + f"<div class='note'>{line}</div>" + SITE.ps(3, 4, 5)))
    assert line not in got and SITE.sentences[3] in got, got


def test_under_a_heading_that_names_furniture_nothing_comes_back():
    """An author box laid out as a builder's heading-and-text module: its heading names furniture."""
    bio = "Ida Brennock covers work and hiring for the Ledger and wrote two books on the labour market."
    module = f"<div class='module'><div class='module-head'><h3>About the author</h3></div><div class='module-text'>{bio}</div></div>"
    page = SITE.page(SITE.ps(0, 1, 2, 3, 4, 5) + module + SITE.ps(6, 7))
    got = SITE.paragraphs(page)
    assert bio not in got and "About the author" in SITE.bare(page), got
    assert bio in SITE.paragraphs(page.replace("About the author", "How the hiring went"))  # the same, named as text


def test_a_panel_that_is_not_a_sentence_stays_out():
    template = ITEM.replace("{a}", "Read more")
    got = SITE.paragraphs(_page(_faq(template)))
    assert "Read more" not in got, got
