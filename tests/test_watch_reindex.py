"""Watching across ``archiver reindex``: the README promised that watching starts afresh and "no
change is sent twice", but the watch tables are derived state that reindex drops, and the next
``--watch`` run judged every capture of each URL again as new: the edit already mailed before the
reindex was mailed a second time (found on a new user's walk, user4). Captures made before a URL's
watching began are now judged without a message; the next capture is compared with the last of them.
"""
from __future__ import annotations

from sitekit import Response, run_archiver
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"
LATE = "<p>On Friday the council said the ferry would be free for residents of the town until the bridge opens.</p>"


def page(hit: int) -> str:
    return furniture_page(hit, edited=hit >= 2, extra=LATE if hit >= 3 else "")


def test_an_edit_sent_before_a_reindex_is_not_sent_again(site, tmp_path):
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=page(req.hit)))
    site.start()
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        assert watcher.run()[0] == 0  # v1
        assert watcher.run()[0] == 1  # v1 -> v2, sent
        assert [m["title"].startswith("Content changed") for m in hook.received] == [True]
        where = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
        assert run_archiver("reindex", "--warcs", tmp_path / "warcs", cwd=tmp_path).returncode == 0
        assert run_archiver("extract", "--all", "--jobs", "1", *where, cwd=tmp_path).returncode == 0
        code, out = watcher.run()  # v3: the late paragraph
        assert code == 1, out
        assert "content changed (v2 -> v3)" in out and "(v1 -> v2)" not in out, out
        messages = [m["message"] for m in hook.received]
        assert len(messages) == 2, messages  # the v1 -> v2 edit once, then v2 -> v3
        assert "free for residents" in messages[1] and "version 2" in messages[1], messages[1]
        assert watcher.events() == [("edit", 3)]  # the catalog is new: its one event is the new edit
