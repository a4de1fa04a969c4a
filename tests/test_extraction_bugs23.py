"""Failure kinds from public bug reports against readers' views of news sites and blogs, read from the
other side (the trackers of the themes, CMSs, block plugins and sites that print the markup, and of
non-English readability ports), twenty-third round (bug23).

Invented site and text (the Wexford Courier), in the markup the reports show (the report is named above
each test or probe). Each fix has a twin test that switches it off and shows the fault is back, and
look-alikes that must stay as they were. The last test holds this round's probes that archiver already
passed, kept so they stay passed.
"""

from __future__ import annotations

import re

import lxml.html
from rulekit import without_dom_rule, without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import iconlists
from archiver.extraction.rules import rules_for

URL = "https://www.wexford-courier.example/2026/12/harbour-lights"
TITLE = "Harbour lights to be restored before the winter storms"
SITE = Newsroom(URL, TITLE, "Wexford Courier", "Orla Keane", "9 Quay Road",
                "The harbour board said on Monday that lamp {i} on the east pier would be rewired and lit again "
                "before the first winter storms reached the bay.", count=30)
S = SITE.sentences
page, bare_page, ps, paragraphs, bare = SITE.page, SITE.bare_page, SITE.ps, SITE.paragraphs, SITE.bare
ZH = [f"港口管理局周一表示，东码头的第{i}号灯将在冬季第一场风暴到来之前重新布线并再次点亮，工程预计耗时三周。" for i in range(8)]


# -- an icon list block's points deleted: block editors write a bulleted list whose bullets are icons
#    (Stackable's wp-block-stackable-icon-list > stk-block-icon-list__content > ul > li.stk-block-icon-list-item,
#    Kadence's wp-block-kadence-iconlist), and trafilatura's '-icon' class word (OVERALL_DISCARD_XPATH) deleted
#    the whole list, in archiver and bare trafilatura alike. The block missing from Safari's reader view:
#    https://github.com/gambitph/Stackable/issues/321. Stage iconlists.unname_icon_lists --

POINTS = ("New copper wiring on every lamp post", "Storm glass fitted to the lanterns", "A timer for the winter months")
SVG = "<svg viewBox='0 0 512 512'><path d='M0 0h512'/></svg>"
STACKABLE = ("<div class='wp-block-stackable-icon-list stk-block-icon-list stk-block'><div class='stk-block-icon-list__content'>"
             "<ul class='stk-block-icon-list__ul'>" + "".join(
                 f"<li class='stk-block-icon-list-item'><span class='stk--svg-wrapper'>{SVG}</span>"
                 f"<span class='stk-block-icon-list-item__text'>{t}</span></li>" for t in POINTS) + "</ul></div></div>")
KADENCE = ("<div class='wp-block-kadence-iconlist kt-svg-icon-list-items kt-svg-icon-list-items_1 kt-svg-icon-list-columns-1'>"
           "<ul class='kt-svg-icon-list'>" + "".join(
               f"<li class='wp-block-kadence-listitem kt-svg-icon-list-item-wrap'><span class='kb-svg-icon-wrap "
               f"kb-svg-icon-fe_check kt-svg-icon-list-single'>{SVG}</span><span class='kt-svg-icon-list-text'>{t}</span></li>"
               for t in POINTS) + "</ul></div>")
WANT = [*S[:2], *(f"- {t}" for t in POINTS), *S[2:4]]


def test_an_icon_list_blocks_points_stay():
    for block in (STACKABLE, KADENCE):
        assert paragraphs(page(ps(0, 1) + block + ps(2, 3))) == WANT


def test_without_the_stage_the_points_go(monkeypatch):
    html = page(ps(0, 1) + STACKABLE + ps(2, 3))
    assert not any(t in line for line in bare(html) for t in POINTS)  # bare trafilatura deletes them too
    monkeypatch.setattr(iconlists, "UNNAME_ICON_LISTS", False)
    assert paragraphs(html) == S[:4]
    # Kadence's block: kept before this stage too (an earlier stage reads its list), so no twin here


def test_icon_lists_of_links_or_outside_the_body_stay_as_trafilatura_decides():
    menu = ("<div class='elementor-widget-icon-list'><ul class='elementor-icon-list-items'>" + "".join(
        f"<li class='elementor-icon-list-item'><a href='/{k}'><span class='elementor-icon-list-icon'>{SVG}</span>"
        f"<span class='elementor-icon-list-text'>{k.title()} desk</span></a></li>" for k in ("news", "sport", "weather"))
        + "</ul></div>")
    assert paragraphs(page(ps(0, 1) + menu + ps(2, 3))) == S[:4]  # links: a menu, not points
    aside = page(ps(0, 1, 2, 3)).replace("</main>", f"</main><aside class='contact'>{STACKABLE}</aside>")
    assert not any(t in line for line in paragraphs(aside) for t in POINTS)
    one = STACKABLE[:STACKABLE.index("</li>") + 5] + "</ul></div></div>"  # a single item: a label, not a list
    assert iconlists.unname_icon_lists(lxml.html.fromstring(page(one))) == 0
    assert iconlists.unname_icon_lists(lxml.html.fromstring(page(STACKABLE))) > 0


# -- the notice a reader or a reposting site puts under a post shown as its excerpt, 'Visit <site> for the
#    full post.' (WordPress.com's Reader for a Jetpack site's summary feed), read as the last line:
#    https://github.com/wordpress-mobile/WordPress-Android/issues/6409. Paragraph rule full-post-visit --

VISIT = "Visit Wexford Courier for the full post."


def test_a_visit_for_the_full_post_notice_goes():
    assert paragraphs(page(ps(0, 1) + f"<p class='reader-full-post-notice'>{VISIT}</p>")) == S[:2]
    assert paragraphs(page(ps(0, 1, 2) + "<p>Visit the Wexford Courier to read the full article.</p>")) == S[:3]


def test_without_the_rule_the_notice_stays(monkeypatch):
    html = page(ps(0, 1) + f"<p>{VISIT}</p>")
    assert VISIT in bare(html)  # bare trafilatura keeps it too
    without_paragraph_rule(monkeypatch, "full-post-visit")
    assert paragraphs(html) == [*S[:2], VISIT]


def test_visit_sentences_stay():
    rule = next(r for r in rules_for("www.wexford-courier.example").paragraphs if r.name == "full-post-visit")
    pattern = re.compile(rule.pattern.pattern, rule.pattern.flags)
    looks = ["Visit the harbour office for the full timetable of the works.",
             "Visit the east pier for the full view of the lamps at dusk, the board said."]
    for line in looks:
        assert not pattern.search(line), line
    assert paragraphs(page(ps(0, 1) + "".join(f"<p>{x}</p>" for x in looks))) == [*S[:2], *looks]
    mid = page(ps(0) + f"<p>{VISIT}</p>" + ps(1, 2, 3))  # not closing the body
    assert VISIT in paragraphs(mid)


# -- a sign-up layer's terms read as the story: a mobile news page carried its user agreement in a layer
#    (titled '用户协议', closed by its '同意' button) that no 'modal' class names, longer than the story, and
#    the reader view showed the agreement (https://github.com/webcompat/web-bugs/issues/1035, moved to
#    mozilla/readability#210); archiver and bare trafilatura read it after the story. DOM rule agreement-layer --

AGREE = ("澎湃新闻用户协议：欢迎您使用本网站提供的服务。在注册成为用户之前，请您仔细阅读本协议的全部内容，"
         "特别是免除或者限制责任的条款、法律适用和争议解决条款。您点击同意即表示您已充分阅读、理解并接受本协议的全部内容。")
TERMS = ("The Wexford Courier stores the name and e-mail address of each reader who opens an account, sends the "
         "newsletters the reader chooses and closes the account of anyone who breaks the house rules of the comment pages.")


def _mobile(layer: str) -> str:
    return bare_page(f"<div class='news_content'><h1 class='t_newsinfo'>{TITLE}</h1><div class='news_part_father'><div "
                     "class='news_part'>" + "<br><br>".join(ZH[:3]) + f"</div></div></div>{layer}")


ZH_LAYER = ("<div class='agreement_layer' id='agreement'><div class='agreement_box'><h2>用户协议</h2>"
            + "".join(f"<p>{AGREE}{k}</p>" for k in range(6)) + "<a class='btn_agree'>同意</a></div></div>")
EN_LAYER = ("<div class='signup-terms'><h3>Terms of Service</h3>" + "".join(f"<p>{TERMS} ({k})</p>" for k in range(4))
            + "<button type='button'>I agree</button></div>")


def test_a_terms_layer_with_its_agree_button_goes():
    assert paragraphs(_mobile(ZH_LAYER)) == ZH[:3]
    assert paragraphs(page(ps(0, 1, 2, 3)).replace("</main>", f"</main>{EN_LAYER}")) == S[:4]


def test_without_the_rule_the_terms_are_read(monkeypatch):
    assert any(AGREE in line for line in bare(_mobile(ZH_LAYER)))  # bare trafilatura reads them too
    without_dom_rule(monkeypatch, "agreement-layer")
    got = paragraphs(_mobile(ZH_LAYER))
    assert got[:3] == ZH[:3] and any(AGREE in line for line in got)


def test_terms_without_an_agree_control_stay():
    terms_page = bare_page("<main><h1>Terms of Service</h1><div class='terms'><h2>Terms of Service</h2>"
                           + "".join(f"<p>{TERMS} ({k})</p>" for k in range(4)) + "</div></main>", title="Terms of Service")
    assert paragraphs(terms_page)[-4:] == [f"{TERMS} ({k})" for k in range(4)]
    section = page(ps(0, 1) + "<section><h2>Privacy policy</h2>" + ps(2, 3) + "</section>")  # a story's section so titled
    assert paragraphs(section) == [*S[:2], "Privacy policy", *S[2:4]]


# -- this round's probes that archiver already passed (each page's report above it) --

PASSED: dict[str, tuple[str, list[str]]] = {}
# freeCodeCamp/freeCodeCamp#46501: script text in the body (Pocket read "clearTimeout" as the author)
PASSED["script-in-body"] = (page(
    ps(0, 1) + "<script>var t = setTimeout(function(){ document.body.classList.add('ready') }, 300); clearTimeout(t);</script>"
    + ps(2, 3)), S[:4])
# yesodweb/yesodweb.com#28: a page's JSON data beside the body (Pocket read the JSON as the article)
PASSED["json-data-beside-body"] = (bare_page(
    f"<div id='app'><h1>{TITLE}</h1><div class='post-body'>{ps(0, 1, 2, 3)}</div></div>"
    "<script id='__NEXT_DATA__' type='application/json'>{\"props\":{\"pageProps\":{\"post\":{\"title\":\"Harbour lights\","
    "\"slug\":\"harbour-lights\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"The harbour board said\"}]}}}}</script>"), S[:4])
# abcnews/odyssey#95: a mosaic's caption and credit under two photos, shown as body text
PASSED["mosaic-caption-credit"] = (page(
    ps(0, 1) + "<div class='Mosaic'><div class='Mosaic-row'><img src='/i/1.jpg' alt=''><img src='/i/2.jpg' alt=''></div>"
    "<div class='Caption'><p class='Caption-text'>The east pier lamps at dusk, before and after the storm.</p>"
    "<p class='Caption-attribution'>Wexford Courier: Orla Keane</p></div></div>" + ps(2, 3)), S[:4])
# webcompat/web-bugs#1037: a Chinese post whose first paragraph is a div in font tags, not a <p>
PASSED["zh-first-para-in-font-div"] = (bare_page(
    f"<h2>{TITLE}</h2><div class='message'><font style='color:rgb(67,67,67)'><font style='font-size:16px'>"
    f"<div align='left'>{ZH[0]}</div>" + "".join(f"<p>{z}</p>" for z in ZH[1:5]) + "</font></font></div>"), ZH[:5])
# readable-app/readability.rs#3: a short statement and a long cookie notice (the reader took the notice)
PASSED["cookie-notice-longer-than-story"] = (bare_page(
    f"<main><article><h1>{TITLE}</h1>{ps(0, 1)}</article></main><div id='cookie-banner' class='cookie-policy'>"
    "<h2>Cookies on the Wexford Courier website</h2><p>We use some essential cookies to make this website work. We would like "
    "to set additional cookies to understand how you use our website so we can improve our services. We also use cookies set by "
    "other sites to help us deliver content from their services. You can change your cookie settings at any time.</p><p>Necessary "
    "cookies enable core functionality such as security, network management and accessibility. You may disable these by changing "
    "your browser settings, but this may affect how the website functions.</p><button>Accept additional cookies</button>"
    "<button>Reject additional cookies</button></div>"), S[:2])
# buriy/python-readability#47: a Chinese article in layout tables, no informative class names
PASSED["zh-table-layout"] = (bare_page(
    "<table width='960'><tr><td width='200'><a href='/'>首页</a><br><a href='/news'>新闻</a><br><a href='/pic'>图片</a></td>"
    f"<td><table><tr><td><h1>{TITLE}</h1></td></tr><tr><td>" + "".join(f"<p>　　{z}</p>" for z in ZH[:5])
    + "</td></tr></table></td></tr></table>"), ZH[:5])
# go-shiori/go-readability#101: Chinese pages (short paragraphs by character count)
PASSED["zh-short-paragraphs"] = (page(
    "".join(f"<p>{z[:28]}。</p>" for z in ZH[:6]), lang="zh"), [f"{z[:28]}。" for z in ZH[:6]])
# Kenshin/simpread#565: a WeChat article (sections and spans, no <p>) cut short
PASSED["wechat-sections"] = (bare_page(
    f"<div id='page-content' class='rich_media_area_primary'><h1 class='rich_media_title' id='activity-name'>{TITLE}</h1>"
    "<div class='rich_media_content js_underline_content' id='js_content'>" + "".join(
        f"<section style='margin:0 8px'><span style='font-size:15px'>{z}</span></section>" for z in ZH[:6])
    + "</div></div>"), ZH[:6])
# waynestate/base-site#324: breadcrumbs inside the content block (a screen reader read them first)
PASSED["breadcrumbs-in-content"] = (bare_page(
    "<a class='skip' href='#content'>Skip to main content</a><div id='content'><ul class='breadcrumbs'><li><a href='/'>Home</a></li>"
    "<li><a href='/news'>News</a></li><li><a href='/news/harbour'>Harbour</a></li></ul>"
    f"<h1>{TITLE}</h1>{ps(0, 1, 2, 3)}</div>"), S[:4])
# alphagov/static#902: breadcrumbs inside <main> (an ordered list, no <nav>)
PASSED["govuk-breadcrumbs-in-main"] = (bare_page(
    "<main id='main-content' role='main'><div class='govuk-breadcrumbs'><ol class='govuk-breadcrumbs__list'>"
    "<li class='govuk-breadcrumbs__list-item'><a class='govuk-breadcrumbs__link' href='/'>Home</a></li>"
    "<li class='govuk-breadcrumbs__list-item'><a class='govuk-breadcrumbs__link' href='/transport'>Transport</a></li>"
    "<li class='govuk-breadcrumbs__list-item'><a class='govuk-breadcrumbs__link' href='/transport/harbours'>Harbours</a></li></ol></div>"
    f"<h1 class='govuk-heading-xl'>{TITLE}</h1><div class='govuk-govspeak'>{ps(0, 1, 2, 3)}</div></main>"), S[:4])
# NodeBB/NodeBB#13616: breadcrumbs as the first thing in #content above the title
PASSED["breadcrumb-current-title"] = (bare_page(
    "<div id='content'><ol class='breadcrumb'><li><a href='/'><span>Home</span></a></li><li><a href='/category/2'><span>Harbour news"
    f"</span></a></li><li class='active'><span>{TITLE}</span></li></ol><h1 component='post/header'>{TITLE}</h1>"
    f"<div component='post/content'>{ps(0, 1, 2, 3)}</div></div>"), S[:4])
# stellarwp/kadence-blocks#790: a Kadence table of contents block in the post
PASSED["kadence-toc"] = (page(
    "<nav class='wp-block-kadence-tableofcontents kb-table-of-content-nav'><div class='kb-table-of-content-wrap'>"
    "<div class='kb-table-of-contents-title-wrap kb-toggle-icon-style-arrow'><span class='kb-table-of-contents-title'>Table of Contents"
    "</span><button class='kb-table-of-contents-icon-trigger' aria-expanded='true'></button></div><ul class='kb-table-of-content-list'>"
    "<li><a class='kb-table-of-contents__entry' href='#the-pier'>The pier</a></li><li><a class='kb-table-of-contents__entry' "
    "href='#the-lamps'>The lamps</a></li></ul></div></nav>" + ps(0, 1, 2, 3)), S[:4])
# bbc/simorgh#984: visually hidden text for screen readers ("Image caption, ", "Image source, ") in figures
PASSED["visually-hidden-figure-labels"] = (page(
    ps(0, 1) + "<figure><div><img src='/i/pier.jpg' alt='The east pier'><p role='text'><span class='visually-hidden'>Image source, "
    "</span><span>Orla Keane</span></p></div><figcaption><span class='visually-hidden'>Image caption, </span><p>The east pier at "
    "dusk</p></figcaption></figure>" + ps(2, 3)), S[:4])
# vividvilla/ezhil#27: a share line under the post ("If this article was helpful tweet it or share it.")
PASSED["share-line-under-post"] = (bare_page(
    f"<div class='content'><main><article><div class='title'><h1 class='title'>{TITLE}</h1></div><section class='body'>{ps(0, 1, 2, 3)}"
    "</section><div class='post-tags'><nav class='nav tags'><ul class='tags'><li><a href='/tags/harbour'>harbour</a></li></ul></nav></div>"
    "<div class='share'><p>If this article was helpful, <a href='https://twitter.com/intent/tweet'>tweet it</a> or "
    "<a href='https://www.facebook.com/sharer'>share it</a>.</p></div></article></main></div>"), S[:4])
# openeuropa/oe_theme#781: a body field label ("Body") above the text in the full view
PASSED["drupal-body-field-label"] = (bare_page(
    f"<main><article class='node node--type-oe-news node--view-mode-full'><h1><span class='field--name-title'>{TITLE}</span></h1>"
    "<div class='field field--name-body field--type-text-with-summary field--label-above'><div class='field__label'>Body</div>"
    f"<div class='field__item'>{ps(0, 1, 2, 3)}</div></div></article></main>"), S[:4])
# gwu-libraries/lai-drupal#18: a second body field's label ("Body2") shown on the page
PASSED["drupal-body2-label"] = (bare_page(
    f"<main><article class='node'><h1>{TITLE}</h1><div class='field field--name-body'>{ps(0, 1)}</div>"
    "<div class='field field--name-field-body2 field--label-above'><div class='field__label'>Body2</div>"
    f"<div class='field__item'>{ps(2, 3)}</div></div></article></main>"), S[:4])
# Automattic/jetpack#21149: Jetpack's sharing buttons with a 'More' section under the post
PASSED["jetpack-sharing-more"] = (page(
    ps(0, 1, 2, 3) + "<div class='sharedaddy sd-sharing-enabled'><div class='robots-nocontent sd-block sd-social sd-social-icon-text "
    "sd-sharing'><h3 class='sd-title'>Share this:</h3><div class='sd-content'><ul><li class='share-twitter'><a class='share-twitter "
    "sd-button' href='?share=twitter'><span>Twitter</span></a></li><li class='share-facebook'><a href='?share=facebook'><span>Facebook"
    "</span></a></li><li><a href='#' class='sharing-anchor sd-button share-more'><span>More</span></a></li></ul><div class='sharing-hidden'>"
    "<div class='inner' style='display:none;'><ul><li class='share-print'><a href='#print'><span>Print</span></a></li><li "
    "class='share-email'><a href='?share=email'><span>Email</span></a></li></ul></div></div></div></div></div>"), S[:4])

# TryGhost/Casper#854: the "Sign up for more like this." section under every post (a subscribe CTA)
PASSED["ghost-footer-cta"] = (bare_page(
    f"<main id='site-main' class='site-main'><article class='article post'><header class='article-header gh-canvas'><h1 class='article-title'>{TITLE}</h1>"
    f"</header><section class='gh-content gh-canvas'>{ps(0, 1, 2, 3)}</section><section class='footer-cta outer'><div class='inner'>"
    "<h2 class='footer-cta-title'>Sign up for more like this.</h2><a class='footer-cta-button' href='#/portal' data-portal>"
    "<div class='footer-cta-input'>Enter your email</div><span>Subscribe</span></a></div></section></article></main>"), S[:4])
# gohugo-ananke/ananke#134: reading time and word count beside the date under the title
PASSED["hugo-reading-time-word-count"] = (bare_page(
    f"<main class='pb7' role='main'><article class='flex-l flex-wrap justify-between mw8 center ph3'><header class='mt4 w-100'>"
    f"<h1 class='f1 athelas mt3 mb1'>{TITLE}</h1><time class='f6 mv4 dib tracked' datetime='2026-12-02T10:00:00Z'>December 2, 2026"
    "</time><span class='f6 mv4 dib tracked'> - 3 minutes read</span><span class='f6 mv4 dib tracked'> - 512 words</span></header>"
    f"<div class='nested-copy-line-height lh-copy serif f4 nested-links mid-gray pr4-l w-two-thirds-l'>{ps(0, 1, 2, 3)}</div></article></main>"), S[:4])
# eddiesigner/liebling#395: the subscription form hard-coded into the post
PASSED["ghost-subscribe-form-in-post"] = (bare_page(
    f"<main><article class='m-article-content'><h1 class='m-heading__title'>{TITLE}</h1><div class='m-content'>{ps(0, 1, 2, 3)}</div>"
    "<section class='m-subscribe-section'><div class='l-wrapper in-post'><div class='m-subscribe-section__content'><h3 "
    "class='m-subscribe-section__title'>Subscribe to Wexford Courier</h3><p class='m-subscribe-section__text'>Get the latest posts "
    "delivered right to your inbox</p></div><div class='m-subscribe-section__form'><form data-members-form='subscribe'>"
    "<input type='email' placeholder='Your email address' data-members-email><button type='submit'>Subscribe</button></form>"
    "</div></div></section></article></main>"), S[:4])
# monkeyWzr/hugo-theme-cactus#41: a post's reading time ("3 minutes read") in its meta row
PASSED["cactus-read-time"] = (bare_page(
    f"<div class='content index py4'><article class='post' itemscope itemtype='http://schema.org/BlogPosting'><header><h1 class='posttitle' "
    f"itemprop='name headline'>{TITLE}</h1><div class='meta'><div class='postdate'><time datetime='2026-12-02'>2026-12-02</time>"
    "</div><div class='article-read-time'><i class='far fa-clock'></i> 3 minute read</div></div></header>"
    f"<div class='content' itemprop='articleBody'>{ps(0, 1, 2, 3)}</div></article></div>"), S[:4])

def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
