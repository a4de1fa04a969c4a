"""A questions-and-answers section (FAQ) after the body that trafilatura leaves out (issue 11,
eighth session): accordions whose answers are hidden until clicked, ``<details>`` blocks, headed
questions. Invented site and text; no benchmark page copied.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from archiver.extraction import extract, faq
from archiver.extraction.faq import find_faq, restore_faq
from archiver.extraction.rules import rules_for

URL = "https://www.hollin-beekeepers.example/guides/first-hive"
TITLE = "Setting up your first beehive in a small garden"
TITLE_PATTERN = rules_for(None).faq

QUESTIONS = [
    ("How far from the house should a hive stand?",
     "Three metres is enough when the entrance faces away from paths, so the bees climb before they cross."),
    ("Do bees need a water source nearby?",
     "Yes, a shallow dish with stones lets them drink without drowning, and keeps them out of ponds next door."),
    ("When is the best month to start a colony?",
     "Late spring, once the apple blossom is out, gives a new colony a full summer of forage to build up stores."),
]


def body() -> str:
    return "".join(
        f"<p>Paragraph {i} of the guide explains how the hive stand, the frames and the smoker fit "
        f"together in a garden of a few square metres, step {i} of the set-up.</p>" for i in range(8))


def page(after_body: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{TITLE} | Hollin Beekeepers</title>"
            f"<meta property='og:title' content='{TITLE}'></head><body>"
            "<nav class='menu'><a href='/'>Home</a><a href='/faq'>FAQ</a><a href='/shop'>Shop</a></nav>"
            f"<main><article><h1>{TITLE}</h1><div class='entry-content'>{body()}</div>{after_body}</article></main>"
            "<footer><p>Hollin Beekeepers, a club for the keepers of the valley.</p></footer></body></html>")


def accordion() -> str:
    """Questions as buttons, answers in panels hidden until clicked."""
    items = "".join(
        f"<div class='accordion-item'><h3 class='accordion-header'><button type='button' aria-expanded='false'>"
        f"{q}</button></h3><div class='accordion-panel' style='display:none' aria-hidden='true'><p>{a}</p></div></div>"
        for q, a in QUESTIONS)
    return (f"<section class='faq-block'><h2>Frequently Asked Questions</h2>"
            f"<div class='accordion'>{items}</div></section>")


def details() -> str:
    items = "".join(f"<details class='faq-item'><summary>{q}</summary><div class='answer'><p>{a}</p></div></details>"
                    for q, a in QUESTIONS)
    return f"<div class='faq-section'><h2 class='faq-heading'>First hive FAQs</h2>{items}</div>"


def _in_order(text: str, parts: list[str]) -> bool:
    at = [text.find(p) for p in parts]
    return all(i >= 0 for i in at) and at == sorted(at)


def test_an_faq_accordion_after_the_body_is_put_back_in_place():
    for section in (accordion(), details()):
        text = extract(page(section), URL).text
        parts = ["Paragraph 7 of the guide", *[s for pair in QUESTIONS for s in pair]]
        assert _in_order(text, parts), section[:60]
        assert "Hollin Beekeepers, a club" not in text


def test_the_faq_stage_switched_off_loses_the_section(monkeypatch):
    # what the stage is for: without it the hidden answers and the questions stay out
    import archiver.extraction as ex
    monkeypatch.setattr(ex, "find_faq", lambda root, title: [])
    text = extract(page(accordion()), URL).text
    assert QUESTIONS[0][1] not in text


def test_a_menu_entry_or_a_list_of_questions_without_answers_is_no_faq():
    root = lxml_html.fromstring(
        "<html><body><div class='links'><h2>FAQ</h2><ul>"
        + "".join(f"<li><a href='/faq#{i}'>{q}</a></li>" for i, (q, _) in enumerate(QUESTIONS))
        + "</ul></div></body></html>")
    assert find_faq(root, TITLE_PATTERN) == []
    one = lxml_html.fromstring(f"<html><body><div><h2>FAQ</h2><h3>{QUESTIONS[0][0]}</h3><p>{QUESTIONS[0][1]}</p>"
                               "</div></body></html>")
    assert find_faq(one, TITLE_PATTERN) == []  # one answered question is not a section of them


def test_find_faq_reads_questions_answers_and_the_blocks_before():
    root = lxml_html.fromstring(f"<html><body><div class='entry'>{body()}</div>{details()}"
                                "<div class='related'><h2>More guides</h2>"
                                "<p>Winter feeding for small colonies.</p></div>"
                                "</body></html>")
    (found,) = find_faq(root, TITLE_PATTERN)
    assert found.title == "First hive FAQs"
    assert found.questions == tuple(q for q, _ in QUESTIONS)
    assert found.lines == ("First hive FAQs", *[s for pair in QUESTIONS for s in pair])
    assert found.before[0].startswith("Paragraph 7 of the guide")


def test_restore_faq_places_the_section_and_leaves_a_read_one_alone():
    root = lxml_html.fromstring(f"<html><body><div class='entry'>{body()}</div>{details()}</body></html>")
    sections = find_faq(root, TITLE_PATTERN)
    lines = [re.sub(r"\s+", " ", p.text_content()) for p in root.iter("p")][:8]
    out, added = restore_faq(lines, sections)
    assert out == [*lines, *sections[0].lines] and added == list(sections[0].lines)
    # trafilatura kept one answer: it read the section, so nothing is added
    kept = [*lines, QUESTIONS[1][1]]
    assert restore_faq(kept, sections) == (kept, [])
    # no kept line before it (a sidebar ahead of the article): it stays out
    assert restore_faq(["Some other line entirely."], sections) == (["Some other line entirely."], [])
    # the title kept alone: the questions and answers follow it
    titled = [*lines, "First hive FAQs"]
    assert restore_faq(titled, sections)[0] == [*titled, *sections[0].lines[1:]]


def test_titles_need_the_word_and_no_question_mark():
    assert TITLE_PATTERN.search("Remodelling FAQs") and TITLE_PATTERN.search("Häufig gestellte Fragen")
    assert not TITLE_PATTERN.search("Faqtory opening hours")
    root = lxml_html.fromstring(
        "<html><body><div><h2>What is an FAQ?</h2>"
        + "".join(f"<h3>{q}</h3><p>{a}</p>" for q, a in QUESTIONS) + "</div></body></html>")
    assert find_faq(root, TITLE_PATTERN) == []
    assert faq.MIN_PAIRS == 2


def _long_faq() -> str:
    """A questions box as long as the article beside it: twelve questions with full answers."""
    items = "".join(
        f"<details class='faq-item'><summary>What does question {i} about hives ask?</summary><div class='answer'>"
        f"<p>Answer {i} explains the smoker, the frames, the queen excluder and the feeder in plain words, with "
        f"the months to check each of them and what to do when the colony grows too fast for its box.</p>"
        f"</div></details>" for i in range(12))
    return f"<div class='faq-section'><h2 class='faq-heading'>Hive FAQs</h2>{items}</div>"


def test_a_questions_box_larger_than_a_quarter_of_the_text_stays_out(monkeypatch):
    text = extract(page(_long_faq()), URL).text
    assert "Paragraph 7 of the guide" in text
    assert "What does question 0 about hives ask?" not in text
    monkeypatch.setattr(faq, "MAX_SHARE", 0)  # the guard off: any size is put back
    assert "What does question 0 about hives ask?" in extract(page(_long_faq()), URL).text
