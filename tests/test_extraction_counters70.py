"""Counters inside the article's body (mend70, nuser48 finding 1).

A news page's reader counter, view counter, share count and "This article was updated N minutes ago" line,
each a short paragraph of its own inside ``<article>``, stayed in the clean text: the paragraph rules that
take such lines were each written for one wording ('3,470 people are reading this now', 'This article has
been viewed 312 times', '12 shares', 'Updated 12 minutes ago'), and these wordings were not theirs. Now
readers-now-line, view-count-sentence, social-counter and relative-time-line take them; a sentence of the
story that names a count (the same words going on) stays. Each form is checked with its rule switched off
too (the line comes back), as ``bench.ablation`` would.
"""
from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule

from archiver.extraction import extract, rules_for
from archiver.extraction.paragraphs import clean_paragraphs

URL = "http://www.riverside-courier70.test/news/library-hours.html"
PARAS = [
    "The city library will stay open until ten on weekdays from next month, the council said on Tuesday, "
    "after a petition signed by more than two thousand residents asked for longer hours.",
    "Students had asked for late opening for years. The reading rooms are full most evenings during the "
    "exam season, staff said, and the queue at closing time often runs out of the door.",
    "The extra hours will cost about 80,000 a year, paid from the culture budget. Two more librarians "
    "will be hired for the evening shifts.",
]
COUNTERS = [
    ("Read by 1,204 people today", "readers-now-line"),
    ("Viewed by 3.2K readers", "readers-now-line"),
    ("1,204 people have read this article today", "readers-now-line"),
    ("Viewed 2,331 times", "view-count-sentence"),
    ("Read 87 times.", "view-count-sentence"),
    ("Share this article: 37 shares", "social-counter"),
    ("Share: 1.2K shares", "social-counter"),
    ("This article was updated 5 minutes ago", "relative-time-line"),
    ("The story was last updated 2 hours ago.", "relative-time-line"),
]
STORY = [  # sentences of a story naming a count: the line goes on past the counter's words
    "Read by 1,204 people in its first week, the petition's letter to the council asked for the change.",
    "Viewed 2,331 times by noon, the council's video of the vote was taken down in the afternoon.",
    "Share this article: 37 shares of the library's building fund were sold to residents last year.",
    "This article was updated 5 minutes ago to add the mayor's reply, which came after the vote.",
    "The survey was read by 1,204 people, the council said, and most of them asked for longer hours.",
]


def page(line: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (f"<!DOCTYPE html><html><head><title>Library to stay open late</title></head><body><article>"
            f"<h1>Library to stay open late</h1>{body}<p>{line}</p></article></body></html>")


@pytest.mark.parametrize(("line", "rule"), COUNTERS, ids=[c[0] for c in COUNTERS])
def test_a_counter_line_in_the_article_goes(monkeypatch, line, rule):
    result = extract(page(line), URL)
    assert all(p in result.text for p in PARAS), result.text
    assert line not in result.text, result.text
    assert rule in {r.rule for r in result.removed}, result.removed
    without_paragraph_rule(monkeypatch, rule)
    assert line in extract(page(line), URL).text  # the rule is what takes it


@pytest.mark.parametrize("line", STORY)
def test_a_sentence_of_the_story_naming_a_count_stays(line):
    kept, removed = clean_paragraphs([*PARAS, line], rules_for("www.riverside-courier70.test"))
    assert kept[-1] == line, removed
    assert line in extract(page(line), URL).text
