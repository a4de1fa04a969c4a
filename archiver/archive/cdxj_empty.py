"""The WARC files of a folder that cdxj-indexer read to no index line (a failure-only file: its warcinfo and the
failed URLs' metadata records), remembered so ``update_index`` reads each of them once.

Kept in ``FOLDER/.index.cdxj.empty``, one ``SIZE NAME`` line per file (bytes, bare file name), replaced whole
(atomic rename). A file whose size is not the one remembered (grown, cut, replaced) is read again; a file gone
from the folder is forgotten. A missing or unreadable ledger is read as empty (every such file read once more).
Before 2026-12-06 each of them was read again at the end of every run (review46 finding 12).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

EMPTY_NAME = ".index.cdxj.empty"


def read_empty(folder: Path) -> dict[str, int]:
    """``{name: size}`` of the files remembered as giving no index line whose size is still that; {} when none."""
    try:
        text = (folder / EMPTY_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, int] = {}
    for line in text.splitlines():
        size, _, name = line.partition(" ")
        if not size.isdigit() or not name or "/" in name:
            continue
        try:
            if (folder / name).stat().st_size == int(size):
                out[name] = int(size)
        except OSError:
            continue
    return out


def write_empty(folder: Path, empty: dict[str, int]) -> None:
    """Replace the ledger with ``empty`` (``{name: size}``); remove it when ``empty`` is {}. OSError is passed
    over: the files are then read once more by the next update."""
    path = folder / EMPTY_NAME
    try:
        if not empty:
            path.unlink(missing_ok=True)
            return
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".empty")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(f"{size} {name}\n" for name, size in sorted(empty.items()))
        os.replace(tmp, path)
    except OSError:
        pass


def drop_old_lock(folder: Path, name: str) -> None:
    """Remove ``folder/name``, the lock file versions before 2026-12-05 left beside index.cdxj, when no process
    holds it (a non-blocking flock on it succeeds); call only while holding the folder's own lock."""
    import fcntl

    try:
        fd = os.open(folder / name, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        (folder / name).unlink(missing_ok=True)
    except OSError:
        pass  # an older process holds it: left for a later update
    finally:
        os.close(fd)
