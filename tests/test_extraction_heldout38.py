"""A kind found on the held-out pages (gen38, issue 11), fixed as a rule any site's page can meet.

- ``author-label-tail`` (paragraph rule, ``drop-rest``): author-box-tail's author card under the bare
  label a theme prints over it ("Author", "Authors", "Autor", "Auteur", "著者", "作者", "저자"), then the
  writer's or team's name and a link to the site, closing a company blog's post. author-box-tail reads
  "About the author", "Written by" and "Author bio" only.

Invented pages and text; the rule has a test that fails with it switched off, and twins that show what it
leaves alone (the label above a sentence, the label far from the end).
"""

from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule

from archiver.extraction import extract

_URL = "https://harbourlabs.example/blog/malicious-npm-package-steals-tokens"
_BODY = [
    "On Monday our scanner flagged a package on the npm registry that copies itself into the user's profile "
    "folder and registers a scheduled task to start again after every reboot.",
    "The package reads the tokens a chat client keeps in its local storage, decrypts them with the key the "
    "operating system stores for the user, and posts them to a webhook.",
    "We reported the package to the registry, which took it down within two hours; it had been downloaded "
    "about four hundred times in the week before.",
    "Anyone who installed it should rotate the tokens of every chat account used on that machine and remove "
    "the scheduled task by hand.",
]
_CARD = ["Harbour Labs Research Team", "harbourlabs.example"]


def _page(label: str, card: list[str], body: list[str] = _BODY) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    lines = "".join(f"<p>{c}</p>" for c in card)
    return ("<html><head><title>Malicious npm package</title></head><body><article>"
            f"<h1>A malicious npm package steals chat tokens</h1>{paras}"
            f"<h4>{label}</h4>{lines}"
            "</article></body></html>")


def _text(html: str) -> str:
    result = extract(html, _URL)
    assert result.error is None
    return result.text


@pytest.mark.parametrize("label", ["Author", "AUTHORS", "Author:", "Autor", "Auteur", "著者"])
def test_an_author_card_under_a_bare_label_closing_the_post_goes(label):
    text = _text(_page(label, _CARD))
    assert all(p in text for p in _BODY)
    assert "Research Team" not in text
    assert label.rstrip(":") not in text.splitlines()


def test_the_card_stays_with_the_rule_switched_off(monkeypatch):
    without_paragraph_rule(monkeypatch, "author-label-tail")
    text = _text(_page("Author", _CARD))
    assert "Harbour Labs Research Team" in text  # trafilatura keeps it: the rule is what takes it


def test_a_label_above_a_sentence_stays():
    """'Authors' over a sentence of the body (a paper's section on who wrote it) is not a name card."""
    note = ["The report was written by two analysts who spent six weeks inside the registry's abuse queue.",
            "Both had worked on the takedown of a similar package the year before."]
    text = _text(_page("Authors", note))
    assert all(n in text for n in note)


def test_a_label_far_from_the_end_stays():
    """An 'Author' card with the body's sections after it (more than 8 lines) is left alone: only the last lines."""
    more = [f"Step {n}: the package {verb} before the scanner's next pass over the registry's new uploads."
            for n, verb in enumerate(["renames its folder", "rewrites its manifest", "drops a second loader",
                                      "clears its log file", "changes its webhook", "signs its payload",
                                      "waits an hour", "checks for a debugger", "reports the machine's name"], 1)]
    text = _text(_page("Author", _CARD + more))
    assert "Harbour Labs Research Team" in text and all(m in text for m in more)
