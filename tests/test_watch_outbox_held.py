"""A webhook down for two runs: the watch said '1 failed (kept for the next run)' while two messages were
left in the outbox (a target's later messages wait behind its failed one, in order), so a reader of the
log believed one message was late when two were (session 21, helper newuser2).

Real parts: a loopback news server (sitekit) on 127.0.6.10, ``archiver run --watch`` as a subprocess on a
set clock (watchkit.Watcher), watchkit's JSON webhook on 127.0.6.11, the real catalog.
"""
from __future__ import annotations

from sitekit import Response
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.outbox-gazette.test"


def test_messages_waiting_behind_a_failed_one_are_counted_and_sent_in_order(site, tmp_path):
    def reply(req):
        if req.hit == 3:  # taken down after its edit
            return Response(body="<html><body><h1>Not found</h1></body></html>", status=404)
        return Response(body=furniture_page(req.hit, edited=req.hit > 1))

    news = site.host(HOST, address="127.0.6.10")
    news.route("/city/bridge", reply)
    site.start()
    with Webhook(host="127.0.6.11") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.run()  # the first version: nothing to send
        hook.down = True
        code, out = watcher.run()  # the edit: its message fails
        assert code == 1 and "1 failed (kept for the next run)" in out, out
        assert "left for the next run" not in out and "behind it" not in out, out
        code, out = watcher.run()  # gone: its message waits behind the edit's
        assert watcher.events() == [("edit", 2), ("gone", None)]
        [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
        assert "1 more message to this target waits behind it, in order" in failed, failed
        assert "1 failed (kept for the next run); 2 messages left for the next run" in out, out
        assert hook.received == []
        hook.down = False
        code, out = watcher.run(same_time=True)
        assert "2 notifications sent, 0 failed (kept for the next run)" in out, out
        assert "left for the next run" not in out, out
        titles = [message["title"] for message in hook.received]
        assert [t.split(":")[0] for t in titles] == ["Content changed", "Gone (HTTP 404)"], titles
