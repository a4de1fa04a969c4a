"""A new user's walk, session 30 (nu30): a newsroom's standards editor watching 20 articles on three
sites for silent edits, told by mail and webhook, reading each article's timeline; real servers on
loopback (127.0.39.x), a real webhook receiver.

- Two changes a few words apart (a headline's verb replaced and words added at its end) were each
  told with the other one's words in their context, unmarked: ``…Council [-weighs-]{+delays+}
  harbour bridge closure after protests Article…`` reads as if the old headline had ended "after
  protests". A change's context now stops where a neighbouring change stands, in the mail, the
  webhook's message and ``archiver history``.
- A run between checks said ``1 skipped (already captured or duplicate)`` for a URL waiting for its next
  check; it now says ``already captured, not due for a check (the next at TIME)``.
- An article taken down (told ``Gone``) that came back with a new text was told as a plain edit: nothing
  said it answered again, so a receiver that had marked it gone on the ``gone`` message never heard of
  its return (a ``back`` event is sent only for a text it had). The edit now says so, in the message
  and the webhook's ``archiver_back_after_gone`` field.
- A correction reverted (A, B, A: v3 the text of v1 again) showed on the report's page as ``v2 -> v3 ...
  0 changed passages. No differences in words or paragraphs.``, v2 shown with v1's words: the step was
  compared with the text the judge had already gone back to. It now shows what the revert changed.
"""
from __future__ import annotations

import re

from sitekit import Response, Site, run_archiver
from watchkit import Watcher, Webhook, furniture_page

ADDRESS = "127.0.39.101"
HOOK = "127.0.39.102"
OLD_TITLE = "Council weighs harbour bridge closure"
NEW_TITLE = "Council delays harbour bridge closure after protests"


def _unmarked(line: str) -> str:
    """The line without its ``[-…-]`` and ``{+…+}`` parts: the words it shows as unchanged."""
    return re.sub(r"\[-.*?-\]|\{\+.*?\+\}", " ", line)


def test_a_changes_context_does_not_show_a_neighbouring_changes_words_as_unchanged(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(
        body=furniture_page(req.hit, title=OLD_TITLE if req.hit == 1 else NEW_TITLE)))
    site.start()
    try:
        with Webhook(host=HOOK) as hook:
            watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
            assert watcher.run()[0] == 0  # v1
            code, out = watcher.run()
            assert code == 1 and "content changed (v1 -> v2)" in out, out
            assert len(hook.received) == 1, hook.received
            message = hook.received[0]["message"]
            proc = run_archiver("history", news.url("/city/bridge"), "--warcs", tmp_path / "warcs",
                                "--clean", tmp_path / "clean", cwd=tmp_path)
            assert proc.returncode == 1, proc.stdout + proc.stderr
            for text in (message, proc.stdout):
                lines = [ln for ln in text.splitlines() if ln.strip().startswith("content ")]
                assert any("[-weighs-]{+delays+}" in ln for ln in lines), text
                assert any("{+after protests+}" in ln for ln in lines), text
                for line in lines:  # an added or replaced word is never shown as context
                    shown = _unmarked(line)
                    assert "after protests" not in shown and "delays" not in shown, line
    finally:
        site.stop()


def test_a_run_says_its_skipped_urls_are_not_due_and_when_the_next_check_is(tmp_path):
    """A cron run between checks said ``0 to fetch, 1 skipped (already captured or duplicate)``: a
    watcher could not tell a URL waiting for its next check from a duplicate line, nor when it would be
    fetched. It now says ``1 already captured, not due for a check (the next at TIME)``; a plain run
    says ``already captured`` and counts duplicate lines apart."""
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)))
    site.start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
        assert watcher.run()[0] == 0
        code, out = watcher.run(same_time=True)  # cron again before the 15-minute check is due
        assert code == 0 and "0 to fetch" in out, out
        start = watcher.start.strftime("%Y-%m-%dT%H:%M")
        assert "1 skipped (1 already captured, not due for a check (the next at " in out, out
        next_at = out.split("(the next at ")[1].split(")")[0]
        assert next_at > start, (next_at, start)
        listed = tmp_path / "plain.txt"
        listed.write_text(f"{news.url('/city/bridge')}\n{news.url('/city/bridge')}\n")
        proc = run_archiver("fetch", listed, "--warcs", tmp_path / "warcs", "--progress", "never",
                            *site.client_flags(), cwd=tmp_path)
        assert "0 to fetch, 2 skipped (1 already captured, 1 duplicate line)" in proc.stdout + proc.stderr, \
            proc.stdout + proc.stderr
    finally:
        site.stop()


def test_an_article_back_from_a_404_with_a_new_text_is_an_edit_that_says_it_is_back(tmp_path):
    answers = {"status": 200, "edited": False}

    def reply(req):
        if answers["status"] != 200:
            return Response(body="<html><body><h1>Page not found</h1></body></html>", status=answers["status"])
        return Response(body=furniture_page(req.hit, edited=answers["edited"]))

    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", reply)
    site.start()
    try:
        with Webhook(host=HOOK) as hook:
            watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
            assert watcher.run()[0] == 0  # v1
            answers["status"] = 404
            code, out = watcher.run()
            assert code == 1 and "gone: the page answers HTTP 404" in out, out
            answers.update(status=200, edited=True)
            code, out = watcher.run()  # 16 minutes later: past the 5-minute backoff
            assert code == 1 and "content changed (v1 -> v2), back after being gone since " in out, out
            kinds = [m["archiver_kind"] for m in hook.received]
            assert kinds == ["gone", "edit"], kinds
            gone, edit = hook.received
            assert edit["archiver_back_after_gone"] == gone["archiver_captured_at"], edit
            assert "answers again after it was gone since the capture of " in edit["message"], edit["message"]
            code, out = watcher.run()  # the same text again: nothing more to tell
            assert "back:" not in out and "back after" not in out and len(hook.received) == 2, out
    finally:
        site.stop()


def test_the_report_shows_what_a_revert_changed(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit == 2)))
    site.start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
        for _ in range(3):  # v1; v2 the corrected figures; v3 the figures of v1 again
            watcher.run()
        proc = run_archiver("report", "--output", tmp_path / "site-out", news.url("/city/bridge"),
                            "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        page = next(p for p in (tmp_path / "site-out").glob("*.html") if p.name != "index.html")
        html = page.read_text(encoding="utf-8")
        revert = html[html.index("v2 \u2192 v3"):]
        revert = revert[:revert.index("</section>")]
        assert "the text of v1 again" in revert, revert
        assert "No differences" not in revert and "2 changed passages" in revert, revert
        changed = re.sub(r"<[^>]+>", " ", revert[:revert.index("changes marked")])
        assert "61" in changed and "48" in changed, changed  # the corrected figure and the one put back
    finally:
        site.stop()
