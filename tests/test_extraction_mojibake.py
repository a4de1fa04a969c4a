"""Text encoded twice (issue 11, tenth session): UTF-8 read as Latin-1 or Windows-1252 and
written as UTF-8 again, so the page, valid UTF-8 that declares UTF-8, holds ``weâ\\x80\\x99ll``
(``weâ€™ll``) for ``we’ll``, ``cafÃ©`` for ``café``. ``mojibake.repair`` (ftfy) decodes such
sequences once more before parsing; text that merely holds an ``â`` or ``Ã`` stays as it is.
Invented site and text; no benchmark page copied.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": cp1252 with its five holes kept as C1)
import pytest

from archiver.extraction import extract, mojibake

URL = "https://www.lowmoor-ferries.example/news/winter-timetable"
BODY = [
    "We’ll run the winter timetable from 3 November — two crossings a day instead of five.",
    "The café on the quay stays open, and the crew’s “storm list” of cancellations goes up by 7 am.",
    "Passengers for the château tour at Île-Basse, or from São Miguel, should book a day ahead.",
    "Tickets bought before the change are valid on any crossing until the end of the year 🚢.",
]


def _twice(text: str, codec: str) -> str:
    """``text`` as a system that read its UTF-8 as ``codec`` shows it."""
    return text.encode("utf-8").decode(codec, errors="strict")


def _page(paragraphs: list[str]) -> bytes:
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Winter timetable</title></head><body>"
            "<main><article><h1>Winter timetable</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></main></body></html>")
    return html.encode("utf-8")


@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_text_encoded_twice_comes_out_as_written(codec):
    garbled = [_twice(p, codec) if i != 2 else p for i, p in enumerate(BODY)]  # one paragraph was fine
    assert garbled[0] != BODY[0]
    lines = [line for line in extract(_page(garbled), URL).text.splitlines() if line]
    assert lines == BODY


def test_letters_that_look_like_a_lead_byte_stay():
    text = "Ãpfel, château, São Paulo, Âge d’or: Ångström wrote â la carte."
    assert mojibake.repair(text) == text


@pytest.fixture
def repair_off(monkeypatch):
    monkeypatch.setattr(mojibake, "REPAIR", False)


def test_without_the_repair_the_words_are_lost(repair_off):
    garbled = [_twice(p, "latin-1") for p in BODY]
    text = extract(_page(garbled), URL).text
    assert "We’ll" not in text and "café" not in text
