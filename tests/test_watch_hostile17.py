"""Watching under hostile conditions, round 17 (session 24, host18): pages that change on every fetch in a way
that is not an edit of the article.

Real parts: a loopback news server (sitekit) on 127.0.15.61-62, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), watchkit's JSON webhook on 127.0.15.63 (apprise as the client).
"""
from __future__ import annotations

from sitekit import Response
from watchkit import TITLE, Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"
OTHER_TITLE = "Harbour bridge to shut to cars next spring after council vote"
ADS = ["Sponsored: harbour boat tours, two for one this week", "Advertisement: the new Gazette app is here",
       "Sponsored: fresh fish at the north bank market every Friday", "Advertisement: save on winter tyres now",
       "Sponsored: learn to sail at the harbour club", "Advertisement: the city theatre's new season"]


def ad_lines(n: int) -> str:
    """One more ad line in the article's body on every fetch, the older ones kept (a page that grows)."""
    return "".join(f"<p class='sponsored'>{line}</p>" for line in ADS[:n])


def test_a_page_growing_by_one_ad_line_each_fetch_is_no_edit(site, tmp_path):
    news = site.host(HOST, address="127.0.15.61")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, extra=ad_lines(req.hit))))
    site.start()
    with Webhook("ok", host="127.0.15.63") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        outs = [watcher.run() for _ in range(5)]
        assert [code for code, _ in outs] == [0] * 5, outs
        assert watcher.verdicts()[0] == "first" and "edit" not in watcher.verdicts(), (watcher.verdicts(), outs)
        assert hook.received == [], hook.received


def test_a_headline_under_an_a_b_test_is_told_once_not_on_every_flip(site, tmp_path):
    """The shown headline alternates between two versions from one fetch to the next (a headline A/B test):
    one edit at most, then returns, never a message per flip."""
    news = site.host(HOST, address="127.0.15.62")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, title=TITLE if req.hit % 2
                                                                        else OTHER_TITLE)))
    site.start()
    with Webhook("ok", host="127.0.15.63") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        outs = [watcher.run() for _ in range(6)]
        assert watcher.verdicts() == ["first", "edit", "return", "return", "return", "return"], outs
        assert [kind for kind, _ in watcher.events()] == ["edit", "return"], watcher.events()
        assert len(hook.received) == 1 and hook.received[0]["title"].startswith("Content changed"), hook.received
