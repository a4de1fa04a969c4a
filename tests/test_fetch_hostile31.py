"""Hostile servers, round 31 (session 36, host39): the resume and integrity guarantees under trouble.

Each probe is a real server on loopback (rawkit on 127.0.31.1-20) and a real ``archiver fetch`` (``--retries 0``
unless the test says), killed or stopped where the test says, then run again; each test reads the catalog, the WARC
files with warcio (``warcio check`` too), index.cdxj, the run's output and the server's log. The first tests fail on
the code before this round:

- a run killed (``kill -9``) after a capture's records were written but before its catalog row was committed (a
  catalog held locked by another program meanwhile): the next run's recovery of the ``.open`` file kept the whole
  records, then fetched the page again, so the WARC folder and index.cdxj held the page twice, once with no
  catalog row.

The other tests keep probes that were already right.
"""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rawkit import RawServer, Reply, http_reply
from sitekit import run_archiver, start_archiver, write_list
from warcio.archiveiterator import ArchiveIterator
from warckit import all_records, catalog_rows, warc_files, warcio_check

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> bytes:
    return ("<!doctype html><html><head><title>Round31 " + key + "</title></head><body><article><p>"
            + f"A sentence of the page {key}, long enough to look like an article. " * 12
            + f"</p><p>The last words of {key}.</p></article></body></html>").encode()


def allow_all(srv: RawServer) -> RawServer:
    return srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))


def fetch_args(root: Path, listed: Path, srv: RawServer, *extra: str) -> list:
    return ["fetch", listed, "--warcs", root / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
            "--progress", "never", "--resolve", srv.resolve, *extra]


def fetch(root: Path, listed: Path, srv: RawServer, *extra: str) -> subprocess.CompletedProcess:
    return run_archiver(*fetch_args(root, listed, srv, *extra), cwd=root, timeout=300)


def hits(srv: RawServer, path: str) -> int:
    return sum(1 for r in srv.requests if r.path == path)


def wait_for(test, what: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not test():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def lock_catalog(db: Path) -> subprocess.Popen:
    """Another program holding an exclusive lock on the catalog (an sqlite3 shell with BEGIN EXCLUSIVE open)
    until it is killed; returns once the lock is held."""
    code = ("import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(600)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def response_uris(root: Path) -> list[str]:
    return sorted(r.uri.rsplit("/", 1)[1] for r in all_records(root / "warcs") if r.type == "response")


def cdxj_paths(root: Path) -> list[str]:
    lines = (root / "warcs" / "index.cdxj").read_text().splitlines()
    return sorted(line.split(" ", 1)[0].rsplit("/", 1)[1] for line in lines if line.strip())


# -- fixed: a capture written but never catalogued ------------------------------------------------------------------

def test_kill_9_between_warc_records_and_catalog_row_fetches_again_without_a_second_copy(tmp_path):
    """``/b``'s answer makes another program take an exclusive lock on the catalog (an sqlite3 shell left in a
    transaction): the run writes ``/b``'s records to its ``.open`` WARC and waits on the catalog; it is killed
    (``kill -9``) meanwhile. Before: the next run's recovery kept ``/b``'s whole records (no catalog row names
    them), then fetched ``/b`` again: two ``/b`` responses in the WARC folder and index.cdxj, one unknown to the
    catalog. Now the recovery drops the records after the last capture the catalog holds, and says so; ``/b`` is
    fetched again and archived once; the files are sound."""
    root = tmp_path
    db = root / "warcs" / "catalog.sqlite3"
    holder: list[subprocess.Popen] = []

    def lock_then_answer(req):
        if req.hit == 1:
            holder.append(lock_catalog(db))
        return http_reply(page("b"))

    srv = allow_all(RawServer("www.round31.test", "127.0.31.1")).route("/b", lock_then_answer)
    for key in "ac":
        srv.route("/" + key, lambda r, key=key: http_reply(page(key)))
    try:
        with srv:
            listed = write_list(root / "urls.txt", [srv.url("/a"), srv.url("/b"), srv.url("/c")])
            run = start_archiver(*fetch_args(root, listed, srv, "--concurrency", "1"), output=root / "first.log",
                                 cwd=root)
            try:
                wait_for(lambda: holder, "the request for /b")
                b_written = lambda: ("metadata", "b") in records_of_open(root / "warcs")  # noqa: E731
                wait_for(b_written, "/b's records in the .open file")
            finally:
                run.send_signal(signal.SIGKILL)
                run.wait(60)
            holder[0].kill()
            holder[0].wait(60)
            assert len(list((root / "warcs").glob("*.open"))) == 1
            again = fetch(root, listed, srv)
        out = again.stdout + again.stderr
        assert again.returncode == 0, out
        assert "the records of 1 capture the catalog never recorded" in out, out
        assert hits(srv, "/b") == 2 and hits(srv, "/a") == 1 and hits(srv, "/c") == 1
        assert response_uris(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        assert cdxj_paths(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        rows = catalog_rows(db, "SELECT url, state FROM captures ORDER BY url")
        assert [(r["url"].rsplit("/", 1)[1], r["state"]) for r in rows] == [("a", "captured"), ("b", "captured"),
                                                                            ("c", "captured")]
        assert not list((root / "warcs").glob("*.open"))
        assert warcio_check(warc_files(root / "warcs")).returncode == 0
    finally:
        for h in holder:
            h.kill()


def records_of_open(folder: Path) -> list[tuple[str, str]]:
    """(type, last path segment) of the whole records in the ``.open`` files being written (a torn tail ends a
    file's list)."""
    found = []
    for path in folder.glob("*.open"):
        try:
            for rec in ArchiveIterator(io.BytesIO(path.read_bytes())):
                uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
                found.append((rec.rec_type, uri.rsplit("/", 1)[-1]))
        except Exception:
            pass
    return found


def test_a_run_stopped_by_a_locked_catalog_keeps_no_record_of_the_capture_it_could_not_catalogue(tmp_path):
    """As above, but the run is left to itself: after 30 s of the lock it stops, ``catalog locked: ...``, exit 1.
    Before: it closed its WARC file with ``/b``'s records in it (and indexed them), which no catalog row names;
    the next run fetched ``/b`` again: two copies. Now the file is cut back to before them when the run stops;
    the next run fetches ``/b`` and ``/c`` and the archive holds each page once."""
    root = tmp_path
    db = root / "warcs" / "catalog.sqlite3"
    holder: list[subprocess.Popen] = []

    def lock_then_answer(req):
        if req.hit == 1:
            holder.append(lock_catalog(db))
        return http_reply(page("b"))

    srv = allow_all(RawServer("www.round31.test", "127.0.31.2")).route("/b", lock_then_answer)
    for key in "ac":
        srv.route("/" + key, lambda r, key=key: http_reply(page(key)))
    try:
        with srv:
            listed = write_list(root / "urls.txt", [srv.url("/a"), srv.url("/b"), srv.url("/c")])
            first = fetch(root, listed, srv, "--concurrency", "1")
            out = first.stdout + first.stderr
            assert first.returncode == 1, out
            assert "catalog locked: cannot use" in out and "Traceback" not in out, out
            assert response_uris(root) == ["a", "robots.txt"]
            assert cdxj_paths(root) == ["a", "robots.txt"]
            assert warcio_check(warc_files(root / "warcs")).returncode == 0
            holder[0].kill()
            holder[0].wait(60)
            again = fetch(root, listed, srv)
        assert again.returncode == 0, again.stdout + again.stderr
        assert hits(srv, "/b") == 2 and hits(srv, "/a") == 1 and hits(srv, "/c") == 1
        assert response_uris(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        assert cdxj_paths(root) == ["a", "b", "c", "robots.txt", "robots.txt"]
        assert not list((root / "warcs").glob("*.open"))
        assert warcio_check(warc_files(root / "warcs")).returncode == 0
    finally:
        for h in holder:
            h.kill()


# -- already right: kept by these tests -------------------------------------------------------------------------------

def dripped(size: int, pause: float) -> Reply:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % size

    def chunks():
        yield head + b"<html><body><p>"
        sent = 15
        while sent < size:
            n = min(20000, size - sent)
            yield b"a" * n
            sent += n

    return Reply(chunks(), pause=pause)


def test_kill_9_while_a_body_drips_in_leaves_a_file_the_next_run_closes_and_fetches_the_rest_once(tmp_path):
    """A 2 MB body dripped 20 KB every 0.2 s; the run is killed (``kill -9``) 2 s into it, after two pages were
    captured. The next run closes the ``.open`` file (no torn record: the cut body was never written), fetches the
    dripped page (whole now) and the two pages not yet asked, each once; ``warcio check`` is clean."""
    root = tmp_path
    whole: list[bool] = []
    srv = allow_all(RawServer("www.round31.test", "127.0.31.3"))
    srv.route("/slow", lambda r: http_reply(page("slow")) if whole else dripped(2_000_000, 0.2))
    for key in "abcd":
        srv.route("/" + key, lambda r, key=key: http_reply(page(key)))
    with srv:
        listed = write_list(root / "urls.txt", [srv.url(p) for p in ("/a", "/b", "/slow", "/c", "/d")])
        run = start_archiver(*fetch_args(root, listed, srv, "--concurrency", "1"), output=root / "first.log", cwd=root)
        try:
            wait_for(lambda: hits(srv, "/slow") == 1, "the request for /slow")
            time.sleep(2)
        finally:
            run.send_signal(signal.SIGKILL)
            run.wait(60)
        whole.append(True)
        again = fetch(root, listed, srv)
    out = again.stdout + again.stderr
    assert again.returncode == 0, out
    assert "recovered " in out and "(0 torn bytes dropped)" in out, out
    assert [hits(srv, p) for p in ("/a", "/b", "/slow", "/c", "/d")] == [1, 1, 2, 1, 1]
    assert response_uris(root) == ["a", "b", "c", "d", "robots.txt", "robots.txt", "slow"]
    assert not list((root / "warcs").glob("*.open"))
    assert warcio_check(warc_files(root / "warcs")).returncode == 0


def test_a_reset_mid_body_on_the_retry_too_archives_one_cut_copy_then_the_whole_page_next_run(tmp_path):
    """``--retries 1``: the page's answer is reset (TCP RST) after 300 of its bytes, and so is the retry's. The
    run archives one cut copy (``WARC-Truncated: disconnect``, the row failed, "will retry next run"), not one
    per attempt; the next run, answered whole, captures it; the WARCs read back."""
    root = tmp_path
    body = page("cut")

    def cut(req):
        if req.hit <= 2:
            return Reply([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
                          + body[:300]], reset=True)
        return http_reply(body)

    srv = allow_all(RawServer("www.round31.test", "127.0.31.4")).route("/cut", cut)
    with srv:
        listed = write_list(root / "urls.txt", [srv.url("/cut")])
        first = fetch(root, listed, srv, "--retries", "1")
        assert first.returncode == 1 and "connection closed mid-body" in first.stdout + first.stderr
        assert hits(srv, "/cut") == 2
        cut_copies = [r for r in all_records(root / "warcs") if r.type == "response" and r.uri.endswith("/cut")]
        assert len(cut_copies) == 1 and cut_copies[0].headers.get("WARC-Truncated") == "disconnect"
        again = fetch(root, listed, srv)
    assert again.returncode == 0, again.stdout + again.stderr
    assert hits(srv, "/cut") == 3
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT state FROM captures ORDER BY id")
    assert [r["state"] for r in rows] == ["failed", "captured"]
    assert warcio_check(warc_files(root / "warcs")).returncode == 0


def test_a_disk_that_fills_while_a_large_body_streams_stops_the_run_and_the_next_run_fetches_the_rest(tmp_path):
    """The WARC folder on a 600 KiB tmpfs; a 2 MB body (random bytes: gzip cannot shrink it) streams in. The run
    stops, ``disk full: cannot write ...`` with the remedy, exit 1, the page before it whole and the file
    closed; after the disk grows (remounted at 8 MiB) the next run fetches the big page and the one after it,
    each once."""
    import random

    if os.geteuid() != 0:
        pytest.skip("a tmpfs mount needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    data = random.Random(31).randbytes(2_000_000)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(data)
    srv = allow_all(RawServer("www.round31.test", "127.0.31.5"))
    srv.route("/big", lambda r: Reply([head] + [data[i:i + 100_000] for i in range(0, len(data), 100_000)],
                                      pause=0.02))
    for key in "ac":
        srv.route("/" + key, lambda r, key=key: http_reply(page(key)))
    try:
        with srv:
            listed = write_list(tmp_path / "urls.txt", [srv.url("/a"), srv.url("/big"), srv.url("/c")])
            args = ["fetch", listed, "--warcs", disk / "warcs", "--delay", "0", "--retries", "0", "--timeout", "10",
                    "--progress", "never", "--resolve", srv.resolve]
            first = run_archiver(*args, "--concurrency", "1", cwd=tmp_path, timeout=300)
            out = first.stdout + first.stderr
            assert first.returncode == 1 and "disk full: cannot write" in out and "Traceback" not in out, out
            assert not list((disk / "warcs").glob("*.open"))
            assert warcio_check(warc_files(disk / "warcs")).returncode == 0
            subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)
            again = run_archiver(*args, cwd=tmp_path, timeout=300)
            assert again.returncode == 0, again.stdout + again.stderr
        assert [hits(srv, p) for p in ("/a", "/big", "/c")] == [1, 2, 1]
        uris = sorted(r.uri.rsplit("/", 1)[1] for r in all_records(disk / "warcs") if r.type == "response")
        assert uris == ["a", "big", "c", "robots.txt", "robots.txt"]
        assert warcio_check(warc_files(disk / "warcs")).returncode == 0
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
