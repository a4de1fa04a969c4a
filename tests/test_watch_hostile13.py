"""Watching under hostile conditions, round 13: a run killed while its notification is in flight.

Real parts: a loopback news server (sitekit), ``archiver run --watch`` as a subprocess on a set clock
(watchkit.Watcher), watchkit's JSON webhook on 127.0.3.41 (apprise as the client)."""
from __future__ import annotations

import signal
from datetime import date, timedelta

from sitekit import Response, start_archiver
from watchkit import Watcher, Webhook, furniture_page, gone_on

HOST = "www.harbour-gazette.test"


def test_a_run_killed_mid_post_says_the_message_may_have_been_sent_and_resends_it_with_its_key(site, tmp_path):
    """SIGKILL while the receiver holds the POST (body read, no answer): the next run sent the message
    again and said nothing (host12: received twice, unannounced). Now the send is marked before it
    starts; the next run says 'may have been sent' once, and every POST of the event carries the same
    Idempotency-Key, so a receiver that keeps keys drops the copy."""
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.3.41") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        assert watcher.run()[0] == 0  # first capture: nothing to tell
        hook.mode = "hold"
        proc = start_archiver(*watcher.args(), output=tmp_path / "killed.out", cwd=tmp_path)
        try:
            assert hook.held.wait(240), (tmp_path / "killed.out").read_text()
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(60)
        hook.mode = "ok"
        code, out = watcher.run()
        maybe = [ln for ln in out.splitlines() if "may have been sent" in ln]
        assert len(maybe) == 1 and "a run stopped (killed?) while sending it" in maybe[0], out
        assert code == 0 and "1 notification sent" in out, out
        assert len(hook.received) == 2 and hook.received[0] == hook.received[1]
        assert len(hook.keys) == 2 and hook.keys[0] and hook.keys[0] == hook.keys[1], hook.keys
        code, out = watcher.run()  # said once: the outcome cleared the mark
        assert "may have been sent" not in out and len(hook.received) == 2, out


def test_a_byline_only_change_is_told_as_such_not_as_an_edit(site, tmp_path):
    """The author line alone changes (the page's <meta name=author> and its 'By ...' line): the watch saw
    nothing (verdict 'same', no event: the clean text holds no byline). A demanding reader wants to know:
    one 'byline' event, notified ('Byline changed (the text is the same)'), no new version, no edit."""
    news = site.host(HOST)

    def reply(req):
        author = "Tom Berg" if req.hit > 1 else "Anna Meier"
        html = furniture_page(req.hit).replace("By Anna Meier", f"By {author}")
        return Response(body=html.replace("<head>", f'<head><meta name="author" content="{author}">'))

    news.route("/city/bridge", reply)
    site.start()
    with Webhook("ok", host="127.0.3.42") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.run()
        code, out = watcher.run()
        assert watcher.verdicts() == ["first", "same"]  # the text is the same version
        assert watcher.events() == [("byline", 1)], out
        assert "1 byline change" in out and "0 content changes" in out and code == 1, out
        [sent] = hook.received
        assert sent["title"].startswith("Byline changed (the text is the same)"), sent
        assert "author: Anna Meier -> Tom Berg" in sent["message"], sent
        code, out = watcher.run()  # the same byline again: nothing new
        assert watcher.events() == [("byline", 1)] and len(hook.received) == 1, out


def test_an_author_line_flipping_between_two_names_is_told_once_and_a_date_line_never(site, tmp_path):
    """An A/B-tested or cached byline: the author flips between two names on every fetch, and the
    page's published time moves on every fetch (a page clock read as the date). Told once: the first
    change of author; going back to a name the URL had, and any date, say nothing."""
    news = site.host(HOST)

    def reply(req):
        author = "Tom Berg" if req.hit % 2 == 0 else "Anna Meier"
        html = furniture_page(1).replace("By Anna Meier", f"By {author}")
        return Response(body=html.replace("<head>", f'<head><meta name="author" content="{author}">'
                                          f'<meta property="article:published_time" content="{date.today() - timedelta(days=req.hit)}">'))

    news.route("/city/flip", reply)
    site.start()
    with Webhook("ok", host="127.0.3.205") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/flip"), hook.url())
        for _ in range(4):
            code, out = watcher.run()
        assert watcher.verdicts() == ["first", "same", "same", "same"], out
        assert watcher.events() == [("byline", 1)], out
        [sent] = hook.received
        assert "author: Anna Meier -> Tom Berg" in sent["message"] and "date:" not in sent["message"], sent
        assert code == 0 and "byline" not in out, out


def test_two_watch_folders_sending_to_one_receiver_give_their_messages_different_keys(site, tmp_path):
    """review4: the Idempotency-Key was 'archiver-<target digest>-<event id>'; two watch folders sending
    to one receiver both have an event 1 (as a folder after 'reindex' has again), so a receiver that keeps
    keys dropped the second folder's message as a copy. The key is made of what the event is."""
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 2)))
    site.start()
    (tmp_path / "one").mkdir(), (tmp_path / "two").mkdir()
    with Webhook("ok", host="127.0.3.205") as hook:
        one = Watcher(site, tmp_path / "one", news.url("/city/bridge"), hook.url())
        two = Watcher(site, tmp_path / "two", news.url("/city/bridge"), hook.url())
        one.run(), two.run()  # hits 1, 2: first captures
        one.run(), two.run()  # hits 3, 4: both edited, event 1 in each folder
        assert one.events() == [("edit", 2)] and two.events() == [("edit", 2)]
    assert len(hook.received) == 2 and len(hook.keys) == 2 and all(hook.keys), hook.keys
    assert hook.keys[0] != hook.keys[1], hook.keys


def test_a_watched_article_that_answers_404_is_told_once_as_gone_and_its_return_as_back(site, tmp_path):
    """user1: an article deleted since its captures (404) was told to nobody: the summary said '0 content
    changes' and only the fetch line showed the 404. Now: one 'gone' event (notified, counted, exit 1), not
    repeated while it stays gone; its return with the same text is one 'back' event; gone again (410) is told."""
    news = site.host(HOST)
    news.route("/city/bridge", gone_on({2: 404, 3: 404, 5: 410}))
    site.start()
    with Webhook("ok", host="127.0.3.206") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        assert watcher.run()[0] == 0  # the article
        code, out = watcher.run()  # 404
        assert watcher.events() == [("gone", None)], out
        assert code == 1 and "1 gone (HTTP 404)" in out and "gone: the page answers HTTP 404" in out, out
        assert hook.received[-1]["title"].startswith("Gone (HTTP 404): "), hook.received
        code, out = watcher.run()  # still 404: nothing new (exit 1 for the failed fetch alone)
        assert watcher.events() == [("gone", None)] and len(hook.received) == 1, out
        assert "gone (HTTP" not in out and "0 notifications sent" in out, out
        code, out = watcher.run()  # back, the same text
        assert watcher.events() == [("gone", None), ("back", 1)], out
        assert code == 1 and "1 back after being gone" in out and hook.received[-1]["title"].startswith("Back: ")
        code, out = watcher.run()  # 410: gone again, told again
        assert [k for k, _ in watcher.events()] == ["gone", "back", "gone"] and code == 1, out
        assert hook.received[-1]["title"].startswith("Gone (HTTP 410): ") and len(hook.received) == 3
