"""speed40: the index's substring searches as a trie of literals, and ``<sup`` found with the tag marks.

Both are speed only: the same answers as before. Each test fails with its change taken out
(``TRIE_SEARCH`` off gives the plain alternation, which the first test tells apart by its text;
``<sup`` out of ``TAG_MARKS`` leaves ``tag_marks`` blind to it).
"""
from __future__ import annotations

import random
import re

import pytest
from storykit import Newsroom

from archiver.extraction import extract, selectors
from archiver.extraction.endnotes import find_endnotes
from archiver.extraction.marks import TAG_MARKS, tag_marks
from archiver.extraction.rules import rules_for
from archiver.extraction.selectors import literal_union

URL = "https://www.kelbrook-courier.example/2026/12/mill-bridge"
SITE = Newsroom(URL, "Kelbrook mill bridge to close for three months of repairs", "Kelbrook Courier", "Anna Pelling",
                "3 Mill Lane", "Engineers told the parish meeting that span {i} of the old mill bridge needs new "
                "bearings, and that the road over it will be shut to traffic while the work is done.", count=10)
page, S = SITE.page, SITE.sentences
NOTE = "The bearings were last replaced in 1987, the council's records show."


def _plain(words):
    return re.compile("|".join(map(re.escape, words))).search


def test_literal_union_finds_what_the_plain_alternation_finds():
    rng = random.Random(40)
    for _ in range(3000):
        words = ["".join(rng.choice("ab.-c(|*") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        trie, plain = re.compile(literal_union(words)).search, _plain(words)
        for _ in range(20):
            text = "".join(rng.choice("ab.-c x(|*\u00e9") for _ in range(rng.randint(0, 12)))
            assert (trie(text) is None) == (plain(text) is None), (words, text)
    assert literal_union(["ab", "abc", "xyz", "x-y", "q"]) == r"ab|q|x(?:\-y|yz)"


def test_the_rules_substring_searches_are_tries_with_the_same_answers(monkeypatch):
    contains = rules_for(None).needs.contains
    assert contains, "the generic rules look up class substrings"
    selectors._substring_searches.cache_clear()
    tries = selectors._substring_searches(contains)
    monkeypatch.setattr(selectors, "TRIE_SEARCH", False)
    selectors._substring_searches.cache_clear()
    plains = selectors._substring_searches(contains)
    selectors._substring_searches.cache_clear()
    assert tries.keys() == plains.keys()
    assert tries["class"].__self__.pattern != plains["class"].__self__.pattern  # the class trie is another text
    for name in tries:
        subs = [sub for attr, sub in contains if attr == name]
        samples = subs + [s[1:] for s in subs] + [s[:-1] for s in subs] + [f"x-{s}-y" for s in subs] + ["", "row col-md-8"]
        for text in samples:
            assert (tries[name](text) is None) == (plains[name](text) is None), (name, text)


def test_sup_is_a_tag_mark():
    assert "<sup" in TAG_MARKS
    assert "<sup" in tag_marks("<p>a<sup>1</sup></p>")
    assert "<sup" not in tag_marks("<p>a<sub>1</sub></p>")


@pytest.mark.parametrize("as_bytes", [False, True])
def test_the_footnote_stage_runs_where_the_page_holds_sup(as_bytes, monkeypatch):
    """``find_endnotes`` runs on a page holding ``<sup`` (now found by ``tag_marks``), from text or
    from bytes, and not on one without; the Hugo post's footnote comes out as before (bugs18's case)."""
    import archiver.extraction as extraction

    calls: list = []

    def recorded(root):
        calls.append(root)
        return find_endnotes(root)

    monkeypatch.setattr(extraction, "find_endnotes", recorded)
    html = page(f"<p>{S[0]}<sup id='fnref:1'><a href='#fn:1' class='footnote-ref' role='doc-noteref'>1</a></sup></p>"
                f"{SITE.ps(1, 2)}<section class='footnotes' role='doc-endnotes'><hr><ol><li id='fn:1'><p>{NOTE}&#160;"
                "<a href='#fnref:1' class='footnote-backref' role='doc-backlink'>&#x21a9;&#xfe0e;</a></p></li></ol>"
                "</section>")
    result = extract(html.encode() if as_bytes else html, url=URL)
    assert list(result.paragraphs) == [S[0], S[1], S[2], f"- {NOTE}"]
    assert len(calls) == 1
    plain = html.replace("<sup", "<span").replace("</sup>", "</span>")
    extract(plain.encode() if as_bytes else plain, url=URL)
    assert len(calls) == 1
