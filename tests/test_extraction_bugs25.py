"""Failure kinds from public bug reports against readers, feed readers and the plugins that print
furniture into a post's content, twenty-fifth round (bug25): this round looked first for bodies lost or
cut (quotes, lists, code, tables, footnotes, paragraphs after an embed, text in bare divs or a noscript).

Invented site and text (the Kilrush Herald), in the markup the reports show (the report is named above
each test or probe). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last test holds this round's probes that archiver already
passed, kept so they stay passed.
"""

from __future__ import annotations

import re

from rulekit import without_paragraph_rule
from storykit import Newsroom

from archiver.extraction.rules import rules_for

URL = "https://www.kilrush-herald.example/2026/12/ferry-slip"
TITLE = "Ferry slip to close for repairs after the January gales"
SITE = Newsroom(URL, TITLE, "Kilrush Herald", "Niamh Daly", "4 Frances Street",
                "The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
                "inspected the stones loosened by the January gales.", count=30)
S = SITE.sentences
page, bare_page, ps, paragraphs, bare = SITE.page, SITE.bare_page, SITE.ps, SITE.paragraphs, SITE.bare


def _pattern(name: str) -> re.Pattern[str]:
    rule = next(r for r in rules_for("www.kilrush-herald.example").paragraphs if r.name == name)
    return re.compile(rule.pattern.pattern, rule.pattern.flags)


def _lines(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


# -- Jetpack's sharing buttons as text where the markup is gone (a Display Posts widget's excerpt:
#    https://github.com/Automattic/jetpack/issues/3290): each button's screen-reader label, a line each
#    or run together with 'Share this:' and the likes row. Paragraph rule click-to-share-line --

CLICK = ("Click to share on Twitter (Opens in new window)", "Click to share on Facebook (Opens in new window)",
         "Click to email a link to a friend (Opens in new window)", "Click to print (Opens in new window)")
CLICK_FLAT = ("Share this:Click to share on Twitter (Opens in new window)Click to share on Facebook (Opens in new window)"
              "Like this:Like Loading...")


def test_click_to_share_lines_go():
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines(*CLICK))) == S[:4]
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines(CLICK_FLAT))) == S[:4]
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines("Share this:", *CLICK[:2], "Like this:", "Like Loading..."))) == S[:4]


def test_without_the_rule_the_click_to_share_lines_stay(monkeypatch):
    html = page(ps(0, 1, 2, 3) + _lines(CLICK[0], CLICK_FLAT))
    assert CLICK[0] in bare(html) and CLICK_FLAT in bare(html)  # bare trafilatura keeps them too
    without_paragraph_rule(monkeypatch, "click-to-share-line")
    assert paragraphs(html) == [*S[:4], CLICK[0], CLICK_FLAT]


def test_asking_readers_to_share_stays():
    looks = ["Click to share on Facebook the photos of the slip, the council asked.",
             "Click to print the timetable, then bring it to the harbour office.",
             "Readers can click to share on Twitter (opens in new window) or by e-mail."]
    pattern = _pattern("click-to-share-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- a widget's placeholder in the site's language, left where the script never filled it (Jetpack's
#    likes button stuck at 'Loading...' on non-English sites: https://github.com/Automattic/jetpack/issues/34311).
#    Paragraph rule loading-i18n --

LOADING = ("Cargando...", "Wird geladen …", "Chargement…", "Caricamento...", "Carregando...", "Ładowanie...",
           "Загрузка...", "Gefällt mir Wird geladen …", "Me gusta Cargando...")


def test_loading_placeholders_in_other_languages_go():
    for line in LOADING:
        assert paragraphs(page(ps(0, 1, 2, 3) + _lines(line), lang="de")) == S[:4], line


def test_without_the_rule_the_placeholder_stays(monkeypatch):
    html = page(ps(0, 1, 2, 3) + _lines(LOADING[1]))
    assert LOADING[1] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "loading-i18n")
    assert paragraphs(html) == [*S[:4], LOADING[1]]


def test_sentences_starting_so_stay():
    looks = ["Cargando... los camiones tardaron tres días en llegar al muelle.", "Chargement des ferries",
             "Wird geladen: die Fähre nach Tarbert", "Caricamento"]
    pattern = _pattern("loading-i18n")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(looks[0]) + ps(2, 3))) == [*S[:2], looks[0], *S[2:4]]
