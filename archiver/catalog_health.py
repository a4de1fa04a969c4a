"""Is the catalog sound? Checked at the start of every command, so this module imports nothing heavy.

A damaged catalog (SQLite's "file is not a database", a failed ``PRAGMA quick_check``) is reported
with the remedy: the catalog is derived from the WARC files, ``archiver reindex`` rebuilds it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["check_catalog", "damaged_message"]


def check_catalog(path: str | Path) -> str | None:
    """What is wrong with the catalog at ``path`` (SQLite's words), or None if it is sound or absent.

    Runs ``PRAGMA quick_check`` (O(size), no index cross-check) on a read-only connection. Raises
    ``archiver.diskfull.CatalogLocked`` when another program's lock keeps it out for 30 s.
    """
    path = Path(path)
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "database is locked" in str(exc):  # another program's lock, not damage: reindex would be wrong
            from archiver.diskfull import CatalogLocked

            raise CatalogLocked(path, f"SQLite: {exc}") from None
        if "unable to open" in str(exc):
            return None  # cannot open (a read-only folder, no room for the WAL index): not damage; the command says
        return str(exc)
    if rows != ["ok"]:
        return "; ".join(rows[:3]) + (f" (and {len(rows) - 3} more problems)" if len(rows) > 3 else "")
    return None


def damaged_message(path: str | Path, problem: str) -> str:
    return (f"the catalog {path} is damaged ({problem}); it is derived from the WARC files: "
            f"rebuild it with 'archiver reindex' (the damaged file is kept aside)")
