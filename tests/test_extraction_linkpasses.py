"""trafilatura's section pruning with a quiet second link-density pass skipped
(archiver/extraction/linkpasses.py): the same tree as trafilatura's own on every call, and the
second pass only after a first that deleted something, on archiver's runs only."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura import main_extractor

from archiver.extraction import extract, linkpasses, xpaths

pytestmark = pytest.mark.skipif(not linkpasses.install(), reason="trafilatura version not mirrored")

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "


def _page(menu: bool) -> str:
    """An article; with ``menu`` a block of short links after it, which the first pass deletes."""
    body = "".join(f"<p>{i}. {SENTENCE * 3}</p>" for i in range(8))  # over 1,500 characters: one run
    links = "".join(f"<a href='/s/{i}'>Story {i}</a> " for i in range(8))
    more = f"<div><div>{links}</div><div>{links}</div></div>" if menu else ""
    return f"<html><body><article><h1>Budget</h1>{body}{more}</article></body></html>"


def _passes(monkeypatch) -> list[tuple[str, int]]:
    """Spy: each link-density pass of archiver's pruning, (tag, elements deleted)."""
    seen: list[tuple[str, int]] = []
    own = linkpasses.delete_by_link_density

    def spy(subtree, tagname, backtracking=False, favor_precision=False, **more):
        deleted = own(subtree, tagname, backtracking, favor_precision, **more)
        seen.append((tagname, deleted))
        return deleted

    monkeypatch.setattr(linkpasses, "delete_by_link_density", spy)
    return seen


def test_a_quiet_first_pass_is_not_repeated(monkeypatch):
    seen = _passes(monkeypatch)
    extract(_page(menu=False), url="https://example.org/quiet")
    tags = [tag for tag, _ in seen]
    assert tags and not any(deleted for _, deleted in seen)
    # precision mode: each pruning's div, list, p pass, then its head and quote passes; no second pass
    assert tags == ["div", "list", "p", "head", "quote"] * (len(tags) // 5)


def test_a_first_pass_that_deletes_is_followed_by_the_second(monkeypatch):
    seen = _passes(monkeypatch)
    extract(_page(menu=True), url="https://example.org/menu")
    tags = [tag for tag, _ in seen]
    first = tags.index("div")
    assert sum(deleted for _, deleted in seen[first:first + 3]) > 0
    assert tags[first:first + 6] == ["div", "list", "p", "div", "list", "p"]


def test_switched_off_both_passes_run(monkeypatch):
    monkeypatch.setattr(linkpasses, "QUIET_PASS", False)
    seen = _passes(monkeypatch)
    extract(_page(menu=False), url="https://example.org/quiet")
    tags = [tag for tag, _ in seen]
    assert tags == ["div", "list", "p", "div", "list", "p", "head", "quote"] * (len(tags) // 8) and tags


def test_same_tree_as_trafilaturas_own_on_the_seed_pages(monkeypatch):
    """Every pruning archiver makes, made again by trafilatura's function on a copy of its input."""
    compared: list[bool] = []
    own = linkpasses.prune_unwanted_sections

    def both(tree, potential_tags, options, keep_teasers=False):
        if not xpaths.is_active():
            return own(tree, potential_tags, options, keep_teasers)
        theirs = linkpasses._original(copy.deepcopy(tree), set(potential_tags), options, keep_teasers)
        mine = own(tree, potential_tags, options, keep_teasers)
        compared.append(etree.tostring(mine) == etree.tostring(theirs))
        return mine

    monkeypatch.setattr(main_extractor, "prune_unwanted_sections", both)
    pages = sorted(SEEDS.glob("*/*.html"))
    assert pages
    for page in pages:
        extract(page.read_bytes(), url="https://example.org/a")
    extract(_page(menu=True), url="https://example.org/menu")
    assert len(compared) > 10 and all(compared)


def test_bare_trafilatura_runs_its_own_pruning(monkeypatch):
    calls: list[int] = []
    original = linkpasses._original

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(linkpasses, "_original", counted)
    assert main_extractor.prune_unwanted_sections is linkpasses.prune_unwanted_sections
    trafilatura.extract(_page(menu=True), include_comments=False)
    assert calls


def _tests_made(monkeypatch, touched_only: bool) -> tuple[int, tuple]:
    """How many link-density tests archiver's runs make on the menu page, and its paragraphs."""
    from trafilatura import htmlprocessing

    monkeypatch.setattr(linkpasses, "TOUCHED_ONLY", touched_only)
    made: list[int] = []
    test = htmlprocessing.link_density_test

    def counted(element, favor_precision=False):
        made.append(1)
        return test(element, favor_precision)

    monkeypatch.setattr(htmlprocessing, "link_density_test", counted)
    paragraphs = extract(_page(menu=True), url="https://example.org/menu").paragraphs
    monkeypatch.setattr(htmlprocessing, "link_density_test", test)
    return len(made), paragraphs


def test_the_second_pass_tests_only_what_the_first_changed(monkeypatch):
    every, every_text = _tests_made(monkeypatch, touched_only=False)
    touched, touched_text = _tests_made(monkeypatch, touched_only=True)
    assert touched < every and touched_text == every_text and len(touched_text) == 8


def test_touched_by_a_deletion():
    tree = etree.fromstring("<body><div><p>a</p><div><p>b</p><p>c</p></div></div><div>d</div></body>")
    inner = tree[0][1]
    touched: set = set()
    linkpasses._touched_by(inner[1], touched)  # the second <p> of the inner <div>
    assert touched == {inner[0], inner, tree[0], tree}  # its previous sibling and its ancestors
    touched.clear()
    linkpasses._touched_by(inner[0], touched)  # a first child: no previous sibling
    assert touched == {inner, tree[0], tree}
