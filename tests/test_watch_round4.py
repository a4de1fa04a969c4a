"""Edit-watching, round 4 (session 21, helper watch4): what a demanding user of ``--watch`` still hit.

1. After a long outage every URL of the site came back from its backoff in the same run: a site still down,
   or just back up, was asked for all of them at once. Now a host's URLs whose backoff ended come back a few
   per run (``--per-host`` first, twice as many each run while the host answers), and a host that still
   fails pushes its other URLs to the failed probe's next try (archiver/watch/revival.py).
2. Byline changes and extraction warnings were notified but neither in the Atom feed nor in ``archiver history``
   (whose step back from a collapsed extraction even read as a content change, exit 1); an author line written
   otherwise (case, order, "By", "and" for ";") was told as a byline change.
3. A watched URL held back by its backoff was counted 'skipped (already captured or duplicate)' by the run's
   start line, and no 'backoff:' line named it (only a never-captured URL got both).
4. ``archiver history`` said nothing of a site down between two captures (the failed attempts were in the
   catalog): it lists the spell now ('failed capture N TIME HTTP 503 ... (4 attempts failed ...)', 'again').

Real parts: loopback news servers (sitekit) on 127.0.5.64-127, ``archiver run --watch`` as a subprocess on a
set clock (watchkit.Watcher), the real catalog.
"""
from __future__ import annotations

import json

import feedparser
from sitekit import Response, run_archiver, write_list
from watchkit import Mailbox, Watcher, Webhook, collapsed_page, furniture_page

from archiver.catalog import Catalog

HOST = "www.round4-courier.test"
PATHS = [f"/city/story-{n}" for n in range(1, 7)]


class ListWatcher(Watcher):
    """A Watcher over several URLs, with extra flags."""

    def __init__(self, site, tmp, urls, extra=()):
        super().__init__(site, tmp, urls[0])
        self.list = write_list(tmp / "urls.txt", urls)
        self.extra = list(extra)

    def args(self, same_time: bool = False) -> list:
        return super().args(same_time) + self.extra

    def catalog(self) -> Catalog:
        return Catalog(self.tmp / "warcs" / "catalog.sqlite3")


def test_urls_back_from_a_backoff_come_back_a_few_per_run_and_a_host_still_down_is_probed(site, tmp_path):
    """Six articles of one site; the site answers 503 for a long while, then comes back.
    Before: the run after the backoff asked all six (still down: six 503s; back up: six requests at once).
    Now: two per run first (a probe); a probe that fails keeps the other four from being asked; once the
    host answers, two, then four."""
    news = site.host(HOST, address="127.0.5.64")
    state = {"up": True}

    def reply(req):
        if state["up"]:
            return Response(body=furniture_page(req.hit, title=f"Story {req.path[-1]}"))
        return Response(body="<html><body>Service Unavailable</body></html>", status=503)

    for path in PATHS:
        news.route(path, reply)
    site.start()
    watcher = ListWatcher(site, tmp_path, [news.url(p) for p in PATHS], extra=["--watch-backoff", "15m,15m"])

    said: list[str] = []

    def fetched() -> set[str]:
        before = {p: site.hits[(HOST, p)] for p in PATHS}
        said.append(watcher.run()[1])
        return {p for p in PATHS if site.hits[(HOST, p)] > before[p]}

    watcher.run()  # captured while up: 6 captures
    state["up"] = False
    down = [len(fetched()) for _ in range(4)]
    # run 1: all six due, all fail (the outage starts); run 2 (16 min later): backoff over, two probes fail,
    # the four others pushed behind them; later runs: two probes again, never the six
    assert down[0] == 6, down
    assert max(down[1:]) <= 2 and sum(down[1:]) >= 2, down
    state["up"] = True
    back: list[set[str]] = []  # per run, the URLs fetched for the first time since the site came back
    for _ in range(6):
        back.append(fetched() - set().union(*back))
        with watcher.catalog() as catalog:
            if catalog.conn.execute("SELECT COUNT(*) FROM watch_backoff").fetchone()[0] == 0:
                break
    sizes = [len(b) for b in back]
    assert sizes == [2, 4], sizes  # a probe of --per-host (2), then twice as many: the four left
    assert f"backoff: {HOST}: 4 URLs back after their backoff left for the next runs" in said[-2], said[-2]
    assert site.max_in_flight[HOST] <= 2  # --per-host politeness within each run, as for any fetch
    with watcher.catalog() as catalog:
        assert catalog.conn.execute("SELECT COUNT(*) FROM watch_revival").fetchone()[0] == 0
    out = watcher.run()[1]
    assert "backoff:" not in out and "backing off" not in out, out
    # the outage is in the history between the captures (before: nothing between them)
    proc = run_archiver("history", news.url(PATHS[0]), "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)
    lines = [ln.split()[0] for ln in proc.stdout.splitlines()[1:]]
    assert lines[:3] == ["v1", "failed", "again"], proc.stdout
    [failed] = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("failed")]
    assert "HTTP 503" in failed and "attempts failed" in failed, failed
    spells = json.loads(run_archiver("history", news.url(PATHS[0]), "--warcs", tmp_path / "warcs", "--clean",
                                     tmp_path / "clean", "--format", "json", cwd=tmp_path).stdout)["down"]
    assert len(spells) == 1 and spells[0]["http_status"] == 503 and spells[0]["back_capture_id"], spells


def _authored(n: int, author: str) -> str:
    html = furniture_page(n).replace("By Anna Meier", f"By {author}")
    return html.replace("<head>", f'<head><meta name="author" content="{author}">')


def test_byline_changes_and_extraction_warnings_are_in_the_feed_and_the_history(site, tmp_path):
    """The article (by Anna Meier), a collapsed extraction (a warning), the article again, then by Tom Berg.
    Before: the feed held no entry at all (no edit), history listed the collapsed capture as v2 with nothing
    said on its line, no byline, and called the step back to the article a content change (exit 1)."""
    news = site.host(HOST, address="127.0.5.66")
    pages = {1: lambda: _authored(1, "Anna Meier"), 2: lambda: collapsed_page(2),
             3: lambda: _authored(3, "Anna Meier")}
    news.route("/city/bridge", lambda req: Response(body=pages.get(req.hit, lambda: _authored(req.hit, "Tom Berg"))()))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.5.67") as hook, Mailbox() as mail:
        watcher = ListWatcher(site, tmp_path, [url], extra=["--replay-url", "http://replay.example.test/news"])
        watcher.notify = (hook.url(), mail.url())
        for _ in range(4):
            watcher.run()
        # history numbers capture 4 v3 (the text of v1 again, after the collapsed v2): the byline event too
        assert watcher.events() == [("extraction-changed", None), ("byline", 3)], watcher.verdicts()
        assert len(hook.received) == 2 and len(mail.messages) == 2
    feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
    assert not feed.bozo, feed.bozo_exception
    byline, warning = feed.entries  # newest first
    assert byline.title.startswith("Byline changed (the text is the same): "), byline.title
    assert "author: Anna Meier -> Tom Berg" in byline.summary, byline.summary
    assert warning.title.startswith("Extraction changed (not an edit): "), warning.title
    assert "the words are still on the captured page" in warning.summary, warning.summary
    for entry in (byline, warning):
        related = [link for link in entry.links if link.get("rel") == "related"]
        assert len(related) == 2 and all(link.href.startswith("http://replay.example.test/news/") for link in related)
        assert "WARC" in entry.summary and entry.link == url
    assert "before (capture 3)" in byline.summary and "this capture (4)" in byline.summary, byline.summary
    assert len({e.id for e in feed.entries}) == 2
    common = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    proc = run_archiver("history", url, *common, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # no content change: the article never changed
    lines = proc.stdout.splitlines()
    [warned] = [ln for ln in lines if "capture 2 " in ln and ln.strip().startswith("v")]
    assert "extraction warning" in warned, proc.stdout
    [told] = [ln for ln in lines if ln.strip().startswith("byline")]
    assert "capture 4" in told and "author: Anna Meier -> Tom Berg" in told and "since capture 3" in told, told
    assert "content-changed" not in proc.stdout, proc.stdout
    data = json.loads(run_archiver("history", url, *common, "--format", "json", cwd=tmp_path).stdout)
    assert [b["capture_id"] for b in data["bylines"]] == [4] and data["bylines"][0]["same_text"] is True
    assert data["captures"][1]["extraction_warning"]


def test_an_author_line_written_otherwise_is_no_byline_change(site, tmp_path):
    """The same two authors, written another way on every fetch (order, case, 'and' or ';', a 'By').
    Before: three byline events (each new spelling was a value never seen). Now none."""
    news = site.host(HOST, address="127.0.5.68")
    spellings = ["Anna Meier, Tom Berg", "Tom Berg and Anna Meier", "By TOM BERG; ANNA MEIER", "anna meier & tom berg"]
    news.route("/city/bridge", lambda req: Response(body=_authored(1, spellings[(req.hit - 1) % len(spellings)])))
    site.start()
    with Webhook("ok", host="127.0.5.69") as hook:
        watcher = ListWatcher(site, tmp_path, [news.url("/city/bridge")])
        watcher.notify = (hook.url(),)
        for _ in range(4):
            code, out = watcher.run()
        assert watcher.verdicts() == ["first", "same", "same", "same"], out
        assert watcher.events() == [] and hook.received == [], out
        assert code == 0, out


def test_a_watched_url_held_by_its_backoff_is_said_to_be_backing_off(site, tmp_path):
    """A watched article whose site answers 503: captured, then failing (waits 15, then 30 minutes).
    Before: the run that held it said '0 to fetch, 1 skipped (already captured or duplicate)' and nothing
    else; now it says '1 backing off' and names the URL and its next try, as for a never-captured URL."""
    news = site.host(HOST, address="127.0.5.72")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)) if req.hit == 1
               else Response(body="<html><body>Service Unavailable</body></html>", status=503))
    site.start()
    url = news.url("/city/bridge")
    watcher = ListWatcher(site, tmp_path, [url], extra=["--watch-backoff", "15m,1h"])
    outs = [watcher.run()[1] for _ in range(4)]  # captured; 503 (wait 15m); 503 (wait 30m); held
    assert site.hits[(HOST, "/city/bridge")] == 3
    assert "1 skipped (1 backing off)" in outs[3], outs[3]
    assert "backoff: 1 failing URL not fetched before its next try (the earliest at " in outs[3], outs[3]
    assert url in outs[3].split("backoff:")[1], outs[3]
