"""Full-text search over the clean text of every version: SQLite FTS5 in the catalog.

Tables (made here, not in the catalog's core schema)::

    search_versions  (id, url, text_digest)   one row per distinct text of a URL
    search_text      FTS5 (title, body, alt)   rowid = search_versions.id; alt: title and body with
                                               ä ö ü æ ø œ å spelt out (ae oe ue ...), only where they occur
    search_captures  (capture_id, version_id)  which captures had that text
    search_unread    (capture_id, text_digest) extractions whose clean file build_from_clean could not read

Extraction keeps them in step: each time it writes a capture's extraction row it
calls :func:`index_capture` (a text already indexed for that URL is not read
again), and :func:`drop_capture` when the capture has no text any more; a
version no capture points at is removed. ``archiver reindex`` rebuilds the
catalog, and ``archiver extract --all`` then the index. A catalog that has
extractions but no index (made before this module) is indexed from the clean
files at the first search (:func:`build_from_clean`).

Queries (:func:`fts_query`): words (all must occur), ``"a phrase"``, ``prefix*``.
Every word goes to FTS5 as a quoted string, so no input is an FTS5 operator
and none reaches the SQL (the query is a bound parameter): a query of nothing
but quotes and operators finds nothing instead of failing. A hit is a page, its
matching versions folded into it, ranked by FTS5's bm25 (title matches weigh
``TITLE_WEIGHT`` times body matches): :mod:`archiver.search_hits`.
"""
from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archiver.cjk import has_cjk, spaced
from archiver.search_hits import Hit, page_hits
from archiver.search_query import fold_marks, fts_query, spelt_out
from archiver.selection import Selection
from archiver.urls import front_page_url

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    text_digest TEXT NOT NULL,
    UNIQUE (url, text_digest)
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    title, body, alt, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5'
);
CREATE TABLE IF NOT EXISTS search_captures (
    capture_id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES search_versions(id)
);
CREATE INDEX IF NOT EXISTS search_captures_version ON search_captures(version_id);
CREATE TABLE IF NOT EXISTS search_unread (
    capture_id INTEGER PRIMARY KEY,
    text_digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS search_alt_mended (mended INTEGER, version INTEGER);
"""

_OLD_TABLES = ("search_text", "search_captures", "search_versions", "search_unread", "search_alt_mended")


def ensure(conn: sqlite3.Connection) -> None:
    """Create the search tables if missing (idempotent; inside the caller's transaction, no commit).

    An index made before the ``alt`` column (archiver before 2026-12-04) is dropped: the next search
    rebuilds it from the clean files (:func:`build_from_clean`), as for a catalog that never had one.
    """
    if not _current(conn) and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_text'").fetchone():
        for table in _OLD_TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def text_url(url: str, final_url: str | None, state: str) -> str:
    """The URL a capture's text is indexed under: the site's front page when the article URL ``url`` was
    redirected there (the article taken down: the text is the front page's, :func:`archiver.urls.front_page_url`),
    else ``url`` (the seed, as listed). Indexed under the article, a search for the front page's words
    listed the article's URL with the front page's title and text."""
    return front_page_url(url, final_url, state) or url


# a URL whose only slash after "scheme://" is its last character (``https://host:8080/``): a front page's shape,
# tested in SQL so that a catalog of redirects (http to https, a trailing slash) is not read row by row in Python
_AFTER_SCHEME = "substr(c.final_url, instr(c.final_url, '://') + 3)"
_ROOT_ONLY = f"instr({_AFTER_SCHEME}, '/') = length({_AFTER_SCHEME})"


def repoint_front_pages(conn: sqlite3.Connection) -> int:
    """Move to the front page's URL the indexed texts of captures redirected to their site's front page that an
    archiver before 2026-12-04 indexed under the article's URL (:func:`text_url`); return how many moved.
    One scan of the redirected captures; a write only when one is found."""
    ensure_once(conn)
    rows = conn.execute(  # (the text is read only for the captures to move: most redirects are not these)
        "SELECT c.id, c.url, c.final_url, v.id, v.text_digest FROM captures c "
        "JOIN search_captures sc ON sc.capture_id = c.id JOIN search_versions v ON v.id = sc.version_id "
        "WHERE c.final_url LIKE '%/' AND " + _ROOT_ONLY + " AND c.state = 'captured' AND c.final_url != c.url "
        "AND v.url = c.url").fetchall()
    to_move = [(row, front) for row in rows if (front := front_page_url(row[1], row[2], "captured")) is not None]
    if not to_move:
        return 0
    with conn:
        for (capture_id, _, _, version_id, digest), front in to_move:
            title, body = conn.execute("SELECT title, body FROM search_text WHERE rowid = ?", (version_id,)).fetchone()
            index_capture(conn, capture_id, front, digest, functools.partial(str, f"{title}\n\n{body}"))
    return len(to_move)


def index_capture(conn: sqlite3.Connection, capture_id: int, url: str, text_digest: str,
                  read_text: Callable[[], str]) -> None:
    """Point ``capture_id`` at the version (``url``, ``text_digest``), indexing its text if new.

    ``read_text`` returns the clean file's content (title line, blank line, body);
    it is called only for a text not yet indexed. Runs in the caller's transaction.
    """
    ensure_once(conn)
    row = conn.execute("SELECT id FROM search_versions WHERE url = ? AND text_digest = ?",
                       (url, text_digest)).fetchone()
    if row is None:
        title, _, body = read_text().partition("\n")
        cur = conn.execute("INSERT INTO search_versions (url, text_digest) VALUES (?, ?)", (url, text_digest))
        version_id = int(cur.lastrowid or 0)
        body = body.strip("\n")
        conn.execute("INSERT INTO search_text (rowid, title, body, alt) VALUES (?, ?, ?, ?)",
                     (version_id, title, body, alt_text(title, body)))
    else:
        version_id = int(row[0])
    old = conn.execute("SELECT version_id FROM search_captures WHERE capture_id = ?", (capture_id,)).fetchone()
    conn.execute("INSERT OR REPLACE INTO search_captures (capture_id, version_id) VALUES (?, ?)",
                 (capture_id, version_id))
    if old is not None and old[0] != version_id:
        _forget_unused(conn, int(old[0]))


def alt_text(title: str, body: str) -> str | None:
    """The ``alt`` column of a version: its title and body with ``ä ö ü æ ø œ å`` spelt out, the optional marks of
    Greek, Arabic and Hebrew left out (:func:`archiver.search_query.fold_marks`: FTS5 folds Latin accents only),
    and a space around each Chinese or Japanese character (:func:`archiver.cjk.spaced`: FTS5's unicode61 reads a
    run of them up to a punctuation mark as one word, so ``大桥`` was not found in ``港口大桥明年三月开工``);
    None when none of these applies (most pages)."""
    text = title + "\n" + body
    alt = spelt_out(text)
    folded = fold_marks(alt or text)
    if folded != (alt or text):
        alt = folded
    if has_cjk(text):
        alt = spaced(alt or text)
    return alt or None


# What the alt column of a version holds (:func:`alt_text`), by version: 1 (2026-12-06) CJK spaced, Greek, Arabic and
# Hebrew marks folded; 2 (round 35) also fullwidth ASCII as ASCII and Arabic tatweel left out; 3 (round 36) also
# format characters left out (the Persian half-space, a zero-width joiner, a soft hyphen, bidi marks); 4 (round 39)
# also compatibility characters as their NFKC form (ligatures, mathematical letters, sub/superscript digits); 5
# (mend55) a sub/superscript digit after a digit its own word (2⁵ is "2 5", not "25"), º ª № not folded. A
# catalog whose ``search_alt_mended`` has no row of this version has its alt column made again once (:func:`mend_alt`).
ALT_VERSION = 5
ALT_BATCH = 1000  # versions read and mended per transaction by mend_alt


def mend_alt(conn: sqlite3.Connection) -> int:
    """Give the versions an older archiver indexed without today's ``alt`` (:func:`alt_text`, ``ALT_VERSION``)
    theirs, once per catalog and version (a row of ``search_alt_mended`` of that version says it was done; a
    row of no version, written before round 35, is version 1); return how many were mended. Commits; call
    where the catalog can be written. Before, a catalog mended once was never mended again: the pages it had
    indexed before round 35 kept their fullwidth and tatweel-stretched words in no folded form, and a query,
    now folded, no longer found them (``ＴＯＫＹＯ``: 1 hit before the upgrade, 0 after)."""
    ensure(conn)
    if alt_current(conn):
        return 0
    mended, last = 0, 0
    with conn:
        if "version" not in _columns(conn, "search_alt_mended"):
            conn.execute("ALTER TABLE search_alt_mended ADD COLUMN version INTEGER")
    # read and written ALT_BATCH versions at a time, each batch its own transaction, the version row last: one
    # transaction over a fetchall of every page held the catalog's write lock for ~100 s on 300,000 pages (a
    # cron fetch waiting then stopped "catalog locked") and all their text in memory (review46 finding 9).
    # The mend is idempotent: one cut short (killed, or a batch refused) runs again from the start next time
    while True:
        rows = conn.execute("SELECT rowid, title, body, alt FROM search_text WHERE rowid > ? ORDER BY rowid "
                            "LIMIT ?", (last, ALT_BATCH)).fetchall()
        if not rows:
            break
        with conn:
            for rowid, title, body, alt in rows:
                if (new := alt_text(title or "", body or "")) != alt:
                    conn.execute("UPDATE search_text SET alt = ? WHERE rowid = ?", (new, rowid))
                    mended += 1
        last = int(rows[-1][0])
    with conn:
        conn.execute("INSERT INTO search_alt_mended (mended, version) VALUES (?, ?)", (mended, ALT_VERSION))
    return mended


def alt_current(conn: sqlite3.Connection) -> bool:
    """Whether the alt column is today's (:func:`mend_alt` has run at ``ALT_VERSION``); False for a catalog an
    older archiver indexed and no search has since been able to mend (one on a read-only filesystem)."""
    if "version" not in _columns(conn, "search_alt_mended"):
        return False
    return conn.execute("SELECT 1 FROM search_alt_mended WHERE version >= ? LIMIT 1",
                        (ALT_VERSION,)).fetchone() is not None


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def drop_capture(conn: sqlite3.Connection, capture_id: int) -> None:
    """The capture has no text any more (extraction failed this time): take it out of the index."""
    ensure_once(conn)
    old = conn.execute("SELECT version_id FROM search_captures WHERE capture_id = ?", (capture_id,)).fetchone()
    if old is not None:
        conn.execute("DELETE FROM search_captures WHERE capture_id = ?", (capture_id,))
        _forget_unused(conn, int(old[0]))


def _forget_unused(conn: sqlite3.Connection, version_id: int) -> None:
    if conn.execute("SELECT 1 FROM search_captures WHERE version_id = ? LIMIT 1", (version_id,)).fetchone():
        return
    conn.execute("DELETE FROM search_versions WHERE id = ?", (version_id,))
    conn.execute("DELETE FROM search_text WHERE rowid = ?", (version_id,))


def ensure_once(conn: sqlite3.Connection) -> None:
    """``ensure``, after one cheap look whether it is needed (extraction calls the hooks once per page)."""
    if not _current(conn) or conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_captures'").fetchone() is None:
        ensure(conn)


def _current(conn: sqlite3.Connection) -> bool:
    """True when the index exists with today's columns."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_text'").fetchone()
    return row is not None and re.search(r"\balt\b", row[0] or "") is not None


def build_from_clean(conn: sqlite3.Connection, clean: Path) -> int:
    """Index every extracted capture the index lacks from its clean version file; return how many were indexed.

    For extractions that predate the index (an archiver older than the search command extracted them, in
    a catalog newer runs have since extracted into). Files that are gone or unreadable are skipped and noted
    in ``search_unread`` with the text's digest, so later searches do not look for them again (before, one
    missing file kept ``needs_build`` true and every search scanned every extraction); re-extracting the
    capture indexes it.
    """
    from archiver import output

    ensure(conn)
    rows = conn.execute(_UNINDEXED + " ORDER BY e.capture_id").fetchall()
    done = 0
    with conn:
        for capture_id, url, final_url, state, text_path, digest in rows:
            path = output.inside(clean, text_path)
            try:
                index_capture(conn, capture_id, text_url(url, final_url, state), digest,
                              functools.partial(path.read_text, encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                conn.execute("INSERT OR REPLACE INTO search_unread (capture_id, text_digest) VALUES (?, ?)",
                             (capture_id, digest))
                continue
            done += 1
    return done


_UNINDEXED = ("SELECT e.capture_id, e.url, c.final_url, c.state, e.text_path, e.text_digest "
              "FROM extractions e JOIN captures c ON c.id = e.capture_id "
              "WHERE e.error IS NULL AND e.text_path IS NOT NULL AND e.text_digest IS NOT NULL "
              "AND NOT EXISTS (SELECT 1 FROM search_captures s WHERE s.capture_id = e.capture_id) "
              "AND NOT EXISTS (SELECT 1 FROM search_unread u WHERE u.capture_id = e.capture_id "
              "AND u.text_digest = e.text_digest)")


def needs_build(conn: sqlite3.Connection) -> bool:
    """True when the catalog has extracted text the search index lacks (none of it indexed yet, or some:
    pages an older archiver extracted before a newer one extracted others, which it indexed)."""
    ensure(conn)
    return conn.execute(_UNINDEXED + " LIMIT 1").fetchone() is not None


def search(conn: sqlite3.Connection, query: str, limit: int = 20, selection: Selection | None = None) -> list[Hit]:
    """The pages matching ``query``, most relevant first (at most ``limit``; [] for a query with no word).

    One hit per URL: its newest version holding the words is shown, with how many of its versions hold
    them and whether its latest capture does (:func:`archiver.search_hits.page_hits`). ``selection``
    (``--host``, ``--since``, ``--until``, ``--list-file``) keeps the versions some selected capture had; a
    hit's capture times, counts and latest capture are then those of its selected captures only.
    """
    expression = fts_query(query)
    if expression is None:
        return []
    ensure(conn)
    if not alt_current(conn) and (raw := fts_query(query, fold=False)) not in (None, expression):
        # an index not yet mended (read-only) holds fullwidth and tatweel words as written: asked for both ways
        expression = f"({expression}) OR ({raw})"
    chosen = _selected(conn, selection) if selection is not None and selection != Selection() else None
    if chosen is not None and not chosen:
        return []
    try:
        return page_hits(conn, expression, query, limit, chosen)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            return []  # cannot happen with fts_query's quoting; never an error for the user either way
        raise


@dataclass
class _Row:
    url: str
    final_url: str | None
    fetched_at: str
    list_file: str | None


def _selected(conn: sqlite3.Connection, selection: Selection) -> dict[int, tuple[str, list[str]]]:
    """Version id -> (its URL, the capture times of its captures ``selection`` admits), for the versions
    that have one. One pass over the indexed captures (10,000 rows: a few milliseconds)."""
    chosen: dict[int, tuple[str, list[str]]] = {}
    for version_id, version_url, url, final_url, fetched_at, list_file in conn.execute(
            "SELECT sc.version_id, v.url, c.url, c.final_url, c.fetched_at, c.list_file FROM search_captures sc "
            "JOIN search_versions v ON v.id = sc.version_id JOIN captures c ON c.id = sc.capture_id"):
        if selection.admits(_Row(url, final_url, fetched_at, list_file)):
            chosen.setdefault(int(version_id), (version_url, []))[1].append(fetched_at)
    return chosen


def selects_nothing(conn: sqlite3.Connection, selection: Selection | None) -> bool:
    """Whether ``selection`` restricts the search (a host, a list, a time range) and admits no indexed capture:
    nothing was searched, which ``archiver search`` says apart from "no page holds the words"."""
    return selection is not None and selection != Selection() and not _selected(conn, selection)


def index_size(conn: sqlite3.Connection) -> int:
    """Bytes the FTS5 index occupies in the catalog (its shadow tables), via the dbstat table if compiled in."""
    try:
        row = conn.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_%'").fetchone()
        return int(row[0] or 0)
    except sqlite3.OperationalError:
        return 0
