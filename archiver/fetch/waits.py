"""A server's ``Retry-After`` kept across runs: the pause a host asked for outlives the run that heard it.

Within a run, a 429 or 503 with ``Retry-After`` holds the host's requests (up to ``--retry-after-max``,
:mod:`archiver.fetch.hosts`). A run that gives the URL up (retries spent, or the pause longer than the
cap) notes the host's wish here: ``host_waits`` in the catalog, host -> until (ISO 8601 UTC) and the
header as sent. The next run (cron's, minutes later) fetches none of the host's URLs before that time
and says so; they stay unfetched, so the first run after it takes them. A wish is kept at most
``MAX_WAIT`` (a day): a server's date years ahead does not shelve a host for good.

A 429 Too Many Requests without ``Retry-After`` (RFC 6585 section 4: the header is optional) still asks the
client to slow down: the host is left alone for ``PAUSE_WITHOUT_RETRY_AFTER`` (before, every run of a 5-minute
cron asked it again, retries and all, and was told 429 again).
"""
from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from archiver.fetch.retry import retry_after

MAX_WAIT = 24 * 3600.0  # seconds: the longest pause a server's Retry-After is kept for
PAUSE_WITHOUT_RETRY_AFTER = 600.0  # seconds a host that said 429 without Retry-After is left alone (archiver's policy)
NO_RETRY_AFTER = f"none sent with the 429; archiver's pause of {PAUSE_WITHOUT_RETRY_AFTER:.0f} s"  # ``said`` for it
SCHEMA = """
CREATE TABLE IF NOT EXISTS host_waits (
    host TEXT PRIMARY KEY,
    until TEXT NOT NULL,          -- ISO 8601 UTC: no request to the host before this
    said TEXT NOT NULL            -- the Retry-After value as the server sent it (cut to 60 characters)
) WITHOUT ROWID;
"""


def note(conn: sqlite3.Connection, host: str, value: str, now: datetime | None = None, said: str | None = None
         ) -> str | None:
    """Keep the pause ``value`` (a ``Retry-After`` header: seconds or an HTTP date) asks of ``host``;
    return the time it ends (ISO 8601 UTC), or None for a value that asks nothing (bad, zero, past).
    ``said``: what to show as the header's value, when the pause is not the server's (``NO_RETRY_AFTER``)."""
    now = now or datetime.now(UTC)
    seconds = retry_after(value, MAX_WAIT, now)
    if not seconds or not host:
        return None
    until = (now + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with conn:
        conn.executescript(SCHEMA)
        conn.execute("INSERT INTO host_waits (host, until, said) VALUES (?, ?, ?) ON CONFLICT(host) DO UPDATE "
                     "SET until = MAX(until, excluded.until), said = excluded.said",
                     (host, until, (said or value).strip()[:60]))
    return until


def pending(conn: sqlite3.Connection, now: datetime | None = None) -> dict[str, tuple[str, str]]:
    """Hosts still asking for a pause: host -> (until, said). Those whose time has passed are dropped."""
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'host_waits'").fetchone() is None:
        return {}
    with conn:
        conn.execute("DELETE FROM host_waits WHERE until <= ?", (stamp,))
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT host, until, said FROM host_waits")}
