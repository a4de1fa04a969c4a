"""Readability given the raw tree itself in precision mode (archiver/extraction/shortcut.py,
``RAW_TO_READABILITY``, speed24): no copy for it, and when justext runs after it, its input made
again from the page is the tree it would have been. Invented pages."""
from __future__ import annotations

import copy

import pytest
import trafilatura
from lxml import html as lxml_html
from trafilatura import core

from archiver.extraction import article, extract, shortcut

pytestmark = pytest.mark.skipif(not shortcut.install(), reason="trafilatura version without the shortcut")

SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "
LINKS = "".join(f"<li><a href='/s/{i}'>Another story number {i}</a></li>" for i in range(30))
# own text short (justext runs) and under half the page (readability runs): the raw tree is made again
PAGES = [
    f"<html><body><ul class='menu'>{LINKS}</ul><p>{SENTENCE}</p><div>Contact us at the office.</div></body></html>",
    f"<html><body><aside><p>{SENTENCE * 3}</p></aside><p>{SENTENCE}</p><div class='share'>{SENTENCE * 2}</div>"
    "</body></html>",
    f"<html><body><table><tr><td>{SENTENCE * 2}</td></tr></table><p>{SENTENCE}</p><footer>{SENTENCE * 2}</footer>"
    "</body></html>",
]


def _spy(monkeypatch) -> tuple[list, list]:
    remade: list = []
    justext_input: list = []
    raw_tree, rescue = shortcut._raw_tree, shortcut._original_rescue
    monkeypatch.setattr(shortcut, "_raw_tree", lambda page, options: remade.append(1) or raw_tree(page, options))
    monkeypatch.setattr(shortcut, "_original_rescue",
                        lambda tree, options: justext_input.append(lxml_html.tostring(tree)) or rescue(tree, options))
    return remade, justext_input


@pytest.mark.parametrize("page", PAGES)
def test_justext_after_readability_reads_the_same_tree(monkeypatch, page):
    remade, justext_input = _spy(monkeypatch)
    given = extract(page, url="https://news.example/short", favor_precision=True)
    assert remade and justext_input  # readability took the raw tree; justext's input made again
    made, runs = len(remade), list(justext_input)
    monkeypatch.setattr(shortcut, "RAW_TO_READABILITY", False)
    copied = extract(page, url="https://news.example/short", favor_precision=True)
    assert len(remade) == made  # the copy: nothing made again
    assert justext_input[len(runs):] == runs  # justext read the same trees, in the same order
    assert repr(given) == repr(copied)


def test_the_raw_tree_made_again_is_trafilaturas():
    page = lxml_html.document_fromstring(
        f"<html><body><div class='comments'><p>{SENTENCE}</p></div><ul id='comment-list'><li>{SENTENCE}</li></ul>"
        f"<section class='related-posts'><p>{SENTENCE}</p></section><p>{SENTENCE * 4}</p></body></html>")
    options = article._extractor({"favor_precision": True, "include_tables": True}, "https://news.example/a")
    expected = core.prune_unwanted_nodes(copy.copy(page), core.RAW_TREE_PRUNE_XPATH)
    expected = core.prune_unwanted_nodes(expected, core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    made = shortcut._raw_tree(page, options)
    assert lxml_html.tostring(made) == lxml_html.tostring(expected)
    assert lxml_html.tostring(made) != lxml_html.tostring(page)  # the prunes took something
    assert b"comments" in lxml_html.tostring(page)  # the page itself is left as it was


def test_other_modes_and_callers_still_copy(monkeypatch):
    remade, _ = _spy(monkeypatch)
    for page in PAGES:
        extract(page, url="https://news.example/short", favor_precision=False)
        trafilatura.extract(page, include_comments=False, favor_precision=True)
    assert not remade
