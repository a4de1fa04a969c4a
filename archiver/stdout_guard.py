"""A closed stdout (``archiver run urls.txt | head -5``) must not stop the work.

:class:`PipeSafe` wraps ``sys.stdout``/``sys.stderr``: on the first
``BrokenPipeError`` it points the file descriptor at ``/dev/null`` (the recipe in
Python's ``signal`` module documentation, "Note on SIGPIPE") and drops all later
output, so the run goes on fetching and extracting and no traceback is printed.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO


class PipeSafe:
    """A text stream that swallows a broken pipe: writes after the reader has gone are dropped."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._to_devnull()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._to_devnull()

    def isatty(self) -> bool:
        return False if self.broken else self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _to_devnull(self) -> None:
        self.broken = True
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, self._stream.fileno())  # what is still buffered goes nowhere, quietly
            finally:
                os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no file descriptor (a test's capture): nothing to point
            pass


@contextmanager
def pipe_safe_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` wrapped in :class:`PipeSafe` for the ``with`` body."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PipeSafe(sys.stdout), PipeSafe(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # here, not at exit: a broken pipe is swallowed now, not reported by the interpreter
        sys.stdout, sys.stderr = saved
