"""A text repeating one word a hundred thousand times aligns in linear work (host12's 1 MB headline).

SequenceMatcher without autojunk pairs every occurrence of a token in one text with every one in the
other; above ``align.MAX_PAIRS`` pairs difflib's autojunk heuristic is used, and the change is still found.
"""

from __future__ import annotations

from archiver.diff import align
from archiver.diff.normalize import document

ARTICLE = ("The county reopened the swing bridge over the canal on Monday, after eight months of work on the deck. "
           "Engineers replaced the timber with steel plates, and the bakery by the lock said trade had fallen by a third. ")


def test_an_article_s_token_pairs_stay_under_the_cap():
    doc = document(ARTICLE * 40)  # some 1,500 words, "the" many times
    assert align.token_pairs(doc.keys, doc.keys) < align.MAX_PAIRS


def test_a_word_repeated_a_hundred_thousand_times_is_aligned_and_the_edit_found():
    flood = "spam " * 100_000
    old = document(f"Headline {flood}\n\n{ARTICLE}")
    new = document(f"Headline {flood}\n\n{ARTICLE.replace('eight months', 'nine months')}")
    assert align.token_pairs(old.keys, new.keys) > align.MAX_PAIRS
    changed = [op for op in align.opcodes(old, new) if op[0] != "equal"]
    assert len(changed) == 1 and old.span(changed[0][1], changed[0][2]) == "eight"
    assert new.span(changed[0][3], changed[0][4]) == "nine"
