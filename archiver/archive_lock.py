"""One run at a time on an archive: an advisory lock file in the WARC folder.

Two ``archiver fetch`` runs on one archive (an hourly cron job still running
when the next starts) would both think every URL is new and capture it twice.
A run takes ``<warcs>/.archiver.lock`` (and the same name beside the catalog
when ``--db`` is elsewhere) with ``flock`` before it reads the catalog, and
holds it to the end; the kernel drops it when the process dies, ``kill -9``
included, so a stale lock never blocks. The second run exits with a message
naming the holder, or waits up to ``--wait-lock`` seconds first.
"""
from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from archiver.config import Settings

LOCK_NAME = ".archiver.lock"
POLL = 0.25  # seconds between tries while waiting


class ArchiveBusy(Exception):
    """Another run holds the archive's lock; the message names it and the way to wait. ``since``: when the
    holder took it (from its lock file's line), None when that cannot be read."""

    def __init__(self, message: str, holder: str = "", since: datetime | None = None) -> None:
        super().__init__(message)
        self.holder, self.since = holder, since


STUCK_AFTER = 3600  # seconds: a --watch run finding a holder older than this says so as an error (stuck?)


def held_since(holder: str) -> datetime | None:
    """The time in a lock file's line (``archiver run pid N since 2026-12-05T17:59:30+00:00: ...``), or None."""
    import re

    found = re.search(r" since (\S+?):? ", holder + " ")
    try:
        return datetime.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None


class ArchiveUnwritable(Exception):
    """The lock file cannot be created (read-only file system, no permission) or locked (a filesystem
    without locks); the message names the path and what to do."""


# flock refused by the filesystem itself (NFS without its lock daemon, some FUSE mounts): not another run
NO_LOCKS = frozenset({errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP})


def lock_paths(settings: Settings) -> list[Path]:
    """The lock files a run on ``settings`` takes, in a fixed order (no deadlock between two runs)."""
    assert settings.db is not None
    folders = {Path(settings.warcs).resolve(), Path(settings.db).resolve().parent}
    return [folder / LOCK_NAME for folder in sorted(folders)]


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "another archiver run"
    except OSError:
        return "another archiver run"


@contextmanager
def archive_lock(settings: Settings, log: Callable[..., None] | None = None) -> Iterator[None]:
    """Hold the archive's lock for the ``with`` body.

    Raises ArchiveBusy when another process holds it past ``settings.wait_lock``
    seconds (0: do not wait). ``log(event, message, **fields)`` hears that the
    run is waiting.
    """
    held: list[int] = []
    try:
        for path in lock_paths(settings):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise ArchiveUnwritable(unwritable_message(exc.filename or path, exc)) from None
            held.append(fd)
            HELD.add(fd)
            _acquire(fd, path, settings.wait_lock, log)
            os.ftruncate(fd, 0)
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            os.pwrite(fd, f"archiver run pid {os.getpid()} since {stamp}: {' '.join(sys.argv[1:3])}\n".encode(), 0)
        yield
    finally:
        for fd in reversed(held):
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            except OSError:
                pass  # never held (the filesystem refused it), or gone with the file: closing drops it anyway
            finally:
                HELD.discard(fd)
                os.close(fd)


HELD: set[int] = set()  # this process's lock descriptors, for a forked child to close (drop_inherited)


def drop_inherited() -> None:
    """In a forked child: close its copies of the parent's lock descriptors, so the lock ends with the parent.
    A notification's child process (``watch/senddeadline.py``) outliving a killed run kept the archive locked
    for the next run. Never unlocks: ``LOCK_UN`` on a shared descriptor would free the parent's lock too."""
    for fd in list(HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    HELD.clear()


def unwritable_message(path: str | Path, exc: OSError) -> str:
    """'cannot write PATH (reason): remedy' for a folder or file archiver must write but may not."""
    from archiver.output import file_in_the_way

    in_the_way = file_in_the_way(Path(path).parent if Path(path).name == LOCK_NAME else path)
    if in_the_way is not None and exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return (f"cannot write {path}: {in_the_way} is a file, not a folder; give --warcs/--db "
                "(ARCHIVER_WARCS/ARCHIVER_DB) a folder, or move the file away")
    return (f"cannot write {path} ({exc.strerror or exc}): the archive needs a writable folder. "
            "Make it writable (a read-only mount, chattr +i, or the wrong owner?) or give --warcs/--db "
            "(ARCHIVER_WARCS/ARCHIVER_DB) a writable place")


def _acquire(fd: int, path: Path, wait: float, log: Callable[..., None] | None) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(fd)
        except OSError as exc:
            if exc.errno not in NO_LOCKS:
                raise
            raise ArchiveUnwritable(
                f"cannot lock {path} ({exc.strerror or exc}): its filesystem refuses file locks (NFS without its "
                "lock daemon, a FUSE mount?). archiver locks the archive so that two runs never write it at "
                "once, and SQLite locks the catalog; give --warcs/--db (ARCHIVER_WARCS/ARCHIVER_DB) a folder on "
                "a filesystem with locks (a local disk)") from None
        if time.monotonic() >= deadline:
            waited = f" after waiting {wait:g} s" if wait else ""
            raise ArchiveBusy(f"the archive is in use{waited}: {holder} (lock {path}). "
                              "Let it finish, or give --wait-lock SECONDS (ARCHIVER_WAIT_LOCK) to wait for it",
                              holder, held_since(holder))
        if not told and log is not None:
            log("waiting-for-lock", f"waiting up to {wait:g} s for the archive: {holder} (lock {path})",
                lock=str(path), holder=holder)
            told = True
        time.sleep(min(POLL, max(0.0, deadline - time.monotonic())))
