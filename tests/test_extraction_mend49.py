"""mend49 (review48 on rend34's wall rules): look-alike lines the rend34 forms of survey-wall,
support-appeal, meter-wall, subscribe-pitch, subscriber-label, ad-reliance-appeal, adblock-notice and
notification-prompt took, each kept now, with a twin putting the merged (rend34) form back to show
it took the line. The renditions34 pages and boxes still go word for word
(tests/test_extraction_renditions34.py)."""

from __future__ import annotations

import dataclasses
import re

import pytest

import archiver.extraction as ex
from archiver.extraction import extract

URL = "https://www.valley-ledger.example/2026/12/story"
BODY = ["The county reopened the swing bridge over the canal on Monday morning, after eight months of work on its "
        "deck and the machinery that turns it.",
        "Engineers replaced the timber deck with steel plates and fitted new motors, paid for by a grant from the "
        "regional transport fund.",
        "Drivers had taken a twelve-mile detour through the hills since March, and the bakery by the lock said its "
        "trade had fallen by a third.",
        "The bridge will open for boats every hour in summer and on request in winter, the county said."]
SEE_MORE = "<h2>Troops begin withdrawal</h2><p>Tokayev speaks</p>"


def _page(inner: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY[:2]) + inner + "".join(f"<p>{p}</p>" for p in BODY[2:])
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story | Valley Ledger</title></head>"
            "<body><header><a href='/'>Valley Ledger</a></header><main><article><h1>The story</h1>"
            f"{body}</article></main><footer><p>Valley Ledger, 4 Mill Lane.</p></footer></body></html>")


def _ps(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _paras(html: str) -> list[str]:
    return list(extract(html, URL).paragraphs)


def _merged(rule):  # the rule as rend34 merged it (78870af)
    name = rule.name
    if name in ("subscribe-pitch", "subscriber-label", "ad-reliance-appeal"):
        return dataclasses.replace(rule, beside=None, not_after_colon=False)
    pattern = rule.pattern.pattern
    if name == "meter-wall":
        pattern = pattern.replace("(?: (?:this|a|per) (?:month|week))?[.!]?", "\\b.{0,60}").replace(
            "|(?:create|open) (?:a |your )?free account(?: (?:or|and) (?:log|sign) in)? to (?:keep|continue) reading"
            "(?: this (?:article|story))?[.!]?", "").replace(
            "^(?:(?:register|", "^(?:(?:(?:create|open) (?:a |your )?free account|register|")
        return dataclasses.replace(rule, pattern=re.compile(pattern, rule.pattern.flags), not_reported=None)
    if name == "survey-wall":
        pattern = pattern.replace("(?: this (?:article|story))?[.!]?$", "(?: this (?:article|story))?\\b[^\\\"“”]{0,60}$")
        return dataclasses.replace(rule, pattern=re.compile(pattern, rule.pattern.flags), not_heading=False,
                                   max_following=8)
    if name == "support-appeal":
        first = rule.following[0].pattern
        first = first[:first.index("|^(?:dear")].removesuffix(")\\b") + "|we need your (?:help|support))\\b"
        return dataclasses.replace(rule, following=(re.compile(first, rule.following[0].flags),) + rule.following[1:],
                                   not_reported=None)
    if name == "adblock-notice":
        pattern = pattern.replace("(?=\\s*[.!]?$)", "")
    if name == "notification-prompt":
        pattern = pattern.replace("(?:(?:hear|know|find out)(?: it)? first|be (?:the )?first to (?:know|hear))",
                                  "(?:hear|know|find out|be (?:the )?first to (?:know|hear))(?: (?:it )?first)?")
    return dataclasses.replace(rule, pattern=re.compile(pattern, rule.pattern.flags))


def _merged_form(monkeypatch, name: str) -> None:
    original = ex.rules_for

    def rules_with(host):
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(
            _merged(r) if r.name == name else r for r in rules.paragraphs))
    monkeypatch.setattr(ex, "rules_for", rules_with)


SURVEY = ("<div class='survey-wall'><p>Answer a quick question to keep reading this article.</p><p>Which of these have "
          "you bought in the past month?</p><ul><li>Groceries online</li><li>A new phone</li><li>None of these</li></ul>"
          "<button>Skip question</button></div>")

# (review48 finding, rule, the inserted HTML, the line that must stay)
CASES = [
    ("1", "survey-wall", SURVEY + SEE_MORE, "Tokayev speaks"),
    ("2", "survey-wall", _ps("Answer a survey to keep reading: that is the trade Google offers small publishers.",
                             "How it works", "The panel pays per answer"), "The panel pays per answer"),
    ("2", "survey-wall", "<p>Answer a quick question to keep reading.</p><h2>Why publishers like it</h2>"
                         "<p>Surveys pay</p>", "Why publishers like it"),
    ("3", "support-appeal", _ps("A message from the head teacher:",
                                "We need your help to keep the school gates clear at pick-up time, as the lane is too "
                                "narrow for buses and parents' cars at once."),
     "We need your help to keep the school gates clear at pick-up time, as the lane is too narrow for buses and "
     "parents' cars at once."),
    ("3", "support-appeal", _ps("The museum's director ended her letter: please support our work.",
                                "“We need your help,” the director said at the opening, “because the roof leaks and "
                                "the grant ran out.”"),
     "“We need your help,” the director said at the opening, “because the roof leaks and the grant ran out.”"),
    ("3", "support-appeal", _ps("A message from the mayor:", "We need your help this winter: check on your "
                                "neighbours, keep paths gritted and report burst pipes."),
     "We need your help this winter: check on your neighbours, keep paths gritted and report burst pipes."),
    ("4", "meter-wall", _ps("You've read 10 of 10 free articles, the banner says; clear your cookies and it resets."),
     "You've read 10 of 10 free articles, the banner says; clear your cookies and it resets."),
    ("4", "meter-wall", _ps("You have three free articles left, and after that the site asks for an email address."),
     "You have three free articles left, and after that the site asks for an email address."),
    ("4", "meter-wall", _ps("This is your last free article of the year, and the archive opens to everyone in January."),
     "This is your last free article of the year, and the archive opens to everyone in January."),
    ("5", "meter-wall", _ps("Create a free account to continue reading where you left off on another device."),
     "Create a free account to continue reading where you left off on another device."),
    ("6", "subscribe-pitch", _ps("Step 3", "Subscribe", "Tap the bell to get alerts."), "Subscribe"),
    ("6", "subscribe-pitch", _ps("The button on every channel says one word:", "Subscribe!"), "Subscribe!"),
    ("7", "subscribe-pitch", _ps("Subscribe for $9.99 a month, unlimited access to the catalogue."),
     "Subscribe for $9.99 a month, unlimited access to the catalogue."),
    ("8", "subscriber-label", _ps("Who may use the slipway after dark:", "Members only."), "Members only."),
    ("8", "subscriber-label", _ps("Premium-only."), "Premium-only."),
    ("9", "ad-reliance-appeal", _ps("We rely on advertisers, not licence fees, which is why the station has always "
                                    "been free for you to tune in."),
     "We rely on advertisers, not licence fees, which is why the station has always been free for you to tune in."),
    ("9", "ad-reliance-appeal", _ps("Why are there ads at the festival?",
                                    "Advertising helps us keep the gates open for free on Sunday."),
     "Advertising helps us keep the gates open for free on Sunday."),
    ("10", "adblock-notice", _ps("Please support our site by disabling your ad blocker is the line most readers now "
                                 "ignore."),
     "Please support our site by disabling your ad blocker is the line most readers now ignore."),
    ("11", "notification-prompt", _ps("Open the app's settings, then tap Alerts.",
                                      "Turn on notifications to know when news breaks.", "You can mute them at night."),
     "Turn on notifications to know when news breaks."),
    ("11", "notification-prompt", _ps("Enable notifications to find out the moment news breaks."),
     "Enable notifications to find out the moment news breaks."),
]


@pytest.mark.parametrize(("finding", "rule", "inner", "line"), CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_a_look_alike_stays_and_the_merged_form_took_it(monkeypatch, finding, rule, inner, line):
    page = _page(inner)
    paras = _paras(page)
    assert line in paras
    assert all(p in paras for p in BODY)
    _merged_form(monkeypatch, rule)
    assert line not in _paras(page)


@pytest.mark.parametrize("box", [
    SURVEY,
    _ps("You've read 1 of 3 free articles this month.", "Subscribe for unlimited access to local news you can trust.",
        "Subscribe", "Already a subscriber? Log in"),
    _ps("Subscriber exclusive", "Create a free account or log in to keep reading."),
    "<h3>We rely on ads to keep creating quality content for you to enjoy for free.</h3>"
    + _ps("Please support our site by disabling your ad blocker."),
    _ps("Get breaking news alerts from Ukraine Today", "Turn on notifications to hear first when news breaks."),
    "<h3>A Message from The Moscow Times:</h3>" + _ps(
        "Dear readers, we are facing unprecedented challenges. Independent journalism in Russia is under attack, and "
        "we need your help to keep reporting the truth.",
        "Every contribution, however big or small, helps us continue our work.", "Support us", "Remind me later."),
])
def test_the_walls_themselves_still_go(box):
    assert _paras(_page(box)) == BODY
