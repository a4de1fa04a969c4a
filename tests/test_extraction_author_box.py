"""An author box after the body (the writer's name, role and biography) named so by its class
or id, or by a common author-box plugin's (``saboxplugin-wrap``): the ``author-bio-box`` DOM rule
(issue 11, tenth session). trafilatura discards elements with "author" in their class or id in
its own run, but not a plugin's box named otherwise, nor what its fallback runs read; and no
title ("About the author") announces such a box for the closing-section rules.
Invented site and text; no benchmark page copied.
"""

from __future__ import annotations

import dataclasses

import pytest

import archiver.extraction as ex
from archiver.extraction import extract

URL = "https://www.harrowgate-gardens.example/blog/overwintering-dahlias"
TITLE = "Overwintering dahlias in a cold, wet garden"
BODY = [f"Dahlia tubers rot in cold clay, so point {i} of this guide is about lifting them before the "
        "first hard frost, drying them upside down for a week and storing them in barely damp compost."
        for i in range(6)]
BIO = ("Marta Quell has gardened on heavy Harrowgate clay for twenty years and writes about tender "
       "perennials, cut flowers and the slow work of improving a soil that never quite drains.")


def _page(box_class: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Harrowgate Gardens</title></head><body>"
            f"<main><article><h1>{TITLE}</h1><div class='entry-content'>"
            + "".join(f"<p>{p}</p>" for p in BODY)
            + f"<div class='{box_class}'><div class='avatar'></div><div class='desc'>"
            f"<p><strong>Marta Quell</strong></p><p>{BIO}</p></div></div>"
            "</div></article></main><footer><p>Harrowgate Gardens</p></footer></body></html>")


@pytest.mark.parametrize("box_class", ["author-box", "saboxplugin-wrap", "post-author-bio"])
def test_an_author_box_closing_the_body_goes(box_class):
    result = extract(_page(box_class), URL)
    lines = [line for line in result.text.splitlines() if line]
    assert lines == BODY
    assert any(r.rule == "author-bio-box" and BIO in r.text for r in result.removed)


@pytest.fixture
def rule_off(monkeypatch):
    original = ex.rules_for

    def without(host):
        rules = original(host)
        return dataclasses.replace(rules, dom=tuple(r for r in rules.dom if r.name != "author-bio-box"))
    monkeypatch.setattr(ex, "rules_for", without)


def test_without_the_rule_the_biography_stays(rule_off):
    # trafilatura itself drops most boxes with "author" in their class; a plugin's box it keeps
    assert BIO in extract(_page("saboxplugin-wrap"), URL).text


def test_an_article_under_an_author_named_container_stays():
    # a whole post inside a container named for its author (more than a box holds) is not removed
    html = (f"<html><body><main><article><h1>{TITLE}</h1><div class='author-box-layout'>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</div></article></main></body></html>")
    assert [line for line in extract(html, URL).text.splitlines() if line] == BODY
