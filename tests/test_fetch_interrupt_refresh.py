"""An interrupted ``--refresh`` run told the user that what it captured is 'not fetched again'.

With ``--refresh`` the same command fetches the whole list again, so the remedy said so
wrongly. The site answers slowly and the signal is sent once the refresh has committed a
capture, not after a fixed sleep.
"""
from __future__ import annotations

import signal
import time

import pytest
from sitekit import Response, Site, run_archiver, start_archiver, write_list
from warckit import live_catalog_rows


def test_interrupted_refresh_does_not_promise_to_skip_what_it_captured(tmp_path):
    with Site(tmp_path / "site") as site:
        host = site.host("www.example-news.test")
        for i in range(12):
            host.route(f"/story/{i}", Response(body=f"<html><body><p>Story {i}.</p></body></html>"))
        site.start()
        urls = write_list(tmp_path / "urls.txt", [host.url(f"/story/{i}") for i in range(12)])
        args = ["fetch", urls, "--delay", "0", "--per-host", "1", "--retries", "0", "--progress", "never",
                *site.client_flags()]
        first = run_archiver(*args, cwd=tmp_path, timeout=300)
        assert first.returncode == 0, first.stdout + first.stderr
        db = tmp_path / "warcs" / "catalog.sqlite3"
        before = len(live_catalog_rows(db, "SELECT id FROM captures"))

        site.default_delay = 0.5
        proc = start_archiver(*args, "--refresh", output=tmp_path / "refresh.log", cwd=tmp_path)
        deadline = time.monotonic() + 120
        while len(live_catalog_rows(db, "SELECT id FROM captures")) <= before:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("the refresh ended or stalled before it could be interrupted:\n"
                            + (tmp_path / "refresh.log").read_text())
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 130
    log = (tmp_path / "refresh.log").read_text()
    [summary] = [line for line in log.splitlines() if line.startswith("summary:")]
    assert "interrupted:" in summary and "run the same command again" in summary, log
    assert "not fetched again" not in summary, summary
    assert "with --refresh the whole list is fetched again" in summary, summary
