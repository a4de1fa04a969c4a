"""Stage 2: what goes before trafilatura runs, and its precision fallback."""

from __future__ import annotations

import pytest
from lxml import etree

from archiver.extraction.article import _lighten, rescue_large
from archiver.extraction.dom import parse


def shape(root) -> str:
    return etree.tostring(root.find("body"), encoding="unicode", method="html")


def test_empty_elements_go_and_their_tails_stay():
    root = parse("<html><body><div><p>One <span class='icon'></span>two</p><div class='spacer'> </div>"
                 "<div><i></i><a href='/x'></a></div>tail<p>Three<br>four</p></div></body></html>")
    _lighten(root, keep_images=False)
    # the spacer's space stays in place (a whitespace-only element separates words: KEEP_SPACES)
    assert shape(root) == "<body><div><p>One two</p> tail<p>Three<br>four</p></div></body>"


def test_elements_that_mean_something_empty_are_kept():
    root = parse("<html><body><table><tr><td></td><td>x</td></tr></table><hr><p>a<img src='i.png'></p>"
                 "</body></html>")
    _lighten(root, keep_images=True)
    assert shape(root).count("<td") == 2 and "<hr>" in shape(root) and "<img" in shape(root)
    _lighten(root, keep_images=False)
    assert "<img" not in shape(root) and "<p>a</p>" in shape(root)


def test_form_controls_and_media_go_with_their_content():
    root = parse("<html><body><p>Text</p><button><span>Share</span></button><video><p>fallback</p></video>"
                 "</body></html>")
    _lighten(root, keep_images=False)
    assert shape(root) == "<body><p>Text</p></body>"


PARAGRAPH = "".join(f"<p>The harbour board met on Tuesday and agreed part {i} of a new plan for the quays, which "
                    f"will be rebuilt over {i + 2} years at a cost of {i + 3} million.</p>" for i in range(5))


@pytest.mark.parametrize("opening", ['<button class="menu-toggle"><span>Menu</span>', "<label>Search",
                                     '<aside class="wrap">', "<footer>", '<nav class="crumbs">'])
def test_an_unclosed_element_holding_the_page_does_not_take_the_article(opening):
    # issue 11 kind 8: broken markup puts the whole article inside an element that is dropped whole
    from archiver.extraction import extract
    html = (f"<html><head><title>Harbour board agrees quay plan</title></head><body><div class='top'>{opening}"
            f"<div class='page'><article><h1>Harbour board agrees quay plan</h1>{PARAGRAPH}</article></div>"
            "</body></html>")
    result = extract(html, "https://harbour.example/news/quays")
    assert result.text.count("The harbour board met on Tuesday") == 5


def test_small_controls_and_asides_are_still_dropped():
    root = parse(f"<html><body><article>{PARAGRAPH}</article><button><span>Share this story</span></button>"
                 "<aside><p>Most read: a short list</p></aside></body></html>")
    assert rescue_large(root) == 0
    _lighten(root, keep_images=False)
    assert "Share this story" not in root.text_content()


def test_extractor_made_once_equals_the_one_trafilatura_makes():
    from trafilatura.settings import Extractor

    from archiver.extraction.article import DEFAULT_OPTIONS, _extractor

    url = "https://example.org/p\u00e4th?q=1"
    opts = {**DEFAULT_OPTIONS, "favor_precision": True}
    mine = _extractor(opts, url)
    theirs = Extractor(output_format="python", fast=False, precision=True, recall=False, comments=False,
                       formatting=None, links=False, images=False, tables=True, dedup=False, lang=None,
                       url=url)
    assert mine is not None and mine is not _extractor(opts, url)  # a fresh one per page
    for name in Extractor.__slots__:
        assert getattr(mine, name) == getattr(theirs, name), name
    assert _extractor({**opts, "prune_xpath": "//div"}, url) is None  # left to trafilatura
