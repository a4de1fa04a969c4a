"""Kinds of fault the held-out pages showed (``bench/heldout.py``), each on a small page of its own.

Invented site and text; each test fails on the code before its fix.
"""

from __future__ import annotations

from archiver.extraction import extract

URL = "https://www.harbourlight-review.example/notes/2026/tide-tables"


def page(body: str, title: str = "How the tide tables are worked out") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title} | Harbourlight Review</title></head><body>"
            "<header class='site-head'><a href='/'>Harbourlight Review</a><nav><a href='/notes'>Notes</a>"
            "<a href='/about'>About</a></nav></header>"
            f"<main><article><h1>{title}</h1>{body}</article></main>"
            "<footer><p>Harbourlight Review, Quay Street.</p></footer></body></html>")


FILLER = ("The harbour office publishes the tables every autumn for the year ahead, and the pilots "
          "check each page against their own readings before the first spring tide.")


def words_of(text: str) -> list[str]:
    return text.split()


def test_a_br_joined_inside_a_sentence_keeps_the_space_before_a_following_link_or_code():
    html = page(f"""<p>{FILLER}</p>
      <p>The constants for each port are listed
         <br>in the <a href="/notes/constants">harmonic tables</a> of the annex, and the method
         is the same as the <code>predict</code>
         <br>routine uses for <code>"spring"</code> and <code>"neap"</code> tides alike.</p>
      <p>{FILLER}</p>""")
    text = " ".join(extract(html, URL).text.split())
    assert "are listed in the harmonic tables of the annex" in text
    assert "as the predict routine uses for \"spring\" and \"neap\" tides" in text


# -- closing titles, widget labels, datelines and follow prompts in the other languages the rules cover --

def foreign_page(lang: str, title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>{title}</title></head><body>"
            "<div class='kopf'><a href='/'>Hafenblatt</a></div>"
            f"<div class='inhalt'><h1>{title}</h1>{body}</div></body></html>")


DE = [f"Der Hafen von Nordwarf hat im Winter {n} neue Liegeplätze gebaut, und die Fischer sagen, dass "
      f"die Arbeiten am Kai schneller als geplant vorangekommen sind, trotz der Stürme im Januar."
      for n in range(4)]
ES = [f"El puerto de Villamar abrió {n} nuevos muelles este invierno, y los pescadores dicen que las "
      f"obras avanzaron más rápido de lo previsto a pesar de los temporales de enero."
      for n in range(4)]


def test_german_date_line_widget_label_follow_prompt_and_author_box_go():
    body = ("<p>08.04.2015 12:46</p>" + "".join(f"<p>{t}</p>" for t in DE)
            + "<p>Folgen Sie uns auf Twitter und Facebook, um nichts zu verpassen.</p>"
            "<p>12 Kommentare</p>"
            "<h3>Über die Autorin</h3><p>Greta Sandvik</p><p>Redakteurin für Häfen und Küsten</p>")
    got = [" ".join(p.split()) for p in extract(foreign_page("de", "Neue Liegeplätze in Nordwarf", body),
                                                "https://www.hafenblatt.example/nordwarf").paragraphs]
    assert got == DE


def test_spanish_numeric_date_with_time_and_comment_label_go():
    body = ("<p>Publicado el 07/01/2014 a las 10:15</p>" + "".join(f"<p>{t}</p>" for t in ES)
            + "<p>Síguenos en Instagram y en Facebook</p><p>Comentar</p>")
    got = [" ".join(p.split()) for p in extract(foreign_page("es", "Nuevos muelles en Villamar", body),
                                                "https://www.diariodelpuerto.example/villamar").paragraphs]
    assert got == ES


def test_dates_and_labels_inside_sentences_stay():
    body = "".join(f"<p>{t}</p>" for t in DE[:2]) + (
        "<p>Am 08.04.2015 um 12:46 Uhr legte das erste Schiff an, und der Hafenmeister sprach von einem "
        "guten Tag für Nordwarf.</p><p>Über die Autorin des Gutachtens, eine Ingenieurin aus Kiel, wurde im "
        "Rat lange gesprochen, bevor die Stadt den Bau freigab.</p>" + f"<p>{DE[2]}</p>")
    text = extract(foreign_page("de", "Neue Liegeplätze in Nordwarf", body),
                   "https://www.hafenblatt.example/nordwarf").text
    assert "Am 08.04.2015 um 12:46 Uhr legte das erste Schiff an" in text
    assert "Über die Autorin des Gutachtens" in text and DE[2] in text


def test_a_wire_end_marker_and_the_reporters_email_closing_the_story_go():
    body = ("".join(f"<p>{FILLER} Part {n}.</p>" for n in range(3))
            + "<p>(END)</p><p>tides@harbourlight-review.example</p>")
    got = [" ".join(p.split()) for p in extract(page(body), URL).paragraphs]
    assert got == [f"{FILLER} Part {n}." for n in range(3)]


def test_an_email_address_in_the_middle_of_the_text_stays():
    body = (f"<p>{FILLER}</p><p>Readers can send their own tide readings to the office:</p>"
            "<p>readings@harbourlight-review.example</p>" + "".join(f"<p>{FILLER} Part {n}.</p>" for n in range(4)))
    assert "readings@harbourlight-review.example" in extract(page(body), URL).text
