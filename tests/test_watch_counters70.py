"""A counter inside a watched article ticks; the watch says nothing (mend70, nuser48 finding 1).

nuser48 added ``<p class="views">Read by 1,204 people today</p>`` inside a watched article's ``<article>``: the
next run mailed "Content changed" with ``{+Read by 1,204 people today+}``, and every tick of the counter
would have been mailed as an edit. The same held for "Viewed 2,331 times", "Share this article: 37 shares" and
"This article was updated 5 minutes ago". A real site on loopback whose article's counters change on every
hit, ``archiver run --watch`` on the set clock, a real SMTP server and webhook receiver: no message while only
the counters move; a real edit of the same page is still told, once, without the counters in it.
"""
from __future__ import annotations

from sitekit import Response
from watchkit import Mailbox, Watcher, Webhook

HOST = "www.riverside-courier70.test"
PARAS = [
    "The city library will stay open until ten on weekdays from next month, the council said on Tuesday, "
    "after a petition signed by more than two thousand residents asked for longer hours.",
    "Students had asked for late opening for years. The reading rooms are full most evenings during the "
    "exam season, staff said, and the queue at closing time often runs out of the door.",
    "The extra hours will cost about 80,000 a year, paid from the culture budget. Two more librarians "
    "will be hired for the evening shifts.",
]


def counters(hit: int) -> str:
    return (f"<p class='views'>Read by {1204 + 311 * hit:,} people today</p>"
            f"<p>This article was updated {2 + 7 * hit} minutes ago</p>"
            f"<p>Viewed {2331 + 977 * hit:,} times</p>"
            f"<p>Share this article: {37 + 5 * hit} shares</p>")


def page(hit: int) -> str:
    paras = [p.replace("80,000", "95,000") for p in PARAS] if hit >= 4 else PARAS
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>Library to stay open late</title></head><body>"
            f"<header><a href='/'>Riverside Courier</a></header><article><h1>Library to stay open late</h1>"
            f"{body}{counters(hit)}</article><footer><p>Riverside Courier 2026</p></footer></body></html>")


def test_counters_ticking_in_the_article_are_no_edit(site, tmp_path):
    news = site.host(HOST, address="127.0.70.11")
    news.route("/news/library-hours.html", lambda req: Response(body=page(req.hit)))
    site.start()
    with Webhook("ok", host="127.0.70.12") as hook, Mailbox() as box:
        watcher = Watcher(site, tmp_path, news.url("/news/library-hours.html"), hook.url(), box.url())
        codes = [watcher.run()[0] for _ in range(3)]
        assert hook.received == [] and box.messages == [], (hook.received, box.bodies())
        assert codes == [0, 0, 0] and watcher.verdicts() == ["first", "same", "same"]
        assert watcher.run()[0] == 1  # the real edit
        assert [m["archiver_kind"] for m in hook.received] == ["edit"], hook.received
        [mail] = box.bodies()
    assert watcher.events() == [("edit", 2)]
    for text in (hook.received[0]["message"], mail):
        assert "95,000" in text, text
        assert "people today" not in text and "shares" not in text and "times" not in text, text
        assert "minutes ago" not in text, text
