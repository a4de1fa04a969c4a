"""An ad or sponsored pitch written as a paragraph of the body with its label first ("Sponsored: Try the new
card...", "Advertisement: Holiday deals...", "Anzeige – ..."): the label rules take a label alone on its line,
so a pitch whose class no list names stayed in the clean text, and on a watched page every new pitch read as an
edit (issue 11's kind 12). Paragraph rule ``labelled-pitch``; invented site and text."""
from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule
from storykit import Newsroom

SITE = Newsroom("https://www.tarnbeck-post.example/2026/12/weir", "Tarnbeck weir repairs finish early",
                "Tarnbeck Post", "Morwenna Ashby", "9 Mill Lane",
                "The river trust said on Monday that section {i} of the old weir had been rebuilt with new stone.")

PITCHES = ("Sponsored: Try the new Acme card with 0% APR for 18 months.",
           "Advertisement: Holiday deals at Acme Travel, book now.",
           "Anzeige – Jetzt die Acme-Karte bestellen und sparen",
           "Paid content: How Acme keeps your home warm this winter")
LOOK_ALIKES = ("Advertisement spending rose four percent last year, the Acme group said in its annual report.",
               "Sponsored by the river trust, the repairs cost less than planned, the council said.",
               "Advertisement was never the weir's problem: the stone was, said the engineer.")


def _page(middle: str) -> str:
    return SITE.page(SITE.ps(0, 1, 2) + middle + SITE.ps(3, 4, 5))


@pytest.mark.parametrize("pitch", PITCHES)
def test_a_labelled_pitch_goes(pitch):
    got = SITE.paragraphs(_page(f"<p>{pitch}</p>"))
    assert pitch not in got and SITE.sentences[5] in got, got


def test_without_the_rule_the_pitch_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "labelled-pitch")
    assert PITCHES[0] in SITE.paragraphs(_page(f"<p>{PITCHES[0]}</p>"))


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_article_sentences_starting_with_the_word_stay(line):
    assert line in SITE.paragraphs(_page(f"<p>{line}</p>"))
