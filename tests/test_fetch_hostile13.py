"""Hostile servers, round 13 (fetcher side): a server's Retry-After outlives the run that heard it.

Real loopback servers (rawkit on 127.0.3.11-12) and real ``archiver fetch`` runs, one after another as
cron would start them; the catalog is real SQLite (the pause's end is set back by hand to stand for
the hour passing)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list


def page(key: str) -> str:
    return (f"<html><head><title>{key}</title></head><body><article><h1>{key}</h1>"
            f"<p>{f'The {key} story goes on with enough words to be an article. ' * 12}</p></article></body></html>")


def fetch(root: Path, *flags: str):
    return run_archiver("fetch", "list.txt", "--warcs", root / "warcs", "--delay", "0", "--retries", "0",
                        "--timeout", "5", "--progress", "never", *flags, cwd=root, timeout=180)


def test_a_retry_after_of_an_hour_holds_the_host_on_the_next_run_and_says_so(tmp_path):
    """A 503 with 'Retry-After: 3600' on a 5-minute cron: every run asked the server again (host12: the
    pause was honoured within a run only, up to --retry-after-max). The next run now leaves the host's
    URLs alone until the hour is over, with one line saying so; other hosts go on; then it fetches them."""
    busy, calm = RawServer("busy.h13.test", "127.0.3.11"), RawServer("calm.h13.test", "127.0.3.12")
    state = {"down": True}
    for path in ("/a", "/b"):
        busy.route(path, lambda r, path=path: http_reply("busy", "503 Service Unavailable", headers=["Retry-After: 3600"])
                   if state["down"] else http_reply(page(f"busy{path}")))
    calm.route("/c", lambda r: http_reply(page("calm")))
    calm.route("/d", lambda r: http_reply(page("calm-d")))
    with busy, calm:
        flags = [f for s in (busy, calm) for f in ("--resolve", s.resolve)]
        write_list(tmp_path / "list.txt", [busy.url("/a"), busy.url("/b"), calm.url("/c")])
        first = fetch(tmp_path, *flags)
        assert first.returncode == 1 and "Retry-After: 3600" in first.stdout, first.stdout
        asked = sum(busy.hits.values())
        write_list(tmp_path / "list.txt", [busy.url("/a"), busy.url("/b"), calm.url("/c"), calm.url("/d")])
        second = fetch(tmp_path, *flags)
        assert sum(busy.hits.values()) == asked, busy.hits  # not asked before the hour is over
        held = [ln for ln in second.stdout.splitlines() if "asked for a pause until" in ln]
        assert len(held) == 1 and held[0].startswith("busy.h13.test asked for a pause until"), second.stdout
        assert "(Retry-After: 3600, on an earlier run): 2 URLs not fetched now" in held[0]
        assert "2 URLs held back" in second.stdout and calm.hits.get("/d") == 1, second.stdout
        assert second.returncode == 0, second.stdout + second.stderr  # nothing failed in this run
        with sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3") as conn:  # the hour passes
            conn.execute("UPDATE host_waits SET until = '2000-01-01T00:00:00Z'")
        state["down"] = False
        third = fetch(tmp_path, *flags)
        assert third.returncode == 0 and "asked for a pause" not in third.stdout, third.stdout
        assert "captured 200 " + busy.url("/a") in third.stdout and "captured 200 " + busy.url("/b") in third.stdout
