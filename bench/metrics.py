"""Scorers for the two extraction benchmarks, as their READMEs state them.

Pure functions only, so the unit tests can check them on hand-made cases and
both benchmark scripts share one definition.

* AEB (``../shared/benchmarks/aeb``): word tokens ``\\w+``, 4-token shingles
  counted as a multiset, per-page TP/FP/FN normalised to sum to one, precision
  and recall averaged over pages, F1 the harmonic mean of the two means,
  accuracy the share of pages whose token sequence equals the truth's.
* trafilatura-eval (``../shared/benchmarks/trafilatura-eval``): the
  whitespace-normalised output must contain every "with" snippet and no
  "without" snippet; counts pooled over pages.
* WCXB (``../shared/benchmarks/wcxb-article``): per page, lower-cased ``\\w+``
  words as a bag, F1 of the overlap with the truth's bag; the mean over pages.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter:
    """Multiset of n-token shingles; a text shorter than n tokens is one short shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class PageCounts:
    """Shared / predicted-only / truth-only shingles of one page, normalised to sum to 1."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """None when the page has nothing predicted (it then takes no part in precision)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """None when the page has no truth (it then takes no part in recall)."""
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


def page_counts(truth: str | None, predicted: str | None, n: int = SHINGLE_SIZE) -> PageCounts:
    t, p = shingles(truth, n), shingles(predicted, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class AebScore:
    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int


def aeb_score(pairs: Iterable[tuple[str | None, str | None]]) -> AebScore:
    """Score (truth, predicted) pairs with the AEB metric."""
    counts: list[PageCounts] = []
    exact: list[bool] = []
    for truth, predicted in pairs:
        counts.append(page_counts(truth, predicted))
        exact.append(tokens(truth) == tokens(predicted))
    if not counts:
        raise ValueError("no pages to score")
    precisions = [c.precision for c in counts if c.precision is not None]
    recalls = [c.recall for c in counts if c.recall is not None]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return AebScore(f1, p, r, sum(exact) / len(exact), len(counts))


# -- trafilatura-eval snippets -------------------------------------------------

@dataclass
class SnippetCounts:
    hits: int = 0
    misses: int = 0
    false_positives: int = 0
    true_negatives: int = 0
    pages: int = 0

    def __iadd__(self, other: SnippetCounts) -> SnippetCounts:
        self.hits += other.hits
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.true_negatives += other.true_negatives
        self.pages += other.pages
        return self

    @property
    def precision(self) -> float:
        found = self.hits + self.false_positives
        return self.hits / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.hits + self.misses
        return self.hits / wanted if wanted else 0.0

    @property
    def f(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.hits + self.misses + self.false_positives + self.true_negatives
        return (self.hits + self.true_negatives) / total if total else 0.0


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(predicted: str | None, with_: Sequence[str | None],
                   without: Sequence[str | None]) -> SnippetCounts:
    """Check one page's output against its snippets.

    An empty output (or a crash, passed as None) misses every "with" snippet
    and contains no "without" snippet.
    """
    wanted = [s for s in with_ if s is not None]
    unwanted = [s for s in without if s is not None]
    text = normalise_space(predicted or "")
    if not text:
        return SnippetCounts(0, len(wanted), 0, len(unwanted), 1)
    hits = sum(1 for s in wanted if s in text)
    fps = sum(1 for s in unwanted if s in text)
    return SnippetCounts(hits, len(wanted) - hits, fps, len(unwanted) - fps, 1)


def snippet_score(pages: Iterable[tuple[str | None, Sequence[str | None], Sequence[str | None]]]) -> SnippetCounts:
    """Pool snippet counts over (predicted, with, without) triples."""
    total = SnippetCounts()
    for predicted, with_, without in pages:
        total += snippet_counts(predicted, with_, without)
    return total


# -- WCXB word-F1 --------------------------------------------------------------

def word_f1(truth: str | None, predicted: str | None) -> float:
    """WCXB's page score: F1 of the overlap of lower-cased ``\\w+`` word bags.

    Both empty: 1.0 (nothing to find, nothing found); one empty: 0.0.
    Source: WCXB's README (``../shared/benchmarks/wcxb-article/README.md``).
    """
    t = Counter(w.lower() for w in tokens(truth))
    p = Counter(w.lower() for w in tokens(predicted))
    if not t and not p:
        return 1.0
    shared = sum((t & p).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(p.values()), shared / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def mean_word_f1(pairs: Iterable[tuple[str | None, str | None]]) -> float:
    """Mean of :func:`word_f1` over (truth, predicted) pairs; ValueError when there are none."""
    scores = [word_f1(t, p) for t, p in pairs]
    if not scores:
        raise ValueError("no pages to score")
    return statistics.fmean(scores)
