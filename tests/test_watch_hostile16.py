"""Watching under hostile conditions, round 16 (session 23, host17): an article taken down by a redirect to the
site's front page, the way many news sites remove one instead of answering 404.

Real parts: a loopback news server (sitekit) on 127.0.10.21, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), watchkit's JSON webhook on 127.0.10.22 (apprise as the client).

Fixed here: the watch judged each such capture "not the article" and told nobody (``1 capture not the article``,
no event, no message: the reader never learnt the article was gone); now it is one ``gone`` event naming the
front page, notified once while it stays gone, and the article's return is a ``back`` event. A redirect to
another article, or a front page asked for itself, is no such event."""
from __future__ import annotations

from sitekit import Response, redirect
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"


def home_page(n: int) -> str:
    items = "".join(f"<li><a href='/story/{i}'><h2>Headline number {i} of the day</h2></a><p>Teaser text for story "
                    f"{i}, a sentence or two about what happened in the harbour district.</p></li>"
                    for i in range(n, n + 12))
    return ("<!DOCTYPE html><html><head><title>Harbour Gazette: news of the harbour</title></head><body>"
            f"<main><h1>Top stories</h1><ul>{items}</ul></main><footer>Harbour Gazette 2026</footer></body></html>")


def test_an_article_redirected_to_the_front_page_is_told_once_as_gone_and_its_return_as_back(site, tmp_path):
    news = site.host(HOST, address="127.0.10.21")
    answers = {2: 301, 3: 302}  # the 2nd and 3rd requests go to the front page; the 4th has the article back

    def bridge(req):
        if req.hit in answers:
            return redirect("/", answers[req.hit])
        return Response(body=furniture_page(req.hit))

    news.route("/city/bridge", bridge)
    news.route("/", lambda req: Response(body=home_page(req.hit)))
    site.start()
    with Webhook("ok", host="127.0.10.22") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        assert watcher.run()[0] == 0  # the article
        code, out = watcher.run()  # 301 to the front page
        assert watcher.events() == [("gone", None)], out
        assert code == 1 and "1 gone (redirected to the front page)" in out, out
        assert f"gone: the page redirects to the site's front page {news.url('/')} (removed)" in out, out
        assert hook.received[-1]["title"].startswith("Gone (redirects to the front page): Council votes"), \
            hook.received
        assert news.url("/") in str(hook.received[-1])
        code, out = watcher.run()  # still sent there: nothing new
        assert watcher.events() == [("gone", None)] and len(hook.received) == 1, out
        code, out = watcher.run()  # back with the same text
        assert watcher.events() == [("gone", None), ("back", 1)], out
        assert "1 back after being gone" in out and hook.received[-1]["title"].startswith("Back: ")


def test_only_an_article_sent_to_its_own_sites_front_page_is_gone():
    from archiver.catalog import Capture
    from archiver.watch.events import front_page_of

    def cap(url: str, final: str, state: str = "captured") -> Capture:
        fields = dict.fromkeys(Capture.__dataclass_fields__)
        fields.update(url=url, final_url=final, state=state)
        return Capture(**fields)

    assert front_page_of(cap("http://www.n.test/a/b", "http://www.n.test/")) == "http://www.n.test/"
    assert front_page_of(cap("http://www.n.test/a/b", "https://n.test")) == "https://n.test"  # scheme, www: one site
    assert front_page_of(cap("http://www.n.test/a/b", "http://www.n.test/a/c")) is None  # moved: another article
    assert front_page_of(cap("http://www.n.test/a/b", "http://www.n.test/?from=b")) is None  # a query: a search
    assert front_page_of(cap("http://www.n.test/a/b", "http://other.test/")) is None  # another site
    assert front_page_of(cap("http://www.n.test/", "http://www.n.test/")) is None  # the front page itself
    assert front_page_of(cap("http://www.n.test/a/b", "http://www.n.test/", "failed")) is None
