"""Failure kinds from public bug reports against article extractors, twentieth round (bug20).

Invented site and text (the Wendover Herald), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last tests are this round's probes that archiver
already passed, kept so they stay passed.
"""

from __future__ import annotations

import re

from rulekit import without_dom_rule, without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import buildernames, sectionh1
from archiver.extraction.dom import name_words, parse
from archiver.extraction.tagged import by_tag

URL = "https://www.wendover-herald.example/2026/12/lock-gates"
TITLE = "New lock gates for the Wendover arm before spring"

SITE = Newsroom(URL, TITLE, "Wendover Herald", "Ada Fenwick", "4 Wharf Lane",
                "The canal trust said on Friday that gate {i} of the Wendover arm had rotted through and would be "
                "replaced in oak before the boating season.", count=24)
page, paragraphs, bare, bare_page = SITE.page, SITE.paragraphs, SITE.bare, SITE.bare_page
S = SITE.sentences


def _ps(*idx: int) -> str:
    return SITE.ps(*idx)


# -- a page laid out by a page builder whose every block is named a "widget": Elementor writes each
#    heading and each run of text as div.elementor-widget > div.elementor-widget-container, inside
#    div.elementor-widget-wrap. With no body container trafilatura knows, its fallback kept the
#    paragraphs and dropped every subheading (bare trafilatura too), and gaps refused to put one back
#    for the word "widget" in the names around it. Report: https://github.com/elementor/elementor/issues/5639
#    (Safari's reader view showed only the H1 of an Elementor page). Stage builder-names
#    (buildernames.py, rules/builder_names.json) --

def _widget(inner: str, kind: str = "text-editor") -> str:
    return (f"<div class='elementor-element elementor-widget elementor-widget-{kind}' data-widget_type='{kind}.default'>"
            f"<div class='elementor-widget-container'>{inner}</div></div>")


def _section(*widgets: str) -> str:
    return ("<section class='elementor-section elementor-top-section elementor-element'><div class='elementor-container "
            "elementor-column-gap-default'><div class='elementor-column elementor-col-100 elementor-top-column "
            "elementor-element'><div class='elementor-widget-wrap elementor-element-populated'>" + "".join(widgets)
            + "</div></div></div></section>")


def _heading(text: str) -> str:
    return _widget(f"<h2 class='elementor-heading-title elementor-size-default'>{text}</h2>", "heading")


def _builder_page(*sections: str) -> str:
    return bare_page("<div data-elementor-type='wp-post' class='elementor elementor-123'>"
                     + _section(_widget(f"<h1 class='elementor-heading-title'>{TITLE}</h1>", "heading"))
                     + "".join(sections) + "</div>")


BUILT = _builder_page(_section(_widget(_ps(0, 1)), _heading("The survey"), _widget(_ps(2, 3))),
                      _section(_heading("The plan"), _widget(_ps(4, 5))))
BUILT_TEXT = [S[0], S[1], "The survey", S[2], S[3], "The plan", S[4], S[5]]


def test_a_builder_pages_subheadings_are_kept():
    assert paragraphs(BUILT) == BUILT_TEXT


def test_without_the_stage_the_subheadings_are_lost(monkeypatch):
    assert "The survey" not in bare(BUILT)  # bare trafilatura loses them too
    monkeypatch.setattr(buildernames, "BUILDER_NAMES", False)
    assert paragraphs(BUILT) == [S[0], S[1], S[2], S[3], S[4], S[5]]


def test_a_builders_widget_of_furniture_stays_furniture():
    # the token's other words still count, and so does a "widget" another token holds
    el = parse("<div class='elementor-widget elementor-widget-share-buttons sidebar-widget'>x</div>").find(".//div")
    assert {"share", "widget", "sidebar"} <= name_words(el)
    el = parse("<div class='elementor-widget elementor-widget-heading'>x</div>").find(".//div")
    assert "widget" not in name_words(el) and "heading" in name_words(el)
    shared = _builder_page(_section(_widget(_ps(0, 1)), _widget(
        "<div class='elementor-share-buttons'><h2>Share this story</h2><a href='https://x.example/share'>X</a></div>",
        "share-buttons"), _widget(_ps(2, 3))))
    assert paragraphs(shared) == S[:4]


def test_a_builders_popup_after_the_page_goes(monkeypatch):
    # found measuring the stage on WCXB dev: with Elementor's layout names no longer furniture, a popup
    # template's heading came back between its paragraphs. DOM rule builder-popup
    popup = ("<div class='elementor elementor-6304 elementor-location-popup'>" + _section(
        _heading("Wendover's leaders in lock repair"), _widget("<p>Book a free survey of your moorings today and our "
                                                               "engineers will call you back within the week.</p>"))
             + "</div>")
    built = BUILT.replace("</footer>", "</footer>" + popup)
    assert paragraphs(built) == BUILT_TEXT
    without_dom_rule(monkeypatch, "builder-popup")
    assert "Wendover's leaders in lock repair" in paragraphs(built)


# -- a book chapter in HTMLBook sections (O'Reilly's format), each section titled by an <h1>, as HTML5's
#    outline algorithm allowed: with no body container trafilatura knows, its fallback reads only
#    paragraphs, and gaps puts back <h2>-<h6>, never an <h1> (the headline's tag); the sections' titles
#    were lost, in archiver and bare trafilatura. Report: https://github.com/ZachSaucier/Just-Read/issues/65
#    (a chapter's "Types of Machine Learning Systems" section missing in reader view). Stage section-h1s
#    (sectionh1.py) --

BOOK = bare_page(
    f"<div id='sbo-rt-content'><section data-type='chapter' id='ch1'><h1>{TITLE}</h1>{_ps(0, 1)}<section data-type='sect1'"
    f" id='s1'><h1>Types of Lock Gates</h1>{_ps(2, 3)}<section data-type='sect2' id='s2'><h2>Mitre gates</h2>{_ps(4)}"
    f"</section></section><section data-type='sect1' id='s3'><h1>Testing the Gates</h1>{_ps(5, 6)}</section></section>"
    "</div>")
BOOK_TEXT = [S[0], S[1], "Types of Lock Gates", S[2], S[3], "Mitre gates", S[4], "Testing the Gates", S[5], S[6]]


def test_a_sections_h1_under_the_headline_is_a_subheading():
    assert paragraphs(BOOK) == BOOK_TEXT


def test_without_the_stage_the_section_titles_are_lost(monkeypatch):
    assert "Types of Lock Gates" not in bare(BOOK)  # bare trafilatura loses them too
    monkeypatch.setattr(sectionh1, "SECTION_H1S", False)
    assert paragraphs(BOOK) == [t for t in BOOK_TEXT if t not in ("Types of Lock Gates", "Testing the Gates")]


def _demoted(html: str) -> int:
    return sectionh1.demote_section_h1s(by_tag(parse(html)))


def test_other_h1s_are_left_as_they_are():
    # the headline; an <h1> loose in the body; one that does not open its section; another <article>'s;
    # sections right under <body> beside the headline
    assert _demoted(f"<main><section><h1>{TITLE}</h1><p>a</p><h1>Loose</h1></section></main>") == 0
    assert _demoted(f"<main><h1>{TITLE}</h1><section><p>a</p><h1>Late</h1></section></main>") == 0
    assert _demoted(f"<main><article><h1>{TITLE}</h1><p>a</p></article><article><section><h1>Next</h1><p>b</p>"
                    "</section></article></main>") == 0
    assert _demoted(f"<body><h1>{TITLE}</h1><section><h1>Teasers</h1><p>a</p></section></body>") == 0
    assert _demoted(f"<main><h1>{TITLE}</h1><section><h1>Part one</h1><p>a</p></section></main>") == 1
    assert _demoted(f"<main><h1>{TITLE}</h1><section><header><h1>Part one</h1></header><p>a</p></section></main>") == 1


# -- a note's text written inside the sentence right after its mark, shown only when the mark is clicked
#    (what-if.xkcd.com: <span class="ref"><span class="refnum">[1]</span><span class="refbody">...</span>):
#    read as text, it broke the sentence in two, in archiver and bare trafilatura.
#    Report: https://github.com/feedbin/support/issues/478 (footnotes shown inline in the reader).
#    DOM rule inline-note-popup (rules/generic.json) --

NOTED = "The trust counted the boats that used the lock last summer and found nearly four hundred of them."
NOTE = "Including the trip boat, which passes twice a day."
INLINE_NOTE = page(_ps(0) + "<p>The trust counted the boats that used the lock last summer<span class='ref'><span "
                   f"class='refnum'>[1]</span><span class='refbody'>{NOTE}</span></span> and found nearly four hundred "
                   "of them.</p>" + _ps(1))


def test_an_inline_notes_popup_text_stays_out_of_its_sentence():
    assert paragraphs(INLINE_NOTE) == [S[0], NOTED, S[1]]


def test_without_the_rule_the_note_is_read_into_the_sentence(monkeypatch):
    assert any(NOTE in line for line in bare(INLINE_NOTE))  # bare trafilatura reads it in too
    without_dom_rule(monkeypatch, "inline-note-popup")
    assert NOTE in paragraphs(INLINE_NOTE)[1]


def test_notes_at_the_end_and_reference_spans_stay():
    ended = page(_ps(0, 1, 2) + f"<h2>Notes</h2><ol class='footnotes'><li><span class='footnote-text'>{NOTE}</span></li>"
                 "</ol>")
    assert paragraphs(ended) == [S[0], S[1], S[2], "Notes", f"- {NOTE}"]
    cited = page(f"<p>{S[0][:-1]}, <span class='reference'>as the survey found</span>.</p>" + _ps(1, 2))
    assert paragraphs(cited)[0] == f"{S[0][:-1]}, as the survey found."


# -- a WordPress block listing other posts written into a post's content (the Latest Posts block: each
#    post's title, date and excerpt; the Latest Comments and RSS blocks likewise): read as the post's text
#    by archiver and bare trafilatura, hidden by the WordPress.com Reader.
#    Report: https://github.com/Automattic/wp-calypso/pull/73202 (issue 43595). DOM rule latest-posts-block --

LATEST = page(_ps(0, 1) + "<ul class='wp-block-latest-posts__list has-dates has-excerpts wp-block-latest-posts'>" + "".join(
    f"<li><a class='wp-block-latest-posts__post-title' href='/2026/11/post-{k}'>Towpath news number {k}</a><time "
    f"class='wp-block-latest-posts__post-date'>November {k + 3}, 2026</time><div class='wp-block-latest-posts__post-"
    "excerpt'>Volunteers cleared the towpath between the two bridges again this month, and more work is planned "
    "[&hellip;]</div></li>" for k in range(3)) + "</ul>" + _ps(2, 3))


def test_a_latest_posts_block_in_the_post_goes():
    assert paragraphs(LATEST) == S[:4]


def test_without_the_rule_the_other_posts_are_read_as_text(monkeypatch):
    assert any("Towpath news number 0" in line for line in bare(LATEST))
    without_dom_rule(monkeypatch, "latest-posts-block")
    assert any(line.startswith("- Towpath news number 0") for line in paragraphs(LATEST))


def test_a_posts_own_list_stays():
    listed = page(_ps(0, 1) + "<ul class='wp-block-list'><li>The north gate is to be replaced first.</li><li>The "
                  "south gate follows in March.</li></ul>" + _ps(2))
    assert paragraphs(listed) == [S[0], S[1], "- The north gate is to be replaced first.",
                                  "- The south gate follows in March.", S[2]]


# -- a WordPress shortcode left unrendered as a line of its own when the plugin that expands it is gone (a
#    page builder's containers, rows and text blocks around the post's paragraphs): read as text by
#    archiver and bare trafilatura. Report: https://github.com/Automattic/wp-calypso/issues/94936 (Fusion
#    Builder shortcodes shown as raw code in the Reader; issue 796). Paragraph rule shortcode-line --

SHORTCODED = page("<p>[fusion_builder_container type=\"flex\" hundred_percent=\"no\"][fusion_builder_row]"
                  "[fusion_builder_column type=\"1_1\"][fusion_text]</p>" + _ps(0, 1, 2)
                  + "<p>[/fusion_text][/fusion_builder_column][/fusion_builder_row][/fusion_builder_container]</p>")


def test_unrendered_shortcode_lines_go():
    assert paragraphs(SHORTCODED) == S[:3]
    plain = page(_ps(0) + "<p>[vc_row][vc_column][vc_column_text]</p>" + _ps(1) + "<p>[/vc_column_text][/vc_column]"
                 "[/vc_row]</p>" + _ps(2))
    assert paragraphs(plain) == S[:3]
    # https://github.com/podlove/podlove-publisher/issues/487: an [audio] shortcode shown as text on the post
    audio = page(_ps(0, 1) + "<p>[audio mp3=\"https://www.wendover-herald.example/wp-content/uploads/2026/12/gates.mp3\"]"
                 "[/audio]</p>" + _ps(2))
    assert paragraphs(audio) == S[:3]


def test_without_the_rule_the_shortcodes_are_read_as_text(monkeypatch):
    assert any(line.startswith("[fusion_builder_container") for line in bare(SHORTCODED))
    without_paragraph_rule(monkeypatch, "shortcode-line")
    assert paragraphs(SHORTCODED)[0].startswith("[fusion_builder_container")


def test_bracketed_words_stay():
    lines = ["[edit]", "[sic]", "[Update] The trust replied on Monday that the gates were ordered.",
             "[1] The trust's annual report, page 12."]
    kept = paragraphs(page(_ps(0) + "".join(f"<p>{line}</p>" for line in lines) + _ps(1)))
    assert all(line in kept for line in lines[2:]), kept


# -- MediaElement.js's player (what WordPress's [audio] and [video] shortcodes draw) as a saved page holds
#    it: its screen-reader label "Audio Player" (span.mejs-offscreen) read as a line of the post, in
#    archiver and bare trafilatura. Report: https://github.com/wordpress-mobile/WordPress-Android/issues/4428
#    (the [audio] shortcode's player in the Reader). DOM rule screen-reader-only, class mejs-offscreen --

PLAYER = page(
    _ps(0, 1) + "<span class='mejs-offscreen'>Audio Player</span><div id='mep_0' class='mejs-container wp-audio-shortcode "
    "mejs-audio' tabindex='0' role='application' aria-label='Audio Player'><div class='mejs-inner'><div "
    "class='mejs-mediaelement'><audio class='wp-audio-shortcode' preload='none' controls='controls'><source type='audio/mpeg' "
    "src='/wp-content/uploads/2026/12/gates.mp3?_=1'><a href='/wp-content/uploads/2026/12/gates.mp3'>"
    "/wp-content/uploads/2026/12/gates.mp3</a></audio></div><div class='mejs-controls'><div class='mejs-button "
    "mejs-playpause-button mejs-play'><button type='button' title='Play' aria-label='Play'></button></div><div "
    "class='mejs-time mejs-currenttime-container' role='timer'><span class='mejs-currenttime'>00:00</span></div><div "
    "class='mejs-time mejs-duration-container'><span class='mejs-duration'>12:41</span></div><a "
    "class='mejs-horizontal-volume-slider' href='javascript:void(0);' role='slider'><span class='mejs-offscreen'>Use "
    "Up/Down Arrow keys to increase or decrease volume.</span></a></div></div></div>" + _ps(2, 3))


def test_a_media_players_screen_reader_label_goes():
    assert paragraphs(PLAYER) == S[:4]


def test_without_the_rule_the_players_label_is_a_line(monkeypatch):
    assert "Audio Player" in bare(PLAYER)
    without_dom_rule(monkeypatch, "screen-reader-only")
    assert "Audio Player" in paragraphs(PLAYER)


# -- this round's probes that archiver passed (each with its report) --

VERSE = ["The gates are old, the water low,", "the oak is cut and stacked to go,", "and spring will see the boats below."]
BR_LINE = "Yes, look behind the lock keeper's cottage and you will see the old gates stacked in the yard."
PULLED = "Oak lasts longer in the water than anything we could buy."
DEK = "Oak gates, a new towpath and a month without boats: what the canal trust plans for the Wendover arm."

PASSED = {
    # https://github.com/elementor/elementor/issues/11118: text widgets holding loose text beside an extra element
    "builder-loose-text": (_builder_page(_section(
        _widget(f"{S[0]}<br><br>{S[1]}"), _widget(f"<p>{S[2]}</p>{S[3]}<br><br>{S[4]}"),
        _widget(f"<div>{S[5]}</div><p>{S[6]}</p>"))), S[:7]),
    # https://github.com/Automattic/wp-calypso/issues/46290: a Gutenberg columns block, columns nested in a column
    "nested-columns": (page(
        _ps(0) + "<h2>Layout: 50/50</h2><div class='wp-block-columns'><div class='wp-block-column'><div "
        f"class='wp-block-columns'><div class='wp-block-column'><p>{S[1]}</p></div><div class='wp-block-column'><p>{S[2]}"
        f"</p></div></div><p></p></div></div>{_ps(3)}"), [S[0], "Layout: 50/50", S[1], S[2], S[3]]),
    # https://github.com/Automattic/wp-calypso/issues/52074: Jetpack's sharing and likes rows after the post
    "sharing-and-likes": (page(
        _ps(0, 1, 2) + "<div class='sharedaddy sd-sharing-enabled'><div class='robots-nocontent sd-block sd-social "
        "sd-social-icon-text sd-sharing'><h3 class='sd-title'>Share this:</h3><div class='sd-content'><ul><li "
        "class='share-twitter'><a class='share-twitter sd-button' href='?share=twitter'><span>Twitter</span></a></li>"
        "<li class='share-end'></li></ul></div></div></div><div class='sharedaddy sd-block sd-like "
        "jetpack-likes-widget-wrapper'><h3 class='sd-title'>Like this:</h3><div class='likes-widget-placeholder "
        "post-likes-widget-placeholder'><span class='button'><span>Like</span></span> <span class='loading'>Loading..."
        "</span></div></div>"), S[:3]),
    # https://github.com/wordpress-mobile/WordPress-iOS/issues/23680: a verse block's lines
    "verse-block": (page(_ps(0) + "<pre class='wp-block-verse'>" + "\n".join(VERSE) + "</pre>" + _ps(1)),
                    [S[0], *VERSE, S[1]]),
    # https://github.com/wordpress-mobile/WordPress-iOS/pull/25875: words either side of a <br> not run together
    "br-between-words": (page(
        _ps(0) + "<p>Yes,<br>look behind the lock keeper's cottage and you will see the old gates stacked in the yard.</p>"
        + _ps(1)), [S[0], BR_LINE, S[1]]),
    # https://github.com/PHPFusion/PHPFusion/issues/138: paragraphs as <span>s split by <br><br> in one <p>
    "spans-split-by-double-br": (page(
        f"<p><span style='font-size: 14pt;'>{S[0]}</span><br /><br /><span style='font-size: 14pt;'>{S[1]}</span><br />"
        f"<br /><span style='font-size: 14pt;'>{S[2]}</span></p>"), S[:3]),
    # https://github.com/mozilla/readability/issues/108: a Blogger post body of <br /> lines
    "blogger-br-body": (bare_page(
        "<div class='blog-posts hfeed'><div class='date-outer'><h2 class='date-header'><span>Friday, 4 December 2026"
        "</span></h2><div class='post-outer'><div class='post hentry'><h3 class='post-title entry-title'>" + TITLE
        + "</h3><div class='post-body entry-content'>" + "<br /><br />".join(S[:5]) + "<div style='clear: both;'></div>"
        "</div><div class='post-footer'><span class='post-author vcard'>Posted by <span class='fn'>Ada Fenwick</span>"
        "</span> <span class='post-comment-link'><a href='#comments'>2 comments</a></span></div></div></div></div>"
        "</div>"), S[:5]),
    # https://github.com/j0k3r/graby/issues/205: a long post across two dozen Divi builder sections
    "divi-many-sections": (bare_page(
        f"<div id='et-main-area'><article class='post'><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>"
        "<div class='et-l et-l--post'><div class='et_builder_inner_content et_pb_gutters3'>" + "".join(
            f"<div class='et_pb_section et_pb_section_{k} et_section_regular'><div class='et_pb_row et_pb_row_{k}'><div "
            f"class='et_pb_column et_pb_column_4_4'><div class='et_pb_module et_pb_text et_pb_text_{k}'><div "
            f"class='et_pb_text_inner'><p>{S[k]}</p></div></div></div></div></div>" for k in range(24))
        + "</div></div></div></article></div>"), S[:24]),
    # https://github.com/samuelclay/NewsBlur/issues/1147: the next stories of the stream loaded below the article
    "next-story-below": (bare_page(
        f"<main><article class='story'><h1>{TITLE}</h1><div class='byline'>By Ada Fenwick</div><div class='story-body'>"
        f"{_ps(0, 1, 2, 3)}</div></article><article class='story'><h1>Swing bridge to be repainted in the old colours</h1>"
        "<div class='byline'>By Tom Hale</div><div class='story-body'>" + "".join(
            f"<p>The council said on Thursday that the swing bridge would be repainted in green and cream, part {k} of "
            "the work starting in the new year.</p>" for k in range(4)) + "</div></article></main>"), S[:4]),
    # https://github.com/rNeomy/reader-view/issues/199: a page's entries each in an <article> (a live page)
    "live-entries": (bare_page(
        f"<main><h1>{TITLE}: live</h1><div class='live-feed'>" + "".join(
            f"<article class='live-entry' id='entry-{k}'><time>{10 + k}:00</time><p>{S[k]}</p></article>"
            for k in range(6)) + "</div></main>", title=TITLE + ": live"), S[:6]),
    # https://github.com/karakeep-app/karakeep/issues/2062: a media player's remnants inside the article
    "audio-player": (page(
        _ps(0, 1) + "<div class='audio-player'><button class='play' aria-label='Play'>Play</button><span class='label'>"
        "Listen to this story</span><div class='progress'><span class='current-time'>00:00</span> / <span "
        "class='duration'>12:41</span></div><button class='speed'>1x</button></div>" + _ps(2, 3)), S[:4]),
    # https://github.com/karakeep-app/karakeep/issues/2565: an archive.today copy (inline styles only): the teaser
    "archive-copy-teaser": (bare_page(
        "<div style='margin:0 auto;max-width:720px'><div style='padding:10px 0'><h1 style='font-size:40px;font-weight:"
        f"700'>{TITLE}</h1><div style='font-size:22px;line-height:30px;color:rgb(80,80,80);margin:12px 0'>{DEK}</div>"
        "<div style='font-size:13px;color:rgb(120,120,120)'>By Ada Fenwick | 4 December 2026</div></div><div>"
        + "".join(f"<p style='font-size:18px;line-height:28px;margin:0 0 16px'>{S[k]}</p>" for k in range(5))
        + "</div></div>"), [DEK, *S[:5]]),
    # https://github.com/WordPress/gutenberg/issues/3442: a pull quote repeating a sentence of the body
    "pullquote-block": (page(
        _ps(0) + f"<p>The trust's engineer said: \"{PULLED}\" The gates will be made in the trust's own yard.</p>"
        f"<figure class='wp-block-pullquote'><blockquote><p>{PULLED}</p><cite>The trust's engineer</cite></blockquote>"
        "</figure>" + _ps(1, 2)), [S[0], f"The trust's engineer said: \"{PULLED}\" The gates will be made in the "
                                   "trust's own yard.", S[1], S[2]]),
    # https://github.com/Automattic/wp-calypso/issues/3939: an embed left as its bare address on a line of its own
    "bare-embed-address": (page(
        _ps(0, 1) + "<p>https://wendoverboats.tumblr.example/post/140823/the-old-gates</p>" + _ps(2, 3)), S[:4]),
}


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name


def test_the_builder_rules_file_names_its_prefixes():
    assert buildernames.prefixes().pattern == re.escape("elementor-widget")
