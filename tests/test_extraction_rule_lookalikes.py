"""Article sentences that start like this session's furniture rules and must stay (review2).

review3 added the ones its rules still took after the first narrowing; review4 those of new2's rules (mend2). Each sentence stands first, in the middle and last among an invented story's paragraphs (the rules'
windows: ``first`` 4, ``last`` 2-4). Each once fired its rule: a reporting clause ("the researchers
advise", "police said"), an object that is not the site ("unlimited access to the museum"), a past
tense or an honorific (an obituary's "Mr. Harlan was a war correspondent"), a title after "Full
text:". The rules' own notices are tested beside their kinds (test_extraction_modern1.py,
test_extraction_bug_kinds8.py, test_extraction_renditions13.py, test_extraction_old_pages6.py).
"""

from __future__ import annotations

import pytest

from archiver.extraction import extract

URL = "https://www.valley-ledger.example/2026/12/bridge"
BODY = ("The county reopened the swing bridge over the canal on Monday morning, after eight months of work on "
        "its deck and the machinery that turns it.",
        "Engineers replaced the timber deck with steel plates and fitted new motors, paid for by a grant from "
        "the regional transport fund.",
        "Drivers had taken a twelve-mile detour through the hills since March, and the bakery by the lock "
        "said its trade had fallen by a third.",
        "The bridge will open for boats every hour in summer and on request in winter, the county said.")

LOOK_ALIKES = {
    "adblock-notice": ("Disable your ad blocker on sites you trust, the researchers advise, and keep it on everywhere else.",
                       "Pause your ad blocker for a minute and watch what loads: dozens of trackers, the study found.",
                       "You are using an ad blocker? Then you are one of 40 million Germans who do, according to the survey.",
                       "You are using an ad blocker? Half of our readers are, and that costs us money."),
    "ai-generated-note": ("The audio was generated using artificial intelligence, police said, and the mayor never spoke those words.",
                          "The translation was made with AI and contained errors, the publisher admitted in a statement."),
    "enable-javascript": ("JavaScript must be enabled for the attack to work, the researchers wrote.",
                          "JavaScript is disabled by default in Tor's safest mode, which breaks many sites.",
                          "This page requires JavaScript to render, which is why search engines struggled to index it for years."),
    "donation-pitch": ("Make a tax-deductible gift to a donor-advised fund before Dec. 31 and you can deduct it this year.",),
    "paywall-pitch": ("Get unlimited access to the museum for a year with the new $40 pass.",),
    "inbox-pitch": ("The newsletter sends local news to your inbox every morning and now has 40,000 readers.",
                    "Subscribers get news in your inbox every morning, the company promises."),
    "author-bio-line": ("Mr. Harlan was a war correspondent in Vietnam.",
                        "Anna Politkovskaya was a journalist at Novaya Gazeta."),
    "full-text-label": ("Full text: the Paris agreement", "Full text: UN Resolution 2334", "Full story: Trump Signs Order"),
    "post-info-fr": ("Par décret, le mardi 12 avril 2005 à 21h40 :: le gouvernement a tranché.",),
    "powered-by-line": ("Powered by WordPress, the site grew to two million readers a month.",),
    "channel-promo": ("Join the WhatsApp group of your street to get the warnings first, the county advised residents.",),
    # review4 (mend2): new2's rules
    "channel-pitch": ("Join us on Telegram, the protesters wrote, before the police arrived at the square on Friday night.",
                      "Follow the money through WhatsApp groups and you find the same three middlemen behind every deal.",
                      "Subscribe to Telegram channels run by the ministry and you will see the same claims repeated daily.",
                      "Únete a la conversación en WhatsApp, escribió el ministro en su cuenta.",
                      "Ikuti perkembangan kasus ini, kata polisi, yang menyebut grup WhatsApp sebagai sumber hoaks.",
                      "Подписывайтесь на Telegram-каналы власти, призывал губернатор жителей региона."),
    "signup-consent": ("By signing up, you agree to give the company your data, critics say, and few readers notice the clause.",),
    "broadcast-note-de": ("Über dieses Thema hat der Stadtrat am Dienstag lange gestritten.",),
    "tip-request": ("Do you have a tip for first-time buyers? Email the agency, the minister joked at the launch.",),
    # rend34: the first-visit overlay lines (tests/test_extraction_renditions34.py)
    "subscribe-pitch": ("Subscribe for unlimited access was the slogan of the paper's 1998 campaign, which drew few readers.",
                        "Subscribe for unlimited access, the ferry company's posters urged, and fares doubled a month later."),
    "subscriber-label": ("Subscribers only pay half fare on the winter boats, the harbour board said.",),
    "ad-reliance-appeal": ("We rely on advertising to keep the app free for you, the company wrote in its filing.",
                           "We rely on ads for most of our revenue, not on the readers who read us for free, the publisher said."),
    "meter-wall": ("You've read two of the three free reports the regulator published, and the third is the worst.",),
    "survey-wall": ("Answer this question to continue reading was a prompt few readers noticed, the researchers wrote.",),
    "notification-prompt": ("Turn on notifications to hear first when news breaks, the ferry company told passengers.",),
    "adblock-plea": ("Please support the lifeboat crew by donating to it, the harbour master urged residents on Friday.",),
}
CASES = [(rule, s) for rule, sentences in LOOK_ALIKES.items() for s in sentences]


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Swing bridge reopens | Valley Ledger"
            "</title></head><body><header><a href='/'>Valley Ledger</a><nav><a href='/news'>News</a>"
            "<a href='/sport'>Sport</a></nav></header><main><article><h1>Swing bridge reopens</h1>"
            f"{body}</article></main><footer><p>Valley Ledger, 4 Mill Lane.</p></footer></body></html>")


@pytest.mark.parametrize(("rule", "sentence"), CASES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(CASES)])
def test_an_article_sentence_like_a_rule_stays(rule, sentence):
    for at in (0, 2, 4):
        paragraphs = [*BODY[:at], sentence, *BODY[at:]]
        result = extract(_page(paragraphs), URL)
        assert sentence in result.paragraphs, (rule, at, [r.rule for r in result.removed if sentence in r.text])
