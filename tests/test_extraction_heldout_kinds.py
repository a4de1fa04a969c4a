"""Kinds of fault the held-out pages showed (``bench/heldout.py``), each on a small page of its own.

Invented site and text; each test fails on the code before its fix.
"""

from __future__ import annotations

from archiver.extraction import extract

URL = "https://www.harbourlight-review.example/notes/2026/tide-tables"


def page(body: str, title: str = "How the tide tables are worked out") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title} | Harbourlight Review</title></head><body>"
            "<header class='site-head'><a href='/'>Harbourlight Review</a><nav><a href='/notes'>Notes</a>"
            "<a href='/about'>About</a></nav></header>"
            f"<main><article><h1>{title}</h1>{body}</article></main>"
            "<footer><p>Harbourlight Review, Quay Street.</p></footer></body></html>")


FILLER = ("The harbour office publishes the tables every autumn for the year ahead, and the pilots "
          "check each page against their own readings before the first spring tide.")


def words_of(text: str) -> list[str]:
    return text.split()


def test_a_br_joined_inside_a_sentence_keeps_the_space_before_a_following_link_or_code():
    html = page(f"""<p>{FILLER}</p>
      <p>The constants for each port are listed
         <br>in the <a href="/notes/constants">harmonic tables</a> of the annex, and the method
         is the same as the <code>predict</code>
         <br>routine uses for <code>"spring"</code> and <code>"neap"</code> tides alike.</p>
      <p>{FILLER}</p>""")
    text = " ".join(extract(html, URL).text.split())
    assert "are listed in the harmonic tables of the annex" in text
    assert "as the predict routine uses for \"spring\" and \"neap\" tides" in text
