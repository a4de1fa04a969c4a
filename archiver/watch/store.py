"""The watch tables in the catalog: the schedule, judged captures, change events and their outbox.

Created on first use next to the catalog's own tables (same file, same single
writer). Times are the clock's sortable UTC strings (:func:`archiver.watch.clock.iso`).

- ``watch``: one row per watched URL: when it was first seen and published, its
  last check and last content change, when it is due next (NULL: no longer
  watched, past its age limit), and the newest capture judged.
- ``watch_captures``: the verdict on each judged capture (see
  :mod:`archiver.watch.judge`) and the version it shows.
- ``watch_events``: what is worth telling (:func:`archiver.watch.run._worth_an_event` decides):
  ``edit`` (a content change), ``byline`` (the same text, another author line), ``caption`` (the same text,
  a photo caption edited: :mod:`archiver.diff.captions`),
  ``extraction-changed`` (a warning, never an edit), ``gone`` (the article answers
  404/410, told once while it stays gone), ``back`` (it answers again with a text it
  had), ``return`` (back to the text just before, a stale copy flapping: recorded once per URL, never
  sent; a return past later texts, a rollback, is stored as an ``edit`` whose detail says ``rollback``).
  Every kind but ``return`` is notified and listed in ``clean/changes.atom``.
- ``watch_outbox``: one row per (event, notification target) until it is sent;
  a target is named by a digest of its URL, so no secret lands in the catalog.
- ``watch_targets``: when each target (by digest) was last given to a run; the unsent
  messages of one not given for :data:`ORPHAN_DAYS` days are dropped (:func:`orphans`).
- ``history_seen``: the newest capture ``archiver history --new-only`` reported per URL.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from archiver.watch.clock import iso, parse_time
from archiver.watch.schedule import Policy, next_due

SCHEMA = """
CREATE TABLE IF NOT EXISTS watch (
    url TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    published TEXT,               -- the article's own date, when it has one
    last_check TEXT,
    last_change TEXT,
    next_due TEXT,                -- NULL: past the age limit, not checked again
    checks INTEGER NOT NULL DEFAULT 0,
    last_capture INTEGER NOT NULL DEFAULT 0   -- newest capture id judged
);
CREATE INDEX IF NOT EXISTS watch_due ON watch(next_due);
CREATE INDEX IF NOT EXISTS watch_checked ON watch(last_check);  -- a clock gone back: checked after now

CREATE TABLE IF NOT EXISTS watch_captures (
    capture_id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    verdict TEXT NOT NULL,        -- see archiver.watch.judge: first, same, quiet, edit, return, ...
    version INTEGER,              -- the version the capture shows; NULL when it is not the article
    digest TEXT,
    detail TEXT
);
CREATE INDEX IF NOT EXISTS watch_captures_url ON watch_captures(url, capture_id);

CREATE TABLE IF NOT EXISTS watch_events (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,           -- edit | byline | extraction-changed | gone | back | return
    capture_id INTEGER NOT NULL,
    old_capture_id INTEGER,
    version INTEGER,
    old_version INTEGER,
    at TEXT NOT NULL,             -- the new capture's time
    old_at TEXT,
    title TEXT,
    detail TEXT NOT NULL,         -- JSON: changes, paths, WARC records
    created_at TEXT NOT NULL,
    UNIQUE (url, capture_id, kind)
);

CREATE TABLE IF NOT EXISTS watch_outbox (
    event_id INTEGER NOT NULL REFERENCES watch_events(id),
    target TEXT NOT NULL,         -- digest of the notification URL
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at TEXT,
    sending_at TEXT,              -- set before the send, cleared by its outcome: a killed run leaves it
    PRIMARY KEY (event_id, target)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS watch_targets (
    target TEXT PRIMARY KEY,      -- digest of a notification URL (target_key)
    last_given TEXT NOT NULL      -- the run time (--now) of the latest run given it, or that first found it missing
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS history_seen (
    url TEXT PRIMARY KEY,
    capture_id INTEGER NOT NULL
);
"""

NOTIFIED_KINDS = ("edit", "extraction-changed", "byline", "caption", "gone", "back")  # a return is never sent


def ensure(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)
    if "sending_at" not in {r[1] for r in conn.execute("PRAGMA table_info(watch_outbox)")}:  # a catalog of 2026-12-01
        conn.execute("ALTER TABLE watch_outbox ADD COLUMN sending_at TEXT")


def target_key(notify_url: str) -> str:
    """The outbox's name for a notification URL: a digest, so credentials in it are not stored."""
    return hashlib.sha256(notify_url.encode("utf-8")).hexdigest()[:20]


@dataclass
class Watched:
    url: str
    first_seen: str
    published: str | None
    last_check: str | None
    last_change: str | None
    next_due: str | None
    checks: int
    last_capture: int


def watched(conn: sqlite3.Connection, url: str) -> Watched | None:
    row = conn.execute("SELECT * FROM watch WHERE url = ?", (url,)).fetchone()
    return Watched(**dict(row)) if row else None


def all_watched(conn: sqlite3.Connection) -> list[Watched]:
    return [Watched(**dict(r)) for r in conn.execute("SELECT * FROM watch ORDER BY url")]


def start_watching(conn: sqlite3.Connection, url: str, first_seen: str, published: str | None) -> None:
    """Add ``url`` (due at once: its first check is the capture that made it known)."""
    conn.execute("INSERT OR IGNORE INTO watch (url, first_seen, published, next_due) VALUES (?, ?, ?, ?)",
                 (url, first_seen, published, first_seen))


def due_urls(conn: sqlite3.Connection, now: str, among: Iterable[str] | None = None) -> set[str]:
    """URLs whose next check is at or before ``now`` (restricted to ``among`` when given), and
    watched URLs last checked after ``now``: the clock has gone back since (set right, a machine
    restored), so their next check, set from that later time, would wait for it to catch up.

    A URL with a capture newer than the last one judged is not due: a run interrupted after fetching it
    (Ctrl-C; ``archiver run`` judges nothing then) checked it already, and this run judges that capture and
    sets its next check (it was fetched a second time, though the interrupted run's summary said "what was
    captured is kept and not fetched again").

    Indexed range scans; ``among`` is matched in Python (a list of 10,000 URLs
    would not fit in one SQL ``IN``).
    """
    judged = "NOT EXISTS (SELECT 1 FROM captures c WHERE c.url = w.url AND c.id > w.last_capture)"
    rows = conn.execute(f"SELECT url FROM watch w WHERE next_due IS NOT NULL AND next_due <= ? AND {judged}",
                        (now,))
    due = {r[0] for r in rows}
    due |= {r[0] for r in conn.execute("SELECT url FROM watch w WHERE next_due IS NOT NULL AND last_check > ? "
                                       f"AND {judged}", (now,))}
    return due if among is None else due & set(among)


def revivable(conn: sqlite3.Connection, young: str) -> set[str]:
    """Watched URLs no longer checked (past an age limit) whose age, counted as the schedule
    counts it (publication, else first sight), is after ``young``: a longer ``--watch-max-age``
    than the one that stopped them takes them up again."""
    rows = conn.execute("SELECT url FROM watch WHERE next_due IS NULL AND COALESCE(published, first_seen) > ?",
                        (young,))
    return {r[0] for r in rows}


def unwatched_since(conn: sqlite3.Connection, since: str) -> set[str]:
    """Captured URLs with no watch row whose first capture is at or after ``since`` (young enough to watch)."""
    rows = conn.execute("SELECT c.url FROM captures c WHERE c.state = 'captured' AND NOT EXISTS "
                        "(SELECT 1 FROM watch w WHERE w.url = c.url) GROUP BY c.url HAVING MIN(c.fetched_at) >= ?",
                        (since,))
    return {r[0] for r in rows}


def unwatched_due(conn: sqlite3.Connection, young: str, now: datetime, policy: Policy) -> set[str]:
    """The URLs of :func:`unwatched_since` (``young``) that are due at ``now`` when their last capture is
    taken for a check: the first ``--watch`` run on an older archive fetches a URL captured a minute
    ago when its first interval has passed, not at once with all the others. A last capture after
    ``now`` (the clock went back, as :func:`due_urls` says) is due."""
    rows = conn.execute("SELECT c.url, MIN(c.fetched_at), MAX(c.fetched_at) FROM captures c WHERE c.state = "
                        "'captured' AND NOT EXISTS (SELECT 1 FROM watch w WHERE w.url = c.url) GROUP BY c.url "
                        "HAVING MIN(c.fetched_at) >= ?", (young,))
    longest = max([policy.last] + [every for _, every in policy.steps])
    surely = iso(now - longest)  # a last capture this old is due whatever its quiet time (no parsing)
    due = set()
    for url, first, last in rows:
        if last <= surely:
            due.add(url)
            continue
        seen, checked_at = parse_time(first), parse_time(last)
        when = next_due(seen, None, checked_at, policy)
        if when is None or when <= now or checked_at > now:
            due.add(url)
    return due


def unwatched_next(conn: sqlite3.Connection, urls: Iterable[str], now: datetime, policy: Policy) -> str | None:
    """The earliest next check (ISO 8601, UTC) after ``now`` of those of ``urls`` (the catalog's spelling) that
    have captures and no watch row yet, their last capture taken for a check as :func:`unwatched_due` takes it;
    None when none has one. The first ``--watch`` run on an archive made without it said "not due for a check"
    of such URLs without saying when they would be (their watch row is made at their first check)."""
    wanted = list(dict.fromkeys(urls))
    best: datetime | None = None
    for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
        part = wanted[start:start + 500]
        marks = ",".join("?" * len(part))
        rows = conn.execute(f"SELECT c.url, MIN(c.fetched_at), MAX(c.fetched_at) FROM captures c WHERE c.state = "
                            f"'captured' AND c.url IN ({marks}) AND NOT EXISTS (SELECT 1 FROM watch w WHERE "
                            "w.url = c.url) GROUP BY c.url", part)
        for _url, first, last in rows:
            when = next_due(parse_time(first), None, parse_time(last), policy)
            if when is not None and when > now and (best is None or when < best):
                best = when
    return iso(best) if best is not None else None


def to_judge(conn: sqlite3.Connection, since: int) -> list[str]:
    """URLs with captures after id ``since`` (this run's), and watched URLs with captures not judged yet."""
    fresh = {r[0] for r in conn.execute("SELECT DISTINCT url FROM captures WHERE id > ?", (since,))}
    behind = {r[0] for r in conn.execute("SELECT w.url FROM watch w WHERE EXISTS (SELECT 1 FROM captures c "
                                         "WHERE c.url = w.url AND c.id > w.last_capture)")}
    return sorted(fresh | behind)


def checked(conn: sqlite3.Connection, url: str, now: str, next_due: str | None, last_capture: int,
            changed: bool) -> None:
    conn.execute("UPDATE watch SET last_check = ?, next_due = ?, checks = checks + 1, "
                 "last_capture = MAX(last_capture, ?), last_change = CASE WHEN ? THEN ? ELSE last_change END "
                 "WHERE url = ?", (now, next_due, last_capture, int(changed), now, url))


def judged(conn: sqlite3.Connection, url: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM watch_captures WHERE url = ? ORDER BY capture_id", (url,)).fetchall()


def record_verdict(conn: sqlite3.Connection, capture_id: int, url: str, verdict: str, version: int | None,
                   digest: str | None, detail: str = "") -> None:
    conn.execute("INSERT OR REPLACE INTO watch_captures (capture_id, url, verdict, version, digest, detail) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (capture_id, url, verdict, version, digest, detail))


def unversion_before(conn: sqlite3.Connection, url: str, capture_id: int, detail: str) -> None:
    """Mark the URL's captures before ``capture_id`` that showed a version as not the article."""
    conn.execute("UPDATE watch_captures SET verdict = 'not-article', version = NULL, digest = NULL, detail = ? "
                 "WHERE url = ? AND capture_id < ? AND version IS NOT NULL", (detail, url, capture_id))


def add_event(conn: sqlite3.Connection, event: dict[str, Any], created_at: str,
              targets: Iterable[str] = ()) -> int | None:
    """Insert an event (and an outbox row per target for the notified kinds); None if it was known."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO watch_events (url, kind, capture_id, old_capture_id, version, old_version, at, "
        "old_at, title, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event["url"], event["kind"], event["capture_id"], event.get("old_capture_id"), event.get("version"),
         event.get("old_version"), event["at"], event.get("old_at"), event.get("title"),
         json.dumps(event.get("detail") or {}, ensure_ascii=False), created_at))
    if not cur.rowcount:
        return None
    event_id = int(cur.lastrowid or 0)
    if event["kind"] in NOTIFIED_KINDS:
        conn.executemany("INSERT OR IGNORE INTO watch_outbox (event_id, target) VALUES (?, ?)",
                         [(event_id, t) for t in targets])
    return event_id


def events(conn: sqlite3.Connection, kinds: Iterable[str] = ("edit",),
           url: str | None = None) -> list[dict[str, Any]]:
    kinds = list(kinds)
    sql = f"SELECT * FROM watch_events WHERE kind IN ({','.join('?' * len(kinds))})"
    params: list[Any] = list(kinds)
    if url is not None:
        sql += " AND url = ?"
        params.append(url)
    return [_event(r) for r in conn.execute(sql + " ORDER BY at, id", params)]


def _event(row: sqlite3.Row) -> dict[str, Any]:
    event = dict(row)
    event["detail"] = json.loads(event["detail"] or "{}")
    return event


def pending(conn: sqlite3.Connection, target: str) -> list[dict[str, Any]]:
    """Events not yet sent to ``target`` (a ``target_key``), oldest first."""
    rows = conn.execute("SELECT e.*, o.attempts AS attempts, o.sending_at AS sending_at FROM watch_outbox o "
                        "JOIN watch_events e "
                        "ON e.id = o.event_id WHERE o.target = ? AND o.sent_at IS NULL ORDER BY e.at, e.id",
                        (target,))
    return [_event(r) for r in rows]


def waiting_elsewhere(conn: sqlite3.Connection, targets: list[str]) -> tuple[int, int]:
    """(messages, targets) of the outbox not yet sent to a target outside ``targets`` (``target_key``s): those
    a run with other --notify URLs (or none) leaves where they are."""
    marks = ",".join("?" * len(targets))
    where = f"sent_at IS NULL AND target NOT IN ({marks})" if targets else "sent_at IS NULL"
    row = conn.execute(f"SELECT count(*), count(DISTINCT target) FROM watch_outbox WHERE {where}", targets).fetchone()
    return int(row[0]), int(row[1])


ORPHAN_DAYS = 7  # unsent messages of a target no run has been given for this long are dropped


def orphans(conn: sqlite3.Connection, targets: list[str], now: str) -> tuple[list[tuple[str, int, str]], str | None]:
    """Note that the targets ``targets`` (``target_key``s) were given at ``now`` (ISO 8601 UTC, the run's
    clock), and drop the unsent messages of every target not given for :data:`ORPHAN_DAYS` days (its --notify
    taken out of the cron line for good: they waited, and were said to wait, for ever). A target with unsent
    messages not seen before (a catalog from before 2026-12-05) counts from ``now``. Returns ([(target, messages
    dropped, when it was last given)], the earliest time another not-given target's messages will be dropped
    (None: none waits)); call inside a transaction."""
    from datetime import timedelta

    from archiver.watch.clock import iso, parse_time

    conn.executemany("INSERT INTO watch_targets (target, last_given) VALUES (?, ?) ON CONFLICT(target) DO UPDATE "
                     "SET last_given = max(last_given, excluded.last_given)", [(t, now) for t in targets])
    marks = ",".join("?" * len(targets))
    outside = f"AND target NOT IN ({marks})" if targets else ""
    conn.execute("INSERT OR IGNORE INTO watch_targets (target, last_given) SELECT DISTINCT target, ? FROM "
                 f"watch_outbox WHERE sent_at IS NULL {outside}", (now, *targets))
    limit = iso(parse_time(now) - timedelta(days=ORPHAN_DAYS))
    dropped = []
    for target, last in conn.execute("SELECT t.target, t.last_given FROM watch_targets t WHERE t.last_given <= ? "
                                     "AND EXISTS (SELECT 1 FROM watch_outbox o WHERE o.target = t.target AND "
                                     f"o.sent_at IS NULL) {outside.replace('target', 't.target')}",
                                     (limit, *targets)).fetchall():
        n = conn.execute("DELETE FROM watch_outbox WHERE target = ? AND sent_at IS NULL", (target,)).rowcount
        dropped.append((str(target), int(n), str(last)))
    row = conn.execute("SELECT min(t.last_given) FROM watch_targets t WHERE EXISTS (SELECT 1 FROM watch_outbox o "
                       f"WHERE o.target = t.target AND o.sent_at IS NULL) {outside.replace('target', 't.target')}",
                       targets).fetchone()
    drop_at = iso(parse_time(row[0]) + timedelta(days=ORPHAN_DAYS)) if row and row[0] else None
    return dropped, drop_at


def mark_sending(conn: sqlite3.Connection, event_id: int, target: str, now: str) -> None:
    """Note that the message is about to go (committed before the send): a run killed before its
    outcome is stored leaves the mark, and the next run says the message may have been sent."""
    conn.execute("UPDATE watch_outbox SET sending_at = ? WHERE event_id = ? AND target = ?", (now, event_id, target))


def mark_sent(conn: sqlite3.Connection, event_id: int, target: str, now: str) -> None:
    conn.execute("UPDATE watch_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL, sending_at = NULL "
                 "WHERE event_id = ? AND target = ?", (now, event_id, target))


def mark_failed(conn: sqlite3.Connection, event_id: int, target: str, error: str) -> None:
    conn.execute("UPDATE watch_outbox SET attempts = attempts + 1, last_error = ?, sending_at = NULL "
                 "WHERE event_id = ? AND target = ?", (error[:500], event_id, target))


def history_mark(conn: sqlite3.Connection, url: str) -> int:
    row = conn.execute("SELECT capture_id FROM history_seen WHERE url = ?", (url,)).fetchone()
    return int(row[0]) if row else 0


def set_history_mark(conn: sqlite3.Connection, url: str, capture_id: int) -> None:
    conn.execute("INSERT INTO history_seen (url, capture_id) VALUES (?, ?) "
                 "ON CONFLICT(url) DO UPDATE SET capture_id = MAX(capture_id, excluded.capture_id)", (url, capture_id))
