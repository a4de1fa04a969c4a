"""Kinds found on the held-out pages (gen36, issue 11), each fixed as a rule any site's page can meet.

- ``recent-posts-tail`` (paragraph rule, ``drop-rest``): a blog's list of its newest posts closing the
  text, under its own title ("Recent articles", "Latest posts", "The latest from <blog>"), each item a
  post's title with its date or a cut-off excerpt. related-tail knows the lists named for the post
  ("Related posts"); this list is named for the blog.

Invented pages and text; each kind has a test that fails with its rule switched off, and a twin that
shows what it leaves alone.
"""

from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule

from archiver.extraction import extract

_URL = "https://tidewater-notes.example/2026/mar/3/salt-marsh-survey"
_BODY = [
    "The salt marsh behind the old ferry landing has been surveyed every spring since 1987, always on the "
    "lowest tide of April.",
    "This year twelve volunteers walked the same forty transects and counted cordgrass stems in a metre "
    "square at each marker.",
    "The counts were down by a third on the seaward edge, where the winter storms had scoured the mud "
    "down to the old shell layer.",
    "Further inland the stems were as dense as in any year on record, and the survey found two new "
    "patches of sea lavender.",
]
_RECENT = [
    ("Counting terns from the harbour wall", "4th March 2026"),
    ("What the tide tables leave out", "25th February 2026"),
    ("A winter of broken jetties", "23rd February 2026"),
]


def _page(title: str, tail_items: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    return ("<html><head><title>Salt marsh survey</title></head><body><main>"
            f"<h1>The salt marsh survey</h1>{body}<h2>{title}</h2><ul>{tail_items}</ul>"
            "</main></body></html>")


def _dated_items() -> str:
    return "".join(f"<li><a href='/p/{i}'>{t}</a> - {d}</li>" for i, (t, d) in enumerate(_RECENT))


def _text(html: str) -> str:
    result = extract(html, _URL)
    assert result.error is None
    return result.text


@pytest.mark.parametrize("title", ["Recent articles", "Latest posts", "Recent Posts:", "The latest from Tidewater Notes"])
def test_a_blogs_recent_posts_list_closing_the_text_goes(title):
    text = _text(_page(title, _dated_items()))
    assert all(p in text for p in _BODY)
    assert title.rstrip(":") not in text
    assert not any(t in text for t, _ in _RECENT)


def test_the_list_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "recent-posts-tail")
    text = _text(_page("Recent articles", _dated_items()))
    assert "Recent articles" in text and _RECENT[0][0] in text  # trafilatura keeps it: the rule is what takes it


def test_cut_off_excerpts_under_the_title_go_too():
    excerpts = ("Terns came back to the harbour wall a week early this year, and the first count found more "
                "nesting pairs than...", "The tide tables give heights and times, but not what the wind does "
                "to them on a long fetch...")
    items = "".join(f"<li><p>{e}</p></li>" for e in excerpts)
    text = _text(_page("The latest from Tidewater Notes", "<li><p>Follow for field notes from the estuary</p></li>"
                       + items))
    assert all(p in text for p in _BODY)
    assert not any(e[:40] in text for e in excerpts)


def test_a_section_titled_so_and_written_as_sentences_stays():
    # the line after the title is a sentence: the post's own section about recent writing, not a list
    section = ("<li><p>Three recent papers have measured cordgrass loss along this coast, and all three found "
               "the seaward edge retreating.</p></li>")
    text = _text(_page("Recent articles", section))
    assert "Three recent papers have measured" in text


def test_latest_news_heading_is_not_taken():
    # 'Latest news' heads a news site's section lists mid-page; the rule leaves 'news' out
    text = _text(_page("Latest news", _dated_items()))
    assert "Latest news" in text or _RECENT[0][0] in text
