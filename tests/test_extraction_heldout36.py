"""Kinds found on the held-out pages (gen36, issue 11), each fixed as a rule any site's page can meet.

- ``recent-posts-tail`` (paragraph rule, ``drop-rest``): a blog's list of its newest posts closing the
  text, under its own title ("Recent articles", "Latest posts", "The latest from <blog>", "More Must-Reads
  From <outlet>"), each item a
  post's title with its date or a cut-off excerpt. related-tail knows the lists named for the post
  ("Related posts"); this list is named for the blog.
- ``promo-heading-tail`` (paragraph rule, ``drop-rest``): promo-heading's label ("More stories") when its
  box of teaser cards closes the text; promo-heading takes the titles and stops at the first teaser, so
  the other cards stayed.
- ``comment-form-box`` (DOM rule): the box around a comment form, named so by its class or id, with its
  title and the site's rules for commenting beside the ``<form>`` (which the ``form`` rule takes alone).

Invented pages and text; each kind has a test that fails with its rule switched off, and a twin that
shows what it leaves alone.
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule, without_paragraph_rule

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


@pytest.mark.parametrize("title", ["Recent articles", "Latest posts", "Recent Posts:", "The latest from Tidewater Notes",
                                   "More Must-Reads From Tidewater"])
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


def test_more_from_a_named_topic_leading_the_bodys_own_list_stays():
    # 'More from X on Y:' introduces the post's own list of sources; a bare 'More from' is left out
    text = _text(_page("More from the county archive on the ledgers:", _dated_items()))
    assert _RECENT[0][0] in text


def test_latest_news_heading_is_not_taken():
    # 'Latest news' heads a news site's section lists mid-page; the rule leaves 'news' out
    text = _text(_page("Latest news", _dated_items()))
    assert "Latest news" in text or _RECENT[0][0] in text


# -- a comment form's box: its title and the site's rules for commenting ------------------------

_RULES = ("Comments are the opinion of their authors, not of the Tidewater Notes editors.",
          "Comments that insult other readers or break the law are not allowed here.",
          "Tidewater Notes may remove any comment it finds inappropriate without notice.")


def _comment_box_page(box_name: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    rules = "".join(f"<li>{r}</li>" for r in _RULES)
    return ("<html><head><title>Salt marsh survey</title></head><body><main>"
            f"<h1>The salt marsh survey</h1>{body}"
            f"<div id='{box_name}' class='box clearfix'><h2>Comment</h2>"
            f"<div class='legal'><span>Rules for comments</span><ul>{rules}</ul></div>"
            "<div class='form-box'><form class='cf_comment_form' action='/comment'><label>Name</label>"
            "<input name='name'><textarea name='text'></textarea><button>Send</button></form></div></div>"
            "</main></body></html>")


@pytest.mark.parametrize("box_name", ["cf_comment_form_container_3fa2", "comment-form-wrap", "commentform-box"])
def test_a_comment_forms_box_goes_with_its_rules(box_name):
    text = _text(_comment_box_page(box_name))
    assert all(p in text for p in _BODY)
    assert not any(r in text for r in _RULES)


def test_the_rules_stay_with_the_rule_switched_off(monkeypatch):
    without_dom_rule(monkeypatch, "comment-form-box")
    text = _text(_comment_box_page("cf_comment_form_container_3fa2"))
    assert _RULES[1] in text  # trafilatura keeps them: the rule is what takes them


def test_a_box_so_named_around_the_whole_post_stays():
    # a template that wraps the post and its form in one 'comment-form' box: the post is not taken
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    page = ("<html><body><div class='post-and-comment-form'><h1>The salt marsh survey</h1>"
            f"{body}<form><textarea></textarea></form></div></body></html>")
    assert all(p in _text(page) for p in _BODY)


# -- promo-heading's box of teaser cards closing the text -----------------------------------------

_CARDS = [("Counting terns from the harbour wall", "Terns came back a week early this year, and the first count "
           "found more nesting pairs than in any spring since 2009."),
          ("What the tide tables leave out", "The tables give heights and times, but not what a long fetch of wind "
           "does to them on a spring tide."),
          ("A winter of broken jetties", "Three of the five jetties on the north shore lost planks in the January "
           "storms, and one may not be rebuilt.")]


def _cards_page(label: str, after: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    cards = "".join(f"<h4><strong>Notes</strong> <a href='/n/{i}'>{t}</a></h4><p>{d}</p>"
                    for i, (t, d) in enumerate(_CARDS))
    return ("<html><head><title>Salt marsh survey</title></head><body><main>"
            f"<h1>The salt marsh survey</h1>{body}<p>JANE MARSH IS THE SURVEY'S COORDINATOR</p>"
            f"<h3>{label}</h3><h2>Other Field Notes</h2>{cards}{after}</main></body></html>")


@pytest.mark.parametrize("label", ["More stories", "More from Tidewater Notes", "More from Tidewater:"])
def test_a_promo_boxs_cards_closing_the_text_go_whole(label):
    text = _text(_cards_page(label))
    assert all(p in text for p in _BODY) and "JANE MARSH" in text
    assert not any(d in text for _, d in _CARDS) and not any(t in text for t, _ in _CARDS)


def test_the_teasers_stay_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "promo-heading-tail")
    text = _text(_cards_page("More stories"))
    assert _CARDS[1][1] in text  # promo-heading alone stops at the first teaser: the rule is what takes the rest


def test_a_promo_box_with_the_body_going_on_after_it_takes_no_body():
    # the box in the middle of a long body (more than 12 lines after it): only promo-heading's titles go
    more = "".join(f"<p>{p} (part {n})</p>" for n in range(5) for p in _BODY)
    text = _text(_cards_page("More stories", more))
    assert f"{_BODY[3]} (part 4)" in text and f"{_BODY[0]} (part 0)" in text


def test_dont_miss_between_the_bodys_sections_takes_no_section():
    # 'Don't miss' labels one promo between a body's sections; the body's next section goes on after it
    body = "".join(f"<p>{p}</p>" for p in _BODY)
    page = ("<html><body><main><h1>The salt marsh survey</h1>" + body + "<h3>Don't Miss</h3>"
            "<h2>Reading the shell layer</h2><p>The shell layer under the seaward mud is about four hundred years "
            "old, and it shows where the marsh edge stood before the dykes were built.</p></main></body></html>")
    assert "Reading the shell layer" in _text(page)
