"""``--notify-digest``: one message per run and target for every change, not one per change.

A lab watching 300 articles got one mail per edit: forty on a busy morning. With the digest each
target gets one message a run listing every change (each in full below the list); a target that is
down gets the same digest, with the same Idempotency-Key, on the next run.
"""
from __future__ import annotations

from sitekit import Response, run_archiver, write_list
from watchkit import Mailbox, Watcher, Webhook, furniture_page

HOST = "www.digest-gazette.test"


def run(watcher: Watcher, tmp_path, *extra: str) -> str:
    proc = run_archiver(*watcher.args(), *extra, cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def two_articles(site) -> list[str]:
    """Two article pages on one host, each edited from its second fetch on; their URLs."""
    news = site.host(HOST)
    for slug in ("bridge", "ferry"):
        news.route(f"/city/{slug}", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    return [news.url("/city/bridge"), news.url("/city/ferry")]


def test_two_edits_one_digest_and_a_down_target_gets_it_next_run(site, tmp_path):
    urls = two_articles(site)
    with Mailbox() as mail, Webhook() as hook:
        watcher = Watcher(site, tmp_path, urls[0], mail.url(), hook.url())
        write_list(watcher.list, urls)
        run(watcher, tmp_path, "--notify-digest")
        hook.down = True
        out = run(watcher, tmp_path, "--notify-digest")
        assert "a digest of 2 events" in out, out
        assert watcher.events() == [("edit", 2), ("edit", 2)]
        assert len(mail.messages) == 1 and hook.received == []
        subject = mail.messages[0]["Subject"]
        assert subject.startswith("2 changes to watched articles (2 edited)"), subject
        [body] = mail.bodies()
        assert all(u in body for u in urls) and body.count("[-three-]{+four+}") == 2, body
        hook.down = False
        run(watcher, tmp_path, "--notify-digest")  # nothing new: the held digest goes
        assert len(mail.messages) == 1  # the mail target had it already
        [got] = hook.received
        assert got["archiver_kind"] == "digest" and got["archiver_events"] == "2"
        assert got["archiver_urls"].split("\n") == urls and got["archiver_kinds"] == "edit\nedit"
        assert hook.keys[-1] == hook.keys[-2]  # the retry carries the failed attempt's Idempotency-Key
        assert got["title"].startswith("2 changes to watched articles")


def test_without_the_flag_one_message_per_change(site, tmp_path):
    urls = two_articles(site)
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, urls[0], hook.url())
        write_list(watcher.list, urls)
        run(watcher, tmp_path)
        run(watcher, tmp_path)
        assert [m["archiver_kind"] for m in hook.received] == ["edit", "edit"]
        assert sorted(m["archiver_url"] for m in hook.received) == sorted(urls)


def test_a_failed_digest_is_resent_whole_before_newer_events(site, tmp_path):
    """A digest that failed went next run joined with that run's new events, as a larger digest with a new
    Idempotency-Key: had the failed attempt in fact arrived (a receiver answering 500 after storing it), its
    events arrived twice. The failed digest now goes again as it was, same key; the new events go after it."""
    news = site.host(HOST)
    for slug in ("bridge", "ferry"):
        news.route(f"/city/{slug}", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    news.route("/city/harbour", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 2)))
    site.start()
    urls = [news.url("/city/bridge"), news.url("/city/ferry"), news.url("/city/harbour")]
    with Webhook() as hook:
        watcher = Watcher(site, tmp_path, urls[0], hook.url())
        write_list(watcher.list, urls)
        run(watcher, tmp_path, "--notify-digest")
        hook.down = True
        assert "a digest of 2 events" in run(watcher, tmp_path, "--notify-digest")
        failed_key = hook.keys[-1]
        hook.down = False
        run(watcher, tmp_path, "--notify-digest")  # the harbour article's edit is new this run
        assert [m["archiver_kind"] for m in hook.received] == ["digest", "edit"], hook.received
        again, new = hook.received
        assert again["archiver_events"] == "2" and again["archiver_urls"].split("\n") == urls[:2]
        assert hook.keys[-2] == failed_key  # the same digest, the same key
        assert new["archiver_url"] == urls[2]
