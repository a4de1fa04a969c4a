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
