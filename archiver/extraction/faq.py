"""Stage 2e: keep a questions-and-answers section (an FAQ) that trafilatura left out.

Guides and product pages close with a section of questions and answers ("FAQs",
"Frequently Asked Questions about ...", in the rules data: ``"faq"``). It is
article text, but it is laid out as an accordion: each question a ``<button>``,
``<summary>`` or heading, each answer in a panel hidden until the question is
clicked (``display: none``, ``aria-hidden``, a closed ``<details>``), in a
container of its own after the body. trafilatura, having chosen the body
container, never sees it (or drops the questions as link-dense or the panel as
hidden), and the DOM stage's hidden-element rule takes the answers. So it is
found here before the DOM stage, and put back after trafilatura when the text
holds none of its questions.

A section is taken only when every signal agrees:

- title: a heading (``<h2>``-``<h6>``) of at most ``MAX_TITLE`` characters whose
  text names the section (the ``faq`` pattern) and does not itself end in a
  question mark;
- shape: after the title, within a container at most ``MAX_UP`` levels above
  it, at least ``MIN_PAIRS`` questions (lines ending in ``?``, 2 to
  ``MAX_QUESTION_WORDS`` words) each followed by an answer of at least
  ``MIN_ANSWER_WORDS`` words, at most ``MAX_INTRO`` lines between the title and
  the first question, the section ending at the next heading that is not a
  question; a menu entry "FAQ" has no answers and is never taken;
- size: it adds at most ``MAX_SHARE`` of the text's words, or at most
  ``SHARE_FROM_WORDS`` words (a larger one is a block of its own beside a shorter
  article, not the article's closing questions);
- place: it is put back right after the kept line nearest before it on the
  page (the title's line when trafilatura kept the title alone); a section
  with no kept line before it (a sidebar before the article) stays out, and so
  does one of which trafilatura kept any question or answer (then it read the
  section, and ``gaps`` judges what it skipped).

The paragraph rules run after this stage, so a promo line inside an answer still
meets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gaps import line_positions
from .sections import HEADINGS, blocks_before, inside, section_lines, titled_sections

__all__ = ["Faq", "find_faq", "restore_faq", "MIN_PAIRS"]

MAX_TITLE = 120
MAX_UP = 4
MIN_PAIRS = 2
MAX_QUESTION_WORDS = 30
MIN_ANSWER_WORDS = 6
MAX_INTRO = 2
MAX_LINES = 80
ANCHORS = 40  # block texts before the section remembered to place it
# An FAQ trafilatura left out that would add more than this share of the text's words is not put
# back: on WCXB (dev and test) the sections left out whole that are article text added 5-19% of
# the words, while those of 28-44% were a block of their own next to a shorter article (a site's
# questions box, which the benchmark's truth leaves out); 0 puts back any size.
MAX_SHARE = 0.25
SHARE_FROM_WORDS = 150  # a few short questions (up to this many words) always go back, beside any text

_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class Faq:
    title: str
    lines: tuple[str, ...]  # the title, any intro, then each question and its answer lines
    questions: tuple[str, ...]
    before: tuple[str, ...]  # texts of the blocks before the section, nearest first


def _is_question(text: str) -> bool:
    return bool(_QUESTION.search(text)) and 2 <= len(text.split()) <= MAX_QUESTION_WORDS


def _pairs(lines: list[tuple[str, object]]) -> tuple[list[str], list[str]] | None:
    """The section's lines up to its last answered question, and its questions; None when it
    holds fewer than MIN_PAIRS answered questions or more than MAX_INTRO lines before the first."""
    kept: list[str] = []
    questions: list[str] = []
    answered = 0
    answer_words = 0
    end = 0  # lines up to the last answered question's answer
    for text, el in lines:
        heading = getattr(el, "tag", None) in HEADINGS
        if _is_question(text):
            if questions and answer_words >= MIN_ANSWER_WORDS:
                answered += 1
                end = len(kept)
            questions.append(text)
            answer_words = 0
        elif not questions:
            if heading or len(kept) >= MAX_INTRO:
                return None
        elif heading:
            break  # the next section
        else:
            answer_words += len(text.split())
        kept.append(text)
    if questions and answer_words >= MIN_ANSWER_WORDS:
        answered += 1
        end = len(kept)
    if answered < MIN_PAIRS:
        return None
    kept = kept[:end]
    return kept, [q for q in questions if q in kept]


def find_faq(root, title: re.Pattern[str] | None) -> list[Faq]:
    """The questions-and-answers sections of the page (see the module's text), in page order.

    ``title`` is the rules' ``faq`` pattern (None: none are looked for). Only headings
    (``<h2>``-``<h6>``) are read as titles: a walk over them is cheap (about a quarter of a
    millisecond a page), one over every element's text is not."""
    if title is None:
        return []
    found: list[Faq] = []
    seen: list = []  # sections found: a heading inside one is one of its questions
    search = title.search
    for text, head, top, (lines, questions) in titled_sections(
            root, MAX_TITLE, search, lambda text: not _is_question(text) and search(text),
            lambda top, head: _pairs(section_lines(top, head, MAX_LINES)), MAX_UP,
            skip=lambda head: any(head is s or inside(head, s) for s in seen)):
        seen.append(top)
        found.append(Faq(text, (text, *lines), tuple(questions), blocks_before(root, head, ANCHORS)))
    return found


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def restore_faq(lines: list[str], sections: list[Faq]) -> tuple[list[str], list[str]]:
    """``lines`` with each section whose questions the text lacks put back in place, and the
    lines put back. Returns new lists; ``lines`` is not changed."""
    out = list(lines)
    added: list[str] = []
    for faq in sections:
        position = line_positions(out)
        if any(t in position for t in faq.lines[1:]):
            continue  # trafilatura kept some of it: not a section left out whole
        new = list(faq.lines)
        at = position.get(faq.title)
        if at is not None:
            new = new[1:]  # the title kept alone
        else:
            at = next((position[t] for t in faq.before if t in position), None)
            if at is None:
                continue
        size = _words(new)
        if MAX_SHARE and size > SHARE_FROM_WORDS and size > MAX_SHARE * _words(out):
            continue  # more than the text's closing questions: a block of its own (see MAX_SHARE)
        out[at + 1:at + 1] = new
        added += new
    return out, added
