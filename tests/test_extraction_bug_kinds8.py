"""Failure kinds from public bug reports against article extractors, eighth round (bug8).

Invented site and text (the Tollbury Quay Gazette), in the markup the reports show (the report is named
above each test). Each fix has a twin test that switches it off and shows the fault is back.
"""

from __future__ import annotations

from rulekit import without_paragraph_rule
from storykit import Newsroom

from archiver.extraction import leadrun

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
