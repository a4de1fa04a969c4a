"""Review mends of the thirty-ninth session: look-alike sentences that two new rules took.

Each sentence below is news text a rule of this session matched before its mend (review39):
``views-disclaimer`` took any "do not reflect ..." clause, ``byline-date-line-i18n`` any
opening words before a date. The notices the rules exist for still go (tests/test_extraction_bugs29.py,
tests/test_extraction_renditions29.py)."""
from __future__ import annotations

import pytest

from archiver.extraction import extract

BODY = ["Paragraph one of the council story says the budget passed on Tuesday after a long debate in the chamber.",
        "Paragraph two says the mayor promised that the new library would open in the spring of next year.",
        "Paragraph three quotes residents who welcomed the plan but asked about the cost of the new roads."]
URL = "https://news.example.com/2024/01/05/council-budget"


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in lines) + "</article></body></html>"
    return extract(html, URL).paragraphs


@pytest.mark.parametrize("line", [
    "The minister spoke on Sunday. Opinions expressed do not necessarily reflect public sentiment, a poll shows.",
    "Views expressed in these posts do not represent a majority of members, the chair said."])
def test_a_clause_about_views_in_a_report_stays(line):
    assert line in _paragraphs([*BODY[:2], line, BODY[2]])
    assert line in _paragraphs([*BODY, line])


@pytest.mark.parametrize("line", ["Di nuovo in piazza il 25 aprile 2023", "Door de storm op 5 januari 2024 – Nederland",
                                  "Par temps de pluie le 3 mars 2024 - Météo"])
def test_an_opening_line_with_a_date_but_no_name_stays(line):
    assert line in _paragraphs([line, *BODY])


@pytest.mark.parametrize("line", ["Por Ana de la Fuente el 11 de enero de 2022", "Von Anna Müller am 11. Januar 2022",
                                  "Par Ukraine Today le mardi 11 janvier 2022, 06:43 - Asie centrale - Lien permanent"])
def test_a_byline_with_a_date_still_goes(line):
    assert list(_paragraphs([line, *BODY])) == BODY


@pytest.mark.parametrize("line", ["Opinions belong to the column author and do not represent the Carrow Courier.",
                                  "Any opinions expressed do not reflect the views of this site."])
def test_a_views_notice_still_goes(line):
    assert list(_paragraphs([*BODY, line])) == BODY
