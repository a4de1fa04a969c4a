"""Ctrl-C or SIGTERM while a fetch waits for a catalog another program holds locked (session 37, nu42).

Real parts: rawkit on 127.0.42.2-3, a real ``archiver fetch`` subprocess, a real catalog held by another process
(an ``sqlite3`` connection in ``BEGIN EXCLUSIVE``, as tests/test_fetch_hostile31.py holds it), real WARC files read
with warcio. Fails on the code before: SQLite's busy wait of 30 s blocked the main thread in C, so the signal was
heard only when it ended; the run then stopped as ``catalog locked``, exit 1, not as interrupted.
"""
from __future__ import annotations

import signal
import subprocess
import time

import pytest
from rawkit import RawServer, http_reply
from sitekit import start_archiver, write_list
from test_fetch_hostile31 import (
    allow_all,
    cdxj_paths,
    fetch,
    fetch_args,
    hits,
    lock_catalog,
    page,
    records_of_open,
    response_uris,
    wait_for,
)
from warckit import catalog_rows, warc_files, warcio_check

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize(("sig", "address"), [(signal.SIGINT, "127.0.42.2"), (signal.SIGTERM, "127.0.42.3")])
def test_a_stop_during_the_wait_on_a_locked_catalog_is_heard_at_once(tmp_path, sig, address):
    """``/b``'s answer makes another program lock the catalog; once ``/b``'s records are in the ``.open`` WARC (the
    run now waits on the catalog), the run gets SIGINT or SIGTERM. It ends as interrupted (exit 130, ``archiver:
    interrupted``-style summary, no ``catalog locked``), long before the lock's 30 s; its WARC is closed and cut
    back to before ``/b``'s records (no record the catalog does not know); the next run, the lock gone, fetches
    ``/b`` and ``/c`` and the archive holds each page once."""
    root = tmp_path
    db = root / "warcs" / "catalog.sqlite3"
    holder: list[subprocess.Popen] = []

    def lock_then_answer(req):
        if req.hit == 1:
            holder.append(lock_catalog(db))
        return http_reply(page("b"))

    srv = allow_all(RawServer("www.locked37.test", address)).route("/b", lock_then_answer)
    for key in "ac":
        srv.route("/" + key, lambda r, key=key: http_reply(page(key)))
    try:
        with srv:
            listed = write_list(root / "urls.txt", [srv.url("/a"), srv.url("/b"), srv.url("/c")])
            log = root / "first.log"
            run = start_archiver(*fetch_args(root, listed, srv, "--concurrency", "1"), output=log, cwd=root)
            try:
                wait_for(lambda: holder, "the request for /b")
                wait_for(lambda: ("metadata", "b") in records_of_open(root / "warcs"), "/b's records in the .open file")
                time.sleep(0.5)  # into the wait on the catalog
                signalled = time.monotonic()
                run.send_signal(sig)
                code = run.wait(120)
                took = time.monotonic() - signalled
            finally:
                if run.poll() is None:
                    run.kill()
                    run.wait(60)
            lock_held = holder[0].poll() is None
            holder[0].kill()
            holder[0].wait(60)
            out = log.read_text()
            print(f"{sig.name}: the run ended {took:.1f} s after the signal")
            assert lock_held  # the other program held the catalog all along
            assert code == 130, out
            assert "catalog locked" not in out and "Traceback" not in out, out
            assert "interrupted" in out, out
            assert not list((root / "warcs").glob("*.open")), list((root / "warcs").iterdir())
            assert response_uris(root) == ["a", "robots.txt"]
            assert cdxj_paths(root) == ["a", "robots.txt"]
            assert warcio_check(warc_files(root / "warcs")).returncode == 0
            rows = catalog_rows(db, "SELECT url, state FROM captures ORDER BY url")
            assert [(r["url"].rsplit("/", 1)[1], r["state"]) for r in rows] == [("a", "captured")]
            assert took < 25, took  # the lock is held for 600 s; SQLite's own wait alone was 30 s
            again = fetch(root, listed, srv)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "never recorded" not in again.stdout + again.stderr  # nothing left for the recovery to drop
        assert hits(srv, "/a") == 1 and hits(srv, "/b") == 2 and hits(srv, "/c") == 1
        assert response_uris(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        assert cdxj_paths(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        assert warcio_check(warc_files(root / "warcs")).returncode == 0
    finally:
        for h in holder:
            h.kill()


def test_ctrl_c_while_the_catalog_is_checked_before_the_run_is_heard_at_once(tmp_path):
    """A program holds the catalog in exclusive locking mode (readers kept out too) before the run starts: the run
    waits in its check of the catalog; Ctrl-C there ends it at once (exit 130, ``archiver: interrupted``), where it
    was heard after SQLite's 30 s wait. The lock's holder is untouched; nothing was fetched."""
    import sqlite3

    root = tmp_path
    srv = allow_all(RawServer("www.locked37.test", "127.0.42.5"))
    srv.route("/a", lambda r: http_reply(page("a")))
    with srv:
        listed = write_list(root / "urls.txt", [srv.url("/a")])
        assert fetch(root, listed, srv).returncode == 0  # the catalog exists
        write_list(root / "urls.txt", [srv.url("/a"), srv.url("/b")])
        held = sqlite3.connect(root / "warcs" / "catalog.sqlite3", isolation_level=None)
        try:
            held.execute("PRAGMA locking_mode=EXCLUSIVE")
            held.execute("BEGIN EXCLUSIVE")
            held.execute("COMMIT")  # the lock stays, in exclusive locking mode
            run = start_archiver(*fetch_args(root, listed, srv), output=root / "run.log", cwd=root)
            try:
                time.sleep(3)  # into the check of the catalog (a signal before it is heard at once anyway)
                signalled = time.monotonic()
                run.send_signal(signal.SIGINT)
                code = run.wait(120)
                took = time.monotonic() - signalled
            finally:
                if run.poll() is None:
                    run.kill()
                    run.wait(60)
            out = (root / "run.log").read_text()
            print(f"the run ended {took:.1f} s after Ctrl-C")
            assert code == 130 and "archiver: interrupted" in out and "Traceback" not in out, out
            assert took < 20, took
            assert held.execute("SELECT COUNT(*) FROM captures").fetchone()[0] == 1
        finally:
            held.close()
    assert hits(srv, "/b") == 0
