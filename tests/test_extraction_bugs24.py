"""Failure kinds from public bug reports against readers' and feeds' copies of news sites and blogs,
read from the trackers of the plugins and CMSs that print the furniture (star ratings, view counters,
share and like buttons written into the post's content) and of the readers and sites around them,
twenty-fourth round (bug24).

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


# -- a star-rating plugin's text where its classes are gone (an excerpt, a feed's copy, a reposting site):
#    kk Star Ratings' legend heading the excerpt ('4.3 / 5 ( 15 votes ) Una ricetta ...':
#    https://github.com/surveywp/kk-star-ratings/issues/105), WP-PostRatings' '(No Ratings Yet)' and its
#    votes line (https://github.com/lesterchan/wp-postratings/issues/132), Rate My Post's widget lines.
#    Paragraph rule rating-widget-line --

RATING_TOP = "4.3/5 - (15 votes)"
RATING_TAIL = ("How useful was this post?", "Click on a star to rate it!", "Submit Rating",
               "No votes so far! Be the first to rate this post.", "(3 votes, average: 4.67 out of 5)")


def test_a_rating_widgets_lines_go():
    assert paragraphs(page(_lines(RATING_TOP) + ps(0, 1, 2, 3))) == S[:4]
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines(*RATING_TAIL))) == S[:4]
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines("(No Ratings Yet)", "Average rating 4.5 / 5. Vote count: 12"))) == S[:4]


def test_without_the_rule_the_rating_lines_stay(monkeypatch):
    html = page(_lines(RATING_TOP) + ps(0, 1, 2, 3) + _lines(*RATING_TAIL))
    assert RATING_TOP in bare(html) and RATING_TAIL[0] in bare(html)  # bare trafilatura keeps them too
    without_paragraph_rule(monkeypatch, "rating-widget-line")
    assert paragraphs(html) == [RATING_TOP, *S[:4], *RATING_TAIL]


def test_ratings_written_as_sentences_stay():
    looks = ["Rating: 4 out of 5.", "We give the new slip 4 out of 5.",
             "The vote was 4/5 (15 votes) in favour of the plan.",
             "No ratings yet for the new ferry, the operator said.",
             "How useful was this post to the divers, the harbour master asked in his letter to the council?"]
    pattern = _pattern("rating-widget-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- a post's share and like buttons written into its content and flattened to one line of labels where
#    the markup is gone: Jetpack's sharing buttons in a posts block's excerpt
#    (https://github.com/gambitph/Stackable/issues/1179) and on excerpts generally
#    (https://github.com/Automattic/jetpack/pull/3296); WPSocialite's buttons as plain text on a category
#    page ('Share on FacebookShare on Twitter...Pin It!': https://github.com/tmort/wpsocialite/issues/4).
#    Paragraph rule flattened-share-line --

FLAT = ("Share this:TwitterFacebookLike this:Like Loading...", "Share this: Twitter Facebook",
        "Share on FacebookShare on TwitterShare on Google+Share on LinkedInPin It!")


def test_a_flattened_share_line_goes():
    for line in FLAT:
        assert paragraphs(page(ps(0, 1, 2, 3) + _lines(line))) == S[:4], line
    assert paragraphs(page(ps(0, 1, 2, 3) + _lines("Share this: Twitter Facebook", "Like this: Like Loading..."))) == S[:4]


def test_without_the_rule_the_share_line_stays(monkeypatch):
    html = page(ps(0, 1, 2, 3) + _lines(FLAT[0]))
    assert FLAT[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "flattened-share-line")
    assert paragraphs(html) == [*S[:4], FLAT[0]]


def test_sentences_naming_networks_stay():
    looks = ["Share this: the council wants photos of the slip on Facebook.", "Twitter Facebook",
             "Like this: a pier that has stood for 180 years.", "Pin it", "Print Email More"]
    pattern = _pattern("flattened-share-line")
    for line in looks:
        assert not pattern.search(line), line
    got = paragraphs(page(ps(0, 1) + _lines(looks[0], looks[2]) + ps(2, 3)))
    assert got == [*S[:2], looks[0], looks[2], *S[2:4]]


# -- a post-views plugin's counter printed into the post under its label ('Post Views: 1,234', the
#    [post-views] shortcode: https://github.com/dfactoryplugins/post-views-counter/issues/10), read as the
#    first line. Paragraph rule views-label-line --

VIEWS = ("Post Views: 1,234", "Views: 532", "Aufrufe: 1.234", "Vues : 1 234", "Visualizações: 532")


def test_a_views_label_line_goes():
    for line in VIEWS:
        assert paragraphs(page(_lines(line) + ps(0, 1, 2, 3))) == S[:4], line


def test_without_the_rule_the_views_line_stays(monkeypatch):
    html = page(_lines(VIEWS[0]) + ps(0, 1, 2, 3))
    assert VIEWS[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "views-label-line")
    assert paragraphs(html) == [VIEWS[0], *S[:4]]


def test_views_sentences_stay():
    looks = ["Views: the harbour from the pier at dusk", "Hits: 12 boats struck the pier wall in 2025"]
    pattern = _pattern("views-label-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- the marker a Swedish-, Finnish- or Norwegian-language CMS writes where an ad interrupts the body
#    ('Artikeln fortsätter efter annonsen'; the ads placed inside longer articles' bodies:
#    https://github.com/KSF-Media/affresco/pull/1317), and the Spanish 'después del anuncio'.
#    Paragraph rule ad-continuation-i18n, widened --

MARKERS = ("Artikeln fortsätter efter annonsen", "Artikkeli jatkuu mainoksen jälkeen",
           "Artikkelen fortsetter etter annonsen", "El artículo continúa después del anuncio")


def test_nordic_ad_continuation_markers_go():
    for line in MARKERS:
        assert paragraphs(page(ps(0, 1) + _lines(line) + ps(2, 3))) == S[:4], line


def test_without_the_rule_the_marker_stays(monkeypatch):
    html = page(ps(0, 1) + _lines(MARKERS[0]) + ps(2, 3))
    assert MARKERS[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "ad-continuation-i18n")
    assert paragraphs(html) == [*S[:2], MARKERS[0], *S[2:4]]


def test_sentences_going_on_stay():
    looks = ["Artikeln fortsätter med att utforska hamnens historia och framtida konsekvenser.",
             "El artículo continúa después del anuncio del consejo con una lista de las obras."]
    pattern = _pattern("ad-continuation-i18n")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- a post's reading time in the languages the rule did not read: an Italian municipal theme prints
#    'Tempo di lettura' on every news item (https://github.com/italia/design-comuni-wordpress-theme/issues/173);
#    Dutch, Polish, Nordic, Finnish, Turkish and Russian themes likewise. Paragraph rule reading-time, widened --

READING = ("Tempo di lettura: 3 minuti", "Leestijd: 3 minuten", "Czas czytania: 4 min", "Lästid: 3 min",
           "Okuma süresi: 4 dakika", "Время чтения: 5 минут")


def test_reading_times_in_more_languages_go():
    for line in READING:
        assert paragraphs(page(_lines(line) + ps(0, 1, 2, 3))) == S[:4], line


def test_without_the_rule_the_reading_time_stays(monkeypatch):
    html = page(_lines(READING[0]) + ps(0, 1, 2, 3))
    assert READING[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "reading-time")
    assert paragraphs(html) == [READING[0], *S[:4]]


def test_reading_time_sentences_stay():
    looks = ["Tempo di lettura stimato dal comune: due settimane per ogni domanda.", "Leestijd is belangrijk voor 3 redenen, zegt de raad."]
    pattern = _pattern("reading-time")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- a theme's 'Posted on' printing the published and the updated <time> side by side (the updated one
#    hidden by the theme's CSS), read as one line where the CSS is not applied: 'Posted on September 10,
#    2013September 12, 2013' (https://github.com/Automattic/_s/issues/310), Melody's two dates mushed into
#    one (https://github.com/Automattic/themes/issues/4433). Paragraph rule glued-dates-line --

GLUED = ("Posted on December 1, 2026December 3, 2026", "December 1, 2026December 3, 2026 by admin", "1 December 2026 3 December 2026")


def test_glued_dates_go():
    for line in GLUED:
        assert paragraphs(page(_lines(line) + ps(0, 1, 2, 3))) == S[:4], line


def test_without_the_rule_the_glued_dates_stay(monkeypatch):
    html = page(_lines(GLUED[0]) + ps(0, 1, 2, 3))
    assert GLUED[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "glued-dates-line")
    assert paragraphs(html) == [GLUED[0], *S[:4]]


def test_date_ranges_and_sentences_stay():
    looks = ["From December 1, 2026 to December 3, 2026 the slip is closed.", "December 1, 2026: divers at work; December 3, 2026: stones reset."]
    pattern = _pattern("glued-dates-line")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- a related-posts block's title left alone as a line once its links went, in more languages: a Japanese
#    theme printing its related posts under each post (https://github.com/vektor-inc/biz-vektor/issues/77),
#    Jetpack's Related Posts block and its translations (https://github.com/Automattic/jetpack/issues/3235).
#    Paragraph rule related-label-more-languages --

RELATED = ("Articoli correlati", "Ähnliche Beiträge", "Gerelateerde artikelen", "Powiązane artykuły", "Relaterade artiklar",
           "Berita Terkait", "Artigos relacionados", "Articles liés", "İlgili Haberler", "Похожие статьи", "相关文章", "関連する記事")


def test_related_titles_in_more_languages_go():
    for line in RELATED:
        assert paragraphs(page(ps(0, 1, 2, 3) + _lines(line))) == S[:4], line


def test_without_the_rule_the_related_title_stays(monkeypatch):
    html = page(ps(0, 1, 2, 3) + _lines(RELATED[0]))
    assert RELATED[0] in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "related-label-more-languages")
    assert paragraphs(html) == [*S[:4], RELATED[0]]


def test_sentences_about_related_things_stay():
    looks = ["Articoli correlati alla riforma del porto sono stati pubblicati ieri.", "Ähnliche Beiträge zahlte der Rat schon 2019."]
    pattern = _pattern("related-label-more-languages")
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + _lines(*looks) + ps(2, 3))) == [*S[:2], *looks, *S[2:4]]


# -- this round's probes that archiver already passed (each page's report above it) --

PASSED: dict[str, tuple[str, list[str]]] = {}
# mozilla-mobile/firefox-ios#9300: the reader view picked an advertiser disclosure heading the post
PASSED["advertiser-disclosure-first"] = (page(
    "<div class='advertiser-disclosure'><p>This post contains references to products from one or more of our advertisers. "
    "We may receive compensation when you click on links to those products. Terms apply to the offers listed on this page. "
    "For an explanation of our Advertising Policy, visit this page.</p></div>" + ps(0, 1, 2, 3)), S[:4])

# Automattic/_s#310: a theme's 'Posted on' printing the published and updated dates run together
PASSED["two-dates-mushed"] = (bare_page(
    f"<main id='main'><article class='post type-post'><header class='entry-header'><h1 class='entry-title'>{TITLE}</h1>"
    "<div class='entry-meta-row'><span class='posted-date'>Posted on <a href='/2026/12/ferry-slip' rel='bookmark'><time class='entry-date published' "
    "datetime='2026-12-01'>December 1, 2026</time><time class='updated' datetime='2026-12-03'>December 3, 2026</time></a></span>"
    f"<span class='writer'> by <a href='/author/niamh'>Niamh Daly</a></span></div></header><div class='entry-content'>{ps(0, 1, 2, 3)}</div></article></main>"), S[:4])

# Automattic/themes#4433: the same two dates mushed into one meta line ('December 1, 2026December 3, 2026')
PASSED["melody-two-dates"] = (bare_page(
    f"<main><article class='post'><h1 class='entry-title'>{TITLE}</h1><div class='post-info'>December 1, 2026December 3, 2026</div>"
    f"<div class='post-content'>{ps(0, 1, 2, 3)}</div></article></main>"), S[:4])

# nextcloud/news#714: a full-text fetch read a German consent wall ('... mit Werbung', 'Pur – werbefrei') beside the story
PASSED["consent-wall-de"] = (bare_page(
    f"<main><article><h1>{TITLE}</h1>{ps(0, 1, 2, 3)}</article></main><div class='consent-layer' id='paywall-consent'>"
    "<h2>kilrush-herald.example mit Werbung</h2><p>Besuchen Sie kilrush-herald.example wie gewohnt mit Werbung und Tracking. "
    "Details zu Werbe- und Trackingverfahren finden Sie in den Datenschutzhinweisen und im Privacy Center.</p>"
    "<button>Einverstanden</button><h2>Kilrush Herald Pur – werbefrei</h2><p>Lesen Sie alle Artikel ohne Werbung und ohne "
    "Tracking für 2,99 € im Monat. Jederzeit kündbar.</p><a href='/abo'>Jetzt abonnieren</a></div>"), S[:4])

# pictuga/morss#128: the body held in divs classed subscriber-only, hidden by the site's CSS
PASSED["subscriber-only-divs"] = (page(
    ps(0, 1) + "<div class='subscriber-only encrypted-content'>" + ps(2, 3) + "</div><div class='subscriber-only'>" + ps(4, 5) + "</div>"),
    S[:6])

# vaka-id/berita_baik_webapp#28: an Indonesian 'Baca Juga:' link line inside the body
PASSED["baca-juga-id"] = (page(
    ps(0, 1) + "<p><strong>Baca Juga:</strong> <a href='/2026/11/dermaga'>Dermaga Kilrush Ditutup Sementara</a></p>" + ps(2, 3)), S[:4])

# civio/quienmanda#103: a Spanish 'Artículos relacionados' list closing the post
PASSED["articulos-relacionados-es"] = (page(
    ps(0, 1, 2, 3) + "<section class='related-posts'><h3>Artículos relacionados</h3><ul><li><a href='/a'>El muelle cierra por obras</a></li>"
    "<li><a href='/b'>Los buzos revisan las piedras</a></li><li><a href='/c'>El consejo aprueba el presupuesto</a></li></ul></section>"), S[:4])

# guardian/frontend#8778: an ad slot's 'Advertisement' label between paragraphs
PASSED["advertisement-label-slot"] = (page(
    ps(0, 1) + "<div class='ad-slot-container'><div class='ad-slot__label'>Advertisement</div><div id='dfp-ad--inline1' class='js-ad-slot'></div></div>"
    + ps(2, 3)), S[:4])

# warfare-plugins/social-warfare#3: Social Warfare's share buttons and counts heading the post
PASSED["social-warfare-counts-top"] = (page(
    "<div class='swp_social_panel swp_horizontal_panel swp_flat_fresh'><div class='nc_tweetContainer swp_share_button total_shares'>"
    "<span class='swp_count'>47 <span class='swp_label'>Shares</span></span></div><div class='nc_tweetContainer swp_share_button swp_facebook'>"
    "<a class='nc_tweet' href='https://www.facebook.com/share.php?u=x'><span class='swp_count'>31</span><span class='swp_share'>Share</span></a></div>"
    "<div class='nc_tweetContainer swp_share_button swp_twitter'><a class='nc_tweet' href='https://twitter.com/intent/tweet'><span class='swp_count'>16</span>"
    "<span class='swp_share'>Tweet</span></a></div></div>" + ps(0, 1, 2, 3)), S[:4])

# tmort/wpsocialite#4: WPSocialite's share list under the post (as markup)
PASSED["socialite-plain-share-list"] = (page(
    ps(0, 1, 2, 3) + "<ul class='wpsocialite social-buttons large'><li><a href='http://www.facebook.com/sharer.php?u=x' class='socialite facebook-like'>"
    "Share on Facebook</a></li><li><a href='http://twitter.com/share' class='socialite twitter-share'>Share on Twitter</a></li><li>"
    "<a href='https://plus.google.com/share?url=x' class='socialite googleplus-one'>Share on Google+</a></li><li><a href='http://www.linkedin.com/shareArticle' "
    "class='socialite linkedin-share'>Share on LinkedIn</a></li><li><a href='http://pinterest.com/pin/create/button/' class='socialite pinterest-pinit'>Pin It!</a></li></ul>"),
    S[:4])

# gambitph/Stackable#1179: Jetpack's likes block ('Like this:', 'Loading...') under the post (as markup)
PASSED["jetpack-likes-loading"] = (page(
    ps(0, 1, 2, 3) + "<div id='jp-post-flair-x' class='jp-flair-wrap'><div class='sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded' "
    "id='like-post-wrapper-1' data-name='like-post-frame'><h3 class='sd-title'>Like this:</h3><div class='likes-widget-placeholder post-likes-widget-placeholder'>"
    "<span class='button'><span>Like</span></span> <span class='loading'>Loading...</span></div><span class='sd-text-color'></span><a class='sd-link-color'></a></div></div>"), S[:4])

# Automattic/jetpack#3296: Jetpack's sharing block ('Share this:') under the post (as markup)
PASSED["jetpack-sharing-excerpt"] = (page(
    ps(0, 1, 2, 3) + "<div class='sd-sharing-enabled'><div class='robots-nocontent sd-block sd-social sd-social-icon-text'><h3 class='sd-title'>Share this:</h3>"
    "<div class='sd-content'><ul><li><a href='?share=twitter' class='share-twitter sd-button'><span>Twitter</span></a></li><li><a href='?share=facebook' "
    "class='share-facebook sd-button'><span>Facebook</span></a></li></ul></div></div></div>"), S[:4])

# Automattic/jetpack#3235: Jetpack's Related Posts block under the post
PASSED["jetpack-related-posts"] = (page(
    ps(0, 1, 2, 3) + "<div id='jp-relatedposts-x' class='jp-related-posts-i2'><h3 class='jp-related-posts-i2__heading'>Related</h3><ul class='jp-related-posts-i2__list'>"
    "<li class='jp-related-posts-i2__post'><a class='jp-related-posts-i2__post-link' href='/a'>Divers begin work on the pier</a><dl><dt>Date</dt><dd>November 2, 2026</dd>"
    "<dt>Context</dt><dd>In \"Harbour\"</dd></dl></li><li class='jp-related-posts-i2__post'><a class='jp-related-posts-i2__post-link' href='/b'>Council sets repair budget</a>"
    "<dl><dt>Date</dt><dd>October 20, 2026</dd><dt>Context</dt><dd>In \"Council\"</dd></dl></li></ul></div>"), S[:4])

# mozilla/readability#424: MediaWiki's '[edit source]' links in the section headings
PASSED["wiki-edit-source-links"] = (bare_page(
    f"<div id='content' class='mw-body'><h1 id='firstHeading'>{TITLE}</h1><div id='bodyContent'><div class='mw-parser-output'>{ps(0, 1)}"
    "<h2><span class='mw-headline' id='Repairs'>Repairs</span><span class='mw-editsection'><span class='mw-editsection-bracket'>[</span>"
    "<a href='/w/index.php?title=Ferry&amp;action=edit&amp;section=1' title='Edit section: Repairs'>edit source</a><span class='mw-editsection-bracket'>]</span></span></h2>"
    f"{ps(2, 3)}</div></div></div>"), [*S[:2], "Repairs", *S[2:4]])

# mozilla/readability#106: a Wikipedia infobox table beside the text
PASSED["wiki-infobox"] = (bare_page(
    f"<div id='content' class='mw-body'><h1 id='firstHeading'>{TITLE}</h1><div id='bodyContent'><div class='mw-parser-output'>"
    "<table class='infobox vevent'><tbody><tr><th colspan='2' class='infobox-above'>Kilrush ferry slip</th></tr><tr><th class='infobox-label'>Built</th>"
    "<td class='infobox-data'>1842</td></tr><tr><th class='infobox-label'>Operator</th><td class='infobox-data'>Clare County Council</td></tr>"
    f"<tr><th class='infobox-label'>Length</th><td class='infobox-data'>120 m</td></tr></tbody></table>{ps(0, 1, 2, 3)}</div></div></div>"), S[:4])

# GoogleChrome/web.dev#6396: a hero image's 'Photo by ... on Unsplash' credit
PASSED["unsplash-hero-credit"] = (page(
    "<figure class='hero'><img src='/i/slip.jpg' alt='The ferry slip'><p class='hero-attr'>Photo by <a href='https://unsplash.com/@x'>Ciara Walsh</a> "
    "on <a href='https://unsplash.com'>Unsplash</a></p></figure>" + ps(0, 1, 2, 3)), S[:4])

# wallabag/wallabag#2998: an article cut after its first subtitle (parts in sibling divs)
PASSED["nextinpact-cut-after-subtitle"] = (bare_page(
    f"<main><article class='article'><h1>{TITLE}</h1><div class='article-intro'>{ps(0, 1)}</div><h2>The divers' report</h2>"
    f"<div class='article-content-part'>{ps(2, 3)}</div><h2>What happens next</h2><div class='article-content-part'>{ps(4, 5)}</div></article></main>"),
    [*S[:2], "The divers' report", *S[2:4], "What happens next", *S[4:6]])

# wallabag/wallabag#6949: only the first paragraph read (the body in two sections)
PASSED["wsj-first-paragraph-only"] = (bare_page(
    f"<main><article><h1>{TITLE}</h1><section class='article-body'><p data-type='paragraph'>{S[0]}</p></section>"
    f"<section class='article-body article-body--continued'>" + "".join(f"<p data-type='paragraph'>{s}</p>" for s in S[1:6]) + "</section></article></main>"), S[:6])

# nsh07/WikiReader#25: a data table inside the text dropped
PASSED["wiki-data-table"] = (page(
    ps(0, 1) + "<table class='wikitable'><tbody><tr><th>Year</th><th>Works</th></tr><tr><td>2024</td><td>Pier wall rebuilt</td></tr>"
    "<tr><td>2025</td><td>Slip resurfaced</td></tr></tbody></table>" + ps(2, 3)), [*S[:2], "| Year | Works |", "|---|---|", "| 2024 | Pier wall rebuilt |", "| 2025 | Slip resurfaced |", *S[2:4]])

# mdn/yari#5358: a documentation page in sections, its table last (the reader showed only the table)
PASSED["docs-sections-compat-table"] = (bare_page(
    f"<main id='content'><article class='main-page-content'><h1>{TITLE}</h1><section aria-labelledby='syntax'><h2 id='syntax'>Timetable</h2>"
    f"<div class='section-content'>{ps(0, 1)}</div></section><section aria-labelledby='notes'><h2 id='notes'>Notes</h2><div class='section-content'>{ps(2, 3)}"
    "</div></section><section aria-labelledby='compat'><h2 id='compat'>Sailings by month</h2><div class='bc-table-wrap'><table class='bc-table'><thead><tr><th>Month</th>"
    "<th>Sailings</th></tr></thead><tbody><tr><td>January</td><td>12</td></tr><tr><td>February</td><td>14</td></tr></tbody></table></div></section></article></main>"),
    [*S[:0], "Timetable", *S[:2], "Notes", *S[2:4], "Sailings by month", "| Month | Sailings |", "|---|---|", "| January | 12 |", "| February | 14 |"])

# KSF-Media/affresco#1317: an ad slot labelled 'ANNONS' and its continuation div inside a Swedish article
PASSED["annons-swedish-slot"] = (page(
    ps(0, 1) + "<div class='mosaico-ad'><div class='mosaico-ad__label'>ANNONS</div><div id='MOBMITT' class='ad-placeholder'></div></div>"
    "<div class='article-continues'>Artikeln fortsätter efter annonsen</div>" + ps(2, 3)), S[:4])

# Automattic/wp-calypso#8988: the Reader's 'More on WordPress.com' block after a post
PASSED["more-on-wordpress-block"] = (page(
    ps(0, 1, 2, 3) + "<div class='reader-related-card-v2__blocks'><h1 class='reader-related-card-v2__heading'>More on WordPress.com</h1><ul><li>"
    "<a href='/read/feeds/1/posts/2'><h2 class='reader-related-card-v2__title'>Morning light on the estuary</h2></a><div class='reader-related-card-v2__excerpt'>"
    "A photo walk along the estuary before the storm.</div></li><li><a href='/read/feeds/3/posts/4'><h2 class='reader-related-card-v2__title'>Knitting for the lifeboat crew</h2>"
    "</a><div class='reader-related-card-v2__excerpt'>The guild's winter project.</div></li></ul></div>"), S[:4])

# Automattic/wp-calypso#58031: a star rating block doubled in the Reader
PASSED["star-rating-block"] = (page(
    ps(0, 1) + "<figure class='wp-block-jetpack-rating-star' style='text-align:left'><span>★</span><span>★</span><span>★</span><span>★</span>"
    "<span class='is-rating-unfilled'>★</span><span class='screen-reader-text'>Rating: 4 out of 5.</span></figure>" + ps(2, 3)), S[:4])

KK = ("<div class='kk-star-ratings kksr-auto kksr-align-right kksr-valign-top' data-payload='{&quot;id&quot;:&quot;12&quot;}'><div class='kksr-stars'>"
      "<div class='kksr-stars-inactive'>" + "".join(f"<div class='kksr-star' data-star='{k}'><div class='kksr-icon'></div></div>" for k in range(1, 6))
      + "</div></div><div class='kksr-legend'><strong class='kksr-score'>4.3</strong><span class='kksr-muted'>/</span><strong>5</strong>"
      "<span class='kksr-muted'>(</span><strong class='kksr-count'>15</strong><span class='kksr-muted'>votes</span><span class='kksr-muted'>)</span></div></div>")

# surveywp/kk-star-ratings#105: kk Star Ratings' widget heading the post (as markup)
PASSED["kk-star-ratings-top"] = (page(KK + ps(0, 1, 2, 3)), S[:4])

RMP = ("<div class='rmp-widgets-container rmp-wp-plugin rmp-main-container js-rmp-widgets-container'><div class='rmp-rating-widget js-rmp-rating-widget'>"
       "<p class='rmp-heading rmp-heading--title'>How useful was this post?</p><p class='rmp-heading rmp-heading--subtitle'>Click on a star to rate it!</p>"
       "<div class='rmp-rating-widget__icons'><ul class='rmp-rating-widget__icons-list'>" + "".join(f"<li class='rmp-rating-widget__icons-list__icon' data-value='{k}'></li>" for k in range(1, 6))
       + "</ul></div><p class='rmp-rating-widget__hover-text'></p><button class='rmp-rating-widget__submit-btn rmp-btn'>Submit Rating</button>"
       "<p class='rmp-rating-widget__results js-rmp-results rmp-rating-widget__results--hidden'>Average rating <span class='js-rmp-avg-rating'>0</span> / 5. "
       "Vote count: <span class='js-rmp-vote-count'>0</span></p><p class='rmp-rating-widget__not-rated js-rmp-not-rated'>No votes so far! Be the first to rate this post.</p>"
       "<p class='rmp-rating-widget__msg js-rmp-msg'></p></div></div>")

# lesterchan/wp-postratings#132: a rating widget's '(No Ratings Yet)' and vote lines (as markup)
PASSED["rate-my-post-widget"] = (page(ps(0, 1, 2, 3) + RMP), S[:4])

PR = ("<div id='post-ratings-12' class='post-ratings' data-nonce='x'><img id='rating_12_1' src='/r/rating_off.gif' alt='1 Star' title='1 Star' class='post-ratings-image'>"
      "<img id='rating_12_2' src='/r/rating_off.gif' alt='2 Stars' title='2 Stars' class='post-ratings-image'> (No Ratings Yet)<br></div>"
      "<div id='post-ratings-12-loading' class='post-ratings-loading'><img src='/r/loading.gif' width='16' height='16' class='post-ratings-image'>Loading...</div>")

# lesterchan/wp-postratings#132: a rating widget's '(No Ratings Yet)' and vote lines (as markup)
PASSED["wp-postratings-no-ratings"] = (page(ps(0, 1, 2, 3) + PR), S[:4])

# Automattic/jetpack#3235: Jetpack's Related Posts title in Italian left as a heading after the post
PASSED["related-title-it-heading"] = (page(ps(0, 1, 2, 3) + "<h3>Articoli correlati</h3>"), S[:4])


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
