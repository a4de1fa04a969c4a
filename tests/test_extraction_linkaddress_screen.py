"""The screen in front of ``linkaddress.drop_written_hrefs``: a page's HTML holds ``(http``,
``[http``, ``( http`` or ``[ http`` somewhere, found in one scan from one ``http`` to the next;
and the other gates of the same kind on the page's source: ``codelines``' (a quoted ``de1``) and
``marks.tag_marks`` (``<template``, ``<dd``, ``<figcaption``, ``<blockquote``)."""
from __future__ import annotations

import pytest

from archiver.extraction.linkaddress import may_hold_written_hrefs


def _four_scans(html: str) -> bool:
    return "(http" in html or "[http" in html or "( http" in html or "[ http" in html


@pytest.mark.parametrize("html", [
    "", "http", "(http", "[http", "( http", "[ http", " http", "x http", "(x http", "((http",
    "<a href='https://a.example/'>Almaty</a> (https://a.example/)",
    "<p>Almaty ( https://a.example/ )</p>", "<p>see [ http://b.example ]</p>",
    "<p>\u00e9t\u00e9 (https://c.example/)</p>", "<p>\u00e9t\u00e9 ( https</p>",
    "https://x.example/ https://y.example/ (https", "<p>(\u00a0https://d.example/)</p>",
    "hthttp", "(hthttp", "(httphttp", "[ \nhttp", "  http", "(  http",
])
def test_screen_answers_as_the_four_substring_tests(html):
    assert may_hold_written_hrefs(html) is _four_scans(html)


@pytest.mark.parametrize("seed", range(3))
def test_screen_answers_as_the_four_substring_tests_on_made_up_texts(seed):
    import random

    rnd = random.Random(seed)
    pieces = ["(", "[", " ", "  ", "\n", "h", "t", "p", "http", "https://", "x", "\u00e9", "\u4e2d", ")"]
    for _ in range(3000):
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert may_hold_written_hrefs(html) is _four_scans(html), repr(html)


@pytest.mark.parametrize("html", ['"de1"', "'de1'", "de1", "\"de1'", "'de1\"", "x de1 'de1' y", 'code1 "de2"', "",
                                  '"de1', 'de1"', "'dede1'", "'de1de1'", '<li class="li1"><div class="de1">x</div></li>'])
def test_geshi_gate_answers_as_the_two_substring_tests(html):
    """``codelines``' gate (same kind of screen): a quoted ``de1`` found in one scan."""
    from archiver.extraction.codelines import _quoted_de1

    assert _quoted_de1(html) is ('"de1"' in html or "'de1'" in html)


@pytest.mark.parametrize("seed", range(3))
def test_tag_marks_are_the_marks_in_the_text(seed):
    """``marks.tag_marks``: the start-tag openings ``extract``'s gates ask for, found in one search."""
    import random

    from archiver.extraction.marks import TAG_MARKS, tag_marks

    rnd = random.Random(seed)
    pieces = [*TAG_MARKS, "<", "d", "<d", "<templat", "x", " ", "\u00e9", "<p>", "dd", "<block"]
    for _ in range(2000):
        html = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        assert tag_marks(html) == {mark for mark in TAG_MARKS if mark in html}, repr(html)
    assert tag_marks("<dx <dd", ("<d", "<dd")) == {"<d", "<dd"}  # a mark that is another's prefix
    assert tag_marks("<dd", ("<d", "<dd")) == {"<d", "<dd"}
