"""The page account's invariant on every page of the three benchmark sets in ../shared/benchmarks:
the words of the article plus the removed blocks cover the page's words, at most 1% left in
neither on any page (``bench/page_account.py`` defines page words and prints the figures).

Each set is split into chunks of pages so no single test runs long on a busy machine; the
pages are read from ../shared at run time and skipped with a reason when it is absent.
"""
from __future__ import annotations

import pytest

from bench.page_account import SETS, SHARED, coverage, pages

CHUNK = 200
GOAL = 0.01  # share of a page's words in neither the article nor the account


def _chunks() -> list[tuple[str, int]]:
    found = []
    for name in SETS:
        folder = SHARED / "benchmarks" / name / "html"
        count = len(list(folder.iterdir())) if folder.is_dir() else 0
        found += [(name, start) for start in range(0, max(count, 1), CHUNK)]
    return found


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("name, start", _chunks(), ids=lambda v: str(v))
def test_article_and_account_cover_every_page(name, start):
    if not (SHARED / "benchmarks" / name).is_dir():
        pytest.skip(f"{SHARED / 'benchmarks' / name} is absent: the benchmark pages live there")
    checked, over = 0, []
    for page in pages(SHARED, name, limit=CHUNK, start=start):
        cov = coverage(page)
        checked += 1
        if cov.share > GOAL:
            over.append((page.key, round(100 * cov.share, 2), cov.missing))
    assert checked, (name, start)
    assert not over, over
