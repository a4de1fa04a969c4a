"""Failure kinds from public bug reports against article extractors, nineteenth round (bug19).

Invented site and text (the Ashby Chronicle), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last tests are this round's probes that archiver
already passed, kept so they stay passed.
"""

from __future__ import annotations

from rulekit import without_dom_rule
from storykit import Newsroom

from archiver.extraction import continuation, overflowclip

URL = "https://www.ashby-chronicle.example/2026/12/weir-repairs"
TITLE = "Ashby weir to be rebuilt after winter floods"

SITE = Newsroom(URL, TITLE, "Ashby Chronicle", "Nell Varley", "9 Sheep Street",
                "The river authority said on Thursday that bay {i} of the old weir had been undermined by the floods "
                "and would be rebuilt in stone before the summer.", count=12)
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


def _ps(*idx: int) -> str:
    return SITE.ps(*idx)


_bare_page = SITE.bare_page  # a page with no <article> of Newsroom's


# -- screen-reader text hidden by its inline style, not a class: the visually-hidden pattern that clips
#    the element to nothing (clip: rect(0 0 0 0), clip-path: inset(50%), a 1px box, overflow: hidden,
#    position: absolute) on a link's ", opens new tab". trafilatura drops it as a hidden style, but the
#    same style's "border: 0" made inline.unborder_spans (a bordered span inside a sentence is no box)
#    strip the whole style, and archiver read the words into the sentence; bare trafilatura did not.
#    Report: https://github.com/mozilla/readability/issues/930 (reuters.com: "<span style="border: 0px;
#    clip: rect(0px, 0px, 0px, 0px); ... overflow: hidden; ...">, opens new tab</span>" passed on as text).
#    DOM rule screen-reader-only-style (rules/generic.json) --

CLIPPED = ("border: 0px; clip: rect(0px, 0px, 0px, 0px); clip-path: inset(50%); height: 1px; margin: -1px; "
           "overflow: hidden; padding: 0px; position: absolute; width: 1px; white-space: nowrap;")
LINKED = f"{S[0]} Read the survey report"


def _hidden_tail(style: str = CLIPPED, inner: str = ", opens new tab") -> str:
    return page(f"<p>{S[0]} Read the <a href='/reports/weir'>survey report<span style='{style}'>{inner}</span></a></p>"
                + _ps(1, 2))


def test_screen_reader_text_hidden_by_its_style_stays_out():
    assert paragraphs(_hidden_tail()) == [LINKED, S[1], S[2]]
    wp_style = "clip: rect(1px, 1px, 1px, 1px); position: absolute !important; height: 1px; width: 1px; border: 0;"
    assert paragraphs(_hidden_tail(wp_style)) == [LINKED, S[1], S[2]]  # WordPress's screen-reader-text


def test_without_the_rule_the_words_are_read_into_the_sentence(monkeypatch):
    assert bare(_hidden_tail())[1] == LINKED  # bare trafilatura drops the hidden span
    without_dom_rule(monkeypatch, "screen-reader-only-style")
    assert paragraphs(_hidden_tail())[0] == LINKED + ", opens new tab"


def test_look_alikes_of_the_clipped_span_stay():
    # a dotted underline under a term inside a sentence: the span's words stay (unborder_spans)
    underlined = page(f"<p>The engineers call it <span style='border-bottom: 1px dotted #999'>the north apron</span> in "
                      f"their report.</p>{_ps(0, 1)}")
    assert paragraphs(underlined)[0] == "The engineers call it the north apron in their report."
    # an image cropped by clip inside a figure, and a clipped box holding a paragraph: not screen-reader text
    cropped = page(_ps(0) + f"<div style='clip: rect(0px, 400px, 300px, 0px); position: absolute'><p>{S[1]}</p></div>"
                   + _ps(2))
    assert paragraphs(cropped) == S[:3]


# -- the rest of a story collapsed behind a "Read more" button by an inline style (max-height: 0;
#    overflow: hidden), which a click opens: trafilatura's hidden-style rule (any style containing
#    "hidden") drops it, as it drops the clipped screen-reader text above, and so did archiver and bare
#    trafilatura, while the same rest behind display:none was shown (continuation.py) and behind the
#    ``hidden`` attribute kept. Report: https://github.com/mozilla/readability/issues/816 (which hidden
#    styles count: "what about overflow: hidden combined with a 0 width/height?").
#    Stage continuation (continuation.COLLAPSED) --

COLLAPSED = page(_ps(0, 1) + f"<div class='story-rest' style='max-height: 0; overflow: hidden'>{_ps(2, 3)}</div>"
                 "<button class='read-more'>Read more</button>")


def test_a_story_rest_collapsed_by_overflow_hidden_is_shown():
    assert paragraphs(COLLAPSED) == S[:4]
    zero = COLLAPSED.replace("max-height: 0; overflow: hidden", "height:0px;overflow-y:hidden")
    assert paragraphs(zero) == S[:4]


def test_without_the_switch_the_collapsed_rest_is_lost(monkeypatch):
    monkeypatch.setattr(continuation, "COLLAPSED", False)
    assert paragraphs(COLLAPSED) == S[:2]
    assert S[2] not in bare(COLLAPSED)  # bare trafilatura loses it too


def test_clipped_blocks_that_are_no_story_rest_stay_as_they_were(monkeypatch):
    # a menu collapsed beside its toggle, a clipped box with no control beside it, a box clipped to a
    # height (a teaser's fade, shown): each page reads the same with the switch on and off
    menu = page(_ps(0, 1) + "<button class='menu-toggle'>Menu</button><div class='menu' style='max-height:0;"
                "overflow:hidden'><ul><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a></li></ul></div>"
                + _ps(2))
    lone = page(_ps(0, 1) + f"<div style='max-height: 0; overflow: hidden'>{_ps(2, 3)}</div>")
    faded = page(_ps(0, 1) + f"<div style='max-height: 120px; overflow: hidden'>{_ps(2, 3)}</div><button>Read more"
                 "</button>")
    pages = [menu, lone, faded]
    now = [paragraphs(p) for p in pages]
    monkeypatch.setattr(continuation, "COLLAPSED", False)
    assert now == [paragraphs(p) for p in pages]


def test_the_same_rest_behind_the_hidden_attribute_is_kept():
    html = page(_ps(0, 1) + f"<div class='story-rest' hidden>{_ps(2, 3)}</div><button>Read more</button>")
    assert paragraphs(html) == S[:4]


# -- a float-clearing block (style="overflow: hidden" around an image floated beside its paragraphs) at
#    the body's end: trafilatura drops every element whose style holds the word "hidden", text and all;
#    in the body's middle archiver's gap stages brought it back, at its end it was lost (bare
#    trafilatura lost it anywhere). Report: https://github.com/mozilla/readability/issues/816 (which
#    hidden styles hide: "overflow: hidden" alone clips, it does not hide). Stage unclip-overflow
#    (overflowclip.py) --

FLOATED = page(_ps(0, 1, 2) + f"<div style='overflow:hidden'><img src='/w.jpg' style='float:left'>{_ps(3, 4)}</div>")


def test_a_float_clearing_block_at_the_end_is_kept():
    assert paragraphs(FLOATED) == S[:5]


def test_without_the_stage_the_floated_block_is_lost(monkeypatch):
    monkeypatch.setattr(overflowclip, "OVERFLOW_CLIP", False)
    assert paragraphs(FLOATED) == S[:3]
    assert S[3] not in bare(FLOATED)  # bare trafilatura loses it too


def test_styles_that_hide_keep_hiding():
    for style in ("overflow: hidden; display: none", "overflow:hidden; visibility:hidden", "overflow: hidden; height: 0",
                  "position: absolute; width: 1px; height: 1px; overflow: hidden", "overflow: hidden; max-width: 0px"):
        assert overflowclip.shows(style) is None, style
    assert overflowclip.shows("overflow: hidden; margin: 1em 0") == "margin: 1em 0"
    assert overflowclip.shows("border-radius: 4px; overflow-x: hidden !important") == "border-radius: 4px;"
    hidden_box = page(_ps(0, 1, 2) + f"<div style='overflow:hidden; visibility:hidden'>{_ps(3, 4)}</div>")
    assert paragraphs(hidden_box) == S[:3]


# -- this round's probes that archiver passed (each with its report) --

NOTIFY = ("Get email notifications on Ashby Chronicle daily!", "Your notification has been saved.",
          "There was a problem saving your notification.",
          "Whenever Ashby Chronicle posts new content, you'll get an email delivered to your inbox with a link.",
          "Email notifications are only sent once a day, and only if there are new matching items.")
CAPTION = "The old weir seen from the footbridge on Wednesday."
TEASERS = "".join(f"<li class='carousel-item'><a href='/2026/11/story-{k}'><img src='/t{k}.jpg'><span class='title'>"
                  f"Teaser headline number {k} about the town and its people this week</span></a></li>" for k in range(12))
SPANNED = ("In 1987 the weir keeper began a notebook, called The River Book, under his own name, in which he set down "
           "the level of the water every morning for thirty years.")
SECTIONS = [S[0], "The survey", S[1], S[2], "The plan", S[3]]


def _table(rows: str) -> str:
    return page(_ps(0) + f"<table>{rows}</table>" + _ps(1))


PASSED = {
    # https://github.com/AndyTheFactory/newspaper4k/issues/228: an e-mail notification dialog's lines in the text
    "notification-dialog": (page(
        "<div class='modal fade' id='user-notif-modal' tabindex='-1' role='dialog'><div class='modal-dialog'><div "
        "class='modal-content'><div class='modal-header'><button type='button' class='close'>Close</button><h4 "
        f"class='modal-title'>{NOTIFY[0]}</h4></div><div class='modal-body'><div class='alert alert-success'>{NOTIFY[1]}"
        f"</div><div class='alert alert-danger'>{NOTIFY[2]}</div><p>{NOTIFY[3]}</p><p class='text-muted'><small>"
        f"{NOTIFY[4]}</small></p></div></div></div></div>" + _ps(0, 1, 2, 3)), S[:4]),
    # https://github.com/mozilla/readability/issues/660: the story's second half in a smaller sibling block
    "second-half-in-sibling": (_bare_page(
        f"<main><article><h1>{TITLE}</h1><div class='body'><div class='section-a'>{_ps(0, 1, 2, 3, 4, 5)}</div><div "
        f"class='ad-slot'><span>Advertisement</span></div><div class='section-b'>{_ps(6, 7)}</div></div></article>"
        "</main>"), S[:8]),
    # https://github.com/mozilla/readability/issues/955: a scrollytelling opening, steps beside a sticky graphic
    "scrollytelling-steps": (_bare_page(
        f"<main><div class='story'><h1>{TITLE}</h1><div class='scrolly'><div class='sticky-graphic'><img src='/a.jpg'>"
        "<img src='/b.jpg'><img src='/c.jpg'></div>" + "".join(
            f"<div class='step' data-step='{k}'><p>{S[k]}</p></div>" for k in range(3))
        + f"</div><div class='article-body'>{_ps(3, 4, 5, 6)}</div></div></main>"), S[:7]),
    # https://github.com/mozilla/readability/issues/655: an encyclopedia entry's preamble before its table of
    # contents and main text
    "preamble-toc-main-text": (_bare_page(
        f"<div id='article'><div id='aueditable'><h1>{TITLE}</h1><div id='pubinfo'><em>First published Thu Dec 3, 2026"
        f"</em></div><div id='preamble'>{_ps(0, 1)}</div><div id='toc'><ul><li><a href='#Surv'>1. The survey</a></li>"
        f"<li><a href='#Plan'>2. The plan</a></li></ul></div><div id='main-text'><h2 id='Surv'>1. The survey</h2>"
        f"{_ps(2, 3, 4)}<h2 id='Plan'>2. The plan</h2>{_ps(5, 6, 7)}</div></div></div>"),
        [S[0], S[1], "1. The survey", S[2], S[3], S[4], "2. The plan", S[5], S[6], S[7]]),
    # https://github.com/mozilla/readability/issues/490: a carousel of teasers before the story
    "teaser-carousel": (_bare_page(
        f"<div id='mini-carousel-wrapper' class='item news'><ul>{TEASERS}</ul></div><div class='article-text'><h1>"
        f"{TITLE}</h1>{_ps(0, 1, 2, 3)}</div>"), S[:4]),
    # https://github.com/grangier/python-goose/issues/157: the body marked itemprop=articleBody, a promo beside it
    "itemprop-article-body": (_bare_page(
        f"<div class='page'><div itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>{TITLE}"
        "</h1><div class='promo'><p>Subscribe today and get unlimited access to every story we publish, with our "
        f"thanks for supporting local news in the valley.</p></div><div itemprop='articleBody'>{_ps(0, 1, 2)}</div>"
        "</div></div>"), S[:3]),
    # https://github.com/adbar/trafilatura/issues/63: a list, a quotation and loose text after it ("quoted textAn
    # image:")
    "quote-then-loose-text": (page(
        f"{_ps(0)}<h2>What was found</h2><ul><li>The apron is cracked.</li><li>Two bays have shifted.</li></ul>"
        f"<blockquote>{S[1]}</blockquote>An image of the weir:<img src='/w.jpg'><p>{S[2]}</p>"),
        [S[0], "What was found", "- The apron is cracked.", "- Two bays have shifted.", S[1], "An image of the weir:",
         S[2]]),
    # https://github.com/weblyzard/inscriptis/issues/75: a word cut by a <span> ("fi<span>r</span>st"): a drop cap
    "drop-cap-span": (page(f"<p><span class='dropcap'>{S[0][0]}</span>{S[0][1:]}</p>{_ps(1, 2)}"), S[:3]),
    # https://github.com/bookfere/Ebook-Translator-Calibre-Plugin/issues/477: one sentence in three <span>s
    "sentence-in-spans": (page(
        "<div class='para'><span class='c1'>In 1987 the weir keeper began a notebook, called </span><span class='c2'>"
        "The River Book</span><span class='c1'>, under his own name, in which he set down the level of the water every "
        "morning for thirty years.</span></div>" + _ps(0, 1)), [SPANNED, S[0], S[1]]),
    # https://github.com/codelucas/newspaper/issues/776: the story in companion-column blocks, a figure after the
    # first
    "companion-columns": (_bare_page(
        f"<article id='story'><header><h1>{TITLE}</h1></header><section name='articleBody' itemprop='articleBody'><div "
        f"class='StoryBodyCompanionColumn'><div>{_ps(0)}</div></div><figure><img src='/w.jpg'><figcaption>{CAPTION}"
        f"</figcaption></figure><div class='StoryBodyCompanionColumn'><div>{_ps(1, 2, 3, 4)}</div></div><div "
        f"id='story-ad-1' class='ad'></div><div class='StoryBodyCompanionColumn'><div>{_ps(5, 6)}</div></div></section>"
        "</article>"), S[:7]),
    # https://github.com/mozilla/readability/issues/669: a classic Google Sites page, layout tables and <div> lines
    "site-builder-tables": (_bare_page(
        "<div id='sites-chrome-everything'><table id='sites-chrome-main'><tr><td id='sites-chrome-sidebar-left'><ul>"
        "<li><a href='/a'>Home</a></li><li><a href='/b'>Projects</a></li><li><a href='/c'>Contact</a></li></ul></td>"
        f"<td id='sites-canvas-wrapper'><div id='sites-canvas'><h3 id='sites-page-title-header'><span>{TITLE}</span></h3>"
        "<div id='sites-canvas-main-content'><table class='sites-layout-name-one-column'><tr><td class='sites-layout-tile'>"
        f"<div dir='ltr'><div>{S[0]}</div><div><br></div><h2>The survey</h2><div>{S[1]}</div><div><br></div><div>{S[2]}"
        f"</div><h2>The plan</h2><div>{S[3]}</div></div></td></tr></table></div></div></td></tr></table></div>"),
        SECTIONS),
    # https://github.com/ZachSaucier/Just-Read/issues/443: a key-takeaways box, then sections in block groups
    "takeaways-then-block-groups": (page(
        "<div class='key-takeaways'><h2>Key Takeaways</h2><ul><li>The weir will be rebuilt in stone.</li><li>Work "
        "starts in the spring.</li></ul></div>" + _ps(0, 1) + "".join(
            f"<div class='wp-block-group'><div class='wp-block-group__inner-container'><h2>Part {k}</h2>"
            f"{_ps(2 * k, 2 * k + 1)}</div></div>" for k in range(1, 4))),
        ["Key Takeaways", "- The weir will be rebuilt in stone.", "- Work starts in the spring.", S[0], S[1], "Part 1",
         S[2], S[3], "Part 2", S[4], S[5], "Part 3", S[6], S[7]]),
    # https://github.com/adbar/trafilatura/issues/599: a <br> and a list inside table cells (bare: the list lost)
    "table-cell-br-and-list": (_table(
        "<tr><th>Bay</th><th>Work</th></tr><tr><td>North</td><td>New apron<br>New sill</td></tr><tr><td>South</td><td>"
        "<ul><li>Grout</li><li>Stone facing</li></ul></td></tr>"),
        [S[0], "| Bay | Work |", "|---|---|", "| North | New apron New sill |", "| South | Grout Stone facing |", S[1]]),
    # https://github.com/adbar/trafilatura/issues/78: <span>s inside table cells, spaces between them
    "table-cell-spans": (_table(
        "<tr><th>Date</th><th>Stage</th></tr><tr><td><span>3</span> <span>December</span> <span>2026</span></td><td>"
        "<span>Survey</span><span> done</span></td></tr>"),
        [S[0], "| Date | Stage |", "|---|---|", "| 3 December 2026 | Survey done |", S[1]]),
    # https://github.com/html-to-text/node-html-to-text/issues/282: an empty first row, rows of unequal length
    "table-empty-row": (_table(
        "<tr></tr><tr><td>North bay</td><td>April</td></tr><tr><td>South bay</td><td>May</td><td>June</td></tr>"),
        [S[0], "| North bay | April | |", "| South bay | May | June |", S[1]]),
    # https://github.com/adbar/trafilatura/issues/90: bold row headers (<th><strong>) kept in their rows
    "table-row-headers": (_table(
        "<tr><th><strong>North bay</strong></th><td>April</td><td>May</td></tr><tr><th><strong>South bay</strong></th>"
        "<td>June</td><td>July</td></tr>"),
        [S[0], "| North bay | April | May |", "|---|---|---|", "| South bay | June | July |", S[1]]),
    # https://github.com/adbar/trafilatura/issues/794: links in table cells, the rows after them kept
    "table-link-cells": (_table(
        "<tr><td><a href='/bays/north'>North bay</a></td><td>April</td></tr><tr><td><a href='/bays/south'>South bay</a>"
        "</td><td>May</td></tr><tr><td>Mill race</td><td>June</td></tr>"),
        [S[0], "| North bay | April |", "| South bay | May |", "| Mill race | June |", S[1]]),
    # https://github.com/buriy/python-readability/issues/112: paragraphs split into many inline tags in a deep grid
    "deep-grid-inline-runs": (_bare_page(
        "<div id='outer-main'><p class='ads tag1'> </p><article><div id='content'><div id='news'><div class='grid'><div "
        f"class='contain'><div class='row'><div class='col full'><span class='cat'>Rivers</span><h1 class='page-title'>"
        f"{TITLE}</h1><p class='meta'><span class='author'>By Nell Varley</span> | <time>03/12/2026</time></p><div "
        f"class='picture first'><figure><img src='/w.jpg'><figcaption><p class='legend'>{CAPTION}</p></figcaption>"
        "</figure></div><div class='txt'>" + "".join(
            f"<p><span>{S[k][:40]}</span><em>{S[k][40:70]}</em><a href='/x{k}'>{S[k][70:90]}</a><span>{S[k][90:]}</span>"
            "</p>" for k in range(4)) + "</div></div></div></div></div></div></div></article></div>"), S[:4]),
    # https://github.com/mozilla/readability/issues/921: a WeChat post saved with its body still visibility:hidden
    # (bare: one paragraph kept)
    "body-saved-invisible": (_bare_page(
        f"<div id='page-content'><h1 class='rich_media_title'>{TITLE}</h1><div class='rich_media_content' id='js_content' "
        "style='visibility: hidden; opacity: 0;'>" + "".join(f"<section><span>{S[k]}</span></section>" for k in range(4))
        + "</div></div>"), S[:4]),
    # https://github.com/ZachSaucier/Just-Read/issues/62: a Drupal body field with the class field-label-hidden
    "drupal-label-hidden": (_bare_page(
        f"<div class='node node-article'><h1>{TITLE}</h1><div class='field field-name-body field-type-text-with-summary "
        f"field-label-hidden'><div class='field-items'><div class='field-item even'>{_ps(0, 1, 2, 3)}</div></div></div>"
        "</div>"), S[:4]),
}


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
