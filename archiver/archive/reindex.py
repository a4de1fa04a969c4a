"""``archiver reindex``: check the catalog, and rebuild it from the WARC folder alone.

The catalog is derived state. Each capture archiver makes is described by a
``metadata`` record in the WARC files (:mod:`archiver.archive.seedinfo`), so
importing every WARC in the folder, oldest first, gives back the same capture
rows, with the same ids (captures are numbered in the order their metadata
records were written, which is the order a fetch added them to the catalog; files
``archiver import`` read are placed where the ledger ``imports.jsonl`` says they were
first seen, :mod:`archiver.archive.ledger`; for a Ray fetch, whose workers write several
files at once, the ids may differ).
Extraction rows and the search index then come back with
``archiver extract --all``, which writes the same clean files.

A damaged catalog is moved aside (``catalog.sqlite3.damaged-<time>``), never
deleted; so is a sound one being rebuilt (``.replaced-<time>``). WARC files
imported from outside the folder are not in it: the ones the old catalog named
are listed (:func:`outside_files`), so the command can say which were left out.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archiver.archive.cdxj import closed_warcs
from archiver.archive.importer import ImportSummary, import_files
from archiver.archive.ledger import entries, file_order, ordered
from archiver.catalog_health import check_catalog


@dataclass
class ReindexResult:
    summary: ImportSummary
    kept_aside: Path | None  # where the old catalog went
    # files outside the WARC folder the old catalog held captures of: (absolute path, captures)
    outside: list[tuple[str, int]] = field(default_factory=list)
    # files in the WARC folder the old catalog held captures of that the rebuild did not read (a WACZ
    # imported from inside the folder: reindex reads .warc and .warc.gz files): (path, captures)
    unread: list[tuple[str, int]] = field(default_factory=list)
    # the old catalog was damaged and could not be read even for the files it held captures of: any WARC imported
    # from outside the folder is then left out unnamed
    unknown: bool = False
    # the files the ledger ``imports.jsonl`` says were imported and this rebuild did not read (path; outside the
    # folder, or a WACZ in it) that ``outside`` and ``unread`` do not already name: with no old catalog, all of
    # them; with one, those it lacked too (a rebuild's catalog that left them out, read by the next reindex)
    ledger_only: list[str] = field(default_factory=list)


def outside_files(db: Path, inside: bool = False) -> list[tuple[str, int]]:
    """The WARC files outside the folder that catalog ``db`` holds captures of, as (absolute path, captures);
    with ``inside``, those in the folder instead, as (bare name, captures).

    The catalog names a file inside the WARC folder by its bare name and any other by its
    absolute path (:func:`archiver.archive.importer.catalog_name`). Read-only; an unreadable
    or damaged catalog gives ``[]`` (:func:`files_of` tells that apart from a catalog naming none).
    """
    return files_of(db, inside) or []


def files_of(db: Path, inside: bool = False) -> list[tuple[str, int]] | None:
    """:func:`outside_files`, or None when the catalog cannot be read for them (a damaged page in the way).

    A damaged catalog is often readable here all the same (the damage elsewhere than the rows read), and
    the names it gives are the only record of the files imported from outside the folder.
    """
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.Error:
        return []
    try:
        return [(str(name), int(n)) for name, n in conn.execute(
            "SELECT warc_file, COUNT(*) FROM captures WHERE warc_file IS NOT NULL AND "
            f"{'NOT ' if inside else ''}warc_file LIKE '/%' GROUP BY warc_file ORDER BY warc_file")]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def move_aside(db: Path, why: str) -> Path | None:
    """Rename the catalog (and its -wal/-shm files) out of the way; return the new name."""
    if not db.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db.with_name(f"{db.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(db) + suffix)
        if source.exists():
            os.replace(source, Path(str(target) + suffix))
    return target


def reindex(settings: Any, reporter: Any = None, extra: Sequence[Path] = ()) -> ReindexResult:
    """Rebuild ``settings.db`` from the closed WARC files in ``settings.warcs`` and the files ``extra`` named.

    Files are read in the order the catalog first saw them (:func:`archiver.archive.ledger.ordered`), so
    captures get back their ids.

    Torn ``.open`` files a killed run left are closed first (as ``archiver fetch`` does).
    Raises OSError if the folder cannot be read.
    """
    from archiver.catalog import Catalog
    from archiver.warc_read import recover_open_files, recovered_gone

    db = Path(settings.db)
    warcs = Path(settings.warcs)
    for name, dropped, _ in recover_open_files(warcs):  # no catalog to trim by: reindex rebuilds it
        _log(reporter, "recovered", f"recovered {name} from an interrupted run ({dropped} torn bytes dropped"
                                    f"{recovered_gone(warcs, name)})")
    problem = check_catalog(db)
    # asked of a damaged catalog too: before 2026-12-05 its outside files were dropped without a word
    named = (files_of(db), files_of(db, inside=True)) if db.exists() else ([], [])
    outside, inside = named[0] or [], named[1] or []
    unknown = problem is not None and db.exists() and None in named
    kept = move_aside(db, "damaged" if problem else "replaced")
    if kept is not None:
        _log(reporter, "reindex-kept", f"reindex: the old catalog is kept as {kept}", kept=str(kept))
    files = sorted(closed_warcs(warcs), key=file_order)
    with Catalog(db) as catalog:
        summary = import_files(catalog, warcs, ordered(warcs, files, extra))
    read = {path.name for path in files}
    outside = [(path, n) for path, n in outside if not _copied_in(Path(path), warcs, read)]
    unread = [(str(warcs / name), n) for name, n in inside if name not in read]
    # always asked of the ledger: before 2026-12-06 only when no old catalog named files, so the second reindex
    # after a deleted catalog took the first one's rebuilt catalog (which never held the import) as the record
    # and exited 0 without a word, the captures still missing
    told = {path for path, _ in outside} | {path for path, _ in unread}
    ledger_only = [path for path in _unread_imports(warcs, read) if path not in told]
    return ReindexResult(summary, kept, outside, unread, unknown, ledger_only)


def _unread_imports(warcs: Path, read: set[str]) -> list[str]:
    """The files the ledger says ``archiver import`` read (absolute paths outside ``warcs``, bare names inside)
    that this rebuild did not read from the folder, as paths: the ledger is the only record that survives the
    catalog (deleted, or rebuilt without them by an earlier reindex) to say their captures were in the archive
    (before 2026-12-06 a reindex after the catalog was deleted left them out without a word, exit 0)."""
    out = []
    for name, _ in entries(warcs):
        path = Path(name) if Path(name).is_absolute() else warcs / name
        if path.name in read and (path.parent == warcs or _copied_in(path, warcs, read)):
            continue
        out.append(str(path))
    return out


def _copied_in(path: Path, warcs: Path, read: set[str]) -> bool:
    """Whether the outside file ``path`` has a copy in the folder (its name, its size) that this reindex read: its
    captures are in the new catalog through the copy (the old one kept reading them where first imported), so
    the warning does not list them as left out."""
    try:
        return path.name in read and path.stat().st_size == (warcs / path.name).stat().st_size
    except OSError:
        return False


def _log(reporter: Any, event: str, message: str, **fields: Any) -> None:
    if reporter is not None:
        reporter.log(event, message, **fields)
