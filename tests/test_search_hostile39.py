"""Hostile input, round 39 (session 44, host47): compatibility characters in a page's words, for search.

A ligature left in text copied from a typeset PDF (``ﬁnance``, ``o\\ufb03ce``), the "bold" letters of Unicode's
mathematical alphanumeric block that "fancy text" generators write for social posts (``𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠``), subscript
and superscript digits (``CO₂``, ``km²``) and halfwidth katakana (``ﾆｭｰｽ``) are plain letters and digits to a
reader and to a browser's find-in-page, but FTS5's unicode61 tokenizer keeps them as written: ``finance``,
``breaking``, ``co2`` and ``ニュース`` found nothing. Now ``search_query.fold_marks`` writes them as their NFKC form
in the query and the ``alt`` column (``search_query.COMPAT_CHARS``; ``search.ALT_VERSION`` 4 remakes the alt
column of a catalog indexed before, once). A WARC written with warcio, ``archiver import``, ``extract``,
``search``; the tests of words written in the compatibility forms fail with the switch off (0 hits).
"""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from searchkit import hits, page_archive

from archiver import search, search_query
from archiver.search_query import fold_marks, fts_query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = {
    "lig": "The o\ufb03ce of \ufb01nance \ufb02oated a new e\ufb00ort on the harbour. " * 12,
    "math": "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 𝐧𝐞𝐰𝐬: the 𝘩𝘢𝘳𝘣𝘰𝘶𝘳 closed after the storm today. " * 12,
    "sub": "CO₂ emissions rose while H₂O levels and km² counts held steady in the region. " * 12,
    "kana": "ﾆｭｰｽ の 記事 が 出た 今日 港 で 話題 に なった. " * 12,
    "nbsp": "A page with\u00a0no-break\u00a0spaces and an ellipsis… about the quay. " * 12,
    "plain": "A plain page about the harbour bridge, the finance office and the news. " * 12,
    # mend55 (review53's finding 6): a superscript after a number, the ordinal indicators and the numero sign
    "power": "The answer is 2⁵ which the teacher wrote on the board near the window today. " * 8,
    "ord": "El piso 1º y la casa Nº 7 están junto al puerto de la ciudad hoy. " * 8,
    "foot": "The minister said in 2019³ that the museum would open. " * 8,
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return page_archive(tmp_path_factory.mktemp("search39"), PAGES)


@pytest.mark.parametrize("query,found", [
    ("finance", ["lig", "plain"]), ("office", ["lig", "plain"]), ("effort", ["lig"]), ("floated", ["lig"]),
    ("breaking", ["math"]), ("harbour", ["lig", "math", "plain"]),
    ("co2", ["sub"]), ("km2", ["sub"]), ("h2o", ["sub"]),
    ("ニュース", ["kana"]),
    ("\ufb01nance", ["lig", "plain"]), ("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠", ["math"]),  # typed (pasted) in the compatibility form
])
def test_compatibility_characters_are_their_plain_letters(archive, query, found):
    assert hits(archive, query) == found


@pytest.mark.parametrize("query,found", [("ﾆｭｰｽ", ["kana"]), ("quay", ["nbsp"]), ("no-break", ["nbsp"]),
                                         ("bridge", ["plain"])])
def test_words_written_plainly_are_found_as_before(archive, query, found):
    assert hits(archive, query) == found


def test_the_snippet_marks_the_pages_own_word(archive):
    from sitekit import run_archiver

    out = run_archiver("search", "breaking", "--db", archive / "c.db", "--clean", archive / "clean",
                       cwd=archive, timeout=120)
    assert "[𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠]" in out.stdout, out.stdout + out.stderr


def test_a_text_whose_words_nfkc_leaves_alone_gets_no_alt_column(archive):
    with sqlite3.connect(archive / "c.db") as conn:
        alts = dict(conn.execute("SELECT title, alt IS NOT NULL FROM search_text").fetchall())
    assert alts == {"lig": 1, "math": 1, "sub": 1, "kana": 1, "nbsp": 0, "plain": 0, "power": 1, "ord": 0,
                    "foot": 1}, alts


def test_the_fold():
    assert fold_marks("o\ufb03ce \ufb01nance CO₂ km² ｶﾅ") == "office finance CO2 km2 カナ"
    assert fts_query("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠") == '"Breaking"'
    assert fold_marks("no\u00a0break…") == "no\u00a0break…"  # words unchanged: the text as it was
    assert fold_marks("plain text") == "plain text"
    assert fold_marks("2⁵ 2019³ 10²³ CO₂ H₂O km² Nº 7 1º 2ª") == "2 5 2019 3 10 23 CO2 H2O km2 Nº 7 1º 2ª"


@pytest.mark.parametrize("query,found", [
    ("25", []), ("20193", []), ("no", ["nbsp"]), ("1o", []), ("2a", []),  # not the pages with 2⁵, 2019³, Nº
    ("2019", ["foot"]), ("2⁵", ["power"]), ("1º", ["ord"]), ("nº", ["ord"]), ("puerto", ["ord"]),
])
def test_a_superscript_after_a_number_and_an_ordinal_sign_are_words_of_their_own(archive, query, found):
    """mend55 (review53): ``2⁵`` folded to ``25`` and ``2019³`` to ``20193``, ``Nº`` to ``No`` and ``1º`` to ``1o``,
    so "25", "20193", "no" and "1o" found pages that hold no such number or word."""
    assert hits(archive, query) == found


def test_a_catalog_folded_by_alt_version_4_is_mended(archive, tmp_path):
    """A catalog whose alt column joined ``2⁵`` into ``25`` (ALT_VERSION 4, the plain NFKC form) is made again."""
    import unicodedata

    root = tmp_path / "v4"
    shutil.copytree(archive, root, ignore=shutil.ignore_patterns("c.db*"))  # the catalog by SQLite's backup:
    with sqlite3.connect(archive / "c.db") as src, sqlite3.connect(root / "c.db") as dst:  # its WAL comes and goes
        src.backup(dst)
    with sqlite3.connect(root / "c.db") as conn:
        for rowid, title, body in conn.execute("SELECT rowid, title, body FROM search_text").fetchall():
            conn.execute("UPDATE search_text SET alt = ? WHERE rowid = ?",
                         (unicodedata.normalize("NFKC", title + "\n" + body), rowid))
        conn.execute("DELETE FROM search_alt_mended")
        conn.execute("INSERT INTO search_alt_mended (mended, version) VALUES (0, 4)")
    assert search.ALT_VERSION > 4
    assert hits(root, "25") == [] and hits(root, "no") == ["nbsp"]
    assert hits(root, "co2") == ["sub"]


def test_a_catalog_indexed_before_is_mended_once(archive, tmp_path, monkeypatch):
    """A catalog at ALT_VERSION 3 (its alt column made without the NFKC form) is mended at the next search."""
    root = tmp_path / "old"
    shutil.copytree(archive, root)
    monkeypatch.setattr(search_query, "COMPAT_CHARS", False)
    with sqlite3.connect(root / "c.db") as conn:
        for rowid, title, body in conn.execute("SELECT rowid, title, body FROM search_text").fetchall():
            conn.execute("UPDATE search_text SET alt = ? WHERE rowid = ?", (search.alt_text(title, body), rowid))
        conn.execute("DELETE FROM search_alt_mended")
        conn.execute("INSERT INTO search_alt_mended (mended, version) VALUES (0, 3)")
    monkeypatch.setattr(search_query, "COMPAT_CHARS", True)
    assert hits(root, "breaking") == ["math"]
    with sqlite3.connect(root / "c.db") as conn:
        marks = conn.execute("SELECT mended, version FROM search_alt_mended ORDER BY rowid").fetchall()
    assert marks == [(0, 3), (6, search.ALT_VERSION)], marks  # lig, math, sub, kana, power and foot
    assert hits(root, "co2") == ["sub"]
    with sqlite3.connect(root / "c.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM search_alt_mended").fetchone()[0] == 2  # not mended again
