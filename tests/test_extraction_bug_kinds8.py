"""Failure kinds from public bug reports against article extractors, eighth round (bug8).

Invented site and text (the Tollbury Quay Gazette), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back.
"""

from __future__ import annotations

from rulekit import without_dom_rule, without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import gallery, leadrun, quoteattr, tables

URL = "https://www.tollbury-gazette.example/2026/12/lock-gates"
TITLE = "New lock gates for Tollbury Quay arrive by barge"

SITE = Newsroom(URL, TITLE, "Tollbury Quay Gazette", "Anwen Marsh", "3 Ropewalk",
                "The canal trust said on Wednesday that gate pair {i} of the old lock would be lifted out by crane and replaced before the spring boating season opens.")
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences


# -- a lead paragraph in a container of its own, an advertisement, then the body written as <div>
#    paragraphs in the lead's own class (CNN's '<p class="zn-body__paragraph speakable">' and
#    '<div class="zn-body__paragraph">': https://github.com/postlight/parser/pull/34,
#    https://github.com/ZachSaucier/Just-Read/issues/316): trafilatura read the body's container only,
#    and the lead-run stage reads runs of <p> blocks only, so the lead was lost (archiver and bare). --

def _twin_page(lead_class: str = "body__paragraph speakable", between: str = "<div class='ad'>Advertisement</div>") -> str:
    divs = "".join(f"<div class='body__paragraph'>{S[i]}</div>" for i in (1, 2, 3, 4))
    return page(f"<div class='el__leafmedia'><p class='{lead_class}'>{S[0]}</p></div>{between}"
                f"<section class='body-text'>{divs}</section>")


def test_a_lead_in_the_class_of_the_body_div_paragraphs_is_put_back():
    html = _twin_page()
    assert paragraphs(html) == S[:5]
    assert S[0] not in bare(html)


def test_a_lead_in_another_class_stays_out():
    # a single paragraph before the body in a class of its own is as often a dek as a lead (lead-run's MIN_LEAD)
    assert paragraphs(_twin_page(lead_class="leafmedia-copy")) == S[1:5]


def test_a_lead_in_a_wrapper_of_its_own_class_is_put_back_once():
    # '<div class="zn-body__paragraph"><p class="zn-body__paragraph speakable">': both are twins of the body's
    # <div>s, and the lead came back twice (review2)
    html = _twin_page().replace("<p class='body__paragraph speakable'>",
                                "<div class='body__paragraph'><p class='body__paragraph speakable'>", 1)
    html = html.replace(f"{S[0]}</p></div>", f"{S[0]}</p></div></div>", 1)
    assert paragraphs(html) == S[:5]


def test_without_the_class_twin_the_lead_is_lost(monkeypatch):
    monkeypatch.setattr(leadrun, "CLASS_TWIN", False)
    assert paragraphs(_twin_page()) == S[1:5]


# -- a two-character ad label written as a paragraph of the body in Chinese, Japanese or Korean
#    ('<p>广告</p>', '広告', '광고'), or heading an image ad: shorter than the short texts the DOM stage's
#    label rules read, so kept by archiver and bare trafilatura (issue 11's kind 12; bug7 left it open). --

ZH = ["运河信托周三表示，旧船闸的闸门将在春季游船季开始前用吊车吊出并更换。",
      "新闸门由橡木制成，已经用驳船从上游的船厂运到码头，等待安装。",
      "附近的船主说，他们希望施工期间运河能保持部分通航，以免影响生意。",
      "信托表示，工程期间每天下午会开放一次船闸，供排队的船只通过。"]


def test_a_cjk_ad_label_line_goes():
    for label in ("广告", "廣告", "広告", "광고", "【PR】", "スポンサーリンク"):
        html = page("".join(f"<p>{x}</p>" for x in ZH[:2]) + f"<p>{label}</p>" + "".join(f"<p>{x}</p>" for x in ZH[2:]),
                    title="运河船闸更换闸门", lang="zh")
        assert paragraphs(html) == ZH, label


def test_a_cjk_ad_label_heading_an_image_ad_goes():
    unit = "<div class='slot-x1'><span>广告</span><a href='https://ads.example/c'><img src='/ad.png' alt=''></a></div>"
    html = page("".join(f"<p>{x}</p>" for x in ZH[:2]) + unit + "".join(f"<p>{x}</p>" for x in ZH[2:]), title="运河船闸更换闸门", lang="zh")
    assert paragraphs(html) == ZH


def test_a_sentence_holding_the_label_word_stays():
    line = "广告商表示，他们将继续在码头附近投放海报。"
    html = page(f"<p>{ZH[0]}</p><p>{line}</p><p>{ZH[1]}</p>", title="运河船闸更换闸门", lang="zh")
    assert line in paragraphs(html)


def test_without_the_rule_the_cjk_label_stays(monkeypatch):
    html = page("".join(f"<p>{x}</p>" for x in ZH[:2]) + "<p>广告</p>" + "".join(f"<p>{x}</p>" for x in ZH[2:]),
                title="运河船闸更换闸门", lang="zh")
    without_paragraph_rule(monkeypatch, "ad-label-cjk")
    assert "广告" in paragraphs(html)


# -- a chart drawn with ai2html inside the body: its labels are positioned <div class="g-aiAbs"> blocks
#    holding <p class="g-pstyle0"> texts ('Repair cost by lock', '£1.2m', 'Source: ...'), read as
#    one-word paragraphs between body paragraphs (https://github.com/mozilla/readability/issues/222;
#    archiver and bare trafilatura). --

def _chart(box_class: str = "ai2html") -> str:
    labels = ["Repair cost by gate pair", "£1.2m", "£0.8m", "Upper gates", "Lower gates", "Source: Tollbury canal trust"]
    return (f"<div id='g-gatecost-box' class='{box_class}'><div id='g-gatecost-Artboard_1' class='g-artboard'>"
            "<img id='g-ai0-0' class='g-aiImg' src='/g/gatecost.png' alt=''>"
            + "".join(f"<div id='g-ai0-{i}' class='g-text g-aiAbs' style='top:{10 * i}%;left:2%;'><p class='g-pstyle{i % 3}'>{t}</p></div>"
                      for i, t in enumerate(labels, 1)) + "</div></div>")


def test_an_ai2html_charts_labels_go():
    html = page(SITE.ps(0, 1) + _chart() + SITE.ps(2, 3))
    assert paragraphs(html) == S[:4]
    assert "£1.2m" in bare(html)


def test_without_the_rule_the_chart_labels_stay(monkeypatch):
    without_dom_rule(monkeypatch, "ai2html-labels")
    assert "£1.2m" in paragraphs(page(SITE.ps(0, 1) + _chart() + SITE.ps(2, 3)))


# -- a notice to readers running an ad blocker written into the body ('It looks like you are using an
#    ad blocker ...'; derStandard's 'Sie verwenden offenbar eine Software, die das Anzeigen von Werbung
#    verhindert': https://github.com/postlight/parser/issues/739), kept by archiver and bare. A sentence
#    about ad blockers stays. --

ADBLOCK = ["It looks like you are using an ad blocker. Our reporting is paid for by advertising, so please switch it off for this site.",
           "We noticed you're using an ad blocker. Please consider supporting local news by subscribing.",
           "Sie verwenden offenbar eine Software, die das Anzeigen von Werbung verhindert. Bitte schalten Sie sie für diese Seite ab.",
           "Vous utilisez un bloqueur de publicité. Merci de le désactiver pour soutenir notre rédaction.",
           "Parece que estás usando un bloqueador de anuncios. Desactívalo para seguir leyendo.",
           "Похоже, вы используете блокировщик рекламы. Отключите его, чтобы поддержать редакцию."]


def test_an_adblock_notice_in_the_body_goes():
    for notice in ADBLOCK:
        html = page(SITE.ps(0, 1) + f"<div class='js-hint'><p>{notice}</p></div>" + SITE.ps(2, 3))
        assert paragraphs(html) == S[:4], notice


def test_a_sentence_about_ad_blockers_stays():
    line = "Ad blockers are now used by four in ten of the trust's website visitors, its annual report says."
    assert line in paragraphs(page(SITE.ps(0, 1) + f"<p>{line}</p>" + SITE.ps(2, 3)))


def test_without_the_rule_the_adblock_notice_stays(monkeypatch):
    html = page(SITE.ps(0, 1) + f"<div class='js-hint'><p>{ADBLOCK[0]}</p></div>" + SITE.ps(2, 3))
    assert ADBLOCK[0] in bare(html)
    without_paragraph_rule(monkeypatch, "adblock-notice")
    assert ADBLOCK[0] in paragraphs(html)


# -- a call to follow a social account by its handle, a line of its own among the body's paragraphs
#    ('Follow us at @... and like us on Facebook' on CNN's sport pages:
#    https://github.com/grangier/python-goose/issues/201); follow-us names a platform after 'on'. --

HANDLES = ["Follow us at @TollburySport and like us on Facebook", "Follow @tollburygazette on Twitter", "Follow Anwen Marsh @anwenmarsh"]


def test_a_follow_handle_line_goes():
    for line in HANDLES:
        html = page(SITE.ps(0, 1) + f"<p><em>{line}</em></p>" + SITE.ps(2, 3))
        assert paragraphs(html) == S[:4], line


def test_a_sentence_opening_with_follow_stays():
    line = "Following @TollburySport's report on Monday, the trust said the lock would reopen a week early."
    assert line in paragraphs(page(SITE.ps(0, 1) + f"<p>{line}</p>" + SITE.ps(2, 3)))


def test_without_the_rule_the_handle_line_stays(monkeypatch):
    html = page(SITE.ps(0, 1) + f"<p><em>{HANDLES[0]}</em></p>" + SITE.ps(2, 3))
    assert HANDLES[0] in bare(html)
    without_paragraph_rule(monkeypatch, "follow-handle")
    assert HANDLES[0] in paragraphs(html)



# -- a story in one table cell beside a cell of two links ('Stories', 'Next'), the whole page one table
#    (https://github.com/adbar/trafilatura/issues/396; the kind bug7 left open): read as one
#    '| Stories Next | story ... |' row by archiver and bare, since a menu cell needed three links. --

def _cell_page(menu: str = "<a href='/'>Stories</a><br><a href='/next'>Next</a>") -> str:
    story = "".join(f"<p>{S[i]}</p>" + (f"<img src='p{i}.jpg'>" if i < 2 else "") for i in range(4))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>The Lock Keeper's Dog</title></head><body>"
            f"<table><tr><td>{menu}</td><td>{story}</td></tr></table></body></html>")


def test_a_story_cell_beside_a_two_link_cell_is_read_as_paragraphs():
    html = _cell_page()
    assert paragraphs(html) == S[:4]
    assert bare(html)[0].startswith("| Stories Next |")


def test_a_two_link_cell_with_more_text_is_no_menu():
    # a cell holding text besides its two links is a data cell: the row stays a row
    html = _cell_page("See <a href='/a'>the trust</a> and <a href='/b'>the lock log</a> for the gate's 1911 records and the keepers' notes")
    assert paragraphs(html)[0].startswith("| See the trust")


def test_without_link_cells_the_story_is_one_row(monkeypatch):
    monkeypatch.setattr(tables, "LINK_CELLS", False)
    assert paragraphs(_cell_page())[0].startswith("| Stories Next |")



# -- a photo gallery page: a short intro, then pictures each with a sentence of caption; the captions
#    are the page's text (https://github.com/cantino/ruby-readability/issues/78, a Guardian gallery).
#    The DOM stage took them out as figure furniture and left the intro alone; bare trafilatura keeps
#    them. An article with photos keeps its captions out. --

CAPTIONS = ["A crane lifts the first of the new oak gates off the barge at the top of the flight on Monday.",
            "Volunteers from the canal trust guide the gate into its quoins while the lock is drained.",
            "The old gates, taken out in pieces, wait on the towpath to be sawn up for benches.",
            "Boaters watch from the lock side as the gate is swung shut for the first time."]


def _gallery(prose: str = "") -> str:
    figures = "".join(f"<li><figure><img src='/g{i}.jpg' alt=''><figcaption class='gallery__caption'>{c}</figcaption></figure></li>"
                      for i, c in enumerate(CAPTIONS))
    return page(f"<p>The gates arrived by barge on a cold morning.</p>{prose}<ul class='gallery'>{figures}</ul>",
                title="The new lock gates in pictures")


def test_a_gallery_pages_captions_are_its_text():
    assert paragraphs(_gallery()) == ["The gates arrived by barge on a cold morning.", *(f"- {c}" for c in CAPTIONS)]


def test_an_article_with_captioned_photos_keeps_them_out():
    out = paragraphs(_gallery(SITE.ps(0, 1, 2, 3, 4, 5)))
    assert S[5] in out and not any(c in line for line in out for c in CAPTIONS)


def test_without_the_gallery_stage_the_captions_go(monkeypatch):
    monkeypatch.setattr(gallery, "GALLERY_CAPTIONS", False)
    assert paragraphs(_gallery()) == ["The gates arrived by barge on a cold morning."]



# -- the first section written in a box of its own before the body's container: its subheading (a
#    quoted claim) and two paragraphs, then the body's sections, each under an <h2>
#    (https://github.com/mozilla/readability/issues/948). trafilatura began at the body's first
#    subheading, and the lead-run stage took runs before a first paragraph only. --

def _boxed_first_section() -> str:
    return page("<div class='claim-box'><h2>“The gates will last a hundred years”</h2>" + SITE.ps(0, 1) + "</div>"
                "<div class='entry-content'><h2>Where the claim came from</h2>" + SITE.ps(2, 3) + "<h2>What the log shows</h2>" + SITE.ps(4) + "</div>")


def test_a_first_section_in_a_box_of_its_own_is_put_back_with_its_title():
    assert paragraphs(_boxed_first_section()) == ["“The gates will last a hundred years”", *S[:2], "Where the claim came from",
                                                  *S[2:4], "What the log shows", S[4]]


def test_without_headed_lead_runs_the_first_section_is_lost(monkeypatch):
    monkeypatch.setattr(leadrun, "HEADED", False)
    assert paragraphs(_boxed_first_section())[0] == "Where the claim came from"


# -- a block quote's attribution as the HTML standard writes it (the quote in a <figure>, the
#    attribution its <figcaption>) and as Bootstrap does (<footer class="blockquote-footer"> inside
#    the quote): trafilatura deletes <footer>s, the caption rule takes figcaptions; the quote stayed,
#    who said it went (archiver and bare). A pull quote's parts are left as they are. --

QUOTE = "We built them to last, and they have."


def test_a_quotes_footer_attribution_stays():
    html = page(SITE.ps(0) + f"<blockquote class='blockquote'><p>{QUOTE}</p><footer class='blockquote-footer'>Idris Vane, lock keeper</footer></blockquote>" + SITE.ps(1))
    assert paragraphs(html) == [S[0], QUOTE, "Idris Vane, lock keeper", S[1]]
    assert "Idris Vane, lock keeper" not in bare(html)


def test_a_quotes_figcaption_attribution_stays():
    html = page(SITE.ps(0) + f"<figure><blockquote><p>{QUOTE}</p></blockquote><figcaption>— Idris Vane, lock keeper</figcaption></figure>" + SITE.ps(1))
    assert paragraphs(html) == [S[0], QUOTE, "— Idris Vane, lock keeper", S[1]]


def test_a_photos_caption_is_still_a_caption():
    html = page(SITE.ps(0) + "<figure><img src='/gate.jpg' alt=''><blockquote><p>Open daily</p></blockquote><figcaption>The sign on the lock cottage.</figcaption></figure>" + SITE.ps(1))
    assert "The sign on the lock cottage." not in paragraphs(html)


def test_without_the_stage_the_attribution_goes(monkeypatch):
    monkeypatch.setattr(quoteattr, "QUOTE_ATTRIBUTIONS", False)
    html = page(SITE.ps(0) + f"<figure><blockquote><p>{QUOTE}</p></blockquote><figcaption>— Idris Vane, lock keeper</figcaption></figure>" + SITE.ps(1))
    assert paragraphs(html) == [S[0], QUOTE, S[1]]


# -- an agency story as syndicated, closing with a line to the agency's topic page ('Follow AP's
#    coverage of ... at https://...') and a funding disclosure ('The Associated Press receives support
#    from ... The AP is solely responsible for all content.'): kept by archiver and bare
#    (https://github.com/adbar/trafilatura/pull/530 tuned AP News pages). The contribution credit stays. --

HUB = "Follow the Gazette's coverage of the canal at https://www.tollbury-gazette.example/hub/canal"
FUNDING = "The Tollbury Quay Gazette receives support from the Waterways Fund for its coverage of rivers. The Gazette is solely responsible for all content."
CREDIT = "Gazette writer Bryn Aldous in Lydford contributed to this report."


def test_a_coverage_hub_line_and_a_funding_disclosure_close_no_story():
    html = page(SITE.ps(0, 1, 2) + f"<p>{CREDIT}</p><p>{HUB}</p><p>{FUNDING}</p>")
    assert paragraphs(html) == [*S[:3], CREDIT]
    assert HUB in bare(html) and FUNDING in bare(html)


def test_a_sentence_about_coverage_or_responsibility_stays():
    lines = ["Coverage of the canal's reopening at the time was patchy: one paper sent a reporter.",
             "The trust said it is solely responsible for the gates, not the council."]
    assert paragraphs(page(SITE.ps(0, 1) + "".join(f"<p>{x}</p>" for x in lines))) == [*S[:2], *lines]


def test_without_the_rules_the_lines_stay(monkeypatch):
    html = page(SITE.ps(0, 1, 2) + f"<p>{HUB}</p><p>{FUNDING}</p>")
    without_paragraph_rule(monkeypatch, "coverage-hub-line")
    assert HUB in paragraphs(html)
    without_paragraph_rule(monkeypatch, "funding-disclosure")
    assert paragraphs(html)[-1] == FUNDING
