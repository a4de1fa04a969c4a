"""A catalog an archiver before round 35 indexed, searched after the upgrade (review 41).

Round 35 folds a query's fullwidth ASCII (``ＴＯＫＹＯ`` -> ``TOKYO``) and Arabic tatweel (``العـــربية`` ->
``العربية``), and writes pages holding them folded in the ``alt`` column. A catalog indexed before keeps, for
those pages, no folded form (alt NULL) and a ``search_alt_mended`` row saying its one-time mend was done: the
mend did not run again, and ``archiver search ＴＯＫＹＯ`` went from 1 hit before the upgrade to 0 after. Now
the mend is versioned (``search.ALT_VERSION``) and runs once more on such a catalog; a catalog that cannot be
written (not mended) is asked for the words both folded and as typed.

The old state is written as f3d2a2e (the commit before round 35) leaves it, checked against a run of that code:
the alt column as its ``alt_text`` made it (``search_query.WIDE_AND_TATWEEL`` off: fullwidth and tatweel as
written; NULL for these pages) and ``search_alt_mended (mended INTEGER)`` holding one row, 0.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from searchkit import page_archive
from sitekit import run_archiver

from archiver import search, search_query

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = {
    "wide": "The ＴＯＫＹＯ bureau of ＮＨＫ reported the ｎｅｗ bridge opening today. " * 12,
    "arab": "كتبت الصحيفة العـــربية عن الجسر الجديد في المدينة اليوم. " * 12,
    "plain": "A plain page about the harbour bridge and the river. " * 12,
}
QUERIES = [("ＴＯＫＹＯ", ["wide"]), ("tokyo", ["wide"]), ("العـــربية", ["arab"]), ("العربية", ["arab"]),
           ("bridge", ["plain", "wide"])]


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    return page_archive(tmp_path_factory.mktemp("altup"), PAGES)


@pytest.fixture
def old(made, tmp_path, monkeypatch) -> Path:
    """A copy of the catalog with its index as the archiver before round 35 left it after a search."""
    root = tmp_path / "old"
    shutil.copytree(made, root)
    monkeypatch.setattr(search_query, "WIDE_AND_TATWEEL", False)  # the fold as it was before round 35
    monkeypatch.setattr(search_query, "COMPAT_CHARS", False)  # (round 39's NFKC folds fullwidth ASCII too)
    with sqlite3.connect(root / "c.db") as conn:
        rows = conn.execute("SELECT rowid, title, body FROM search_text").fetchall()
        for rowid, title, body in rows:
            conn.execute("UPDATE search_text SET alt = ? WHERE rowid = ?", (search.alt_text(title, body), rowid))
        conn.execute("DROP TABLE search_alt_mended")
        conn.execute("CREATE TABLE search_alt_mended (mended INTEGER)")
        conn.execute("INSERT INTO search_alt_mended (mended) VALUES (0)")
        assert conn.execute("SELECT COUNT(*) FROM search_text WHERE alt IS NULL").fetchone() == (3,)  # as f3d2a2e
    monkeypatch.setattr(search_query, "WIDE_AND_TATWEEL", True)
    monkeypatch.setattr(search_query, "COMPAT_CHARS", True)
    return root


def hits(root: Path, query: str) -> list[str]:
    out = run_archiver("search", query, "--db", root / "c.db", "--clean", root / "clean", cwd=root, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return sorted({line.split("s.test/")[1].split()[0] for line in out.stdout.splitlines() if "s.test/" in line})


def test_an_upgraded_catalog_finds_the_old_and_the_new_forms(old):
    for query, found in QUERIES:
        assert hits(old, query) == found, query
    with sqlite3.connect(old / "c.db") as conn:
        marks = conn.execute("SELECT mended, version FROM search_alt_mended ORDER BY rowid").fetchall()
        folded = conn.execute("SELECT COUNT(*) FROM search_text WHERE alt LIKE '%TOKYO%'").fetchone()[0]
    assert marks == [(0, None), (2, search.ALT_VERSION)] and folded == 1, marks  # wide and arab mended, once
    assert hits(old, "tokyo") == ["wide"]
    with sqlite3.connect(old / "c.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM search_alt_mended").fetchone()[0] == 2  # not mended again


def test_an_old_catalog_read_only_still_finds_what_it_found(old):
    """No mend without writing (a snapshot): the words as typed are asked for too, so ``ＴＯＫＹＯ`` and
    ``العـــربية`` still find their pages (the folded ``tokyo`` cannot until the catalog is mended)."""
    conn = sqlite3.connect(f"file:{old / 'c.db'}?mode=ro", uri=True)
    try:
        assert not search.alt_current(conn)
        for query, found in QUERIES:
            urls = sorted(hit.url.split("s.test/")[1] for hit in search.search(conn, query))
            assert urls == (found if query not in ("tokyo", "العربية") else []), query
    finally:
        conn.close()


def test_a_new_catalog_is_current_and_finds_both_forms(made, tmp_path):
    root = tmp_path / "new"
    shutil.copytree(made, root)
    for query, found in QUERIES:
        assert hits(root, query) == found, query
    with sqlite3.connect(root / "c.db") as conn:
        assert search.alt_current(conn)
        assert conn.execute("SELECT mended FROM search_alt_mended").fetchall() == [(0,)]  # indexed folded already
