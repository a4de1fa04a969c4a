"""Failure kinds from public bug reports against article extractors, twelfth round (bug12).

Invented site and text (the Marrowby Herald), in the markup the reports show (the report is named
above each test, or "no extractor report found"). Each fix has a twin test that switches it off and
shows the fault is back; a kind left unfixed is an ``xfail(strict=True)`` test saying why. The last
tests are this round's probes that archiver already passed, kept so they stay passed.
"""

from __future__ import annotations

import pytest
from rulekit import without_dom_rule
from storykit import Newsroom

from archiver.extraction import extract, inline

URL = "https://www.marrowby-herald.example/2026/12/ferry-pier"
TITLE = "Marrowby ferry pier rebuilt before the spring tides"

SITE = Newsroom(URL, TITLE, "Marrowby Herald", "Ianthe Varga", "4 Chandlers Yard",
                "The harbour board said on Tuesday that pile {i} of the old ferry pier had been drawn out and replaced with a steel one.")
page, paragraphs, bare = SITE.page, SITE.paragraphs, SITE.bare
S = SITE.sentences

EVENTS = ["The first wooden pier opens for the Marrowby to Skarra ferry.",
          "A storm takes the pier head and the ferry moves to the quay for a year."]


def _timeline(item: str) -> str:
    items = "".join(item.format(year=y, text=t) for y, t in zip(("1926", "1987"), EVENTS, strict=True))
    return page(SITE.ps(0, 1) + f"<p>The pier's story so far:</p><ul class='timeline'>{items}</ul>" + SITE.ps(2, 3))


TIMELINE_ITEMS = {
    "time-and-paragraph": "<li><time datetime='{year}'>{year}</time><p>{text}</p></li>",
    "time-and-text": "<li><time datetime='{year}'>{year}</time> {text}</li>",
}
DATE_TABLE = ("<table><tr><th>Date</th><th>Ferry</th></tr>"
              "<tr><th scope='row'><time datetime='2026-03-29'>29 March</time></th><td>First sailing from the new pier</td></tr>"
              "<tr><td><time datetime='2026-04-05'>5 April</time></td><td>Timetable back to hourly sailings</td></tr></table>")


# -- a date in a list item or a table cell. trafilatura deletes every <time> with its text
#    (MANUALLY_CLEANED), and archiver's DOM rule 'date' took every <time> outside a <p> before that:
#    a timeline's years and a table's date column came out empty ('- The first wooden pier opens ...',
#    '| | First sailing ... |'). A report of trafilatura dropping the dates beside the items it kept:
#    https://github.com/chalie-ai/chalie/pull/1723; the table markup is GOV.UK's bank-holiday rows
#    (https://github.com/alphagov/frontend/pull/3982) --

@pytest.mark.parametrize("name", sorted(TIMELINE_ITEMS))
def test_a_timeline_keeps_its_years(name):
    got = paragraphs(_timeline(TIMELINE_ITEMS[name]))
    assert got == [S[0], S[1], "The pier's story so far:", f"- 1926 {EVENTS[0]}", f"- 1987 {EVENTS[1]}", S[2], S[3]]


def test_a_date_column_keeps_its_dates():
    got = paragraphs(page(SITE.ps(0, 1) + DATE_TABLE + SITE.ps(2, 3)))
    assert "| 29 March | First sailing from the new pier |" in got
    assert "| 5 April | Timetable back to hourly sailings |" in got


def test_a_dateline_in_a_list_or_a_meta_line_still_goes():
    meta = ("<ul class='post-meta'><li><time datetime='2026-12-02'>2 December 2026</time></li>"
            "<li>Posted in <a href='/harbour'>Harbour</a></li></ul>")
    got = paragraphs(page(meta + SITE.ps(0, 1, 2) + "<div class='updated'><time>3 December 2026</time></div>"))
    assert got == S[:3]


def test_without_the_switch_the_dates_are_gone(monkeypatch):
    monkeypatch.setattr(inline, "LIST_CELL_TIMES", False)
    html = _timeline(TIMELINE_ITEMS["time-and-text"])
    assert f"- {EVENTS[0]}" in paragraphs(html)
    assert f"- {EVENTS[0]}" in bare(html)  # bare trafilatura loses them too
    table = page(SITE.ps(0, 1) + DATE_TABLE + SITE.ps(2, 3))
    assert "| | First sailing from the new pier |" in paragraphs(table)


def _div_timeline(link: bool = False) -> str:
    head = "<a href='/1926'>The pier opens</a>" if link else ""
    return "".join(f"<div class='entry'><time>{y}</time>{head}<p>{t}</p></div>"
                   for y, t in zip(("March 1926", "October 1987"), EVENTS, strict=True))


def test_a_timeline_of_div_entries_keeps_its_dates():
    # no link or heading in the entries, two of them, between body paragraphs: the dates are the text's
    got = paragraphs(page(SITE.ps(0, 1) + f"<div class='timeline'>{_div_timeline()}</div>" + SITE.ps(2, 3)))
    assert got == [S[0], S[1], "March 1926", EVENTS[0], "October 1987", EVENTS[1], S[2], S[3]]


def test_without_the_stage_the_div_timelines_dates_go(monkeypatch):
    monkeypatch.setattr(inline, "TIMELINE_DIVS", False)
    got = paragraphs(page(SITE.ps(0, 1) + f"<div class='timeline'>{_div_timeline()}</div>" + SITE.ps(2, 3)))
    assert "March 1926" not in got


def test_teasers_with_a_headline_link_keep_their_datelines_out():
    got = paragraphs(page(SITE.ps(0, 1, 2, 3) + f"<div class='more'>{_div_timeline(link=True)}</div>"))
    assert "March 1926" not in got and "October 1987" not in got


def test_the_date_rule_and_the_stage_test_the_same_shape():
    import json
    from pathlib import Path

    rules = json.loads((Path(inline.__file__).parent.parent / "rules" / "generic.json").read_text("utf-8"))
    [date] = [r for r in rules["dom"] if r["name"] == "date"]
    assert date["unless"] == inline.TIMELINE_ENTRY_TEST


# -- Yandex's <noindex> inside a sentence. Russian sites wrap an outside link in it ('<noindex><a
#    rel="nofollow">...</a></noindex>'); trafilatura deletes every <noindex> with its text, so the sentence
#    came out 'подробности есть на .'. No extractor report found: the kind (the <nobr> kind of
#    https://github.com/adbar/trafilatura/issues/825; the tag: https://github.com/doka-guide/content/pull/4330) --

RU = "Председатель портового совета сказал, что новый причал откроют весной, а подробности есть на сайте паромной компании."
RU_HTML = ("<p>Председатель портового совета сказал, что новый причал откроют весной, а подробности есть на "
           "<noindex><a href='https://ferry.example/' rel='nofollow'>сайте паромной компании</a></noindex>.</p>")


def test_a_noindex_link_inside_a_sentence_stays():
    got = paragraphs(page(SITE.ps(0, 1) + RU_HTML + SITE.ps(2, 3), lang="ru"))
    assert got == [S[0], S[1], RU, S[2], S[3]]


def test_a_noindex_block_outside_a_sentence_still_goes():
    counter = "<noindex><div class='counter'><a href='https://metrika.example/'>Яндекс.Метрика</a></div></noindex>"
    got = paragraphs(page(SITE.ps(0, 1, 2) + counter, lang="ru"))
    assert got == S[:3]


def test_without_the_switch_the_noindex_link_is_gone(monkeypatch):
    monkeypatch.setattr(inline, "UNWRAP_NOINDEX", False)
    html = page(SITE.ps(0, 1) + RU_HTML + SITE.ps(2, 3), lang="ru")
    assert "Председатель портового совета сказал, что новый причал откроют весной, а подробности есть на ." in paragraphs(html)
    assert "Председатель портового совета сказал, что новый причал откроют весной, а подробности есть на ." in bare(html)


# -- a dek right after the headline, shorter than a paragraph, in a <header> outside the <article>
#    (trafilatura leaves it out: https://github.com/adbar/trafilatura/issues/642; the standfirst stage takes
#    only 120 characters and more, a paragraph's length) --

DEK = "The harbour board's three-year rebuild ends before the first ferry of spring, a month ahead of plan."
DEK_PAGE = ("<!DOCTYPE html><html><head><title>Marrowby ferry pier rebuilt | Marrowby Herald</title></head><body>"
            "<nav><a href='/'>Home</a></nav><header class='article-header'><h1>Marrowby ferry pier rebuilt</h1>"
            f"<h2 class='subheadline'>{DEK}</h2></header><article><div class='article-body'>{SITE.ps(0, 1, 2, 3)}</div>"
            "</article><footer>Marrowby Herald</footer></body></html>")


@pytest.mark.xfail(strict=True, reason="left: the benchmarks disagree. Taking the headline's next element named as a dek "
                   "from 60 characters (tried as standfirst 'adjacent_min_chars') put a dek in front of 4 AEB pages, "
                   "whose truth leaves deks out (4 pages lower, e.g. 1.0 -> .957), and helped one trafilatura-eval page")
def test_a_short_dek_under_the_headline_is_kept():
    assert paragraphs(DEK_PAGE) == [DEK, *S[:4]]


# -- the lead-in line of an e-mail sign-up form loose at the foot of a post ('Get the harbour news by
#    email:'): the form rule took the form and left its lead-in in the text. The form is Buttondown's embed,
#    put at the foot of each post: https://github.com/hanakai-rb/site/issues/338 --

FORM = ("<form action='https://buttondown.example/api/emails/embed-subscribe/herald' method='post' "
        "class='embeddable-buttondown-form'><label for='bd-email'>Enter your email</label>"
        "<input type='email' name='email' id='bd-email'><input type='submit' value='Subscribe'>"
        "<p><a href='https://buttondown.example/refer/herald'>Powered by Buttondown.</a></p></form>")
LEAD_IN = "Get the harbour news by email:"


def test_a_sign_up_forms_lead_in_goes_with_it():
    assert paragraphs(page(SITE.ps(0, 1, 2, 3) + f"<p>{LEAD_IN}</p>" + FORM)) == S[:4]


def test_a_sentence_before_a_form_or_a_colon_line_before_a_list_stays():
    assert paragraphs(page(SITE.ps(0, 1, 2) + f"<p>{S[3]}</p>" + FORM)) == S[:4]  # no colon: the body's last paragraph
    got = paragraphs(page(SITE.ps(0, 1) + "<p>The new pier has:</p><ul><li>steel piles</li><li>a wider deck</li></ul>"
                          + SITE.ps(2, 3)))
    assert "The new pier has:" in got


def test_without_the_rule_the_lead_in_stays(monkeypatch):
    without_dom_rule(monkeypatch, "email-form-lead-in")
    html = page(SITE.ps(0, 1, 2, 3) + f"<p>{LEAD_IN}</p>" + FORM)
    assert LEAD_IN in paragraphs(html)
    assert LEAD_IN in bare(html)


def test_the_lead_in_is_accounted_for():
    removed = extract(page(SITE.ps(0, 1, 2, 3) + f"<p>{LEAD_IN}</p>" + FORM), URL).removed
    assert any(r.rule == "email-form-lead-in" and r.text == LEAD_IN for r in removed)


# -- a collapsed section written hidden="until-found" (the HTML standard's searchable hidden state: find-in-page
#    and a link to it open the section; Wikipedia's mobile sections, accordion plugins,
#    https://github.com/philbuchanan/Accordion-Blocks/issues/161) is the page's text, as a <details> body is:
#    archiver's 'hidden' rule took it with every [hidden] element (a list without a <p>: gone), where bare
#    trafilatura kept it. No extractor report found: the kind (reader modes "don't see hidden content at all",
#    https://github.com/w3c/csswg-drafts/issues/5595) --

UNTIL_FOUND = ("<h2>Questions about the closure</h2><div hidden='until-found'><ul><li>The pier reopens on 1 March.</li>"
               "<li>Ferries use the quay until then.</li></ul></div>")


def test_a_section_hidden_until_found_is_kept():
    got = paragraphs(page(SITE.ps(0, 1) + UNTIL_FOUND + SITE.ps(2, 3)))
    assert got == [S[0], S[1], "Questions about the closure", "- The pier reopens on 1 March.",
                   "- Ferries use the quay until then.", S[2], S[3]]


def test_a_hidden_list_still_goes():
    hidden = "<div hidden><ul><li>Share on Facebook</li><li>Share by email</li></ul></div>"
    assert paragraphs(page(SITE.ps(0, 1) + hidden + SITE.ps(2, 3))) == S[:4]


def test_with_the_old_rule_the_section_is_gone(monkeypatch):
    import dataclasses

    from lxml import etree

    import archiver.extraction as ex
    original = ex.rules_for
    old = etree.XPath(".//p | .//text()[string-length(normalize-space(.)) > 150]")  # the rule's 'unless' before

    def rules_for(host):
        rules = original(host)
        return dataclasses.replace(rules, dom=tuple(dataclasses.replace(r, unless=old) if r.name == "hidden" else r
                                                    for r in rules.dom))
    monkeypatch.setattr(ex, "rules_for", rules_for)
    html = page(SITE.ps(0, 1) + UNTIL_FOUND + SITE.ps(2, 3))
    assert "- The pier reopens on 1 March." not in paragraphs(html)
    assert "- The pier reopens on 1 March." in bare(html)  # bare trafilatura kept it


# -- this round's probes archiver already passed (bare trafilatura failed most): kept so they stay passed --

WIKI_HEADING = ("<div class='mw-heading mw-heading2'><h2 id='History'>History of the pier</h2><span class='mw-editsection'>"
                "<span class='mw-editsection-bracket'>[</span><a href='/w/index.php?title=Pier&action=edit&section=1'>"
                "<span>edit</span></a><span class='mw-editsection-bracket'>]</span></span></div>")
STARLIGHT = ("<div class='sl-heading-wrapper level-h2'><h2 id='what-changes'>What changes for ferry users</h2>"
             "<a class='sl-anchor-link' href='#what-changes'><span aria-hidden='true' class='sl-anchor-icon'><svg width='16' "
             "height='16'><path d='M0 0'/></svg></span><span class='sr-only'>Section titled \u201cWhat changes for ferry "
             "users\u201d</span></a></div>")
PASSED = {
    # https://github.com/feedbin/feedbin/issues/724: a Starlight heading beside its anchor link ("Section titled ...")
    "starlight-heading": (page(SITE.ps(0, 1) + STARLIGHT + SITE.ps(2, 3)), [S[0], S[1], "What changes for ferry users", S[2], S[3]]),
    # https://github.com/wallabag/wallabag/issues/3665: a stray </div> after a <style> closes the body container
    "stray-close": (page("<div class='post-body entry-content' itemprop='articleBody'><style>.pier{margin:0}</style></div>"
                         + SITE.ps(0, 1, 2, 3) + "</div><div class='post-footer'>Posted by Ianthe Varga at 10:02</div>"), S[:4]),
    # https://github.com/wallabag/wallabag/issues/6852: lead paragraphs p.intro before the body container
    "p-intro": (page(f"<p class='intro'>{S[0]}</p><p class='intro'>{S[1]}</p><div class='article-content'>"
                     + SITE.ps(2, 3, 4) + "</div>"), S[:5]),
    # https://github.com/mozilla/readability/issues/986: Wikipedia's h2 in div.mw-heading beside its [edit] link
    "wiki-heading-edit": (page(SITE.ps(0, 1) + WIKI_HEADING + SITE.ps(2, 3)), [S[0], S[1], "History of the pier", S[2], S[3]]),
    # https://github.com/cantino/ruby-readability/issues/19: the old [edit] span inside the heading
    "wiki-editsection-old": (page(SITE.ps(0, 1) + "<h2><span class='editsection'>[<a href='/w/index.php?action=edit&section=1'>"
                                  "edit</a>]</span> <span class='mw-headline'>History of the pier</span></h2>" + SITE.ps(2, 3)),
                             [S[0], S[1], "History of the pier", S[2], S[3]]),
    # https://github.com/miso-belica/jusText/issues/42: Polish REKLAMA labels between paragraphs
    "reklama-label": (page(SITE.ps(0, 1) + "<div class='box'><span>REKLAMA</span></div>" + SITE.ps(2, 3) + "<p>REKLAMA</p>"
                           + SITE.ps(4), lang="pl"), S[:5]),
    # https://github.com/mozilla/readability/issues/696: a drop cap in a span with a header-font class
    "dropcap-class": (page(f"<p><span class='drop-cap fl header-font pr3 pb2'>T</span>{S[0][1:]}</p>" + SITE.ps(1, 2, 3)), S[:4]),
}


@pytest.mark.parametrize("name", sorted(PASSED))
def test_a_probe_archiver_passed_stays_passed(name):
    html, want = PASSED[name]
    assert paragraphs(html) == want


def test_a_from_tag_rule_is_asked_of_each_element_of_its_tag_once():
    from lxml import html as lxml_html

    from archiver.extraction.ruleselectors import TagXPathSelector
    from archiver.extraction.selectors import Index
    root = lxml_html.fromstring("<div><p>One:</p><form id='a'></form><p>Two:</p><form id='b'></form></div>")
    # each <form>'s parent: the same element twice, kept once
    assert [el.tag for el in TagXPathSelector("form", "parent::*").select(Index(root))] == ["div"]
    found = TagXPathSelector("form", "preceding-sibling::*[1][self::p]").select(Index(root))
    assert [el.text for el in found] == ["One:", "Two:"]
