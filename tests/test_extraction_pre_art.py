"""A drawing in characters: a masthead before the article goes, a drawing in the post stays.

Rule ``ascii-art-banner`` (archiver/rules/generic.json) takes a ``<pre>`` of drawing characters with no
letter or digit: figlet lettering at the top of a text site or a Gemini capsule. The same ``<pre>`` after
the headline or after a body paragraph is the post's own drawing (a tree, a box diagram, a shrug) and is
article text (review6's finding). Invented pages.
"""
from __future__ import annotations

from archiver.extraction import extract

_TREE = "      /\\\n     /  \\\n    /____\\\n   /      \\\n  /________\\\n      ||"
_BANNER = " _____  _____ \n|_   _||  _  |\n  | |  | |_| |\n  |_|  |_____|"
_BODY = "".join(f"<p>Paragraph {i} of a post about drawing with a keyboard, with words enough to be read "
                "as body text by any extractor at all.</p>" for i in range(5))
_CLOSE = "<p>That tree took an hour to get right, and the trunk leans when the font is not monospaced.</p>"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_a_drawing_after_the_headline_is_article_text():
    html = (f"<html><head><title>Drawing trees in text</title></head><body><article><h1>Drawing trees in text</h1>"
            f"{_BODY}<pre>{_TREE}</pre>{_CLOSE}</article></body></html>")
    result = extract(html, "https://blog.example.org/trees")
    lines = _lines(result.text)
    assert "/____\\" in lines and "/________\\" in lines
    assert not [r for r in result.removed if r.rule == "ascii-art-banner"]


def test_a_drawing_after_a_body_paragraph_stays_without_a_headline():
    html = (f"<html><head><title>Trees</title></head><body><div class='post'>{_BODY}<pre>{_TREE}</pre>{_CLOSE}"
            "</div></body></html>")
    lines = _lines(extract(html, "https://blog.example.org/trees2").text)
    assert "/____\\" in lines


def test_a_masthead_drawn_in_characters_before_the_headline_goes():
    html = (f"<html><head><title>Drawing trees in text</title></head><body><pre>{_BANNER}</pre>"
            f"<article><h1>Drawing trees in text</h1>{_BODY}{_CLOSE}</article></body></html>")
    result = extract(html, "https://blog.example.org/trees3")
    assert "|_   _||  _  |" not in result.text
    assert [r for r in result.removed if r.rule == "ascii-art-banner"]
