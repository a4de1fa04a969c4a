"""``archiver reindex``: check the catalog, and rebuild it from the WARC folder alone.

The catalog is derived state. Each capture archiver makes is described by a
``metadata`` record in the WARC files (:mod:`archiver.archive.seedinfo`), so
importing every WARC in the folder, oldest first, gives back the same capture
rows, with the same ids (captures are numbered in the order their metadata
records were written, which is the order a fetch added them to the catalog;
for a Ray fetch, whose workers write several files at once, the ids may differ).
Extraction rows and the search index then come back with
``archiver extract --all``, which writes the same clean files.

A damaged catalog is moved aside (``catalog.sqlite3.damaged-<time>``), never
deleted; so is a sound one being rebuilt (``.replaced-<time>``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archiver.archive.cdxj import closed_warcs
from archiver.archive.importer import ImportSummary, import_files
from archiver.archive.streams import detect_layout, iterate
from archiver.catalog_health import check_catalog


def file_order(path: Path) -> tuple[str, str]:
    """Sort key: the WARC-Date of the file's first record (its warcinfo), then the name; unreadable files last."""
    try:
        with iterate(path, detect_layout(path)) as it:
            for record in it:
                return (record.rec_headers.get_header("WARC-Date") or "~", path.name)
    except Exception:
        pass
    return ("~", path.name)


@dataclass
class ReindexResult:
    summary: ImportSummary
    kept_aside: Path | None  # where the old catalog went


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


def reindex(settings: Any, reporter: Any = None) -> ReindexResult:
    """Rebuild ``settings.db`` from the closed WARC files in ``settings.warcs``.

    Torn ``.open`` files a killed run left are closed first (as ``archiver fetch`` does).
    Raises OSError if the folder cannot be read.
    """
    from archiver.catalog import Catalog
    from archiver.warc_read import recover_open_files

    db = Path(settings.db)
    warcs = Path(settings.warcs)
    for name, dropped in recover_open_files(warcs):
        _log(reporter, "recovered", f"recovered {name} from an interrupted run ({dropped} torn bytes dropped)")
    problem = check_catalog(db)
    kept = move_aside(db, "damaged" if problem else "replaced")
    if kept is not None:
        _log(reporter, "reindex-kept", f"reindex: the old catalog is kept as {kept}", kept=str(kept))
    files = sorted(closed_warcs(warcs), key=file_order)
    with Catalog(db) as catalog:
        summary = import_files(catalog, warcs, files)
    return ReindexResult(summary, kept)


def _log(reporter: Any, event: str, message: str, **fields: Any) -> None:
    if reporter is not None:
        reporter.log(event, message, **fields)
