"""A text read as one run-on line (trafilatura's baseline fallback; a declared articleBody written as one
string) is cut back into the page's paragraphs; the words stay as they were (stage resplit-run-on,
archiver/extraction/resplit.py). Invented pages."""
from __future__ import annotations

import json

from archiver.extraction import extract, resplit
from archiver.extraction.resplit import resplit_run_on

PARAS = [f"Paragraph {i} of the report on the harbour, with words enough to be read as body text by any "
         "extractor at all." for i in range(8)]


def _lazy_page() -> str:
    # every paragraph in its own <noscript> (a lazy-loading template): trafilatura finds no body and
    # falls back on its baseline reading, one line of the page's text
    blocks = "".join(f"<div class='lazy'><noscript><p>{p}</p></noscript></div>" for p in PARAS)
    return (f"<html><head><title>Pier rebuilt</title></head><body><header><a href='/'>Home</a></header><article>"
            f"<h1>Pier rebuilt</h1>{blocks}</article><footer><p>© 2022 Example News.</p></footer></body></html>")


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_a_baseline_run_on_line_comes_out_as_the_page_s_paragraphs():
    assert _lines(extract(_lazy_page(), "https://news.example/pier").text) == PARAS


def test_without_the_stage_it_is_one_line_the_headline_glued_in_front(monkeypatch):
    monkeypatch.setattr(resplit, "RESPLIT", False)
    text = extract(_lazy_page(), "https://news.example/pier").text
    assert len(_lines(text)) == 1 and text.split() == ["Pier", "rebuilt", *" ".join(PARAS).split()]


def test_a_declared_article_body_in_one_string_is_cut_at_the_shown_paragraphs():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier rebuilt",
          "articleBody": " ".join(PARAS)}
    shown = "".join(f"<p>{p}</p>" for p in PARAS[:2])  # the page shows the opening; script loads the rest
    html = (f"<html><head><title>Pier rebuilt</title><script type='application/ld+json'>{json.dumps(ld)}</script>"
            f"</head><body><article><h1>Pier rebuilt</h1>{shown}<div id='rest'></div></article>"
            + "".join(f"<template><p>{p}</p></template>" for p in PARAS[2:]) + "</body></html>")
    lines = _lines(extract(html, "https://news.example/pier").text)
    assert " ".join(lines).split() == " ".join(PARAS).split()
    assert len(lines) == len(PARAS)  # a template of prose is the story's rest, drawn by script: the cuts


def test_a_declared_article_body_cut_at_blocks_trafilatura_deletes():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier rebuilt",
          "articleBody": " ".join(PARAS)}
    shown = "".join(f"<p>{p}</p>" for p in PARAS[:2])  # the body reads the opening only
    # the rest stands in asides trafilatura deletes (the blocks are in the page, the body text lost)
    html = (f"<html><head><title>Pier rebuilt</title><script type='application/ld+json'>{json.dumps(ld)}</script>"
            f"</head><body><article><h1>Pier rebuilt</h1>{shown}<div id='rest'></div></article>"
            + "".join(f"<aside><p>{p}</p></aside>" for p in PARAS[2:]) + "</body></html>")
    lines = _lines(extract(html, "https://news.example/pier").text)
    assert " ".join(lines).split() == " ".join(PARAS).split()
    assert len(lines) > 1


def test_a_declared_article_body_switched_off_stays_one_line(monkeypatch):
    monkeypatch.setattr(resplit, "RESPLIT", False)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier rebuilt",
          "articleBody": " ".join(PARAS)}
    html = (f"<html><head><title>Pier rebuilt</title><script type='application/ld+json'>{json.dumps(ld)}</script>"
            f"</head><body><article><h1>Pier rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in PARAS[:2])
            + "</article>" + "".join(f"<aside><p>{p}</p></aside>" for p in PARAS[2:]) + "</body></html>")
    assert len(_lines(extract(html, "https://news.example/pier").text)) == 1


def test_short_text_or_text_the_blocks_do_not_cover_stays_as_it_is():
    assert resplit_run_on(["One short line."], None) == ["One short line."]
    from archiver.extraction.dom import parse
    root = parse("<html><body><p>" + PARAS[0] + "</p></body></html>")
    run_on = " ".join(["Unrelated words the page does not hold in any block."] * 20)
    assert resplit_run_on([run_on], root) == [run_on]
