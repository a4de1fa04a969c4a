"""URLs that timed out last time are asked after the others (host45, hostile round 37).

A host that answers most pages but stalls on a few (a slow search page, a tarpit URL) is given up for the
run after ``--host-timeouts`` timeouts in a row (``silence.HostSilence``); its other queued URLs fail with
"will retry next run". When the stalling URLs come first in the list, every later run asked them first
again, timed out on them again and gave the host up again: the host's good pages were never fetched, run
after run. URLs that timed out since their last capture now wait behind the host's other URLs, ranked
by how many times (list order kept within a rank), so the URLs never asked come first. Heritrix likewise
sends a URI that failed to the back of its host's queue ("retry delay"); wget keeps list order (it has no host cut-off).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

TIMEOUTS_LAST = True  # off: the list's order, as before


def timeouts_since_capture(conn: sqlite3.Connection) -> dict[str, int]:
    """Catalog URL -> how many of its rows since its last capture (all its rows when never captured) are
    failures by timeout (``timeout (read)``, ``timeout mid-body ...``, ``timeout (connect)``,
    ``timeout (total)``); URLs with none are absent. One pass over the failed rows."""
    rows = conn.execute(
        "SELECT c.url, COUNT(*) FROM captures c WHERE c.state = 'failed' AND c.reason LIKE 'timeout%' "
        "AND c.id > COALESCE((SELECT MAX(id) FROM captures WHERE url = c.url AND state = 'captured'), 0) "
        "GROUP BY c.url")
    return {row[0]: int(row[1]) for row in rows}


def timeouts_last(todo: Sequence[T], conn: sqlite3.Connection, key: Callable[[T], str]) -> tuple[list[T], int]:
    """``todo`` ranked by how often each item's ``key`` (a catalog URL) timed out since its last capture,
    fewest first, list order kept within a rank; and how many items have timed out at all. Unchanged when
    none did or the switch is off.

    Ranking by the count (not by the newest row alone, review49) keeps the queue moving when a host has
    more stalling URLs than ``--host-timeouts``: a stalling URL the run never reached gets a "host stopped
    answering" row, not a timeout, so by the newest row alone it went back to the front and two groups of
    stalling URLs took turns starving the good pages. By the count, each run asks stalling URLs not yet
    tried first, and the good pages come up within (stalling URLs / --host-timeouts) + 1 runs."""
    if not TIMEOUTS_LAST or not todo:
        return list(todo), 0
    slow = timeouts_since_capture(conn)
    if not slow:
        return list(todo), 0
    ranked = sorted(todo, key=lambda item: slow.get(key(item), 0))  # sorted() is stable: list order kept
    return ranked, sum(1 for item in todo if key(item) in slow)
