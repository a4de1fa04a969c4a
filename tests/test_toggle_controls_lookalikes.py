"""Toggle links that are page controls, in any language (mend55, review53's finding 4 on bug38's stage).

``togglelinks.unlink_toggles`` keeps a collapsible panel's title by unwrapping its in-page link. Its list
of control labels ("Read more", "Back to top") was English only: a Bootstrap collapse's reveal link
labelled "Lire la suite", "Leer más", "Mehr anzeigen", "Czytaj dalej", "Read full article" or "View more"
was unwrapped and became a line of the article (with the stage off the link went, as "Read more" does).
The labels are now data (``archiver/rules/toggle_controls.json``, with generic.json's reveal-summary lead
and reveal-toggle pattern read beside it). A "Cookie settings" toggle over a cookie banner's text was
unwrapped too: a box named cookie, consent, gdpr or cmp is now outside, like a table of contents.

Look-alikes that must still be unwrapped: panel titles in the same languages holding the same words
("Plus de ferries en hiver", "Mehr Fähren im Winter"), and a toggle over a panel in a box of no banner.
Invented pages and text.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from archiver.extraction import extract, togglelinks

URL = "https://www.quayside-gazette.example/2026/12/harbour-bridge.html"
BODY = [f"Paragraph {i}: the city council heard that the old harbour bridge had been closed to traffic since "
        "the spring floods damaged two of its piers and cracked the deck." for i in range(6)]
PANEL = ("The mayor said the new bridge would carry a cycle lane and a wider footpath, and that a temporary "
         "ferry would run every twenty minutes until it opens.")
COOKIE_TEXT = ("We use cookies to measure how our pages are read and to show you relevant advertising, you can "
               "change this at any time.")

CONTROLS = ["Lire la suite", "Leer más", "Mehr anzeigen", "Weiter lesen", "Czytaj dalej", "Читать далее",
            "Read full article", "View more", "Show full story", "Continue the story", "Leia mais",
            "Lees meer", "Läs mer", "Mostra di più", "Devamını oku", "Xem thêm", "続きを読む"]
TITLES = ["Plus de ferries en hiver", "Mehr Fähren im Winter", "Más barcos en invierno", "Więcej promów zimą",
          "Read the pilots' report", "Show jumping at the harbour fair", "Lire les avis des riverains"]


def _page(middle: str, before: str = "") -> str:
    head = "".join(f"<p>{p}</p>" for p in BODY[:3])
    tail = "".join(f"<p>{p}</p>" for p in BODY[3:])
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour bridge to be rebuilt</title></head>"
            f"<body>{before}<main><article><h1>Harbour bridge to be rebuilt</h1>{head}{middle}{tail}</article>"
            "</main><footer><p>The Quayside Gazette, 3 Quay Street.</p></footer></body></html>")


def collapse(label: str) -> str:
    """Bootstrap's collapse: a reveal link naming the hidden rest of the text."""
    return (f"<p><a data-toggle='collapse' href='#more' aria-expanded='false'>{label}</a></p>"
            f"<div class='collapse' id='more'><p>{PANEL}</p></div>")


def cookie_banner(names: str = "cookie-banner", ident: str = "consent-panel", label: str = "Privacy and cookies",
                  toggle: str = "cookie-toggle") -> str:
    return (f"<div id='{ident}' class='{names}'><p>We use cookies.</p><div class='{toggle}'>"
            f"<a href='#' role='button'>{label}</a></div><div class='panel'><p>{COOKIE_TEXT}</p></div></div>")


def _unlinked(html: str) -> int:
    return togglelinks.unlink_toggles(lxml_html.fromstring(html))


def _lines(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", p).strip() for p in extract(html, URL).paragraphs]


@pytest.mark.parametrize("label", CONTROLS)
def test_a_reveal_label_in_any_language_is_no_panel_title(label):
    assert _unlinked(_page(collapse(label))) == 0


@pytest.mark.parametrize("label", ["Lire la suite", "Leer más", "Mehr anzeigen", "Czytaj dalej", "View more"])
def test_a_reveal_label_is_no_line_of_the_article(label):
    lines = _lines(_page(collapse(label)))
    assert label not in lines and BODY[0] in lines


@pytest.mark.parametrize("title", TITLES)
def test_panel_titles_with_the_same_words_are_still_unwrapped(title):
    assert _unlinked(_page(collapse(title))) == 1


@pytest.mark.parametrize("before", [True, False])
@pytest.mark.parametrize("label", ["Cookie settings", "Privacy and cookies"])
def test_a_cookie_banners_toggle_is_not_unwrapped(before, label):
    page = _page("", cookie_banner(label=label)) if before else _page(cookie_banner(label=label))
    assert _unlinked(page) == 0


def test_a_toggle_in_a_box_of_no_banner_is_unwrapped():
    assert _unlinked(_page(cookie_banner("site-box", "ferry-panel", "Ferry times this winter", "box-toggle"))) == 1


@pytest.fixture
def english_only(tmp_path, monkeypatch):
    """The rules as before mend55: the control labels English only, no banner names, no reveal rules read."""
    rules = Path(togglelinks.RULES_DIR)
    data = json.loads((rules / "toggle_controls.json").read_text(encoding="utf-8"))
    data["labels"] = data["labels"][:19]  # the English list the stage had in code
    data["outside_names"] = []
    (tmp_path / "toggle_controls.json").write_text(json.dumps(data), encoding="utf-8")
    shutil.copy(rules / "generic.json", tmp_path / "generic.json")
    monkeypatch.setattr(togglelinks, "RULES_DIR", tmp_path)
    monkeypatch.setattr(togglelinks, "_REVEAL_RULES", ())
    togglelinks._controls.cache_clear()
    yield
    togglelinks._controls.cache_clear()


def test_the_english_list_is_the_data_files_head():
    labels = json.loads((Path(togglelinks.RULES_DIR) / "toggle_controls.json").read_text(encoding="utf-8"))["labels"]
    assert labels[0] == "back to top" and labels[18] == "continue reading"


@pytest.mark.parametrize("label", ["Lire la suite", "Mehr anzeigen", "View more"])
def test_twin_with_english_labels_only_the_label_comes_back(english_only, label):
    assert _unlinked(_page(collapse(label))) == 1
    assert label in _lines(_page(collapse(label)))


def test_twin_without_banner_names_the_cookie_toggle_is_unwrapped(english_only):
    assert _unlinked(_page("", cookie_banner())) == 1
