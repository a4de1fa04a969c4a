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


# justext's paragraphs make their text once for each length of their text nodes (speed38)

from pathlib import Path  # noqa: E402

from justext import core as justext_core  # noqa: E402
from justext.paragraph import Paragraph  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _made(monkeypatch) -> list:
    """The paragraphs justext's paragraph maker makes, call by call."""
    made: list = []
    make = justext_core.ParagraphMaker.make_paragraphs.__func__

    def spy(cls, root):
        paragraphs = make(cls, root)
        made.append(paragraphs)
        return paragraphs

    monkeypatch.setattr(justext_core.ParagraphMaker, "make_paragraphs", classmethod(spy))
    return made


def test_once_para_text_is_paragraphs_after_each_append():
    path = justext_core.PathInfo().append("body").append("p")
    plain, once = Paragraph(path), stoplist.OncePara(path)
    assert once.dom_path == plain.dom_path and once.xpath == plain.xpath
    for piece in ["  Lead ", "\n", "text\twith\r\ntabs", "\xa0", " and a link ", "", "end.  \n  "]:
        plain.append_text(piece)
        once.append_text(piece)
        assert once.text == plain.text and len(once) == len(plain) and once.words_count == plain.words_count


def test_archivers_runs_make_once_paras_and_the_same_paragraphs(monkeypatch):
    made = _made(monkeypatch)
    page = _page()
    own = external.try_justext(copy.deepcopy(page), None, None)
    with xpaths.active():
        mine = external.try_justext(copy.deepcopy(page), None, None)
    assert _texts(mine) == _texts(own)
    plain, once = made
    assert all(type(p) is Paragraph for p in plain) and all(type(p) is stoplist.OncePara for p in once)
    assert [(p.text, p.class_type, p.cf_class) for p in once] == [(p.text, p.class_type, p.cf_class) for p in plain]
    assert justext_core.Paragraph is Paragraph  # put back after the call


def test_text_once_switched_off(monkeypatch):
    made = _made(monkeypatch)
    monkeypatch.setattr(stoplist, "TEXT_ONCE", False)
    with xpaths.active():
        external.try_justext(_page(), None, None)
    assert all(type(p) is Paragraph for p in made[0])


def test_real_pages_same_paragraphs(monkeypatch):
    """justext on the first speed pages of ../shared (their whole trees): the same paragraphs,
    classes and result with and without the text kept."""
    if not (SHARED / "benchmarks").is_dir():
        pytest.skip("../shared absent")
    from bench.sets import speed_pages

    pages = speed_pages(SHARED / "benchmarks", "both", 12)
    if not pages:
        pytest.skip("no speed pages in ../shared")
    made = _made(monkeypatch)
    for page in pages:
        tree = lxml_html.document_fromstring(page.html)
        own = external.try_justext(copy.deepcopy(tree), None, None)
        with xpaths.active():
            mine = external.try_justext(copy.deepcopy(tree), None, None)
        assert _texts(mine) == _texts(own), page.key
        plain, once = made[-2:]
        assert [(p.text, p.class_type) for p in once] == [(p.text, p.class_type) for p in plain], page.key
        assert once and type(once[0]) is stoplist.OncePara
