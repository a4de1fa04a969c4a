"""Issue 2: interruption. ``kill -9`` in the middle leaves closed WARCs valid, the
``.open`` file readable up to its last whole record and every catalog row pointing
at bytes on disk; a rerun fetches exactly what was not captured. SIGTERM and
SIGINT close the WARC and exit 130.

The site answers slowly (0.3 s a response) so a run is surely mid-way when the
signal comes; the signal is sent once some captures are committed, not after a
fixed sleep, so a slow machine only makes the test slower.
"""
from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest
from sitekit import Response, Site, archiver_env, run_archiver, start_archiver, write_list  # noqa: F401
from warcio.archiveiterator import ArchiveIterator
from warckit import live_catalog_rows, open_files, read_records, warc_files, warcio_check

HOSTS = ["www.example-news.test", "www.dw.com", "blog.example-news.test"]
PER_HOST = 16


def _slow_site(site: Site) -> dict[str, tuple[str, str]]:
    """URL -> (host, path), hosts interleaved so every host is busy from the start."""
    site.default_delay = 0.3
    hosts = [site.host(name, https=n == 0) for n, name in enumerate(HOSTS)]
    urls = {}
    for i in range(PER_HOST):
        for host in hosts:
            path = f"/story/{i}"
            host.route(path, Response(body=f"<html><body><p>{host.name} story {i}</p></body></html>" * 20,
                                      gzip=i % 3 == 0, chunked=i % 3 == 1))
            urls[host.url(path)] = (host.name, path)
    site.start()
    return urls


def _args(site: Site, tmp: Path, list_path: Path) -> list[str]:
    return ["fetch", str(list_path), "--warcs", str(tmp / "warcs"), "--db", str(tmp / "cat.db"),
            "--delay", "0", "--per-host", "2", "--timeout", "20", "--retries", "1", "--progress", "never",
            *site.client_flags()]


def _captured(db: Path) -> list[sqlite3.Row]:
    return live_catalog_rows(db, "SELECT * FROM captures WHERE state = 'captured' ORDER BY id")


def _start_and_wait_for(site: Site, tmp: Path, list_path: Path, at_least: int):
    proc = start_archiver(*_args(site, tmp, list_path), output=tmp / "run1.log", cwd=tmp)
    deadline = time.monotonic() + 120
    while len(_captured(tmp / "cat.db")) < at_least:
        if proc.poll() is not None:
            pytest.fail(f"run ended (exit {proc.returncode}) before it could be interrupted:\n"
                        + (tmp / "run1.log").read_text())
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no captures within 120 s:\n" + (tmp / "run1.log").read_text())
        time.sleep(0.05)
    return proc


def _record_at(path: Path, offset: int):
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            record.content_stream().read()
            return record
    raise AssertionError(f"no record at {path.name}@{offset}")


def _assert_rows_point_at_records(rows: list[sqlite3.Row], warcs: Path) -> None:
    for row in rows:
        path = warcs / row["warc_file"]
        if not path.exists():
            path = path.with_name(path.name + ".open")
        assert path.exists(), f"{row['url']}: {row['warc_file']} is gone"
        rec = _record_at(path, row["warc_offset"])
        assert rec.rec_type == "response"
        assert rec.rec_headers.get_header("WARC-Target-URI") == row["final_url"]


def _assert_all_closed_files_valid(warcs: Path) -> None:
    files = warc_files(warcs)
    assert files
    check = warcio_check(files)
    assert check.returncode == 0, check.stdout + check.stderr
    for path in files:
        read_records(path)  # whole file, no torn tail


def test_kill_9_mid_run_then_rerun_captures_each_url_exactly_once(site, tmp_path):
    urls = _slow_site(site)
    list_path = write_list(tmp_path / "urls.txt", urls)
    warcs = tmp_path / "warcs"
    proc = _start_and_wait_for(site, tmp_path, list_path, at_least=6)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    before = _captured(tmp_path / "cat.db")
    assert 6 <= len(before) < len(urls), "the kill should land mid-run"
    leftovers = open_files(warcs)
    assert leftovers, "a killed run leaves its WARC as .open"
    # committed rows point at whole records, even inside the .open file
    _assert_rows_point_at_records(before, warcs)
    for path in leftovers:  # readable up to the last whole record (a torn tail may follow)
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            n = 0
            try:
                for record in it:
                    record.content_stream().read()
                    n += 1
            except Exception:
                pass
        assert n >= 1 + 2 * len([r for r in before if path.name == r["warc_file"] + ".open"])

    done_before = {r["url"] for r in before}
    site.reset_counts()
    rerun = run_archiver(*_args(site, tmp_path, list_path), cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr

    fetched_again = {u for u, key in urls.items() if site.hits[key]}
    assert fetched_again == set(urls) - done_before, "the rerun must fetch exactly the URLs not yet captured"
    assert all(n == 1 for (h, p), n in site.hits.items() if p != "/robots.txt")

    after = _captured(tmp_path / "cat.db")
    assert sorted(r["url"] for r in after) == sorted(urls), "every URL captured exactly once"
    assert not open_files(warcs), "the rerun recovers leftover .open files"
    _assert_all_closed_files_valid(warcs)
    _assert_rows_point_at_records(after, warcs)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_sigterm_and_sigint_close_the_warc_and_exit_130(site, tmp_path, sig):
    urls = _slow_site(site)
    list_path = write_list(tmp_path / "urls.txt", urls)
    warcs = tmp_path / "warcs"
    proc = _start_and_wait_for(site, tmp_path, list_path, at_least=4)
    proc.send_signal(sig)
    try:
        code = proc.wait(timeout=60)
    except Exception:
        proc.kill()
        raise
    log = (tmp_path / "run1.log").read_text()
    assert code == 130, log
    assert not open_files(warcs), "the WARC must be closed (renamed from .open) on a clean stop"
    _assert_all_closed_files_valid(warcs)
    rows = _captured(tmp_path / "cat.db")
    assert len(rows) < len(urls), "the run should have stopped early"
    _assert_rows_point_at_records(rows, warcs)
    # the summary says what is left and the remedy (it said only '— interrupted' before)
    left = len(urls) - len(live_catalog_rows(tmp_path / "cat.db", "SELECT * FROM captures"))
    assert f"interrupted: {left} URLs not fetched; run the same command again" in log, log

    if sig == signal.SIGINT:
        return  # the rerun below behaves the same after either signal; once is enough
    rerun = run_archiver(*_args(site, tmp_path, list_path), cwd=tmp_path, timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert sorted(r["url"] for r in _captured(tmp_path / "cat.db")) == sorted(urls)
    _assert_all_closed_files_valid(warcs)


def test_overlapping_runs_share_a_warc_folder_safely(site, tmp_path):
    """An hourly cron job may start while the last one still runs: the new run must not
    'recover' the live run's .open file, and both must end with valid files."""
    urls = _slow_site(site)
    first = [u for u, (h, _) in urls.items() if h == HOSTS[0]]
    second = [u for u, (h, _) in urls.items() if h != HOSTS[0]]
    list_a = write_list(tmp_path / "a.txt", first)
    list_b = write_list(tmp_path / "b.txt", second)
    proc = _start_and_wait_for(site, tmp_path, list_a, at_least=2)
    live = open_files(tmp_path / "warcs")
    assert live, "the first run should be writing"
    # the archive lock (issue 12, item 12) makes the second run wait for the first
    other = run_archiver(*_args(site, tmp_path, list_b), "--wait-lock", "300", cwd=tmp_path, timeout=400)
    assert other.returncode == 0, other.stdout + other.stderr
    assert "recovered" not in other.stdout, "the second run recovered a file the first run still writes"
    assert proc.poll() is not None, "the second run did not wait for the first"
    assert proc.wait(timeout=120) == 0, (tmp_path / "run1.log").read_text()
    assert sorted(r["url"] for r in _captured(tmp_path / "cat.db")) == sorted(urls)
    assert not open_files(tmp_path / "warcs")
    _assert_all_closed_files_valid(tmp_path / "warcs")
    _assert_rows_point_at_records(_captured(tmp_path / "cat.db"), tmp_path / "warcs")
