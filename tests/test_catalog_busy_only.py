"""The catalog's patient wait (``catalog.PatientConnection``: SQLite's busy wait in steps, a stop heard between
them) waits only for a lock another connection holds (SQLITE_BUSY). SQLITE_LOCKED, "database table is locked"
(a conflict inside this connection: a table dropped while a statement still reads it), is raised at once: no
wait can mend it (before: the text "is locked" matched and it was retried flat out for 30 s)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from archiver import catalog


def test_a_table_locked_by_this_connection_is_not_waited_for(tmp_path):
    conn = catalog.connect(tmp_path / "catalog.sqlite3")
    conn.execute("CREATE TABLE scratch(x)")
    conn.executemany("INSERT INTO scratch VALUES (?)", [(i,) for i in range(10)])
    conn.commit()
    reading = conn.execute("SELECT * FROM scratch")
    reading.fetchone()
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="table is locked"):
        conn.execute("DROP TABLE scratch")
    assert time.monotonic() - started < 15  # before: 30 s of retries


def test_a_lock_another_connection_holds_is_waited_for_and_then_taken(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    conn = catalog.connect(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    other_done = time.monotonic() + 1.0
    import threading

    def release() -> None:
        time.sleep(max(0.0, other_done - time.monotonic()))
        other.execute("COMMIT")

    thread = threading.Thread(target=release)
    thread.start()
    try:
        conn.execute("CREATE TABLE scratch(x)")  # waits the second out, in steps, then goes through
        conn.commit()
    finally:
        thread.join()
    assert conn.execute("SELECT count(*) FROM scratch").fetchone()[0] == 0
