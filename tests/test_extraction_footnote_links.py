"""Footnotes at the end of a post that precision mode took for link boxes (integrator, nineteenth
session; the kind seen on a held-out Substack post whose last two notes cite their sources):

- the note's number links back to its mark by the page's own address and a fragment
  (``https://host/p/post#footnote-anchor-1``), not by a bare ``#footnote-anchor-1``: the DOM rule
  ``footnote-number-link`` now takes any link with a fragment, so the short last note is no link box;
- a note whose text cites its source with a link: precision mode's backtracking deletes every short
  ``<div>`` holding a link, and the note's text went with it; a ``<div>`` named footnote or endnote
  whose text is a sentence, links under half of it, is no link box (``linkdensity.PROSE_GUARD``).

A short linked ``<div>`` not named so (an affiliate disclosure, a promo card) is still judged by
trafilatura's test: the guard without the name kept such boxes on 66 dev-set pages and cost AEB and
WCXB more than it won.
"""

from __future__ import annotations

from rulekit import without_dom_rule

from archiver.extraction import extract, linkdensity

_URL = "https://fieldnotes.example/p/the-river-survey"
_BODY = ("Every spring the volunteers walk the river from the weir to the estuary and count what they find "
         "on its banks, from plastic bottles to the nests of sand martins.",
         "This year they counted fewer bottles than in any year since the survey began, which the group puts "
         "down to the deposit scheme the county started two years ago.",
         "The nests were another matter: the high water in March washed away most of the bank where the "
         "martins had nested for a decade, and only a handful came back.",
         "The group will publish its full figures in the autumn, with maps of each stretch of the river.")
_NOTES = ("The survey has used the same twelve stretches of bank since its first year.",
          "The county's figures for returned bottles are in its annual report on waste.",
          "Counts of nests are rough: a nest seen from the water may be counted twice.")
_SOURCE = "annual report on waste"


def _note(i: int, text: str) -> str:
    if _SOURCE in text:
        text = text.replace(_SOURCE, f"<a href='https://county.example/waste-2026'>{_SOURCE}</a>")
    return (f"<div class='footnote'><a id='footnote-{i}' href='{_URL}#footnote-anchor-{i}' "
            f"class='footnote-number'>{i}</a><div class='footnote-content'><p>{text}</p></div></div>")


def _page() -> str:
    first = _BODY[0].replace("estuary", f"estuary<a class='footnote-anchor' id='footnote-anchor-1' href='{_URL}#footnote-1'>1</a>")
    notes = "".join(_note(i, t) for i, t in enumerate(_NOTES, 1))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>The river survey</title></head><body>"
            "<header><a href='/'>Field Notes</a><nav><a href='/archive'>Archive</a><a href='/about'>About</a></nav></header>"
            "<article><h1>The river survey</h1><div class='available-content'><div class='body markup'>"
            + "".join(f"<p>{p}</p>" for p in ((first,) + _BODY[1:])) + notes +
            "</div></div></article><footer><p>Field Notes, a newsletter.</p></footer></body></html>")


def test_every_note_stays_after_the_body():
    lines = extract(_page(), _URL).paragraphs
    assert list(lines) == list(_BODY + _NOTES)


def test_without_the_rule_the_mark_glues_and_the_last_note_goes(monkeypatch):
    without_dom_rule(monkeypatch, "footnote-number-link")
    assert "estuary1 " in extract(_page(), _URL).paragraphs[0]
    monkeypatch.setattr(linkdensity, "PROSE_GUARD", False)
    assert _NOTES[-1] not in extract(_page(), _URL).paragraphs


def test_without_the_guard_the_note_citing_a_link_goes(monkeypatch):
    monkeypatch.setattr(linkdensity, "PROSE_GUARD", False)
    lines = extract(_page(), _URL).paragraphs
    assert _NOTES[1] not in lines
    assert _BODY[-1] in lines
