"""Kinds of today's news templates, round 3 (modern3, twenty-eighth session): stacks rounds 1 and 2 did
not reach (Arc XP regional dailies, TownNews BLOX, Brightspot member stations, Indian portals, Spanish
and French dailies, Medium, beehiiv, Ghost 5 cards, campaign archives, fact-checks, podcast
transcripts, photo essays), each kind on a small invented page, each shown to fail with its fix
switched off:

- lines of furniture left in the text: an Indian portal's syndicated-feed note
  (``syndicated-feed-note``), the reporter's 'X can be reached at ...' line (``reporter-contact-line``),
  a member station's 'Copyright 2024 NPR. To see more, visit ...' (``syndication-copyright-visit``), a
  local site's 'Get local news delivered to your inbox!' tout (``inbox-tout``), a bracketed '[Sign up
  now: ...]' promo (``bracketed-signup-line``), 'Published - August 12, 2024 10:21 pm IST'
  (``published-dash-dateline``), 'Réutiliser ce contenu' (``reuse-content-line``), 'Sigue toda la
  información de X en Facebook y X ...' (``follow-section-es``), 'Suscríbete para seguir leyendo'
  (``paywall-pitch-i18n``), Medium's 'Member-only story' (``member-only-label``), beehiiv's referral
  lines (``referral-program-lines``), 'View this email in your browser' (``view-in-browser``), a
  transcript's note on how it was made (``transcript-note``), a fact-check's platform-partnership note
  (``factcheck-partner-note``), a closing 'Get in touch' label (``get-in-touch-label``);
- a callout box's sentence between the body's paragraphs, its emoji in a ``<div>`` beside it
  (Ghost's ``kg-callout-card``): lost by trafilatura (``calloutlines.BOXED_LINES``);
- a photo essay's caption counter and credit glued onto the caption's words ('1/3Conservators ...
  Photograph: A. Photographer') (``gallery.CAPTION_EXTRAS``).

Templates the round's probes found already read right are pinned at the end; kinds left open are
strict xfails (the dek under the headline, a fact-check's claim box above the body, an agency
signature line after the body).
"""

from __future__ import annotations

import lxml.html
import pytest
from storykit import FurnitureLines

from archiver.extraction import calloutlines, extract, gallery, repair

_URL = "https://www.harbour-gazette.example/2026/12/tram-depot"
_BODY = ("The city council voted on Tuesday to turn the empty tram depot on Harbour Street into two hundred "
         "rent-capped flats, ending a five-year argument over the site.",
         "Developers will have to keep the depot's brick front and its clock tower, and a quarter of the flats "
         "must go to key workers such as nurses and teachers.",
         "Opponents said the plan would bring more traffic to streets that already struggle at rush hour, and "
         "asked for a new bus route before any tenant moves in.",
         "The council's planning chair said a bus route had been agreed with the transport authority and would "
         "start running the month the first block opens.",
         "Work is due to begin in the spring, and the first tenants could move in by the end of 2027.")


def _page(body: str, lang: str = "en", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>Tram depot to become flats | Harbour "
            f"Gazette</title>{head}</head><body><header><a href='/'>Harbour Gazette</a><nav><a href='/news'>News</a>"
            "<a href='/sport'>Sport</a></nav></header>"
            f"<main><article><h1>Tram depot to become flats</h1>{body}</article></main>"
            "<footer><p>Harbour Gazette, 9 Quay Road.</p><a href='/privacy'>Privacy</a></footer></body></html>")


def _ps(*idx: int) -> str:
    return "".join(f"<p>{_BODY[i]}</p>" for i in idx)


_LINES = {
    "syndicated-feed-note": ("(Except for the headline, this story has not been edited by Gazette staff and is "
                             "published from a syndicated feed.)",
                             "This story has not been edited by Gazette staff and is auto-generated from a syndicated feed."),
    "reporter-contact-line": ("Jane Doe can be reached at jane.doe@harbour-gazette.example. Follow her @janedoe.",
                              "John Smith can be reached at 617-555-0123 or john.smith@harbour-gazette.example."),
    "syndication-copyright-visit": ("Copyright 2024 NPR. To see more, visit https://www.npr.org.",),
    "inbox-tout": ("Get local news delivered to your inbox!", "Be the first to know"),
    "bracketed-signup-line": ("[Sign up now: Get the latest news and insights delivered daily]",),
    "published-dash-dateline": ("Published - August 12, 2024 10:21 pm IST", "Updated - March 05, 2024 09:14 am IST"),
    "reuse-content-line": ("Réutiliser ce contenu",),
    "follow-section-es": ("Sigue toda la información de Economía y Negocios en Facebook y X, o en nuestra newsletter semanal",),
    "paywall-pitch-i18n": ("Suscríbete para seguir leyendo", "Lee sin límites", "Abonnez-vous pour lire la suite"),
    "member-only-label": ("Member-only story",),
    "referral-program-lines": ("You currently have 0 referrals, only 1 away from receiving a Gazette mug.",
                               "Or copy and paste this link to others: https://harbour-gazette.example/subscribe?ref=abc"),
    "view-in-browser": ("View this email in your browser",),
    "transcript-note": ("This transcript was generated automatically and may contain errors. Please check the audio "
                        "before quoting.",
                        "NPR transcripts are created on a rush deadline by an NPR contractor. This text may not be in "
                        "its final form and may be updated or revised in the future."),
    "factcheck-partner-note": ("This article is part of our work with Meta's third-party fact-checking programme. "
                               "Read more about how we fact-check.",),
    "get-in-touch-label": ("Get in touch",),
}

_STORY = FurnitureLines(_URL, _BODY, _page, _LINES,
                        closing=("reporter-contact-line", "syndication-copyright-visit", "reuse-content-line",
                                 "follow-section-es", "factcheck-partner-note", "get-in-touch-label"))


def test_each_furniture_line_goes():
    _STORY.assert_each_line_goes()


def test_without_each_rule_its_lines_stay(monkeypatch):
    _STORY.assert_lines_stay_without_their_rule(monkeypatch, every=True)


_LOOK_ALIKES = (
    "The agency can be reached at its hotline around the clock, a spokesperson said.",
    "Reuters is part of Meta's third-party fact-checking programme, which the company said it would end in the US.",
    "Get in touch with your councillor before the vote, campaigners urged residents on Monday evening.",
    "Published in 1931, the depot's first timetable listed forty trams an hour at the morning peak.",
    "Be the first to know when the consultation opens, the council told residents in a letter last week.",
    "This transcript of the council meeting, published on Friday, runs to ninety pages.",
)


def test_look_alike_sentences_stay():
    _STORY.assert_look_alikes_stay(_LOOK_ALIKES)


# -- a callout box between the body's paragraphs: an emoji in one <div>, the sentence in another ---

_NOTE = "The depot was built in 1931 and last carried passengers in 1962, when the trams were scrapped."


def _callout(box_class: str = "kg-card kg-callout-card kg-callout-card-grey", emoji: str = "💡") -> str:
    """Ghost 5's post: the excerpt in the post's header (with it trafilatura's body is the section, whose
    ``<div>`` text it leaves), the callout between the second and third paragraphs."""
    return ("<header class='gh-article-header'><p class='gh-article-excerpt'>Five years and two plans later, the depot's clock tower will stand over new homes.</p>"
            "</header><section class='gh-content gh-canvas'>" + _ps(0, 1)
            + f"<div class='{box_class}'><div class='kg-callout-emoji'>{emoji}</div>"
            f"<div class='kg-callout-text'>{_NOTE}</div></div>" + _ps(2, 3, 4) + "</section>")


def test_a_callout_boxs_sentence_is_text():
    assert extract(_page(_callout()), _URL).paragraphs == (*_BODY[:2], _NOTE, *_BODY[2:])


def test_without_the_callout_stage_the_sentence_goes(monkeypatch):
    monkeypatch.setattr(calloutlines, "BOXED_LINES", False)
    assert _NOTE not in extract(_page(_callout()), _URL).paragraphs


def test_a_promo_box_or_a_box_with_a_label_is_no_callout():
    promo = _callout("newsletter-promo")
    assert _NOTE not in extract(_page(promo), _URL).paragraphs
    labelled = _callout(emoji="Did you know?")  # a label with words: another shape, left to the other stages
    assert f"Did you know? {_NOTE}" not in extract(_page(labelled), _URL).paragraphs


def _boxed(body: str) -> list[str]:
    root = lxml.html.fromstring(f"<div class='post'>{body}</div>")
    return [d.text_content() for d in calloutlines.boxed_lines(root, repair._NOT_A_BOX, repair._div_line,
                                                                 repair._after_media)]


def test_a_tip_box_without_an_icon_or_a_box_under_a_picture_is_no_callout():
    box = f"<div class='kg-card kg-callout-card'><div class='kg-callout-emoji'>💡</div><div class='kg-callout-text'>{_NOTE}</div></div>"
    assert _boxed(_ps(0, 1) + box + _ps(2, 3)) == [_NOTE]
    # WCXB dev 4694's 'div.blogTip': the sentence alone in its box (its truth leaves it out)
    assert _boxed(_ps(0, 1) + f"<div class='blogTip'><div class='blogTipText'>{_NOTE}</div></div>" + _ps(2, 3)) == []
    assert _boxed(_ps(0, 1) + "<figure><img src='/c.png' alt=''></figure>" + box + _ps(2, 3)) == []  # a caption's place


# -- a photo essay: the captions are its text, without their counters and credits ----------------

_CAPTIONS = ("Conservators spent eleven months cleaning the bones of the blue whale, working from a scaffold built "
             "around the skeleton in the main hall.",
             "A volunteer relabels a drawer of beetles collected in the 1880s; many old labels gave only the "
             "collector's name and a county.",
             "Visitors queue on the museum steps before opening on Saturday morning, some having arrived before dawn.")


def _essay() -> str:
    figures = "".join(f"<figure class='gallery__item'><img src='/{i}.jpg' alt=''><figcaption class='gallery__caption'>"
                      f"<span class='counter'>{i + 1}/3</span><p>{c}</p><span class='credit'>Photograph: A. Photographer"
                      "</span></figcaption></figure>" for i, c in enumerate(_CAPTIONS))
    return _page(_ps(0, 1) + f"<div class='gallery'>{figures}</div>")


def test_a_gallery_captions_counter_and_credit_go():
    assert extract(_essay(), _URL).paragraphs == (*_BODY[:2], *_CAPTIONS)


def test_without_the_caption_extras_switch_they_stay(monkeypatch):
    monkeypatch.setattr(gallery, "CAPTION_EXTRAS", False)
    assert any(p.startswith("1/3") for p in extract(_essay(), _URL).paragraphs)


# -- templates the round's probes found read right: pinned ----------------------------------------

def _rsc(text: str) -> str:
    import json
    return "<script>self.__next_f.push([1," + json.dumps('6:["$","p",null,{"children":' + json.dumps(text) + "}]") + "])</script>"


_PASSING = {
    "Next.js RSC payload beside the HTML body": _ps(0, 1, 2, 3, 4) + "".join(_rsc(t) for t in _BODY),
    "Astro islands (newsletter, share)": _ps(0, 1) + "<astro-island uid='Z1' component-url='/_astro/N.js' ssr client='visible'>"
        "<div class='newsletter'><p>Weekend Culture: the best of the arts, every Friday.</p><button>Subscribe</button></div>"
        "</astro-island>" + _ps(2, 3, 4) + "<astro-island uid='Z2' ssr><div class='share'><button>Copy link</button></div></astro-island>",
    "BBC-like text blocks": "".join(f"<div data-component='text-block'><p>{t}</p></div>" for t in _BODY),
    "Times of India-like <br> body": "<div class='_s30J clearfix'>" + "<br><br>".join(_BODY) + "</div>",
    "Sun-like story boxout": _ps(0, 1, 2, 3, 4) + "<div class='article-boxout'><p><strong>We pay for your stories!</strong></p>"
        "<p>Do you have a story for the Gazette news team?</p><p>Email us at <a href='mailto:n@g.example'>n@g.example</a></p></div>",
    "Substack subscribe widget": _ps(0, 1) + "<div class='subscription-widget-wrap-editor'><div class='subscription-widget'>"
        "<p class='cta-caption'>Thanks for reading The Gazette! Subscribe for free to receive new posts and support my work.</p>"
        "<form><input type='email'><input type='submit' value='Subscribe'></form></div></div>" + _ps(2, 3, 4),
}


@pytest.mark.parametrize("name", list(_PASSING))
def test_templates_read_right_stay_so(name):
    assert extract(_page(_PASSING[name]), _URL).paragraphs == _BODY, name


# -- kinds left open ------------------------------------------------------------------------------

_DEK = "Council ends five-year fight over Harbour Street site as developers agree to keep clock tower"


@pytest.mark.xfail(strict=True, reason="the dek under the headline (under standfirst's 120-character floor; "
                                       "rounds 1-3 left it: the benchmarks disagree on deks)")
def test_the_dek_under_the_headline_is_kept():
    page = _page(f"<h2 class='sub-headline'>{_DEK}</h2><div class='article-body'>{_ps(0, 1, 2, 3, 4)}</div>")
    assert extract(page, _URL).paragraphs[0] == _DEK


@pytest.mark.xfail(strict=True, reason="a fact-check's claim and verdict box above the body is dropped with the header")
def test_a_fact_checks_claim_box_is_kept():
    page = _page("<div class='claim-box'><p><strong>Claim:</strong> The council sold the depot for one pound.</p>"
                 "<p><strong>Verdict:</strong> False</p></div>" + f"<div class='article-body'>{_ps(0, 1, 2, 3, 4)}</div>")
    assert "Claim: The council sold the depot for one pound." in extract(page, _URL).paragraphs


@pytest.mark.xfail(strict=True, reason="an agency signature after the body ('Le Monde avec AFP') goes as a short last line")
def test_an_agency_signature_line_is_kept():
    page = _page(_ps(0, 1, 2, 3, 4) + "<p class='article__footer-single'>Le Monde avec AFP</p>", "fr")
    assert extract(page, _URL).paragraphs[-1] == "Le Monde avec AFP"
