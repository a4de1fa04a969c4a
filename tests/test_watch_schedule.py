"""The re-capture policy (pure) and the schedule as ``archiver run --watch`` follows it with a settable clock."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sitekit import Response, run_archiver, write_list

from archiver.catalog import Catalog
from archiver.watch.clock import iso, parse_time
from archiver.watch.schedule import (
    Policy,
    next_due,
    parse_duration,
    parse_intervals,
    policy_from,
)

T0 = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
M = timedelta(minutes=1)


def intervals_while_unchanged(policy: Policy, start: datetime) -> list[timedelta]:
    """Follow the schedule from ``start`` with no change until it stops; the gaps between checks."""
    gaps, now = [], start
    while True:
        due = next_due(start, None, now, policy)
        if due is None:
            return gaps
        gaps.append(due - now)
        now = due


def test_published_now_is_due_after_the_first_interval():
    assert next_due(T0, None, T0) == T0 + 15 * M


def test_intervals_grow_while_unchanged_and_stop_at_the_age_limit():
    gaps = intervals_while_unchanged(Policy(), T0)
    assert gaps == sorted(gaps)  # never shorter than the one before
    assert gaps[0] == 15 * M and timedelta(hours=1) in gaps and timedelta(days=1) in gaps
    assert gaps[-1] == timedelta(days=7)
    assert sum(gaps, timedelta()) <= timedelta(days=30)  # never a check past the age limit
    assert len(gaps) == 24 + 42 + 12 + 2  # 6 h of 15 min, 42 h hourly, 12 days daily, then weekly


def test_an_interval_shrinks_after_a_change():
    now = T0 + timedelta(days=5)
    quiet = next_due(T0, None, now) - now
    after_change = next_due(T0, now - 5 * M, now) - now
    assert quiet == timedelta(days=1) and after_change == 15 * M


def test_no_check_after_the_age_limit_even_just_after_a_change():
    now = T0 + timedelta(days=29, hours=23, minutes=50)
    assert next_due(T0, now, now) is None
    assert next_due(T0, None, T0 + timedelta(days=31)) is None


def test_first_seen_sets_the_steps_and_published_the_age_limit():
    published = T0 - timedelta(days=29)
    assert next_due(published, None, T0, first_seen=T0) == T0 + 15 * M
    assert next_due(published, None, T0 + timedelta(days=2), first_seen=T0) is None


@pytest.mark.parametrize("text, error", [
    ("6h=15m", "end with the interval"), ("15m", None), ("6h=15m,2d", None), ("6h=15m,1h=5m,7d", "must grow"),
    ("6h=x,7d", "not a duration"), ("6h=0m,7d", "positive"), ("6h=15m,2d=1h,14d=1d,7d", None)])
def test_interval_texts(text, error):
    if error is None:
        steps, last = parse_intervals(text)
        assert last == parse_duration(text.rsplit(",", 1)[-1]) and len(steps) == text.count("=")
    else:
        with pytest.raises(ValueError, match=error):
            parse_intervals(text)


def test_policy_from_flags():
    policy = policy_from("1h=5m,1d", "3d")
    assert policy.interval(30 * M) == 5 * M and policy.interval(2 * timedelta(hours=1)) == timedelta(days=1)
    assert policy.max_age == timedelta(days=3)
    assert parse_time("2026-11-30T06:00:00Z") == T0 and iso(T0) == "2026-11-30T06:00:00Z"


def test_bad_policy_flag_is_a_usage_error(tmp_path):
    proc = run_archiver("run", tmp_path / "none.txt", "--watch", "--watch-intervals", "6h=15m",
                        "--warcs", tmp_path / "w", cwd=tmp_path)
    assert proc.returncode == 2 and "watch intervals" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_archiver("run", tmp_path / "none.txt", "--watch", "--now", "yesterday", cwd=tmp_path)
    assert proc.returncode == 2 and "ISO 8601" in proc.stderr


PAGE = ("<html><head><title>Schedule test</title></head><body><article><h1>Schedule test</h1><p>{}</p>"
        "<p>A second paragraph keeps the article long enough to be an article, with a few more words in it.</p>"
        "</article></body></html>")
FIRST = "The first text of the article says the ferry will run every hour from the north bank."
SECOND = "The corrected text of the article says the ferry will run every half hour from the north bank."


def test_run_watch_fetches_only_what_is_due_on_the_policy(site, tmp_path):
    """A cron-like sequence of runs at set clock times: hits happen exactly when the policy says."""
    texts = {"now": FIRST}
    news = site.host("www.schedule-news.test")
    news.route("/story", lambda req: Response(body=PAGE.format(texts["now"])))
    site.start()
    url = news.url("/story")
    urls = write_list(tmp_path / "urls.txt", [url])
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)

    def run_at(offset: timedelta, max_age: str = "3d") -> int:
        before = site.hits[("www.schedule-news.test", "/story")]
        proc = run_archiver("run", urls, "--watch", "--now", iso(start + offset), "--warcs", tmp_path / "warcs",
                            "--clean", tmp_path / "clean", "--delay", "0", "--jobs", "1", "--progress", "never",
                            "--watch-intervals", "1h=15m,1d=1h,1d", "--watch-max-age", max_age, *site.client_flags(),
                            cwd=tmp_path, timeout=300)
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
        return site.hits[("www.schedule-news.test", "/story")] - before

    assert run_at(timedelta(0)) == 1                   # new URL: captured, watched from now
    assert run_at(10 * M) == 0                         # not due yet
    assert run_at(15 * M) == 1                         # due after the first interval
    assert run_at(25 * M) == 0
    assert run_at(31 * M) == 1                         # 15 minutes later again (quiet under 1 h)
    assert run_at(80 * M) == 1                         # 61 min quiet: the interval grows to an hour
    assert run_at(130 * M) == 0                        # 50 minutes after: not due
    assert run_at(141 * M) == 1                        # an hour after
    texts["now"] = SECOND
    assert run_at(202 * M) == 1                        # the change is found: the interval shrinks
    assert run_at(217 * M) == 1                        # 15 minutes after the change
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3") as catalog:
        row = catalog.conn.execute("SELECT * FROM watch WHERE url = ?", (url,)).fetchone()
        assert row["last_change"] == iso(start + 202 * M) and row["next_due"] == iso(start + 232 * M)
    assert run_at(timedelta(days=3, minutes=1)) == 1   # past 3 days: one last due check ...
    assert run_at(timedelta(days=5)) == 0              # ... and never again
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3") as catalog:
        assert catalog.conn.execute("SELECT next_due FROM watch").fetchone()[0] is None
    # a longer age limit takes the article up again, and its checks go on under the new limit
    assert run_at(timedelta(days=5), max_age="30d") == 1
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3") as catalog:
        assert catalog.conn.execute("SELECT next_due FROM watch").fetchone()[0] is not None
    assert run_at(timedelta(days=5), max_age="3d") == 0  # back under the short limit: not due


def test_urls_archived_before_watching_are_watched_while_young(site, tmp_path):
    """An archive made without --watch: a later --watch run checks its URLs unless they are past the age limit."""
    news = site.host("www.schedule-news.test")
    news.route("/story", Response(body=PAGE.format(FIRST)))
    site.start()
    url = news.url("/story")
    urls = write_list(tmp_path / "urls.txt", [url])
    common = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--jobs", "1",
              "--progress", "never", *site.client_flags())
    assert run_archiver("run", urls, *common, cwd=tmp_path, timeout=300).returncode == 0
    later = datetime.now(UTC).replace(microsecond=0)
    old = run_archiver("run", urls, "--watch", "--now", iso(later + timedelta(days=31)), *common, cwd=tmp_path)
    assert old.returncode == 0 and "0 to fetch" in old.stdout, old.stdout + old.stderr
    young = run_archiver("run", urls, "--watch", "--now", iso(later + timedelta(hours=7)), *common, cwd=tmp_path)
    assert young.returncode == 0 and "1 to fetch" in young.stdout, young.stdout + young.stderr
    assert site.hits[("www.schedule-news.test", "/story")] == 2
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3") as catalog:
        row = catalog.conn.execute("SELECT * FROM watch").fetchone()
        assert row["url"] == url and row["checks"] == 1 and row["next_due"] is not None
        # first seen at the first capture (7 hours before the clock): hourly checks, not every 15 minutes
        assert parse_time(row["next_due"]) - parse_time(row["last_check"]) == timedelta(hours=1)


def test_a_notification_url_apprise_does_not_know_is_a_usage_error(tmp_path):
    urls = write_list(tmp_path / "urls.txt", ["http://www.example.test/a"])
    proc = run_archiver("run", urls, "--watch", "--notify", "carrier-pigeon://coop/7", "--warcs", tmp_path / "w",
                        cwd=tmp_path)
    assert proc.returncode == 2 and "not a notification URL apprise knows" in proc.stderr
    assert "coop" not in proc.stderr  # the URL may hold credentials: only its scheme is shown
    assert not (tmp_path / "w").exists()  # nothing fetched


def test_an_article_past_the_age_limit_is_named_with_its_date(site, tmp_path):
    """A journalist adding a 2022 article to a watched list saw only '1 past the age limit' in the
    summary: which URL, and why, was left unsaid. The run names it, its date and the remedy."""
    news = site.host("www.schedule-news.test")
    old = PAGE.replace("<head>", "<head><meta property='article:published_time' content='2022-01-19T10:00:00Z'>")
    news.route("/old", Response(body=old.format(FIRST)))
    news.route("/new", Response(body=PAGE.format(SECOND)))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/old"), news.url("/new")])
    proc = run_archiver("run", urls, "--watch", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path,
                        timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 past the age limit" in proc.stdout, proc.stdout
    stopped = [line for line in proc.stdout.splitlines() if line.startswith("not checked again")]
    assert stopped == [f"not checked again: {news.url('/old')} (published 2022-01-19, past --watch-max-age 30d; "
                       "a longer one takes it up again)"], proc.stdout
