"""A stop heard during one fetch is that fetch's: once ``_run_with_signals`` returns, ``heard_stop`` is False
again, so a later catalog wait in the same process (``run``'s extraction and watch after a fetch) is not cut
short by it (before: ``_HEARD`` was cleared only when the next fetch began listening)."""

from __future__ import annotations

import asyncio
import os
import signal

from archiver.fetch.runner import _run_with_signals
from archiver.interrupt import heard_stop


def test_a_stop_heard_by_a_fetch_is_forgotten_when_the_fetch_ends():
    seen: list[bool] = []

    async def fetch(stop: asyncio.Event) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(200):  # the handlers run between bytecodes; the loop's handler sets the event
            if stop.is_set() and heard_stop():
                break
            await asyncio.sleep(0.01)
        seen.append(heard_stop())

    assert _run_with_signals(fetch) is True
    assert seen == [True]  # heard while the fetch ran ...
    assert heard_stop() is False  # ... and forgotten once it ended
