"""``plaintext.extract_text``: a text/plain story's title and paragraphs (review of host7's reader)."""

from __future__ import annotations

from archiver.extraction.plaintext import extract_text


def _read(text: str):
    return extract_text(text.encode("utf-8"), "http://127.0.0.1/story.txt", "text/plain; charset=utf-8")


def test_a_wrap_inside_chinese_or_japanese_adds_no_space() -> None:
    got = _read("港口新闻\n\n公园里有很多\n人在跑步。今天天气\n很好。\n\nThe port closed on Monday after\nthe storm.\n")
    assert got.title == "港口新闻"
    assert got.paragraphs == ("公园里有很多人在跑步。今天天气很好。", "The port closed on Monday after the storm.")


def test_a_greeting_or_a_question_is_no_title() -> None:
    for first in ("Hello there!", "Why did the port close?", "Dear readers:"):
        got = _read(f"{first}\n\nThe port closed on Monday after the storm.\n")
        assert got.title == "" and got.paragraphs[0] == first


def test_a_file_without_blank_lines_is_one_paragraph_a_sentence_line() -> None:
    got = _read("Storm closes port\nThe port closed on Monday.\nShips waited outside for two days.\n"
                "The harbour master said it would reopen soon.\n")
    assert got.paragraphs == ("Storm closes port", "The port closed on Monday.", "Ships waited outside for two days.",
                              "The harbour master said it would reopen soon.")


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    got = _read("Storm closes port\n\nThe port closed on Monday after the storm, and the ships\n"
                "waited outside for two days while the harbour master\ninspected the quay walls.\n")
    assert got.title == "Storm closes port"
    assert got.paragraphs == ("The port closed on Monday after the storm, and the ships waited outside for two days "
                              "while the harbour master inspected the quay walls.",)
