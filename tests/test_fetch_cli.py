"""Issue 2: the command line around a fetch. Usage errors, environment twins,
JSON log lines, WARC naming and rollover, redirect limits.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from sitekit import Response, Site, redirect, run_archiver, write_list
from warckit import open_files, read_records, warc_files, warcio_check

NAME = re.compile(r"^(?P<prefix>.+)-(?P<stamp>\d{17})-(?P<serial>\d{5})-(?P<host>[A-Za-z0-9._-]+)\.warc\.gz$")


def _fetch(site: Site, tmp: Path, list_path: Path, *extra: str, env: dict[str, str] | None = None):
    return run_archiver("fetch", list_path, "--db", tmp / "cat.db", "--delay", "0", "--timeout", "20",
                        "--retries", "0", "--progress", "never", *site.client_flags(), *extra,
                        cwd=tmp, timeout=180, env=env)


def _rows(tmp: Path) -> dict[str, sqlite3.Row]:
    conn = sqlite3.connect(tmp / "cat.db")
    conn.row_factory = sqlite3.Row
    try:
        return {r["url"]: r for r in conn.execute("SELECT * FROM captures")}
    finally:
        conn.close()


def test_missing_or_unreadable_list_is_a_usage_error(tmp_path):
    r = run_archiver("fetch", tmp_path / "nope.txt", "--warcs", tmp_path / "w", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "nope.txt" in r.stderr
    (tmp_path / "adir").mkdir()
    r = run_archiver("fetch", tmp_path / "adir", "--warcs", tmp_path / "w", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr


@pytest.mark.parametrize("command", ["fetch", "run"])
def test_a_url_given_for_the_list_says_what_a_list_is_and_makes_nothing(command: str, tmp_path):
    """'archiver run https://...' (as 'archivebox add URL' or wget take it) answered only 'cannot read
    list file https://...: No such file or directory', and run had made clean/ on the way."""
    url = "https://www.example-news.test/story"
    r = run_archiver(command, url, cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"LIST is a file of URLs, one a line: echo '{url}' > urls.txt" in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []  # neither warcs/ nor clean/ made


def test_bad_flag_value_is_a_usage_error(tmp_path):
    list_path = write_list(tmp_path / "urls.txt", ["https://www.example-news.test/"])
    r = run_archiver("fetch", list_path, "--resolve", "not-a-triple", "--warcs", tmp_path / "w", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    r = run_archiver("fetch", list_path, "--concurrency", "zero", "--warcs", tmp_path / "w", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr


def test_list_of_only_bad_lines_exits_1_and_fetches_nothing(tmp_path):
    list_path = write_list(tmp_path / "urls.txt", ["ftp://x.test/a", "gopher://y.test/"])
    r = run_archiver("fetch", list_path, "--warcs", tmp_path / "w", "--progress", "never", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert f"{list_path}:1: " in out and f"{list_path}:2: " in out


def test_all_good_exits_0_with_env_twins_and_json_logs(site, tmp_path):
    host = site.host("www.example-news.test", https=True)
    host.route("/a", Response(body="a")).route("/b", Response(body="b"))
    site.start()
    list_path = write_list(tmp_path / "urls.txt", [host.url("/a"), host.url("/b"), "ftp://bad.test/"])
    env = {"ARCHIVER_WARCS": str(tmp_path / "from-env"), "ARCHIVER_LOG_FORMAT": "json",
           "ARCHIVER_USER_AGENT": "EnvBot/2"}
    r = _fetch(site, tmp_path, list_path, env=env)
    assert r.returncode == 1, r.stdout + r.stderr  # the bad line
    assert warc_files(tmp_path / "from-env"), "ARCHIVER_WARCS should choose the WARC folder"
    assert {q.headers["User-Agent"] for q in site.requests} == {"EnvBot/2"}
    events = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert events and all("event" in e and "message" in e for e in events)
    assert any(f"{list_path}:3: " in e["message"] for e in events)

    host.route("/c", Response(body="c"))
    env_files = set(warc_files(tmp_path / "from-env"))
    r2 = _fetch(site, tmp_path, write_list(tmp_path / "good.txt", [host.url("/a"), host.url("/b"), host.url("/c")]),
                "--warcs", tmp_path / "flag-wins", env=env)
    assert r2.returncode == 0, r2.stdout + r2.stderr  # /a and /b already captured, /c new: no failure
    assert sum(site.hits[(host.name, p)] for p in ("/a", "/b", "/c")) == 3
    assert warc_files(tmp_path / "flag-wins"), "a flag beats its ARCHIVER_* variable"
    assert set(warc_files(tmp_path / "from-env")) == env_files


def test_warc_files_named_and_rolled_over(site, tmp_path):
    host = site.host("www.dw.com")
    for i in range(12):
        host.route(f"/p/{i}", Response(body=os.urandom(10_000), content_type="application/octet-stream"))
    site.start()
    list_path = write_list(tmp_path / "urls.txt", [host.url(f"/p/{i}") for i in range(12)])
    r = _fetch(site, tmp_path, list_path, "--warcs", tmp_path / "w", "--warc-max-size", "30K",
               "--warc-prefix", "newsarchive")
    assert r.returncode == 0, r.stdout + r.stderr
    files = warc_files(tmp_path / "w")
    assert len(files) >= 3, [f.name for f in files]
    assert not open_files(tmp_path / "w")
    serials = []
    for path in files:
        m = NAME.match(path.name)
        assert m and m["prefix"] == "newsarchive", path.name
        serials.append(int(m["serial"]))
        records = read_records(path)
        assert records[0].type == "warcinfo"
        assert records[0].headers.get("WARC-Filename") == path.name
    assert len(set(serials)) == len(serials)
    check = warcio_check(files)
    assert check.returncode == 0, check.stdout
    rows = _rows(tmp_path)
    assert {r["warc_file"] for r in rows.values()} <= {f.name for f in files}
    assert len({r["warc_file"] for r in rows.values()}) >= 2


def test_too_many_redirects_and_redirect_to_other_scheme(site, tmp_path):
    host = site.host("www.example-news.test")
    for i in range(25):
        host.route(f"/hop/{i}", redirect(f"/hop/{i + 1}"))
    host.route("/to-ftp", redirect("ftp://files.example-news.test/a.txt"))
    for i in range(20):  # exactly 20 redirects (Chromium's limit), then a page: allowed
        host.route(f"/ten/{i}", redirect(f"/ten/{i + 1}" if i < 19 else "/page"))
    host.route("/page", Response(body="finally"))
    site.start()
    urls = [host.url("/hop/0"), host.url("/to-ftp"), host.url("/ten/0")]
    r = _fetch(site, tmp_path, write_list(tmp_path / "urls.txt", urls), "--warcs", tmp_path / "w")
    assert r.returncode == 1, r.stdout + r.stderr
    rows = _rows(tmp_path)
    assert rows[urls[0]]["state"] == "failed" and re.search(r"redirect", rows[urls[0]]["reason"]), dict(rows[urls[0]])
    assert site.hits[(host.name, "/hop/20")] == 1 and site.hits[(host.name, "/hop/21")] == 0, \
        "at most 20 redirects are followed"
    assert rows[urls[1]]["state"] == "failed" and "ftp" in rows[urls[1]]["reason"], dict(rows[urls[1]])
    assert rows[urls[2]]["state"] == "captured", dict(rows[urls[2]])
    assert rows[urls[2]]["final_url"] == host.url("/page")


def test_progress_bar_on_a_terminal_plain_lines_elsewhere(site, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    from sitekit import archiver_env

    host = site.host("www.example-news.test")
    for i in range(3):
        host.route(f"/p/{i}", Response(body=f"page {i}"))
    site.start()
    urls = [host.url(f"/p/{i}") for i in range(3)]
    args = ["fetch", str(write_list(tmp_path / "urls.txt", urls)), "--delay", "0", "--timeout", "20",
            *site.client_flags()]

    plain = run_archiver(*args, "--warcs", tmp_path / "w1", cwd=tmp_path, timeout=120)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert "%|" not in plain.stderr, "no progress bar when stderr is not a terminal"
    for url in urls:
        assert any(url in line and "captured" in line for line in plain.stdout.splitlines()), plain.stdout

    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real terminal's size
    proc = subprocess.Popen([sys.executable, "-m", "archiver", *args, "--warcs", str(tmp_path / "w2")],
                            cwd=tmp_path, env=archiver_env(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out = proc.stdout.read()
    code = proc.wait(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    tty = b"".join(chunks).decode("utf-8", "replace")
    assert code == 0, out.decode() + tty
    assert "%|" in tty and "3/3" in tty, f"expected a progress bar on the terminal, got {tty!r}"
