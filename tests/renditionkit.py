"""The rendition sets' word-for-word check: each page of ``tests/fixtures/NAME/pages.tsv`` must
give its seed's expected clean text (``../shared/seeds/expected``), word for word.

    from renditionkit import SEEDS_FOUND, assert_word_for_word, rendition_pages

    @SEEDS_FOUND
    @pytest.mark.parametrize("page", rendition_pages("renditions8"), ids=page_id)
    def test_each_rendition_gives_the_seed_s_text_word_for_word(page):
        assert_word_for_word("renditions8", page)

or, the same test with the pages of kinds still open as strict xfails, and an ``extra.tsv``'s:

    test_each_rendition_gives_the_seed_s_text_word_for_word = word_for_word("renditions14", OPEN)
    test_each_extra_template_gives_the_seed_s_text_word_for_word = word_for_word("renditions14", OPEN_EXTRA,
                                                                                  "extra.tsv")

Also the invented ferry story (``URL``, ``HOST``, ``TITLE``, ``BODY``, ``ALT``) the sets from renditions11
on show their kinds on, each on a small page of its own.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from pathlib import Path

import pytest

from archiver.extraction import extract
from archiver.mhtml import MHTML_TYPES, archived_page
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
    """The page's clean text (title line and body, as ``clean/`` files hold it: the title line is
    ``Extraction.title_line``, the ``<h1>`` as shown when the page declares another title; until rend35 this
    read ``Extraction.title``, which differs from it on one page of sets 10-34 and their extras, renditions32's
    open ``firefox-feed`` extra, wrong either way) has the seed's words.
    A page served as an MHTML archive (its ``content_type`` one of ``archiver.mhtml.MHTML_TYPES``) is read as
    ``archiver extract`` reads it: the page it holds."""
    path = ROOT / "tests" / "fixtures" / name / page["path"]
    if (page.get("content_type") or "").split(";")[0].strip() in MHTML_TYPES:
        held = archived_page(path.read_bytes(), page["content_type"])
        assert held is not None, page["path"]
        result = extract(held[0], page["url"], content_type=held[1])
    else:
        result = extract(path.read_text(encoding=page["encoding"]), page["url"])
    expected = (SEEDS / "expected" / page["stored"]).read_text(encoding="utf-8")
    assert render_text(result.title_line, result.text or "").split() == expected.split()


def word_for_word(name: str, open_ids: Collection[str] = (), listing: str = "pages.tsv") -> Callable[..., None]:
    """The test that each page of ``tests/fixtures/NAME/LISTING`` gives its seed's text word for word
    (:func:`assert_word_for_word`), parametrized over the rows, skipped without the seeds: bind it to a
    ``test_...`` name in the set's test module. Ids: a page's site folder (:func:`page_id`) for
    ``pages.tsv``, its path for another listing (an ``extra.tsv``); a page whose id is in ``open_ids``
    (its kind still open, see the set's README) is a strict xfail, so a fixed page is taken off."""
    ids: Callable[[dict[str, str]], str] = page_id if listing == "pages.tsv" else (lambda p: p["path"])
    params = [pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="open kind")) if ids(p) in open_ids else p
              for p in rendition_pages(name, listing)]

    @SEEDS_FOUND
    @pytest.mark.parametrize("page", params, ids=ids)
    def test(page: dict[str, str]) -> None:
        assert_word_for_word(name, page)
    return test


# the invented story the kinds of renditions11 on are shown on, each on a small page of its own
URL = "https://www.harbourtown-gazette.example/2026/11/20/ferry-timetable-changes/"
HOST = "www.harbourtown-gazette.example"
TITLE = "Winter ferry timetable cuts the last crossing by an hour"
BODY = [f"Paragraph {i} of the ferry story says the winter timetable, agreed by the harbour board on Monday, "
        f"moves the last crossing from 23:00 to 22:00 and adds a {i}th early sailing on weekdays."
        for i in range(1, 7)]
ALT = "The last ferry of the night leaves the quay at ten"


def assert_story_body(html: str, rule: str) -> None:
    """``html``, a page of the ferry story, gives ``BODY`` as its paragraphs, and ``rule`` (a rule's or a
    stage's name in the page account) removed something from it."""
    result = extract(html, URL)
    assert list(result.paragraphs) == BODY and rule in {r.rule for r in result.removed}
