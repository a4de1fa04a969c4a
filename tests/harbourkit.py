"""One invented harbour-board article for the bug-report kinds' tests (rounds 37 and 38): eight body paragraphs
with a piece of markup under test between the fourth and the fifth, and the two readings of it (archiver's
paragraphs, bare trafilatura's text), whitespace collapsed."""
from __future__ import annotations

import re

import trafilatura

from archiver.extraction import extract

URL = "https://www.fenwick-review.example/2026/12/harbour-dredging.html"
BODY = [f"Paragraph {i}: the harbour board heard that section {i} of the inner basin had silted up by almost a "
        "metre since the last survey, and that the ferries now wait for the tide." for i in range(8)]


def page(middle: str) -> str:
    """An article page: four paragraphs, ``middle`` (HTML), four paragraphs, in site chrome."""
    head = "".join(f"<p>{p}</p>" for p in BODY[:4])
    tail = "".join(f"<p>{p}</p>" for p in BODY[4:])
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Harbour dredging | Fenwick Harbour "
            "Review</title></head><body><header><a href='/'>Fenwick Harbour Review</a><nav><ul><li><a href='/a'>"
            "Archive</a></li><li><a href='/b'>About</a></li></ul></nav></header><main><article>"
            "<h1>The board weighs the cost of dredging</h1><div class='article-body'>"
            f"{head}{middle}{tail}</div></article></main><footer><p>Fenwick Harbour Review, "
            "3 Quay Street.</p></footer></body></html>")


def norm(text: str) -> str:
    """``text`` with every run of whitespace one space, stripped."""
    return re.sub(r"\s+", " ", text).strip()


def archiver_paragraphs(html: str) -> list[str]:
    """archiver's paragraphs of ``html`` (extracted under :data:`URL`), each normalized."""
    return [norm(p) for p in extract(html, URL).paragraphs]


def bare_text(html: str) -> str:
    """Bare trafilatura's text of ``html`` (no comments), normalized."""
    return norm(trafilatura.extract(html, url=URL, include_comments=False) or "")
