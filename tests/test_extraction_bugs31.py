"""Failure kinds from public bug reports and news-archive tools, thirty-first round (bug31): news-site and
publisher-side sources. An archive.is news reader's noise lists and tests (devWhyqueue/article-to-speech: the lines
its cleaner takes out of SPIEGEL, ZEIT, SZ, FAZ and NYT snapshots), trafilatura's own real-world test of a Reuters
page, and fundus's review of a wire photo's caption in a Spanish daily.

Invented site and text (the Kelso Courant), in the markup the sources show (the source is named above each test or
probe). Each fix has a twin test that switches its rule off, or puts back its earlier pattern, and shows the fault
is back (bare trafilatura keeps the lines too), and look-alikes that must stay as they were. The last test holds
this round's probes that archiver already passed, kept so they stay passed.
"""

from __future__ import annotations

from rulekit import paragraph_pattern, with_paragraph_pattern, without_paragraph_rule
from storykit import Newsroom

URL = "https://www.kelso-courant.example/2026/12/ferry-pier"
HOST = "www.kelso-courant.example"
SITE = Newsroom(URL, "Ferry pier to be rebuilt after storm", "Kelso Courant", "Ines Marr", "4 Bridge Street",
                "The harbour board said on Monday that section {i} of the old ferry pier would be rebuilt before the "
                "summer timetable began.", count=8)
S = SITE.sentences
page, ps, paragraphs, bare = SITE.page, SITE.ps, SITE.paragraphs, SITE.bare
BODY = ps(0, 1, 2, 3)
A2S = "https://github.com/devWhyqueue/article-to-speech"


def _lines(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


_between = SITE.between


def _top(*lines: str) -> str:
    return page(_lines(*lines) + BODY, lang="de")


def _look_alikes_stay(name: str, sentences: tuple[str, ...], lang: str = "en") -> None:
    SITE.assert_look_alikes_stay(HOST, name, sentences, lang)


def _rule_off_keeps(monkeypatch, name: str, html: str, lines: tuple[str, ...]) -> None:
    """Bare trafilatura keeps ``lines`` on ``html``, and so does archiver with rule ``name`` off."""
    kept = bare(html)
    assert all(line in kept for line in lines), kept
    without_paragraph_rule(monkeypatch, name)
    got = paragraphs(html)
    assert all(line in got for line in lines), got


# -- a German news page's tool labels left as lines (A2S src/article_to_speech/article/parser_config.py: SPIEGEL's
#    'zur merkliste hinzufügen', 'artikel anhören', 'weitere optionen zum teilen', 'bild vergrößern'; SZ's and FAZ's
#    'anhören', 'merken', 'drucken', 'verschenken', 'zur app'; ZEIT's 'artikel verschenken', 'gedruckte version
#    anzeigen', 'feedback senden'; tests/test_extractor.py's 'Zur Merkliste hinzufügen Artikel anhören (7 Minuten)').
#    Rule ``page-tools-de`` --

TOOLS = ("Artikel verschenken", "Zur Merkliste hinzufügen", "Artikel anhören • 5 Min", "Weitere Optionen zum Teilen",
         "Bild vergrößern", "Gedruckte Version anzeigen", "Feedback senden", "Zur App", "Anhören", "Merken",
         "Verschenken", "Drucken", "Zur Merkliste hinzufügen Artikel anhören (7 Minuten)")


def test_german_tool_labels_go():
    for line in TOOLS:
        assert paragraphs(_top(line)) == S[:4], line
    assert paragraphs(_top("Anhören", "Merken", "Teilen", "Verschenken", "Drucken", "Zur App")) == S[:4]
    assert paragraphs(_top("Artikel anhören", "3 Min.")) == S[:4]   # the audio's length as the next line
    assert paragraphs(page(ps(0, 1) + _lines("Bild vergrößern") + ps(2, 3), lang="de")) == S[:4]


def test_without_the_rule_the_tool_labels_stay(monkeypatch):
    _rule_off_keeps(monkeypatch, "page-tools-de", _top("Zur Merkliste hinzufügen", "Artikel anhören", "Zur App"),
                    ("Zur Merkliste hinzufügen", "Artikel anhören", "Zur App"))


def test_tool_label_look_alikes_stay():
    _look_alikes_stay("page-tools-de", (
        "Merken.",   # a tweet quoted in full (trafilatura-eval's basicthinking.de page)
        "Merken Sie sich den Termin: Am Freitag wird der neue Anleger eröffnet.",
        "Artikel teilen die Leser in zwei Lager, sagte die Hafenmeisterin.",
        "Zur App des Hafens gehört auch ein neuer Fahrplan."), "de")


def test_network_row_goes(monkeypatch):
    # SPIEGEL's 'messenger whatsapp' (A2S parser_config.py): share-row widened with the newer networks
    html = _top("Messenger WhatsApp", "Facebook WhatsApp Telegram")
    assert paragraphs(html) == S[:4]
    pattern = paragraph_pattern(HOST, "share-row").pattern
    with_paragraph_pattern(monkeypatch, "share-row", pattern.replace(
        "whatsapp|messenger|telegram|pinterest|xing|flipboard|bluesky|mastodon|", ""))
    assert "Messenger WhatsApp" in bare(html) and "Messenger WhatsApp" in paragraphs(html)


def test_network_row_look_alikes_stay():
    _look_alikes_stay("share-row", ("WhatsApp Messenger is how the harbour staff keep in touch.",
                                    "Telegram and Xing posts went out before the pier closed."))


def test_subheadings_named_like_tools_stay(monkeypatch):
    # mend40b (review40 item 11): a section's subheading naming an app or a tool is no share row or tool label
    from archiver.extraction import paragraphs as stage
    sections = (("<h2>Facebook Messenger</h2>", "Facebook Messenger", "en"),
                ("<h3>WhatsApp / Telegram</h3>", "WhatsApp / Telegram", "en"),
                ("<h2>Merken</h2>", "Merken", "de"), ("<h2>Anhören</h2>", "Anhören", "de"))
    for tag, heading, lang in sections:
        html = page(ps(0, 1) + tag + ps(2, 3), lang=lang)
        assert paragraphs(html) == [*S[:2], heading, *S[2:4]], heading
    assert paragraphs(_top("Messenger WhatsApp", "Merken")) == S[:4]   # the same words as lines still go
    monkeypatch.setattr(stage, "spared", lambda rule, para, headings: False)
    for tag, heading, lang in sections:
        assert heading not in paragraphs(page(ps(0, 1) + tag + ps(2, 3), lang=lang)), heading


# -- German notes on a machine-made summary or audio version (A2S parser_config.py: ZEIT's 'artikelzusammenfassung',
#    'diese zusammenfassung wurde', 'fanden sie die zusammenfassung hilfreich', 'die audioversion dieses artikels
#    wurde künstlich erzeugt', 'wir entwickeln dieses angebot stetig weiter'). Rule ``ai-generated-note-de`` --

AI_NOTES = ("Diese Zusammenfassung wurde mithilfe von Künstlicher Intelligenz erstellt. Vereinzelt kann es dabei zu "
            "Fehlern kommen.", "Fanden Sie die Zusammenfassung hilfreich?",
            "Die Audioversion dieses Artikels wurde künstlich erzeugt. Wir entwickeln dieses Angebot stetig weiter.")


def test_german_ai_notes_go():
    summary = "Die Hafenbehörde will den Fähranleger bis zum Sommer neu bauen."
    got = paragraphs(page("<h3>Artikelzusammenfassung</h3>" + _lines(summary, *AI_NOTES[:2]) + BODY, lang="de"))
    assert got == [summary, *S[:4]]   # the summary itself is text a rule cannot tell from a standfirst
    for line in AI_NOTES:
        assert paragraphs(_top(line)) == S[:4], line


def test_without_the_rule_the_ai_notes_stay(monkeypatch):
    _rule_off_keeps(monkeypatch, "ai-generated-note-de", _top(*AI_NOTES), AI_NOTES)


def test_german_ai_note_look_alikes_stay():
    _look_alikes_stay("ai-generated-note-de", (
        "Die Zusammenfassung des Gutachtens wurde am Montag veröffentlicht.",
        "Diese Zusammenfassung wurde vom Hafenamt erstellt und liegt der Zeitung vor.",
        "Die Audioversion des Konzerts wurde im Hafen aufgenommen.",
        # mend40b (review40 item 7): a KI- compound, and the note's words as reported speech
        "Diese Zusammenfassung wurde von KI-Forschern der Universität Tübingen geprüft und im Fachjournal Nature "
        "veröffentlicht.",
        "Diese Zusammenfassung wurde mit KI-Unterstützung erstellt, räumte die Behörde später ein, nachdem Fehler "
        "aufgefallen waren.",
        "Die Audioversion dieses Beitrags wurde automatisch erstellt, bemängelte der Rundfunkrat in seiner Sitzung am "
        "Dienstag."), "de")


# -- a paywalled article's subscription note and its print issue (A2S parser_config.py: SPIEGEL's 'dieser artikel
#    gehört zum angebot von spiegel+', ZEIT's 'aus der zeit nr.'). Rules ``subscription-offer-note-de``,
#    ``print-issue-line-de`` --

OFFER = ("Dieser Artikel gehört zum Angebot von COURANT+. Sie können ihn auch ohne Abonnement lesen, weil er Ihnen "
         "geschenkt wurde.")
ISSUE = "Aus der COURANT Nr. 49/2026"


def test_subscription_note_and_print_issue_go():
    assert paragraphs(_top(ISSUE, OFFER)) == S[:4]
    for note in ("Dieser Artikel gehört zum Angebot von COURANT Plus.",
                 "Dieser Beitrag gehört zum Abo von Kelso Courant. Jetzt testen.",
                 "Dieser Artikel gehört zum Angebot von Kelso Courant. Abonnenten lesen ihn hier weiter."):
        assert paragraphs(_top(note)) == S[:4], note
    assert paragraphs(page(BODY + _lines("Erschienen in DER COURANT Nr. 14/2026"), lang="de")) == S[:4]
    assert paragraphs(page(BODY + _lines("Aus der Wochenzeitung Kelso Nr. 3/2026"), lang="de")) == S[:4]


def test_without_the_rules_the_note_and_issue_stay(monkeypatch):
    _rule_off_keeps(monkeypatch, "subscription-offer-note-de", _top(OFFER), (OFFER,))
    _rule_off_keeps(monkeypatch, "print-issue-line-de", _top(ISSUE), (ISSUE,))


def test_subscription_and_issue_look_alikes_stay():
    _look_alikes_stay("subscription-offer-note-de", (
        "Dieser Artikel gehört zu einer Serie über die Häfen der Nordsee.",
        "Der Anleger gehört zum Angebot von Kelso Tourismus, sagte die Sprecherin.",
        # mend40b (review40 item 8): 'Artikel' as a shop item
        "Dieser Artikel gehört zum Angebot von Aldi Süd. Der Akkuschrauber kostet ab Montag 29,99 Euro und ist nur "
        "solange der Vorrat reicht erhältlich."), "de")
    _look_alikes_stay("print-issue-line-de", (
        "Aus dem Bericht Nr. 4/2026 geht hervor, dass der Anleger marode ist.",
        "Aus der Sitzung Nr. 12 gibt es kein Protokoll.",
        "Aus dem Amtsblatt Nr. 12/2025.",   # mend40b (review40 item 12): a source line, no paper's name
        "Aus dem Haushaltsplan Nr. 3/2026."), "de")


# -- an NYT snapshot's photo credit and rail label (A2S parser_config.py: 'credit...'; tests/test_cleaner.py:
#    'Editors’ Picks' in the leading chrome), and the audio player's 'Listen · 6:12 min' ('listen ·').
#    Rules ``credit-dots-line``, ``editors-picks-label``; ``player-label`` widened --

CREDIT = "Credit...Ann Lo for The Kelso Courant"
OLD_PLAYER = ("^(?:listen to (?:(?:this|the) )?(?:article|story)(?:\\s*[·•|–—:-]?\\s*\\d{1,2}(?::\\d\\d)?\\s*"
              "(?:min(?:utes?)?|mins)?)?|copy link|link copied|supported by)\\s*[.!]?$")


def test_nyt_credit_picks_and_listen_go():
    assert paragraphs(_between(_lines(CREDIT))) == S[:4]
    assert paragraphs(page(_lines("Editors’ Picks", "Listen · 6:12 min") + BODY)) == S[:4]


def test_without_the_rules_the_nyt_lines_stay(monkeypatch):
    _rule_off_keeps(monkeypatch, "credit-dots-line", _between(_lines(CREDIT)), (CREDIT,))
    _rule_off_keeps(monkeypatch, "editors-picks-label", page(_lines("Editors’ Picks") + BODY), ("Editors’ Picks",))
    html = page(_lines("Listen · 6:12 min") + BODY)
    with_paragraph_pattern(monkeypatch, "player-label", OLD_PLAYER)
    assert "Listen · 6:12 min" in bare(html) and "Listen · 6:12 min" in paragraphs(html)


def test_nyt_look_alikes_stay():
    _look_alikes_stay("credit-dots-line", ("Credit... is tight for the harbour board, its treasurer said.",
                                           "Credit unions lent the board the money."))
    _look_alikes_stay("player-label", ("Listen to the ferry horns at dawn, the harbour master said.",
                                       "Listen · the harbour master said nothing more."))
    # a gift guide's heading lower in the text (the label is taken among the first five lines only)
    html = page(BODY + ps(4, 5) + _lines("Editors’ Picks") + ps(6, 7))
    assert "Editors’ Picks" in paragraphs(html)


# -- Reuters' closing and gallery lines: trafilatura's own real-world test wants 'The Thomson Reuters Trust
#    Principles' out of a Reuters page (https://github.com/adbar/trafilatura/blob/master/tests/realworld_tests.py);
#    Reuters chrome that public news-cleaning code strips (found by exact-string search; the index names no
#    repository): a gallery caption 'Item 1 of 6 ...' or '[1/3] ...', 'Advertisement · Scroll to continue', 'Report an ad'. Rules ``agency-standards-line`` (now ``editorial-standards-line``),
#    ``gallery-item-caption``; ``ad-continuation`` widened --

STANDARDS = "Our Standards: The Thomson Reuters Trust Principles."
ITEM = "Item 1 of 6 A worker walks along the damaged ferry pier in Kelso, December 3, 2026. REUTERS/Ann Lo"
SCROLL = "Advertisement · Scroll to continue"
BRACKET = "[1/3] A worker walks along the damaged ferry pier in Kelso, December 3, 2026. REUTERS/Ann Lo"
OLD_AD = ("^(?:(?:the )?(?:story|article|text|post|content|report) continues (?:below|after|under)(?: (?:this|the))?"
          "(?: (?:ad|advert|advertisement|video|break))?|continue reading(?: the (?:main|full|rest of the) story| below| "
          "after (?:the )?(?:ad|advertisement))?|skip (?:the )?(?:ad|advert|advertisement)|(?:advertisement|advert|ad)"
          "\\s*[-–—:|]?\\s*scroll (?:down )?to continue(?: reading| with content)?|scroll (?:down )?to continue(?: "
          "reading| with content)?)(?:\\.|\\s*[↓⬇▼])?$")


def test_reuters_lines_go():
    assert paragraphs(page(BODY + _lines(STANDARDS))) == S[:4]
    assert paragraphs(page(BODY + _lines(f"{STANDARDS[:-1]}., opens new tab"))) == S[:4]
    assert paragraphs(_between(_lines(ITEM) + _lines(SCROLL))) == S[:4]
    assert paragraphs(_between(_lines(BRACKET) + _lines(SCROLL, "Report an ad"))) == S[:4]
    for caption in ("Item 2 of 4 Fans wait at the pier in Kelso. (Photo: Ann Lo)",
                    "[2/4] Fans wait at the pier in Kelso, December 3, 2026. AP Photo/Ann Lo"):
        assert paragraphs(_between(_lines(caption))) == S[:4], caption


def test_without_the_rules_the_reuters_lines_stay(monkeypatch):
    _rule_off_keeps(monkeypatch, "editorial-standards-line", page(BODY + _lines(STANDARDS)), (STANDARDS,))
    _rule_off_keeps(monkeypatch, "gallery-item-caption", _between(_lines(ITEM)), (ITEM,))
    _rule_off_keeps(monkeypatch, "gallery-item-caption", _between(_lines(BRACKET)), (BRACKET,))
    html = _between(_lines(SCROLL, "Report an ad"))
    with_paragraph_pattern(monkeypatch, "ad-continuation", OLD_AD)
    assert SCROLL in bare(html) and "Report an ad" in bare(html)
    assert SCROLL in paragraphs(html) and "Report an ad" in paragraphs(html)


def test_reuters_look_alikes_stay():
    _look_alikes_stay("gallery-item-caption", ("Item 4 of 10 on the agenda was the pier, the board's minutes show.",
                                               "Item 2 of the harbour plan covers the ferry pier.",
                                               "[1/3] of the board's members voted against the pier.",
                                               # mend40b (review40 item 9): sentences after a counter, no credit
                                               "[1/3] We are heartbroken to announce that the pier will close, the "
                                               "operator wrote on X, in a thread that was shared thousands of times.",
                                               "Item 4 of 9 (a proposal to close the library on Sundays) was deferred "
                                               "until March after a lengthy debate.",
                                               "Item 4 of 9 “We will close on Sundays,” the mayor said, and the board "
                                               "deferred the vote."))
    _look_alikes_stay("ad-continuation", ("Report an ad that misleads to the standards authority, the board urged.",))
    _look_alikes_stay("editorial-standards-line", (
        "Our standards for the pier are higher than the trust's, she said.",
        "Read our editorial standards before you write to the board, the harbour master said.",
        "Why you can trust the harbour board, in three charts.",
        "Our standards: the pier must be safe, and it is not."))


# -- mend40b (review40 item 13): bug31's 'agency-standards-line' held one agency's literal sign-off, whose cited page
#    is in the trafilatura-eval dev set; the kind instead, a closing line pointing to the publisher's standards or
#    editorial policy (invented Kelso Courant lines). Rule ``editorial-standards-line`` --

STANDARDS_LINES = ("Our Standards: The Kelso Courant Editorial Code.", "Read our editorial standards",
                   "Learn more about our editorial guidelines.", "Why you can trust the Kelso Courant",
                   "Our Principles: The Courant Trust Charter., opens new tab")


def test_editorial_standards_lines_go(monkeypatch):
    for line in STANDARDS_LINES:
        assert paragraphs(page(BODY + _lines(line))) == S[:4], line
    _rule_off_keeps(monkeypatch, "editorial-standards-line", page(BODY + _lines(STANDARDS_LINES[0])),
                    (STANDARDS_LINES[0],))


def test_editorial_standards_line_mid_body_stays():
    line = STANDARDS_LINES[1]   # the same words above the body's last three lines: not the closing link
    html = page(_lines(line) + ps(0, 1, 2, 3, 4, 5))
    assert line in paragraphs(html)


# -- a wire photo's caption with the agency's notice to editors, left as a paragraph
#    (https://github.com/flairNLP/fundus/pull/684). Rule ``wire-photo-notice`` --

NOTICE = ("FILE PHOTO: The old ferry pier in Kelso, December 3, 2026. REUTERS/Ann Lo/File Photo ATTENTION EDITORS - "
          "THIS IMAGE WAS PROVIDED BY A THIRD PARTY. NO RESALES. NO ARCHIVES.")


def test_wire_photo_notice_goes(monkeypatch):
    html = _between(_lines(NOTICE))
    assert paragraphs(html) == S[:4]
    handout = ("Rescue workers search the pier in Kelso, December 3, 2026. Kelso Fire Service/Handout via REUTERS "
               "ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.")
    assert paragraphs(_between(_lines(handout))) == S[:4]
    _rule_off_keeps(monkeypatch, "wire-photo-notice", html, (NOTICE,))


def test_wire_photo_notice_look_alikes_stay():
    _look_alikes_stay("wire-photo-notice", (
        "Attention editors: this image was provided by a third party, the agency told its clients in 2019.",
        "The agency's note, headed ATTENTION EDITORS, named no photographer.",
        # mend40b (review40 item 10): the notice quoted inside a sentence, not closing a caption
        "The memo sent to subscribers read: ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY, and it was "
        "later withdrawn when doubts about the photograph grew.",
        "The memo read: ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY."))


# -- a SPIEGEL snapshot's call to its comment debate (A2S tests/test_extractor.py: 'DEBATTE Sind Ihnen ... ?
#    Diskutieren Sie hier', to be left out of the replayed text). Rule ``debate-call-de`` --

DEBATE = "DEBATTE Soll der Anleger aus Steuergeld neu gebaut werden? Diskutieren Sie hier"


def test_debate_call_goes(monkeypatch):
    html = page(ps(0, 1) + _lines(DEBATE) + ps(2, 3) + _lines("Diskutieren Sie mit!"), lang="de")
    assert paragraphs(html) == S[:4]
    _rule_off_keeps(monkeypatch, "debate-call-de", html, (DEBATE, "Diskutieren Sie mit!"))


def test_debate_call_look_alikes_stay():
    _look_alikes_stay("debate-call-de", (
        "Soll der Anleger neu gebaut werden? Diskutieren Sie mit uns am Freitag im Rathaus, lud der Bürgermeister ein.",
        "Die Debatte über den Anleger dauert an."), "de")


# -- probes archiver already passed (bare trafilatura fails all but the first) --

PASSED: dict[str, tuple[str, list[str]]] = {}
# A2S parser_config.py: SPIEGEL's 'bild vergrößern' inside the figure's caption
PASSED["enlarge-in-figcaption"] = (page(ps(0, 1) + "<figure><img src='/a.jpg'><figcaption><p>Bild vergrößern</p><p>"
                                   "Der alte Anleger im Dezember</p></figcaption></figure>" + ps(2, 3), lang="de"), S[:4])
# A2S tests/test_extractor.py: the SPIEGEL snapshot's divs (tools with the audio's length, the caption, the debate)
PASSED["spiegel-divs"] = (page("<div>Zur Merkliste hinzufügen Artikel anhören (7 Minuten)</div><div>Bild vergrößern "
                               "Der alte Anleger nach dem Sturm Foto: Ann Lo / dpa</div>" + ps(0, 1) + "<div>DEBATTE "
                               "Soll der Anleger neu gebaut werden? Diskutieren Sie hier</div>" + ps(2, 3), lang="de"),
                          S[:4])
# A2S tests/test_extractor.py: the NYT snapshot's divs ('Supported by SKIP ADVERTISEMENT', 'Related Content More in')
PASSED["nyt-divs"] = (page("<div>Supported by SKIP ADVERTISEMENT</div>" + BODY + "<div>Related Content More in "
                           "Politics</div>"), S[:4])
# A2S parser_config.py and tests/test_cleaner.py: 'supported by', 'skip advertisement', 'share full article', SZ's
# 'lesezeit:'
PASSED["nyt-lines"] = (page(_lines("Supported by", "Share full article") + ps(0, 1) + _lines("Skip Advertisement")
                            + ps(2, 3)), S[:4])
PASSED["lesezeit"] = (_top("Lesezeit: 3 Min."), S[:4])
# the Reuters page's 'Purchase Licensing Rights' and 'Reading Time: 3 minutes'
PASSED["reuters-tools"] = (page(_lines("Reading Time: 3 minutes") + ps(0, 1) + _lines("Purchase Licensing Rights")
                                + ps(2, 3)), S[:4])


def test_passed_probes_stay_passed():
    for name, (html, want) in PASSED.items():
        assert paragraphs(html) == want, name
