"""Per-URL backoff for ``--watch`` runs: a URL whose fetch fails waits longer before each next try.

A dead site or a deleted page would otherwise be asked on every run (a URL never
captured is "new" on every run; a watched one is due on its schedule however
often it fails). After the n-th failure in a row the URL is not fetched again
before ``FIRST * 2**(n-1)`` (capped at ``MAX``) has passed on the run's clock
(:mod:`archiver.watch.clock`); a success (a capture) clears its row. The
doubling with a cap is the usual retry shape (RFC 6298 5.5 for TCP's
retransmission timer; AWS's "Exponential Backoff And Jitter"). A site's URLs fail
together and would all come back in one run: :mod:`archiver.watch.revival` lets
them through a few per host, doubling per run while the host answers.

The state is the catalog table ``watch_backoff`` (one row per failing URL; the
URL as the catalog keeps it), created on first use.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from archiver.watch.clock import iso
from archiver.watch.schedule import parse_duration

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_backoff (
    url TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,    -- failed attempts in a row
    since TEXT NOT NULL,          -- the run clock of the first of them
    last_failure TEXT NOT NULL,   -- the run clock of the latest
    retry_at TEXT NOT NULL,       -- not fetched by a --watch run before this time
    reason TEXT                   -- the latest failure's reason (HTTP 503 Service Unavailable, a timeout ...)
);
CREATE INDEX IF NOT EXISTS watch_backoff_retry ON watch_backoff(retry_at);
"""
OFF = ("off", "0", "none", "no")


@dataclass(frozen=True)
class Backoff:
    """The waits: ``first`` after one failure, doubling per failure in a row, never above ``cap``."""

    first: timedelta
    cap: timedelta

    def wait(self, failures: int) -> timedelta:
        """The wait after ``failures`` (>= 1) failures in a row."""
        doubled = self.first * 2 ** min(max(failures, 1) - 1, 40)  # 2**40 * 1 s is past any cap
        return min(doubled, self.cap)


def parse_backoff(text: str | None) -> Backoff | None:
    """``FIRST,MAX`` (``5m,1d``) as a Backoff; ``off`` (or ``0``) as None (no backoff).

    Raises ValueError when a part is not a duration (:func:`archiver.watch.schedule.parse_duration`),
    a wait is not positive, or MAX is shorter than FIRST.
    """
    value = str(text or "").strip()
    if value.lower() in OFF:
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2:
        raise ValueError(f"{text!r}: give FIRST,MAX (e.g. 5m,1d: wait 5 minutes after a failure, doubling per "
                         "failure in a row up to a day) or off")
    first, cap = parse_duration(parts[0]), parse_duration(parts[1])
    if first <= timedelta(0) or cap < first:
        raise ValueError(f"{text!r}: the first wait must be positive and MAX at least as long as it")
    return Backoff(first, cap)


def ensure(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def held(conn: sqlite3.Connection, now: str) -> dict[str, str]:
    """``{url: retry_at}`` of the URLs whose next try is after ``now``. A URL whose latest failure is
    after ``now`` (the clock went back since) is not held: its wait was counted from a later time."""
    rows = conn.execute("SELECT url, retry_at FROM watch_backoff WHERE retry_at > ? AND last_failure <= ?",
                        (now, now))
    return {r[0]: r[1] for r in rows}


def ended(conn: sqlite3.Connection, now: str) -> dict[str, str]:
    """``{url: retry_at}`` of the failing URLs whose next try has come (at or before ``now``, or a latest
    failure after ``now``: the clock went back); :mod:`archiver.watch.revival` lets them through a few
    per host."""
    rows = conn.execute("SELECT url, retry_at FROM watch_backoff WHERE retry_at <= ? OR last_failure > ?",
                        (now, now))
    return {r[0]: r[1] for r in rows}


def record(conn: sqlite3.Connection, since: int, now: datetime, policy: Backoff | None) -> dict[str, str]:
    """Count this run's outcomes (the attempts after capture id ``since``; each URL's latest): a
    failure adds one to the URL's failures in a row and sets its next try, a capture clears its row.
    Returns ``{url: retry_at}`` of the URLs failing now. With ``policy`` None every row is cleared."""
    if policy is None:
        conn.execute("DELETE FROM watch_backoff")
        return {}
    stamp = iso(now)
    latest = conn.execute("SELECT c.url, c.state, c.reason, c.http_status FROM captures c JOIN "
                          "(SELECT url, MAX(id) AS id FROM captures WHERE id > ? GROUP BY url) m ON m.id = c.id",
                          (since,)).fetchall()
    failing: dict[str, str] = {}
    for url, state, reason, status in latest:
        if state == "captured":
            conn.execute("DELETE FROM watch_backoff WHERE url = ?", (url,))
            continue
        if state != "failed":  # skipped (robots.txt), not this URL's failure
            continue
        row = conn.execute("SELECT failures, since FROM watch_backoff WHERE url = ?", (url,)).fetchone()
        failures = (row[0] if row else 0) + 1
        retry_at = iso(now + policy.wait(failures))
        why = reason or (f"HTTP {status}" if status else state)
        conn.execute("INSERT INTO watch_backoff (url, failures, since, last_failure, retry_at, reason) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET failures = excluded.failures, "
                     "last_failure = excluded.last_failure, retry_at = excluded.retry_at, reason = excluded.reason",
                     (url, failures, row[1] if row else stamp, stamp, retry_at, why))
        failing[url] = retry_at
    return failing


def rows(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """Every failing URL's row (``failures``, ``since``, ``retry_at``, ``reason``); {} on a catalog
    that has no such table (never watched)."""
    try:
        return {r["url"]: r for r in conn.execute("SELECT * FROM watch_backoff")}
    except sqlite3.OperationalError:
        return {}
