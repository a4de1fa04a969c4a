"""``marks.holds_caseless`` (speed48, switch ``CASELESS_SCANS``, speed only): the case-blind gate answered from
the page's UTF-8 bytes gives the same answer as the ``re.IGNORECASE`` search it replaces, on every page,
including those holding the characters past ASCII that ``re`` folds to an ASCII letter (``FOLDS_TO_ASCII``),
where a plain lowering of the bytes would miss the word; and the side-note stage reads the same page the same.
"""

from __future__ import annotations

import re

import pytest

from archiver.extraction import extract, marks, sidenotes

WORDS = ("sidenote", "marginnote", "margin-note", "kicker-box")
PATTERN = re.compile("|".join(WORDS), re.I)

TEXTS = {
    "absent": "<p>The sill had fallen by half a metre \u2014 \u201cquoted\u201d.</p>",
    "lower": "<span class='sidenote'>x</span>",
    "upper": "<span class='MARGIN-NOTE'>x</span>",
    "mixed-non-ascii-page": "<p>Gr\u00fc\u00dfe \u4e2d\u6587</p><span class='MarginNote'>x</span>",
    "long-s": "<span class='\u017fidenote'>x</span>",
    "dotted-capital-i": "<span class='s\u0130denote'>x</span>",
    "dotless-i": "<span class='s\u0131denote'>x</span>",
    "kelvin-sign": "<span class='\u212aicker-box'>x</span>",
    "folding-char-elsewhere": "<p>\u0130stanbul</p><span class='other'>x</span>",
    "split-by-non-ascii": "<span class='side\u00a0note'>x</span>",
    "word-at-the-end": "class=marginNOTE",
}


def test_the_folding_characters_are_all_there_are():
    """Every code point past ASCII that ``re.IGNORECASE`` matches to an ASCII letter, digit or hyphen, or whose
    lower case holds an ASCII character, is one of ``FOLDS_TO_ASCII`` (a new Python's tables would show here)."""
    one = re.compile(r"[a-z0-9\-]", re.I)
    found = []
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if one.fullmatch(c) or any(ord(x) < 0x80 for x in c.lower()):
            found.append(c)
    assert "".join(found) == marks.FOLDS_TO_ASCII


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("with_raw", [True, False])
def test_holds_caseless_answers_as_the_case_blind_search(name, with_raw):
    text = TEXTS[name]
    raw = text.encode("utf-8") if with_raw else None
    assert marks.holds_caseless(text, raw, WORDS, PATTERN) == (PATTERN.search(text) is not None)


def test_the_folding_characters_are_read_as_re_reads_them():
    # without the check for FOLDS_TO_ASCII, the lowered bytes would miss these three
    for name in ("long-s", "dotted-capital-i", "dotless-i"):
        assert marks.holds_caseless(TEXTS[name], None, WORDS, PATTERN), name


def test_words_that_are_not_plain_go_to_the_regular_expression():
    words = ("side.?note",)
    pattern = re.compile(words[0], re.I)
    assert marks.holds_caseless("<span class='SIDE NOTE'>", None, words, pattern)
    assert not marks.holds_caseless("<span class='side--note'>", None, words, pattern)


PAGE = ("<html><head><title>The gate</title></head><body><article><h1>The gate</h1>"
        "<p>The harbour master walked the length of the lock on Monday morning, as he has done every week since "
        "the spring floods.</p>"
        "<p>The sill<span class='{cls}'>A sill is the raised floor of the gate, where the leaves meet.</span> had "
        "fallen by half a metre since the spring survey, the engineer said in her report.</p>"
        "<p>Work on the new sill starts in March and should end before the summer traffic begins on the canal.</p>"
        "</article></body></html>")


@pytest.mark.parametrize("cls", ["sidenote", "SideNote", "\u017fidenote", "s\u0131denote", "other"])
def test_the_side_note_stage_reads_the_page_the_same_with_the_scan_on_and_off(cls, monkeypatch):
    html = PAGE.format(cls=cls)
    on = extract(html.encode("utf-8"), "https://example.org/gate", content_type="text/html; charset=utf-8")
    monkeypatch.setattr(marks, "CASELESS_SCANS", False)
    off = extract(html.encode("utf-8"), "https://example.org/gate", content_type="text/html; charset=utf-8")
    assert on.text == off.text
    assert ("The sill had fallen" in on.text) == (cls != "other"), on.text  # the note moved out of its sentence
    assert sidenotes.sidenote_marks(html, html.encode("utf-8")) == (cls != "other")
