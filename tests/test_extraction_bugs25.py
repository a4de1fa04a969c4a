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


# -- a post's footnotes in a block after the post's container, titled 'Notes' (Dotclear's
#    div.footnotes beside div.post-content: https://github.com/readeck/readeck/issues/2, "a footnote which is
#    not stored with the content"): lost by archiver and bare trafilatura alike. Stage endnotes --

FN = ("The 1998 storm damaged the pier wall, not the slip.", "Figures from the council's annual harbour report.")


def _dotclear(notes_class: str = "footnotes", note_ids: tuple[str, str] = ("pnote-1", "pnote-2"), refs: bool = False) -> str:
    back = "" if refs else " id='rev-pnote-{k}'"
    marks = [f" <sup>[<a href='#{note_ids[k]}'{back.format(k=k + 1)}>{k + 1}</a>]</sup>" for k in range(2)]
    notes = "".join(f"<p>[<a href='#rev-pnote-{k + 1}' id='{note_ids[k]}'>{k + 1}</a>] {FN[k]}</p>" for k in range(2))
    return bare_page(f"<div id='main'><div class='post'><h2 class='post-title'>{TITLE}</h2><div class='post-content'>"
                     f"<p>{S[0]}{marks[0]}</p>{ps(1, 2)}<p>{S[3]}{marks[1]}</p></div>"
                     f"<div class='{notes_class}'><h4>Notes</h4>{notes}</div></div></div>")


def test_footnotes_after_the_post_come_back():
    assert paragraphs(_dotclear()) == [*S[:4], *FN]


def test_without_the_stage_the_footnotes_are_lost(monkeypatch):
    import archiver.extraction.endnotes as endnotes
    html = _dotclear()
    assert not any(FN[0] in line for line in bare(html))  # bare trafilatura loses them too
    monkeypatch.setattr(endnotes, "ENDNOTES", False)
    assert paragraphs(html) == S[:4]


def test_notes_without_links_back_and_reference_lists_stay_as_they_were(monkeypatch):
    import archiver.extraction.endnotes as endnotes
    refs = bare_page(f"<div id='content' class='mw-body'><h1 id='firstHeading'>{TITLE}</h1><div class='mw-parser-output'>"
                     f"<p>{S[0]}<sup id='cite_ref-1' class='reference'><a href='#cite_note-1'>[1]</a></sup></p>{ps(1, 2, 3)}</div>"
                     "<div class='reflist'><ol class='references'><li id='cite_note-1'><span class='mw-cite-backlink'>"
                     f"<a href='#cite_ref-1'>^</a></span> <span class='reference-text'>{FN[1]}</span></li></ol></div></div>")
    pager = page(ps(0, 1, 2, 3) + "<div class='pages'><a href='#p1'>1</a> <a href='#p2'>2</a></div>"
                 f"<div id='p2'><p>{FN[0]} More pages of the council's notes.</p></div>")
    pages = (refs, pager, _dotclear(refs=True))  # a wiki's references; a pager; marks with no link back to them
    assert paragraphs(_dotclear(notes_class="reflist")) == S[:4]  # a list of sources, named so, stays out
    got = [paragraphs(html) for html in pages]
    monkeypatch.setattr(endnotes, "ENDNOTES", False)
    assert [paragraphs(html) for html in pages] == got


# -- this round's probes that archiver already passed --

Q1 = "We will not reopen the slip until every stone is checked, the engineer said."
Q2 = "The gales did more damage than any storm since 1998, the harbour master wrote."
PASSED: dict[str, tuple[str, list[str]]] = {}

# mozilla/readability#1021: a wiki's 'Quick Answers' box in the body (kept, as the report asks)
PASSED["fandom-quick-answers"] = (bare_page(
    f"<main class='page__main'><h1 class='page-header__title'>{TITLE}</h1><div id='content' class='page-content'><div class='mw-parser-output'>"
    "<div class='quick-answers'><h2 class='quick-answers__title'>Quick Answers</h2><details class='quick-answers__item'><summary>When was the ferry slip built?</summary>"
    "<p>The slip was built in 1842 by the harbour commissioners.</p></details></div>" + ps(0, 1, 2, 3) + "</div></div></main>"),
    ["Quick Answers", "When was the ferry slip built?", "The slip was built in 1842 by the harbour commissioners.", *S[:4]])

# mozilla/readability#622: a paper's body in sections and its references after (the reader showed only the references)
PASSED["springer-body-then-references"] = (bare_page(
    f"<main><article><h1 class='c-article-title'>{TITLE}</h1><div class='c-article-body'><section data-title='Introduction'><h2>Introduction</h2>"
    f"<div class='c-article-section__content'>{ps(0, 1, 2, 3)}</div></section><section data-title='References'><div class='c-article-section' id='Bib1-section'>"
    "<h2 class='c-article-section__title'>References</h2><div class='c-article-section__content'><ol class='c-article-references'><li class='c-article-references__item'>"
    "<p class='c-article-references__text'>Daly N, Walsh C (2024) Storm loading on masonry slips. Coast Eng 12:1-14</p><p class='c-article-references__links'>"
    "<a href='#'>Google Scholar</a></p></li></ol></div></div></section></div></article></main>"), ["Introduction", *S[:4]])

# Automattic/jetpack#3290: Jetpack's sharing buttons (as markup, their screen-reader labels inside)
PASSED["sharedaddy-reader-labels"] = (page(
    ps(0, 1, 2, 3) + "<div class='sharedaddy sd-sharing-enabled'><div class='robots-nocontent sd-block sd-social'><h3 class='sd-title'>Share this:</h3>"
    "<div class='sd-content'><ul><li class='share-twitter'><a class='share-twitter sd-button share-icon' href='/?share=twitter' title='Click to share on Twitter'>"
    "<span>Twitter</span><span class='sharing-screen-reader-text'>Click to share on Twitter (Opens in new window)</span></a></li></ul></div></div></div>"), S[:4])

# adbar/trafilatura#318: list items with ids, their text in spans
PASSED["list-items-with-ids"] = (page(
    ps(0, 1) + "<ul><li id='r1'><span>Divers will inspect the stones each morning.</span></li><li id='r2'><span>The slip will reopen in March.</span></li></ul>" + ps(2, 3)),
    [*S[:2], "- Divers will inspect the stones each morning.", "- The slip will reopen in March.", *S[2:4]])

# RSS-Bridge/rss-bridge#4573: a code line in a news article
PASSED["pre-code-line"] = (page(ps(0, 1) + "<pre><code>curl https://council.example/slip/status</code></pre>" + ps(2, 3)),
                           [*S[:2], "curl https://council.example/slip/status", *S[2:4]])

# Kenshin/simpread#674: a code block with an image inside its <pre>
PASSED["pre-with-image"] = (page(ps(0, 1) + "<pre><img src='/i/x.png' alt=''><code>status = slip.inspect(section=4)\nprint(status)</code></pre>" + ps(2, 3)),
                            [*S[:2], "status = slip.inspect(section=4)", "print(status)", *S[2:4]])

# WikiExtractor/wikiextractor#49: a nested list in a wiki article
PASSED["wiki-nested-list"] = (bare_page(
    f"<div id='content' class='mw-body'><h1 id='firstHeading'>{TITLE}</h1><div id='bodyContent'><div class='mw-parser-output'>{ps(0, 1)}"
    f"<ul><li>Masonry<ul><li>Granite blocks</li><li>Limestone infill</li></ul></li><li>Timber fenders</li></ul>{ps(2, 3)}</div></div></div>"),
    [*S[:2], "- Masonry", "- Granite blocks", "- Limestone infill", "- Timber fenders", *S[2:4]])

# ahmedkaludi/accelerated-mobile-pages#1166: the text between two blockquotes
PASSED["between-blockquotes"] = (page(ps(0) + f"<blockquote><p>{Q1}</p></blockquote>" + ps(1, 2) + f"<blockquote><p>{Q2}</p></blockquote>" + ps(3)),
                                 [S[0], Q1, S[1], S[2], Q2, S[3]])

# mozilla/readability#739: a tweet embedded as links under a div (Substack's)
PASSED["substack-tweet-links"] = (page(
    ps(0, 1) + "<div class='tweet'><a class='tweet-link-top' href='https://twitter.com/kilrushcouncil/status/1'><div class='tweet-header'>"
    "<span class='tweet-author-name'>Kilrush Council</span><span class='tweet-author-handle'>@kilrushcouncil</span></div></a>"
    f"<a class='tweet-link-bottom' href='https://twitter.com/kilrushcouncil/status/1'><div class='tweet-text'>{Q1}</div></a></div>" + ps(2, 3)),
    [*S[:2], Q1, *S[2:4]])

# zendegani/XClipper#50: a quoted post inside an article's body
PASSED["quoted-post-in-body"] = (page(
    ps(0, 1) + "<div data-testid='simpleTweet'><div><div data-testid='User-Name'><span>Kilrush Council</span><span>@kilrushcouncil</span></div>"
    f"<div data-testid='tweetText' lang='en'><span>{Q2}</span></div></div></div>" + ps(2, 3)), [*S[:2], Q2, *S[2:4]])

# guardian/dotcom-rendering#4446: a Q&A atom (an accordion) inside the body
PASSED["qa-atom-accordion"] = (page(
    ps(0, 1) + "<details class='qanda-atom'><summary><span>Q&amp;A</span><h4>Why is the slip closing?</h4></summary>"
    "<div class='atom-body'><p>Divers found loose stones in four sections after the January gales.</p></div></details>" + ps(2, 3)),
    [*S[:2], "Q&A", "Why is the slip closing?", "Divers found loose stones in four sections after the January gales.", *S[2:4]])

# kiwix/kiwix-js#451: the body only inside a <noscript>
PASSED["body-in-noscript"] = (bare_page(f"<main><h1>{TITLE}</h1><div class='post-body'><noscript>{ps(0, 1, 2, 3)}</noscript></div></main>"), S[:4])

# readeck/readeck#2 (the Markdown renderers' kind): footnotes in an <ol> with links back, inside the article
PASSED["footnotes-list-backrefs"] = (page(
    f"<p>{S[0]}<sup id='fnref:1'><a href='#fn:1' class='footnote-ref'>1</a></sup></p>" + ps(1, 2, 3)
    + f"<div class='footnotes' role='doc-endnotes'><hr><ol><li id='fn:1'><p>{FN[0]}&#160;<a href='#fnref:1' class='footnote-backref'>&#x21a9;&#xfe0e;</a></p></li></ol></div>"),
    [*S[:4], "- " + FN[0]])

# presscustomizr/hueman#464: a drop cap's letter in a span of its own
PASSED["dropcap-letter"] = (page("<p><span class='dropcap'>T</span>" + S[0][1:] + "</p>" + ps(1, 2, 3)), S[:4])

# jheddings/notional#24, Unstructured-IO/unstructured#3209: paragraphs as bare <div>s of text, one cut by a <br>
PASSED["div-paragraphs"] = (bare_page(
    f"<main><h1>{TITLE}</h1><div class='entry'>" + "".join(f"<div>{s}</div>" for s in S[:3]) + f"<div>{S[3]}<br>{S[4]}</div></div></main>"), S[:5])


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert [p.removeprefix("- ") for p in paragraphs(html)] == [w.removeprefix("- ") for w in want], name
