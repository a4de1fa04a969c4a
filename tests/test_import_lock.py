"""``archiver import`` takes the archive's lock, as fetch and reindex do.

Before, an import started while a fetch ran (a cron job importing a colleague's WARCs every hour) wrote
the catalog and rewrote ``index.cdxj`` under the fetch, which rewrites it at its end from what it knew:
the imported lines could be lost from the index. Now the import waits its turn or says who holds the lock.
"""
from __future__ import annotations

import sqlite3
import threading
import time

from archivekit import article, http_response, write_warc
from sitekit import run_archiver

from archiver.archive_lock import archive_lock
from archiver.config import Settings

TEXT = [f"Paragraph {n} of the imported story about the ferry timetable and the harbour." for n in range(4)]


def _captures(db) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM captures").fetchone()[0]


def test_import_refuses_while_the_archive_is_locked_and_waits_with_wait_lock(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    source = write_warc(tmp_path / "colleague.warc.gz",
                        [http_response("http://ferry-news.test/timetable", article("Ferry timetable", TEXT),
                                       date="2026-11-20T09:00:00Z")])
    settings = Settings(warcs=warcs)
    with archive_lock(settings):
        busy = run_archiver("import", source, "--warcs", warcs, cwd=tmp_path, timeout=120)
    said = busy.stdout + busy.stderr
    assert busy.returncode == 75 and "the archive is in use" in said and "--wait-lock" in said, said
    assert "Traceback" not in said
    assert _captures(warcs / "catalog.sqlite3") == 0

    released = threading.Event()

    def hold_then_release() -> None:
        with archive_lock(settings):
            released.wait(timeout=60)
            time.sleep(1.0)

    holder = threading.Thread(target=hold_then_release)
    holder.start()
    try:
        time.sleep(0.2)
        released.set()  # the holder lets go about a second from now; the import waits up to 120 s
        waited = run_archiver("import", source, "--warcs", warcs, "--wait-lock", "120", cwd=tmp_path, timeout=300)
    finally:
        holder.join()
    assert waited.returncode == 0, waited.stdout + waited.stderr
    assert _captures(warcs / "catalog.sqlite3") == 1
