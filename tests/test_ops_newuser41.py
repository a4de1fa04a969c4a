"""An operator running archiver as a scheduled job (nu41): JSON logs, overlapping runs, variables for every flag.

Real parts: loopback news servers (sitekit) on 127.0.51.x, ``python -m archiver`` as a subprocess, the archive's
real lock file (``warcs/.archiver.lock``, flock) held as a run holds it, the real catalog.
"""
from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime, timedelta

from sitekit import Response, run_archiver, write_list
from watchkit import furniture_page

HOST = "www.county-ledger.test"


def _hold_lock(warcs, minutes_ago: int) -> int:
    """Take the archive's lock as a run started ``minutes_ago`` does (its holder line); returns the fd."""
    warcs.mkdir(parents=True, exist_ok=True)
    fd = os.open(warcs / ".archiver.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    since = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(timespec="seconds")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"archiver run pid 4242 since {since}: run urls.txt\n".encode(), 0)
    return fd


def test_a_skipped_watch_run_with_json_logs_writes_a_json_line(site, tmp_path):
    """cron's --watch run configured by ARCHIVER_WATCH=1 and ARCHIVER_LOG_FORMAT=json (the README's container
    example) while the previous run still holds the archive: it skipped, exit 0, but its one line on stdout was
    plain text ('archiver run: skipped: ...') among JSON lines, so a log shipper parsing JSON lines choked on it.
    Now it is a JSON line with event 'run-skipped', the same message, and the holder."""
    news = site.host(HOST, address="127.0.51.10")
    news.route("/city/levy", Response(body=furniture_page(1)))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/city/levy")])
    env = {"ARCHIVER_WATCH": "1", "ARCHIVER_LOG_FORMAT": "json", "ARCHIVER_RESOLVE": site.resolve_flags()[1]}
    fd = _hold_lock(tmp_path / "warcs", minutes_ago=3)
    try:
        proc = run_archiver("run", urls, cwd=tmp_path, env=env)
    finally:
        os.close(fd)
    assert proc.returncode == 0 and proc.stderr == "", proc.stdout + proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]  # each one a JSON object
    skipped = [entry for entry in lines if entry["event"] == "run-skipped"]
    assert len(skipped) == 1, proc.stdout
    assert skipped[0]["message"].startswith("archiver run: skipped: the previous run still holds the archive "
                                            "(archiver run pid 4242 since "), skipped[0]
    assert skipped[0]["holder"].startswith("archiver run pid 4242 since "), skipped[0]
    assert site.hits.get((HOST, "/city/levy"), 0) == 0  # nothing fetched
    # the next run, the lock free, captures as usual, its lines JSON too
    proc = run_archiver("run", urls, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert all(json.loads(line)["time"] for line in proc.stdout.splitlines()), proc.stdout


def test_the_json_summary_line_carries_the_counts_an_alert_reads(site, tmp_path):
    """With ARCHIVER_LOG_FORMAT=json the run's 'summary' line held only its message ('summary: 1 captured (0
    unchanged, ...), 2 failed, ...'): a log pipeline alerting on failures had to parse English out of it, while the
    'start' and 'extract-summary' lines carry their counts as fields. Now the first summary line does too."""
    news = site.host(HOST, address="127.0.51.11")
    news.route("/city/levy", Response(body=furniture_page(1)))
    news.route("/city/gone", Response(404, body="not here"))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/city/levy"), "not a url", news.url("/city/gone"),
                                              "http://127.0.51.12:9/closed"])
    env = {"ARCHIVER_LOG_FORMAT": "json", "ARCHIVER_RESOLVE": site.resolve_flags()[1], "ARCHIVER_RETRIES": "0",
           "ARCHIVER_DELAY": "0"}
    proc = run_archiver("run", urls, cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    summary = [entry for entry in lines if entry["event"] == "summary"]
    assert summary[0]["message"].startswith("summary: 1 captured"), summary
    assert {k: summary[0].get(k) for k in ("captured", "revisits", "failed", "skipped", "bad_lines", "interrupted",
                                           "exit_code")} == {"captured": 1, "revisits": 0, "failed": 2, "skipped": 0,
                                                             "bad_lines": 1, "interrupted": False, "exit_code": 1}
    proc = run_archiver("run", urls, cwd=tmp_path, env=env)  # again: the capture is kept, the failures retried
    summary = [json.loads(line) for line in proc.stdout.splitlines() if json.loads(line)["event"] == "summary"]
    assert (summary[0]["captured"], summary[0]["skipped"], summary[0]["failed"]) == (0, 1, 2), summary[0]


def test_the_dockerfile_points_to_notes_that_exist():
    """The Dockerfile's first lines sent the operator to 'docs/docker.md' for build, run and schedule notes: there
    is no such file (the notes are README.md's section). Every file and README section its comments name exists."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    text = (root / "Dockerfile").read_text()
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    named = set(re.findall(r"\b((?:[\w.-]+/)*[\w.-]+\.(?:md|sh|lock|toml))\b", comments))
    assert named, comments
    missing = sorted(path for path in named if not (root / path).exists())
    assert not missing, f"the Dockerfile names files that do not exist: {missing}"
    readme = (root / "README.md").read_text()
    sections = re.findall(r'README\.md, "([^"]+)"', comments)
    assert sections, comments
    for section in sections:
        assert f"## {section}\n" in readme, section


def _minutes_page(count: int) -> str:
    paras = "".join(f"<p>Paragraph {i} of the council minutes records that member {i % 97} spoke about the levy and "
                    f"the roads for a while, item {i}.</p>" for i in range(count))
    return f"<html><head><title>Minutes</title></head><body><article><h1>Minutes</h1>{paras}</article></body></html>"


def test_a_watch_run_starting_while_the_previous_one_extracts_skips_and_the_edit_is_told_once(site, tmp_path):
    """cron's --watch runs overlap while the first is still extracting (a long page, many pages): the archive's
    lock covered the fetch only, so the next run took it, extracted the first run's pages a second time and judged
    the same captures, both at once: the edit could be notified twice. Now a run holds the lock to its end (fetch,
    extract, watch), so the next one skips (exit 0, one line) and the edit is told once, by the run that fetched."""
    import time

    from sitekit import start_archiver
    from watchkit import Webhook

    news = site.host(HOST, address="127.0.51.13")
    news.route("/city/levy", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    news.route("/city/minutes", Response(body=_minutes_page(40000)))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/city/levy")])
    with Webhook("ok", host="127.0.51.14") as hook:
        env = {"ARCHIVER_WATCH": "1", "ARCHIVER_NOTIFY": hook.url(), "ARCHIVER_RESOLVE": site.resolve_flags()[1],
               "ARCHIVER_LOG_FORMAT": "json", "ARCHIVER_JOBS": "1", "ARCHIVER_EXTRACT_TIMEOUT": "12",
               "ARCHIVER_DELAY": "0"}
        first = run_archiver("run", urls, cwd=tmp_path, env={**env, "ARCHIVER_NOW": "2026-12-01T08:00:00Z"})
        assert first.returncode == 0, first.stdout + first.stderr
        write_list(urls, [news.url("/city/levy"), news.url("/city/minutes")])  # a long page joins the list
        later = {**env, "ARCHIVER_NOW": "2026-12-01T09:00:00Z"}  # the article is due (quiet 1 h: every 15 min)
        slow = start_archiver("run", urls, output=tmp_path / "slow.out", cwd=tmp_path, env=later)
        try:
            deadline = time.monotonic() + 120
            while '"event": "cdxj"' not in (tmp_path / "slow.out").read_text():  # its fetch is over
                assert slow.poll() is None and time.monotonic() < deadline, (tmp_path / "slow.out").read_text()
                time.sleep(0.05)
            assert slow.poll() is None, "the first run ended before the second could start"
            second = run_archiver("run", urls, cwd=tmp_path, env=later, timeout=240)
            slow.wait(240)
        finally:
            if slow.poll() is None:
                slow.kill()
                slow.wait(30)
        out = (tmp_path / "slow.out").read_text()
        assert slow.returncode == 1, out  # 1: a content change
        assert second.returncode == 0, second.stdout + second.stderr
        events = [json.loads(line)["event"] for line in second.stdout.splitlines()]
        assert events == ["run-skipped"], second.stdout
        deadline = time.monotonic() + 30
        while not hook.received and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        assert len(hook.received) == 1, hook.received
    assert site.hits[(HOST, "/city/levy")] == 2
