"""The label rules' one search (archiver/extraction/ruleselectors.py, ``LabelSelector``): a page's short
texts are searched once with the union of every label rule's lead, and each rule then tries only
the texts that union matched; the rules find what they found when each searched every text."""
from __future__ import annotations

import random
import re

import pytest

from archiver.extraction import extract, rules, ruleselectors

LABELS = ["Advertisement", "ADVERTISEMENT:", "Sponsored content", "Anzeige", "Publicité", "Read more",
          "Also read:", "Lesen Sie auch", "Читайте также:", "相关阅读：", "관련 기사", "Related stories",
          "More on this story", "Table of contents", "In this article", "Inhaltsverzeichnis", "AI summary",
          "KI-Zusammenfassung", "Résumé généré par l'IA", "Paid partnership", "Ads by Google", "Promoted by Acme"]
MISSES = ["Advertisements galore", "Read more books", "The contents of the box", "Sponsored by nobody at all today",
          "relatedness", "summary", "Home", "News", "", "   ", "İnhalt", "ſponsored"]


def _leads() -> tuple[re.Pattern[str], ...]:
    rules.rules_for(None)  # the generic rules' label selectors made
    return tuple(ruleselectors.LabelSelector._leads)


def _texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = LABELS + MISSES
    out = []
    for _ in range(400):
        text = rnd.choice(pieces)
        roll = rnd.random()
        if roll < 0.3:
            text = text.upper() if rnd.random() < 0.5 else text.lower()
        elif roll < 0.5:
            text = f"{text} {rnd.choice(pieces)}"
        elif roll < 0.6:
            text = text[: rnd.randint(0, len(text))]
        out.append(text)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_union_matches_where_a_lead_matches(seed):
    leads = _leads()
    assert len(leads) >= 7
    union = ruleselectors._union(leads)
    assert union is not None
    for text in [*LABELS, *MISSES, *_texts(seed)]:
        assert bool(union(text)) == any(lead.search(text) for lead in leads), text
    assert all(union(text) for text in LABELS)


def test_leads_that_cannot_be_joined():
    assert ruleselectors._union((re.compile(r"^(ab)\1$"),)) is None  # a back-reference: group numbers shift
    assert ruleselectors._union((re.compile(r"^(?P<a>x)(?P=a)$"),)) is None
    assert ruleselectors._union((re.compile(r"^a  # comment", re.X),)) is None  # verbose: a comment would run on
    assert ruleselectors._union((re.compile(r"(?i)^ads$"),)) is None  # global flags inside a group
    both = ruleselectors._union((re.compile(r"^ads$", re.I), re.compile(r"^News$")))
    assert both("ADS") and both("News") and not both("news")  # each alternative under its own flags


def _label_page() -> str:
    body = "".join(f"<p>The council voted on the new budget for the harbour district, part {i}.</p>" for i in range(8))
    tiles = "".join(f"<div><b>Section {i}</b></div>" for i in range(30))
    return ("<html><body><div class='tiles'>" + tiles + "</div><article><h1>Budget</h1>"
            "<div><div>Advertisement</div><p>Shop the winter sale now</p></div>" + body +
            "<div><span>Read more</span> <a href='/other'>Another story</a></div>"
            "<p>Table of contents</p><ul><li><a href='#one'>One</a></li><li><a href='#two'>Two</a></li></ul>"
            "</article></body></html>")


def test_same_result_with_and_without_the_union(monkeypatch):
    joined = extract(_label_page(), url="https://news.example/budget")
    kept = ruleselectors.LabelSelector._last[1]
    monkeypatch.setattr(ruleselectors, "JOINED_LEADS", False)
    ruleselectors.LabelSelector._last[0] = None
    alone = extract(_label_page(), url="https://news.example/budget")
    every = ruleselectors.LabelSelector._last[1]
    assert joined.text == alone.text and joined.removed == alone.removed
    assert {r.rule for r in joined.removed} >= {"labelled-ad-unit", "toc-label"}
    assert len(every) > 30 and 0 < len(kept) < 10  # the tiles' texts were searched once, not by each rule


def test_anchored_leads_are_matched_not_searched():
    from archiver.extraction.anchoring import starts_anchored

    assert starts_anchored(re.compile(r"^(?:ads|advert)$", re.I)) and starts_anchored(re.compile(r"^a|^b"))
    assert not starts_anchored(re.compile(r"^a|b"))  # the second alternative matches anywhere
    assert starts_anchored(re.compile(r"(?:^a|^b)"))  # re itself opens a plain group
    assert not starts_anchored(re.compile(r"(^a|^b)"))  # a ^ inside a capturing group: not read, so not known
    assert not starts_anchored(re.compile(r"^ads", re.M))  # a line start, not the text's
    assert not starts_anchored(re.compile(r"ads"))
    anchored = ruleselectors._union((re.compile(r"^ads$", re.I), re.compile(r"^read more")))
    assert anchored.__name__ == "match"
    assert anchored("read more") and anchored("ADS") and not anchored("please read more") and not anchored("no ads")
    loose = ruleselectors._union((re.compile(r"^ads$", re.I), re.compile(r"sponsored")))
    assert loose.__name__ == "search" and loose("content sponsored by") and loose("ADS")
    leads = _leads()
    assert all(starts_anchored(lead) for lead in leads)  # the generic label rules: the union is matched
    assert ruleselectors._union(leads).__name__ == "match"


def test_the_unions_answers_kept_across_pages_give_the_same_result(monkeypatch):
    ruleselectors._memo[0] = None  # forget earlier pages
    first = extract(_label_page(), url="https://news.example/budget")
    memo = ruleselectors._memo[1]
    assert memo.get("Advertisement") == "Advertisement" and memo.get("Section 3") == ""  # asked once, kept
    again = extract(_label_page(), url="https://news.example/budget")  # answered from the memo
    monkeypatch.setattr(ruleselectors, "MEMO_LEADS", False)
    ruleselectors.LabelSelector._last[0] = None
    fresh = extract(_label_page(), url="https://news.example/budget")
    assert first.text == again.text == fresh.text and first.removed == again.removed == fresh.removed
    assert {r.rule for r in first.removed} >= {"labelled-ad-unit", "toc-label"}


def test_the_short_text_scan_leaves_out_tails_only():
    from lxml import etree

    from archiver.extraction.dom import parse

    every = etree.XPath("/descendant::text()[floor((string-length(normalize-space()) - 3) div 37) = 0]")
    root = parse("<html><body><div>\n  <span>Advertisement</span></div><p>Lead <b>Read more</b> tail text</p>"
                 "<div><i>x</i> Sponsored <!-- note --> Contents</div></body></html>")
    etree.strip_tags(root, "span")  # two text nodes side by side in the first div, both its text to lxml
    short = ruleselectors.LabelSelector._SHORT(root)
    assert [str(n) for n in short if n.is_text] == [str(n) for n in every(root) if n.is_text] \
        == ["Advertisement", "Lead ", "Read more"]
    assert len(short) < len(every(root))  # the tails (" tail text", " Sponsored ", ...) were not read


def test_a_short_text_in_a_page_of_white_space_is_not_kept_in_the_memo():
    ruleselectors._memo[0] = None
    wide = " " * 5000 + "Advertisement" + " " * 5000
    page = _label_page().replace("<div>Advertisement</div>", f"<div>{wide}</div>")
    assert "labelled-ad-unit" in {r.rule for r in extract(page, url="https://news.example/budget").removed}
    assert wide not in ruleselectors._memo[1] and all(len(key) <= 200 for key in ruleselectors._memo[1])
