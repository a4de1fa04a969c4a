"""Child processes that end with their parent, even after ``kill -9`` of the parent.

Linux's ``prctl(PR_SET_PDEATHSIG)`` has the kernel send a signal to a process
when the thread that forked it dies. Worker pools fork from the driver's main
thread or from the pool's manager thread, both of which live as long as the
pool, so a worker set up this way cannot outlive a driver killed with SIGKILL
(which no handler in the driver can catch). Elsewhere the call does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int | None = None, sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies; True if set up.

    ``parent_pid`` (the driver's pid, taken before the fork) closes the race of a
    parent that died before the call: the process then exits at once.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)
    return True
