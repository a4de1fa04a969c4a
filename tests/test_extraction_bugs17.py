"""Failure kinds from public bug reports against article extractors, seventeenth round (bug17).

Invented site and text (the Dunmore Gazette), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. A kind left open is an ``xfail(strict=True)`` test saying
why. The last tests are this round's probes that archiver already passed, kept so they stay passed.
"""

from __future__ import annotations

import pytest
from rulekit import without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import brlines

URL = "https://www.dunmore-gazette.example/2026/12/library-roof"
TITLE = "Dunmore library roof to be replaced before spring"

SITE = Newsroom(URL, TITLE, "Dunmore Gazette", "Tom Arkwright", "14 Market Row",
                "The town council said on Monday that section {i} of the library roof would be stripped and retiled "
                "before the spring term, at a cost it has not yet made public.", count=10)
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


def _ps(*idx: int) -> str:
    return SITE.ps(*idx)


_bare_page = SITE.bare_page  # a page with no <article> of Newsroom's


# -- a blog post's body mixing loose text, <br><br> and one <div> per line (Blogger's editor): the
#    loose runs got <p>s, the page had <p> text and trafilatura dropped every <div> line; bare trafilatura
#    lost the loose run after a <div> instead. Report: https://github.com/webcompat/web-bugs/issues/715
#    (blog.thinkst.com in reader mode: "many parts are missing or shuffled") --

def _post(body: str) -> str:
    return _bare_page(f"<div class='post hentry'><h3 class='post-title'>{TITLE}</h3><div class='post-body entry-content'>"
                      f"{body}</div></div>")


MIXED = _post(f"{S[0]}<br><br>{S[1]}<div>{S[2]}</div><div><br></div>{S[3]}<br><br><div>{S[4]}</div>")


def test_a_posts_div_lines_among_loose_text_are_kept():
    assert paragraphs(MIXED) == S[:5]
    assert paragraphs(_post(f"{S[0]}<div>{S[1]}</div>{S[2]}")) == S[:3]


def test_without_the_switch_the_div_lines_are_lost(monkeypatch):
    monkeypatch.setattr(brlines, "BESIDE_DIV_LINES", False)
    assert paragraphs(MIXED) == [S[0], S[1], S[3]]
    assert S[3] not in bare(MIXED)  # bare trafilatura lost another line


def test_labels_beside_divs_and_short_div_lines_are_left_alone(monkeypatch):
    # a label run (no sentence) beside a sentence <div>, and a sentence run beside a short <div> label:
    # each page reads the same with the switch on and off
    label = _post(f"Photos<div>{S[0]}</div><div>{S[1]}</div>")
    short = _post(f"{S[0]}<br><br>{S[1]}<div>Read more</div>")
    note = _post(f"{S[0]}<div class='quote'><p>{S[1]}</p><p>{S[2]}</p></div>")  # a block inside: not a line
    now = [paragraphs(label), paragraphs(short), paragraphs(note)]
    monkeypatch.setattr(brlines, "BESIDE_DIV_LINES", False)
    assert now == [paragraphs(label), paragraphs(short), paragraphs(note)]


def test_a_replys_quote_of_an_earlier_post_is_not_taken_twice():
    # a forum reply quoting the post above in a quote box among its loose lines: the quote stays a <div>
    # (renamed, the quoted post came into the text a second time)
    reply = (f"<div class='reply'>{S[1]}<br><br>Quoting the post above<div class='quote'><div class='quote-text'>{S[0]}"
             f"</div></div><br>{S[2]}</div>")
    kept = paragraphs(_post(f"<p>{S[0]}</p>{reply}"))
    assert kept.count(S[0]) == 1 and S[2] in kept


# -- a dateline with the clock time before a day-month-year date ("Updated 12:45, 3 December 2026"),
#    kept by archiver and bare trafilatura. Report: https://github.com/mozilla/readability/pull/867
#    (its citylab-1 case "now includes the published time in the Readability content") --

STAMPS = ["Updated 12:45, 3 December 2026", "Published 09:30 GMT, 14 January 2022", "12:45 GMT 03/12/2026",
          "Last updated 14:02, 3 December 2026 | Tom Arkwright", "Posted at 07:15, Tue 3 Dec 2026"]


def _stamped(line: str) -> str:
    return page(f"<p>{line}</p>" + _ps(0, 1, 2, 3))


def test_a_time_first_dateline_goes():
    for line in STAMPS:
        assert paragraphs(_stamped(line)) == S[:4], line


def test_without_the_rule_the_dateline_stays(monkeypatch):
    without_paragraph_rule(monkeypatch, "time-first-dateline-dmy")
    assert paragraphs(_stamped(STAMPS[0]))[0] == STAMPS[0]
    assert STAMPS[0] in bare(_stamped(STAMPS[0]))  # bare keeps it too


def test_sentences_giving_a_time_and_date_stay():
    said = ["At 12:45 on 3 December 2026 the first tiles came off the north side, the contractor said.",
            "Updated figures from 3 December 2026 show that the cost of the work has nearly doubled."]
    html = page(_ps(0, 1) + "".join(f"<p>{s}</p>" for s in said) + _ps(2, 3))
    assert paragraphs(html) == [S[0], S[1], *said, S[2], S[3]]


# -- a kind left open --

@pytest.mark.xfail(strict=True, reason="left: the opening paragraph in the page's hero box beside the headline "
                   "(https://github.com/marek-stoj/NReadability/issues/16: the text began halfway) is lost by archiver and "
                   "bare; 'hero' as a standfirst word was measured and dropped: it took a hero box's paragraph on 9 dev "
                   "pages, a summary the truth leaves out on 6 of them (AEB -.0001, WCXB dev 4 down, 3 up; WCXB test 1 down)")
def test_the_opening_paragraph_in_a_hero_box_is_kept():
    html = _bare_page(f"<div class='page'><section class='hero'><h1>{TITLE}</h1><div class='hero-text'>{_ps(0)}</div>"
                      "</section><div class='cta-strip'><a href='/contact'>Contact the newsroom</a></div><section "
                      f"class='main-copy'>{_ps(1, 2, 3, 4, 5)}</section></div>")
    assert paragraphs(html) == S[:6]


# -- this round's probes that archiver passed (each with its report) --

TEASER = ("The new swimming pool opened on Saturday to more than six hundred visitors, many of them children who had "
          "waited since the old baths closed two summers ago.")
CAPTION = "The library's roof, photographed from the market square in November."
PRODUCTS = ["Harwell Oak Bookcase", "Fenmore Steel Shelving", "Lindell Pine Ladder Shelf"]
ABOUT = ("The Dunmore Gazette has served the town and the villages of the upper valley since 1872, and is owned by "
         "a trust set up by its readers in 1998.")
QUOTE = "We cannot keep patching a roof that was laid in 1911, the head librarian told the meeting."
DEK = ("The council's decision ends a two-year argument over whether the Victorian building should be sold and the "
       "library moved to the new community hub.")
SECTIONED = ["What was found", S[0], S[1], "What happens next", S[2], S[3]]

PASSED = {
    # https://github.com/mozilla/readability/issues/766: the page under aria-hidden (a modal open), a cookie dialog
    "aria-hidden-page": (_bare_page(
        f"<div id='wrap' aria-hidden='true'><main><article><h1>{TITLE}</h1>{_ps(0, 1, 2, 3)}</article></main></div><div "
        "role='dialog' aria-modal='true' class='consent-modal'><h2>We value your privacy</h2><p>We and our partners use "
        "cookies to store and access information on your device, to measure audiences and to show you personalised "
        "content.</p><button>Accept all</button></div>"), S[:4]),
    # https://github.com/AlternativeFFFF/Alt-F4/issues/325: a table of contents box's title (bare keeps it)
    "toc-box": (page(
        "<div class='toc'><div class='toc-title'>Table of contents <span>&#9662;</span></div><ol><li><a href='#f'>What was "
        f"found</a></li><li><a href='#n'>What happens next</a></li></ol></div><h2 id='f'>What was found</h2>{_ps(0, 1)}"
        f"<h2 id='n'>What happens next</h2>{_ps(2, 3)}"), SECTIONED),
    # https://github.com/Automattic/wp-calypso/issues/84871: an expand-on-click image's caption, three times in the
    # markup (the captions rule takes it: never repeated)
    "lightbox-caption": (page(
        _ps(0, 1) + "<figure class='wp-block-image wp-lightbox-container'><img src='/roof.jpg' alt='roof'><button "
        f"class='lightbox-trigger' aria-label='Enlarge image: {CAPTION}'></button><figcaption>{CAPTION}</figcaption>"
        f"</figure>{_ps(2, 3)}<div class='wp-lightbox-overlay zoom' role='dialog'><div class='lightbox-image-container'>"
        f"<figure><img src='/roof.jpg' alt='roof'><figcaption>{CAPTION}</figcaption></figure></div></div>"), S[:4]),
    # https://github.com/MHordecki/readability-redux/issues/15: a story in parts, then all the parts again (bare: twice)
    "parts-repeated": (page(
        f"<div class='pages'><div class='page'>{_ps(0, 1)}</div><div class='page'>{_ps(2, 3)}</div></div><div "
        f"class='pagination'><a href='?p=1'>1</a> <a href='?p=2'>2</a></div><div class='print-version'>{_ps(0, 1, 2, 3)}"
        "</div>"), S[:4]),
    # https://github.com/fivefilters/ftr-site-config/issues/778: share buttons under the article
    "share-buttons-under": (page(_ps(0, 1, 2, 3) + "<div class='social-buttons'><a href='https://fb.example/s'>Share on "
                                 "Facebook</a> <a href='https://x.example/i'>Share on X</a> <a href='mailto:?'>E-mail</a>"
                                 "</div>"), S[:4]),
    # https://github.com/fivefilters/ftr-site-config/pull/1566: a subscription box inside the story (bare keeps it)
    "subscription-box": (page(_ps(0, 1) + "<div class='subscription-box'><h3>Support local journalism</h3><p>Become a "
                              "member of the Gazette from just two pounds a month and help us keep reporting on the "
                              "council, the courts and the schools.</p><a class='btn' href='/join'>Join now</a></div>"
                              + _ps(2, 3)), S[:4]),
    # https://github.com/fivefilters/ftr-site-config/pull/1426: an in-article advert for an unrelated article
    "inline-other-story": (page(_ps(0, 1) + "<div class='id-Article-content-item-relatedArticle'><span>Also interesting"
                                f"</span><a href='/2026/12/pool'><h3>Pool opens to record crowds</h3><p>{TEASER}</p></a>"
                                "</div>" + _ps(2, 3)), S[:4]),
    # https://github.com/stefanw/bibbot/pull/173: a location mark opening the first paragraph
    "dateline-span": (page(f"<p><span class='dateline'>DUNMORE.</span> {S[0]}</p>" + _ps(1, 2)),
                      [f"DUNMORE. {S[0]}", S[1], S[2]]),
    # https://github.com/jocmp/capyreader/issues/959: a buyer's guide, each product's name a heading
    "product-headings": (page(_ps(0) + "".join(f"<div class='product'><h3>{n}</h3><p>{S[i + 1]}</p></div>"
                                               for i, n in enumerate(PRODUCTS))),
                         [S[0], PRODUCTS[0], S[1], PRODUCTS[1], S[2], PRODUCTS[2], S[3]]),
    # https://github.com/jocmp/mercury-parser/pull/175: inline ad placements
    "inline-ad-slots": (page(_ps(0, 1) + "<div class='ms-apb'><span>Advertisement</span><div id='gpt-1'></div></div>"
                             + _ps(2) + "<div class='ms-ap-native'><a href='https://ads.example/x'>Sponsored: Five "
                             "roofing tricks builders don't want you to know</a></div>" + _ps(3)), S[:4]),
    # https://github.com/ZachSaucier/Just-Read/issues/128: an <h2> with a data attribute (taken as the title there)
    "h2-data-attr": (_bare_page(f"<main><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>{_ps(0, 1)}<h2 "
                                f"data-simple-delete='true'>How the work will be paid for</h2>{_ps(2, 3)}</div></main>"),
                     [S[0], S[1], "How the work will be paid for", S[2], S[3]]),
    # https://github.com/grangier/python-goose/issues/242: subheadings h2-h4 in the text
    "subheadings": (page(f"{_ps(0)}<h2>The survey</h2>{_ps(1, 2)}<h3>What it found</h3>{_ps(3)}<h4>Costs</h4>{_ps(4)}"),
                    [S[0], "The survey", S[1], S[2], "What it found", S[3], "Costs", S[4]]),
    # https://github.com/adbar/trafilatura/issues/25: the site's footer text in a <div>, not a <footer>
    "div-footer-prose": (_bare_page(f"<main><article><h1>{TITLE}</h1>{_ps(0, 1, 2, 3)}</article></main><div "
                                    f"class='footer-wrap'><div class='footer-about'><h4>About us</h4><p>{ABOUT}</p></div>"
                                    "</div>"), S[:4]),
    # https://github.com/mozilla/readability/pull/867: "Leave a Reply" and the comment form's notes
    "leave-a-reply": (_bare_page(
        f"<main><article class='post'><h1 class='entry-title'>{TITLE}</h1><div class='entry-content'>{_ps(0, 1, 2, 3)}</div>"
        "</article><div id='respond' class='comment-respond'><h3 id='reply-title'>Leave a Reply</h3><form><p "
        "class='comment-notes'>Your email address will not be published. Required fields are marked *</p><textarea>"
        "</textarea></form></div></main>"), S[:4]),
    # https://github.com/brave-experiments/SpeedReader/issues/43: the body in two containers, an ad between
    "body-in-two-containers": (_bare_page(
        f"<main><article><h1>{TITLE}</h1><div class='body__container'><div class='body__inner'>{_ps(0, 1, 2, 3)}</div></div>"
        f"<div class='ad__wrapper'><div class='ad'></div></div><div class='body__container'><div class='body__inner'>"
        f"{_ps(4, 5, 6, 7, 8, 9)}</div></div></article></main>"), S[:10]),
    # https://github.com/Joschasa/Tiny-Tiny-RSS-Plugins/pull/3: the teaser, then the body opening with it again
    "teaser-repeated": (page(f"<p class='teaser'>{S[0]}</p><div class='formatted'>{_ps(0, 1, 2, 3)}</div>"), S[:4]),
    # https://github.com/CocoaPods/guides.cocoapods.org/issues/46: paragraphs between code listings and note boxes
    "tutorial-code-notes": (page(_ps(0) + "<pre><code>$ roofcalc survey --all</code></pre>" + _ps(1)
                                 + f"<div class='highlight'><p>{S[2]}</p></div>" + _ps(3)),
                            [S[0], "$ roofcalc survey --all", S[1], S[2], S[3]]),
    # https://github.com/ZachSaucier/Just-Read/issues/73: paragraphs run together (breaks only at a blockquote)
    "br-paragraphs-in-one-p": (page(f"<p>{S[0]}<br><br>{S[1]}</p><blockquote><p>{QUOTE}</p></blockquote><p>{S[2]}"
                                    f"<br><br>{S[3]}</p>"), [S[0], S[1], QUOTE, S[2], S[3]]),
    # https://github.com/brave/brave-browser/issues/34073: the summary under the headline (a named standfirst)
    "summary-under-headline": (_bare_page(
        f"<main><article><header><h1>{TITLE}</h1><p id='article-summary' class='css-79rysd'>{DEK}</p></header>"
        f"<section name='articleBody'>{_ps(0, 1, 2)}</section></article></main>"), [DEK, *S[:3]]),
    # https://github.com/luin/readability/issues/94: the text read from the content's first child only
    "first-child-only": (_bare_page(f"<main><article><h1>{TITLE}</h1><div id='content'><div class='lead-block'>{_ps(0)}"
                                    f"</div>{_ps(1, 2, 3)}<div class='more'>{_ps(4)}</div></div></article></main>"), S[:5]),
    # https://github.com/go-shiori/go-readability/issues/28: each paragraph in nested <div>s of its own, an ad slot between
    "each-p-in-own-divs": (_bare_page(
        f"<main><article><header><h1>{TITLE}</h1></header><section class='body' data-area='body'>"
        + "".join(f"<div data-area='text'><div class='RichText'><p>{S[i]}</p></div></div>"
                  + ("<div data-area='ad'><div class='ad-label'>Anzeige</div></div>" if i == 2 else "") for i in range(6))
        + "</section></article></main>"), S[:6]),
}


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name


def test_a_repeated_caption_is_never_kept_twice():
    kept = paragraphs(PASSED["lightbox-caption"][0])
    assert kept.count(CAPTION) <= 1
    assert bare(PASSED["parts-repeated"][0]).count(S[0]) == 2  # bare trafilatura kept the parts twice
