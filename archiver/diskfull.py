"""A disk with no room left: one exception with a message that says where and what to do.

A file-size limit (``ulimit -f``, RLIMIT_FSIZE: a job scheduler's or a container's) stops a write
the same way, with EFBIG from the kernel or SQLite's bare "disk I/O error"; it is told as a limit,
with its size and its own remedy.

A filesystem that refuses what a WARC file's life needs (some FUSE, SMB and object-store mounts) is told
here too: ``fsync`` refused as unsupported is skipped (:func:`sync_file`; the data is written, only its
flush to the platter is not promised), a refused rename stops the run (:class:`RenameRefused`).
"""
from __future__ import annotations

import errno
import os
import resource
from pathlib import Path

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
# fsync refused because the filesystem cannot sync (FUSE, SMB, a pipe-like mount): not a failed write
NO_SYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EROFS})


def file_size_limit() -> int | None:
    """The process's file-size limit in bytes (RLIMIT_FSIZE, soft), or None when there is none."""
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


class DiskFull(Exception):
    """A file could not be written for lack of space (or past the file-size limit ``limit``, bytes);
    ``path`` names it, the message says what to do."""

    unrecorded: list[tuple[str, int]] = []  # (WARC file, offset) of the records of a capture the catalog could not take

    def __init__(self, path: str | Path, detail: str, limit: int | None = None):
        self.path = str(path)
        self.limit = limit
        if limit is not None:
            super().__init__(f"file size limit: cannot write {self.path} ({detail}; this process may write no "
                             f"file past {limit} bytes, ulimit -f). Raise the limit (or set --warc-max-size below "
                             "it, if a WARC file is what grew past it) and run again: every capture recorded so "
                             "far is whole, and the rest are fetched then")
            return
        super().__init__(f"disk full: cannot write {self.path} ({detail}). Free space on that disk "
                         "(or give --warcs/--db another one) and run again: every capture recorded so far "
                         "is whole, and the rest are fetched then")


class CleanFull(DiskFull):
    """A clean text file (``--clean``, ``clean``: that folder) could not be written for lack of space, or past the
    file-size limit (``limit``, bytes): extraction stops at that page, as a fetch stops on a full disk, instead of
    failing every page after it on the same disk."""

    def __init__(self, clean: str | Path, detail: str, limit: int | None = None):
        self.path = str(clean)
        self.limit = limit
        if limit is not None:
            detail += f"; this process may write no file past {limit} bytes, ulimit -f"
        Exception.__init__(self, f"{'file size limit' if limit is not None else 'disk full'}: cannot write the clean "
                                 f"text under {self.path} ({detail}). Free space on that disk (or give "
                                 "--clean another one) and run 'archiver extract' (or the same run) again: every "
                                 "page extracted so far is whole, and the rest are extracted then")


class CatalogLocked(DiskFull):
    """Another program held a lock on the catalog past SQLite's busy timeout: the run stops as on a full
    disk (nothing more can be recorded), with what to do."""

    def __init__(self, path: str | Path, detail: str):
        self.path = str(path)
        self.limit = None
        Exception.__init__(self, f"catalog locked: cannot use {self.path} ({detail}: another program has held a "
                                 "lock on it for over 30 s, an sqlite3 shell or a backup with a transaction or an "
                                 "exclusive lock open?). End that program and run again: every capture recorded "
                                 "so far is whole, and the rest are fetched then")


class RenameRefused(DiskFull):
    """A closed WARC file could not take its name: the filesystem refused ``rename`` (EPERM, ENOSYS...).

    The run stops as on a full disk: a file that cannot be closed cannot be rolled over either.
    """

    def __init__(self, open_path: str | Path, detail: str):
        self.path = str(open_path)
        self.limit = None
        closed = Path(open_path).name.removesuffix(".open")
        Exception.__init__(self, f"cannot close {self.path}: renaming it to {closed} was refused ({detail}). "
                                 "archiver writes a WARC file under a .open name and renames it once whole, so "
                                 "a closed name always means a whole file; this filesystem does not allow that. "
                                 "Give --warcs (ARCHIVER_WARCS) a folder on one that does and run again there: "
                                 "every capture recorded so far is whole, and a run that finds the .open file "
                                 "(moved along with the folder) closes it")


def sync_file(fd: int) -> bool:
    """``os.fsync(fd)``; False when the filesystem cannot sync (errno in ``NO_SYNC``: EINVAL, ENOTSUP...): the
    data is written, only not flushed. No room for the flush (``NO_SPACE``) is let pass as before (the writes
    went through; the next one tells the full disk). Other errors (EIO) raise."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno in NO_SYNC:
            return False
        if exc.errno in NO_SPACE:
            return True
        raise
    return True


def syncs(folder: str | Path) -> bool:
    """Whether files in ``folder`` can be fsync'ed (a throw-away file is made and synced there); True when
    that cannot be told (the folder cannot be written)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"x")
            probe.flush()
            return sync_file(probe.fileno())
    except OSError:
        return True


def rename_closed(open_path: str | Path, closed: str | Path) -> None:
    """Rename a finished ``.open`` file to its closed name; a full disk raises DiskFull, a refusal
    RenameRefused (both stop the run with what to do)."""
    try:
        os.rename(open_path, closed)
    except OSError as exc:
        if exc.errno in NO_SPACE:
            raise disk_full(exc, Path(open_path).parent) or DiskFull(open_path, str(exc)) from exc
        if exc.errno == errno.ENOENT:
            raise
        raise RenameRefused(open_path, exc.strerror or str(exc)) from exc


def disk_full(exc: BaseException, path: str | Path) -> DiskFull | None:
    """``exc`` as a DiskFull about ``path`` if it is a lack of space (OSError ENOSPC/EDQUOT/EFBIG,
    SQLite's "database or disk is full") or a write the file-size limit stopped (EFBIG, or SQLite's
    "disk I/O error" in a process with such a limit: SQLite reports every write error but ENOSPC so),
    a ``CatalogLocked`` for SQLite's "database is locked" (past its busy timeout), else None."""
    if isinstance(exc, DiskFull):
        return exc
    if isinstance(exc, OSError) and exc.errno in NO_SPACE:
        limit = file_size_limit() if exc.errno == errno.EFBIG else None
        return DiskFull(path, exc.strerror or str(exc), limit)
    text = str(exc).lower()
    if type(exc).__name__ in ("OperationalError", "DatabaseError"):
        if "disk is full" in text:
            return DiskFull(path, f"SQLite: {exc}")
        if "database is locked" in text:
            return CatalogLocked(path, f"SQLite: {exc}")
        if "disk i/o error" in text and (limit := file_size_limit()) is not None:
            return DiskFull(path, f"SQLite: {exc}", limit)
    return None


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until all of ``data`` is out (a full disk may take part of a write, then refuse)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


_THEN = ", and the rest are fetched then"
# round 43: an import, extract or export stopped by a locked catalog or a full disk ended "the rest are fetched
# then", which none of them does; each now says what running it again does
_AGAIN = {
    "import": ", and importing the same files again adds the rest (what the catalog holds is not added twice)",
    "extract": ", and the rest are extracted then",
}


def worded_for(message: str, command: str | None) -> str:
    """``message`` (a :class:`DiskFull`'s) with its last words, what a run again does, fit for ``command`` (the
    subcommand's name: ``fetch`` and ``run`` fetch the rest; ``import``, ``extract`` say theirs; a command that
    records nothing, such as ``export`` or ``search``, only that nothing recorded was harmed)."""
    if not message.endswith(_THEN) or command in ("fetch", "run", None):
        return message
    return message.removesuffix(_THEN) + _AGAIN.get(command, " (this command records nothing)")
