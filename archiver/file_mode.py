"""The mode a file gets when created the ordinary way: ``0o666 & ~umask``.

``tempfile.mkstemp`` (used for atomic replace) creates files 0600 whatever the
umask, so an index or clean text file written that way would be unreadable to
the group and others while the WARC files beside it are 0644.
"""
from __future__ import annotations

import os
from functools import cache


@cache
def umask() -> int:
    """The process's umask, read from /proc/self/status on Linux (no change of the process state),
    else by setting and restoring it (read once, at first use)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def ordinary_mode() -> int:
    """``0o666 & ~umask``: the permission bits ``open(path, "w")`` would give a new file."""
    return 0o666 & ~umask()


def make_ordinary(fd: int) -> None:
    """Give the open file ``fd`` (from ``mkstemp``) the ordinary mode; OSError passes through."""
    os.fchmod(fd, ordinary_mode())
