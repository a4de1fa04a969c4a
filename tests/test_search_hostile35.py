"""Hostile input, round 35 (session 40, host43): text a reader reads as plain words, written otherwise.

Fullwidth ASCII (``ＴＯＫＹＯ``, U+FF01-U+FF5E, common in Japanese and Chinese pages) and Arabic tatweel
(U+0640, the kashida stretching ``العـــربية``) are their plain letters to a reader and to a browser's
find-in-page, but FTS5's unicode61 tokenizer keeps them apart: ``archiver search tokyo`` and ``search
العربية`` found nothing. Now ``search_query.fold_marks`` writes them plainly in the ``alt`` column and in
the query. A WARC written with warcio, ``archiver import``, ``extract``, ``search``; fails before (0 hits).
"""
from __future__ import annotations

import pytest
from searchkit import hits, page_archive

from archiver.search_query import fold_marks, fts_query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = {
    "wide": "The ＴＯＫＹＯ bureau of ＮＨＫ reported the ｎｅｗ bridge opening today. " * 12,
    "arab": "كتبت الصحيفة العـــربية عن الجسر الجديد في المدينة اليوم. " * 12,
    "plain": "A plain page about the harbour bridge and the river. " * 12,
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return page_archive(tmp_path_factory.mktemp("search35"), PAGES)


@pytest.mark.parametrize("query,found", [("tokyo", ["wide"]), ("NHK new bridge", ["wide"]), ("ＴＯＫＹＯ", ["wide"]),
                                         ("العربية", ["arab"]), ("العـربية", ["arab"]), ("bridge", ["plain", "wide"])])
def test_fullwidth_and_tatweel_are_found_as_plain_letters(archive, query, found):
    assert hits(archive, query) == found


def test_the_fold_leaves_other_text_alone():
    assert fold_marks("Müller ＡＢＣ１２３！") == "Müller ABC123!"
    assert fold_marks("العـــربية") == "العربية"
    assert fold_marks("plain text") == "plain text"
    assert fts_query("ｔｏｋｙｏ") == '"tokyo"'
