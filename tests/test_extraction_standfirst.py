"""Stage 2b: a standfirst that trafilatura leaves out is put back, and only a standfirst."""

from __future__ import annotations

import dataclasses
import json

import pytest

from archiver.extraction import extract
from archiver.extraction.dom import parse
from archiver.extraction.rules import load_rules, rules_for
from archiver.extraction.standfirst import find_standfirst, restore_standfirst

RULE = rules_for(None).standfirst

LEDE = ("Der Stadtrat hat am Montagabend nach langer Debatte beschlossen, die alte Brücke über den Fluss "
        "abzureißen und bis 2026 durch einen Neubau mit Radweg zu ersetzen.")
BODY = "".join(f"<p>Absatz {i}: Die Arbeiten beginnen im Frühjahr, sagte die Baudezernentin am Dienstag in der "
               f"Sitzung, und sollen zwei Jahre dauern. Der Verkehr wird über die Umgehung geleitet.</p>"
               for i in range(1, 7))


def page(between: str, lede_markup: str, title: str = "Stadtrat beschließt Abriss der alten Brücke") -> str:
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Start</a></nav>"
            f"<article><header><h1>{title}</h1>{between}{lede_markup}</header>"
            f"<div class='article-body'>{BODY}</div></article>"
            "<aside><ul><li><div class='teaser'><a href='/x'>Andere Meldung mit einem langen Teaser, der "
            "hier gar nichts zu suchen hat, weil er zu einem anderen Artikel gehört und verlinkt ist.</a>"
            "</div></li></ul></aside></body></html>")


def headline_of(html: str):
    return next(parse(html).iter("h1"))


def test_teaser_paragraph_after_the_headline_is_found():
    html = page("<div class='byline'>Von A. Autor</div>", f"<p class='teaser-text'>{LEDE}</p>")
    assert find_standfirst(headline_of(html), RULE) == LEDE


def test_camel_case_and_bem_names_count_as_words():
    for markup in (f"<div class='storyLead'>{LEDE}</div>", f"<div class='article__intro'><p>{LEDE}</p></div>"):
        assert find_standfirst(headline_of(page("", markup)), RULE) == LEDE


@pytest.mark.parametrize("markup", [
    f"<p class='leader-board'>{LEDE}</p>",              # "lead" only inside a longer word
    f"<p class='teaser'>{LEDE[:90]}</p>",               # a short subtitle, not a paragraph
    f"<div class='intro'><p>{LEDE}</p><p>{LEDE}</p></div>",  # several paragraphs: body, not a standfirst
    f"<p class='teaser'><a href='/other'>{LEDE}</a></p>",   # a link to another article
])
def test_look_alikes_are_not_taken(markup):
    assert find_standfirst(headline_of(page("", markup)), RULE) is None


def test_too_far_from_the_headline_is_not_taken():
    far = "<p>" + "Ein langer Absatz zwischen Titel und Teaser. " * 20 + "</p>"
    assert find_standfirst(headline_of(page(far, f"<p class='teaser'>{LEDE}</p>")), RULE) is None


def test_teasers_in_lists_and_asides_are_skipped():
    html = page("<ul><li><p class='teaser'>" + LEDE + "</p></li></ul>", "")
    assert find_standfirst(headline_of(html), RULE) is None


def test_restore_puts_it_first_once():
    body = ["First paragraph of the body.", "Second."]
    assert restore_standfirst(body, LEDE) == [LEDE, *body]
    assert restore_standfirst([LEDE, *body], LEDE) == [LEDE, *body]
    # held: a body line holding the whole sentence, reworded around it, counts as having it
    assert restore_standfirst([f"Kurz: {LEDE} Mehr am Abend.", *body], LEDE, held=1.0)[0] != LEDE
    # not held: the body opens with a different sentence cut from the same words
    assert restore_standfirst([" ".join(LEDE.split()[:20]) + " and more.", *body], LEDE, held=1.0)[0] == LEDE
    assert restore_standfirst(body, None) == body


def test_extract_keeps_a_teaser_trafilatura_drops():
    html = page("<div class='byline'>Von A. Autor</div>", f"<p class='teaser-text'>{LEDE}</p>")
    result = extract(html, "https://news.example/stadt/bruecke")
    paragraphs = result.text.split("\n")
    assert paragraphs[0] == LEDE
    assert paragraphs.count(LEDE) == 1
    assert "Andere Meldung" not in result.text
    assert any(p.startswith("Absatz 1:") for p in paragraphs)


def test_bad_standfirst_data_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"name": "broken", "standfirst": {"min_chars": 10}}), encoding="utf-8")
    with pytest.raises(ValueError, match="broken.json standfirst"):
        load_rules(path)


def test_a_restored_standfirst_is_not_listed_as_removed():
    lede = "Die Brücke wird abgerissen: Der Stadtrat hat am Montag entschieden, den Neubau mit Radweg bis zum Jahr 2026 fertigzustellen."
    title = "Stadtrat beschließt Abriss der alten Brücke"
    html = (f"<html><head><title>{title}</title></head><body><header><h1>{title}</h1>"
            f"<p class='intro'>{lede} Mehr dazu.</p></header><article>{BODY}</article></body></html>")
    result = extract(html, "https://news.example/stadt/bruecke")
    assert result.text.split("\n")[0] == f"{lede} Mehr dazu."
    assert not any(lede in block.text for block in result.removed)


BIO = ("Hanna Weber schreibt seit zwanzig Jahren über Verkehrspolitik und Stadtplanung; zuvor war sie "
       "Bauingenieurin bei einem Brückenbauer im Ruhrgebiet.")


def test_an_author_bio_named_as_a_description_is_no_standfirst():
    # the marker word "description" in an author box: vetoed by its other words
    html = page(f"<div class='author-box'><p class='author-bio--description'>{BIO}</p></div>", "")
    assert find_standfirst(headline_of(html), RULE) is None
    assert RULE is not None and RULE.veto is not None
    unvetoed = dataclasses.replace(RULE, veto=None)
    assert find_standfirst(headline_of(html), unvetoed) == BIO  # the veto is what keeps it out
