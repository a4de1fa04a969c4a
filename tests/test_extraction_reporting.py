"""Reporting clauses (mend4): one list of reporting words (archiver/rules/reporting.json) guards every
paragraph rule marked ``"not_reported": true``, in place of a copied lookahead in each rule's pattern.

The pages are invented local stories, one in Spanish and one in German, for the follow-us rules
(follow-us-more takes these calls first, follow-us-i18n too), which had no guard before: the site's bare
call to follow it on a social network closes the body and goes, while a sentence of the story reporting
the same call (a mayor's, a police spokeswoman's) stays.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from archiver.extraction import extract
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.reporting import REPORTING_FILE, reporting_pattern
from archiver.extraction.rules import RULES_DIR, _compile, rules_for

PAGES = {
    "es": {
        "url": "https://www.diario-del-valle.example/2026/12/puente",
        "title": "El puente giratorio vuelve a abrir",
        "body": ["El ayuntamiento reabrió el lunes el puente giratorio sobre el canal, tras ocho meses de obras en "
                 "el tablero y en la maquinaria que lo hace girar.",
                 "Los ingenieros cambiaron la madera por placas de acero y montaron motores nuevos, pagados con una "
                 "subvención del fondo regional de transporte.",
                 "Síguenos en Instagram y en TikTok, pidió el alcalde a los jóvenes del barrio, que recibirán allí "
                 "los horarios de apertura para las barcas.",
                 "El puente se abrirá cada hora en verano y a petición en invierno, según el calendario municipal."],
        "reported": 2,
        "call": "Síguenos en Twitter y Facebook",
    },
    "de": {
        "url": "https://www.talbote.example/2026/12/bruecke",
        "title": "Die Drehbrücke ist wieder offen",
        "body": ["Die Stadt hat am Montag die Drehbrücke über den Kanal wieder geöffnet, nach acht Monaten Arbeit "
                 "an der Fahrbahn und an der Mechanik, die sie dreht.",
                 "Folgen Sie uns auf Instagram, sagte die Sprecherin der Polizei, dort stünden die Sperrzeiten der "
                 "Brücke jeden Morgen um sieben Uhr.",
                 "Die Ingenieure ersetzten die Holzbohlen durch Stahlplatten und bauten neue Motoren ein, bezahlt aus "
                 "dem regionalen Verkehrsfonds.",
                 "Im Sommer öffnet die Brücke stündlich für Boote, im Winter auf Anfrage beim Hafenamt."],
        "reported": 1,
        "call": "Folgen Sie uns auf Facebook und Instagram",
    },
}


def _page(lang: str) -> str:
    page = PAGES[lang]
    body = "".join(f"<p>{p}</p>" for p in [*page["body"], page["call"]])
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{page['title']}</title></head>"
            "<body><header><a href='/'>Inicio</a><nav><a href='/local'>Local</a><a href='/sport'>Sport</a></nav>"
            f"</header><main><article><h1>{page['title']}</h1>{body}</article></main>"
            "<footer><p>Calle del Molino 4.</p></footer></body></html>")


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_a_reported_follow_call_stays_and_the_sites_own_call_goes(lang):
    page = PAGES[lang]
    result = extract(_page(lang), page["url"])
    reported = page["body"][page["reported"]]
    assert reported in result.paragraphs
    assert page["call"] not in result.paragraphs
    assert any(r.rule == "follow-us-more" and page["call"] in r.text for r in result.removed)
    assert all(p in result.paragraphs for p in page["body"])


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_without_the_guard_the_rule_takes_the_reported_sentence_too(lang):
    # the twin: the same rules with the follow-us rules' guard off take the story's sentence as well
    page = PAGES[lang]
    rules = rules_for("www.example.org")
    follow = {r.name: r for r in rules.paragraphs if r.name.startswith("follow-us")}
    assert sorted(follow) == ["follow-us", "follow-us-i18n", "follow-us-more"]
    assert all(r.not_reported is not None for r in follow.values())
    bare = dataclasses.replace(rules, paragraphs=tuple(dataclasses.replace(r, not_reported=None) if r.name in follow
                                                       else r for r in rules.paragraphs))
    paragraphs = [*page["body"], page["call"]]
    kept, removed = clean_paragraphs(paragraphs, rules)
    assert kept == page["body"] and [r.text for r in removed] == [page["call"]]
    kept, removed = clean_paragraphs(paragraphs, bare)
    assert page["body"][page["reported"]] not in kept
    assert [r.rule for r in removed] == ["follow-us-more", "follow-us-more"]


# the rules whose copied guards went into reporting.json, and the follow-us rules that had none
GUARDED = {"channel-promo", "powered-by-line", "adblock-notice", "ai-generated-note", "enable-javascript",
           "paywall-pitch", "inbox-pitch", "donation-pitch", "channel-pitch", "channel-pitch-closing",
           "signup-consent", "acknowledgement-of-country", "follow-us", "follow-us-more", "follow-us-i18n"}


def _patterns():
    for path in [RULES_DIR / "generic.json", *sorted((RULES_DIR / "sites").glob("*.json"))]:
        data = json.loads(path.read_text(encoding="utf-8"))
        for spec in data.get("paragraphs", []):
            yield path.name, spec


def test_no_rule_carries_its_own_reporting_guard_any_more():
    # one mechanism: a rule's pattern holds no copied lookahead of reporting words; it says "not_reported"
    words = reporting_pattern()
    own = [(name, spec["name"]) for name, spec in _patterns()
           for look in re.findall(r"\(\?!\.\*\\b\(\?:([^)]*)", spec["pattern"] + "".join(spec.get("following", [])))
           if any(words.search(w) for w in look.split("|"))]
    assert own == []
    guarded = {spec["name"] for _, spec in _patterns() if spec.get("not_reported")}
    assert guarded >= GUARDED, GUARDED - guarded


@pytest.mark.parametrize(("text", "held"), [
    ("Únete a nuestro canal, escribió el ministro", True),
    ("Abonniere unseren Telegram-Kanal, schrieb die Polizei", True),
    ("Подписывайтесь на наш Telegram, заявил мэр", True),
    ("Подпишитесь на WhatsApp-канал, — कहा", True),  # Hindi's vowel sign ends the word: no \b after it
    ("Join our WhatsApp channel, police SAID.", True),
    ("Join our WhatsApp channel for the sayings of the day", False),
    ("Abonnieren Sie unseren Kanal: Sagten-Test", False),
    ("Join our channel", False),
])
def test_the_reporting_words_are_whole_words_in_every_language(text, held):
    assert (reporting_pattern().search(text) is not None) is held


def test_a_bad_reporting_file_or_value_is_a_clear_error(tmp_path: Path):
    bad = tmp_path / "reporting.json"
    bad.write_text(json.dumps({"languages": {"en": ["said", "warn(?:s|ed"]}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"languages\.en: bad pattern 'warn\(\?:s\|ed'"):
        reporting_pattern(str(bad))
    bad.write_text(json.dumps({"languages": {"en": "said"}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"languages\.en must be a list"):
        reporting_pattern(str(bad))
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        reporting_pattern(str(bad))
    with pytest.raises(ValueError, match=r"test\.json paragraphs\[0\]: 'not_reported' must be true or false"):
        _compile({"paragraphs": [{"name": "x", "pattern": "a", "not_reported": "yes"}]}, "test.json")
    assert REPORTING_FILE.parent == RULES_DIR
