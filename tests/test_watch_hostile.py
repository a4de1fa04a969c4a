"""Watching under hostile conditions (round 12): notification receivers that redirect, defer or
refuse, a notify URL with a password, a headline with control characters.

Real parts only: loopback news servers (sitekit), ``archiver run --watch`` as a subprocess under a
set clock (watchkit.Watcher), a real SMTP server (aiosmtpd) and a real HTTP webhook receiver.
"""
from __future__ import annotations

import email
import socket
from email.message import Message
from pathlib import Path

import feedparser
from sitekit import Response
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"
SECRET = "S3cretPW9"


def Receiver(mode: str = "ok") -> Webhook:
    """watchkit's JSON webhook receiver on 127.0.2.141, the notification URL carrying a password."""
    return Webhook(mode, host="127.0.2.141", user="archiver", password=SECRET)


class Relay:
    """A real SMTP server (aiosmtpd) on 127.0.2.142 answering DATA with ``reply`` (None: accept)."""

    def __init__(self, reply: str | None) -> None:
        from aiosmtpd.controller import Controller

        self.reply, self.tries = reply, 0
        self.messages: list[Message] = []
        relay = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                relay.tries += 1
                if relay.reply:
                    return relay.reply
                relay.messages.append(email.message_from_bytes(envelope.content))
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.2.142", 0))
            free = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.2.142", port=free)

    def __enter__(self) -> Relay:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def url(self) -> str:
        return f"mailto://127.0.2.142:{self.controller.port}?from=watch@example.test&to=desk@example.test"


def _edited_on_second_hit(site, path: str = "/city/bridge") -> str:
    news = site.host(HOST)
    news.route(path, lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    return news.url(path)


def _nowhere_said(tmp: Path, outputs: list[str], secret: str) -> None:
    for text in outputs:
        assert secret not in text
    for path in tmp.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_a_redirecting_webhook_is_a_failure_kept_for_the_next_run_not_a_lost_message(site, tmp_path):
    url = _edited_on_second_hit(site)
    with Receiver("302") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        watcher.run()
        code, out = watcher.run()
        # followed, the POST would become a GET answered 200: counted sent, never delivered
        assert hook.gets == 0 and hook.received == []
        assert code == 1 and "0 notifications sent, 1 failed" in out, out
        [failed] = [ln for ln in out.splitlines() if ln.startswith("notification failed")]
        assert "error=302" in failed and "give --notify the new address" in failed, failed
        hook.mode = "ok"
        code2, out2 = watcher.run()
        assert len(hook.received) == 1 and "[-three-]{+four+}" in hook.received[0]["message"]
        assert code2 == 0 and "1 notification sent, 0 failed" in out2, out2
        code3, out3 = watcher.run()
        assert len(hook.received) == 1 and code3 == 0
    _nowhere_said(tmp_path, [out, out2, out3], SECRET)


def test_a_failed_notification_alone_makes_the_run_exit_1_and_counts_its_attempts(site, tmp_path):
    url = _edited_on_second_hit(site)
    with Receiver("ok") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        watcher.run()
        hook.mode = "500"
        assert watcher.run()[0] == 1  # the edit (and its failed notification)
        code, out = watcher.run()  # nothing new: the failure alone
        assert code == 1, out
        [failed] = [ln for ln in out.splitlines() if ln.startswith("notification failed")]
        assert "(attempt 2)" in failed and "error=500" in failed, failed
        hook.mode = "ok"
        assert watcher.run()[0] == 0 and len(hook.received) == 1
    _nowhere_said(tmp_path, [out], SECRET)


def test_an_smtp_servers_deferral_is_told_with_its_reply_then_sent_once(site, tmp_path):
    url = _edited_on_second_hit(site)
    with Relay("451 4.3.0 mailbox busy, try again later") as relay:
        watcher = Watcher(site, tmp_path, url, relay.url())
        watcher.run()
        code, out = watcher.run()
        assert code == 1 and relay.tries == 1 and relay.messages == []
        [failed] = [ln for ln in out.splitlines() if ln.startswith("notification failed")]
        assert "mailbox busy" in failed, failed  # the server's own words, not only "failed"
        relay.reply = None
        watcher.run()
        watcher.run()
        assert len(relay.messages) == 1 and relay.messages[0]["Subject"].startswith("Content changed")


LD = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":'
      '"Bridge \\u0001\\u000b vote ]]> <b>\\u202e"}</script>')


def test_a_control_character_in_the_headline_does_not_stop_the_feed(site, tmp_path):
    news = site.host(HOST)
    news.route("/a", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1).replace(
        "</head>", LD + "</head>")))
    site.start()
    with Receiver("ok") as hook:
        watcher = Watcher(site, tmp_path, news.url("/a"), hook.url())
        watcher.run()
        code, out = watcher.run()  # the Watcher fails on a traceback
        assert code == 1 and "1 notification sent" in out, out
        feed = feedparser.parse(str(tmp_path / "clean" / "changes.atom"))
        assert not feed.bozo, feed.get("bozo_exception")
        [entry] = feed.entries
        assert "Bridge" in entry.title and "]]> <b>\u202e" in entry.title and "\x01" not in entry.title
        [sent] = hook.received
        assert "\x01" not in sent["title"] and "Bridge" in sent["title"]


def test_a_damaged_coding_fails_its_extraction_once_not_on_every_run(tmp_path):
    """host11 left it: a gzip stream the server cut short failed extraction (right), then again on every
    later run (`extract failed ... gzip body cut short`, exit 1 each time): the same bytes fail the same
    way. Now the run that finds it says it; later runs leave it; ``extract --all`` still tries it."""
    import gzip

    from rawkit import RawServer, Reply
    from sitekit import run_archiver, write_list
    from test_fetch_hostile2 import head

    def cut(r) -> Reply:
        coded = gzip.compress(furniture_page(1).encode(), mtime=0)
        body = coded[: len(coded) * 2 // 3]
        return Reply([head("200 OK", "Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip",
                           f"Content-Length: {len(body)}") + body])

    srv = RawServer("news.h11.test", "127.0.2.143").route("/story", cut)
    with srv:
        urls = write_list(tmp_path / "urls.txt", [srv.url("/story")])
        common = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--jobs", "1"]
        first = run_archiver("run", urls, *common, "--resolve", srv.resolve, "--progress", "never", cwd=tmp_path)
    assert first.returncode == 1 and "gzip body cut short" in first.stdout + first.stderr, first.stdout
    again = run_archiver("extract", *common, cwd=tmp_path)
    assert again.returncode == 0 and "cut short" not in again.stdout + again.stderr, again.stdout
    assert "0 failed" in again.stdout, again.stdout
    every = run_archiver("extract", "--all", *common, cwd=tmp_path)
    assert every.returncode == 1 and "gzip body cut short" in every.stdout + every.stderr, every.stdout


def test_a_clock_gone_back_two_days_does_not_pause_the_checks_until_it_catches_up(site, tmp_path):
    """Runs at T and T+16m set the next check at T+31m; then the clock reads T-2d (a machine's clock
    set right, a VM restored). Before, nothing was due for two days (`0 to fetch`): a fresh article's
    15-minute checks lost. A URL last checked after the clock's time is due."""
    url = _edited_on_second_hit(site)
    watcher = Watcher(site, tmp_path, url)
    watcher.run()
    watcher.run()
    watcher.runs = -180  # 2 days before the first run
    code, out = watcher.run()
    assert "1 to fetch" in out and "1 URL checked" in out, out
    code, out = watcher.run(same_time=True)  # checked at this time: due again 15 minutes on, not now
    assert "0 to fetch" in out, out
