"""What a reader (review4) found in this session's heading stages, mended (mend2).

Invented site and text (the Harrowdene Gazette, as test_extraction_bug_kinds10.py). Each fix has a
twin that switches it off (or feeds the old test) and shows the fault.
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule
from storykit import Newsroom

from archiver.extraction import ariaheadings, divheadings, extract
from archiver.numbers import ascii_int

URL = "https://www.harrowdene-gazette.example/2026/12/ferry-slipway"
TITLE = "Harrowdene ferry slipway reopens after a winter of repairs"

SITE = Newsroom(URL, TITLE, "Harrowdene Gazette", "Idris Pellow", "4 Mill Lane",
                "The harbour board said on Tuesday that pontoon {i} of the old ferry slipway had been lifted, scraped and bolted back onto new piles before the spring tides.")
page, paragraphs = SITE.page, SITE.paragraphs
S = SITE.sentences


# -- a number written in other digits than ASCII: '²'.isdigit() is True and int('²') raises, so a
#    page's aria-level="²" or colspan="²" failed the whole extraction --

def test_ascii_int_reads_ascii_digits_only():
    assert [ascii_int(v) for v in ("3", " 12 ", "0", "²", "①", "٣", "", None, "-1", "2.5")] == \
        [3, 12, 0, None, None, None, None, None, None, None]
    assert "²".isdigit()  # the test the fields used before


@pytest.mark.parametrize("markup", [
    '<div role="heading" aria-level="²">What happens next</div>',
    '<table><tr><td colspan="²">Fares</td><td>Times</td></tr><tr><td>£2</td><td>hourly</td></tr></table>'])
def test_a_superscript_number_in_the_markup_does_not_fail_the_page(markup):
    result = extract(page(SITE.ps(0, 1) + markup + SITE.ps(2, 3)), URL)
    assert result.error is None
    assert S[3] in result.paragraphs


def test_a_superscript_aria_level_is_read_as_no_level():
    html = page(SITE.ps(0, 1) + '<div role="heading" aria-level="²">What happens next</div>' + SITE.ps(2, 3))
    assert paragraphs(html) == [S[0], S[1], "What happens next", S[2], S[3]]


# -- an unclassed role=list of share buttons: the ARIA list stage made it a <ul> of three kept lines
#    ('Share on Facebook', 'Share on X', 'Copy link'), which the page dropped without the stage --

SHARE = ('<div role="list"><div role="listitem">Share on Facebook</div><div role="listitem">Share on X</div>'
         '<div role="listitem">Copy link</div></div>')


def test_a_role_list_of_share_buttons_stays_out():
    assert paragraphs(page(SITE.ps(0, 1) + SHARE + SITE.ps(2, 3))) == [S[0], S[1], S[2], S[3]]


def test_without_the_guard_the_share_buttons_are_kept(monkeypatch):
    monkeypatch.setattr(ariaheadings, "SHARE_ROWS", False)
    got = paragraphs(page(SITE.ps(0, 1) + SHARE + SITE.ps(2, 3)))
    assert "- Share on Facebook" in got


def test_a_list_of_short_items_is_still_a_list():
    items = ["Print the form", "Email the harbour office", "Share a car"]
    html = page(SITE.ps(0) + "<p>Before the first crossing:</p><div role='list'>"
                + "".join(f"<div role='listitem'>{x}</div>" for x in items) + "</div>" + SITE.ps(1, 2))
    assert [f"- {x}" for x in items] == [p for p in paragraphs(html) if p.startswith("- ")]


# -- div-headings took any class or id word naming a heading and any bold-only line as an <h3>: a
#    promo's, a video's or a call to action's title, a sponsor line and a photo credit came back
#    between the paragraphs (issue kinds 4, 12, 14) --

NOT_TITLES = ["<div class='promo-heading'>Subscribe for one pound a week</div>",
              "<div class='cta-heading'>Support local journalism today</div>",
              "<div class='video-subtitle'>Watch the slipway reopen</div>",
              "<div class='subheading promo'>Become a member today</div>",
              "<div><strong>Sponsored content from Harbour Bank</strong></div>",
              "<div><strong>Photo by Jane Doe for the Gazette</strong></div>"]


@pytest.mark.parametrize("line", NOT_TITLES)
def test_a_unit_title_or_a_credit_line_is_no_section_title(line):
    assert paragraphs(page(SITE.ps(0, 1, 2) + line + SITE.ps(3, 4))) == [S[0], S[1], S[2], S[3], S[4]]


def test_without_the_guard_they_come_back(monkeypatch):
    monkeypatch.setattr(divheadings, "UNIT_GUARD", False)
    without_dom_rule(monkeypatch, "promo-box")  # bug34: the 'promo' box goes whole with that rule on
    back = [line for line in NOT_TITLES if len(paragraphs(page(SITE.ps(0, 1, 2) + line + SITE.ps(3, 4)))) == 6]
    assert back == NOT_TITLES


@pytest.mark.parametrize("line", ["<div class='subheading'>{t}</div>", "<div class='wp-block-heading'>{t}</div>",
                                  "<div class='h4'>{t}</div>", "<div><b>{t}</b></div>",
                                  "<div class='article-subheading'>{t}</div>", "<div class='body__subheading'>{t}</div>"])
def test_section_titles_are_still_headings(line):
    got = paragraphs(page(SITE.ps(0, 1, 2) + line.format(t="What happens next") + SITE.ps(3, 4)))
    assert got == [S[0], S[1], S[2], "What happens next", S[3], S[4]]


# -- read-more-from-unit (a 'Read more from X:' label in bold and story links after it, joined by
#    <br>s) took a paragraph that starts with a bold 'See more on ...' and goes on in prose --

def test_a_paragraph_led_by_a_bold_see_more_stays():
    prose = ("<p><b>See more on the slipway</b> in the plans the council published on Monday, which show a second "
             "pontoon and a new crane for the boatyard.</p>")
    got = paragraphs(page(SITE.ps(0, 1, 2) + prose + SITE.ps(3, 4)))
    assert any(p.startswith("See more on the slipway in the plans") for p in got)


def test_a_read_more_unit_of_links_goes():
    unit = ("<p><strong>Read more from the Gazette:</strong><br><a href='/a'>Ferry fares to rise next spring</a><br>"
            "<a href='/b'>Crab season opens early on the north quay</a></p>")
    got = paragraphs(page(SITE.ps(0, 1, 2) + unit + SITE.ps(3, 4)))
    assert got == [S[0], S[1], S[2], S[3], S[4]]
