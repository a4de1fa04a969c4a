"""A disk with no room left: one exception with a message that says where and what to do."""
from __future__ import annotations

import errno
import os
from pathlib import Path

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class DiskFull(Exception):
    """A file could not be written for lack of space; ``path`` names it, the message says what to do."""

    def __init__(self, path: str | Path, detail: str):
        self.path = str(path)
        super().__init__(f"disk full: cannot write {self.path} ({detail}). Free space on that disk "
                         "(or give --warcs/--db another one) and run again: every capture recorded so far "
                         "is whole, and the rest are fetched then")


def disk_full(exc: BaseException, path: str | Path) -> DiskFull | None:
    """``exc`` as a DiskFull about ``path`` if it is a lack of space (OSError ENOSPC/EDQUOT/EFBIG,
    SQLite's "database or disk is full"), else None."""
    if isinstance(exc, DiskFull):
        return exc
    if isinstance(exc, OSError) and exc.errno in NO_SPACE:
        return DiskFull(path, exc.strerror or str(exc))
    text = str(exc).lower()
    if type(exc).__name__ in ("OperationalError", "DatabaseError") and "disk is full" in text:
        return DiskFull(path, f"SQLite: {exc}")
    return None


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until all of ``data`` is out (a full disk may take part of a write, then refuse)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
