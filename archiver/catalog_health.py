"""Is the catalog sound? Checked at the start of every command, so this module imports nothing heavy.

A damaged catalog (SQLite's "file is not a database", a failed ``PRAGMA quick_check``) is reported
with the remedy: the catalog is derived from the WARC files, ``archiver reindex`` rebuilds it. So is
a SQLite file whose tables lack columns archiver needs (another program's database given as ``--db``,
or a catalog of another schema); a catalog lacking only columns that may be empty (an older one) gets
them added (``ALTER TABLE ... ADD COLUMN``): a run on it failed with a traceback at its first row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

__all__ = ["check_catalog", "damaged_message", "schema_problem"]

TABLES = ("captures", "records", "extractions", "site_paragraphs")  # archiver.catalog.SCHEMA's
NOT_OURS = "not a catalog archiver can use"


def check_catalog(path: str | Path) -> str | None:
    """What is wrong with the catalog at ``path`` (SQLite's words), or None if it is sound or absent.

    Runs ``PRAGMA quick_check`` (O(size), no index cross-check) on a read-only connection. Raises
    ``archiver.diskfull.CatalogLocked`` when another program's lock keeps it out for 30 s.
    """
    from archiver.catalog import open_readonly

    path = Path(path)
    if not path.exists():
        return None
    try:
        conn = open_readonly(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _problem(path, exc)
    if rows != ["ok"]:
        return "; ".join(rows[:3]) + (f" (and {len(rows) - 3} more problems)" if len(rows) > 3 else "")
    try:
        return schema_problem(path)
    except sqlite3.DatabaseError as exc:  # locked between the two looks, or unreadable tables
        return _problem(path, exc)


def _problem(path: Path, exc: sqlite3.DatabaseError) -> str | None:
    """SQLite's words for what is wrong; None when it is no damage. Raises ``CatalogLocked`` for a lock."""
    if "database is locked" in str(exc):  # another program's lock, not damage: reindex would be wrong
        from archiver.diskfull import CatalogLocked

        raise CatalogLocked(path, f"SQLite: {exc}") from None
    if "unable to open" in str(exc):
        return None  # cannot open (a read-only folder, no room for the WAL index): not damage; the command says
    return str(exc)


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, tuple[str, bool]]:
    """``table``'s columns: name -> (declared type, whether it must hold a value: NOT NULL or the key)."""
    return {row[1]: (row[2], bool(row[3] or row[5])) for row in conn.execute(f"PRAGMA table_info({table})")}


def schema_problem(path: str | Path) -> str | None:
    """What keeps archiver from using the tables of the SQLite file at ``path`` (None: nothing).

    Each of archiver's tables that is there is compared with ``archiver.catalog.SCHEMA``: a missing
    column that may be empty is added (an older catalog; a file that cannot be written is left as it
    is), a missing one that must hold a value makes the file "not a catalog archiver can use".
    """
    from archiver.catalog import SCHEMA, open_readonly

    model = sqlite3.connect(":memory:")
    try:
        model.executescript(SCHEMA)
        wanted = {table: _columns(model, table) for table in TABLES}
    finally:
        model.close()
    conn = open_readonly(path)
    try:
        have = {table: _columns(conn, table) for table in TABLES}
    finally:
        conn.close()
    add = []
    for table, columns in have.items():
        if not columns:  # not there: made when the catalog is opened
            continue
        missing = {name: spec for name, spec in wanted[table].items() if name not in columns}
        needed = [name for name, (_, required) in missing.items() if required]
        if needed:
            return f"{NOT_OURS}: its table {table} has no column {', '.join(needed)}"
        add += [f"ALTER TABLE {table} ADD COLUMN {name} {kind}" for name, (kind, _) in missing.items()]
    if add:
        conn = sqlite3.connect(path, timeout=30)
        try:
            with conn:
                for statement in add:
                    conn.execute(statement)
        except sqlite3.OperationalError:
            pass  # read-only here: a command that writes says so itself
        finally:
            conn.close()
    return None


def damaged_message(path: str | Path, problem: str) -> str:
    """The message for a catalog ``check_catalog`` found ``problem`` in, with its remedy."""
    if problem.startswith(NOT_OURS):
        return (f"the catalog {path} is {problem}; check --db (is it another program's database?), or, "
                "if it is an archiver catalog, rebuild it from the WARC files with 'archiver reindex' "
                "(the old file is kept aside)")
    # one line: SQLite's integrity report ("*** in database main ***" then a line per page) split the error
    # over lines a cron log, logger or a log shipper took as separate events
    said = [line.strip() for line in problem.splitlines() if line.strip() and not line.strip().startswith("***")]
    problem = "; ".join(said[:2]) + (f"; {len(said) - 2} more" if len(said) > 2 else "")
    return (f"the catalog {path} is damaged ({problem}); it is derived from the WARC files: "
            f"rebuild it with 'archiver reindex' (the damaged file is kept aside)")


def record_offsets(db: str | Path | None) -> Callable[[str], set[int] | None]:
    """``file name -> offsets of its records in the catalog at db`` (None when the catalog is missing or cannot be
    read: a deleted catalog is rebuilt by reindex from every record, so none is dropped)."""

    def offsets(name: str) -> set[int] | None:
        if db is None or not Path(db).is_file():
            return None
        try:
            conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True, timeout=30)
            try:
                return {row[0] for row in conn.execute("SELECT warc_offset FROM records WHERE warc_file = ?", (name,))}
            finally:
                conn.close()
        except sqlite3.Error:
            return None

    return offsets
