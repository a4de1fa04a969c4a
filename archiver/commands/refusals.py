"""Usage errors several commands share, as text (``None`` when there is nothing to refuse).

``no_catalog(db, first)``: the catalog a command reads is not at ``db`` (a path); the message names
the commands that make one (``first``, as the user would type them) and the flags that point
elsewhere; when the WARC folder ``warcs`` holds closed WARC files (the catalog deleted or lost beside them), it
names ``archiver reindex`` instead, which rebuilds it from them. The caller raises ``archiver.cli.UsageError``
with it (exit status 2).
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["FETCH_OR_IMPORT", "no_catalog"]

FETCH_OR_IMPORT = "'archiver fetch LIST' or 'archiver import WARC'"


def no_catalog(db: str | Path, first: str = FETCH_OR_IMPORT, warcs: str | Path | None = None) -> str | None:
    """``no catalog at DB (run FIRST first, or give --db / --warcs)`` when ``db`` does not exist, else None.

    With ``warcs`` (the WARC folder) holding closed WARC files, the message says how many and names
    ``archiver reindex`` (before 2026-12-06 a deleted catalog beside its WARC files sent the user to fetch
    or import, which starts a new, empty catalog, the archive's captures unknown to it).
    """
    from archiver.archive.cdxj import closed_warcs
    from archiver.wording import count

    if Path(db).exists():
        return None
    try:
        found = len(closed_warcs(Path(warcs))) if warcs is not None else 0
    except OSError:  # no folder, or not one
        found = 0
    if found:
        return (f"no catalog at {db}, but {warcs} holds {count(found, 'WARC file')}: rebuild the catalog from "
                f"them with 'archiver reindex' (or give --db / --warcs)")
    return f"no catalog at {db} (run {first} first, or give --db / --warcs)"
