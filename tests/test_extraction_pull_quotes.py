"""A pull quote known only by its words: a body sentence repeated large between quotation marks goes once
(stage pull-quote-repeats, archiver/extraction/repeats.py). Invented pages."""
from __future__ import annotations

from archiver.extraction import extract, repeats
from archiver.extraction.repeats import drop_pull_quotes

SAID = "The new pier will carry the ferry for another hundred years, whatever the spring tides do"
BODY = [f"Paragraph {i} of the report on the harbour, with words enough to be read as body text by any extractor."
        for i in range(4)]


def _page(pull: str) -> str:
    paras = [*BODY[:2], f"The harbour master said: “{SAID}.” The board agreed on Tuesday evening.", *BODY[2:]]
    html = "".join(f"<p>{p}</p>" for p in paras[:2]) + pull + "".join(f"<p>{p}</p>" for p in paras[2:])
    return f"<html><head><title>Pier</title></head><body><article><h1>Pier</h1>{html}</article></body></html>"


def test_a_pull_quote_in_a_bare_component_goes_and_is_accounted():
    result = extract(_page(f"<div data-role='pullquote'><p>“{SAID}”</p></div>"), "https://news.example/pier")
    lines = [line for line in result.text.splitlines() if line.strip()]
    assert lines.count(f"“{SAID}”") == 0 and sum(SAID in line for line in lines) == 1
    assert [r.text for r in result.removed if r.rule == "pull-quote-repeat"] == [f"“{SAID}”"]


def test_without_the_stage_the_pull_quote_stays(monkeypatch):
    monkeypatch.setattr(repeats, "PULL_QUOTES", False)
    text = extract(_page(f"<div data-role='pullquote'><p>“{SAID}”</p></div>"), "https://news.example/pier").text
    assert sum(SAID in line for line in text.splitlines()) == 2


def test_a_quotation_said_once_or_a_short_one_stays():
    once = ["Paragraph one of the story, long enough to be body text on any page at all.", f"“{SAID}”"]
    assert drop_pull_quotes(once) == (once, [])
    short = ["He said “No comment” and left the room before the vote.", "“No comment”"]
    assert drop_pull_quotes(short) == (short, [])
    unquoted = [f"The harbour master said: “{SAID}.”", SAID]  # a repeat without quotation marks: not this kind
    assert drop_pull_quotes(unquoted) == (unquoted, [])


def test_a_page_of_many_quotation_lines_is_looked_up_a_bounded_number_of_times():
    quote = "“" + " ".join(["word"] * 8) + "”"
    lines = [quote] * 5_000 + ["He said " + " ".join(["word"] * 8) + " and left."]
    kept, dropped = drop_pull_quotes(lines)
    assert len(dropped) == repeats.PULL_MAX_TRIED and len(kept) == len(lines) - repeats.PULL_MAX_TRIED
