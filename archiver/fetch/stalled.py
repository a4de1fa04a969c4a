"""URLs that timed out last time are asked after the others (host45, hostile round 37).

A host that answers most pages but stalls on a few (a slow search page, a tarpit URL) is given up for the
run after ``--host-timeouts`` timeouts in a row (``silence.HostSilence``); its other queued URLs fail with
"will retry next run". When the stalling URLs come first in the list, every later run asked them first
again, timed out on them again and gave the host up again: the host's good pages were never fetched, run
after run. A URL whose latest attempt ended in a timeout now waits behind the host's other URLs (list
order kept within each group), so the URLs never asked come first. Heritrix likewise sends a URI that
failed to the back of its host's queue ("retry delay"); wget keeps list order (it has no host cut-off).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

TIMEOUTS_LAST = True  # off: the list's order, as before


def timed_out_last(conn: sqlite3.Connection) -> set[str]:
    """The catalog URLs whose newest row is a failure by timeout (``timeout (read)``, ``timeout mid-body
    ...``, ``timeout (connect)``, ``timeout (total)``). One pass over the failed rows."""
    rows = conn.execute(
        "SELECT c.url FROM captures c WHERE c.state = 'failed' AND c.reason LIKE 'timeout%' "
        "AND c.id = (SELECT MAX(id) FROM captures WHERE url = c.url)")
    return {row[0] for row in rows}


def timeouts_last(todo: Sequence[T], conn: sqlite3.Connection, key: Callable[[T], str]) -> tuple[list[T], int]:
    """``todo`` with the items whose ``key`` (a catalog URL) timed out last time moved to the end, each
    group in its own order; and how many moved. Unchanged when none did or the switch is off."""
    if not TIMEOUTS_LAST or not todo:
        return list(todo), 0
    slow = timed_out_last(conn)
    if not slow:
        return list(todo), 0
    first = [item for item in todo if key(item) not in slow]
    last = [item for item in todo if key(item) in slow]
    return first + last, len(last)
