"""The DOM stage without its own records (the page account lists what it removed): the same
elements go, every length guard still holds, and the records can be rebuilt from what was dropped."""

from __future__ import annotations

import pytest
from lxml import etree

from archiver.extraction import extract
from archiver.extraction.dom import clean_page, dom_records, parse
from archiver.extraction.rules import _compile

WORDS = "cedar lantern orbit quarry saddle thimble velvet walnut yonder zephyr".split()


def prose(n: int, seed: int = 0) -> str:
    """``n`` characters (about) of invented words."""
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < n:
        out.append(WORDS[i % len(WORDS)])
        i += 3
    return " ".join(out)


def rules(dom, main=("article",)):
    return _compile({"name": "t", "main": list(main), "dom": dom}, "test.json")


PAGES = {
    # a thread holding most of the page: the "most of the page" guard keeps it
    "most-of-page": (f"<html><body><div class='thread'><p>{prose(420)}</p><p>{prose(30, 1)}</p></div>"
                     f"<p>{prose(200, 2)}</p></body></html>",
                     [{"name": "thread", "css": ".thread"}], ()),
    # just over a rule's max_chars once the line breaks between its blocks are counted
    "max-chars": (f"<html><body><article><p>{prose(600)}</p></article><div class='cap'>"
                  + "".join(f"<p>{prose(19, k)}</p>" for k in range(5)) + "</div></body></html>",
                  [{"name": "cap", "css": ".cap", "max_chars": 100}], ("article",)),
    # a share guard: more than a fifth of the page
    "max-share": (f"<html><body><article><p>{prose(700)}</p></article><aside class='box'><p>{prose(260, 4)}</p>"
                  "</aside><aside class='box'><p>tiny</p></aside></body></html>",
                  [{"name": "box", "css": ".box", "max_share": 0.2}], ("article",)),
    # alt text is part of an element's text: a short element with a long alt is long
    "alt": (f"<html><body><article><p>{prose(700)}</p></article><div class='pic'><img alt='{prose(150, 5)}'>"
            "</div></body></html>",
            [{"name": "pic", "css": ".pic", "max_chars": 120}], ("article",)),
    # script text and indentation make an element look long; its text is short
    "padded": ("<html><body><article><p>" + prose(700) + "</p></article><div class='promo'>\n" + " " * 400
               + "<script>var x = '" + "y" * 500 + "';</script><p>Subscribe now</p></div></body></html>",
               [{"name": "promo", "css": ".promo", "max_chars": 60}], ("article",)),
    # the same, after a long element had the page's length measured
    "padded-later": ("<html><body><article><p>" + prose(1000) + "</p></article><div class='thread'><p>"
                     + prose(350, 6) + "</p></div><div class='promo'>\n" + " " * 400 + "<script>var x = '"
                     + "y" * 500 + "';</script><p>Subscribe now</p></div></body></html>",
                     [{"name": "thread", "css": ".thread"}, {"name": "promo", "css": ".promo", "max_chars": 60}],
                     ("article",)),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_without_records_the_same_elements_go_and_the_records_can_be_rebuilt(name):
    html, dom, main = PAGES[name]
    ruleset = rules(dom, main)
    with_records, without = parse(html), parse(html)
    dropped_a: list = []
    dropped_b: list = []
    removed, _ = clean_page(with_records, ruleset, None, dropped_a)
    none, _ = clean_page(without, ruleset, None, dropped_b, records=False)
    assert none == []
    assert etree.tostring(with_records) == etree.tostring(without)  # the same elements removed, the same kept
    assert [(etree.tostring(el), rule) for el, rule in dropped_a] == \
        [(etree.tostring(el), rule) for el, rule in dropped_b]
    assert dom_records(dropped_b) == removed


def test_the_guards_these_pages_exercise_do_fire():
    """The pages above are worth their salt: each guard keeps an element there (with records)."""
    kept = {}
    for name, (html, dom, main) in PAGES.items():
        root = parse(html)
        removed, _ = clean_page(root, rules(dom, main), None, [])
        kept[name] = [r.text for r in removed]
    assert kept["most-of-page"] == []
    assert kept["max-chars"] == []
    assert kept["max-share"] == ["tiny"]
    assert kept["alt"] == []
    assert kept["padded"] == ["Subscribe now"]
    assert kept["padded-later"] == [prose(350, 6), "Subscribe now"]


PAGE = f"""<html><head><title>Orbit of the quarry</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Orbit of the quarry</h1><p>{prose(400)}</p><p>{prose(300, 2)}</p>
<div class="sharedaddy"><h3>Share this:</h3></div></article>
<div class="tq"><div class="tq2"><span>Walnut saddle notes</span> <a href="/x">elsewhere</a></div></div>
<footer><p>Footer words of the site</p></footer></body></html>"""


def test_extract_without_the_account_gives_the_rules_records_and_the_same_article():
    full = extract(PAGE, "https://example.org/orbit")
    bare = extract(PAGE, "https://example.org/orbit", account=False)
    assert bare.paragraphs == full.paragraphs and bare.title == full.title
    assert {r.stage for r in full.removed} >= {"dom", "extractor"}
    assert bare.removed and {r.stage for r in bare.removed} <= {"dom", "paragraph"}
    assert "Share this:" in "\n".join(r.text for r in bare.removed)


def test_when_the_account_fails_the_rules_records_are_rebuilt(monkeypatch):
    """A page the account cannot handle still gives its article and what the rules removed."""
    import archiver.extraction as extraction

    def broken(*args, **kwargs):
        raise ValueError("account failed")

    full = extract(PAGE, "https://example.org/orbit")
    monkeypatch.setattr(extraction, "build_account", broken)
    fallback = extract(PAGE, "https://example.org/orbit")
    assert fallback.error is None and fallback.paragraphs == full.paragraphs
    assert sorted((r.rule, r.text) for r in fallback.removed) == \
        sorted((r.rule, r.text) for r in extract(PAGE, "https://example.org/orbit", account=False).removed)
