"""The SQLite catalog: captures, the WARC records behind them, extraction results.

It is the only shared state, and the driver process is its only writer. WAL mode
lets readers (diff, history, extraction workers) look while a run writes.
Every capture row is committed right after its WARC record is flushed, so a
``kill -9`` never leaves a row pointing at bytes that are not on disk.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,             -- the seed URL, normalised
    final_url TEXT,                -- after redirects
    fetched_at TEXT NOT NULL,      -- ISO 8601, UTC
    state TEXT NOT NULL,           -- captured | failed | skipped
    reason TEXT,                   -- why it failed or was skipped
    http_status INTEGER,
    content_type TEXT,
    payload_digest TEXT,           -- sha1:BASE32 of the final response body
    record_type TEXT,              -- response | revisit
    refers_to INTEGER REFERENCES captures(id),  -- for revisits: the capture with the payload
    warc_file TEXT,                -- file name (closed name) inside the WARC folder
    warc_offset INTEGER,           -- of the final response/revisit record
    warc_length INTEGER,
    truncated TEXT,                -- WARC-Truncated reason, if any
    list_file TEXT,
    list_line INTEGER,
    worker TEXT                    -- who fetched it (host name or Ray worker)
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url, state);
-- a capture repeating a page already captured under another URL is linked to it (fetch/runner.py)
CREATE INDEX IF NOT EXISTS captures_payload ON captures(payload_digest);

CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER REFERENCES captures(id),  -- NULL for robots.txt
    url TEXT NOT NULL,
    record_type TEXT NOT NULL,     -- response | revisit
    http_status INTEGER,
    content_type TEXT,
    payload_digest TEXT,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    warc_date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_capture ON records(capture_id);

CREATE TABLE IF NOT EXISTS extractions (
    capture_id INTEGER PRIMARY KEY REFERENCES captures(id),
    url TEXT NOT NULL,
    host TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    text_path TEXT,                -- relative to the clean folder
    json_path TEXT,
    title TEXT,
    text_digest TEXT,
    error TEXT
);

-- Paragraphs seen per site, for site-level boilerplate learning.
CREATE TABLE IF NOT EXISTS site_paragraphs (
    host TEXT NOT NULL,
    digest TEXT NOT NULL,          -- of the normalised paragraph text
    url TEXT NOT NULL,
    PRIMARY KEY (host, digest, url)
) WITHOUT ROWID;
-- a page's rows are replaced when it is extracted again: without this, a scan of the host
CREATE INDEX IF NOT EXISTS site_paragraphs_url ON site_paragraphs(host, url);
"""

CAPTURE_FIELDS = (
    "url", "final_url", "fetched_at", "state", "reason", "http_status", "content_type",
    "payload_digest", "record_type", "refers_to", "warc_file", "warc_offset", "warc_length",
    "truncated", "list_file", "list_line", "worker",
)
RECORD_FIELDS = (
    "url", "record_type", "http_status", "content_type", "payload_digest",
    "warc_file", "warc_offset", "warc_length", "warc_date",
)


@dataclass
class Capture:
    id: int
    url: str
    final_url: str | None
    fetched_at: str
    state: str
    reason: str | None
    http_status: int | None
    content_type: str | None
    payload_digest: str | None
    record_type: str | None
    refers_to: int | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None
    truncated: str | None
    list_file: str | None
    list_line: int | None
    worker: str | None


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the SQLite file at ``path``.

    A WAL catalog on a read-only filesystem (a mounted snapshot, a read-only NFS export of the library's
    archive) cannot be opened plainly: SQLite needs to make its ``-shm`` index beside it ("unable to open
    database file"). When the folder cannot be written and no ``-wal`` file holds changes the main file lacks
    (closed cleanly: nobody can write there), it is opened ``immutable``, read without the index or locks.
    """
    path = Path(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_STEP, factory=PatientConnection)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        wal = Path(f"{path}-wal")
        if "unable to open" not in str(exc) or os.access(path.parent, os.W_OK) or \
                (wal.exists() and wal.stat().st_size > 0):
            return conn  # the caller meets the error and says it
        conn.close()
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, timeout=BUSY_STEP,
                               factory=PatientConnection)
    return conn


BUSY_STEP = 0.2  # seconds: SQLite's own busy wait, one try of PatientConnection's
PATIENCE = 30.0  # seconds a locked catalog is waited for in all (the "over 30 s" of diskfull.CatalogLocked)


class PatientConnection(sqlite3.Connection):
    """A connection that waits up to :data:`PATIENCE` seconds for a catalog another program holds locked (an
    ``sqlite3`` shell in a transaction, a backup), in tries of SQLite's own busy wait of :data:`BUSY_STEP`
    seconds, and hears Ctrl-C or SIGTERM between two tries. One busy wait of 30 s (before 2026-12-06) blocked
    the main thread in SQLite's C code: Python's signal handlers, and the fetch's event loop, heard the signal
    only when the wait ended, then the run stopped as "catalog locked", exit 1. Between tries a Ctrl-C raises
    KeyboardInterrupt from its handler, as anywhere; during a fetch (whose event loop keeps the signal for
    itself) :func:`archiver.interrupt.heard_stop` is asked and :class:`archiver.interrupt.StopHeard` raised.
    A statement refused as locked changed nothing, so it is run again; past PATIENCE the error goes up as
    before ("database is locked"). Covers ``execute``, ``executemany``, ``executescript``, ``commit`` and the
    ``with conn:`` block's commit; a cursor's own ``execute`` waits one BUSY_STEP only."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return sqlite3.Connection.execute(self, sql, parameters)
        except sqlite3.OperationalError as exc:
            return _patiently(exc, sqlite3.Connection.execute, self, sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        rows = parameters if isinstance(parameters, list | tuple) else list(parameters)  # run again whole
        try:
            return sqlite3.Connection.executemany(self, sql, rows)
        except sqlite3.OperationalError as exc:
            return _patiently(exc, sqlite3.Connection.executemany, self, sql, rows)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        try:
            return sqlite3.Connection.executescript(self, script)
        except sqlite3.OperationalError as exc:
            return _patiently(exc, sqlite3.Connection.executescript, self, script)

    def commit(self) -> None:
        try:
            sqlite3.Connection.commit(self)
        except sqlite3.OperationalError as exc:
            _patiently(exc, sqlite3.Connection.commit, self)

    def __exit__(self, kind: Any, value: Any, traceback: Any, /) -> Literal[False]:
        if kind is None:
            try:
                self.commit()
            except BaseException:
                self.rollback()
                raise
        else:
            self.rollback()
        return False


def _patiently(first: sqlite3.OperationalError, call: Callable[..., Any], *args: Any) -> Any:
    """``call(*args)`` again while SQLite says the database is locked, up to PATIENCE seconds; raises ``first``
    (or the last refusal) past that, StopHeard when a stop was heard meanwhile."""
    import time

    from archiver.interrupt import StopHeard, heard_stop

    if not _busy(first):
        raise first
    give_up = time.monotonic() + PATIENCE - BUSY_STEP
    while True:
        if heard_stop():
            raise StopHeard()
        tried = time.monotonic()
        try:
            return call(*args)
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() >= give_up:
                raise
            time.sleep(max(0.0, BUSY_STEP - (time.monotonic() - tried)))  # a refusal SQLite did not wait for


_BUSY_SNAPSHOT = 517  # SQLITE_BUSY_SNAPSHOT: a WAL read snapshot gone stale; no wait can mend it


def _busy(exc: sqlite3.OperationalError) -> bool:
    """SQLite refused because another connection holds a lock (SQLITE_BUSY and its extended codes but a stale WAL
    snapshot), not SQLITE_LOCKED (a conflict within this connection, "database table is locked") or any other
    error. Errors without a code (raised by Python itself) are read by their text."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return "database is locked" in str(exc)
    return code & 0xFF == sqlite3.SQLITE_BUSY and code != _BUSY_SNAPSHOT


def connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    path = Path(path)
    if readonly:
        conn = open_readonly(path)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_STEP, factory=PatientConnection)
        _wal(conn)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.executescript(SCHEMA)
    conn.row_factory = sqlite3.Row
    return conn


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL; two processes opening a fresh catalog at once may find it locked for a moment."""
    import time

    give_up = time.monotonic() + 30  # each try may wait the busy timeout too: a lock held on is told in 30 s
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > give_up:
                raise
            time.sleep(0.5)


class Catalog:
    """Thin, typed access to the catalog tables."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = Path(path)
        self.conn = connect(path, readonly=readonly)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- captures -----------------------------------------------------------

    def add_capture(self, capture: dict[str, Any], records: Iterable[dict[str, Any]] = ()) -> int:
        """Insert a capture and its WARC records in one transaction; return its id."""
        with self.conn:
            cur = self.conn.execute(
                f"INSERT INTO captures ({', '.join(CAPTURE_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(CAPTURE_FIELDS))})",
                [capture.get(k) for k in CAPTURE_FIELDS],
            )
            capture_id = cur.lastrowid
            if capture_id is None:  # sqlite3 sets it after every INSERT
                raise sqlite3.DatabaseError("the capture INSERT gave no row id")
            for rec in records:
                self._add_record(rec, capture_id)
        return capture_id

    def add_record(self, record: dict[str, Any], capture_id: int | None = None) -> None:
        with self.conn:
            self._add_record(record, capture_id)

    def _add_record(self, record: dict[str, Any], capture_id: int | None) -> None:
        self.conn.execute(
            f"INSERT INTO records (capture_id, {', '.join(RECORD_FIELDS)}) "
            f"VALUES (?, {', '.join('?' * len(RECORD_FIELDS))})",
            [capture_id] + [record.get(k) for k in RECORD_FIELDS],
        )

    def captured_urls(self) -> set[str]:
        rows = self.conn.execute("SELECT DISTINCT url FROM captures WHERE state = 'captured'")
        return {r[0] for r in rows}

    def last_capture(self, url: str) -> Capture | None:
        """The newest successful capture of ``url`` that holds a payload (not a revisit)."""
        row = self.conn.execute(
            "SELECT * FROM captures WHERE url = ? AND state = 'captured' AND record_type = 'response' "
            "ORDER BY id DESC LIMIT 1",
            (url,),
        ).fetchone()
        return Capture(**dict(row)) if row else None

    def same_payload(self, digest: str, capture_id: int, most: int = 20) -> list[sqlite3.Row]:
        """Up to ``most`` earlier captures (rows: url, final_url, fetched_at) whose response held the payload
        ``digest`` (``sha1:BASE32``), oldest first; ``capture_id`` and later ones left out."""
        return self.conn.execute(
            "SELECT url, final_url, fetched_at FROM captures WHERE payload_digest = ? AND state = 'captured' "
            "AND record_type = 'response' AND id < ? ORDER BY id LIMIT ?", (digest, capture_id, most)).fetchall()

    def capture(self, capture_id: int) -> Capture | None:
        row = self.conn.execute("SELECT * FROM captures WHERE id = ?", (capture_id,)).fetchone()
        return Capture(**dict(row)) if row else None

    def captures(self, where: str = "1", params: tuple[Any, ...] = ()) -> Iterator[Capture]:
        for row in self.conn.execute(f"SELECT * FROM captures WHERE {where} ORDER BY id", params):
            yield Capture(**dict(row))

    def captures_of(self, url: str) -> list[Capture]:
        return list(self.captures("(url = ? OR final_url = ?) AND state = 'captured'", (url, url)))

    def counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT state, COUNT(*) FROM captures GROUP BY state")}


EXTRACTED_RECORDS = "('response', 'revisit', 'resource')"  # the record types extraction reads (records.py)
NOT_EXTRACTED = ("SELECT c.url, COUNT(*) FROM captures c LEFT JOIN extractions e ON e.capture_id = c.id "
                 f"WHERE c.state = 'captured' AND c.record_type IN {EXTRACTED_RECORDS} "
                 "AND e.capture_id IS NULL GROUP BY c.url")


def not_extracted(conn: sqlite3.Connection) -> dict[str, int]:
    """Catalog URL -> how many of its captures (the records ``records.select_captures`` reads) have no
    extraction row yet: fetched without extraction, an extract interrupted, or every one after ``archiver
    reindex``. URLs with none are absent. ``report``, ``search`` and ``list`` say to run ``archiver extract``."""
    return {row[0]: int(row[1]) for row in conn.execute(NOT_EXTRACTED)}
