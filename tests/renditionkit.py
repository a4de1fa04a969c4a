"""The rendition sets' word-for-word check: each page of ``tests/fixtures/NAME/pages.tsv`` must
give its seed's expected clean text (``../shared/seeds/expected``), word for word.

    from renditionkit import SEEDS_FOUND, assert_word_for_word, rendition_pages

    @SEEDS_FOUND
    @pytest.mark.parametrize("page", rendition_pages("renditions8"), ids=page_id)
    def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
        assert_word_for_word("renditions8", page)
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from archiver.extraction import extract
from archiver.output import render_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next((up / "shared" / "seeds" for up in ROOT.parents if (up / "shared" / "seeds").is_dir()),
             ROOT.parent / "shared" / "seeds")
SEEDS_FOUND = pytest.mark.skipif(not (SEEDS / "expected").is_dir(), reason=f"seed texts not found at {SEEDS}")


def rendition_pages(name: str, listing: str = "pages.tsv") -> list[dict[str, str]]:
    """The rows of ``tests/fixtures/NAME/LISTING`` (``pages.tsv``, or a set's ``extra.tsv``): path, url,
    encoding, stored (the seed's file)."""
    with open(ROOT / "tests" / "fixtures" / name / listing, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def page_id(page: dict[str, str]) -> str:
    """A page's test id: its site folder."""
    return page["path"].split("/")[0]


def assert_word_for_word(name: str, page: dict[str, str]) -> None:
    """The page's clean text (title line and body, as ``clean/`` files hold it) has the seed's words."""
    html = (ROOT / "tests" / "fixtures" / name / page["path"]).read_text(encoding=page["encoding"])
    result = extract(html, page["url"])
    expected = (SEEDS / "expected" / page["stored"]).read_text(encoding="utf-8")
    assert render_text(result.title or "", result.text or "").split() == expected.split()
