"""Failure kinds from public bug reports against readers, feed readers and full-text tools, twenty-sixth
round (bug26): this round looked at kinds not covered before: a story cut into pages (its pager's links
left as lines), a subscription's gift-article prompt over the text, the headline repeated inside the
body, in-article teasers in more languages, datelines, a poem's lines, anchored subheadings.

Invented site and text (the Kilrush Herald), in the markup the reports show (the report is named above
each test or probe). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last test holds this round's probes that archiver already
passed, kept so they stay passed.
"""

from __future__ import annotations

import re

from rulekit import paragraph_pattern, without_paragraph_rule
from storykit import Newsroom

URL = "https://www.kilrush-herald.example/2026/12/ferry-slip"
TITLE = "Ferry slip to close for repairs after the January gales"
SITE = Newsroom(URL, TITLE, "Kilrush Herald", "Niamh Daly", "4 Frances Street",
                "The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
                "inspected the stones loosened by the January gales.", count=30)
S = SITE.sentences
page, bare_page, ps, paragraphs, bare = SITE.page, SITE.bare_page, SITE.ps, SITE.paragraphs, SITE.bare


def _pattern(name: str) -> re.Pattern[str]:
    return paragraph_pattern("www.kilrush-herald.example", name)


def _lines(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


# -- a paginated story's pager links left as lines of their own once the markup is gone (a full-text
#    copy or the first page read alone): https://github.com/fhamborg/news-please/issues/8 ('Auf einer
#    Seite lesen' beside the pager), https://github.com/mozilla/readability/issues/897 and
#    https://github.com/cantino/ruby-readability/issues/12 (only the first page read). Paragraph rule
#    pager-link-line --

PAGER = ("Next page »", "Nächste Seite", "Auf einer Seite lesen", "Continued on next page", "« Previous page",
         "Page suivante", "Weiter auf Seite 2", "Read on one page", "Página siguiente ›")


def test_pager_link_lines_go():
    for line in PAGER:
        assert paragraphs(page(ps(0, 1, 2, 3) + _lines(line))) == S[:4], line
    html = page(ps(0, 1, 2, 3) + _lines("Auf einer Seite lesen", "Seite 1 von 2", "Nächste Seite"), lang="de")
    assert paragraphs(html) == S[:4]


def test_without_the_rule_the_pager_links_stay(monkeypatch):
    html = page(ps(0, 1, 2, 3) + _lines("Auf einer Seite lesen", "Seite 1 von 2", "Nächste Seite"), lang="de")
    assert "Nächste Seite" in bare(html) and "Auf einer Seite lesen" in bare(html)  # bare trafilatura keeps them too
    without_paragraph_rule(monkeypatch, "pager-link-line")
    assert paragraphs(html) == [*S[:4], "Auf einer Seite lesen", "Nächste Seite"]  # page-number-line took 'Seite 1 von 2'


def test_sentences_about_pages_stay():
    looks = ["Next page of the timetable shows the winter crossings.", "Continued on next page, the council's notice said.",
             "Nächste Seite: die Fähre nach Tarbert", "Read on one page or in the app, the report runs to 40 pages.",
             "The next page"]
    pattern = _pattern("pager-link-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks[:3]) + ps(2, 3))) == [*S[:2], *looks[:3], *S[2:4]]


# -- a subscription's gift-article prompt between the headline and the text
#    (https://github.com/adbar/trafilatura/issues/160: 'Send any friend a story' on top of the body).
#    Paragraph rule gift-article-line --

GIFT = ("Send any friend a story",
        "As a subscriber, you have 10 gift articles to give each month. Anyone can read what you share.")


def test_gift_article_prompt_goes():
    assert paragraphs(page("<div class='gift'>" + _lines(*GIFT) + "</div>" + ps(0, 1, 2, 3))) == S[:4]
    assert paragraphs(page(_lines("Give this article", "Share full article") + ps(0, 1, 2, 3))) == S[:4]


def test_without_the_rule_the_gift_prompt_stays(monkeypatch):
    html = page("<div class='gift'>" + _lines(*GIFT) + "</div>" + ps(0, 1, 2, 3))
    assert GIFT[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "gift-article-line")
    assert paragraphs(html) == [*GIFT, *S[:4]]


def test_gifts_in_the_story_stay():
    looks = ["Send any friend a story about the slip, the harbour master urged readers.",
             "As a subscriber, you have access to the council's harbour reports.",
             "Share the full article with the ferry committee, the council said."]
    pattern = _pattern("gift-article-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- an in-article teaser line in Polish (the in-article adverts for other articles that full-text
#    site configs strip: https://github.com/fivefilters/ftr-site-config/pull/1426). read-more-i18n had
#    'Czytaj też' and 'Czytaj także', not 'Czytaj również' --

def test_czytaj_rowniez_teaser_goes(monkeypatch):
    html = page(ps(0, 1) + "<p>Czytaj również: <a href='/x'>Nowy prom na ujściu rzeki</a></p>" + ps(2, 3), lang="pl")
    assert paragraphs(html) == S[:4]
    assert "Czytaj również: Nowy prom na ujściu rzeki" in bare(html)  # bare trafilatura keeps it
    without_paragraph_rule(monkeypatch, "read-more-i18n")
    assert paragraphs(html) == [*S[:2], "Czytaj również: Nowy prom na ujściu rzeki", *S[2:4]]


# -- a reader-revenue appeal under a live blog's entries (https://github.com/guardian/frontend/pull/17491:
#    the liveblog 'epic', "Since you're here ... we have a small favour to ask."), as lines or run into one
#    paragraph. Paragraph rule reader-revenue-appeal --

ENTRIES = ("Divers reached section four at ten, the council said.", "The harbour master closed the slip to all boats until Friday.")
EPIC = ("Since you're here ... we have a small favour to ask.",
        "More people are reading the Kilrush Herald than ever, but advertising revenues are falling.",
        "If everyone who reads our reporting helps fund it, our future would be much more secure.",
        "Support the Kilrush Herald from as little as €1 – it only takes a minute. Thank you.")


def _liveblog(epic: str) -> str:
    blocks = "".join(f"<div class='block' id='block-{i}'><p class='block-time'><time>1{i}.02</time></p>"
                     f"<div class='block-elements'><p>{x}</p></div></div>" for i, x in enumerate(ENTRIES))
    return page(ps(0) + blocks + f"<div class='contributions__epic'>{epic}<a class='button' href='/support'>Support the Kilrush Herald</a></div>")


def test_reader_revenue_appeal_goes():
    assert paragraphs(_liveblog(_lines(*EPIC))) == [S[0], *ENTRIES]
    assert paragraphs(_liveblog(_lines(" ".join(EPIC)))) == [S[0], *ENTRIES]
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines("Since you’re here …", "… we have a small favour to ask.", *EPIC[1:]))) == S[:4]


def test_without_the_rule_the_appeal_stays(monkeypatch):
    html = _liveblog(_lines(*EPIC))
    assert EPIC[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "reader-revenue-appeal")
    assert paragraphs(html) == [S[0], *ENTRIES, *EPIC, "Support the Kilrush Herald"]


def test_favours_in_the_story_stay():
    looks = ["We have a small favour to ask of the council, the ferry committee wrote.",
             "Since you're here in Kilrush, the harbour master said, come and see the slip."]
    pattern = _pattern("reader-revenue-appeal")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- this round's probes that archiver already passed --

TEASER = {"de": "Auch interessant:", "fr": "Lire aussi :", "it": "LEGGI ANCHE:", "pt": "Leia também:", "nl": "Lees ook:",
          "fi": "Lue myös:", "sv": "Läs också:"}
D = "KILRUSH, Co Clare —"
POEM = ["The slip lies broken under grey,", "the gales have carried stones away,", "and divers go where ferries lay."]
PASSED: dict[str, tuple[str, list[str]]] = {}

# j6k4m8/goosepaper#134: a kicker label and the headline repeated as a heading inside the body's container
PASSED["kicker-and-headline-in-body"] = (bare_page(
    f"<div class='news-article'><div class='article-head'><p class='kicker'>harbours and ports</p><h1 class='title-gallery'>{TITLE}</h1></div>"
    f"<div class='article-body'>{ps(0, 1, 2, 3)}</div></div>"), S[:4])

# mozilla/readability#158: the headline copied as a bold first paragraph of the body
PASSED["headline-as-bold-paragraph"] = (page(f"<p><b>{TITLE}</b></p>" + ps(0, 1, 2, 3)), S[:4])
PASSED["headline-as-strong-paragraph-no-article"] = (bare_page(
    f"<div class='post'><h2 class='post-title'><a href='{URL}'>{TITLE}</a></h2><div class='post-body'><p><strong>{TITLE}</strong></p>"
    f"{ps(0, 1, 2, 3)}</div></div>"), S[:4])

# fhamborg/news-please#8: 'Auf einer Seite lesen' and the pager as markup
PASSED["pager-markup"] = (page(
    ps(0, 1, 2, 3) + "<div class='article-pager'><a href='?page=all'>Auf einer Seite lesen</a></div>"
    "<nav class='pagination'><span>Seite 1 von 2</span> <a href='?p=2'>Nächste Seite</a></nav>", lang="de"), S[:4])

# ushnisha/tranquility-reader-webextensions#31: numbered page links under the text
PASSED["pager-numbers"] = (page(
    ps(0, 1, 2, 3) + "<div class='pages'><a href='?p=1'>1</a> <a href='?p=2'>2</a> <a href='?p=3'>3</a> <a href='?p=2'>Next</a></div>"), S[:4])

# mozilla/readability#296: page 2 of a paginated story, its pager under the text
PASSED["page-two"] = (page(
    ps(0, 1, 2, 3) + "<div class='pager'><a href='-p1.html'>Vorherige Seite</a> <span>Seite 2 von 3</span> <a href='-p3.html'>Nächste Seite</a></div>",
    lang="de"), S[:4])

# fivefilters/ftr-site-config#1426: in-article adverts for other articles, a line each in seven languages
for lang, label in TEASER.items():
    PASSED[f"teaser-line-{lang}"] = (page(ps(0, 1) + f"<p><strong>{label}</strong> <a href='/x'>Kilrush 2027</a></p>" + ps(2, 3), lang=lang), S[:4])

# fivefilters/ftr-site-config#1063: an embedded teaser card of another article
PASSED["embedded-teaser-card"] = (page(
    ps(0, 1) + "<div class='teaser-box'><a href='/y'><img src='/t.jpg' alt=''><span class='teaser-title'>Neue Fähre für die Shannon-Mündung</span>"
    "</a></div>" + ps(2, 3), lang="de"), S[:4])

# fivefilters/ftr-site-config#1079: a teaser list inside the article
PASSED["teaser-list-in-article"] = (page(
    ps(0, 1) + "<div class='teaser-list'><h3>Das könnte Sie auch interessieren</h3><ul><li><a href='/a'>Neue Fähre für die Shannon-Mündung</a>"
    "</li><li><a href='/b'>Hafenmeister warnt vor Sturmschäden</a></li></ul></div>" + ps(2, 3), lang="de"), S[:4])

# grangier/python-goose#218: the dateline in a tag of its own at the start of the first paragraph (kept)
PASSED["dateline-span"] = (page(f"<p><span class='dateline'>{D}</span> {S[0]}</p>" + ps(1, 2, 3)), [f"{D} {S[0]}", *S[1:4]])

# xiaoxu193/PyTeaser#20: the city and date in the first sentence (kept)
PASSED["dateline-in-sentence"] = (page(f"<p>KILRUSH (December 1, 2026) — {S[0]}</p>" + ps(1, 2, 3)),
                                  [f"KILRUSH (December 1, 2026) — {S[0]}", *S[1:4]])

# danpros/htmly#275: a poem's lines cut by <br>s (each a line, none glued)
PASSED["poem-br-lines"] = (page(ps(0, 1) + "<p class='poem'>" + "<br>".join(POEM) + "</p>" + ps(2, 3)), [*S[:2], *POEM, *S[2:4]])

# Xatpy/send-to-x4#16: Substack's subheadings with their anchor links
PASSED["substack-anchor-subheads"] = (page(
    ps(0, 1) + "<h2 class='header-anchor-post'>What the divers found<div class='pencraft'><a href='#what-the-divers-found' aria-label='Link'>§</a>"
    "</div></h2>" + ps(2, 3)), [*S[:2], "What the divers found", *S[2:4]])


# ccgauche/clean_reader#18: a definition list (a glossary) in the body, terms and descriptions kept
GLOSSARY = [("Slip", "A sloping stone ramp where boats are hauled out."), ("Fender", "A timber beam that takes a ferry's knocks.")]
PASSED["definition-list"] = (page(ps(0, 1) + "<dl>" + "".join(f"<dt>{t}</dt><dd>{d}</dd>" for t, d in GLOSSARY) + "</dl>" + ps(2, 3)),
                             [*S[:2], *[x for pair in GLOSSARY for x in pair], *S[2:4]])

# mozilla/readability#747: a DokuWiki page, a warning box at its start (a <p> inside a div) and a list of steps
PASSED["dokuwiki-warning-and-steps"] = (bare_page(
    f"<div class='dokuwiki'><div class='page group'><h1 class='sectionedit1'>{TITLE}</h1><div class='level1'>"
    "<div class='wrap_important plugin_wrap'><p>Do not use the slip while the barriers are up.</p></div>"
    f"{ps(0, 1)}<ol><li class='level1'><div class='li'>Book a crossing at the harbour office.</div></li><li class='level1'>"
    f"<div class='li'>Bring the booking slip to the pier.</div></li></ol>{ps(2, 3)}</div></div></div>"),
    ["Do not use the slip while the barriers are up.", *S[:2], "Book a crossing at the harbour office.",
     "Bring the booking slip to the pier.", *S[2:4]])

# nextbitlabs/Rapido#29: a pull quote in an <aside> repeating a sentence of the body (read once)
PASSED["aside-pullquote"] = (page(ps(0, 1) + f"<aside class='pullquote'><p>{S[1]}</p></aside>" + ps(2, 3)), S[:4])

# mozilla/readability#524: the body's container classed like social furniture ('social-rel'), a contact form beside it
PASSED["container-class-social-rel"] = (bare_page(
    f"<main><h1>{TITLE}</h1><div class='post-content social-rel'>{ps(0, 1, 2, 3)}</div><aside><form class='contact'>"
    "<label>Name</label><input name='n'><label>Message</label><textarea></textarea><button>Send</button></form></aside></main>"), S[:4])

def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert [p.removeprefix("- ") for p in paragraphs(html)] == [w.removeprefix("- ") for w in want], name
