"""Hostile input, round 35 (session 40, host43): a text of 100,000 ``<br>``-lines, left open by round 34
(about 5.5 s of CPU on a loaded machine: the paragraph rules' screen tried some ninety rules a line, and
the gap finder walked every ``<br>``'s ancestors).

``Screen.for_page`` keeps, for a text of over ``screen.PAGE_PRUNE`` paragraphs, only the rules one of whose
literal texts (``Shape.needs``) the text holds; ``gaps.cut_blocks`` stops each ``<br>``'s walk up at an
ancestor already walked; ``misnamed._large_child`` takes the text between children off what is left.
Each is exact: the tests compare the answers with the step off (``PAGE_PRUNE = 0``, the old walk) and
fail without the step (no ``for_page``; a screen keeping every rule).
"""
from __future__ import annotations

import random

import pytest
from lxml import html
from test_extract_hostile33 import br_page

from archiver.extraction import extract, gaps, screen
from archiver.extraction.paragraphs import clean_paragraphs
from archiver.extraction.rules import rules_for

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# lines the paragraph rules take (boilerplate of many kinds), mixed into a long text of counter lines
BOILERPLATE = ["Share this:", "Like this:", "Read more", "Advertisement", "Related articles", "Loading...",
               "Updated 12:30 pm ET", "Photo: Reuters", "Continue reading", "Listen to this article",
               "Sign up for our newsletter", "Follow us on Twitter", "Comments", "Print this page",
               "Reading time: 4 minutes", "Leave a comment", "Click here to subscribe", "© 2024 The Times",
               "Posted by admin at 10:15", "Tags: news, politics", "Image credit: Getty Images",
               "Πηγή: ΑΠΕ", "Quelle: dpa", "Fuente: EFE", "Lesen Sie auch", "Lee también", "LIRE AUSSI"]


def long_text(seed: int, n: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    lines = [f"line {i} of the story" for i in range(n)]
    for line in rnd.sample(BOILERPLATE, 12):
        lines.insert(rnd.randrange(len(lines)), line)
    return lines


def test_a_counter_text_keeps_few_rules_and_every_rule_that_matches():
    rules = rules_for("127.0.35.3")
    full = screen.screen_for(rules.paragraphs)
    counter = [f"line {i} of the story" for i in range(100_000)]
    assert len(full.for_page(counter).rules) < 20 < len(rules.paragraphs)
    for seed in range(4):
        lines = long_text(seed)
        page = full.for_page(lines)
        kept = set(page.rules)
        matching = {rule for rule in rules.paragraphs for line in lines if rule.pattern.search(line)}
        assert len(matching) >= 5, [r.name for r in matching]
        assert matching <= kept, [r.name for r in matching - kept]
        for i, line in enumerate(lines, 1):  # never a "no" where a rule matches
            if full.may_match(line, i, len(lines)) and any(r.pattern.search(line) for r in rules.paragraphs):
                assert page.may_match(line, i, len(lines)), line


def test_the_paragraph_stage_reads_the_same_with_the_page_screen(monkeypatch):
    rules = rules_for("127.0.35.3")
    for seed in range(3):
        lines = long_text(seed)
        got = clean_paragraphs(lines, rules)
        monkeypatch.setattr(screen, "PAGE_PRUNE", 0)
        assert clean_paragraphs(lines, rules) == got
        monkeypatch.undo()
        assert len(got[0]) < len(lines)  # some boilerplate went


def test_the_page_text_finds_literals_across_digit_runs_and_folded_letters():
    text = screen._PageText([f"row {i} KELVIN \u212a SIGMA ΟΔΟΣ" for i in range(50)] + ["tail 7x9"])
    assert text.may_hold(("row 4", "nothing"), False) and text.may_hold(("7x9",), False)
    assert text.may_hold(("row ",), False) and not text.may_hold(("row x",), False)
    assert text.may_hold(("kelvin k",), True) and not text.may_hold(("kelvin k",), False)
    assert text.may_hold(("οδος",), True) and not text.may_hold(("row 50",), False)
    assert text.may_hold((), False)


def test_cut_blocks_is_the_old_walk_on_random_trees():
    def old(root):
        return {anc for br in root.iter("br") for anc in br.iterancestors(*gaps._BLOCKS)}

    tags = ["p", "div", "li", "ul", "h2", "span", "b", "br", "section"]
    for seed in range(150):
        rnd = random.Random(seed)

        def build(depth: int, rnd: random.Random = rnd) -> str:
            if depth > 5:
                return "x"
            return "".join(f"<{t}>{build(depth + 1, rnd)}</{t}>" if t != "br" else "<br>y"
                           for t in rnd.choices(tags, k=rnd.randint(0, 4)))

        root = html.fromstring("<html><body>" + build(0) + "</body></html>")
        assert gaps.cut_blocks(root) == old(root), seed


def test_100000_br_lines_extract_whole():
    got = extract(br_page(100_000), "http://127.0.35.3/lines")
    assert got.error is None
    lines = [line for line in got.text.split("\n") if line]
    assert lines[0] == "line 0 of the story" and lines[-2] == "line 99999 of the story"
    assert lines[-1] == "The last words of the lined story." and len(lines) == 100_001
