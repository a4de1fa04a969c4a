"""trafilatura's link-density test with lxml's C walks (archiver/extraction/linkdensity.py): the
same verdict as trafilatura's own on every element it is asked about, on archiver's runs only."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura import htmlprocessing

from archiver.extraction import extract, linkdensity, xpaths

pytestmark = pytest.mark.skipif(not linkdensity.install(), reason="trafilatura version not mirrored")

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SENTENCE = "The council voted on the new budget for the harbour district after a long debate. "


def _compared(monkeypatch) -> list[tuple]:
    """Spy: every call of the fast test also asks trafilatura's own on the same element
    (the tree is not changed between the two); returns the list of (fast, original) verdicts."""
    seen: list[tuple] = []
    fast = linkdensity.link_density_test

    def both(element, favor_precision=False):
        mine = fast(element, favor_precision)
        if xpaths.is_active():
            seen.append((mine, linkdensity._original(element, favor_precision), element.tag))
        return mine

    monkeypatch.setattr(htmlprocessing, "link_density_test", both)
    return seen


def _links_page() -> str:
    """Blocks of every kind the test tells apart: a link farm, one long link, a short linked line,
    an image container, a paragraph listing, nested lists, a last <p> and a <p> with a follower."""
    farm = "".join(f"<a href='/s/{i}'>Story {i}</a> " for i in range(8))
    listing = "".join(f"<p><a href='/l/{i}'>A listed paper about the harbour, volume {i}</a></p>" for i in range(6))
    items = "".join(f"<li><a href='/i/{i}'>Item {i}</a><ul><li><a href='/j/{i}'>Sub {i}</a></li></ul></li>"
                    for i in range(5))
    return (f"<html><body><article><p>{SENTENCE * 3}</p><div>{farm}</div>"
            f"<div><a href='/long'>{SENTENCE}</a></div><div>Read: <a href='/x'>this</a></div>"
            f"<div><a href='/img'><img src='a.jpg' alt='harbour'></a> {SENTENCE}</div>"
            f"<div>{listing}</div><ul>{items}</ul><p>{SENTENCE} <a href='/in'>in text</a> {SENTENCE}</p>"
            f"<p><a href='/last'>last</a></p></article></body></html>")


def test_same_verdicts_as_trafilatura_on_the_seed_pages(monkeypatch):
    seen = _compared(monkeypatch)
    pages = sorted(SEEDS.glob("*/*.html"))
    assert pages
    for page in pages:
        extract(page.read_bytes(), url="https://example.org/a")
    extract(_links_page(), url="https://example.org/links")
    assert len(seen) > 200
    assert all(mine == own for mine, own, _ in seen), [s for s in seen if s[0] != s[1]][:3]
    verdicts = {mine for mine, _, _ in seen}
    assert (True, False) in verdicts and (False, False) in verdicts  # both outcomes were met
    assert {"div", "list", "p"} <= {tag for _, _, tag in seen}


def test_descendants_only_in_document_order():
    tree = lxml_html.fromstring("<div><ref>a</ref><p><ref>b</ref><x><ref>c</ref></x></p><ref>d</ref></div>")
    assert [el.text for el in linkdensity._descendants(tree, "ref")] == ["a", "b", "c", "d"]
    assert [el.text for el in linkdensity._descendants(tree, "ref")] == [el.text for el in tree.findall(".//ref")]
    inner = tree.find(".//x")
    assert [el.text for el in linkdensity._descendants(inner, "ref")] == ["c"]
    assert linkdensity._descendants(tree.find("ref"), "ref") == []  # itself left out, as './/ref' does


def test_bare_trafilatura_runs_its_own_test(monkeypatch):
    calls: list[str] = []
    original = linkdensity._original
    monkeypatch.setattr(linkdensity, "_original", lambda el, fp=False: calls.append(el.tag) or original(el, fp))
    assert htmlprocessing.link_density_test is linkdensity.link_density_test
    trafilatura.extract(_links_page(), include_comments=False)  # another caller: trafilatura's own test
    assert calls
    calls.clear()
    extract(_links_page(), url="https://example.org/links")  # archiver's run: the fast test
    assert not calls


def _made_up_tree(seed: int):
    """A converted tree as trafilatura tests it (``ref``, ``list``, ``graphic``), blocks nested at
    random, texts and link texts of random lengths around the test's thresholds."""
    rnd = random.Random(seed)
    root = lxml_html.fromstring("<div></div>")
    blocks = [root]
    for _ in range(300):
        parent = rnd.choice(blocks)
        tag = rnd.choice(["div", "div", "p", "list", "item", "head", "quote", "ref", "ref", "ref", "hi", "graphic"])
        el = etree.SubElement(parent, tag)
        if rnd.random() < 0.7:
            el.text = "x" * rnd.choice([0, 3, 9, 11, 29, 31, 59, 61, 99, 101, 150, 299, 301])
        if rnd.random() < 0.4:
            el.tail = " y" * rnd.randint(0, 40)
        if tag not in ("ref", "graphic", "hi"):
            blocks.append(el)
    return root


@pytest.mark.parametrize("seed", range(8))
def test_same_verdicts_as_trafilatura_on_made_up_trees(seed):
    tree = _made_up_tree(seed)
    tested = 0
    with xpaths.active():
        for el in tree.iter("div", "list", "p", "head", "quote"):
            for precision in (False, True):
                assert linkdensity.link_density_test(el, precision) == linkdensity._original(el, precision)
                tested += 1
    assert tested > 100


def test_same_verdicts_at_the_thresholds():
    """Blocks whose text and link text lengths sit on each threshold of the test (10, 100 characters
    of one link; 30, 60, 100, 300 of the block; 4 links; 80% and LINK_FARM_RATIO of link text)."""
    rnd = random.Random(17)
    root = lxml_html.fromstring("<div></div>")
    lengths = [9, 10, 11, 29, 30, 31, 59, 60, 61, 99, 100, 101, 299, 300, 301]
    for _ in range(1500):
        block = etree.SubElement(root, rnd.choice(["p", "div", "list"]))
        links = rnd.randint(1, 6)
        for _ in range(links):
            etree.SubElement(block, "ref").text = "a" * rnd.choice([0, 1, *lengths]) or None
        own = rnd.choice(lengths) - sum(len(ref.text or "") for ref in block) - links + 1
        block.text = "b" * max(own, 0) + " " if own > 0 else None
        if rnd.random() < 0.5:
            etree.SubElement(root, "hr")  # a follower: the block is not its parent's last
    tested = 0
    with xpaths.active():
        for el in root.iter("p", "div", "list"):
            if el is root:
                continue
            for precision in (False, True):
                assert linkdensity.link_density_test(el, precision) == linkdensity._original(el, precision)
                tested += 1
    assert tested == 3000
