"""Watching articles end to end: loopback news servers, ``archiver run --watch`` under a set clock,
a real SMTP server (aiosmtpd) and a real JSON webhook receiver, the Atom feed read by feedparser.
"""
from __future__ import annotations

import re

import feedparser
from sitekit import Response, run_archiver
from watchkit import (
    TITLE,
    Mailbox,
    Watcher,
    Webhook,
    collapsed_page,
    consent_page,
    error_page,
    furniture_page,
)

HOST = "www.harbour-gazette.test"


def test_furniture_changes_twenty_times_the_article_once_one_notification(site, tmp_path):
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 10)))
    site.start()
    with Mailbox() as mail, Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), mail.url(), hook.url())
        codes = [watcher.run()[0] for _ in range(20)]
        assert site.hits[(HOST, "/city/bridge")] == 20
        assert codes == [0] * 10 + [1] + [0] * 9  # exit 1 only on the run that found the edit
        verdicts = watcher.verdicts()
        assert verdicts.count("edit") == 1 and verdicts.count("first") == 1
        assert set(verdicts) <= {"first", "same", "quiet", "edit"}
        assert watcher.events() == [("edit", 2)]

        assert len(mail.messages) == 1 and len(hook.received) == 1
        [body] = mail.bodies()
        assert mail.messages[0]["Subject"].startswith("Content changed: " + TITLE)
        message = hook.received[0]["message"]
        for text in (body, message):
            assert watcher.url in text
            assert "[-three-]{+four+}" in text and "[-48-]{+61+}" in text  # the changed words, with context
            assert "expected to begin in" in text
            assert "version 1" in text and "version 2" in text and ".versions/" in text and "WARC " in text
            assert "ticker" not in text and "minutes ago" not in text and "comments" not in text

        feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
        assert not feed.bozo, feed.get("bozo_exception")
        assert len(feed.entries) == 1 and feed.entries[0].link == watcher.url
        assert "four" in feed.entries[0].content[0].value

        # a rerun with nothing new: not due at the same time, then due but unchanged
        code, out = watcher.run(same_time=True)
        assert code == 0 and "0 to fetch" in out
        code, out = watcher.run()
        assert code == 0 and "0 content changes" in out
        assert len(mail.messages) == 1 and len(hook.received) == 1
        assert len(feedparser.parse(str(tmp_path / "clean" / "changes.atom")).entries) == 1

    # ``archiver history --new-only``: the edit is new once, then never again
    args = ("history", watcher.url, "--db", tmp_path / "warcs" / "catalog.sqlite3", "--clean", tmp_path / "clean",
            "--new-only")
    first, second = run_archiver(*args, cwd=tmp_path), run_archiver(*args, cwd=tmp_path)
    assert first.returncode == 1 and "four" in first.stdout, first.stdout + first.stderr
    assert second.returncode == 0 and "four" not in second.stdout, second.stdout + second.stderr
    assert run_archiver(*args[:-1], cwd=tmp_path).returncode == 1  # without the flag: as documented before


def test_collapsed_extraction_is_a_warning_not_an_edit(site, tmp_path):
    pages = {1: furniture_page(1), 2: collapsed_page(2), 3: collapsed_page(3)}
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=pages.get(req.hit, furniture_page(req.hit))))
    site.start()
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        codes = [watcher.run()[0] for _ in range(4)]
        assert watcher.verdicts() == ["first", "extraction-changed", "extraction-changed", "same"]
        assert watcher.events() == [("extraction-changed", None)]  # warned once, not at every capture
        assert codes == [0, 1, 0, 0]
        [warning] = hook.received
        assert warning["title"].startswith("Extraction changed (not an edit)")
        assert "still on the captured page" in warning["message"] and "content replaced" not in warning["message"]
    # no content change; the warning is the feed's one entry (watch4: warnings are listed, as notified)
    feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
    assert [e.title.split(":")[0] for e in feed.entries] == ["Extraction changed (not an edit)"]


def test_consent_wall_then_error_page_then_the_article_again_notifies_nothing(site, tmp_path):
    answers = {2: Response(body=consent_page()), 3: Response(503, body=error_page()),
               4: Response(body=error_page())}
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: answers.get(req.hit, Response(body=furniture_page(req.hit))))
    site.start()
    with Webhook() as hook, Mailbox() as mail:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url(), mail.url())
        codes = [watcher.run()[0] for _ in range(5)]
        assert watcher.verdicts() == ["first", "not-article", "failed", "not-article", "same"]
        assert watcher.events() == []
        assert hook.received == [] and mail.messages == []
        assert codes[1] == 0 and codes[3] == 0 and codes[4] == 0  # the 503 run exits 1 as a failed fetch
    with watcher.catalog() as catalog:
        versions = {r[0] for r in catalog.conn.execute("SELECT version FROM watch_captures")}
    assert versions == {1, None}


def test_stale_and_fresh_copies_alternating_notify_the_edit_once(site, tmp_path):
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit % 2 == 0)))
    site.start()
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        runs = [watcher.run() for _ in range(5)]  # A B A B A
        codes = [code for code, _ in runs]
        assert watcher.verdicts() == ["first", "edit", "return", "return", "return"]
        # a return is recorded once, never sent; numbered as 'archiver history' lists it (it said
        # 'back to earlier version v1' while history listed that capture as v3)
        assert watcher.events() == [("edit", 2), ("return", 3)]
        assert "v3 is the text of v1 again" in runs[2][1], runs[2][1]
        listing = run_archiver("history", watcher.url, "--db", tmp_path / "warcs" / "catalog.sqlite3", "--clean",
                               tmp_path / "clean", cwd=tmp_path).stdout.splitlines()
        assert listing[3].lstrip().startswith("v3 ") and listing[3].endswith("(the text of v1 again)"), listing
        assert codes == [0, 1, 0, 0, 0]
        assert len(hook.received) == 1 and hook.received[0]["title"].startswith("Content changed")
        # archiver history --new-only: the edit once; the flapping back and forth never
        args = ("history", watcher.url, "--db", tmp_path / "warcs" / "catalog.sqlite3", "--clean",
                tmp_path / "clean", "--new-only")
        first = run_archiver(*args, cwd=tmp_path)
        assert first.returncode == 1 and first.stdout.count("content replaced") == 2, first.stdout
        watcher.run()  # B again
        again = run_archiver(*args, cwd=tmp_path)
        assert again.returncode == 0 and "content replaced" not in again.stdout, again.stdout


def test_a_failed_notification_is_sent_on_the_next_run(site, tmp_path):
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    with Webhook() as hook, Mailbox() as mail:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url(), mail.url())
        watcher.run()
        hook.down = True
        code, out = watcher.run()
        assert code == 1 and "kept for the next run" in out
        # apprise's reason as its words only: not its log line's time stamp and level
        [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
        assert " - WARNING - " not in failed and not re.search(r"\d\d:\d\d:\d\d,\d{3}", failed), failed
        assert hook.received == [] and len(mail.messages) == 1  # the mail went; the webhook waits
        hook.down = False
        watcher.run(same_time=True)  # nothing due, nothing new: the outbox is still emptied
        assert len(hook.received) == 1 and "[-three-]{+four+}" in hook.received[0]["message"]
        watcher.run()
        assert len(hook.received) == 1 and len(mail.messages) == 1
    with watcher.catalog() as catalog:
        rows = catalog.conn.execute("SELECT attempts, sent_at IS NOT NULL FROM watch_outbox ORDER BY attempts")
        assert sorted(tuple(r) for r in rows) == [(1, 1), (2, 1)]


def test_a_consent_wall_on_the_first_capture_is_not_taken_for_the_article(site, tmp_path):
    answers = {1: consent_page(), 3: consent_page()}
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=answers.get(req.hit) or
                                                    furniture_page(req.hit, edited=req.hit > 3)))
    site.start()
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        codes = [watcher.run()[0] for _ in range(4)]
        assert watcher.verdicts() == ["not-article", "first", "not-article", "edit"]
        # numbered as 'archiver history' lists the texts: the walls are no versions there either (nu35)
        assert watcher.events() == [("edit", 2)] and codes == [0, 0, 0, 1]
        [message] = hook.received
        assert "[-three-]{+four+}" in message["message"] and "privacy" not in message["message"]


def test_a_notification_is_stamped_sent_by_the_real_clock_not_by_now(site, tmp_path):
    from datetime import UTC, datetime, timedelta

    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    before = datetime.now(UTC).replace(microsecond=0)
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.start += timedelta(hours=2)  # the schedule's clock two hours ahead of the real one
        watcher.run()
        watcher.run()
        assert len(hook.received) == 1
    after = datetime.now(UTC) + timedelta(seconds=1)
    with watcher.catalog() as catalog:
        [(sent,)] = catalog.conn.execute("SELECT sent_at FROM watch_outbox").fetchall()
    for stamp in (sent,):
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        assert before <= moment <= after, (stamp, before, after)
