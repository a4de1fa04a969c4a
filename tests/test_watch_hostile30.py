"""Watching under hostile conditions, round 30 (session 36, host38): a site's feed as the watched list.

Real parts: a loopback news server (sitekit) on 127.0.60.21, ``archiver run FEED --watch`` as a subprocess on a set
clock (watchkit.Watcher, whose list is replaced by the feed file). Fails on the code before this round: an RSS
feed given as the list was read line by line, each ``<link>`` line a bad line ("markup with a URL outside <loc>"),
nothing fetched or watched.
"""
from __future__ import annotations

from sitekit import Response, write_list
from watchkit import Watcher, furniture_page

HOST = "www.round30-gazette.test"


def feed(site_url, paths: list[str]) -> list[str]:
    """An RSS 2.0 feed of the site (its own link the front page), one item per path, newest first."""
    items = [f"<item><title>Story {p}</title><link>{site_url(p)}</link><pubDate>Sun, 06 Dec 2026 01:00:00 GMT"
             "</pubDate></item>" for p in paths]
    return ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel><title>Gazette</title>',
            f"<link>{site_url('/')}</link>", *items, "</channel></rss>"]


def test_a_feed_as_the_watched_list_watches_its_items_and_takes_new_ones_as_they_come(site, tmp_path):
    """Run 1: the feed names two stories; run 2: a third story comes first in the feed, the oldest has left it.
    Each story is captured and judged (``first`` for each at its first capture); the front page, the feed's own
    link, is never asked; the story that left the feed is no longer fetched."""
    news = site.host(HOST, address="127.0.60.21")
    for key in ("a", "b", "c"):
        news.route(f"/news/{key}", lambda req, key=key: Response(body=furniture_page(req.hit + ord(key))))
    news.route("/", lambda req: Response(body="<html><body><p>front page</p></body></html>"))
    site.start()
    watcher = Watcher(site, tmp_path, news.url("/news/a"))
    watcher.list = write_list(tmp_path / "feed.xml", feed(news.url, ["/news/b", "/news/a"]))
    first = watcher.run()
    write_list(tmp_path / "feed.xml", feed(news.url, ["/news/c", "/news/b"]))
    second = watcher.run()
    assert first[0] == 0 and second[0] == 0, (first, second)
    assert "bad line" not in first[1].replace("0 bad lines", ""), first[1]
    assert site.hits[(HOST, "/")] == 0, site.hits
    assert site.hits[(HOST, "/news/a")] == 1 and site.hits[(HOST, "/news/c")] == 1, site.hits
    assert site.hits[(HOST, "/news/b")] == 2, site.hits
    with watcher.catalog() as catalog:
        judged = [(r[0].rsplit("/", 1)[1], r[1]) for r in catalog.conn.execute(
            "SELECT c.url, w.verdict FROM watch_captures w JOIN captures c ON c.id = w.capture_id ORDER BY c.id")]
    assert sorted(judged) == [("a", "first"), ("b", "first"), ("b", "same"), ("c", "first")], judged
