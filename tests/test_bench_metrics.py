"""The benchmark scorers on small hand-made cases, worked out by hand."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.metrics import (  # noqa: E402
    aeb_score,
    page_counts,
    shingles,
    snippet_counts,
    snippet_score,
    tokens,
)


def test_tokens_are_word_runs_in_any_script():
    assert tokens("Hello, world! Grüße — Привет 2019") == ["Hello", "world", "Grüße", "Привет", "2019"]
    assert tokens(None) == []


def test_shingles_are_a_multiset_of_four_tokens():
    s = shingles("a b c d a b c d")
    assert s[("a", "b", "c", "d")] == 2
    assert sum(s.values()) == 5


def test_short_text_is_one_short_shingle():
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles("") == {}


def test_page_counts_are_normalised():
    truth = "one two three four five six"  # 3 shingles
    pred = "one two three four five seven"  # 3 shingles, 2 shared
    c = page_counts(truth, pred)
    assert (c.tp, c.fp, c.fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)


def test_repeated_shingles_count_once_per_occurrence():
    truth = "a b c d"
    pred = "a b c d. a b c d"  # the paragraph twice: one shingle too many
    c = page_counts(truth, pred)
    # pred shingles: abcd, bcda, cdab, dabc, abcd -> tp 1, fp 4, fn 0
    assert (c.tp, c.fp, c.fn) == pytest.approx((1 / 5, 4 / 5, 0))
    assert c.recall == 1.0


def test_perfect_and_empty_pages():
    perfect = page_counts("same words in the same order", "Same, words in the same order!".replace("Same", "same"))
    assert perfect.precision == perfect.recall == 1.0
    both_empty = page_counts("", "")
    assert both_empty.precision == both_empty.recall == 1.0
    nothing_predicted = page_counts("some true text here now", "")
    assert nothing_predicted.precision is None  # takes no part in precision
    assert nothing_predicted.recall == 0.0


def test_aeb_score_averages_pages_then_takes_harmonic_mean():
    pages = [
        ("a b c d e", "a b c d e"),  # p 1, r 1, exact
        ("a b c d e f", "a b c d x y"),  # truth abcd bcde cdef; pred abcd bcdx cdxy: p 1/3, r 1/3
        ("a b c d e", "x y z w a b c d e"),  # pred 6 shingles, 2 shared: p 2/6, r 1
    ]
    s = aeb_score(pages)
    p = (1 + 1 / 3 + 1 / 3) / 3
    r = (1 + 1 / 3 + 1) / 3
    assert s.precision == pytest.approx(p)
    assert s.recall == pytest.approx(r)
    assert s.f1 == pytest.approx(2 * p * r / (p + r))
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.pages == 3


def test_aeb_score_page_with_no_output_lowers_recall_only():
    s = aeb_score([("a b c d e", "a b c d e"), ("a b c d e", None)])
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.5)


def test_accuracy_ignores_punctuation_and_spacing():
    s = aeb_score([("Hello,  world.\n\nBye", "Hello world Bye")])
    assert s.accuracy == 1.0


def test_snippets_hit_miss_and_false_positive():
    text = "First line of the\n  article.\n\nShare this\tpage"
    c = snippet_counts(text, ["line of the article", "missing bit"], ["Share this page", "Impressum"])
    assert (c.hits, c.misses, c.false_positives, c.true_negatives) == (1, 1, 1, 1)


def test_snippet_trailing_space_needs_a_following_word():
    assert snippet_counts("Ein grauer Wintermorgen kam", ["Ein grauer Wintermorgen "], []).hits == 1
    assert snippet_counts("Ein grauer Wintermorgen", ["Ein grauer Wintermorgen "], []).hits == 0


def test_empty_output_misses_everything_and_has_no_false_positive():
    for out in (None, "", "   \n"):
        c = snippet_counts(out, ["a", "b", None], ["c"])
        assert (c.hits, c.misses, c.false_positives, c.true_negatives) == (0, 2, 0, 1)


def test_snippet_score_pools_counts():
    total = snippet_score([
        ("alpha beta", ["alpha"], ["beta"]),  # 1 hit, 1 fp
        ("gamma", ["gamma", "delta"], ["zeta"]),  # 1 hit, 1 miss, 1 tn
    ])
    assert (total.hits, total.misses, total.false_positives, total.pages) == (2, 1, 1, 2)
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 3)
    assert total.f == pytest.approx(2 / 3)


def test_word_f1_is_a_bag_of_lower_cased_words():
    from bench.metrics import mean_word_f1, word_f1
    assert word_f1("The cat sat", "the CAT sat") == 1.0
    # truth 4 words, predicted 2 of them plus 2 others: P = R = 1/2
    assert word_f1("a b c d", "a b x y") == pytest.approx(0.5)
    assert word_f1("a a b", "a") == pytest.approx(2 * 1 * (1 / 3) / (1 + 1 / 3))
    assert word_f1("a", None) == 0.0 and word_f1("", "") == 1.0
    assert mean_word_f1([("a", "a"), ("a", "b")]) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        mean_word_f1([])
