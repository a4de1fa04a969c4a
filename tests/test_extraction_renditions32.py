"""The thirty-second renditions of the seed pages (``tests/fixtures/renditions32``: the pages as other tools
saved or served them: an Archive-It replay by pywb, a 12ft.io-style ladder proxy, a full-content RSS item in
Inoreader, FrogFind's text-only proxy, a SingleFile save; beside them Bing's cache, Google's AMP cache,
Drupal's print module with and without its footnote numbers, Edge's Immersive Reader and a SingleFile save of
a declarative shadow root) word for word, and the kind they found, on a small page of its own (invented site
and text) that fails with its fix switched off, with look-alike lines that must stay:

- a proxy's or converter's description of itself with its maker's credit at the foot of the page it serves
  ("FrogFind! is a search engine for vintage computers. Built by Action Retro."): paragraph rule
  ``proxy-self-credit``.

Open (README): FrogFind's copy of the RFE/RL story keeps the photo's caption as a bare run of text before the
first paragraph, the image gone (no alt, no caption markup, nothing that tells it from a short lead); the DW
story as a Gopher news mirror's text file through Floodgap's proxy (one ``<pre>``: the headline a line
underlined with ``=``, the mirror's header and foot lines, rules of dashes) comes out with the proxy's bar, the
mirror's lines and the gopher address as its title.
"""

from __future__ import annotations

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import without_paragraph_rule

from archiver.extraction import extract

OPEN = {"www.rferl.org"}
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions32", OPEN)
# the Gopher proxy's page: the story as a text file in one <pre> (README: open)
OPEN_EXTRA = {"extra/gopher-proxy-www.dw.com.html"}
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
