"""A Retry-After the fetcher cannot read is ignored (RFC 9110 lets a recipient do so), never the end of a run.

Real loopback servers (rawkit on 127.0.3.201-202) and a real ``archiver fetch`` run with its SQLite catalog."""
from __future__ import annotations

import sqlite3

from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list

from archiver.fetch.retry import retry_after


def test_only_ascii_digits_are_a_delay():
    """'²' (byte 0xB2 as httpx decodes it) and the other Unicode digits are no delay: None, no exception."""
    assert retry_after("120", 60.0) == 60.0 and retry_after(" 7 ", 60.0) == 7.0
    for odd in ("\u00b2", "\u0663", "\uff11\uff12", "1\u00b2", "12.5", "-3", "soon"):
        assert retry_after(odd, 60.0) is None, odd


def test_a_retry_after_of_a_superscript_two_fails_its_url_and_the_run_goes_on(tmp_path):
    """review4: 'Retry-After: ²' on a 503 ended 'archiver fetch' with 'could not convert string to float'
    (exit 2): the URLs after it were never asked and two that came were not reported."""
    busy, calm = RawServer("busy.m3.test", "127.0.3.201"), RawServer("calm.m3.test", "127.0.3.202")
    busy.route("/a", lambda r: http_reply("busy", "503 Service Unavailable", headers=["Retry-After: \u00b2"]))
    for i in range(6):
        calm.route(f"/c{i}", lambda r, i=i: http_reply(f"<html><body><p>calm page {i} here</p></body></html>"))
    with busy, calm:
        write_list(tmp_path / "list.txt", [busy.url("/a")] + [calm.url(f"/c{i}") for i in range(6)])
        got = run_archiver("fetch", "list.txt", "--warcs", tmp_path / "w", "--delay", "0", "--retries", "0",
                           "--timeout", "5", "--progress", "never", "--resolve", busy.resolve,
                           "--resolve", calm.resolve, cwd=tmp_path, timeout=180)
    out = got.stdout + got.stderr
    assert got.returncode == 1, out  # one URL failed; not 2 (an error)
    assert "could not convert" not in out and "Traceback" not in out, out
    assert f"failed {busy.url('/a')}: HTTP 503" in got.stdout, out
    for i in range(6):
        assert f"captured 200 {calm.url(f'/c{i}')}" in got.stdout, out
    with sqlite3.connect(tmp_path / "w" / "catalog.sqlite3") as conn:
        states = dict(conn.execute("SELECT url, state FROM captures"))
        kept = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'host_waits'").fetchone() and \
            conn.execute("SELECT host FROM host_waits").fetchall()
    assert states[busy.url("/a")] == "failed" and sum(s == "captured" for s in states.values()) == 6, states
    assert not kept  # a pause nobody can read is kept for no run


def test_a_pause_asked_after_a_redirect_holds_the_seed_on_the_next_run(tmp_path):
    """review4: the pause was kept under the redirect target's host (final_url) but the next run looked for
    the seed's host, so a seed that redirects to a busy host was asked again every run."""
    front, busy = RawServer("front.m3.test", "127.0.3.203"), RawServer("busy2.m3.test", "127.0.3.204")
    front.route("/story", lambda r: http_reply("moved", "302 Found", headers=[f"Location: {busy.url('/story')}"]))
    busy.route("/story", lambda r: http_reply("busy", "503 Service Unavailable", headers=["Retry-After: 3600"]))
    with front, busy:
        write_list(tmp_path / "list.txt", [front.url("/story")])
        flags = ["--warcs", tmp_path / "w", "--delay", "0", "--retries", "0", "--timeout", "5", "--progress",
                 "never", "--resolve", front.resolve, "--resolve", busy.resolve]
        first = run_archiver("fetch", "list.txt", *flags, cwd=tmp_path, timeout=180)
        assert first.returncode == 1 and "Retry-After: 3600" in first.stdout, first.stdout + first.stderr
        asked = dict(front.hits)
        second = run_archiver("fetch", "list.txt", *flags, cwd=tmp_path, timeout=180)
    assert "front.m3.test asked for a pause until" in second.stdout, second.stdout + second.stderr
    assert front.hits == asked, front.hits  # not asked again before the hour is over
