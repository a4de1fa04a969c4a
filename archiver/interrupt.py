"""Ctrl-C and SIGTERM end a run with exit code 130 and one line, never a traceback, never a hang.

An interrupt can arrive anywhere: while modules are still being imported (Python
then may wrap the KeyboardInterrupt in a RuntimeError, e.g. "Error calling
__set_name__"), inside a worker pool's shutdown, or at exit. :func:`is_interrupt`
recognises it in any of those shapes; :func:`leave` ends the process after the
``finally`` blocks have run (WARCs closed, catalog committed) without waiting on
threads or child processes a library may have left stuck.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Set as AbstractSet

MESSAGE = "archiver: interrupted"
EXIT_INTERRUPTED = 130


class StopHeard(BaseException):
    """Ctrl-C or SIGTERM heard while a fetch waited for a catalog another program holds locked
    (:class:`archiver.catalog.PatientConnection`): the run stops as interrupted (exit 130). ``unrecorded``: the
    (WARC file name, offset) of the records of the capture the catalog did not take, cut back by the caller
    (``WarcWriter.drop_unrecorded``). A BaseException, as KeyboardInterrupt is, so that no ``except Exception``
    on the way takes it for a failure; unlike KeyboardInterrupt, an asyncio task keeps it as its result instead
    of letting it out of the event loop."""

    def __init__(self, message: str = "interrupted while waiting for the catalog") -> None:
        super().__init__(message)
        self.unrecorded: list[tuple[str, int]] = []


_HEARD: list[int] = []  # signals noted by listen_for_stop's handler since the last listen_for_stop


def _note_stop(signum: int, frame: object) -> None:
    _HEARD.append(signum)


def listen_for_stop(signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> None:
    """Note ``signals`` for :func:`heard_stop` the moment Python runs its handlers (between two bytecodes of the
    main thread), beside the asyncio event loop's own handling, which is called for only when the loop gets to it:
    a catalog call that waits on another program's lock blocks the loop, not Python's handlers. Called after
    ``loop.add_signal_handler`` (whose wakeup file descriptor is kept: the loop still hears the signal)."""
    _HEARD.clear()
    for sig in signals:
        signal.signal(sig, _note_stop)


def forget_stop() -> None:
    """Forget the signals heard since :func:`listen_for_stop` (the fetch that listened is over: a later catalog
    wait in the same process must not take its stop as its own)."""
    _HEARD.clear()


def heard_stop() -> bool:
    """True if a signal :func:`listen_for_stop` listens for came since it was called."""
    return bool(_HEARD)


def is_interrupt(exc: BaseException | None) -> bool:
    """True if ``exc`` is a KeyboardInterrupt or a :class:`StopHeard`, or was caused by one
    (``__cause__``/``__context__`` chain)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, KeyboardInterrupt | StopHeard):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


_SWALLOWED: list[bool] = []


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _SWALLOWED.append(True)
        return
    sys.__unraisablehook__(unraisable)


def catch_swallowed() -> None:
    """Note, without a printed traceback, a Ctrl-C that Python swallows.

    A KeyboardInterrupt raised inside a weakref callback or a ``__del__`` (seen:
    importlib's module-lock callback while a module loads) is "ignored" by
    CPython: it prints "Exception ignored in ... Traceback" and goes on. With
    this hook the interrupt is recorded instead; :func:`was_swallowed` tells the
    caller to end with 130 once the work in hand is done.
    """
    sys.unraisablehook = _quiet_unraisable


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def term_as_interrupt() -> None:
    """Have SIGTERM raise KeyboardInterrupt, as Ctrl-C does, in every phase of a command.

    Its default action killed the process outright (exit 143, no line) when it came outside a fetch's
    event loop (which stops on it gracefully): while the list was read, or during the CDXJ step after
    the fetch. Called by the program (``archiver``, ``python -m archiver``), not when the CLI is a library call.
    """
    signal.signal(signal.SIGTERM, _terminated)


def was_swallowed() -> bool:
    """True if a KeyboardInterrupt was swallowed since :func:`catch_swallowed`."""
    return bool(_SWALLOWED)


def ignore_further() -> None:
    """A second Ctrl-C while we clean up must not raise inside the cleanup."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread
        pass


def end_children(deadline: float = 5.0, spare: AbstractSet[int | None] = frozenset()) -> None:
    """Kill this process's multiprocessing children (pool workers) but those in ``spare`` (pids), and reap
    them, within ``deadline`` seconds.

    Loops until no child has been seen for a moment, so a worker a pool thread
    forks while we kill the others goes too.
    """
    import multiprocessing

    end = time.monotonic() + deadline
    quiet_since = time.monotonic()
    while time.monotonic() < end:
        children = [c for c in multiprocessing.active_children() if c.pid not in spare]
        if children:
            quiet_since = time.monotonic()
            for child in children:
                try:
                    child.kill()
                except (OSError, AttributeError, ValueError):
                    pass
            for child in children:
                child.join(timeout=max(0.0, min(0.5, end - time.monotonic())))
        elif time.monotonic() - quiet_since > 0.2:
            return
        time.sleep(0.02)


def leave(code: int = EXIT_INTERRUPTED) -> None:
    """Print the one line (for 130), flush, end the children and exit now: no atexit, no thread joins."""
    ignore_further()
    if code == EXIT_INTERRUPTED:
        try:
            sys.stderr.write(MESSAGE + "\n")
        except (OSError, ValueError):
            pass
    end_children()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
