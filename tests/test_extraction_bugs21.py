"""Failure kinds from public bug reports against article extractors, twenty-first round (bug21).

Invented site and text (the Tamworth Courier), in the markup the reports show (the report is named
above each test or probe). Each fix has a twin test that switches it off and shows the fault is back,
and look-alikes that must stay as they were. The last test holds this round's probes that archiver
already passed, kept so they stay passed.
"""

from __future__ import annotations

import re

from rulekit import without_dom_rule, without_paragraph_rule
from storykit import Newsroom

from archiver.extraction.rules import rules_for

URL = "https://www.tamworth-courier.example/2026/12/ferry-pier"
TITLE = "Ferry pier to reopen after winter repairs"
SITE = Newsroom(URL, TITLE, "Tamworth Courier", "Nell Ashby", "9 Quay Row",
                "The harbour board said on Monday that section {i} of the ferry pier had been refitted with new timber "
                "and would open to foot passengers in March.", count=12)
S = SITE.sentences
page, bare_page, ps, paragraphs, bare = SITE.page, SITE.bare_page, SITE.ps, SITE.paragraphs, SITE.bare
DEK = "The harbour board expects the pier to carry its first passengers since the storm in early March."


# -- a share control's label left as a line of its own ("Share on Instagram", "Partager sur Instagram",
#    "Teilen auf Facebook"): a page builder writes its share links as linked headings (Elementor's heading
#    widget) between two parts of the body, and gaps puts a heading linking out back; archiver kept them
#    (bare trafilatura does not read the builder's headings at all). share-row and tool-row-i18n read the old
#    rows of bare network names, not a verb with a network. The list of share links heading a post:
#    https://github.com/katagaki/SakuraRSS/issues/122; the builder's headings: round 20's open lead.
#    Paragraph rule share-on-network (rules/generic.json) --

def _widget(inner: str, kind: str = "text-editor") -> str:
    return (f"<div class='elementor-element elementor-widget elementor-widget-{kind}' data-widget_type='{kind}.default'>"
            f"<div class='elementor-widget-container'>{inner}</div></div>")


def _section(*widgets: str) -> str:
    return ("<section class='elementor-section elementor-top-section elementor-element'><div class='elementor-container'>"
            "<div class='elementor-column elementor-col-100'><div class='elementor-widget-wrap elementor-element-populated'>"
            + "".join(widgets) + "</div></div></div></section>")


def _heading(text: str, href: str | None = None, tag: str = "h5") -> str:
    inner = f"<a href='{href}'>{text}</a>" if href else text
    return _widget(f"<{tag} class='elementor-heading-title elementor-size-default'>{inner}</{tag}>", "heading")


def _builder_page(*middle: str) -> str:
    return bare_page("<div data-elementor-type='wp-post' class='elementor elementor-123'>"
                     + _section(_heading(TITLE, tag="h1")) + _section(_widget(ps(0, 1)), *middle, _widget(ps(2, 3)))
                     + "</div>")


SHARES = (("Partager sur Instagram", "https://www.instagram.com/tamworth"),
          ("Teilen auf Facebook", "https://www.facebook.com/sharer/sharer.php?u=x"),
          ("Compartir en WhatsApp", "https://wa.me/?text=x"), ("Condividi su Facebook", "https://www.facebook.com/sharer"),
          ("Share on X", "https://x.com/intent/post?url=x"), ("Partilhar no LinkedIn", "https://www.linkedin.com/share"),
          ("Teilen per E-Mail", "mailto:?subject=x"))
SHARED = _builder_page(*(_heading(t, h) for t, h in SHARES[:3]))


def test_share_labels_between_parts_of_the_body_go():
    assert paragraphs(SHARED) == S[:4]
    assert paragraphs(_builder_page(_heading("Share on Instagram", "https://www.instagram.com/tamworth"))) == S[:4]


def test_without_the_rule_the_share_labels_are_read_as_headings(monkeypatch):
    assert not any("Partager" in line for line in bare(SHARED))  # bare trafilatura reads no heading of the builder
    without_paragraph_rule(monkeypatch, "share-on-network")
    kept = paragraphs(SHARED)
    assert kept == [S[0], S[1], "Partager sur Instagram", "Teilen auf Facebook", "Compartir en WhatsApp", S[2], S[3]]
    english = _builder_page(_heading("Share on Instagram", "https://www.instagram.com/tamworth"))
    assert paragraphs(english) == [S[0], S[1], "Share on Instagram", S[2], S[3]]


def test_sentences_and_titles_that_open_like_a_share_label_stay():
    looks = ["Share on Facebook, the police said, was the quickest way to reach the boat owners.",
             "Partager sur Instagram : la mairie lance un concours de photos du port",
             "Teilen auf Facebook ist für Beamte verboten, sagte der Richter am Montag.",
             "Share on the harbour board's plans"]
    assert paragraphs(page(ps(0, 1) + "".join(f"<p>{x}</p>" for x in looks) + ps(2, 3))) == [S[0], S[1], *looks, S[2], S[3]]
    titled = _builder_page(_heading("The share on offer to the town"), _heading("Partager sur le port"))
    assert paragraphs(titled) == [S[0], S[1], "The share on offer to the town", "Partager sur le port", S[2], S[3]]


def test_the_rule_reads_only_the_label():
    rule = next(r for r in rules_for("www.tamworth-courier.example").paragraphs if r.name == "share-on-network")
    pattern = re.compile(rule.pattern.pattern, rule.pattern.flags)
    assert all(pattern.match(t) for t, _h in SHARES)
    assert not pattern.match("Share on Facebook and Instagram")  # two networks: not one control
    assert not pattern.match("Partager sur Instagram, a dit la maire")


# -- a payment box written into a post: Jetpack's Simple Payments ("Pay with PayPal" block: a product's
#    title, description, price, a quantity field and the pay button), read as the article's paragraphs by
#    archiver and bare trafilatura. Report: https://github.com/Automattic/wp-calypso/issues/43595 (its
#    "Pay with PayPal" block shown wrongly in the Reader). DOM rule payment-widget --

PAY = ("<div class='jetpack-simple-payments-wrapper'><div class='jetpack-simple-payments-product'><div "
       "class='jetpack-simple-payments-details'><div class='jetpack-simple-payments-title'><p>Pier plank sponsorship</p></div><div "
       "class='jetpack-simple-payments-description'><p>Have your name carved on one of the new oak planks of the pier.</p></div><div "
       "class='jetpack-simple-payments-price'><p>£25.00</p></div><div class='jetpack-simple-payments-purchase-box'><div "
       "class='jetpack-simple-payments-items'><input type='number' value='1'></div><div class='jetpack-simple-payments-button'>"
       "Pay with PayPal</div></div></div></div></div>")
PAID = page(ps(0, 1, 2) + PAY + ps(3))


def test_a_payment_box_in_the_post_goes():
    assert paragraphs(PAID) == S[:4]


def test_without_the_rule_the_payment_box_is_read_as_text(monkeypatch):
    assert "Pier plank sponsorship" in bare(PAID)  # bare trafilatura reads it too
    without_dom_rule(monkeypatch, "payment-widget")
    assert "Pier plank sponsorship" in paragraphs(PAID) and "£25.00" in paragraphs(PAID)


def test_a_posts_own_prices_and_a_box_holding_the_story_stay():
    priced = page(ps(0, 1) + "<div class='price-list'><p>Plank sponsorship: £25.00</p><p>Bench plaque: £120.00</p></div>"
                  + "<p>Readers can pay with PayPal or by cheque at the harbour office.</p>" + ps(2))
    assert paragraphs(priced) == [S[0], S[1], "Plank sponsorship: £25.00", "Bench plaque: £120.00",
                                  "Readers can pay with PayPal or by cheque at the harbour office.", S[2]]
    wrapped = page("<div class='jetpack-simple-payments-wrapper'>" + ps(0, 1, 2, 3, 4, 5, 6) + "</div>")
    assert paragraphs(wrapped) == S[:7]


# -- this round's probes that archiver already passed (each page's report above it) --

PASSED: dict[str, tuple[str, list[str]]] = {}
# miniflux/v2#1369: CSS-in-JS hashed classes holding "ad" (sc-adb616fe-0) on inline links and wrappers
PASSED["hashed-ad-classes"] = (page(
    "<div class='ArticleBody__Wrapper-sc-adf41e-0 kVliVL'>"
    f"<div class='Markup__ParagraphWrapper-sc-13q6ywe-0 iWyzoK markup'><p>{S[0]}</p></div>"
    "<div class='Markup__ParagraphWrapper-sc-13q6ywe-0 iWyzoK markup'><p>The board thanked the <a href='/t/x' class='sc-adb616fe-0 kVliVL'>"
    "<span class='sc-3b5fdf4f-4 dvBzGX'>Harbour Trust</span></a> for its grant towards the work on the pier.</p></div>"
    f"<div class='sc-ad2c1e-1 hqYkTr'><p>{S[1]}</p></div><div class='Markup__ParagraphWrapper-sc-13q6ywe-0 iWyzoK markup'><p>{S[2]}</p></div></div>"),
    [S[0], "The board thanked the Harbour Trust for its grant towards the work on the pier.", S[1], S[2]])
# omnivore-app/omnivore#2074: Substack's like / restack / share row inside the post
UFI = ("<div class='post-ufi style-compressed'><div class='like-button-container post-ufi-button'><a class='post-ufi-button'>"
       "<div class='label'>42</div></a></div><a class='post-ufi-button post-ufi-comment-button'><div class='label'>7</div></a>"
       "<a class='post-ufi-button restack-button'><div class='label'>Restack</div></a><a class='post-ufi-button share-button'>"
       "<div class='label'>Share</div></a></div>")
PASSED["substack-ufi-row"] = (bare_page(
    f"<div class='single-post'><article class='typography newsletter-post post'><div class='post-header'><h1 class='post-title'>{TITLE}</h1>"
    f"<div class='post-meta'>Nell Ashby · Dec 4, 2026</div>{UFI}</div><div class='available-content'><div class='body markup'>{ps(0,1,2,3)}"
    f"</div></div>{UFI}</article></div>"), S[:4])
# spacecowboy/Feeder#962: a Substack subtitle (h3.subtitle) under the headline
PASSED["substack-subtitle"] = (bare_page(
    f"<div class='single-post'><article class='newsletter-post post'><div class='post-header'><h1 class='post-title'>{TITLE}</h1>"
    f"<h3 class='subtitle'>{DEK}</h3><div class='post-meta'>Nell Ashby · Dec 4, 2026</div></div><div class='available-content'>"
    f"<div class='body markup'>{ps(0,1,2,3)}</div></div></article></div>"), [DEK, *S[:4]])
# ampproject/amphtml#1318: an amp-carousel of slides, each an amp-img and its text
PASSED["amp-carousel-slides"] = (page(
    ps(0, 1) + "<amp-carousel width='600' height='400' layout='responsive' type='slides'>" + "".join(
        f"<div class='slide'><amp-img src='/p{k}.jpg' width='600' height='360' layout='responsive'></amp-img>"
        f"<div class='caption'>The pier's deck boards, photograph {k}.</div></div>" for k in range(3))
    + "</amp-carousel>" + ps(2, 3)), S[:4])
# Leafpub/leafpub#97: an AMP post whose body opens with an image
PASSED["amp-image-first"] = (bare_page(
    f"<article class='post'><header><h1>{TITLE}</h1><p class='byline'>By Nell Ashby</p></header><div class='post-content'>"
    "<p><amp-img src='/img/pier.jpg' width='800' height='450' layout='responsive' alt='The pier'></amp-img></p>"
    f"{ps(0,1,2,3)}</div></article>"), S[:4])
# danburzo/percollate#70: an AMP article: amp-img figures, amp-social-share row, amp-ad with its fallback
PASSED["amp-article-parts"] = (bare_page(
    f"<article class='amp-wp-article'><header class='amp-wp-article-header'><h1 class='amp-wp-title'>{TITLE}</h1>"
    "<div class='amp-wp-meta amp-wp-byline'><span class='amp-wp-author author vcard'>Nell Ashby</span></div></header>"
    "<div class='amp-wp-article-content'>" + ps(0, 1)
    + "<amp-ad width='300' height='250' type='doubleclick' data-slot='/1/pier'><div fallback>Advertisement</div></amp-ad>"
    + ps(2, 3) + "</div><footer class='amp-wp-article-footer'><div class='social-share'><amp-social-share type='twitter'>"
    "</amp-social-share><amp-social-share type='facebook'></amp-social-share><amp-social-share type='email'></amp-social-share>"
    "</div></footer></article>"), S[:4])
# fivefilters/ftr-site-config#1728: a screen-reader-only line in the intro and a drop cap span
PASSED["intro-sr-only-and-dropcap"] = (bare_page(
    f"<article class='news'><div class='news__heading'><h1>{TITLE}</h1><p class='news__heading__top__intro'>"
    f"<span class='screen-reader-only'>Résumé :</span> {DEK}</p></div><div class='news__body__center__article'>"
    f"<p class='dropcap-wrapper'><span class='dropcap'>T</span>{S[0][1:]}</p>{ps(1,2,3)}</div></article>"), [DEK, *S[:4]])
# owncloud-archive/news#462: a quotation of several paragraphs in an old table-laid page
PASSED["old-table-blockquote"] = (bare_page(
    f"<table width='100%'><tr><td valign='top'><h1>{TITLE}</h1>{ps(0,1)}<blockquote><p>{S[2]}</p><p>{S[3]}</p></blockquote>"
    f"{ps(4,5)}</td></tr></table>"), S[:6])
# ken107/read-aloud#12: a paragraph left open before a block, closed after it
PASSED["unclosed-p-before-div"] = (page(
    f"<p>{S[0]}<p>{S[1]}<div class='figure'><img src='/fig1.png' alt=''></div>{S[2]}</p><p>{S[3]}</p>"), S[:4])
# MHordecki/readability-redux#1: the first paragraph opening with a dateline, every link's words kept
PASSED["dateline-and-links"] = (page(
    "<p><span class='dateline'>TAMWORTH —</span> The harbour board said on Monday that the <a href='/t/pier'>ferry pier</a> "
    "would reopen in March.</p><p>The <a href='/t/council'>county council</a> and the <a href='/t/trust'>Harbour Trust</a> "
    "shared the cost of the repairs.</p>" + ps(2, 3)),
    ["TAMWORTH — The harbour board said on Monday that the ferry pier would reopen in March.",
     "The county council and the Harbour Trust shared the cost of the repairs.", S[2], S[3]])
# Automattic/wp-calypso#43595: Gutenberg cover, buttons and file blocks inside the post
PASSED["gutenberg-cover-buttons-file"] = (page(
    ps(0, 1) + "<div class='wp-block-buttons'><div class='wp-block-button'><a class='wp-block-button__link' href='/donate'>"
    "Donate to the pier fund</a></div></div>" + ps(2, 3)
    + "<div class='wp-block-file'><a href='/f/pier-plan.pdf'>pier-plan</a><a href='/f/pier-plan.pdf' class='wp-block-file__button' "
    "download>Download</a></div>"), S[:4])
# Automattic/wp-calypso#47710: a "blog posts" block (Newspack) inside the post
PASSED["blog-posts-block"] = (page(
    ps(0, 1, 2) + "<div class='wp-block-newspack-blocks-homepage-articles wpnbha show-image image-aligntop'><div data-posts>"
    + "".join(f"<article class='post-has-image'><div class='entry-wrapper'><h2 class='entry-title'><a href='/p/{k}'>Harbour news item "
              f"{k} for the weekend</a></h2><div class='excerpt'><p>A short excerpt of harbour item {k}, with a few words more.</p></div>"
              "<div class='entry-meta'><span class='byline'>by Tom Hale</span><time>Dec 2, 2026</time></div></div></article>"
              for k in range(3)) + "</div></div>" + ps(3)), S[:4])
# msasikanth/twine#738: an Asciidoctor page (div.sect1 > h2 + div.sectionbody > div.paragraph > p)
PASSED["asciidoctor-sections"] = (bare_page(
    f"<div id='content'><h1>{TITLE}</h1><div id='preamble'><div class='sectionbody'><div class='paragraph'><p>{S[0]}</p></div></div></div>"
    "<div class='sect1'><h2 id='_the_deck'>The deck</h2><div class='sectionbody'><div class='paragraph'>"
    f"<p>{S[1]}</p></div><div class='ulist'><ul><li><p>Oak for the deck boards</p></li><li><p>Steel for the piles</p></li></ul></div>"
    f"</div></div><div class='sect1'><h2 id='_the_opening'>The opening</h2><div class='sectionbody'><div class='paragraph'><p>{S[2]}"
    "</p></div></div></div></div>"), [S[0], "The deck", S[1], "- Oak for the deck boards", "- Steel for the piles", "The opening", S[2]])
# omnivore-app/omnivore#764: a plain page, paragraphs straight under <body>
PASSED["plain-body-paragraphs"] = (
    f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>" + ps(0, 1, 2, 3, 4)
    + "<p><a href='/'>Back to the index</a></p></body></html>", S[:5])
# brave/brave-browser#17787: a lazy image with its <noscript> copy inside the body
PASSED["noscript-image-copy"] = (page(
    ps(0, 1) + "<figure><img class='lazyload' data-src='/p.jpg' alt='The pier'><noscript><img src='/p.jpg' alt='The pier'>"
    "</noscript></figure>" + ps(2, 3)), S[:4])
# gantry/docs-old#85: Joomla's article info block (Category / Published / Written by / Hits)
PASSED["joomla-article-info"] = (bare_page(
    f"<div class='item-page'><h2 itemprop='headline'>{TITLE}</h2><dl class='article-info muted'><dt class='article-info-term'>Details"
    "</dt><dd class='category-name'>Category: <a href='/news'>Harbour</a></dd><dd class='published'><time>Published: Monday, 30 "
    "November 2026 20:50</time></dd><dd class='createdby'>Written by <span>Nell Ashby</span></dd><dd class='hits'>Hits: 1204</dd>"
    f"</dl><div itemprop='articleBody'>{ps(0,1,2,3)}</div></div>"), S[:4])
# mozilla/readability#925: a page of six sections, each with a heading
PASSED["six-sections"] = (bare_page(
    f"<main><h1>{TITLE}</h1>" + "".join(f"<section class='content-section'><h2>Part {k}</h2><p>{S[2*k]}</p><p>{S[2*k+1]}</p></section>"
                                         for k in range(6)) + "</main>"),
    [x for k in range(6) for x in (f"Part {k}", S[2*k], S[2*k+1])])
# lwindolf/liferea#1032: a teaser's "Weiterlesen" (read more) link closing a post
PASSED["read-more-link-de"] = (page(ps(0, 1, 2, 3) + "<p><a href='/full'>Weiterlesen</a></p>", lang="de"), S[:4])
# katagaki/SakuraRSS#122: links heading the article before its text (a share list, here in French)
PASSED["share-list-fr"] = (page(
    "<ul class='share'><li><a href='https://www.facebook.com/sharer'>Partager sur Facebook</a></li><li><a href='https://x.com/intent'>"
    "Partager sur X</a></li><li><a href='mailto:?'>Partager par e-mail</a></li><li><a href='https://www.instagram.com/'>Partager sur "
    "Instagram</a></li></ul>" + ps(0, 1, 2, 3), lang="fr"), S[:4])
# katagaki/SakuraRSS#122 again: share links as loose paragraphs after the body, in six languages (link-dense lines)
PASSED["share-lines-plain-i18n"] = (page(ps(0, 1, 2, 3) + "".join(f"<p><a href='{h}'>{t}</a></p>" for h, t in (
    ("https://www.facebook.com/sharer", "Partager sur Facebook"), ("https://x.com/intent", "Partager sur X"),
    ("https://www.facebook.com/sharer", "Teilen auf Facebook"), ("https://wa.me/?text=x", "Compartir en WhatsApp"),
    ("https://www.facebook.com/sharer", "Condividi su Facebook"), ("https://www.facebook.com/sharer", "Share on Facebook")))), S[:4])
# omnivore-app/omnivore#2074 again: Substack's share and comment buttons inside the body
PASSED["substack-share-button"] = (bare_page(
    f"<div class='single-post'><article class='newsletter-post post'><div class='post-header'><h1 class='post-title'>{TITLE}</h1></div>"
    f"<div class='available-content'><div class='body markup'>{ps(0,1)}<p class='button-wrapper' data-attrs='{{}}'><a class='button primary' "
    "href='https://nell.substack.example/p/pier?utm_source=substack&utm_medium=email&utm_content=share&action=share'><span>Share</span></a></p>"
    f"{ps(2,3)}<p class='button-wrapper'><a class='button primary' href='https://nell.substack.example/p/pier/comments'><span>Leave a comment"
    "</span></a></p></div></div></article></div>"), S[:4])
# TryGhost/Ghost#20452 (bookmark, video and audio cards as RSS readers show them): a bookmark card
PASSED["ghost-bookmark-card"] = (page(
    ps(0, 1) + "<figure class='kg-card kg-bookmark-card'><a class='kg-bookmark-container' href='https://harbours.example/piers'>"
    "<div class='kg-bookmark-content'><div class='kg-bookmark-title'>A short history of the county's piers</div><div "
    "class='kg-bookmark-description'>From the first jetty of 1840 to the steel piles of today, a guide to every pier on the coast.</div>"
    "<div class='kg-bookmark-metadata'><img class='kg-bookmark-icon' src='/i.png' alt=''><span class='kg-bookmark-author'>Harbours Guide</span>"
    "<span class='kg-bookmark-publisher'>Tom Hale</span></div></div><div class='kg-bookmark-thumbnail'><img src='/t.jpg' alt=''></div></a>"
    "</figure>" + ps(2, 3)), S[:4])
# TryGhost/Ghost#20452: its audio and video cards (title, player, times, speed) between paragraphs
AUDIO = ("<div class='kg-card kg-audio-card'><img src='/t.jpg' alt='audio-thumbnail' class='kg-audio-thumbnail'><div class='kg-audio-thumbnail placeholder kg-audio-hide'></div>"
 "<div class='kg-audio-player-container'><audio src='/a.mp3' preload='metadata'></audio><div class='kg-audio-title'>Harbour podcast: the pier</div>"
 "<div class='kg-audio-player'><button class='kg-audio-play-icon' aria-label='Play audio'></button><button class='kg-audio-pause-icon kg-audio-hide' aria-label='Pause audio'></button>"
 "<span class='kg-audio-current-time'>0:00</span><div class='kg-audio-time'>/<span class='kg-audio-duration'>12:41</span></div>"
 "<input type='range' class='kg-audio-seek-slider' max='100' value='0'><button class='kg-audio-playback-rate' aria-label='Adjust playback speed'>1×</button>"
 "<button class='kg-audio-unmute-icon' aria-label='Unmute'></button><input type='range' class='kg-audio-volume-slider' max='100' value='100'></div></div></div>")
VIDEO = ("<figure class='kg-card kg-video-card kg-width-regular' data-kg-thumbnail='/v.jpg'><div class='kg-video-container'><video src='/v.mp4' poster='/p.png' width='640' height='360' playsinline preload='metadata'></video>"
 "<div class='kg-video-overlay'><button class='kg-video-large-play-icon' aria-label='Play video'></button></div><div class='kg-video-player-container'><div class='kg-video-player'>"
 "<button class='kg-video-play-icon' aria-label='Play video'></button><button class='kg-video-pause-icon kg-video-hide' aria-label='Pause video'></button>"
 "<span class='kg-video-current-time'>0:00</span><div class='kg-video-time'>/<span class='kg-video-duration'>1:52</span></div><input type='range' class='kg-video-seek-slider' max='100' value='0'>"
 "<button class='kg-video-playback-rate' aria-label='Adjust playback speed'>1×</button><button class='kg-video-unmute-icon' aria-label='Unmute'></button>"
 "<input type='range' class='kg-video-volume-slider' max='100' value='100'></div></div></div><figcaption><p><span>The new deck seen from the water.</span></p></figcaption></figure>")
PASSED["ghost-media-cards"] = (page(ps(0, 1) + AUDIO + ps(2) + VIDEO + ps(3)), S[:4])
# TryGhost/Ghost#23559 (the reader's CTA card rendering): a sponsored call-to-action card
PASSED["ghost-cta-card"] = (page(
    ps(0, 1) + "<div class='kg-card kg-cta-card kg-cta-bg-grey kg-cta-minimal'><div class='kg-cta-sponsor-label-wrapper'><div "
    "class='kg-cta-sponsor-label'><span>Sponsored</span></div></div><div class='kg-cta-content'><div class='kg-cta-content-inner'>"
    "<div class='kg-cta-text'><p>Book a harbour tour with Quay Boats and see the pier from the water this spring.</p></div>"
    "<a href='https://quayboats.example' class='kg-cta-button'>Book now</a></div></div></div>" + ps(2, 3)), S[:4])
WIXP = "<p class='_2qJYG _3Ha5l' dir='auto' id='viewer-{k}'><span class='_2PHJq public-DraftStyleDefault-ltr'>{t}</span></p>"
# mozilla/readability#373 (a Wix blog post not read): the post, its header and footer lines
PASSED["wix-blog-post"] = (bare_page(
    "<div id='SITE_CONTAINER'><main id='PAGES_CONTAINER'><article class='blog-post-page-font' data-hook='post'><div "
    "class='post-header'><div data-hook='post-metadata'><span data-hook='user-name'>Nell Ashby</span><ul><li><span "
    "data-hook='time-ago'>Dec 4, 2026</span></li><li><span data-hook='time-to-read'>2 min read</span></li></ul></div><div "
    "data-hook='post-updated-date'>Updated: Dec 5, 2026</div></div><div data-hook='post-title'><h1 class='blog-post-title-font'>"
    + TITLE + "</h1></div><div data-hook='post-description'><div data-rce-version='9.7.1' class='rich-content-viewer'>"
    + "".join(WIXP.format(k=f"a{k}b", t=S[k]) for k in range(4)) + "</div></div><div class='post-footer'><div data-hook="
    "'post-main-actions-desktop'><button aria-label='Share post'>Share post</button></div><div data-hook='post-stats'><span "
    "data-hook='views-count'>12 views</span><span data-hook='comment-count'>0 comments</span><button data-hook='like-button' "
    "aria-label='Post not marked as liked'><span>3</span></button></div></div></article><section data-hook='recent-posts'>"
    "<h2>Recent Posts</h2><a href='/blog'>See All</a></section></main></div>"), S[:4])



def _other_post(k: int) -> str:
    return "".join(f"<p>The ferry company said on Sunday that crossing {k}.{j} would run later on weekdays until the pier "
                   "reopened in March.</p>" for j in range(4))


# HenryQW/mercury-parser-api#179: a feed layout, the next posts' full text following the story in the same list
PASSED["feed-next-posts"] = (bare_page(
    "<div id='content' class='site-content'><div class='posts-feed'><div class='post type-post hentry'><h1 class='entry-title'>"
    f"{TITLE}</h1><div class='entry-meta'>By Nell Ashby</div><div class='entry-content'>{ps(0, 1, 2, 3)}</div></div>" + "".join(
        f"<div class='post type-post hentry'><h2 class='entry-title'><a href='/p/{k}'>Weekday crossings change number {k}</a></h2>"
        f"<div class='entry-meta'>By Tom Hale</div><div class='entry-content'>{_other_post(k)}</div></div>" for k in range(2))
    + "</div></div>"), S[:4])
# postlight/parser#700: a LATEST NEWS IN INDUSTRY block of teasers after the story
PASSED["latest-news-teasers"] = (page(ps(0, 1, 2, 3) + "<div class='latest-industry'><h3>LATEST NEWS IN INDUSTRY</h3>" + "".join(
    f"<div class='teaser'><h4><a href='/n/{k}'>Harbour levy to rise for the {k}th time</a></h4><p>The board will vote on the "
    f"levy next month, part {k}.</p></div>" for k in range(3)) + "</div>"), S[:4])


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
