"""justext's stop words hashed once on archiver's runs (archiver/extraction/stoplist.py): the same
words and the same justext result as trafilatura's own tuple; bare trafilatura keeps its tuple."""
from __future__ import annotations

import copy

import pytest
from lxml import html as lxml_html
from trafilatura import external

from archiver.extraction import stoplist, xpaths

pytestmark = pytest.mark.skipif(not stoplist.install(), reason="trafilatura version not mirrored")

SENTENCE = "The council voted on the new budget for the harbour district after a long debate in the hall. "


def _page():
    body = "".join(f"<p>{SENTENCE * 3}</p>" for _ in range(4))
    menu = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(6))
    return lxml_html.fromstring(f"<html><body><ul>{menu}</ul>{body}<div>Copyright 2024 The Courier</div></body></html>")


def _spied(monkeypatch) -> list:
    """The stoplist each justext classification is given."""
    given: list = []
    classify = external.classify_paragraphs

    def spy(paragraphs, words, *args, **kwargs):
        given.append(words)
        return classify(paragraphs, words, *args, **kwargs)

    monkeypatch.setattr(external, "classify_paragraphs", spy)
    return given


def _texts(body) -> list[str]:
    return [p.text for p in body.iter("p")]


def test_archivers_runs_get_the_hashed_words_and_the_same_result(monkeypatch):
    given = _spied(monkeypatch)
    page = _page()
    own = external.try_justext(copy.deepcopy(page), None, None)  # outside archiver's runs
    with xpaths.active():
        mine = external.try_justext(copy.deepcopy(page), None, None)
    assert _texts(mine) == _texts(own) and len(_texts(own)) == 4  # the body, not the menu
    plain, hashed = given
    assert type(plain) is tuple and isinstance(hashed, stoplist.Stoplist)
    assert hashed == plain and hash(hashed) == hash(plain) and len(hashed) > 10_000
    assert type(external.JT_STOPLIST) is tuple  # put back after the call


def test_one_stoplist_per_word_tuple(monkeypatch):
    given = _spied(monkeypatch)
    with xpaths.active():
        external.try_justext(_page(), None, None)
        external.try_justext(_page(), None, None)
    assert given[0] is given[1]  # made once, its hash with it


def test_hash_is_computed_once():
    words = stoplist.Stoplist(("harbour", "council", "budget"))
    assert hash(words) == hash(("harbour", "council", "budget"))
    words._hash = 7  # the kept hash is what is answered, not the tuple's again
    assert hash(words) == 7


def test_another_callers_wrapper_is_left_alone(monkeypatch):
    monkeypatch.setattr(external, "try_justext", lambda tree, url, lang: None)
    assert not stoplist.install()
