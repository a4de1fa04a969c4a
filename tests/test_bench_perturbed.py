"""bench/perturbed.py's rewrites do what they say, on a page of invented text."""

from __future__ import annotations

import lxml.html

from bench.perturbed import REWRITES, rewrite

PAGE = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title></head><body>'
        '<header class="site-top" id="top"><nav class="menu"><a href="/">Home</a></nav></header>'
        '<main><article class="post"><h1>Ferry strike ends</h1><time datetime="2026-01-02">2 Jan</time>'
        '<section class="body"><p class="lead">The crews went back to work on Monday.</p>'
        '<figure><img src="a.jpg" alt="x"><figcaption>A ferry</figcaption></figure></section></article>'
        '<aside class="related">More</aside></main><footer id="foot">(c) Harbour Post</footer></body></html>')


def _tags_and_names(html: str) -> tuple[set[str], set[str]]:
    root = lxml.html.document_fromstring(html)
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    names = {v for el in root.iter() if isinstance(el.tag, str) for v in (el.get("class"), el.get("id")) if v}
    return tags, names


def test_no_names_strips_every_class_and_id_and_keeps_the_tags():
    tags, names = _tags_and_names(rewrite(PAGE.encode(), "no-names"))
    assert names == set()
    assert {"header", "nav", "article", "section", "figure", "aside", "footer"} <= tags


def test_html4_turns_sectioning_tags_into_divs_and_keeps_the_names():
    tags, names = _tags_and_names(rewrite(PAGE.encode(), "html4"))
    assert tags.isdisjoint({"header", "nav", "main", "article", "section", "figure", "figcaption", "aside",
                            "footer", "time"})
    assert {"site-top", "post", "lead", "related", "foot"} <= names


def test_both_and_none_and_the_text_survives():
    assert set(REWRITES) == {"none", "no-names", "html4", "both"}
    tags, names = _tags_and_names(rewrite(PAGE.encode(), "both"))
    assert names == set() and "article" not in tags
    for name in REWRITES:
        out = rewrite(PAGE.encode(), name)
        assert "The crews went back to work on Monday." in out and "Ferry strike ends" in out
    assert rewrite(PAGE.encode(), "none") == PAGE
