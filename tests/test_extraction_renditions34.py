"""The thirty-fourth renditions of the seed pages (``tests/fixtures/renditions34``: the seed pages as a first
visit's browser holds them once the scripts ran, under consent managers' dialogs, a metered paywall, an
ad-block wall, a push prompt, a sticky player and ad slots) word for word, with the extras (the same layers
written into the story's flow), and the kinds the extras found, each on a small page of its own (invented site
and text) that fails with its fix switched off (the rule's earlier form put back, or the rule taken out), with
look-alike sentences that must stay:

- a meter's free-article count ("You've read 1 of 3 free articles this month.", "You have 2 free articles
  remaining", "This is your last free article") and a registration wall's "Create a free account or log in to
  keep reading.": paragraph rule ``meter-wall`` (widened);
- the meter's offer line and its lone button ("Subscribe for unlimited access to local news you can trust.",
  "Subscribe"): paragraph rule ``subscribe-pitch``;
- the wall's label ("Subscriber exclusive", "Members-only content"): paragraph rule ``subscriber-label``;
- an ad-block prompt's heading ("We rely on ads to keep creating quality content for you to enjoy for free."):
  paragraph rule ``ad-reliance-appeal``; and its plea ("Please support our site by disabling your ad
  blocker."): paragraph rule ``adblock-notice`` (widened);
- (second batch of extras) a survey wall's prompt, question and answers ("Answer a quick question to keep
  reading this article.", "Which of these ...?", "Groceries online", "Skip question"): paragraph rule
  ``survey-wall`` (drop-following);
- a push prompt's "Turn on notifications to hear first when news breaks.": paragraph rule
  ``notification-prompt`` (widened);
- (third batch, the page's layers moved into the story's flow) a consent platform's dialog inside the story
  (Didomi's ``#didomi-host``, Cookiebot's ``#CybotCookiebotDialog``; Funding Choices' dialog inside the
  story trafilatura leaves out itself):
  DOM rule ``cookie-banner`` (the platforms' containers added); a donation interstitial's "we need your help"
  line and its buttons after its heading: paragraph rule ``support-appeal`` (``following`` widened); an
  ad-block wall's "Please support local journalism by disabling it ...": paragraph rule ``adblock-plea``
  (beside a line naming an ad blocker).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from renditionkit import BODY, TITLE, URL, word_for_word
from rulekit import paragraph_pattern, with_paragraph_pattern, without_paragraph_rule

import archiver.extraction as ex
from archiver.extraction import extract
from archiver.extraction.selectors import compile_css

OPEN: set[str] = set()
OPEN_EXTRA: set[str] = set()
test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions34", OPEN)
test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions34", OPEN_EXTRA, "extra.tsv")

PARAS = "".join(f"<p>{p}</p>" for p in BODY)


def _page(middle: str) -> str:
    body = PARAS.replace(f"<p>{BODY[1]}</p>", f"<p>{BODY[1]}</p>{middle}")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
            f"<header><a href='/'>Harbour Gazette</a></header><main><article><h1>{TITLE}</h1>"
            f"<div class='article-body'>{body}</div></article></main>"
            "<footer>© 2026 Harbour Gazette</footer></body></html>")


def _paras(page: str) -> list[str]:
    return list(extract(page, URL).paragraphs)


def _box(*lines: str) -> str:
    """A vendor's inline box as a plain ``div`` of paragraphs (no class naming it)."""
    return "<div>" + "".join(f"<p>{line}</p>" for line in lines) + "</div>"


def _with_pattern_before(monkeypatch, name: str, added: str, new: str = "") -> None:
    pattern = paragraph_pattern("example.org", name)
    assert added in pattern.pattern
    with_paragraph_pattern(monkeypatch, name, pattern.pattern.replace(added, new), pattern.flags)


METER_ACCOUNT = ("|(?:create|open) (?:a |your )?free account(?: (?:or|and) (?:log|sign) in)? to (?:keep|continue) reading"
                 "(?: this (?:article|story))?[.!]?")
METER_COUNT = ("you(?:'ve|’ve| have) (?:read|viewed|used) (?:\\d{1,2}|one|two|three|four|five|six|ten) (?:of|out of) "
               "(?:your )?(?:\\d{1,2}|one|two|three|four|five|six|ten) (?:free|complimentary) (?:articles|stories|reads)"
               "(?: (?:this|a|per) (?:month|week))?[.!]?|you have (?:\\d{1,2}|one|two|three|four|five|no) (?:free|complimentary) "
               "(?:articles?|stories|story|reads?) (?:left|remaining)(?: (?:this|a|per) (?:month|week))?[.!]?|this is your "
               "(?:last|final) free (?:article|story)(?: (?:this|a|per) (?:month|week))?[.!]?|")


@pytest.mark.parametrize("line", ["You've read 1 of 3 free articles this month.",
                                  "You have 2 free articles remaining this month.",
                                  "This is your last free article."])
def test_a_meter_s_free_article_count_goes(monkeypatch, line):
    page = _page(_box(line))
    assert _paras(page) == BODY
    _with_pattern_before(monkeypatch, "meter-wall", METER_COUNT)
    assert line in _paras(page)


def test_a_registration_wall_s_free_account_line_goes(monkeypatch):
    line = "Create a free account or log in to keep reading."
    page = _page(_box(line))
    assert _paras(page) == BODY
    _with_pattern_before(monkeypatch, "meter-wall", METER_ACCOUNT)
    assert line in _paras(page)


@pytest.mark.parametrize("line", ["Subscribe for unlimited access to local news you can trust.",
                                  "Subscribe now for just $1 for 6 months, unlimited digital access.",
                                  "Subscribe"])
def test_a_meter_s_offer_line_goes(monkeypatch, line):
    page = _page(_box(line, "Already a subscriber? Log in"))  # mend49: beside the wall's other line, as Piano's box has it
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "subscribe-pitch")
    assert line in _paras(page)


@pytest.mark.parametrize("line", ["Subscriber exclusive", "Members-only content", "Exclusive to subscribers"])
def test_a_wall_s_label_goes(monkeypatch, line):
    page = _page(_box(line, "Create a free account or log in to keep reading."))
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "subscriber-label")
    assert line in _paras(page)


@pytest.mark.parametrize("line", ["We rely on ads to keep creating quality content for you to enjoy for free.",
                                  "Advertising helps us bring you the news for free."])
def test_an_ad_block_prompt_s_heading_goes(monkeypatch, line):
    page = _page(_box(line, "Please support our site by disabling your ad blocker."))  # mend49: beside the plea
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "ad-reliance-appeal")
    assert line in _paras(page)


def test_an_ad_block_plea_by_disabling_goes(monkeypatch):
    line = "Please support our site by disabling your ad blocker."
    page = _page(_box(line))
    assert _paras(page) == BODY
    _with_pattern_before(monkeypatch, "adblock-notice",
                         "|please support (?:us|our (?:site|website|journalism|work|newsroom)|this (?:site|website)) by "
                         "(?:disabling|turning off|pausing|whitelisting us in) (?:your |the )?(?:ad[- ]?blocker|adblock(?:er)?"
                         "|ad[- ]?blocking (?:software|extension|tool))(?=\\s*[.!]?$)")
    assert line in _paras(page)


@pytest.mark.parametrize("line", [
    "You've read two of the three free reports the regulator published, and the third is the worst.",
    "Subscribe for unlimited access was the slogan of the paper's 1998 campaign, which drew few readers.",
    "Subscribe for unlimited access, the ferry company's posters urged, and fares doubled a month later.",
    "Subscribers only pay half fare on the winter boats, the harbour board said.",
    "Members only were allowed on the pier during the storm, a volunteer told reporters.",
    "We rely on ads for most of our revenue, the ferry company's chief executive said, not on fares.",
    "We rely on advertising to keep the app free for you, the company wrote in its filing.",
    "Advertising helps us keep fares low for everyone, according to the operator's annual report.",
    "Please support our campaign by signing the petition at the harbour office before Friday.",
    "Create a free account to keep reading was the message readers saw after the paper's redesign, the editor said.",
])
def test_a_story_sentence_like_the_overlay_lines_stays(line):
    assert line in _paras(_page(f"<p>{line}</p>"))


def test_a_members_only_subheading_stays():
    page = _page("<h2>Members only</h2><p>The yacht club's pontoon stays closed to the public this winter, its "
                 "secretary said, while the pilings are replaced.</p>")
    assert "Members only" in _paras(page)


SURVEY = ["Answer a quick question to keep reading this article.", "Which of these have you bought in the past month?",
          "Groceries online", "A new phone", "None of these", "Skip question"]


def test_a_survey_wall_s_prompt_question_and_answers_go(monkeypatch):
    page = _page(_box(*SURVEY))
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "survey-wall")
    kept = _paras(page)
    assert all(line in kept for line in SURVEY)


def test_a_survey_wall_s_answers_go_only_after_its_prompt():
    """The short lines are taken only right after the prompt: the same question and answers in a story stay."""
    lines = ["Which of these have you bought in the past month?", "Groceries online", "A new phone"]
    page = _page(_box(*lines))
    kept = _paras(page)
    assert all(line in kept for line in lines)


def test_a_story_paragraph_after_a_survey_wall_stays():
    page = _page(_box(*SURVEY[:2]))
    assert _paras(page) == BODY


@pytest.mark.parametrize("line", [
    "Answer a quick question to keep reading, the site asked, and 40 percent of readers did, the study found.",
    "Answer this question to continue reading was a prompt few readers noticed, the researchers wrote.",
])
def test_a_sentence_about_a_survey_wall_stays(line):
    assert line in _paras(_page(f"<p>{line}</p>"))


NOTIFY_ADDED = ("| (?:to|and) (?:(?:hear|know|find out)(?: it)? first|be (?:the )?first to (?:know|hear)) (?:when|as soon as"
                "|the moment) (?:news|big news|a story|stories) (?:breaks?|happens?|drops?)")


@pytest.mark.parametrize("line", ["Turn on notifications to hear first when news breaks.",
                                  "Enable notifications to be the first to know when news breaks."])
def test_a_push_prompt_to_hear_first_goes(monkeypatch, line):
    page = _page(_box(line))
    assert _paras(page) == BODY
    _with_pattern_before(monkeypatch, "notification-prompt", NOTIFY_ADDED)
    assert line in _paras(page)


def test_a_sentence_on_notifications_stays():
    line = "Turn on notifications to hear first when news breaks, the ferry company told passengers after the storm."
    assert line in _paras(_page(f"<p>{line}</p>"))


CMP_DIALOGS = {
    "didomi": ("<div id='didomi-host'><div class='didomi-popup-notice'><p>Welcome to the Harbour Gazette</p><p>With your "
               "agreement, we and our 640 partners use cookies or similar technologies to store, access, and process "
               "personal data like your visit on this website.</p><button>Agree and close</button></div></div>",
               "Welcome to the Harbour Gazette"),
    "cookiebot": ("<div id='CybotCookiebotDialog' role='dialog'><h2>This website uses cookies</h2><div>We share "
                  "information about your use of our site with our advertising and analytics partners.</div>"
                  "<button>Allow all</button></div>",
                  "We share information about your use of our site with our advertising and analytics partners."),
}
BANNER_BEFORE = "#cookie-banner, .cookie-banner, .cookie-consent, #onetrust-consent-sdk"


@pytest.mark.parametrize("vendor", sorted(CMP_DIALOGS))
def test_a_consent_platform_s_dialog_inside_the_story_goes(monkeypatch, vendor):
    dialog, line = CMP_DIALOGS[vendor]
    page = _page(dialog)
    assert _paras(page) == BODY
    original = ex.rules_for

    def rules_before(host):
        rules = original(host)
        return dataclasses.replace(rules, dom=tuple(
            dataclasses.replace(r, selector=compile_css(BANNER_BEFORE)) if r.name == "cookie-banner" else r
            for r in rules.dom))
    monkeypatch.setattr(ex, "rules_for", rules_before)
    assert line in _paras(page)


def test_a_story_about_a_consent_platform_stays():
    line = ("Didomi, Cookiebot and Google's Funding Choices each show the consent dialog; the regulator said the "
            "'Agree and close' button misled readers.")
    page = _page(f"<div class='consent-story'><p>{line}</p></div>")
    assert line in _paras(page)


DONATION = ["A Message from the Harbour Gazette:",
            "Dear readers, we are facing hard times, and we need your help to keep reporting on the harbour.",
            "Support us", "Remind me later."]


def test_a_donation_interstitial_s_lines_go(monkeypatch):
    page = _page(_box(*DONATION))
    assert _paras(page) == BODY
    rule = next(r for r in ex.rules_for("example.org").paragraphs if r.name == "support-appeal")
    original = ex.rules_for

    added = ("|^(?:dear (?:readers|friends|supporters)\\b.{0,200}?\\b)?we need your (?:help|support)(?: to (?:keep|continue) "
             "(?:reporting|publishing|our (?:journalism|reporting|work))\\b|[.!]?$)")
    assert added in rule.following[0].pattern
    before = (re.compile(rule.following[0].pattern.replace(added, ""), rule.following[0].flags), rule.following[1])

    def rules_before(host):  # the rule's two following patterns before rend34
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(
            dataclasses.replace(r, following=before) if r.name == "support-appeal" else r
            for r in rules.paragraphs))
    monkeypatch.setattr(ex, "rules_for", rules_before)
    kept = _paras(page)
    assert "Support us" in kept and "Remind me later." in kept


def test_the_interstitial_s_button_words_stay_in_a_story():
    """Without the appeal's heading above them, "Continue" and "Support us" as lines of a story stay."""
    page = _page(_box("Support us", "Continue"))
    kept = _paras(page)
    assert "Support us" in kept and "Continue" in kept


PLEA = "Please support local journalism by disabling it or adding harbour.example to your allow list."


def test_an_ad_block_wall_s_plea_goes_beside_its_heading(monkeypatch):
    page = _page(_box("It looks like you're using an ad blocker", PLEA))
    assert _paras(page) == BODY
    without_paragraph_rule(monkeypatch, "adblock-plea")
    assert PLEA in _paras(page)


@pytest.mark.parametrize("line", [
    PLEA,
    "Please support the lifeboat crew by donating to it, the harbour master urged residents on Friday.",
])
def test_a_plea_without_an_ad_blocker_beside_it_stays(line):
    assert line in _paras(_page(f"<p>{line}</p>"))
