"""After a backoff, a host's URLs come back a few at a time: a slow start, not every URL in one run.

When a site is down, every watched URL of it fails in the same run and backs off
(:mod:`archiver.watch.backoff`) with the same wait, so after a long outage all of
them would be due again in one run, and a site still down (or just back up) would
be asked for every one of them. Here the URLs whose backoff has ended are let
through per host: the first run after the backoff fetches ``first`` of a host's
(``--per-host``: a probe), each later run twice as many as the run before while
the host answers; the rest wait in the list for the next runs (they are due, so
a later run takes them). When a released URL fails as a host fails (no answer, a
timeout, HTTP 429 or 5xx; not a 404 of one page), the host starts again at
``first``, and its other URLs waiting out a backoff are not tried before that
URL's next try: a host still down is asked ``first`` URLs per backoff step, not
all of them. The doubling is TCP's slow start (RFC 5681 3.1) applied to runs.
Within a run the fetcher's per-host politeness (``--per-host``, ``--delay``,
robots.txt's ``Crawl-delay``) applies as to any fetch.

State: the catalog table ``watch_revival`` (one row per host with URLs coming
back), created on first use; a host's row goes once none of its URLs backs off.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from urllib.parse import urlsplit

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_revival (
    host TEXT PRIMARY KEY,
    allow INTEGER NOT NULL,       -- URLs whose backoff ended that the next run may fetch
    released INTEGER NOT NULL     -- how many the last run released
);
"""


def ensure(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def host_of(url: str) -> str:
    """The host part of ``url``, lower-cased (the per-host scheduler's key)."""
    return (urlsplit(url).hostname or "").lower()


def host_failure(status: int | None) -> bool:
    """Whether a failed attempt with HTTP ``status`` (None: no answer) says the host fails, not the page."""
    return status is None or status == 429 or status >= 500


def release(conn: sqlite3.Connection, ended: dict[str, str], urls: Iterable[str],
            first: int) -> tuple[set[str], dict[str, int]]:
    """Which of ``urls`` (the run's, catalog spelling) to fetch now among those whose backoff ended
    (``ended``: url -> its next try, passed). Returns (the URLs held back for a later run, {host: how
    many are held}); the others, and every URL not in ``ended``, are fetched. The earliest next tries
    go first. Each host's release is stored for :func:`settle`."""
    ensure(conn)
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        if url in ended:
            by_host.setdefault(host_of(url), []).append(url)
    held: set[str] = set()
    waiting: dict[str, int] = {}
    for host, group in by_host.items():
        row = conn.execute("SELECT allow FROM watch_revival WHERE host = ?", (host,)).fetchone()
        allow = max(int(row[0]) if row else first, 1)
        group.sort(key=lambda url: (ended[url], url))
        later = group[allow:]
        held.update(later)
        if later:
            waiting[host] = len(later)
        with conn:
            conn.execute("INSERT INTO watch_revival (host, allow, released) VALUES (?, ?, ?) ON CONFLICT(host) "
                         "DO UPDATE SET allow = excluded.allow, released = excluded.released",
                         (host, allow, min(allow, len(group))))
    return held, waiting


def attempted(conn: sqlite3.Connection, since: int) -> dict[str, int | None]:
    """The URLs backing off whose attempt this run made (captures after id ``since``; each URL's latest),
    each with that attempt's HTTP status (None: no answer, or captured). Read before
    :func:`archiver.watch.backoff.record` clears or moves their rows."""
    rows = conn.execute("SELECT c.url, c.state, c.http_status FROM captures c JOIN (SELECT url, MAX(id) AS id "
                        "FROM captures WHERE id > ? GROUP BY url) m ON m.id = c.id "
                        "WHERE c.url IN (SELECT url FROM watch_backoff)", (since,))
    return {url: (None if state == "captured" else status) for url, state, status in rows}


def settle(conn: sqlite3.Connection, revived: dict[str, int | None], failing: dict[str, str], first: int) -> None:
    """After a run: ``revived`` (url -> HTTP status of its attempt, None when captured or unanswered; the
    URLs of this run whose backoff had ended), ``failing`` (url -> next try, as
    :func:`archiver.watch.backoff.record` set them). A host whose released URL failed as a host fails
    starts again at ``first``, and its other backing-off URLs wait for that URL's next try; a host that
    answered may release twice as many next run. Rows of hosts with no URL backing off any more go."""
    ensure(conn)
    hosts: dict[str, list[str]] = {}
    for url in revived:
        hosts.setdefault(host_of(url), []).append(url)
    backing: dict[str, list[tuple[str, str]]] = {}  # host -> its backing-off (url, next try): one parse per URL
    for url, retry in conn.execute("SELECT url, retry_at FROM watch_backoff"):
        backing.setdefault(host_of(url), []).append((url, retry))
    for host, urls in hosts.items():
        down = [url for url in urls if url in failing and host_failure(revived[url])]
        if down:
            retry = max(failing[url] for url in down)
            others = [url for url, at in backing.get(host, ()) if url not in urls and at < retry]
            conn.executemany("UPDATE watch_backoff SET retry_at = ? WHERE url = ?", [(retry, u) for u in others])
            conn.execute("UPDATE watch_revival SET allow = ? WHERE host = ?", (first, host))
        else:
            conn.execute("UPDATE watch_revival SET allow = MAX(?, 2 * released) WHERE host = ?", (first, host))
    still = {host_of(url) for url, _ in conn.execute("SELECT url, retry_at FROM watch_backoff")}
    conn.executemany("DELETE FROM watch_revival WHERE host = ?",
                     [(h,) for (h,) in conn.execute("SELECT host FROM watch_revival").fetchall() if h not in still])
