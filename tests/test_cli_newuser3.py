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


def test_messages_left_for_a_notify_url_no_longer_given_are_said(tmp_path):
    """A webhook down at an edit keeps its message for the next run; a next run given another --notify URL
    (the address mended, the target dropped) said "0 notifications sent, 0 failed" and nothing of it."""
    from watchkit import Watcher, Webhook, furniture_page

    with Site(tmp_path / "site") as site, Webhook(host="127.0.11.31") as old, Webhook(host="127.0.11.32") as new:
        news = site.host("www.harbour-gazette.test", address="127.0.11.22")
        news.route("/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
        watcher = Watcher(site, tmp_path, news.url("/bridge"), old.url())
        watcher.run()
        old.down = True
        code, out = watcher.run()  # the edit: its message to the webhook fails, kept
        assert code == 1 and "kept for the next run" in out, out
        watcher.notify = (new.url(),)
        _, out = watcher.run(same_time=True)
        assert ("notifications: 1 message for 1 --notify target not given to this run waits in the catalog, "
                "unsent: give that --notify URL again to send it") in out, out
        assert new.received == [] and old.received == []
        old.down, watcher.notify = False, (old.url(),)
        _, out = watcher.run(same_time=True)
        assert len(old.received) == 1 and "not given to this run" not in out, out


def test_a_host_with_a_broken_punycode_label_is_a_bad_line_not_a_fetch_failure(tmp_path, news):
    """``http://xn--/a`` passed the list's check and failed at every run as "IDNAError: Malformed A-label,
    no Punycode eligible content found": an exception's class name, and a URL no run can ever fetch."""
    good = news.hosts["127.0.11.21"].url("/harbour")
    write_list(tmp_path / "idn.txt", [good, "http://xn--/a", "http://www.xn--abc.test/a"])
    out = run_archiver("fetch", "idn.txt", "--progress", "never", cwd=tmp_path)
    text = out.stdout + out.stderr
    assert out.returncode == 1, text[-2000:]
    assert "idn.txt:2: bad host 'xn--' ('xn--' is not a valid internationalised name: not Punycode)" in text, text
    assert "idn.txt:3: bad host 'www.xn--abc.test' ('xn--abc' is not a valid" in text
    assert "IDNAError" not in text and "2 bad lines" in text and "1 captured" in text


def test_a_change_starting_with_punctuation_is_shown_glued_to_its_words(tmp_path):
    """``history`` (and ``diff``, and the notifications) showed a clause added after a word as
    ``packed the hall {+, and many spoke+} . The council``: spaces the text never had, around a comma
    and a full stop."""
    first = PAGE.replace("old ferry terminal.</p>", "old ferry terminal.</p><p>Residents packed the hall. "
                         "The vote is next month, the council said after the meeting.</p>")
    second = first.replace("packed the hall.", "packed the hall, and many spoke in favour of a market.")
    from sitekit import sequence

    with Site(tmp_path / "site") as site:
        host = site.host("127.0.11.23", address="127.0.11.23")
        host.route("/harbour", sequence(Response(body=first), Response(body=second)))
        url = host.url("/harbour")
        write_list(tmp_path / "urls.txt", [url])
        for extra in ([], ["--refresh"]):
            done = run_archiver("run", "urls.txt", "--progress", "never", "--delay", "0", *extra, cwd=tmp_path)
            assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    out = run_archiver("history", url, cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr  # a content change
    assert "packed the hall{+, and many spoke in favour of a market+}. The vote" in out.stdout, out.stdout


def test_http2_alone_before_the_list_file_is_on_not_the_list_s_value(tmp_path, news):
    """``archiver fetch --http2 urls.txt`` (the README: '--http2' alone is on) said "the following arguments
    are required: LIST" of a LIST given: the switch's optional value had taken the list file."""
    out = run_archiver("fetch", "--http2", "urls.txt", "--progress", "never", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert news.hits[("127.0.11.21", "/harbour")] == 1
    out = run_archiver("fetch", "--http2", "maybe", "urls.txt", cwd=tmp_path)  # a word, not a file: still told
    assert out.returncode == 2 and "--http2 / ARCHIVER_HTTP2: not a boolean: 'maybe'" in out.stderr, out.stderr


def test_a_host_and_port_without_a_scheme_is_told_as_no_scheme(tmp_path, news):
    """``127.0.11.21:PORT/harbour`` copied without its ``http://`` said "no scheme", but ``localhost:8080/a`` or
    ``news.example:8080/a`` said "unsupported scheme 'news.example'": urlsplit reads the host as a scheme."""
    port = news.hosts["127.0.11.21"].port
    write_list(tmp_path / "bare.txt", [f"localhost:{port}/harbour", f"www.example-news.test:{port}/a", "tel:123"])
    out = run_archiver("fetch", "bare.txt", "--progress", "never", cwd=tmp_path)
    text = out.stdout + out.stderr
    assert out.returncode == 1, text[-2000:]
    assert (f"bare.txt:1: not a URL (no scheme; expected http:// or https://, e.g. http://localhost:{port}/harbour)"
            in text), text
    assert f"bare.txt:2: not a URL (no scheme; expected http:// or https://, e.g. http://www.example-news.test:{port}/a)" \
        in text
    assert "bare.txt:3: unsupported scheme 'tel' (only http and https)" in text  # a scheme it is


def test_a_webhook_refusing_the_connection_is_told_in_the_socket_s_words(tmp_path):
    """A json:// target with nothing listening was told as urllib3 wraps it, 300 characters of "HTTPConnectionPool(
    host=..., port=...): Max retries exceeded with url: ... (Caused by NewConnectionError(\\"HTTPConnection(...)"
    before the words that matter, "Connection refused"; the SMTP target's line beside it said just that."""
    import socket

    from watchkit import Watcher, furniture_page

    probe = socket.socket()
    probe.bind(("127.0.11.33", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with Site(tmp_path / "site") as site:
        news = site.host("www.harbour-gazette.test", address="127.0.11.24")
        news.route("/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
        watcher = Watcher(site, tmp_path, news.url("/bridge"), f"json://127.0.11.33:{port}/hook")
        watcher.run()
        code, out = watcher.run()
    [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
    assert code == 1 and failed.endswith("Connection refused)"), failed
    assert "ConnectionPool" not in failed and "Max retries" not in failed, failed


def test_diff_help_says_the_manifest_header_is_optional(tmp_path):
    """``--manifest``'s help said "file<TAB>url lines (after a header)", while a first line holding a URL is read
    as data (the README says so): a user without a header added one line of junk to be safe."""
    out = run_archiver("diff", "--help", cwd=tmp_path, env={"COLUMNS": "300"})
    assert out.returncode == 0 and "(after a header)" not in out.stdout, out.stdout
    assert "(a header line first is optional)" in out.stdout


def test_a_switch_its_variable_turned_on_is_turned_off_by_its_no_flag(tmp_path, news):
    """With ARCHIVER_REFRESH=1 (or ARCHIVER_WATCH=1) in a job's environment, one run without it had no flag:
    '--refresh' only turns it on, so "a flag beats its variable" did not hold for switches."""
    env = {"ARCHIVER_REFRESH": "1"}
    first = run_archiver("fetch", "urls.txt", "--progress", "never", cwd=tmp_path, env=env)
    assert first.returncode == 0 and news.hits[("127.0.11.21", "/harbour")] == 1, first.stdout + first.stderr
    again = run_archiver("fetch", "urls.txt", "--no-refresh", "--progress", "never", cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert news.hits[("127.0.11.21", "/harbour")] == 1 and "1 skipped" in again.stdout  # not fetched again
    refreshed = run_archiver("fetch", "urls.txt", "--progress", "never", cwd=tmp_path, env=env)
    assert refreshed.returncode == 0 and news.hits[("127.0.11.21", "/harbour")] == 2  # the variable still works
    shown = run_archiver("run", "--help", cwd=tmp_path, env={"COLUMNS": "300"})
    assert "--no-watch" in shown.stdout and "--no-ignore-robots" in shown.stdout, shown.stdout
