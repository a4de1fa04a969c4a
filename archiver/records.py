"""Which capture records an extraction reads, and where they are: catalog rows -> WARC paths and jobs."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.catalog import EXTRACTED_RECORDS, Capture, Catalog
from archiver.config import Settings
from archiver.extract_worker import SETTLED_FAILURES, SKIP_REASONS, Job
from archiver.staging import Stage


def select_captures(catalog: Catalog, capture_ids: Iterable[int] | None = None, all_: bool = False,
                    warc_files: Iterable[str] | None = None) -> list[Capture]:
    """Captures to extract: captured ones not yet extracted (failed earlier: retried, but for a
    damaged coding, ``SETTLED_FAILURES``: told once), or all (``all_``)."""
    where = ["c.state = 'captured'", f"c.record_type IN {EXTRACTED_RECORDS}"]
    params: list[Any] = []
    if not all_:
        skips = " AND ".join([f"e.error NOT LIKE '{reason}%'" for reason in SKIP_REASONS]
                             + [f"e.error NOT LIKE '%{reason}%'" for reason in SETTLED_FAILURES])
        where.append(f"(e.capture_id IS NULL OR (e.error IS NOT NULL AND {skips}))")
    if capture_ids is not None:
        ids = [int(i) for i in capture_ids]
        if not ids:
            return []
        where.append(f"c.id IN ({','.join('?' * len(ids))})")
        params += ids
    if warc_files is not None:
        # a name inside the WARC folder, or an imported file's absolute path (archiver.archive.importer)
        names = [str(w) if os.path.isabs(str(w)) else Path(str(w)).name.removesuffix(".open") for w in warc_files]
        where.append(f"c.warc_file IN ({','.join('?' * len(names))})")
        params += names
    sql = (f"SELECT c.* FROM captures c LEFT JOIN extractions e ON e.capture_id = c.id "
           f"WHERE {' AND '.join(where)} ORDER BY c.id")
    return [Capture(**dict(row)) for row in catalog.conn.execute(sql, params)]


def warc_path(settings: Settings, warc_file: str) -> Path:
    path = settings.warcs / warc_file
    if not path.exists() and (settings.warcs / (warc_file + ".open")).exists():
        return settings.warcs / (warc_file + ".open")  # still being written
    return path


def job_for(settings: Settings, cap: Capture, record: Capture, stage: Stage | None) -> Job:
    """The job extracting ``record``'s WARC record for capture ``cap`` (a revisit's ``record`` is its source)."""
    if record.warc_file is None or record.warc_offset is None:
        raise ValueError(f"capture {record.id} has no WARC record")
    return Job(cap.id, record.final_url or record.url, str(warc_path(settings, record.warc_file)),
               int(record.warc_offset), record.content_type, stage)


def known_warc_files(settings: Settings) -> set[str]:
    """WARC file names the catalog has captures in."""
    with Catalog(settings.db, readonly=True) as catalog:
        rows = catalog.conn.execute("SELECT DISTINCT warc_file FROM captures WHERE warc_file IS NOT NULL")
        return {r[0] for r in rows}

