"""Hostile input, round 34 (session 39, host42): a paragraph of 300,000 bare inline elements
(left open by round 33: still about 6 s of CPU, each of some twenty stages walking every element).

``archiver/extraction/inlinerun.unwrap_inline_runs`` unwraps, right after the parse, inline
formatting elements of no attribute a stage reads (class, id, style, aria-*, data-* ...) that
stand more than 100 to a parent, on a page of over 5,000 of them: every later stage walks a
paragraph of text (300,000: 5.9 s -> 2.4 s of CPU). The unit tests fail with
``inlinerun.ENABLED`` off (the stages see every element); the text is compared with the
extraction without the step.
"""
from __future__ import annotations

import pytest
from test_extract_hostile33 import inline_page

from archiver import extraction
from archiver.extraction import extract, inlinerun
from archiver.extraction.scripts import parse_page

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def mixed_page(n: int) -> str:
    """A paragraph of ``n`` pieces: bare <i>, <b> holding a link, a bare nest, a classed span, a hidden span."""
    kinds = ["<i a=1 b=2>w{k} </i>", '<b>see <a href="/x{k}">link{k}</a> </b>', "<em><i>nest{k}</i></em> ",
             '<span class="keep">kept{k}</span> ', '<span style="display:none">hidden{k}</span> ']
    words = "".join(kinds[k % len(kinds)].format(k=k) for k in range(n))
    return (f"<html><head><title>Mixed</title></head><body><article><h1>Mixed</h1><p>Lead {words}end.</p>"
            "<p>The last words of the mixed story.</p></article></body></html>")


def test_a_crowded_paragraph_is_unwrapped_to_text_and_what_stages_read():
    root = parse_page(mixed_page(10_000))
    p = root.find(".//p")
    before = p.text_content()
    assert inlinerun.unwrap_inline_runs(root) == 1
    assert p.text_content() == before
    tags = {child.tag for child in p}
    assert tags == {"a", "span"}, tags  # the links and the spans of class or style kept, in place
    assert len(p) == 10_000 * 3 // 5
    assert all(child.get("class") or child.get("style") or child.get("href") for child in p)


def test_the_extraction_reads_the_same_with_and_without_the_step(monkeypatch):
    page = mixed_page(8_000)
    got = extract(page, "http://127.0.34.1/a")
    monkeypatch.setattr(inlinerun, "ENABLED", False)
    plain = extract(page, "http://127.0.34.1/a")
    assert got.error is None and got.text == plain.text and got.title == plain.title
    assert "hidden7 " not in got.text and "kept3 " in got.text and "link1 " in got.text


def test_the_stages_see_a_paragraph_of_text(monkeypatch):
    """The metadata reader (the first stage after it) is handed a paragraph of one text node."""
    seen = []
    real = extraction.read_metadata

    def spy(root, url):
        seen.append(len(root.find(".//p")))
        return real(root, url)

    monkeypatch.setattr(extraction, "read_metadata", spy)
    got = extract(inline_page(10_000), "http://127.0.34.1/a")
    assert seen == [0], seen
    assert got.text.split("\n\n")[0].count("w") == 10_000 and got.text.endswith("The last words of the inline story.")


def test_pages_under_the_gate_are_untouched():
    root = parse_page(inline_page(inlinerun.MANY_INLINE))
    assert inlinerun.unwrap_inline_runs(root) == 0 and len(root.find(".//p")) == inlinerun.MANY_INLINE


def test_a_deep_nest_of_bare_elements_is_unwrapped_without_recursion():
    deep = "<b>" * 500 + "core" + "</b>" * 500
    page = f"<html><body><p>{'<i>x</i>' * 6_000}{deep} end</p></body></html>"
    root = parse_page(page)
    assert inlinerun.unwrap_inline_runs(root) == 1
    p = root.find(".//p")
    assert len(p) == 0 and p.text == "x" * 6_000 + "core end"
