"""The thirty-second renditions of the seed pages (``tests/fixtures/renditions32``: the pages as other tools
saved or served them: an Archive-It replay by pywb, a 12ft.io-style ladder proxy, a full-content RSS item in
Inoreader, FrogFind's text-only proxy, a SingleFile save; beside them Bing's cache, Google's AMP cache,
Drupal's print module with and without its footnote numbers, Edge's Immersive Reader and a SingleFile save of
a declarative shadow root) word for word, and the kind they found, on a small page of its own (invented site
and text) that fails with its fix switched off, with look-alike lines that must stay:

- a proxy's or converter's description of itself with its maker's credit at the foot of the page it serves
  ("FrogFind! is a search engine for vintage computers. Built by Action Retro."): paragraph rule
  ``proxy-self-credit``;
- a date line whose time follows a bullet, a dot, a bar, a dash or "at" ("Tuesday, January 11, 2022 • 12:14 PM
  EST" under the headline of a text-only edition): paragraph rule ``dateline`` (its time part widened).

Open (README): the station's feed as Firefox's feed preview showed it (the headline is an entry's ``h3``, the
page's title names the feed); FrogFind's copy of the RFE/RL story keeps the photo's caption as a bare run of text before the
first paragraph, the image gone (no alt, no caption markup, nothing that tells it from a short lead); the DW
story as a Gopher news mirror's text file through Floodgap's proxy (one ``<pre>``: the headline a line
underlined with ``=``, the mirror's header and foot lines, rules of dashes) comes out with the proxy's bar, the
mirror's lines and the gopher address as its title.
"""

from __future__ import annotations

import json

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import with_paragraph_pattern, without_paragraph_rule

from archiver.extraction import extract
from archiver.extraction.rules import RULES_DIR

OPEN = {"www.rferl.org"}
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions32", OPEN)
# the Gopher proxy's page (the story as a text file in one <pre>) and Firefox's feed preview (README: open)
OPEN_EXTRA = {"extra/gopher-proxy-www.dw.com.html", "extra/firefox-feed-local10.com.html"}
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions32", OPEN_EXTRA, "extra.tsv")


def _proxied(foot: str, lines: tuple[str, ...] = ()) -> str:
    """The ferry story as a text-only proxy serves it: HTML 2.0, no classes, the proxy's bar, the story in bare
    ``<p>``s (``lines`` among them, after the second), a ``<hr>`` and ``foot`` in ``<small>``."""
    body = [f"<p>{p}</p>" for p in BODY]
    body[2:2] = [f"<p>{line}</p>" for line in lines]
    return ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 2.0//EN"><html><head><title>' + TITLE + "</title></head><body>"
            '<p><form action="/read.php"><a href="/">Back to <b>Lightpage</b></a> | Browsing URL: '
            f'<input type="text" name="a" value="{URL}"><input type="submit" value="Go!"></form></p><hr>'
            f"<h3>{TITLE}</h3>" + "\n".join(body) + f"<br><br><hr><p><small>{foot}</small></p></body></html>")


FEET = ["FrogFind! is a search engine for vintage computers. Built by Action Retro.",
        "Lightpage is a text-only proxy for any web page. Made with ♥ by Jane Doe.",
        "Plainview is a reader for slow connections. Maintained by the Plainview volunteers."]


@pytest.mark.parametrize("foot", FEET)
def test_a_proxy_s_self_description_with_its_maker_s_credit_is_not_the_story(foot):
    result = extract(_proxied(foot), URL)
    assert list(result.paragraphs) == BODY
    assert "proxy-self-credit" in {r.rule for r in result.removed}


@pytest.mark.parametrize("foot", FEET[:2])
def test_without_the_rule_the_proxy_s_line_stays(monkeypatch, foot):
    without_paragraph_rule(monkeypatch, "proxy-self-credit")
    assert foot in extract(_proxied(foot), URL).paragraphs


LOOK_ALIKES = (
    "The ferry is a service for islanders and visitors alike, built by the council in 1998 to replace the old launch.",
    "The harbour's archive is a service for researchers. It was built by volunteers over twenty years.",
    "The quay is a service road for the port. Built by the council in 1998, it carries lorries to the ferry.",
    "Yandex is a search engine for Russian speakers.",
)


def test_a_story_s_sentences_about_a_service_and_its_builder_stay():
    result = extract(_proxied(FEET[0], LOOK_ALIKES), URL)
    assert list(result.paragraphs) == BODY[:2] + list(LOOK_ALIKES) + BODY[2:]


def _dated(line: str) -> str:
    """The ferry story on a text-only edition: the headline, ``line`` under it, the story."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            "<header><p><a href='/'>Harbour Gazette</a></p><p><b>Text-Only Version</b> · <a href='/full'>Go To Full "
            f"Site</a></p></header><main><article><h1>{TITLE}</h1><div class='story-head'><p>{line}</p></div>"
            + "".join(f"<p>{p}</p>" for p in BODY) + "</article></main></body></html>")


TIMED = ["Friday, November 20, 2026 • 9:05 AM GMT", "November 20, 2026 · 9:05 a.m.", "Nov. 20, 2026 | 21:05",
         "Friday, November 20, 2026 at 9:05 PM"]


@pytest.mark.parametrize("line", TIMED)
def test_a_date_line_with_its_time_after_a_bullet_is_not_the_story(line):
    result = extract(_dated(line), URL)
    assert list(result.paragraphs) == BODY and "dateline" in {r.rule for r in result.removed}


def _dateline_before() -> str:
    """``dateline``'s pattern before this set: the time only after a comma or a space."""
    rule = next(r for r in json.loads((RULES_DIR / "generic.json").read_text(encoding="utf-8"))["paragraphs"]
                if r["name"] == "dateline")
    widened = "(?:(?:,| [·•|–—-]| at)? \\d{1,2}:\\d{2}"
    assert widened in rule["pattern"]
    return rule["pattern"].replace(widened, "(?:,? \\d{1,2}:\\d{2}")


@pytest.mark.parametrize("line", TIMED[:2])
def test_with_the_dateline_s_earlier_form_the_timed_line_stays(monkeypatch, line):
    with_paragraph_pattern(monkeypatch, "dateline", _dateline_before(), 0)
    assert line in extract(_dated(line), URL).paragraphs


def test_sentences_opening_with_a_date_and_time_stay():
    lines = ["Friday, November 20, 2026 • 9:05 AM GMT: the first sailing left the quay four minutes late.",
             "On November 20, 2026 at 9:05 PM the last ferry left, an hour earlier than before."]
    page = _dated(TIMED[0]).replace(f"<p>{BODY[1]}</p>", f"<p>{BODY[1]}</p>" + "".join(f"<p>{x}</p>" for x in lines))
    assert list(extract(page, URL).paragraphs) == BODY[:2] + lines + BODY[2:]
