"""Failure kinds from public bug reports and trackers, twenty-eighth round (bug28): the readers' own trackers are
nearly all cited by now, so this round read newer trackers that describe page furniture a reader or a full-text
tool keeps: calibre's news recipes (each recipe fix names the box it strips from a site's article), newspaper4k,
Guardian's renderer, Bluesky and Threads embeds in publishers' CMSs, and Google's 2025 "preferred source" button.

Invented site and text (the Kilrush Herald), in the markup the reports show (the report is named above each test
or probe). Each fix has a twin test that switches it off and shows the fault is back (bare trafilatura keeps the
lines too), and look-alikes that must stay as they were. The last test holds this round's probes that archiver
already passed, kept so they stay passed.
"""

from __future__ import annotations

import dataclasses

from rulekit import paragraph_pattern, without_dom_rule, without_paragraph_rule
from storykit import Newsroom

import archiver.extraction as ex

URL = "https://www.kilrush-herald.example/2026/12/ferry-slip"
HOST = "www.kilrush-herald.example"
TITLE = "Ferry slip to close for repairs after the January gales"
SITE = Newsroom(URL, TITLE, "Kilrush Herald", "Niamh Daly", "4 Frances Street",
                "The county council said on Tuesday that section {i} of the ferry slip would be closed while divers "
                "inspected the stones loosened by the January gales.", count=12)
S = SITE.sentences
page, ps, paragraphs, bare = SITE.page, SITE.ps, SITE.paragraphs, SITE.bare
BODY = ps(0, 1, 2, 3)


def _lines(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _between(*lines: str) -> str:
    """A page with ``lines`` between the body's second and third paragraphs."""
    return page(ps(0, 1) + _lines(*lines) + ps(2, 3))


# -- Google's "preferred source" button (2025), its label left as a line beside the share row or above the story
#    (https://github.com/azukiazusa1/sapper-blog-app/pull/1553: a blog adds the badge next to its share buttons;
#    https://github.com/easylist/easylist/pull/24347: filter lists hide the "Google as source" buttons). Rule
#    ``preferred-source-prompt`` --

PREFERRED = ("Add the Kilrush Herald as a preferred source on Google", "Make us a preferred source on Google",
             "Add as preferred source on Google", "Google Preferred Source", "Set the Herald as your preferred source on Google Search",
             "Kilrush Herald als bevorzugte Quelle bei Google hinzufügen", "Ajoutez-nous comme source préférée sur Google",
             "Añádenos como fuente preferida en Google", "Aggiungici come fonte preferita su Google",
             "Adicione-nos como fonte preferida no Google")


def test_preferred_source_prompt_goes():
    for line in PREFERRED:
        assert paragraphs(page(BODY + _lines(line))) == S[:4], line
        assert paragraphs(_between(line)) == S[:4], line


def test_without_the_rule_the_prompt_stays(monkeypatch):
    html = page(BODY + _lines(PREFERRED[0]))
    assert PREFERRED[0] in bare(html)
    without_paragraph_rule(monkeypatch, "preferred-source-prompt")
    assert paragraphs(html) == [*S[:4], PREFERRED[0]]


def test_preferred_source_look_alikes_stay():
    pattern = paragraph_pattern(HOST, "preferred-source-prompt")
    for sentence in ("Add the council as a preferred source on Google, the minister told publishers.",
                     "Google lets readers add a site as a preferred source.",
                     "Make us a preferred source on Google and you will see more of the slip.",
                     "Choose the harbour as your preferred source of gravel"):
        assert not pattern.search(sentence), sentence
        assert sentence in paragraphs(_between(sentence)), sentence


# -- the listen-to-article button moved into the body, its audio's length beside the label
#    (https://github.com/guardian/dotcom-rendering/pull/14276): the length left as a line of its own after the
#    label. Rule ``player-label`` now takes it (drop-following) --

LISTEN = [("Listen to this article", "4 min"), ("Listen to article", "4:32"), ("Listen to this story", "12 minutes listen"),
          ("Listen to the article", "3 min 20 s")]


def test_listen_label_and_its_length_go():
    for label, length in LISTEN:
        assert paragraphs(page(_lines(label, length) + BODY)) == S[:4], (label, length)
    assert paragraphs(page(BODY + _lines("Copy link", "Link copied!"))) == S[:4]


def test_without_the_length_the_line_stays(monkeypatch):
    html = page(_lines(*LISTEN[0]) + BODY)
    assert "4 min" in bare(html)
    original = ex.rules_for

    def label_alone(host):
        rules = original(host)
        return dataclasses.replace(rules, paragraphs=tuple(
            dataclasses.replace(r, action="drop", following=(), max_following=0) if r.name == "player-label" else r
            for r in rules.paragraphs))
    monkeypatch.setattr(ex, "rules_for", label_alone)
    assert paragraphs(html) == ["4 min", *S[:4]]


def test_a_length_not_after_the_label_stays():
    assert paragraphs(page(ps(0, 1) + _lines("4 min") + ps(2, 3))) == [*S[:2], "4 min", *S[2:4]]
    said = "Four minutes, the harbour master said, was all it took."
    assert paragraphs(page(_lines("Listen to this article", said) + BODY)) == [said, *S[:4]]


# -- a social post embedded with its network's HTML snippet: the fallback its blockquote holds, left as a line when
#    the script does not run (Bluesky: https://github.com/WordPress/Documentation-Issue-Tracker/issues/2019,
#    https://github.com/davidmerfield/blot/pull/812; Threads: https://github.com/CondeNast/atjson/pull/1749).
#    Rule ``embed-fallback-line``; the post's text and attribution stay, as a tweet's do --

POST = "Divers are at the Kilrush slip this morning, section four first."
BSKY = ("<blockquote class='bluesky-embed' data-bluesky-uri='at://did:plc:abc/app.bsky.feed.post/3k' data-bluesky-cid='bafy'>"
        f"<p lang='en'>{POST}<br><br>[image or embed]</p>&mdash; Clare County Council "
        "(<a href='https://bsky.app/profile/did:plc:abc?ref_src=embed'>@clarecoco.bsky.social</a>) "
        "<a href='https://bsky.app/profile/did:plc:abc/post/3k?ref_src=embed'>December 1, 2026 at 10:02 AM</a></blockquote>"
        "<script async src='https://embed.bsky.app/static/embed.js' charset='utf-8'></script>")
BSKY_BY = "— Clare County Council (@clarecoco.bsky.social) December 1, 2026 at 10:02 AM"
THREADS = ("<blockquote class='text-post-media' data-text-post-permalink='https://www.threads.net/@clarecoco/post/C1' "
           "data-text-post-version='0' id='ig-tp-C1'><a href='https://www.threads.net/@clarecoco/post/C1' target='_blank'>"
           "<div><div>Post by @clarecoco</div><div>View on Threads</div></div></a></blockquote>"
           "<script async src='https://www.threads.net/embed.js'></script>")


def test_embed_fallback_lines_go():
    assert paragraphs(page(ps(0, 1) + BSKY + ps(2, 3))) == [*S[:2], POST, BSKY_BY, *S[2:4]]
    assert paragraphs(page(ps(0, 1) + THREADS + ps(2, 3))) == S[:4]


def test_without_the_rule_the_fallback_stays(monkeypatch):
    bsky, threads = page(ps(0, 1) + BSKY + ps(2, 3)), page(ps(0, 1) + THREADS + ps(2, 3))
    assert "[image or embed]" in bare(bsky)
    without_paragraph_rule(monkeypatch, "embed-fallback-line")
    assert "[image or embed]" in paragraphs(bsky)
    assert any("View on Threads" in p for p in paragraphs(threads))


# -- a blog's masthead box read into every story: 'Follow Us' and 'Get the Upshot in your Inbox'
#    (https://github.com/kovidgoyal/calibre/pull/624). Rule ``follow-inbox-label`` --

def test_follow_and_inbox_labels_go():
    html = page("<div class='promo'><p>Follow Us</p><p>Get the Herald in your Inbox</p></div>" + BODY)
    assert paragraphs(html) == S[:4]


def test_without_the_rule_the_labels_stay(monkeypatch):
    html = page("<div class='promo'><p>Follow Us</p><p>Get the Herald in your Inbox</p></div>" + BODY)
    assert "Get the Herald in your Inbox" in bare(html)
    without_paragraph_rule(monkeypatch, "follow-inbox-label")
    without_dom_rule(monkeypatch, "promo-box")  # bug34: the box's 'promo' class takes it too
    assert paragraphs(html) == ["Follow Us", "Get the Herald in your Inbox", *S[:4]]
    said = "Get the council's letter in your inbox by Friday, the clerk said."
    assert said in SITE.paragraphs(_between(said))


# -- a standing note a theme prepends to every article: 'X is a nonprofit newsroom that investigates ...'
#    (https://github.com/kovidgoyal/calibre/pull/3133). Rule ``nonprofit-newsroom-blurb`` (the note with a sign-up
#    in it went before, under newsletter-signup) --

BLURB = "The Kilrush Herald is a nonprofit newsroom that investigates the people who run County Clare."


def test_nonprofit_blurb_goes():
    assert paragraphs(page(f"<div class='wp-block-herald-notes--top'><p>{BLURB}</p></div>" + BODY)) == S[:4]
    assert paragraphs(page(_lines(BLURB) + BODY)) == S[:4]


def test_without_the_rule_the_blurb_stays(monkeypatch):
    html = page(_lines(BLURB) + BODY)
    assert BLURB in bare(html)
    without_paragraph_rule(monkeypatch, "nonprofit-newsroom-blurb")
    assert paragraphs(html) == [BLURB, *S[:4]]


def test_a_lede_about_a_nonprofit_newsroom_stays():
    for lede in ("The Clare Courier is a nonprofit newsroom that won its first national award on Monday.",
                 "The Clare Courier, a nonprofit newsroom that covers the estuary, won its first national award on Monday."):
        assert paragraphs(page(_lines(lede) + BODY)) == [lede, *S[:4]], lede
    later = page(ps(0, 1, 2) + _lines(BLURB) + ps(3))  # past the first two lines: a sentence of the story
    assert BLURB in paragraphs(later)


# -- an Argentine daily's text with a teaser label and a paywall notice in the middle and its tags closing it
#    (https://github.com/AndyTheFactory/newspaper4k/issues/598: 'Informate más', 'El contenido al que quiere
#    acceder es exclusivo para suscriptores.', then 'Temas', 'acciones', 'Dólar'). Rules ``teaser-label-es``,
#    ``paywall-notice-i18n``, ``tags-heading-tail`` and ``tags-heading-last`` --

PAYWALL = "El contenido al que quiere acceder es exclusivo para suscriptores."
NOTICES = (PAYWALL, "Dieser Artikel ist nur für Abonnenten verfügbar.", "Cet article est réservé aux abonnés.",
           "Este conteúdo é exclusivo para assinantes.", "Questo articolo è riservato agli abbonati.")
TAGS = ("<p>Temas</p><ul><li><a href='/tag/acciones'>acciones</a></li><li><a href='/tag/dolar'>Dólar</a></li></ul>")


def test_teaser_label_paywall_notice_and_tags_go():
    assert paragraphs(page(ps(0, 1) + _lines("Informate más", PAYWALL) + ps(2, 3), lang="es")) == S[:4]
    for notice in NOTICES:
        assert paragraphs(_between(notice)) == S[:4], notice
    assert paragraphs(page(BODY + _lines("Temas", "acciones", "Dólar"), lang="es")) == S[:4]
    assert paragraphs(page(BODY + TAGS, lang="es")) == S[:4]


def test_without_the_rules_the_lines_stay(monkeypatch):
    mid = page(ps(0, 1) + _lines("Informate más", PAYWALL) + ps(2, 3), lang="es")
    tail = page(BODY + _lines("Temas", "acciones", "Dólar"), lang="es")
    assert PAYWALL in bare(mid) and "Temas" in bare(tail)
    for name in ("teaser-label-es", "paywall-notice-i18n", "tags-heading-tail", "tags-heading-last"):
        without_paragraph_rule(monkeypatch, name)
    assert paragraphs(mid) == [*S[:2], "Informate más", PAYWALL, *S[2:4]]
    assert paragraphs(tail) == [*S[:4], "Temas", "acciones", "Dólar"]
    assert paragraphs(page(BODY + TAGS, lang="es")) == [*S[:4], "Temas"]


def test_spanish_look_alikes_stay():
    for sentence in ("Infórmate más sobre las ayudas en la web del ayuntamiento.",
                     "El contenido del informe es exclusivo para los diputados, dijo la portavoz."):
        assert sentence in paragraphs(_between(sentence)), sentence
    # a subheading 'Temas' followed by a sentence is not a tag list
    html = page(ps(0, 1, 2) + "<h3>Temas</h3>" + _lines("La reunión tratará la rampa y el horario del ferry.") + ps(3), lang="es")
    assert "Temas" in paragraphs(html)


# -- a slider's or gallery's counter under its slides (https://github.com/arielsalminen/ResponsiveSlides.js/issues/166,
#    https://github.com/feimosi/baguetteBox.js/pull/270). Rule ``gallery-counter-line`` --

def test_gallery_counter_goes_and_comes_back_without_the_rule(monkeypatch):
    html = page(ps(0, 1) + "<div class='gallery'><p>Image 1 of 5</p></div>" + ps(2, 3))
    assert paragraphs(html) == S[:4]
    for line in ("Photo 3 of 12", "Slide 2/8", "Bild 1 von 5", "Foto 1 de 5"):
        assert paragraphs(_between(line)) == S[:4], line
    assert "Image 1 of 5" in bare(html)
    without_paragraph_rule(monkeypatch, "gallery-counter-line")
    assert paragraphs(html) == [*S[:2], "Image 1 of 5", *S[2:4]]


def test_gallery_look_alikes_stay():
    for sentence in ("Photo 3 of 12 shows the slip at low tide.", "Image 1 of the series was taken in 1843."):
        assert sentence in paragraphs(_between(sentence)), sentence


# -- publishers' parsers' reviews (fundus): an agency credit with the editor's initials closing the text
#    (https://github.com/flairNLP/fundus/pull/608, 'SDA/ij'), 'Agencias' as the byline of an article embedded in the
#    text (https://github.com/flairNLP/fundus/pull/768), teaser paragraphs marked '>>'
#    (https://github.com/flairNLP/fundus/pull/786).
#    Rules ``agency-initials-closing``, ``agencies-label`` and ``read-more-i18n`` (the mark). 'Click HERE to read ...'
#    (https://github.com/flairNLP/fundus/pull/367) is left: the WCXB truths keep such lines ('Click here to see the full
#    plant list ...', 'Click here to read the ... ePaper') on three dev pages --

FUNDUS = {"agency-initials-closing": (page(BODY + "<p class='agencies'>SDA/ij</p>", lang="de"), "SDA/ij"),
          "agencies-label": (page(ps(0, 1) + _lines("Agencias") + ps(2, 3), lang="es"), "Agencias"),
          "read-more-i18n": (page(ps(0, 1) + _lines(">> Lesen Sie auch: Fähre fährt ab Montag von Cappagh") + ps(2, 3), lang="de"),
                             ">> Lesen Sie auch: Fähre fährt ab Montag von Cappagh")}


def test_publisher_parser_lines_go():
    for name, (html, _line) in FUNDUS.items():
        assert paragraphs(html) == S[:4], name
    for line in ("dpa/lnw", "AFP/jb", "sda/dpa/afp", "(dpa)"):
        assert paragraphs(page(BODY + _lines(line), lang="de")) == S[:4], line


def test_without_each_rule_its_line_stays(monkeypatch):
    for name, (html, line) in FUNDUS.items():
        assert line in bare(html), name
        with monkeypatch.context() as m:
            without_paragraph_rule(m, name)
            assert line in paragraphs(html), name


def test_publisher_parser_look_alikes_stay():
    for sentence in ("Click here to read more about the ferry.", "Agencias de viaje reabren en Kilrush."):
        assert sentence in paragraphs(_between(sentence)), sentence
    # initials are a credit only closing the text; an agency's name alone in the middle is not read as one
    assert "SDA/ij" in paragraphs(page(ps(0, 1) + _lines("SDA/ij") + ps(2, 3), lang="de"))


# -- a German regional daily's promo paragraphs, each a bold label in the text (https://github.com/flairNLP/fundus/pull/340):
#    the most-read box's title, newsletter pitches, teaser labels. Rules ``regional-promo-de`` and ``read-more-i18n``
#    ('Lesen Sie dazu', 'Mehr zu dem Thema') --

PROMOS_DE = {"regional-promo-de": ("<p><strong>Meistgeklickte Nachrichten aus der Region</strong></p>",
                                   "<p><strong>Mehr wichtige Nachrichten aus Kilrush:</strong></p>",
                                   "<p><strong>Keine wichtigen News mehr verpassen:</strong> Abonnieren Sie den Newsletter der "
                                   "Kilrusher Zeitung.</p>",
                                   "<p><strong>Täglich wissen, was in Kilrush passiert:</strong> Hier kostenlos für den Newsletter "
                                   "anmelden.</p>"),
             "read-more-i18n": ("<p><strong>Lesen Sie dazu:</strong> <a href='/x'>Fähre fährt ab Montag von Cappagh</a></p>",
                                "<p><strong>Mehr zu dem Thema:</strong> <a href='/x'>Fähre fährt ab Montag von Cappagh</a></p>")}


def _de(promo: str) -> str:
    return page(ps(0, 1) + promo + ps(2, 3), lang="de")


def test_regional_promos_go():
    for promos in PROMOS_DE.values():
        for promo in promos:
            assert paragraphs(_de(promo)) == S[:4], promo


def test_without_the_rules_the_promos_stay(monkeypatch):
    for name, promos in PROMOS_DE.items():
        with monkeypatch.context() as m:
            without_paragraph_rule(m, name)
            for promo in promos:
                assert len(bare(_de(promo))) == 6, promo  # headline, 4 paragraphs and the promo
                assert len(paragraphs(_de(promo))) == 5, promo


def test_regional_promo_look_alikes_stay():
    for sentence in ("Täglich wissen, was in Kilrush passiert, will der Bürgermeister.",
                     "Keine wichtigen News mehr verpassen, das wünscht sich jeder Leser der Zeitung.",
                     "Meistgelesene Artikel des Jahres waren die Berichte über die Fähre."):
        assert sentence in paragraphs(_de(f"<p>{sentence}</p>")), sentence


# -- this round's probes that archiver already passed --

BLURB_SIGNUP = ("The Kilrush Herald is a nonprofit newsroom that covers the Shannon estuary. Sign up to get our stories in "
                "your inbox every Friday.")
NEWSLETTER = ("For exclusive insight and reading recommendations from our reporters on the estuary, sign up to Tides and "
              "Turns, our weekly newsletter.")
PASSED: dict[str, tuple[str, list[str]]] = {}
# guardian/dotcom-rendering#14276: the button and its length in markup of their own (not lines)
PASSED["listen-button-with-length"] = (page("<div class='l2a'><button>Listen to article</button><span>4:32</span></div>" + BODY), S[:4])
# sapper-blog-app#1553: the badge as a link above the story
PASSED["preferred-source-link-above"] = (page("<p><a href='https://www.google.com/preferences/source?q=kilrush-herald.example'>"
                                              "Add as preferred source on Google</a></p>" + BODY), S[:4])
# calibre#3133: the note with its sign-up, in its div and as a paragraph
PASSED["nonprofit-note-with-signup-div"] = (page(f"<div class='wp-block-herald-notes--top'><p>{BLURB_SIGNUP}</p></div>" + BODY), S[:4])
PASSED["nonprofit-note-with-signup-line"] = (page(f"<p><em>{BLURB_SIGNUP}</em></p>" + BODY), S[:4])
# calibre#1640: a weekly's newsletter pitch closing the article, after its end mark and alone
PASSED["newsletter-pitch-closing"] = (page(BODY + f"<p><em>{NEWSLETTER}</em></p>"), S[:4])
PASSED["newsletter-pitch-after-end-mark"] = (page(ps(0, 1, 2) + f"<p>{S[3]} ■</p><p>{NEWSLETTER}</p>"), [*S[:3], S[3] + " ■"])

# fundus#340: a subscription link and a 'Lesen Sie mehr Geschichten aus' line (other rules took them before)
PASSED["abo-link-de"] = (_de("<p><a href='/abo'>Jetzt Angebot und Vorteile checken</a></p>"), S[:4])
PASSED["more-stories-from-de"] = (_de("<p>Lesen Sie mehr Geschichten aus Kilrush</p>"), S[:4])
# calibre#1454: the intro in the header and again as the first paragraph (read once)
INTRO = "Divers will spend three weeks on the slip, and the ferry will sail from Cappagh."
PASSED["intro-repeated-as-first-paragraph"] = (page(f"<h2 class='intro'>{INTRO}</h2><p>{INTRO}</p>" + BODY), [INTRO, *S[:4]])
# calibre#3124: the disclosure statement after the body (kept, as the recipe keeps it)
DISCLOSURE = ("Niamh Daly does not work for, consult, own shares in or receive funding from any company or organisation that "
              "would benefit from this article.")
PASSED["disclosure-statement"] = (page(BODY + f"<div class='disclosure'><h3>Disclosure statement</h3><p>{DISCLOSURE}</p></div>"),
                                  [*S[:4], "Disclosure statement", DISCLOSURE])
# calibre#1596: summary bullets under the headline (kept, as a key points box is)
PASSED["bullets-under-headline"] = (page("<ul class='article-bullets'><li>Slip to close for three weeks</li><li>Ferries move to Cappagh"
                                         "</li></ul>" + BODY), ["- Slip to close for three weeks", "- Ferries move to Cappagh", *S[:4]])


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
