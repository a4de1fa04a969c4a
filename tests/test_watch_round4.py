"""Edit-watching, round 4 (session 21, helper watch4): what a demanding user of ``--watch`` still hit.

1. After a long outage every URL of the site came back from its backoff in the same run: a site still down,
   or just back up, was asked for all of them at once. Now a host's URLs whose backoff ended come back a few
   per run (``--per-host`` first, twice as many each run while the host answers), and a host that still
   fails pushes its other URLs to the failed probe's next try (archiver/watch/revival.py).

Real parts: loopback news servers (sitekit) on 127.0.5.64-127, ``archiver run --watch`` as a subprocess on a
set clock (watchkit.Watcher), the real catalog.
"""
from __future__ import annotations

from sitekit import Response, write_list
from watchkit import Watcher, furniture_page

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
