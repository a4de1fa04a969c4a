"""Precision mode's own steps, each switchable (gen35, issue 11: what precision mode drops that the
default reading keeps, step by step).

``linkpasses.prune_unwanted_sections`` runs trafilatura's precision-only steps; each has a flag so
the ablation (``bench/switch_stages.py``: ``stage:precision-*``) and ``bench.heldout --switch`` can
measure it apart. Each step, on a small invented page, deletes a block that the same run keeps
with its flag off:

- ``PRECISION_HEADERS``: ``PRECISION_DISCARD_XPATH``'s ``.//header`` (a ``<header>`` in the body);
- ``PRECISION_CLASSES``: its 'bottom' / 'link' class words and border styles;
- ``PRECISION_SHORTCUT``: the link test's one-link shortcut at 10 characters (the default run's is
  100): a ``<p>`` that is one 30-100 character link;
- ``PRECISION_BACKTRACK``: backtracking at under 200 characters and one child (default: under 100,
  three children): a short ``<div>`` around one paragraph holding a link.

The remaining flags (``TRAILING_HEADS``, ``HEAD_LINKS``, ``QUOTE_LINKS``) are measured by the
ablation on the pages where they act; none is shown here on an invented page.
"""

from __future__ import annotations

import lxml.html
import pytest

from archiver.extraction import linkpasses
from archiver.extraction.article import run_trafilatura

_URL = "https://walkers.example/health/walking-and-blood-pressure"
_BODY = ("Walking for half an hour on most days lowers blood pressure in adults who do little other "
         "exercise, according to a review of forty trials published this spring.",
         "The effect was largest in people whose pressure was high to begin with, and it showed within "
         "eight weeks of starting, whatever the pace of the walk.",
         "The authors say the findings should reassure doctors who hesitate to prescribe exercise to "
         "older patients, since none of the trials recorded a serious injury.",
         "They also found that splitting the half hour into three short walks worked about as well as "
         "one long walk, which may suit people who work long hours.")

_STEPS = {  # flag -> (the block put between the second and third paragraph, its marker)
    "PRECISION_HEADERS": ("<header><p>Marker one: the review pooled forty trials with eleven thousand "
                          "adults.</p></header>", "Marker one"),
    "PRECISION_CLASSES": ("<div class='bottom'><p>Marker two: the review pooled forty trials with eleven "
                          "thousand adults.</p></div>", "Marker two"),
    "PRECISION_SHORTCUT": ("<p><a href='/walk/review'>Marker three: the review and its forty trials, in "
                           "full</a></p>", "Marker three"),
    "PRECISION_BACKTRACK": ("<div><p>Marker four, in short: <a href='/walk/x'>the review</a> and its "
                            "data.</p></div>", "Marker four"),
}


def _page(block: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in _BODY[:2]) + block + "".join(f"<p>{p}</p>" for p in _BODY[2:])
    return ("<html><head><title>Walking</title></head><body><article><h1>Walking lowers blood pressure</h1>"
            + body + "</article></body></html>")


def _precise_text(html: str) -> str:
    return "\n".join(run_trafilatura(lxml.html.fromstring(html), _URL, {"favor_precision": True}).lines)


@pytest.mark.parametrize("flag", sorted(_STEPS))
def test_each_precision_step_deletes_its_block(flag):
    block, marker = _STEPS[flag]
    text = _precise_text(_page(block))
    assert marker not in text
    assert _BODY[0] in text and _BODY[3] in text


@pytest.mark.parametrize("flag", sorted(_STEPS))
def test_with_its_flag_off_the_block_stays(monkeypatch, flag):
    block, marker = _STEPS[flag]
    monkeypatch.setattr(linkpasses, flag, False)
    assert marker in _precise_text(_page(block))


@pytest.mark.parametrize("flag", sorted(_STEPS))
def test_the_other_flags_off_do_not_keep_it(monkeypatch, flag):
    block, marker = _STEPS[flag]
    for other in _STEPS:
        if other != flag:
            monkeypatch.setattr(linkpasses, other, False)
    assert marker not in _precise_text(_page(block))


def test_the_default_run_keeps_every_block():
    for block, marker in _STEPS.values():
        text = "\n".join(run_trafilatura(lxml.html.fromstring(_page(block)), _URL, {}).lines)
        assert marker in text


def test_bench_switches_turn_the_flags_off(monkeypatch):
    from bench.switches import stages
    rows = {"stage:precision-headers": "PRECISION_HEADERS", "stage:precision-classes": "PRECISION_CLASSES",
            "stage:precision-shortcut": "PRECISION_SHORTCUT", "stage:precision-backtrack": "PRECISION_BACKTRACK",
            "stage:precision-trailing-heads": "TRAILING_HEADS", "stage:precision-head-links": "HEAD_LINKS",
            "stage:precision-quote-links": "QUOTE_LINKS"}
    patches = stages()
    for name, flag in rows.items():
        monkeypatch.setattr(linkpasses, flag, True)
        patches[name]()
        assert getattr(linkpasses, flag) is False
