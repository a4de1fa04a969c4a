"""A closing credit line written in an ``<address>`` stays in the text; a short byline there still goes.

The ``address-byline`` rule took every short ``<address>`` as a byline or a contact address, so a story
closing with ``<address>Reporting by ...; editing by ...</address>`` lost its reporting line, which the
seeds' rules keep ("the closing agency or reporting line"); bare trafilatura kept it (bug-report round
19 left it open). Invented pages (the Kelbrook Courier).
"""
from __future__ import annotations

import pytest

from archiver.extraction import extract

BODY = "".join(f"<p>Paragraph {i} of the story tells how the ferry service resumed after the storm and what "
               f"the council said about it on Tuesday.</p>" for i in range(6))


def _page(address: str, before: str = "") -> str:
    return (f"<html><head><title>Ferry resumes</title></head><body><article><h1>Ferry resumes</h1>{before}"
            f"{BODY}{address}</article><footer>Kelbrook Courier 2026</footer></body></html>")


@pytest.mark.parametrize("line", [
    "Reporting by Anna Meier in Kelbrook; editing by Tom Hale.",
    "Additional reporting by Lars Berg. Editing by Tom Hale",
    "Writing by Anna Meier; Editing by Tom Hale and Mia Ross",
])
def test_a_closing_credit_line_in_an_address_is_kept(line):
    text = extract(_page(f"<address>{line}</address>"), "https://www.kelbrook-courier.example/ferry").text
    assert text.splitlines()[-1] == line, text


def test_a_short_byline_in_an_address_still_goes():
    text = extract(_page("", before="<address><a rel='author' href='/staff/am'>Anna Meier</a></address>"),
                   "https://www.kelbrook-courier.example/ferry").text
    assert "Anna Meier" not in text and text.count("Paragraph") == 6, text
