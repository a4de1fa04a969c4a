"""Junk letters hidden inside words (an anti-scraping guard): dropped when the page's stylesheet or an
inline style hides them; text a page merely shows later, or hides on some screens only, stays.
Invented pages (archiver/extraction/hiddenjunk.py)."""
from __future__ import annotations

import pytest

from archiver.extraction import extract, hiddenjunk

BODY = "".join(f"<p>Paragraph {i} of the report on the harbour, with words enough to be read as body text by "
               "any extractor.</p>" for i in range(4))
CLEAN = "The harbour board met on Tuesday to talk about the pier and its new steel piles."


def _page(junk: str, style: str = ".hdn{display:none} .m2q{font-size:0;color:transparent}") -> str:
    line = f"The har{junk}bour board met on Tues{junk}day to talk about the pier and its new steel piles."
    return (f"<html><head><title>Pier</title><style>{style}</style></head><body><article><h1>Pier</h1>{BODY}"
            f"<p>{line}</p></article></body></html>")


@pytest.mark.parametrize("junk", ["<span class='hdn'>q</span>", "<font class='m2q'>xw</font>",
                                  "<span style='font-size: 0px'>qz</span>", "<i style='visibility:hidden'>kb</i>"])
def test_hidden_junk_inside_words_goes_and_is_accounted(junk):
    result = extract(_page(junk), "https://news.example/pier")
    assert result.text.splitlines()[-1] == CLEAN
    [record] = [r for r in result.removed if r.rule == "hidden-junk"]
    assert len(record.text.split()) == 2


def test_without_the_stage_the_junk_stays(monkeypatch):
    monkeypatch.setattr(hiddenjunk, "HIDDEN_JUNK", False)
    assert "harqbour" in extract(_page("<span class='hdn'>q</span>"), "https://news.example/pier").text


def test_a_class_hidden_only_on_some_screens_stays():
    style = "@media (max-width: 600px) { .hdn { display: none } }"
    assert "harqbour" in extract(_page("<span class='hdn'>q</span>", style), "https://news.example/pier").text


def test_hidden_text_that_is_not_inside_a_word_stays_for_the_other_stages():
    # a 'Read more' tail hidden until a click is long and starts after a space: not junk
    html = _page("").replace("steel piles.</p>", "steel piles. <span class='hdn'>The rest of the report follows "
                             "the board's vote.</span></p>")
    result = extract(html, "https://news.example/pier")
    assert not [r for r in result.removed if r.rule == "hidden-junk"]


def test_hidden_classes_reads_plain_top_level_rules_only():
    css = ("/* .c0{display:none} */ .a{display:none} span.b, .c{font-size:0} .d .e{display:none} "
           "@media print{.f{display:none}} #g{display:none} .h{color:red}")
    assert hiddenjunk.hidden_classes(css) == {"a", "b", "c"}


def test_a_large_stylesheet_of_media_rules_is_read_without_a_walk_per_character():
    css = "@media (min-width: 1px) {" + ".x{color:red}" * 200_000 + "} .a{display:none} @import url(x.css); .b{font-size:0}"
    assert hiddenjunk.hidden_classes(css) == {"a", "b"}


# The candidates' walk (speed24) gives what the XPath it stands in for gives, of the inline tags: leaves
# with a class or style attribute (an empty one too), 1-4 characters, some not XML white space (U+00A0 is
# not); a comment child is no child element but its text is not the element's; junk after </html>.
_ODD = ("<html><body><p>a<span class=''>bc</span>d<b style='x'>\u00a0</b>e<i class='k'> \t\n</i>"
        "f<em class='k'>toolong</em>g<u class='k'>a<!-- long comment -->b</u>h"
        "<small class='k'><!-- c -->12345</small>i<span class='k'><b>x</b></span>j<q id='k'>x</q>"
        "<sub class='k'>\u00e9\u00e9\u00e9\u00e9</sub><div class='k'>x</div><mark class='k'></mark></p>"
        "</body></html><span class='k'>zz</span><font style='font-size:0'>yy</font>")


@pytest.mark.parametrize("html", [_ODD, _page("<span class='hdn'>q</span>"), "<html><body>text</body></html>"])
def test_the_candidates_walk_finds_what_the_xpath_finds(html):
    from archiver.extraction.scripts import parse_page

    root = parse_page(html)
    expected = [el for el in hiddenjunk.CANDIDATES_XPATH(root) if el.tag in hiddenjunk._INLINE]
    found = hiddenjunk.candidates(root)
    assert found == expected
    assert html != _ODD or len(found) >= 5
