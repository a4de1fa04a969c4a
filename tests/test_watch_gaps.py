"""Edit-watching gaps a demanding user would hit (session 20, helper watch3), each test failing before its fix.

1. A watched article taken down (404/410) and later back: its ``gone`` and ``back`` events were notified,
   but a reader of ``clean/changes.atom`` never learnt of them, and ``archiver history`` did not show the
   gone spell. Before: the feed held edits only (no feed at all when there was none); history listed the
   captures around the 404s as if nothing had happened between them.
2. A URL that fails was fetched again on every ``--watch`` run (a dead site hammered every 5 minutes).
   Before: 8 runs, 8 requests. Now a per-URL backoff (``--watch-backoff FIRST,MAX``, ``ARCHIVER_WATCH_BACKOFF``)
   doubles the wait after each failure in a row up to MAX, is stored in the catalog, shown by ``archiver
   list`` and reset by a success.
3. The first ``--watch`` run on an archive made without it fetched every young URL at once, also those
   captured a minute before. Before: '2 to fetch' right after the captures. Now each URL is due by its own
   last capture, as if that capture had been a check.
4. The feed's ``<updated>`` was the run's clock (``--now``), not the newest entry's time (RFC 4287
   4.2.15). Before: a feed rewritten by a later run with no new entry said it was updated then.

Real parts: loopback news servers (sitekit) on 127.0.4.81-120, ``archiver run --watch`` as a subprocess on a
set clock (watchkit.Watcher), watchkit's JSON webhook, the real catalog, feedparser reading the feed.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import feedparser
from sitekit import Response, run_archiver, write_list
from watchkit import Watcher, Webhook, furniture_page, gone_on

from archiver.catalog import Catalog
from archiver.watch.clock import iso, parse_time

HOST = "www.gaps-gazette.test"


class FlagWatcher(Watcher):
    """A Watcher whose runs take extra flags and environment variables."""

    def __init__(self, site, tmp, url, *notify, extra=(), env=None):
        super().__init__(site, tmp, url, *notify)
        self.extra, self.env = list(extra), env

    def args(self, same_time: bool = False) -> list:
        return super().args(same_time) + self.extra

    def run(self, same_time: bool = False) -> tuple[int, str]:
        proc = run_archiver(*self.args(same_time), cwd=self.tmp, timeout=300, env=self.env)
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.returncode, proc.stdout

    def catalog(self) -> Catalog:
        return Catalog(self.tmp / "warcs" / "catalog.sqlite3")


def _gone_then_back(site, answers: dict[int, int]) -> str:
    news = site.host(HOST, address="127.0.4.81")
    news.route("/city/bridge", gone_on(answers))
    site.start()
    return news.url("/city/bridge")


def test_gone_and_back_are_entries_of_the_feed(site, tmp_path):
    """Before: no changes.atom at all (no edit); the gone/back events reached the webhook only."""
    url = _gone_then_back(site, {2: 404, 3: 404})
    with Webhook("ok", host="127.0.4.82") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        for _ in range(4):  # the article, 404, 404, the article again
            watcher.run()
        assert watcher.events() == [("gone", None), ("back", 1)]
        assert len(hook.received) == 2
    feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]  # newest first
    assert len(titles) == 2 and titles[0].startswith("Back: ") and titles[1].startswith("Gone (HTTP 404): "), titles
    assert len({e.id for e in feed.entries}) == 2
    assert all(e.link == url for e in feed.entries)
    assert "HTTP 404" in feed.entries[1].summary


def test_history_shows_the_spell_an_article_was_gone(site, tmp_path):
    """Before: history listed capture 1 and capture 4 as one version with nothing between them."""
    url = _gone_then_back(site, {2: 404, 3: 410})
    watcher = Watcher(site, tmp_path, url)
    for _ in range(4):
        watcher.run()
    common = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    proc = run_archiver("history", url, *common, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    gone = [ln for ln in lines if ln.strip().startswith("gone")]
    back = [ln for ln in lines if ln.strip().startswith("back")]
    assert len(gone) == 1 and "HTTP 404" in gone[0] and "2 attempts" in gone[0], proc.stdout
    assert len(back) == 1 and "capture 4" in back[0], proc.stdout
    order = [ln.split()[0] for ln in lines[1:] if ln.strip()]
    assert order[:3] == ["v1", "gone", "back"], proc.stdout  # in time order, between the captures
    proc = run_archiver("history", url, *common, "--format", "json", cwd=tmp_path)
    spells = json.loads(proc.stdout)["gone"]
    assert len(spells) == 1 and spells[0]["http_status"] == 404 and spells[0]["attempts"] == 2, spells
    assert spells[0]["back_capture_id"] is not None


def test_a_failing_url_is_backed_off_doubling_and_reset_by_a_success(site, tmp_path):
    """A site answering 503 on every hit, watched every 16 minutes (the Watcher's step).
    Before: fetched on each of the 8 runs. Now (first wait 15m): runs 1, 2, 4 and 8 (waits 15, 30, 60 min)."""
    news = site.host(HOST, address="127.0.4.83")
    state = {"up": True}

    def reply(req):
        if state["up"]:
            return Response(body=furniture_page(req.hit))
        return Response(body="<html><body>Service Unavailable</body></html>", status=503)

    news.route("/city/bridge", reply)
    site.start()
    url = news.url("/city/bridge")
    watcher = FlagWatcher(site, tmp_path, url, extra=["--watch-backoff", "15m,1d"])
    watcher.run()  # captured while the site is up
    state["up"] = False
    hits = []
    for _ in range(8):
        before = site.hits[(HOST, "/city/bridge")]
        code, out = watcher.run()
        hits.append(site.hits[(HOST, "/city/bridge")] - before)
    assert hits == [1, 1, 0, 1, 0, 0, 0, 1], hits
    with watcher.catalog() as catalog:
        row = catalog.conn.execute("SELECT * FROM watch_backoff WHERE url = ?", (url,)).fetchone()
        assert row["failures"] == 4
    proc = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert "backoff: 4 failures in a row" in proc.stdout, proc.stdout
    proc = run_archiver("list", "--warcs", tmp_path / "warcs", "--format", "json", cwd=tmp_path)
    [item] = json.loads(proc.stdout)["urls"]
    assert item["failures_in_a_row"] == 4 and item["retry_at"], item
    # back up: the next due run fetches it, and its success clears the backoff
    state["up"] = True
    for _ in range(8):
        watcher.run()
        with watcher.catalog() as catalog:
            if catalog.conn.execute("SELECT COUNT(*) FROM watch_backoff").fetchone()[0] == 0:
                break
    else:
        raise AssertionError("the backoff was not cleared by a success")
    proc = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert "backoff" not in proc.stdout, proc.stdout


def test_a_url_never_captured_is_backed_off_too_and_the_cap_holds(site, tmp_path):
    """A list URL that never worked (a dead host's 404 from the start): fetched on every --watch run
    before (it is 'new' for ever). Now backed off as well; ARCHIVER_WATCH_BACKOFF=10m,20m caps the wait."""
    news = site.host(HOST, address="127.0.4.84")
    news.route("/city/never", Response(body="<html><body>nope</body></html>", status=404))
    site.start()
    watcher = FlagWatcher(site, tmp_path, news.url("/city/never"), env={"ARCHIVER_WATCH_BACKOFF": "10m,20m"})
    hits = []
    for _ in range(7):
        before = site.hits[(HOST, "/city/never")]
        code, out = watcher.run()
        hits.append(site.hits[(HOST, "/city/never")] - before)
    # waits: 10m (run 2 is 16 min later: due), 20m, then capped at 20m: every other run
    assert hits == [1, 1, 0, 1, 0, 1, 0], hits
    assert "backoff" in out and "1 failing URL" in out, out
    # the run that held it back does not count it as captured already
    assert "1 skipped (1 backing off)" in out, out


def test_a_bad_backoff_value_is_a_usage_error(tmp_path):
    urls = write_list(tmp_path / "urls.txt", ["http://www.example.test/a"])
    for value in ("15m", "1h,15m", "x,1d"):
        proc = run_archiver("run", urls, "--watch", "--watch-backoff", value, "--warcs", tmp_path / "w", cwd=tmp_path)
        assert proc.returncode == 2 and "--watch-backoff / ARCHIVER_WATCH_BACKOFF" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr


def test_the_first_watch_run_on_an_older_archive_fetches_each_url_when_its_own_capture_says(site, tmp_path):
    """Two URLs archived without --watch: one a minute ago, one (the catalog says) three hours ago.
    Before: the first --watch run fetched both at once. Now only the one whose last capture is older
    than its first interval; the other when it is due (15 minutes after its capture)."""
    news = site.host(HOST, address="127.0.4.85")
    news.route("/fresh", lambda req: Response(body=furniture_page(req.hit)))
    news.route("/older", lambda req: Response(body=furniture_page(req.hit, title="Older story")))
    site.start()
    fresh, older = news.url("/fresh"), news.url("/older")
    urls = write_list(tmp_path / "urls.txt", [fresh, older])
    common = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--jobs", "1",
              "--progress", "never", *site.client_flags())
    assert run_archiver("run", urls, *common, cwd=tmp_path, timeout=300).returncode == 0
    captured = datetime.now(UTC).replace(microsecond=0)
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3") as catalog, catalog.conn:  # an older capture
        catalog.conn.execute("UPDATE captures SET fetched_at = ? WHERE url = ?",
                             (iso(captured - timedelta(hours=3)), older))
    before = dict(site.hits)
    proc = run_archiver("run", urls, "--watch", "--now", iso(captured + timedelta(minutes=5)), *common,
                        cwd=tmp_path, timeout=300)
    assert proc.returncode == 0 and "1 to fetch" in proc.stdout, proc.stdout + proc.stderr
    assert site.hits[(HOST, "/older")] - before.get((HOST, "/older"), 0) == 1
    assert site.hits[(HOST, "/fresh")] == before[(HOST, "/fresh")]
    proc = run_archiver("run", urls, "--watch", "--now", iso(captured + timedelta(minutes=16)), *common,
                        cwd=tmp_path, timeout=300)
    assert proc.returncode == 0 and site.hits[(HOST, "/fresh")] == before[(HOST, "/fresh")] + 1, proc.stdout


def test_the_feed_s_updated_is_its_newest_entry_s_time(site, tmp_path):
    """Before: <updated> was the clock of the run that last wrote the feed (--now, here a day on), so a
    reader saw the feed change with no new entry; RFC 4287 4.2.15 wants the latest significant change."""
    news = site.host(HOST, address="127.0.4.86")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
    watcher.run(), watcher.run()  # the article, then its edit
    watcher.start += timedelta(days=1)  # a run a day later on the test clock: nothing new
    watcher.run()
    feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
    assert not feed.bozo and len(feed.entries) == 1
    newest = feed.entries[0].updated_parsed
    assert feed.feed.updated_parsed == newest, (feed.feed.updated, feed.entries[0].updated)
    assert parse_time(feed.feed.updated) < watcher.start  # a real capture time, not the test clock
