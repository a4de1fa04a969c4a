"""One set of raw-text elements (``archiver.extraction.rawtext.RAW_TEXT``) for the two byte scans that
look for tags before libxml2 parses a page (``crowded.trim_tags``, ``deepnest.flatten``), and it is
libxml2's: the text of each is not markup to the parser lxml is built with; ``noscript`` and
``template`` are markup. Before, ``crowded`` passed over ``noscript`` and ``template`` (a crowded tag
in one reached the parser whole) and ``deepnest`` counted tags written in an ``iframe``, ``noembed``
or ``noframes`` text (dropping real tags after them).
"""
from __future__ import annotations

import pytest
from lxml import html

from archiver.extraction import crowded, deepnest
from archiver.extraction.rawtext import RAW_TEXT


@pytest.mark.parametrize("name", sorted(n.decode() for n in RAW_TEXT))
def test_each_raw_text_element_holds_text_to_libxml2(name):
    root = html.fromstring(f"<html><body><div><{name}><b>x</b></{name}><p>after</p></div></body></html>")
    el = root.find(f".//{name}")
    assert el is not None and len(el) == 0 and "<b>" in (el.text or "")


@pytest.mark.parametrize("name", ["noscript", "template", "span"])
def test_other_elements_hold_markup_to_libxml2(name):
    root = html.fromstring(f"<html><body><div><{name}><b>x</b></{name}></div></body></html>")
    el = root.find(f".//{name}")
    assert el is not None and [c.tag for c in el] == ["b"]


def _crowded_img() -> bytes:
    return b"<img " + b" ".join(b'a%d="v"' % i for i in range(600)) + b">"


def test_a_crowded_tag_inside_noscript_is_cut_down():
    data = b"<html><body><noscript>" + _crowded_img() + b"</noscript><p>Text.</p></body></html>"
    out = crowded.trim_tags(data)
    assert out is not data and out.count(b'="v"') == 512


def test_a_crowded_tag_written_in_script_text_is_left():
    data = b"<html><body><script>var s = '" + _crowded_img() + b"';</script><p>Text.</p></body></html>"
    assert crowded.trim_tags(data) is data


@pytest.mark.parametrize("name", ["iframe", "noembed", "noframes", "script"])
def test_tags_written_in_raw_text_are_not_counted_as_nesting(name):
    tag = name.encode()
    data = (b"<html><body><" + tag + b">" + b"<div>" * 10 + b"</" + tag + b">"
            + b"<div><div><p>Deep text.</p></div></div></body></html>")
    assert deepnest.flatten(data, limit=5) is data
    nested = data.replace(b"<" + tag + b">", b"<section>").replace(b"</" + tag + b">", b"</section>")
    assert deepnest.flatten(nested, limit=5) is not nested  # the same tags outside raw text are nesting
