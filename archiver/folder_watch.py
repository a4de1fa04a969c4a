"""The archive changing under a run: the WARC file being written, or the catalog, deleted or moved away.

A clean-up job, a user tidying the folder, or a sync tool can delete or move the ``.open`` WARC file, its
folder, or the catalog while a fetch runs. The open file descriptors keep working, so the run went on to
the end of its list writing into a file no one would ever see, recorded every capture as whole, and failed
only at the end (``cannot write ....warc.gz.open: No such file or directory``, exit 2); a later run then
skipped every URL the lost file held, as captured. A deleted catalog took the run's rows with it while
the run said nothing and exited 0.

Now the WARC file is checked before each record is written (``warc_gone``: two ``stat`` calls) and the
catalog before each row (``catalog_gone``); either stops the run (``ArchiveGone``, told as a full disk is,
exit 1). Captures recorded into a deleted WARC file are marked failed (``forget_file``), so the next run
fetches them again; a moved file is closed where it now is (its captures are whole there).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import IO

from archiver.diskfull import DiskFull

OPEN_SUFFIX = ".open"


class ArchiveGone(DiskFull):
    """The WARC file being written or the catalog was deleted or moved during the run: the run stops.
    ``lost`` names a deleted WARC file (its captures must be marked failed: ``forget_file``), else None."""

    def __init__(self, path: str | Path, message: str, lost: str | None = None):
        self.path = str(path)
        self.limit = None
        self.lost = lost
        Exception.__init__(self, message)


def identity(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``, or None when nothing is there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def warc_gone(open_path: Path, fh: IO[bytes]) -> ArchiveGone | None:
    """None while ``open_path`` still names the file ``fh`` writes; else the file is closed (renamed to its
    closed name where it now is, if it was moved) and the fault to stop the run with is returned."""
    st = os.fstat(fh.fileno())
    if identity(open_path) == (st.st_dev, st.st_ino):
        return None
    closed = open_path.name.removesuffix(OPEN_SUFFIX)
    if st.st_nlink == 0:
        fh.close()
        return ArchiveGone(open_path, f"the WARC file {open_path} was deleted during the run (by another program, "
                                      "a clean-up job, or by hand, perhaps with its folder): the run stopped; the "
                                      "captures recorded into it are marked failed, and the next run fetches them "
                                      "again with the rest", lost=closed)
    where = _current_path(fh)
    fh.close()
    told = ""
    if where is not None and where.name == open_path.name:
        try:
            os.rename(where, where.with_name(closed))
            told = f", closed there as {where.with_name(closed)}"
        except OSError:
            told = f" (still {where})"
    return ArchiveGone(open_path, f"the WARC file {open_path} was moved or renamed during the run (it, or its "
                                  f"folder){told}: the run stopped. Every capture recorded so far is whole in "
                                  "it; put the folder back (or give --warcs its new place) and run again to "
                                  "fetch the rest")


def _current_path(fh: IO[bytes]) -> Path | None:
    """Where the open file now is (Linux's /proc), or None when that cannot be told."""
    try:
        path = Path(os.readlink(f"/proc/self/fd/{fh.fileno()}"))
    except OSError:
        return None
    return path if path.is_absolute() and path.exists() else None


def catalog_gone(path: str | Path, known: tuple[int, int] | None) -> ArchiveGone | None:
    """None while ``path`` is still the catalog file opened as ``known`` (its ``identity``); else the fault."""
    if known is None or identity(path) == known:
        return None
    return ArchiveGone(path, f"the catalog {path} was deleted, moved or replaced during the run (by another "
                             "program, a clean-up job, or by hand): the run stopped, its rows since then are not "
                             "recorded. The WARC files hold every capture: 'archiver reindex' rebuilds the "
                             "catalog from them; then run again to fetch the rest")


def forget_file(conn: sqlite3.Connection, name: str) -> int:
    """Mark failed every capture with a record in the deleted WARC file ``name`` and drop its records' rows;
    returns how many captures. A rerun then fetches them again instead of skipping them as captured."""
    reason = f"its WARC file {name} was deleted during the run: fetched again next run"
    with conn:
        cur = conn.execute(
            "UPDATE captures SET state = 'failed', reason = ?, warc_file = NULL, warc_offset = NULL, "
            "warc_length = NULL WHERE state = 'captured' AND (warc_file = ? OR id IN "
            "(SELECT capture_id FROM records WHERE warc_file = ?))", (reason, name, name))
        conn.execute("DELETE FROM records WHERE warc_file = ?", (name,))
    return cur.rowcount
