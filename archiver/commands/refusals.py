"""Usage errors several commands share, as text (``None`` when there is nothing to refuse).

``no_catalog(db, first)``: the catalog a command reads is not at ``db`` (a path); the message names
the commands that make one (``first``, as the user would type them) and the flags that point
elsewhere. The caller raises ``archiver.cli.UsageError`` with it (exit status 2).
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["FETCH_OR_IMPORT", "no_catalog"]

FETCH_OR_IMPORT = "'archiver fetch LIST' or 'archiver import WARC'"


def no_catalog(db: str | Path, first: str = FETCH_OR_IMPORT) -> str | None:
    """``no catalog at DB (run FIRST first, or give --db / --warcs)`` when ``db`` does not exist, else None."""
    if Path(db).exists():
        return None
    return f"no catalog at {db} (run {first} first, or give --db / --warcs)"
