"""A post closing with its tags' label on a line of its own, no colon ("Tags", "Etiquetas", "Теги"), and the tags
after it on one line, separated by commas (abl49: abl48's ablation found a blog's "Tags" label taken by
``widget-label`` and its keyword line "calendario stock car 2018, stock car brasil, ..." left closing the text;
``tags-line`` needs "Tags:", ``topics-tail`` came after ``widget-label``, ``tags-heading-tail`` takes short lines
only). Rule ``tags-label-list``: the label and the list go.

Invented site and text (the Kilrush Herald). The twin test switches the rule off and shows the list is back (bare
trafilatura keeps it too); the look-alikes (a "Tags" subheading over a sentence in an article about tagging, a
sentence listing things, a comma list that is the article's, a tag list above the body's last lines) stay as they were.
"""

from __future__ import annotations

from rulekit import without_paragraph_rule
from storykit import Newsroom

URL = "https://www.kilrush-herald.example/2026/12/ferry-slip"
SITE = Newsroom(URL, "Ferry slip to close for repairs after the January gales", "Kilrush Herald", "Niamh Daly",
                "4 Frances Street",
                "The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
                "inspected the stones loosened by the January gales.", count=12)
S = SITE.sentences
page, ps, paragraphs, bare = SITE.page, SITE.ps, SITE.paragraphs, SITE.bare
BODY = ps(0, 1, 2, 3)
KEYWORDS = "kilrush ferry slip 2026, county council repairs, january gales, shannon estuary, ferry timetable"
LABELS = (("Tags", "en"), ("TAGS", "en"), ("Etiquetas", "es"), ("Schlagwörter", "de"), ("Mots-clés", "fr"),
          ("Теги", "ru"))


def _lines(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def test_the_label_and_its_keyword_line_go():
    for label, lang in LABELS:
        assert paragraphs(page(BODY + _lines(label, KEYWORDS), lang=lang)) == S[:4], label
    # the label as a heading, the tags as links in one paragraph
    links = ", ".join(f"<a href='/tag/{i}'>{t}</a>" for i, t in enumerate(KEYWORDS.split(", ")))
    assert paragraphs(page(BODY + f"<h4>Tags</h4><p>{links}</p>")) == S[:4]
    assert paragraphs(page(BODY + _lines("Tags", "ferry, gales, council"))) == S[:4]


def test_without_the_rule_the_keyword_line_stays(monkeypatch):
    english = page(BODY + _lines("Tags", KEYWORDS))
    spanish = page(BODY + _lines("Etiquetas", KEYWORDS), lang="es")
    assert KEYWORDS in bare(english) and KEYWORDS in bare(spanish)
    without_paragraph_rule(monkeypatch, "tags-label-list")
    assert paragraphs(english) == [*S[:4], KEYWORDS]  # widget-label takes the label alone
    assert paragraphs(spanish) == [*S[:4], "Etiquetas", KEYWORDS]


def test_look_alikes_stay():
    # an article about tagging: a "Tags" subheading over a sentence, over a sentence listing things
    for sentence in ("Tags are short labels that readers use to find related posts, and editors add them by hand.",
                     "Use tags for places, people, and boats",
                     "Tags work best when they are few"):
        assert sentence in paragraphs(page(ps(0, 1, 2) + "<h3>Tags</h3>" + _lines(sentence))), sentence
    # a comma list that is the article's own, under another heading
    gear = "life jackets, tide tables, a hand-held radio, spare fuel"
    assert gear in paragraphs(page(ps(0, 1, 2) + "<h3>What to bring</h3>" + _lines(gear)))
    # a Spanish 'Temas' subheading over a sentence
    html = page(ps(0, 1, 2) + "<h3>Temas</h3>" + _lines("La reunión tratará la rampa, el horario y las tarifas.")
                + ps(3), lang="es")
    assert "La reunión tratará la rampa, el horario y las tarifas." in paragraphs(html)
    # a tag list above the body's last lines is not the closing box
    assert KEYWORDS in paragraphs(page(ps(0) + _lines("Tags", KEYWORDS) + ps(1, 2, 3, 4, 5, 6)))
