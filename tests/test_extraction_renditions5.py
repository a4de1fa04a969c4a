"""Kinds found by the fifth renditions of the seed pages (``tests/fixtures/renditions5``), each on a
small page of its own (invented sites and text), each shown to fail with its fix switched off.

- a caption that repeats its image's ``alt`` in a bare wrapper (an archive.today snapshot strips
  the classes; a template calls it ``photo-text``) stayed as a body paragraph
  (``altcaptions.drop_alt_captions``);
- labels printed above the ``<h1>`` inside the article ("Member-only story", a newsletter's
  "Morning Briefing · date" kicker) made the text start with the label and the headline again
  (``toplabels.drop_labelled_headline``);
- a gallery's handout caption "(... via AP)" and the bare credit line above it stayed (rule
  ``handout-caption`` with ``takes_credit``);
- a source-and-date line "Associated Press · Published: ..." stayed (rule ``source-dateline``);
- a blog's likes row and follow-by-email widget, their classes gone, stayed (rules
  ``likes-widget``, ``follow-blog``); DW's "Skip next section ..." anchors stayed (``skip-link``);
- promo video titles after the wire rights line that closes the story stayed (rule
  ``legal-notice``, now ``drop-following`` short title lines);
- (third round) an audio player's "Listen to article" and "00:00/4:12" lines stayed (rules
  ``player-label``, ``player-time``); tried on small pages only: a newsletter's "Forwarded this
  email?" line, a consent placeholder, "Was this article helpful?", Disqus's loading and no-script
  lines (rules ``forwarded-email``, ``consent-placeholder``, ``feedback-prompt``, ``comments-script``);
- (beside the set) the later pages of an article paged in the browser, hidden after a pager, were
  lost (``continuation.reveal_pages``);
- (second round) a kicker inside the ``<h1>`` before a ``<br>`` was glued to the title and stayed
  in the text (``toplabels.headline_under_kicker``); text for screen readers only ("(opens in a
  new window)" inside a link, a ``visually-hidden`` heading) stayed (DOM rule
  ``screen-reader-only``).
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from rulekit import without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import altcaptions, continuation, extract, paragraphs
from archiver.extraction.dom import parse
from archiver.extraction.paragraphs import clean_paragraphs, named_credit
from archiver.extraction.rules import rules_for
from archiver.extraction.toplabels import drop_labelled_headline, headline_under_kicker

URL = "https://www.lakeside-courier.example/news/2026/03/02/bridge-reopens"
TITLE = "Old swing bridge reopens after two years of repairs"
BODY = [f"Paragraph {i} of the report says the swing bridge over the canal carried its first cars on "
        f"Monday morning, after the county finished replacing the deck and the machinery." for i in range(8)]
ALT = "The swing bridge turns to let a barge pass on Monday"


def _page(inner: str, *, before: str = "", after: str = "", head: str = "") -> str:
    paras = "".join(f"<p>{text}</p>" for text in BODY[:2]) + inner + "".join(f"<p>{t}</p>" for t in BODY[2:])
    return (f"<!DOCTYPE html><html><head><title>{TITLE}</title>{head}</head><body>"
            f'<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>{before}<h1>{TITLE}</h1>'
            f"{paras}{after}</article></main><footer><a href='/about'>About us</a></footer></body></html>")


def _snapshot_caption(tag: str = "p") -> str:
    return (f'<div style="width:610px;text-align:center;"><img alt="{ALT}" src="/x.jpg" style="width:600px;">'
            f'<{tag} style="font-size:13px;color:rgb(102,102,102);">{ALT}</{tag}></div>')


@pytest.mark.parametrize("tag", ["p", "div", "span"])
def test_a_bare_caption_repeating_the_alt_goes(tag):
    result = extract(_page(_snapshot_caption(tag)), URL)
    assert list(result.paragraphs) == BODY
    assert any(r.rule == "alt-caption" and r.text == ALT for r in result.removed)


def test_a_linked_image_with_its_caption_goes_too():
    html = _page(f'<div class="shot-9"><a href="/x.jpg"><img alt="{ALT}" src="/x.jpg"></a>'
                 f'<p class="shot-9__text">{ALT}</p></div>')
    assert list(extract(html, URL).paragraphs) == BODY


def test_without_the_stage_the_caption_stays(monkeypatch):
    monkeypatch.setattr(ex, "drop_alt_captions", lambda *a, **k: [])
    assert ALT in extract(_page(_snapshot_caption()), URL).paragraphs


def test_a_series_of_images_with_their_text_is_content():
    steps = [f"Step {i}: loosen the bolts of the deck plate and lift it with the crane" for i in range(3)]
    series = "".join(f'<div><img alt="{s}" src="/s{i}.jpg"><p>{s}</p></div>' for i, s in enumerate(steps))
    assert altcaptions.drop_alt_captions(parse(_page(series))) == []
    assert all(s in extract(_page(series), URL).paragraphs for s in steps)


def test_a_line_with_more_than_the_alt_or_beside_other_text_stays():
    longer = (f'<div><img alt="{ALT}" src="/x.jpg"><p>{ALT}, and the lock keeper waves from his hut on the '
              f'far bank.</p></div>')
    beside = f'<div><img alt="{ALT}" src="/x.jpg"><p>{ALT}</p><p>{BODY[0]}</p></div>'
    assert altcaptions.drop_alt_captions(parse(_page(longer))) == []
    assert altcaptions.drop_alt_captions(parse(_page(beside))) == []


LABEL = "Member-only story"
KICKER = "Morning Briefing · Monday, March 2, 2026"


@pytest.mark.parametrize("labels", [[LABEL], [KICKER], [KICKER, "Local news"]])
def test_labels_above_the_headline_and_the_headline_again_go(labels):
    before = "".join(f'<p class="kx-{i}">{label}</p>' for i, label in enumerate(labels))
    result = extract(_page("", before=f"<div>{before}</div>"), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY


def test_without_the_stage_the_label_and_headline_stay(monkeypatch):
    monkeypatch.setattr(ex, "drop_labelled_headline", lambda lines, title: list(lines))
    without_paragraph_rule(monkeypatch, "member-only-label")  # modern3's rule takes Medium's badge anywhere in the first lines
    kept = list(extract(_page("", before=f'<div><p class="kx-1">{LABEL}</p></div>'), URL).paragraphs)
    assert kept[:2] == [LABEL, TITLE]


def test_a_sentence_above_the_headline_is_not_a_label():
    standfirst = "The county says the bridge will open to lorries in April."
    lines = [standfirst, TITLE, *BODY]
    assert drop_labelled_headline(lines, TITLE) == lines
    assert drop_labelled_headline(["Local news", "Weather", "Sport", "Traffic", TITLE, *BODY], TITLE)[0] == "Local news"
    assert drop_labelled_headline([LABEL, *BODY], TITLE) == [LABEL, *BODY]  # no headline: nothing to drop


CREDIT = "Lakeside County Press Office"
CAPTION = (f"In this photo released by the {CREDIT}, workers lower the new deck of the swing bridge onto "
           f"its pier, Friday, Feb. 27, 2026. (Lakeside County Press Office via AP)")


def test_a_handout_caption_and_the_credit_line_above_it_go():
    rules = rules_for("www.lakeside-courier.example")
    kept, removed = clean_paragraphs([BODY[0], CREDIT, CAPTION, *BODY[1:3]], rules)
    assert kept == BODY[:3]
    assert [r.text for r in removed] == [CREDIT, CAPTION] and {r.rule for r in removed} == {"handout-caption"}


def test_without_the_credit_switch_the_credit_line_stays(monkeypatch):
    monkeypatch.setattr(paragraphs, "TAKE_CREDITS", False)
    kept, _ = clean_paragraphs([BODY[0], CREDIT, CAPTION, BODY[1]], rules_for(None))
    assert kept == [BODY[0], CREDIT, BODY[1]]


def test_without_the_rule_the_handout_caption_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "handout-caption")
    html = _page(f"<p>{CREDIT}</p><p>{CAPTION}</p>")
    assert CAPTION in extract(html, URL).paragraphs


def test_the_credit_must_be_a_bare_line_the_brackets_name():
    assert named_credit(CREDIT, CAPTION)
    assert not named_credit("The county press office said so.", CAPTION)  # a sentence
    assert not named_credit("Lakeside Gazette", CAPTION)  # not named in the brackets
    kept, _ = clean_paragraphs([BODY[0], BODY[1], CAPTION], rules_for(None))
    assert kept == BODY[:2]  # a body sentence before the caption stays


@pytest.mark.parametrize(("line", "rule"), [
    ("Lakeside Wire · Published: March 2, 2026, 6:12 am", "source-dateline"),
    ("Like this:", "likes-widget"),
    ("Like Loading...", "likes-widget"),
    ("Enter your email address to follow this blog and receive notifications of new posts by email.",
     "follow-blog"),
    ("Join 2,310 other followers", "follow-blog"),
    ("Skip next section Related topics", "skip-link"),
    ("Skip to main menu", "skip-link"),
    ("Listen to article", "player-label"),
    ("00:00/4:12", "player-time"),
    ("Forwarded this email? Subscribe here for more", "forwarded-email"),
    ("We need your consent to load this Twitter content. You can change your settings at any time.",
     "consent-placeholder"),
    ("Was this article helpful?", "feedback-prompt"),
    ("Please enable JavaScript to view the comments powered by Disqus.", "comments-script"),
    ("Loading comments...", "comments-script"),
])
def test_furniture_lines_go_and_need_their_rule(monkeypatch, line, rule):
    html = _page(f'<div style="margin:0"><p style="font-size:13px">{line}</p></div>')
    result = extract(html, URL)
    assert list(result.paragraphs) == BODY and any(r.rule == rule for r in result.removed)
    without_paragraph_rule(monkeypatch, rule)
    kept, _ = clean_paragraphs([*BODY[:2], line, *BODY[2:]], ex.rules_for(None))
    assert line in kept


def test_body_sentences_like_the_furniture_stay():
    body = ["Skip to the end and you find the county paid twice what it planned for the deck.",
            "Listen to the lock keeper and you hear the whole history of the canal in ten minutes.",
            "Was this bridge worth the money? Most people in the town say it was.",
            "We need your consent, the county wrote to the boat owners, before we close the lock.",
            "Like this one, most swing bridges in the county were built before the war.",
            "Join the crowd at the lock on Saturday, the council says, for the official opening."]
    kept, _ = clean_paragraphs([*BODY[:2], *body, *BODY[2:]], rules_for(None))
    assert kept == [*BODY[:2], *body, *BODY[2:]]


RIGHTS = ("Copyright 2026 Lakeside Wire. All rights reserved. This material may not be published, "
          "broadcast, rewritten or redistributed without permission.")
VIDEOS = ["Council votes on harbour parking fees", "Ice rink opens early at Mill Park"]


def test_promo_titles_after_the_closing_rights_line_go():
    kept, removed = clean_paragraphs([*BODY, RIGHTS, *VIDEOS], rules_for(None))
    assert kept == BODY and [r.text for r in removed] == [RIGHTS, *VIDEOS]


def test_a_sentence_after_the_rights_line_stays():
    note = "Reporter Ann Lee contributed to this story from the county offices."
    kept, _ = clean_paragraphs([*BODY, RIGHTS, note], rules_for(None))
    assert kept == [*BODY, note]


def test_without_the_following_lines_the_promo_titles_stay():
    rules = rules_for(None)
    plain = dataclasses.replace(rules, paragraphs=tuple(
        dataclasses.replace(r, action="drop", following=(), max_following=0) if r.name == "legal-notice" else r
        for r in rules.paragraphs))
    kept, _ = clean_paragraphs([*BODY, RIGHTS, *VIDEOS], plain)
    assert kept == [*BODY, *VIDEOS]



# -- second round: traps added after the first fixes --------------------------------------------

def _kicker_page(kicker: str) -> str:
    return (f"<html><head><title>{TITLE}</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f'<h1><span class="k">{kicker}</span><br>{TITLE}</h1>'
            + "".join(f"<p>{t}</p>" for t in BODY) + "</article></body></html>")


@pytest.mark.parametrize("kicker", ["Local news", "EXCLUSIVE"])
def test_a_kicker_inside_the_h1_before_a_br_is_not_the_title(kicker):
    result = extract(_kicker_page(kicker), URL)
    assert result.title == TITLE and list(result.paragraphs) == BODY


def test_without_the_stage_the_kicker_is_glued_to_the_title(monkeypatch):
    monkeypatch.setattr(ex, "headline_under_kicker", lambda h1, title: title)
    result = extract(_kicker_page("Local news"), URL)
    assert result.title == f"Local news{TITLE}" and result.paragraphs[0] == "Local news"


def test_a_two_line_headline_stays_whole():
    h1 = parse("<html><body><h1>Old swing bridge reopens<br>after two years of repairs</h1></body></html>").find(
        ".//h1")
    assert headline_under_kicker(h1, TITLE) == TITLE  # the second line goes on in lower case
    h1 = parse(f"<html><body><h1>Bridge news<br>{TITLE}</h1></body></html>").find(".//h1")
    assert headline_under_kicker(h1, f"Bridge news{TITLE}") == f"Bridge news{TITLE}"  # not marked apart
    h1 = parse(f"<html><body><h1>Canal towns.<br>{TITLE}</h1></body></html>").find(".//h1")
    assert headline_under_kicker(h1, f"Canal towns.{TITLE}") == f"Canal towns.{TITLE}"  # a sentence


HIDDEN = ' <span class="visually-hidden">(opens in a new window)</span>'


def test_text_for_screen_readers_only_goes():
    html = _page("").replace("the swing bridge", f'the <a href="/b" target="_blank">swing bridge{HIDDEN}</a>')
    assert list(extract(html, URL).paragraphs) == BODY


def test_without_the_rule_the_hidden_text_stays(monkeypatch):
    original = ex.rules_for
    monkeypatch.setattr(ex, "rules_for", lambda host: dataclasses.replace(
        original(host), dom=tuple(r for r in original(host).dom if r.name != "screen-reader-only")))
    html = _page("").replace("the swing bridge", f'the <a href="/b" target="_blank">swing bridge{HIDDEN}</a>')
    assert "(opens in a new window)" in extract(html, URL).text



def _paged(pager: str, hiding: str = 'style="display:none"') -> str:
    one = "".join(f"<p>{t}</p>" for t in BODY[:4])
    two = "".join(f"<p>{t}</p>" for t in BODY[4:6])
    three = "".join(f"<p>{t}</p>" for t in BODY[6:])
    return (f"<html><head><title>{TITLE}</title></head><body><nav><a href='/'>Home</a></nav><article>"
            f'<h1>{TITLE}</h1><div class="pg">{one}</div>{pager}<div class="pg" {hiding}>{two}</div>'
            f'<div class="pg" {hiding}>{three}</div></article><footer>About us</footer></body></html>')


PAGER = ('<nav class="pp"><span>Page 1 of 3</span> <a href="#1">1</a> <a href="#2">2</a> <a href="#3">3</a> '
         '<a href="#2">Next page ›</a></nav>')


@pytest.mark.parametrize("hiding", ['style="display:none"', 'aria-hidden="true"'])
def test_the_later_pages_of_a_paged_article_are_read(hiding):
    assert list(extract(_paged(PAGER, hiding), URL).paragraphs) == BODY


def test_without_the_stage_the_later_pages_are_lost(monkeypatch):
    monkeypatch.setattr(ex, "reveal_pages", lambda root: 0)
    assert list(extract(_paged(PAGER), URL).paragraphs) == BODY[:4]


def test_hidden_panels_after_tabs_or_links_are_not_pages():
    tabs = '<div class="tabs"><a href="#a">Overview</a> <a href="#b">Timeline</a></div>'
    assert continuation.reveal_pages(parse(_paged(tabs))) == 0
    assert continuation.reveal_pages(parse(_paged(PAGER))) == 2
    copy = _paged(PAGER).replace(f"<p>{BODY[4]}</p>", f"<p>{BODY[0]}</p>", 1)  # a copy of a shown page
    assert continuation.reveal_pages(parse(copy)) == 0


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "renditions5"
SEEDS = next((up / "shared" / "seeds" for up in Path(__file__).resolve().parents
              if (up / "shared" / "seeds").is_dir()), None)


def _extra_pages() -> list[dict[str, str]]:
    with open(FIXTURES / "extra.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.skipif(SEEDS is None, reason="../shared/seeds not found")
@pytest.mark.parametrize("page", _extra_pages(), ids=lambda p: p["path"])
def test_the_templates_tried_beside_the_set_give_the_expected_text(page):
    """AMP, Drupal, reader-mode, Substack and paged copies of the seed articles (``renditions5/extra.py``): the title
    and every paragraph of the seed's expected text, word for word."""
    assert SEEDS is not None
    expected = (SEEDS / "expected" / page["stored"]).read_text(encoding="utf-8")
    result = extract((FIXTURES / page["path"]).read_bytes(), page["url"])
    assert " ".join([result.title or "", *result.paragraphs]).split() == expected.split()
