"""Normalisation: the diff sees words, not bytes."""
from __future__ import annotations

from archiver.diff.normalize import document, normalize_text, tokenize


def keys(text: str) -> list[str]:
    return document(text).keys


def test_quote_and_dash_variants_fold_to_ascii():
    assert keys("“attempted a coup d’etat” — the tenge – Russia‐led") == \
        keys('"attempted a coup d\'etat" - the tenge -- Russia-led')


def test_whitespace_and_line_wrapping_do_not_change_tokens():
    assert keys("one  two\nthree\n\n\nfour") == ["one", "two", "three", "four"]


def test_markdown_markup_is_stripped():
    md = ("# Heading here\n\n**Related article:** [Some Title](https://x.test/a)\n\n"
          "By [AFP](#)\n\n<https://www.example.test/path>\n\n> quoted *word* and _em_\n\n  1. listed")
    assert normalize_text(md) == ("Heading here\n\nRelated article: Some Title\n\nBy AFP\n\n"
                                  "https://www.example.test/path\n\nquoted word and em\n\nlisted")


def test_snake_case_and_urls_keep_their_underscores():
    assert normalize_text("see a_b_c and https://x.test/a_b_c") == "see a_b_c and https://x.test/a_b_c"


def test_glued_words_split_at_punctuation_but_numbers_stay_whole():
    assert keys("violence.SEE ALSO:The 9,900 people, 1.8 million, $10,000") == \
        ["violence", ".", "SEE", "ALSO", ":", "The", "9,900", "people", ",", "1.8", "million", ",", "$", "10,000"]


def test_paragraph_and_line_numbers():
    doc = tokenize("a b\nc\n\n\nd")
    assert [(t.key, t.line, t.para) for t in doc.tokens] == [("a", 0, 0), ("b", 0, 0), ("c", 1, 0), ("d", 4, 1)]
    assert doc.span(0, 3) == "a b c"


def test_invisible_characters_vanish():
    assert keys("soft\u00adhyphen zero\u200bwidth") == ["softhyphen", "zerowidth"]
