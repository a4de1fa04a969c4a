"""Hostile input, round 36 (session 41, host44): format characters inside words, for search.

Unicode's word boundaries (UAX #29, rule WB4) read a soft hyphen, a word joiner, the bidi marks and the
zero-width (non-)joiner as no break inside a word, but FTS5's unicode61 tokenizer splits a word at each
of them. A Persian word spelt with its half-space (``می‌شود``, ZWNJ) was indexed as two words, so the
same word typed without it (``میشود``, as most Persian keyboards and readers write it) found nothing; a
word copied from a browser with its soft hyphens (``infor\\u00admation``, a hyphenation script's page) or a
right-to-left mark was searched as two words, and the page, whose text archiver writes without them, was
not found. Now ``search_query.fold_marks`` drops these characters in the query and in the ``alt`` column.
A WARC written with warcio, ``archiver import``, ``extract``, ``search``; fails before (0 hits).
"""
from __future__ import annotations

import pytest
from searchkit import hits, page_archive

from archiver.search_query import fold_marks, fts_query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = {
    "fa": "این کتاب‌ها در کتابخانه پیدا می‌شود و خوانندگان آن را دوست دارند. " * 12,
    "ml": "കേരളത്തിലെ പുതിയ പാലം ഉദ്ഘാടനം ചെയ്‍തു എന്ന് റിപ്പോർട്ട്. " * 12,
    "shy": "The infor&shy;mation office of the har&shy;bour board opened a new bridge today. " * 12,
    "plain": "A plain page about the harbour bridge and the river. " * 12,
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return page_archive(tmp_path_factory.mktemp("search36"), PAGES)


@pytest.mark.parametrize("query,found", [
    ("میشود", ["fa"]), ("می\u200cشود", ["fa"]), ("کتابها", ["fa"]),          # typed without, or with, the ZWNJ
    ("ചെയ്തു", ["ml"]),                                                    # a chillu's ZWJ not typed
    ("infor\u00admation", ["shy"]), ("information", ["shy"]),              # pasted with its soft hyphen
    ("har\u2060bour", ["plain", "shy"]), ("\u200fbridge\u200e", ["plain", "shy"]), ("bri\u200fdge", ["plain", "shy"]),
])
def test_format_characters_do_not_split_a_word(archive, query, found):
    assert hits(archive, query) == found


def test_the_fold_drops_only_format_characters():
    assert fold_marks("infor\u00admation ri\u200bver a\u2060b \u200fשלום\u200e") == "information river ab שלום"
    assert fold_marks("می\u200cشود") == "میشود"
    assert fts_query("infor\u00admation") == '"information"'
    assert fold_marks("plain text") == "plain text"
