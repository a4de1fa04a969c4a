"""Stage 3: paragraph patterns (drop, cut, drop-following, keep) and classify_text."""

from __future__ import annotations

import pytest

from archiver.extraction import classify_text
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

GENERIC = rules_for(None)
RFERL = rules_for("www.rferl.org")

NOTICE = [
    'RFE/RL has been declared an "undesirable organization" by the Russian government.',
    "If you are in Russia, please note that you could face fines or imprisonment for sharing, liking, commenting on, or saving our content.",
    "To find out more, click here.",
]


def test_promos_are_dropped_and_named():
    paras = ["Body one.", "SEE ALSO: Another story", "See the video here: A video", "Related article: Something",
             "Recommended Videos", "Loading...", "Liked by 3 people", "1 / 24", "Body two."]
    kept, removed = clean_paragraphs(paras, GENERIC)
    assert kept == ["Body one.", "Body two."]
    assert [r.rule for r in removed] == ["see-also", "see-the-video", "related-article", "recommended-videos",
                                         "loading", "liked-by", "gallery-counter"]
    assert all(r.stage == "paragraph" for r in removed)


def test_promo_glued_to_a_paragraph_is_cut_off():
    para = "Others have blamed the government forces for fueling the violence.SEE ALSO:The Consequences Of It"
    kept, removed = clean_paragraphs([para], GENERIC)
    assert kept == ["Others have blamed the government forces for fueling the violence."]
    assert [(r.rule, r.text) for r in removed] == [("see-also-inline", "SEE ALSO:The Consequences Of It")]


def test_words_inside_a_sentence_are_not_promos():
    paras = ["Officials said they would see also whether the talks resume.",
             "Loading... the trucks took three days, the driver said.",
             "The page said Related article: none, which was odd."]
    assert clean_paragraphs(paras, GENERIC) == (paras, [])


def test_notice_and_the_paragraphs_that_explain_it_are_dropped():
    kept, removed = clean_paragraphs(["Body.", *NOTICE], RFERL)
    assert kept == ["Body."]
    assert [r.text for r in removed] == NOTICE
    assert {r.rule for r in removed} == {"rferl/undesirable-notice"}


def test_notice_in_the_middle_of_the_body_takes_nothing_after_it():
    body_after = ["Toqaev also fired the head of the National Security Committee.",
                  "The KNB said in a statement that Masimov is being investigated."]
    kept, removed = clean_paragraphs(["First.", NOTICE[0], *body_after], RFERL)
    assert kept == ["First.", *body_after]
    assert [r.text for r in removed] == [NOTICE[0]]


def test_generic_sanction_notice_on_any_site():
    paras = ['Meduza has been declared an "undesirable organization" in Russia.',
             "Russian citizens can face criminal prosecution for sharing our articles.",
             "The talks ended without agreement."]
    kept, removed = clean_paragraphs(paras, GENERIC)
    assert kept == ["The talks ended without agreement."]
    assert [r.rule for r in removed] == ["sanction-notice", "sanction-notice"]


def test_news_about_a_designation_is_not_a_notice():
    para = ('The Justice Ministry on Friday declared the independent outlet an "undesirable organization," a move that '
            "exposes its journalists and readers to prosecution, in the latest step of a crackdown on media that began "
            "after the invasion of Ukraine last year and has accelerated ahead of the vote.")
    assert clean_paragraphs([para], GENERIC) == ([para], [])


def test_keep_patterns_win():
    paras = ["adi/rt (Reuters, AFP)", "With reporting by AFP and TASS", "Additional reporting by Jane Doe",
             "(Reporting by Andrew Osborn; Editing by Mark Heinrich)",
             "Associated Press writer Jim Heintz in Moscow contributed to this report."]
    assert clean_paragraphs(paras, GENERIC) == (paras, [])


def test_dateline_with_byline():
    kept, removed = clean_paragraphs(
        ["January 11, 2022 06:30 GMT UPDATED January 11, 2022 06:43 GMT – By RFE/RL", "January 11, 2022", "Body."], GENERIC)
    assert kept == ["Body."] and {r.rule for r in removed} == {"dateline"}


def test_dateline_with_an_abbreviated_month_or_a_second_update_date():
    # tenth session (wq11): abbreviated month names, "Last updated on", a publishing and an
    # update date on one line; a sentence that starts with a date is body text
    lines = ["Published: Jul 15, 2019", "Updated: Sept. 29, 2025", "Last Updated on November 15, 2025",
             "December 3, 2025. Updated: December 7, 2025", "Mar 3, 2024 was the day the ferry stopped.", "Body."]
    kept, removed = clean_paragraphs(lines, GENERIC)
    assert kept == lines[4:] and [r.rule for r in removed] == ["dateline"] * 4


def test_classify_text():
    assert classify_text("SEE ALSO: Something") == "see-also"
    assert classify_text("Recommended Videos") == "recommended-videos"
    assert classify_text(NOTICE[0], "www.rferl.org") == "rferl/undesirable-notice"
    assert classify_text(NOTICE[0]) == "sanction-notice"
    assert classify_text("RFE/RL's Kazakh Service offers informed reporting.", "rferl.org") == "rferl/service-box"
    assert classify_text("RFE/RL's Kazakh Service offers informed reporting.") is None
    assert classify_text("adi/rt (Reuters, AFP)") is None
    assert classify_text("The president spoke on Tuesday.") is None
    assert classify_text("") is None


def test_generic_promo_lines():
    cases = {
        "READ MORE: China plague outbreak confirmed": "read-more",
        "Lakers vs Nets: NBA make final decision on game amid China turmoil [VIDEO]": "promo-link-tag",
        "Updated at 1:23 p.m.": "updated-line",
        "Write to Al Root at allen.root@dowjones.com": "write-to",
        "Original url:": "source-link",
        "Related: Possible Water Plumes on Europa": "related-article",
        "Sign up for our free daily newsletter to get the news first.": "newsletter-promo",
    }
    for text, rule in cases.items():
        assert classify_text(text) == rule, text
    for body in ["WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill after a long debate.",
                 "NATO", "The U.S. and the E.U. agreed.", "他说：“我们会继续努力，直到问题得到解决。”这是一个很长的句子。",
                 "He said he would read more about it: the report was long.",
                 "WHAT THE NEW RULES MEAN FOR SMALL FARMS",  # an all-caps subheading is article text
                 "http://www.openpetition.de"]:  # a bare link in a body can be the point of the post
        assert classify_text(body) is None, body


def test_generic_promo_lines_in_other_languages_and_paywalls():
    cases = {
        "VEA TAMBIÉN: Entre heces y guaricha": "read-more-i18n",
        "À lire aussi » Ballonnements, lourdeurs": "read-more-i18n",
        "Schon gelesen?": "read-more-i18n",
        "Subscribe now to our eNATION edition for the full story.": "paywall-notice",
        "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.": "app-download",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.": "follow-us",
        "PC Gamer Newsletter": "newsletter-title",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.": "affiliate-disclosure",
        "Aktualisiert am 17.01.2021.": "updated-line-i18n",
    }
    for text, rule in cases.items():
        assert classify_text(text) == rule, text
    for body in ["Die Regierung will die Werbung für Tabak verbieten, sagte der Minister am Dienstag.",
                 "The full story of the rescue emerged only weeks later, after the crew returned.",
                 "He said he would follow the team on its tour of Asia next year."]:
        assert classify_text(body) is None, body


def test_labels_credits_and_promos_in_other_languages_are_dropped():
    paras = ["Cuerpo del artículo.", "Le puede interesar: Otra noticia del día", "Weitere Themen", "Quellen:",
             "Top-Themen bei FIT FOR FUN", "Beitragsbild: Max Muster", "Crédit photo : AFP", "© dpa | Kay Nietfeld",
             "Zum Newsletter anmelden", "Sie sind aktuell nicht eingeloggt.", "Dowiedz się więcej: Inny tekst",
             "Letzter Absatz."]
    kept, removed = clean_paragraphs(paras, GENERIC)
    assert kept == ["Cuerpo del artículo.", "Letzter Absatz."]
    assert [r.rule for r in removed] == ["read-more-i18n", "section-label-i18n", "section-label-i18n",
                                         "section-label-i18n", "image-credit-i18n", "image-credit-i18n",
                                         "credit-line", "newsletter-i18n", "login-prompt-i18n", "read-more-i18n"]


def test_sentences_that_start_like_labels_are_kept():
    paras = ["Weitere Informationen zum Thema finden Sie in der Pressemitteilung des Ministeriums.",
             "Quellen zufolge soll der Vertrag noch im Mai unterschrieben werden.",
             "The agency said all rights reserved by the band had been sold in 2019, and more.",
             "Mehr Infos findet ihr auf der Website des Herstellers.",
             "Closing paragraph one.", "Last paragraph of the body."]
    assert clean_paragraphs(paras, GENERIC) == (paras, [])  # legal wording far from the end is reporting


@pytest.mark.parametrize("notice", [
    "Copyright 2024 Harbour Wire. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "© 2024 Nordpresse. Alle Rechte vorbehalten. Weiterverbreitung nur mit schriftlicher Genehmigung.",
    "© Agencia Costera. Todos los derechos reservados. Prohibida su reproducción total o parcial.",
    "© Presse du Littoral 2024. Tous droits réservés. Reproduction interdite.",
    "Copyright © 2024 Agencja Wybrzeże. Wszelkie prawa zastrzeżone.",
    "© Riproduzione riservata",
    "Copyright 2024 Agência Costeira. Todos os direitos reservados.",
    "© 2024 Kustpers. Alle rechten voorbehouden.",
])
def test_legal_notices_closing_the_body_go_in_every_language(notice):
    # issue 11 kind 5: boilerplate on the first page of a site, before site learning sees it recur
    paras = ["The harbour reopened on Monday after repairs to the sea wall.", "Ships returned the same day.", notice]
    kept, removed = clean_paragraphs(paras, GENERIC)
    assert kept == paras[:2] and [r.rule for r in removed] == ["legal-notice"]



def _one_by_one(paragraphs, rules):
    """clean_paragraphs without its screen: every rule tried on every paragraph."""
    from archiver.extraction import paragraphs as module

    class Open:
        may_match = staticmethod(lambda text, index, count: True)
        first = last = 0  # no rule window: clean_paragraphs' memo by text (7b94991) holds True for all

    saved = module.screen_for
    module.screen_for = lambda _rules: Open()  # every paragraph meets every rule
    try:
        return module.clean_paragraphs(paragraphs, rules)
    finally:
        module.screen_for = saved


@pytest.mark.parametrize("rules", [GENERIC, RFERL], ids=["generic", "rferl"])
def test_screen_gives_what_each_rule_gives(rules):
    # paragraphs for many rules: anchored ones with and without flags, unanchored ones with a
    # length cap, the legal notice that only counts among the last paragraphs, keep rules
    paragraphs = [*NOTICE, "SEE ALSO: the other story", "see also: lower case", "Recommended Videos",
                  "He said it. SEE ALSO: more", "Sign up for our daily newsletter to get the news.",
                  "Advertisement", "Tags: one, two", "Photo: Someone/Agency", "\u00a9 2024 Some Agency",
                  "All rights reserved. This material may not be published.", "Reporting by Jane Doe",
                  "(Reporting by Jane Doe; Editing by John Roe)", "A plain sentence of the article body.",
                  "x" * 500 + " subscribe to read the full story", "Related: a link",
                  "READ MORE: elsewhere", "Main image: a bridge", "Liked by 3 people", "Loading...",
                  "12 / 40", "Top stories"]
    removed_somewhere = False
    for i in range(len(paragraphs)):  # each paragraph at each position (``last`` counts from the end)
        order = paragraphs[i:] + paragraphs[:i]
        kept, removed = clean_paragraphs(order, rules)
        assert (kept, removed) == _one_by_one(order, rules)
        removed_somewhere |= bool(removed)
    assert removed_somewhere


def test_screen_never_says_no_where_a_pattern_matches():
    import itertools
    import re

    from archiver.extraction.rules import ParagraphRule
    from archiver.extraction.screen import Screen

    patterns = [("^SEE ALSO\\b", re.I, 0), ("^(?:Photo|Image): .{0,20}$", 0, 0), ("^[•·]?\\s*\\d{1,2}x\\d", 0, 0),
                ("^(?=.*\\bsubscribe\\b).{0,30}$", re.I, 0), ("(?<=[.!?])\\s*SEE ALSO:.*$", 0, 0),
                ("\\b(?:Sign up|Subscribe)\\b.{0,20}\\bnewsletter\\b", re.I, 80), ("\\b(?i:kelvin)\\b", 0, 0),
                ("^(?:a|b)$|^c", 0, 0), ("all rights reserved", re.I, 0), ("^.{0,10}$", 0, 0)]
    rules = tuple(ParagraphRule(f"r{i}", re.compile(p, f), max_length=m) for i, (p, f, m) in enumerate(patterns))
    screen = Screen(rules)
    pieces = ["SEE ALSO", "see also", "ſee alſo", "Photo: x", "12x3", " 12x3", "•1x2",
              "Subscribe to our newsletter", "ſubscribe", "KELVIN", "\u212aelvin", "a", "b\n", "c d",
              "All Rights Reserved", "It ended. SEE ALSO: more", "", "x" * 90 + " subscribe newsletter", "İ", "short"]
    texts = [*pieces, *(" ".join(p) for p in itertools.permutations(pieces[:8], 2))]
    for text in texts:
        truth = any(r.pattern.search(text) for r in rules if not (r.max_length and len(text) > r.max_length))
        assert screen.may_match(text, 1, 1) or not truth, text
    assert not screen.may_match("A plain sentence of an article, nothing more to it.", 1, 1)


def test_screen_reads_first_characters_past_optional_parts_categories_and_case_folds():
    """An optional leading part counts with what follows it, a category or a negated set with its
    ASCII members, and a non-ASCII letter under IGNORECASE with the ASCII letters ``re`` folds it
    onto: each rule below is looked up by the first character (none tried on every paragraph),
    and the screen still says yes wherever one of them matches."""
    import re

    from archiver.extraction.rules import ParagraphRule
    from archiver.extraction.screen import Screen

    patterns = [("^(?:\\d+\\s+)?comments?$", re.I), ("^[^.a-z]{1,3}x", 0), ("^\\w+:", 0), ("^\\s*\\W?end$", 0),
                ("^(?:über|à propos) (?:den|de)\\b", re.I), ("^\\u017fee", re.I), ("^(?:[•·] )?\\d{1,2}:\\d{2}$", 0),
                ("^(?:published|updated)?\\s*:?\\s*\\d{4}", re.I), ("^[^x]", 0)]
    rules = tuple(ParagraphRule(f"r{i}", re.compile(p, f)) for i, (p, f) in enumerate(patterns))
    screen = Screen(rules)
    assert not screen.any_first  # every rule is looked up by its first characters
    texts = ["3 comments", "Comments", "comment", "12  COMMENTS", "AB x", "_a:", "9:", "end", " end", "-end",
             "\tend", "Über den Autor", "À propos de l'auteur", "A propos de", "see", "SEE", "\u017fee", "12:30",
             "• 1:05", "Published: 2024", ": 2024", "2024", "xylophone", "x", ".", "a plain line"]
    for text in texts:
        truth = any(r.pattern.search(text) for r in rules)
        assert screen.may_match(text, 1, 1) or not truth, text
    assert not screen.may_match("x plain sentence of the body, nothing more to it.", 1, 1)


def test_the_letters_ignorecase_folds_onto_ascii_are_all_known():
    """Asked of ``re`` over every code point: the screen's table of non-ASCII letters that match an
    ASCII letter under IGNORECASE, and the only letter lowering to more than one character."""
    import re

    from archiver.extraction.screen import ASCII_FOLDS

    letters = re.compile("[a-z]", re.IGNORECASE)
    found = {cp: chr(cp).lower()[:1] for cp in range(0x80, 0x110000) if letters.fullmatch(chr(cp))}
    assert {cp: fold.replace("\u0131", "i").replace("\u017f", "s") for cp, fold in found.items()} == ASCII_FOLDS
    assert [cp for cp in range(0x80, 0x110000) if len(chr(cp).lower()) != 1] == [0x130]


def test_screen_never_says_no_on_text_with_letters_outside_ascii():
    """Rules found by the texts they need, with those texts looked up in lower case: the four
    letters IGNORECASE folds onto ASCII ones, Greek and Cyrillic letters with extra cases, a
    leading lookahead, curly quotes; each rule on text it matches and the screen says yes."""
    import itertools
    import re

    from archiver.extraction.rules import ParagraphRule
    from archiver.extraction.screen import Screen

    patterns = [("^(?=.*\\bsubscribe\\b)(?=.*\\bnewsletter\\b).{0,200}$", re.I, 0),
                ("\\bthis e-?mail address is protected\\b", re.I, 300), ("\\bdiese adresse ist geschützt\\b", re.I, 0),
                ("σοφία", re.I, 0), ("объявлен иностранным агентом", re.I, 0), ("\\bKelvin scale\\b", re.I, 0),
                ("^«(?:Подпишитесь|Читайте)", re.I, 0), ("^[“\"]?Liked this\\?", 0, 0), ("^(?=.*İstanbul)", 0, 0)]
    rules = tuple(ParagraphRule(f"r{i}", re.compile(p, f), max_length=m) for i, (p, f, m) in enumerate(patterns))
    screen = Screen(rules)
    pieces = ["“Subscribe” to our ſubscriber NEWSLETTER", "ſubscribe newsletter", "THIS EMAIL ADDRESS IS PROTECTED",
              "This e-mail addreſs is protected", "DIESE ADRESSE IST GESCHÜTZT", "ΣΟΦΊΑ", "σοφίΑ", "ΣΟΦΙΑ",
              "ОБЪЯВЛЕН ИНОСТРАННЫМ АГЕНТОМ", "объя\u1c80лен иностранным агентом", "\u212aelvin ſcale", "KELVIN SCALE",
              "«подпишитесь на канал", "«ЧИТАЙТЕ также", "“Liked this? Share it", "Liked this?", "İSTANBUL", "İstanbul",
              "A plain “quoted” sentence — nothing more."]
    texts = [*pieces, *(" ".join(p) for p in itertools.permutations(pieces, 2))]
    said_no = 0
    for text in texts:
        truth = any(r.pattern.search(text) for r in rules if not (r.max_length and len(text) > r.max_length))
        maybe = screen.may_match(text, 1, 1)
        assert maybe or not truth, text
        said_no += not maybe
    assert said_no  # the screen does answer no, on text of letters outside ASCII too
    assert not screen.may_match("Une phrase ordinaire, rien de plus : « bonjour ».", 1, 1)


def test_screen_tries_a_rule_with_a_first_window_only_among_the_first_paragraphs():
    """A ``first: N`` rule applies to the body's first N paragraphs only (clean_paragraphs): the
    screen skips it after them (an IGNORECASE rule of leading lookaheads, with no text the screen
    can look up first, was tried on every paragraph of every page)."""
    import re

    from archiver.extraction.rules import ParagraphRule
    from archiver.extraction.screen import Screen

    rule = ParagraphRule("top", re.compile(r"^(?=.*\bwe\b)(?=.*\blinks?\b).*\bcommission\b", re.I), first=3)
    screen = Screen((rule,))
    text = "We may earn a commission from links on this page."
    assert screen.may_match(text, 3, 20)
    assert not screen.may_match(text, 4, 20)
    kept, removed = clean_paragraphs(["Opening line of the story.", text], rules_for(None))
    assert text not in kept and removed


def test_a_blog_comment_form_read_as_text_is_boilerplate_and_prose_about_it_is_not():
    """A WordPress.com/Jetpack comment form copied as text (a scraper's stored copy): its lines go, one by one
    (before: the diff of such a copy against a capture in another template called them content removed);
    sentences of an article that talk about logging in or commenting stay."""
    form = ["Fill in your details below or click an icon to log in:", "WordPress.com Logo",
            "You are commenting using your WordPress.com account. Log Out /  Change )", "Twitter picture",
            "You are commenting using your Twitter account. ( Log Out / Change )", "Facebook photo",
            "Notify me of new comments via email.",
            "This site uses Akismet to reduce spam. Learn how your comment data is processed."]
    prose = ["Readers were asked to fill in your details below or click an icon to log in, the lawsuit says, "
             "and the form then shared their data.",
             "You are commenting using your real name, the editor reminded the forum's members.",
             "The Twitter picture of the minister was deleted within an hour."]
    kept, removed = clean_paragraphs(["Body one.", *form, *prose], GENERIC)
    assert kept == ["Body one.", *prose]
    assert {r.rule for r in removed} == {"comment-form-line"}


def test_a_widgets_loading_placeholder_is_dropped_whatever_it_loads():
    """A weather box, comment thread or player read before its script ran leaves its placeholder
    ('Loading weather data ...') as a line of the article; a watch then saw an edit when it loaded."""
    placeholders = ["Loading weather data ...", "Loading the live blog…", "Now loading video...", "Still loading..."]
    kept, removed = clean_paragraphs(["Body one.", *placeholders, "Body two."], GENERIC)
    assert kept == ["Body one.", "Body two."]
    assert {r.rule for r in removed} == {"loading"}


def test_lines_that_only_start_like_a_placeholder_stay():
    paras = ["Loading speeds can be slower compared to competitors", "Loading the ferry took the crew all night...",
             "Loading indicators during data fetch", "Loading docks on the east side were closed at dawn, police said..."]
    assert clean_paragraphs(paras, GENERIC) == (paras, [])
