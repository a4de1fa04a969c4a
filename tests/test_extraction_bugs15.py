"""Failure kinds from public bug reports against article extractors, fifteenth round (bug15).

Invented site and text (the Hollin Gazette), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last tests are this round's probes that archiver
already passed, kept so they stay passed.
"""

from __future__ import annotations

import trafilatura
from rulekit import without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import extract, teaserlead, titleblock

URL = "https://www.hollin-gazette.example/2026/12/ferry-pier"
TITLE = "Hollin ferry pier to close for repairs"

SITE = Newsroom(URL, TITLE, "Hollin Gazette", "Mara Quenby", "9 Harbour Row",
                "The harbour trust said on Monday that pile {i} of the ferry pier had been found to be cracked "
                "below the waterline.")
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


def _ps(*idx: int) -> str:
    return SITE.ps(*idx)


def _bare_page(body: str, title: str = TITLE) -> str:
    """A page with no ``<article>``: a header, ``body`` straight in ``<body>``, a footer."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | Hollin Gazette</title>"
            "</head><body><header><a href='/'>Hollin Gazette</a><nav><a href='/news'>News</a> "
            f"<a href='/sport'>Sport</a></nav></header>{body}<footer><p>Hollin Gazette, 9 Harbour Row.</p>"
            "</footer></body></html>")


def _title(html: str) -> str:
    return extract(html, URL).title_line


# -- a story's lead in a box named as a teaser's text. trafilatura deletes every block whose class or id
#    holds "teaser" (a related story's card); a template that writes the first paragraphs in
#    ``div.teaser-content`` and the rest in ``div.remainder-content`` lost its lead (archiver and bare).
#    Report: https://github.com/adbar/trafilatura/issues/164 (the Washington Post's markup) --

def _teaser(lead: str, rest: str = "<div class='remainder-content'>" + _ps(2, 3, 4) + "</div>") -> str:
    return page(f"<div class='article-body'>{lead}{rest}</div>")


TEASER = "<div class='teaser-content'>" + _ps(0, 1) + "</div>"


def test_a_lead_in_a_teaser_box_is_kept():
    assert paragraphs(_teaser(TEASER)) == S[:5]
    # in a <section>, and named by its id
    assert paragraphs(_teaser("<section id='story-text-teaser'>" + _ps(0, 1) + "</section>")) == S[:5]


def test_without_the_stage_the_lead_is_lost(monkeypatch):
    monkeypatch.setattr(teaserlead, "TEASER_LEADS", False)
    assert paragraphs(_teaser(TEASER)) == S[2:5]
    assert S[0] not in bare(_teaser(TEASER))  # bare trafilatura loses it too


CARD = ("Divers on the north coast have found the wreck of a ferry that sank off the point in 1911, the harbour "
        "trust said on Friday.")
CARD2 = ("The ferry company will add a second boat to the summer timetable if the repairs to the pier are done "
         "before the first of May.")


def test_teaser_cards_are_left_as_they_were(monkeypatch):
    # a card grid right before the story (sibling boxes named as a teaser's text), a card with a linked
    # title over its paragraphs, a teaser box with no story after it, a box named 'teaser' alone before
    # the story: the stage leaves each page as it was
    grid = "".join(f"<div class='teaser-text'><p>{c}</p><p>{c2}</p></div>" for c, c2 in ((CARD, CARD2), (CARD2, CARD)))
    titled = (f"<div class='teaser-content'><h3><a href='/2026/12/wreck'>Wreck found off the point</a></h3><p>{CARD}</p>"
              f"<p>{CARD2}</p></div>")
    lone = page(_ps(0, 1) + f"<div class='teaser-content'><p>{CARD}</p><p>{CARD2}</p></div><div class='note'><p>More soon."
                "</p></div>")
    plain = _teaser("<div class='teaser'>" + _ps(0, 1) + "</div>")  # a box named 'teaser' alone: a summary, stays out
    pages = [_teaser(grid), _teaser(titled), lone, plain]
    now = [paragraphs(html) for html in pages]
    monkeypatch.setattr(teaserlead, "TEASER_LEADS", False)
    assert now == [paragraphs(html) for html in pages]
    assert CARD not in now[1] and CARD not in now[2] and now[3] == S[2:5]


# -- a headline shown only in a block named as the title, on a page with no <h1>: the title line kept
#    the <title>'s site name ("Harbour Trust: #PierWatch2026 | Hollin Gazette"), where bare trafilatura's
#    metadata gives the headline. Reports: https://github.com/sindresorhus/article-title/issues/1 (a video
#    page's ``watch-title``), https://github.com/kingname/GeneralNewsExtractor/issues/72 (a portal's title
#    of several pieces) --

HASHTAG = "Harbour Trust: #PierWatch2026"
PIECES = "Pier notes: from the cafe to the cloud | an interview unlike the others"


def _video() -> str:
    return _bare_page(f"<main><div class='video-info'><div class='watch-title'>{HASHTAG}</div></div>"
                      f"<div class='description'>{_ps(0, 1, 2)}</div></main>", title=HASHTAG)


def _portal(name: str = "article-title") -> str:
    return _bare_page(f"<main><div class='article-head'><div class='{name}'>{PIECES}</div></div>"
                      f"<div class='article-content'>{_ps(0, 1, 2)}</div></main>", title=PIECES)


def test_a_headline_in_a_titled_block_is_the_title():
    assert _title(_video()) == HASHTAG
    assert _title(_portal()) == PIECES
    assert paragraphs(_portal()) == S[:3]
    assert _title(_portal("headline")) == PIECES  # a <div> named "headline"


def test_without_the_switch_the_title_keeps_the_site_name(monkeypatch):
    monkeypatch.setattr(titleblock, "TITLED_BLOCKS", False)
    assert _title(_video()) == f"{HASHTAG} | Hollin Gazette"
    assert _title(_portal()) == f"{PIECES} | Hollin Gazette"
    assert trafilatura.bare_extraction(_video(), url=URL, with_metadata=True).title == HASHTAG  # bare's is right


def test_blocks_named_for_the_site_or_a_card_are_no_headline():
    site = "The Hollin Gazette and North Coast Advertiser"
    head = "Pier works begin in the spring"
    html = ("<!DOCTYPE html><html><head><title>" + f"{head} | {site}" + "</title></head><body><header>"
            f"<div class='site-title'>{site}</div></header><main>{{}}<div class='article-content'>{_ps(0, 1, 2)}"
            "</div></main></body></html>")
    # the site's name in its own titled block never becomes the title, with or without the story's block
    assert _title(html.format("")) == f"{head} | {site}"
    assert _title(html.format(f"<div class='story-title'>{head}</div>")) == head
    # a card's or a section's titled block reading the headline: not the story's
    for name in ("card-title", "section-title", "widget-title"):
        assert _title(html.format(f"<div class='{name}'>{head}</div>")) == f"{head} | {site}", name


def test_a_page_with_an_h1_keeps_its_title():
    html = _bare_page(f"<main><article><h1>{TITLE}</h1><div class='article-title'>Ferry pier</div>{_ps(0, 1)}"
                      "</article></main>")
    assert _title(html) == TITLE
    # an <h1> that is not the <title>'s piece, and a block named 'headline' holding the site's name (WCXB dev
    # 0256's shape): the site's name never becomes the title, the <h1> leads the text as shown
    site = "Hollin Gazette North Coast"
    html = ("<!DOCTYPE html><html><head><title>Ferry pier repairs explained | " + site + "</title></head><body><main>"
            f"<h1>What the pier repairs mean for you</h1>{_ps(0, 1)}<div class='Blocks_block'><div class='Blocks_headline'>"
            f"{site}</div><p>Local news since 1888.</p></div></main></body></html>")
    assert _title(html) == "What the pier repairs mean for you"


# -- an e-mail-this-story form's status and error lines inside the article: the form's messages
#    ("Your email has been sent.", "You can't enter more than 20 emails.") were kept as text, in bare
#    trafilatura before the story. Report: https://github.com/grangier/python-goose/issues/143 --

FORM = ("<div class='emailForm'><p class='emailSuccess'>Your email has been sent.</p><p class='emailError'>An error "
        "has occurred and your email has not been sent. Please try again.</p><ul class='emailErrors'><li>You can't "
        "enter more than 20 emails.</li><li>You must enter the verification code below to send.</li><li>Invalid "
        "entry: Please type the verification code again.</li></ul></div>")


def test_an_email_forms_messages_go():
    assert paragraphs(page(FORM + _ps(0, 1, 2, 3))) == S[:4]
    assert paragraphs(page(_ps(0, 1) + FORM + _ps(2, 3))) == S[:4]


def test_without_the_rule_the_messages_stay(monkeypatch):
    without_paragraph_rule(monkeypatch, "email-form-message")
    assert "Your email has been sent." in paragraphs(page(FORM + _ps(0, 1, 2, 3)))
    assert "Your email has been sent." in bare(page(FORM + _ps(0, 1, 2, 3)))


def test_sentences_about_emails_stay():
    said = ["The trust said your email has been sent to the ferry company and will be answered within a week.",
            "An error has occurred in the pier's records, the engineer said, and the survey will be repeated.",
            "Residents who cannot enter more than one objection online can write to the trust instead."]
    html = page(_ps(0, 1) + "".join(f"<p>{s}</p>" for s in said) + _ps(2, 3))
    assert paragraphs(html) == [S[0], S[1], *said, S[2], S[3]]


# -- this round's probes that archiver passed (each with its report) --

WORDS = ["No one at the trust expected the cracks to be so deep.", "The harbour trust will publish the divers' report next week."]
REACTIONS = [
    "I have been taking the ferry from that pier for twenty years and I am not surprised at all that the piles are going, "
    "the whole structure shakes whenever the big boat comes in.",
    "The trust should have spent the money ten years ago when the first survey said the same thing, instead of painting "
    "the railings every spring and calling it maintenance.",
    "Does anyone know whether the summer timetable will still run from the old slipway, or will we all have to drive "
    "round to the north quay for the next three months?",
    "My grandfather helped build that pier after the war and he always said the timber under the water was the best "
    "that could be bought at the time, so I am sad to see it go."]
REACT = "<div id='reacties'><h2>Reacties (4)</h2>" + "".join(
    f"<div class='reactieContainer'><div class='reactie'><div class='reactieHeader'><a href='/u/{i}'>user{i}</a> 3 December "
    f"2026 10:{i}2</div><div class='reactieBody'><p>{c}</p></div></div></div>" for i, c in enumerate(REACTIONS)) + "</div>"
NEXT = ["The town's new library opened its doors on Saturday to more than four hundred visitors, many of them children "
        "who had waited since the old building closed in the spring.",
        "The council said the building had cost less than planned, and that the reading room on the top floor would stay "
        "open until nine o'clock every weekday evening.",
        "Volunteers will run a homework club there from January, and the first author talks are already booked for the "
        "spring term."]
BULLETS = ["Pile 4 will be replaced in January.", "Pile 6 will be wrapped in steel.", "The walkway will be relaid in March."]
BIO = ["Mara Quenby has covered the harbour for the Gazette since 2004, and before that reported on shipping and fisheries "
       "for the Hollin Weekly, the Northern Mariner and a string of trade papers along the coast.",
       "She is the author of three books on the ferries of the north coast, the most recent of which won the county "
       "history prize in 2022, and she speaks regularly at maritime festivals and in schools.",
       "She lives above the old chandlery on Harbour Row with two cats and a collection of ship models, and she still "
       "swims off the north quay every morning from May to October."]
MORE = ["Protesters gather at the north quay as the harbour trust meets to discuss the future of the old ferry pier",
        "Ferry passengers face three months of diversions while the harbour trust replaces the cracked piles",
        "Divers describe what they found beneath the Hollin ferry pier during the autumn survey of its piles"]
MORE_LINKS = "<h4>Read more stories</h4>" + "".join(
    f"<p><a title='{m}' rel='bookmark' href='/2026/12/s{i}'>{m}</a></p>" for i, m in enumerate(MORE))
EMPHASIS = ["The trust's engineer called the damage <em>worse than expected</em> after the second dive.",
            "The pier will <em>not</em> reopen before the spring timetable begins."]
COLON_TITLE = "Pile 4 : what the divers found under the ferry pier"
ASPNET = ("<!DOCTYPE html><html><head><title>" + TITLE + " | Hollin Gazette</title></head><body><form method='post' "
          "action='./story.aspx?id=5' id='aspnetForm'><input type='hidden' name='__VIEWSTATE' value='abc'><div id='header'>"
          "<a href='/'>Hollin Gazette</a><ul class='menu'><li><a href='/news'>News</a></li><li><a href='/sport'>Sport</a>"
          f"</li></ul></div><div id='content'><div class='news-detail'><h1>{TITLE}</h1><div class='news-text'>"
          f"{_ps(0, 1, 2, 3)}</div></div></div><div id='footer'>Hollin Gazette, 9 Harbour Row.</div></form></body></html>")

PASSED = {
    # https://github.com/TeamHG-Memex/html-text/issues/16: a word split across inline elements
    "word-split-inline": (page(_ps(0) + "<p><span class='initial'>N</span>o one at the trust expected the cracks to be so "
                               "deep.</p><p>The <strong>harb</strong>our trust will publish the divers' report next week.</p>"
                               + _ps(1)), [S[0], *WORDS, S[1]]),
    # https://github.com/Strumenta/SmartReader/issues/64: a short article (an image inside its first <p>), a longer thread of reactions
    "short-article-long-reactions": (_bare_page(
        "<div id='layout'><div class='articleColumn'><div class='headingContent'><header class='title'><h1><span>"
        f"{TITLE}</span></h1></header></div><div class='articleContent'><div class='article largeWidth'><p><img "
        f"class='alignRight' src='/logo.png' alt='Trust logo'>{S[0]}</p>{_ps(1, 2)}</div></div>{REACT}</div></div>"), S[:3]),
    # https://github.com/Ranchero-Software/NetNewsWire/issues/2614: the next post loaded below the article
    "next-post-preloaded": (_bare_page(
        f"<main><article class='post'><h1>{TITLE}</h1>{_ps(0, 1, 2)}</article><div class='next-post-wrap' "
        "data-next='/2026/12/library'><article class='post'><h1><a href='/2026/12/library'>Library opens to record "
        "crowds</a></h1>" + "".join(f"<p>{t}</p>" for t in NEXT) + "</article></div></main>"), S[:3]),
    # https://github.com/codelucas/newspaper/issues/50: a bulleted list between the paragraphs
    "bullets-in-article": (page(_ps(0, 1) + "<ul>" + "".join(f"<li>{b}</li>" for b in BULLETS) + "</ul>" + _ps(2)),
                           [S[0], S[1], *(f"- {b}" for b in BULLETS), S[2]]),
    # https://github.com/andreskrey/readability.php/issues/29: each paragraph in a component wrapper of its own, an ad between
    "component-per-paragraph": (_bare_page(
        f"<main><div class='articleBodyText section'><h1>{TITLE}</h1>" + "".join(
            f"<div class='component article-body-text'><div class='component-content'><p>{S[i]}</p></div></div>"
            + ("<div class='component html'><div class='component-content'><div class='ad-slot'>Advertisement</div>"
               "</div></div>" if i == 2 else "") for i in range(6)) + "</div></main>"), S[:6]),
    # https://github.com/codelucas/newspaper/issues/107: the headline repeated as an <h1> in the body's wrapper
    "title-h1-in-body": (_bare_page(f"<main><header class='post-header'><h1 class='entry-title'>{TITLE}</h1><p "
                                    f"class='byline'>By Mara Quenby</p></header><div class='entry-content'><h1>{TITLE}"
                                    f"</h1>{_ps(0, 1, 2)}</div></main>"), S[:3]),
    # https://github.com/mozilla/readability/issues/286: the first paragraph in story-body-1, the rest in story-body-2, an ad between
    "story-body-1-2": (page(f"<div class='story-body story-body-1'><p class='story-body-text story-content'>{S[0]}</p></div>"
                            "<div class='ad inline-ad'><div>Advertisement</div></div><div class='story-body story-body-2'>"
                            + "".join(f"<p class='story-body-text story-content'>{S[i]}</p>" for i in range(1, 5))
                            + "</div>"), S[:5]),
    # https://github.com/wallabag/wallabag/issues/200: an old BBC story body (date, headline, captioned image, intro paragraph)
    "bbc-story-body": (_bare_page(
        "<div id='main-content'><div class='layout-block-a'><div class='story-body'><span class='story-date'><span "
        f"class='date'>3 December 2026</span></span><h1 class='story-header'>{TITLE}</h1><div class='caption body-width'>"
        "<img src='/a.jpg' alt='' width='464'><p>The pier at dawn</p></div><p class='introduction' id='story_continues_1'>"
        f"{S[0]}</p>{_ps(1, 2, 3)}</div></div></div>"), S[:4]),
    # https://github.com/adbar/trafilatura/pull/898: the whole page in one ASP.NET <form>
    "aspnet-form-wrapper": (ASPNET, S[:4]),
    # https://github.com/adbar/trafilatura/pull/898: <br>-separated text in a <div> with an inline ad block
    "br-text-inline-ad": (_bare_page(f"<main><h1>{TITLE}</h1><div class='news-text'>{S[0]}<br><br>{S[1]}<br><br><div "
                                     "class='inline-ad'><ins class='adsbygoogle'></ins><span>Advertisement</span></div>"
                                     f"{S[2]}<br><br>{S[3]}</div></main>"), S[:4]),
    # https://github.com/mozilla/readability/issues/808: the article in <article>, a long author bio box after it
    "author-bio-after-article": (_bare_page(f"<div class='content'><article class='post'><h1>{TITLE}</h1>{_ps(0, 1, 2)}"
                                            "</article><div class='about-author'><h3>About Mara</h3>"
                                            + "".join(f"<p>{b}</p>" for b in BIO) + "</div></div>"), S[:3]),
    # https://github.com/mediacloud/backend/issues/41: a 'Read more stories' block of bookmark links after the article
    "read-more-bookmark-links": (_bare_page(f"<div id='main'><div class='entry'><h1>{TITLE}</h1>{_ps(0, 1, 2)}</div>"
                                            f"<div class='more-stories'>{MORE_LINKS}</div></div>"), S[:3]),
    "read-more-bookmark-links-unnamed": (_bare_page(f"<div id='main'><div class='entry'><h1>{TITLE}</h1>{_ps(0, 1, 2)}"
                                                    f"<div>{MORE_LINKS}</div></div></div>"), S[:3]),
    # https://github.com/mediacloud/backend/issues/339: a player's template words (media_width ...) in the body
    "player-template-words": (page(_ps(0, 1) + "<div class='media__video' data-video-id='pier'><template id='player-tpl'>"
                                   "<div class='player' data-w='{{media_width}}'>media_width media_height {{ video_title }}"
                                   "</div></template></div>" + _ps(2, 3)), S[:4]),
    # https://github.com/ageitgey/node-unfluff/issues/70: a sidebar box of short news links inside the article container
    "sidebar-inside-article": (page(_ps(0, 1) + "<div class='sidebar-box'><h4>Latest</h4><ul><li><a href='/a'>Pound slips "
                                    "against the euro</a></li><li><a href='/b'>Oil steady ahead of meeting</a></li><li><a "
                                    "href='/c'>Gold edges higher</a></li></ul></div>" + _ps(2, 3)), S[:4]),
    # https://github.com/mozilla/readability/issues/163: the byline twice, in the header and again atop the body
    "byline-twice": (_bare_page(f"<main><article><header><h1>{TITLE}</h1><div class='byline'><span class='author'>By <a "
                                "href='/author/mq'>Mara Quenby</a></span> <time>3 December 2026</time></div></header><div "
                                "class='entry'><p class='byline'>By <a href='/author/mq'>Mara Quenby</a> | December 3, 2026 "
                                f"| 4 min read</p>{_ps(0, 1, 2)}</div></article></main>"), S[:3]),
    # https://github.com/buriy/python-readability/issues/143: each paragraph a <div><span> with an <em> inside
    "div-span-em-paragraphs": (page("".join(f"<div class='testo'><span> {e} </span></div>" for e in EMPHASIS) + _ps(0)),
                               [e.replace("<em>", "").replace("</em>", "") for e in EMPHASIS] + [S[0]]),
    # https://github.com/adbar/trafilatura/issues/159: the body cut by a full-bleed ad row, the rest in a sibling of its class
    "body-after-full-bleed-ad": (page(f"<div class='body__inner-container'>{_ps(0, 1, 2)}</div><div class='BaseWrap-sc "
                                      "RowWrapper-eg full-bleed-ad row-mid-content-ad'><div class='ad__slot'>Advertisement"
                                      f"</div></div><div class='body__inner-container'>{_ps(3, 4, 5)}</div>"), S[:6]),
}

TITLES = {
    # https://github.com/sindresorhus/article-title/issues/2: a sidebar teaser <article> with its own <h1> before the story's
    "sidebar-teaser-h1": (_bare_page(
        "<div class='wrap'><nav class='nav-sidebar'><h3 class='heading-section'><a href='#'>Featured</a></h3><article "
        "class='item blurb'><a href='/mag/keeper'><img src='/k.jpg' alt=''></a><h1><a href='/mag/keeper'>Magazine read: "
        f"the last lighthouse keeper</a></h1></article></nav><div id='main-article'><h1 class='heading-story'>{TITLE}</h1>"
        f"<div class='article-body'>{_ps(0, 1, 2)}</div></div></div>"), TITLE, S[:3]),
    # https://github.com/mozilla/readability/issues/295: a title with ' : ' after a short first word
    "title-space-colon": (_bare_page(f"<main><article><h1>{COLON_TITLE}</h1>{_ps(0, 1, 2)}</article></main>",
                                     title=COLON_TITLE), COLON_TITLE, S[:3]),
    # https://github.com/ZachSaucier/Just-Read/issues/134: the <h1> in one container, the body with <h2>s in a cousin
    "h1-cousin-of-body": (_bare_page(
        f"<div class='page'><div class='head-col'><div class='head-inner'><h1>{TITLE}</h1></div></div><div class='body-col'>"
        f"<div class='body-inner'><h2>What the divers found</h2>{_ps(0, 1)}<h2>What happens next</h2>{_ps(2, 3)}</div></div>"
        "</div>"), TITLE, ["What the divers found", S[0], S[1], "What happens next", S[2], S[3]]),
}


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name


def test_passed_title_probes_stay_passed():
    for name, (html, title, want) in TITLES.items():
        result = extract(html, URL)
        assert (result.title_line, [" ".join(p.split()) for p in result.paragraphs]) == (title, want), name


def test_a_closing_references_section_goes_by_convention():
    # https://github.com/mozilla/readability/issues/228 asks for a wiki's references in the reader view; the
    # sources-tail rule takes a closing 'References' section (the wiki-news convention), as bare does
    html = page(_ps(0, 1) + "<h2><span class='mw-headline' id='References'>References</span></h2><div class='reflist'>"
                "<ol class='references'><li id='cite_note-1'><span class='mw-cite-backlink'><a href='#cite_ref-1'>^</a>"
                "</span> <span class='reference-text'>Hollin Harbour Trust, annual survey, 2025.</span></li></ol></div>")
    assert paragraphs(html) == S[:2]
