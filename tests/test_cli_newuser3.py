"""A new user's walk, round 5 (newuser3): what a demanding user met, each against real servers on loopback.

Settings given a bad number were told in words that named a group of flags, not the one given, and never
its variable (``ARCHIVER_WAIT_LOCK=-1`` said "--url-timeout must be positive; --crawl-delay-max and
--wait-lock not negative"); ``archiver run --extract-timeout -1`` ran (``archiver extract`` refused it).
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site, run_archiver, write_list

ADDRESS = 11  # 127.0.11.x: this round's loopback addresses

PAGE = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour plan</h1>"
        "<p>The harbour council met on Tuesday evening to discuss the future of the old ferry terminal.</p>"
        "</article></body></html>")


@pytest.fixture
def news(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("127.0.11.21", address="127.0.11.21")
    host.route("/harbour", Response(body=PAGE))
    with site:
        write_list(tmp_path / "urls.txt", [host.url("/harbour")])
        yield site


BAD = [
    # (flag or variable, value): the one error line (before: a group's words, or none at all)
    ("ARCHIVER_WAIT_LOCK", "-1", "--wait-lock / ARCHIVER_WAIT_LOCK must not be negative (got -1)"),
    ("ARCHIVER_CRAWL_DELAY_MAX", "-2", "--crawl-delay-max / ARCHIVER_CRAWL_DELAY_MAX must not be negative (got -2)"),
    ("ARCHIVER_CONCURRENCY", "0", "--concurrency / ARCHIVER_CONCURRENCY must be at least 1 (got 0)"),
    ("--per-host", "0", "--per-host / ARCHIVER_PER_HOST must be at least 1 (got 0)"),
    ("ARCHIVER_TOTAL_TIMEOUT", "0", "--total-timeout / ARCHIVER_TOTAL_TIMEOUT must be above 0 (got 0)"),
    ("--url-timeout", "-5", "--url-timeout / ARCHIVER_URL_TIMEOUT must be above 0 (got -5)"),
    ("ARCHIVER_DELAY", "-0.5", "--delay / ARCHIVER_DELAY must not be negative (got -0.5)"),
    ("ARCHIVER_THRESHOLD", "2", "--threshold / ARCHIVER_THRESHOLD must be above 0 and at most 1 (got 2)"),
    ("--extract-timeout", "-1", "--extract-timeout / ARCHIVER_EXTRACT_TIMEOUT must not be negative (got -1)"),
]


@pytest.mark.parametrize("name, value, message", BAD, ids=[b[0] for b in BAD])
def test_a_bad_number_names_its_own_flag_and_variable_and_nothing_is_fetched(tmp_path, news, name, value, message):
    args, env = ([name, value], {}) if name.startswith("--") else ([], {name: value})
    out = run_archiver("run", "urls.txt", "--progress", "never", *args, cwd=tmp_path, env=env)
    assert out.returncode == 2, (out.stdout + out.stderr)[-2000:]
    assert out.stderr.strip() == f"archiver: error: {message}", out.stderr
    assert news.hits[("127.0.11.21", "/harbour")] == 0  # refused before anything was fetched


@pytest.mark.parametrize("name, value, message", [
    ("ARCHIVER_WATCH_MAX_AGE", "0", "--watch-max-age / ARCHIVER_WATCH_MAX_AGE: not a duration: '0'"),
    ("ARCHIVER_WATCH_INTERVALS", "6h=15m", "--watch-intervals / ARCHIVER_WATCH_INTERVALS: watch intervals '6h=15m': "
                                           "end with the interval"),
])
def test_a_bad_watch_policy_names_its_variable(tmp_path, news, name, value, message):
    out = run_archiver("run", "urls.txt", "--watch", "--progress", "never", cwd=tmp_path, env={name: value})
    assert out.returncode == 2, (out.stdout + out.stderr)[-2000:]
    assert out.stderr.startswith(f"archiver: error: {message}"), out.stderr
    assert news.hits[("127.0.11.21", "/harbour")] == 0


def test_bad_ports_and_brackets_are_said_in_the_user_s_words(tmp_path, news):
    """Python's own words reached the list's report: "bad host or port (Port could not be cast to integer
    value as '8o80')", "(Port out of range 0-65535)", "not a URL (Invalid IPv6 URL)"."""
    good = news.hosts["127.0.11.21"].url("/harbour")
    write_list(tmp_path / "odd.txt", [good, "http://127.0.11.21:8o80/a", "http://127.0.11.21:99999/a",
                                      "http://[::1/a", "http://[zz]/a", "http://127.0.11.21:-1/a"])
    out = run_archiver("fetch", "odd.txt", "--progress", "never", cwd=tmp_path)
    assert out.returncode == 1, (out.stdout + out.stderr)[-2000:]
    text = out.stdout + out.stderr
    assert "odd.txt:2: bad port '8o80' (not a number)" in text, text
    assert "odd.txt:3: bad port 99999 (a port is at most 65535)" in text
    assert "odd.txt:4: not a URL (a '[' or ']' around the host without its pair)" in text
    assert "odd.txt:5: not a URL ([zz] is not an IPv6 address)" in text
    assert "odd.txt:6: bad port '-1' (not a number)" in text
    assert "Port " not in text and "Invalid IPv6" not in text and "does not appear" not in text
    assert "5 bad lines" in text and news.hits[("127.0.11.21", "/harbour")] == 1  # the rest goes on
