"""A new user's walk, session 28 (nu28): a media-studies researcher watching ~300 news articles for
edits over weeks, against real servers on loopback (127.0.26.x).

- After ``archiver reindex`` (and ``extract --all``), an article already taken down (404) before the
  reindex was notified as ``Gone`` a second time at the next ``--watch`` run: the README promises that
  captures already in the archive when watching (re)starts are judged without a message and that a
  gone article is "told once while it stays gone", but the gone spell in the archive was passed over
  unrecorded, so the next 404 started a "new" one (with another Idempotency-Key, so a receiver could
  not drop it). The spell found in the archive is now recorded silently: no message for it, and the
  article's coming back is still told.
- ``history --format json`` gave each step only its two text paths: no version, capture or time.
- ``why URL WORDS`` said only "not on the page" for words an edit had taken out of the article; it now
  names the latest earlier capture whose article held them.
- Three counters at the top of a body made every capture of a watched article an edit: "Updated 12m ago",
  "This story has been viewed 1,644 times", "12 people reacted to this".
"""
from __future__ import annotations

import json

from sitekit import Response, Site, run_archiver
from watchkit import Watcher, Webhook, furniture_page

ADDRESS = "127.0.26.101"
HOOK = "127.0.26.102"


def test_a_gone_article_is_not_told_again_after_a_reindex(tmp_path):
    answers = {"status": 200}

    def reply(req):
        if answers["status"] != 200:
            return Response(body="<html><body><h1>Not found</h1></body></html>", status=answers["status"])
        return Response(body=furniture_page(req.hit))

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
            assert [m["title"].split(":")[0] for m in hook.received] == ["Gone (HTTP 404)"]
            where = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
            assert run_archiver("reindex", "--warcs", tmp_path / "warcs", cwd=tmp_path).returncode == 0
            assert run_archiver("extract", "--all", "--jobs", "1", *where, cwd=tmp_path).returncode == 0
            code, out = watcher.run()  # the article still answers 404: the same spell, not news
            assert "gone:" not in out, out
            assert [m["title"].split(":")[0] for m in hook.received] == ["Gone (HTTP 404)"], hook.received
            answers["status"] = 200
            for _ in range(4):  # past the backoff of the failed attempts
                code, out = watcher.run()
                if "back:" in out:
                    break
            assert "back: the article answers again" in out, out
            titles = [m["title"].split(":")[0] for m in hook.received]
            assert titles == ["Gone (HTTP 404)", "Back"], titles
    finally:
        site.stop()


def test_history_json_names_each_steps_versions_captures_and_times(tmp_path):
    """``history --format json`` gave each step only its two text paths: a researcher exporting the
    changes could not say when a change happened without joining paths to versions, and an A, B, A
    history (v3 is the text of v1 again) names one path for two versions."""
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit == 2)))
    site.start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
        for _ in range(3):
            watcher.run()
        proc = run_archiver("history", news.url("/city/bridge"), "--format", "json", "--warcs", tmp_path / "warcs",
                            "--clean", tmp_path / "clean", cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        doc = json.loads(proc.stdout)
        captures = {c["capture_id"]: c for c in doc["captures"]}
        steps = [(p["old_version"], p["new_version"]) for p in doc["pairs"]]
        assert steps == [(1, 2), (2, 3)], doc["pairs"]
        for pair in doc["pairs"]:
            for side in ("old", "new"):
                cap = captures[pair[f"{side}_capture"]]
                assert cap["version"] == pair[f"{side}_version"]
                assert cap["fetched_at"] == pair[f"{side}_captured_at"]
        assert doc["pairs"][1]["new"] == doc["pairs"][0]["old"]  # the text of v1 again: one path, two versions
    finally:
        site.stop()


def test_why_names_the_earlier_capture_whose_article_held_words_an_edit_took_out(tmp_path):
    """``archiver why URL WORDS`` after an edit said only "not on the page" for words the article had
    until the edit: the researcher asking why a phrase is out was not told it was in an earlier text."""
    site = Site(tmp_path / "site")
    news = site.host("www.harbour-gazette.test", address=ADDRESS)
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit >= 2)))
    site.start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
        watcher.run()
        watcher.run()
        where = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
        proc = run_archiver("why", news.url("/city/bridge"), "48 million euros", *where, cwd=tmp_path)
        assert proc.returncode == 1, proc.stdout + proc.stderr  # not on the latest capture's page
        assert "not on the page" in proc.stdout, proc.stdout
        assert "earlier: in the article of capture 1 at" in proc.stdout, proc.stdout
        assert "archiver history " + news.url("/city/bridge") in proc.stdout, proc.stdout
        proc = run_archiver("why", news.url("/city/bridge"), "48 million euros", "--format", "json", *where,
                            cwd=tmp_path)
        doc = json.loads(proc.stdout)
        assert doc["earlier"]["capture_id"] == 1 and doc["in_article"] is False, doc
        proc = run_archiver("why", news.url("/city/bridge"), "61 million euros", "--format", "json", *where,
                            cwd=tmp_path)
        assert proc.returncode == 0 and json.loads(proc.stdout)["earlier"] is None, proc.stdout
    finally:
        site.stop()


def _counter_page(n: int) -> str:
    paras = ["The long debate over the harbour plan reached the council chamber on Tuesday evening, where members "
             "argued for several hours about its cost and its timing.",
             "Supporters of the harbour plan said the town had waited too long already and that the funding offered "
             "by the regional government would not be available next year.",
             "Opponents said the figures presented by the planning office were out of date and that residents had "
             "not been consulted properly about the harbour changes.",
             "The mayor said a final vote on the harbour plan would take place before the end of the month, after "
             "a public meeting in the town hall."]
    body = (f"<p>{paras[0]}</p><p>Updated {n}m ago</p><p>This story has been viewed {n * 137} times</p>"
            + "".join(f"<p>{p}</p>" for p in paras[1:]))
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The harbour plan</title></head>"
            f"<body><main><article><h1>The harbour plan divides the town council</h1>{body}</article></main>"
            "</body></html>")


def test_an_abbreviated_updated_line_and_a_view_counter_at_the_top_are_not_article_text():
    """Two counters that change on every visit, met at the top of a watched article's body, made each
    capture an edit: 'Updated 12m ago' (the relative-time rule wanted a space and a spelt-out unit) and
    'This story has been viewed 1,644 times' (the counter rule looked only at the body's last lines)."""
    from archiver.extraction import extract

    texts = {extract(_counter_page(n), url="https://news.example.test/harbour").text for n in (3, 12, 47)}
    assert len(texts) == 1, texts
    text = texts.pop()
    assert "ago" not in text and "viewed" not in text, text
    assert "a public meeting in the town hall" in text and "several hours" in text, text


def test_a_reactions_count_line_is_not_article_text():
    """'12 people reacted to this' under the headline, new on every visit, made each capture an edit."""
    from archiver.extraction import extract

    pages = [_counter_page(n).replace("<p>Updated", f"<p>{n} people reacted to this</p><p>Updated") for n in (4, 31)]
    texts = {extract(page, url="https://news.example.test/harbour").text for page in pages}
    assert len(texts) == 1, texts
    assert "reacted" not in texts.pop()
