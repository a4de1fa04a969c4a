"""A webhook gets the event as fields, not only as a message to parse.

A researcher's receiver (a lab's script filling a table of edits) had to pick the URL, the versions and
the capture times out of the message's prose. Now a ``json://`` (or ``xml://``, ``form://``) target gets
them as top-level members (apprise's payload extras): ``archiver_kind``, ``archiver_url``,
``archiver_version``, ``archiver_before_version``, the capture times and each side's files.
"""
from __future__ import annotations

from pathlib import Path

from sitekit import Response
from watchkit import Watcher, Webhook, furniture_page

from archiver.watch.message import fields
from archiver.watch.notify import with_fields

HOST = "www.webhook-fields.test"


def test_edit_arrives_with_its_fields(site, tmp_path):
    news = site.host(HOST)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    with Webhook() as hook:
        url = hook.url() + "?:archiver_title=Desk%20copy"  # a field the user sets stays the user's
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), url)
        watcher.run()
        watcher.run()
        assert watcher.events() == [("edit", 2)]
        [got] = hook.received
    assert got["archiver_kind"] == "edit" and got["archiver_url"] == watcher.url
    assert got["archiver_version"] == "2" and got["archiver_before_version"] == "1"
    assert got["archiver_title"] == "Desk copy"
    assert got["archiver_captured_at"] > got["archiver_before_captured_at"]
    assert int(got["archiver_changes"]) >= 1
    after = Path(got["archiver_after_text_file"])
    text = after.read_text() if after.is_absolute() else (tmp_path / "clean" / after).read_text()
    assert "four years" in text
    assert got["archiver_after_warc_file"] and got["archiver_after_warc_offset"].isdigit()
    assert "[-three-]{+four+}" in got["message"]  # the message as before


def test_fields_only_for_payload_schemes():
    event = {"url": "http://x.test/a?b=1&c=2", "kind": "gone", "title": "A\ttitle, with: marks", "at": "2026-12-04",
             "capture_id": 7, "version": None, "old_at": "2026-12-01", "old_version": 3,
             "detail": {"status": 404, "old": {"captured_at": "2026-12-01", "text_path": "x.txt"}}}
    got = fields(event)
    assert got["archiver_kind"] == "gone" and "archiver_version" not in got and "archiver_changes" not in got
    assert got["archiver_title"] == "A title, with: marks" and got["archiver_before_text_file"] == "x.txt"
    assert with_fields("mailto://u:p@smtp.test?to=a@b.test", got) == "mailto://u:p@smtp.test?to=a@b.test"
    hooked = with_fields("jsons://hooks.test/h?+X-Token=1#frag", got)
    assert hooked.startswith("jsons://hooks.test/h?+X-Token=1&:archiver_kind=gone") and hooked.endswith("#frag")
    assert ":archiver_url=http%3A%2F%2Fx.test%2Fa%3Fb%3D1%26c%3D2" in hooked
