"""A new user's walk through the watch (nu33): interrupted runs, notification failure lines.

Real parts: loopback news servers (sitekit) on 127.0.47.x, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), watchkit's JSON webhook receivers on 127.0.47.x (apprise as the client).
"""
from __future__ import annotations

import http.server
import json
import signal
import sqlite3
import threading
import time

import pytest
from sitekit import Response, run_archiver, start_archiver, write_list
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"


def _captures(db, url: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM captures WHERE url = ? AND state = 'captured'",
                                (url,)).fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_watch_run_interrupted_after_a_capture_does_not_fetch_it_again_on_resume(site, tmp_path):
    """Ctrl-C in a --watch run after one due article was captured, while another is still loading: the
    run says 'what was captured is kept and not fetched again', but the rerun fetched it again (its watch
    row was never moved on: an interrupted run judges nothing), one more request to the site per URL.
    Now a watched URL with a capture not judged yet is not due: the rerun judges that capture (the edit
    is told once) and fetches only what the interrupted run left."""
    news = site.host(HOST, address="127.0.47.21")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    news.route("/city/ferry", lambda req: Response(body=furniture_page(req.hit).replace("bridge", "ferry"),
                                                   delay=60 if req.hit == 2 else 0))
    site.start()
    bridge, ferry = news.url("/city/bridge"), news.url("/city/ferry")
    with Webhook("ok", host="127.0.47.22") as hook:
        watcher = Watcher(site, tmp_path, bridge, hook.url())
        write_list(watcher.list, [bridge, ferry])
        assert watcher.run()[0] == 0  # first captures: nothing to tell
        proc = start_archiver(*watcher.args(), output=tmp_path / "interrupted.out", cwd=tmp_path)
        try:
            deadline = time.monotonic() + 120
            while _captures(tmp_path / "warcs" / "catalog.sqlite3", bridge) < 2:
                assert proc.poll() is None, (tmp_path / "interrupted.out").read_text()
                assert time.monotonic() < deadline, (tmp_path / "interrupted.out").read_text()
                time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
            assert proc.wait(60) == 130, (tmp_path / "interrupted.out").read_text()
        finally:
            if proc.poll() is None:
                proc.kill()
        said = (tmp_path / "interrupted.out").read_text()
        assert "not fetched again" in said, said
        assert site.hits[(HOST, "/city/bridge")] == 2
        code, out = watcher.run(same_time=True)  # "run the same command again"
        assert site.hits[(HOST, "/city/bridge")] == 2, out  # was 3: fetched again
        assert site.hits[(HOST, "/city/ferry")] == 3, out  # the one left is fetched
        assert f"content changed (v1 -> v2): {bridge}" in out and code == 1, out
        assert [m["archiver_url"] for m in hook.received] == [bridge], hook.received
        code, out = watcher.run()  # the next run: both due again on their schedule
        assert site.hits[(HOST, "/city/bridge")] == 3 and site.hits[(HOST, "/city/ferry")] == 4, out
        assert len(hook.received) == 1, hook.received



def test_notify_given_to_a_run_without_watch_is_said_to_do_nothing(site, tmp_path):
    """A cron line with --notify but without --watch (or ARCHIVER_NOTIFY set, ARCHIVER_WATCH not): the run
    fetched the new URLs and said nothing of the watch settings it ignored; edits were never looked for
    and nothing was ever sent. Now one warning names them; --no-watch (off on purpose) says nothing."""
    news = site.host(HOST, address="127.0.47.23")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/city/bridge")])
    with Webhook("ok", host="127.0.47.24") as hook:
        common = ["run", urls, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                  "--jobs", "1", "--progress", "never", *site.client_flags()]
        proc = run_archiver(*common, "--notify", hook.url(), "--notify-digest", cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert ("archiver: warning: --notify, --notify-digest do nothing without --watch: no archived URL is "
                "checked for edits and no notification is sent; add --watch (or set ARCHIVER_WATCH=1)"
                in proc.stderr), proc.stderr
        proc = run_archiver(*common, cwd=tmp_path, env={"ARCHIVER_NOTIFY": hook.url()})
        assert "warning: ARCHIVER_NOTIFY does nothing without --watch" in proc.stderr, proc.stderr
        proc = run_archiver(*common, "--no-watch", cwd=tmp_path, env={"ARCHIVER_NOTIFY": hook.url()})
        assert "warning" not in proc.stderr, proc.stderr
        proc = run_archiver(*common, "--watch", cwd=tmp_path, env={"ARCHIVER_NOTIFY": hook.url()})
        assert "warning" not in proc.stderr and proc.returncode == 0, proc.stdout + proc.stderr



def test_a_failure_line_says_which_of_two_webhooks_failed(site, tmp_path):
    """Two webhooks (the desk's and a team channel's) and one of them down: the failure line read
    'notification failed, kept for the next run: json://…: event 1 ...' and either could be meant (the
    URL is hidden whole, lest a token show). Now a target that looks like another says which --notify
    it is, counted as given; a lone target of its scheme is shown as before."""
    news = site.host(HOST, address="127.0.47.25")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    with Webhook("ok", host="127.0.47.26") as desk, Webhook("500", host="127.0.47.27") as team:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), desk.url(), team.url())
        watcher.run()
        code, out = watcher.run()
        failed = [ln for ln in out.splitlines() if ln.startswith("notification failed")]
        assert len(failed) == 1 and failed[0].startswith(
            "notification failed, kept for the next run: json://… (--notify 2 of 2): event 1 "), out
        assert len(desk.received) == 1 and code == 1, out
        team.down = False
        code, out = watcher.run()
        assert "1 notification sent" in out and len(team.received) == 1 and len(desk.received) == 1, out
    proc = run_archiver("run", watcher.list, "--watch", "--warcs", tmp_path / "warcs", "--notify", desk.url(),
                        "--notify", "mailto://smtp.example.org?to=desk@example.org", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith(
        "archiver: error: --notify mailto://…: apprise cannot use this URL"), proc.stderr
    proc = run_archiver("run", watcher.list, "--watch", "--warcs", tmp_path / "warcs", "--notify",
                        "mailto://smtp.example.org?from=archiver@example.org&to=desk@example.org", "--notify",
                        "mailto://smtp.example.org?to=legal@example.org", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith(
        "archiver: error: --notify mailto://… (2 of 2): apprise cannot use this URL"), proc.stderr



def test_a_refused_notify_url_from_the_variable_says_so_and_why_a_comma_split_it(tmp_path):
    """ARCHIVER_NOTIFY holds a mail URL with two recipients (``?to=a@x,b@x``, as apprise takes them): the
    variable is split at its commas, and the error named '--notify c@example.org', a flag never given.
    Now it says the URL came from ARCHIVER_NOTIFY, split at its commas, and what to do."""
    urls = write_list(tmp_path / "urls.txt", ["http://127.0.47.28:8080/city/bridge"])
    mail = "mailto://smtp.example.org?from=archiver@example.org&to=desk@example.org,legal@example.org"
    proc = run_archiver("run", urls, "--watch", "--warcs", tmp_path / "warcs", cwd=tmp_path,
                        env={"ARCHIVER_NOTIFY": mail})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.rstrip().endswith(
        "; it came from ARCHIVER_NOTIFY, split at its commas (a URL holding a comma, as a mail URL's "
        "?to=a@x,b@x does, must be given as --notify)"), proc.stderr
    proc = run_archiver("run", urls, "--watch", "--warcs", tmp_path / "warcs", "--notify", mail, "--now",
                        "2026-12-05T12:00:00Z", "--retries", "0", "--progress", "never", cwd=tmp_path)
    assert "error" not in proc.stderr and proc.returncode == 1, proc.stdout + proc.stderr  # refused: no server



STAMPS = ["Updated {h}:{m:02d} CET, December 5, 2026", "Updated: 05/12/2026 - {h}:{m:02d}",
          "Updated on 05.12.2026 at {h}:{m:02d}", "Updated at {h}:{m:02d}",
          "Published: 5 December 2026 08:00 CET | Updated: 5 December 2026 {h}:{m:02d} CET"]


def test_an_update_stamp_in_the_body_that_moves_on_every_visit_is_no_edit(site, tmp_path):
    """The body opens with the site's update stamp, re-set whenever the story is re-saved ('Updated 11:37 CET,
    December 5, 2026', a 24-hour time before a month-first date; 'Updated: 05/12/2026 - 11:37' ...), the
    article's text the same: each new stamp was an edit, mailed ('Updated [-10:36-]{+8:05+} CET'). The
    datelines knew other shapes only. Now the line is furniture (rule updated-stamp-line); the correction
    made in the last run is still told."""
    news = site.host(HOST, address="127.0.47.29")

    def page(req):
        stamp = STAMPS[(req.hit - 1) % len(STAMPS)].format(h=8 + req.hit, m=7 * req.hit % 60)
        html = furniture_page(req.hit, edited=req.hit > len(STAMPS) + 1)
        return Response(body=html.replace('<div class="article-body">', f'<div class="article-body"><p><em>{stamp}</em></p>'))

    news.route("/city/bridge", page)
    site.start()
    with Webhook("ok", host="127.0.47.30") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        outs = [watcher.run() for _ in range(len(STAMPS) + 1)]
        assert [code for code, _ in outs] == [0] * len(outs), outs
        assert hook.received == [], [m["message"] for m in hook.received]
        code, out = watcher.run()
        assert code == 1 and "content changed (v1 -> v2)" in out, out
        [sent] = hook.received
        assert "[-three-]{+four+}" in sent["message"] and "Updated" not in sent["message"].split("\n\n")[1], sent



OTHER = """<!DOCTYPE html><html><head><title>Port approves new container terminal | Harbour Gazette</title></head>
<body><main><article><h1>Port approves new container terminal</h1><div class="article-body">
<p>The regional port authority on Thursday approved plans for a new container terminal on the east quay, a project
that has divided the town for more than five years.</p>
<p>The terminal will handle up to 400,000 containers a year and is expected to create about 650 jobs, according to
the authority's own estimate published last month.</p>
<p>Environmental groups said they would challenge the decision in court, arguing that dredging the channel would
destroy one of the last seagrass meadows on the coast.</p></div></article></main></body></html>"""


def test_an_article_redirected_to_another_story_is_told_gone_once_and_back(site, tmp_path):
    """The article's URL now answers 301 to another story of the same site (a removed article sent to a related
    one): the watch judged the other story's text 'not the article' (as a consent wall), recorded it and told
    no one, exit 0, for as long as the redirect stayed. Now it is 'gone' (told once, 'Gone (redirects to another
    page)'), and the article answering again is 'back'. A redirect to a subscription page stays a wall."""
    news = site.host(HOST, address="127.0.47.31")
    answers = {2: "/port/terminal", 3: "/port/terminal", 5: "/subscribe?return=/city/bridge"}

    def bridge(req):
        where = answers.get(req.hit)
        if where:
            return Response(301, body="", headers=[("Location", where)])
        return Response(body=furniture_page(req.hit))

    news.route("/city/bridge", bridge)
    news.route("/port/terminal", Response(body=OTHER))
    news.route("/subscribe", Response(body=OTHER.replace("Port approves", "Subscribe to read: port approves")))
    site.start()
    url = news.url("/city/bridge")
    with Webhook("ok", host="127.0.47.32") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        outs = [watcher.run() for _ in range(5)]
        said = "\n".join(out for _, out in outs)
        assert [code for code, _ in outs] == [0, 1, 0, 1, 0], outs
        assert f"gone: the page redirects to another page {news.url('/port/terminal')} (its text is not the " \
               f"article's: removed or replaced): {url}" in outs[1][1], outs[1][1]
        assert [kind for kind, _ in watcher.events()] == ["gone", "back"], (watcher.events(), said)
        assert [m["archiver_kind"] for m in hook.received] == ["gone", "back"], hook.received
        assert hook.received[0]["title"].startswith("Gone (redirects to another page): "), hook.received[0]
        assert hook.received[0]["archiver_redirect"] == news.url("/port/terminal"), hook.received[0]
        assert f"The page now redirects to {news.url('/port/terminal')}, whose text is not the article's" \
               in hook.received[0]["message"], hook.received[0]["message"]
        assert watcher.verdicts()[-1] == "not-article"  # the subscription page: a wall, recorded, not told


class SlowHook:
    """A JSON webhook that takes ``seconds`` to answer each POST (200): a receiver doing its work before it
    answers, or one under load."""

    def __init__(self, host: str, seconds: float) -> None:
        self.received: list[dict] = []
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(seconds)
                hook.received.append(json.loads(body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.host = host

    def __enter__(self) -> SlowHook:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self) -> str:
        return f"json://{self.host}:{self.server.server_address[1]}/hook"


def test_a_webhook_slower_than_four_seconds_gets_each_message_once(site, tmp_path):
    """A webhook that takes 6 s to answer: apprise gave up reading after its default 4 s, the message was
    'failed, kept for the next run' though the receiver had it, and every run sent it again (the receiver got
    a copy per run, for ever) while the messages behind it waited for good. Now a receiver gets 30 s to
    answer (``?rto=`` in the URL sets another time)."""
    news = site.host(HOST, address="127.0.47.33")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    with SlowHook("127.0.47.34", 6) as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.run()
        code, out = watcher.run()
        assert "1 notification sent, 0 failed" in out and code == 1, out
        code, out = watcher.run()
        assert "0 notifications sent, 0 failed" in out and code == 0, out
        assert [m["archiver_kind"] for m in hook.received] == ["edit"], hook.received



def test_history_of_a_url_listed_with_a_tracking_parameter_names_that_spelling(site, tmp_path):
    """The list holds the link as the newsletter gave it (``?utm_source=newsletter``); asked for the article's
    own URL, 'archiver history' said 'no captures of URL' and nothing else (the scheme and www. were looked
    for, not a query). Now it names the captured spelling, as do 'list', 'why' and 'report'."""
    news = site.host(HOST, address="127.0.47.35")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)))
    site.start()
    listed = news.url("/city/bridge?utm_source=newsletter&utm_medium=email")
    watcher = Watcher(site, tmp_path, listed)
    assert watcher.run()[0] == 0
    folders = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
    proc = run_archiver("history", news.url("/city/bridge"), *folders, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.rstrip().endswith(f"(did you mean {listed}?)"), proc.stderr
    proc = run_archiver("list", news.url("/city/bridge"), "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert proc.returncode == 1 and f"did you mean {listed}?" in proc.stderr, proc.stderr
    proc = run_archiver("history", listed, *folders, cwd=tmp_path)
    assert proc.returncode == 0 and "1 capture, 1 version" in proc.stdout, proc.stdout + proc.stderr



def test_a_replay_url_without_its_scheme_is_refused_before_anything_is_fetched(site, tmp_path):
    """``--replay-url localhost:8080/news`` (the scheme left out, as a browser's address bar allows) was taken:
    every notification, feed entry and report page then linked 'localhost:8080/news/2026.../URL', which no
    mail client or browser opens as a link (a relative path on the report). Now a usage error names it."""
    news = site.host(HOST, address="127.0.47.36")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)))
    site.start()
    watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
    proc = run_archiver(*watcher.args(), "--replay-url", "localhost:8080/news", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith(
        "archiver: error: --replay-url / ARCHIVER_REPLAY_URL: not an http(s) URL: 'localhost:8080/news'"), proc.stderr
    assert site.hits[(HOST, "/city/bridge")] == 0
    proc = run_archiver("report", "--output", tmp_path / "site", "--warcs", tmp_path / "warcs", cwd=tmp_path,
                        env={"ARCHIVER_REPLAY_URL": "localhost:8080/news"})
    assert proc.returncode == 2 and "not an http(s) URL" in proc.stderr, proc.stderr
    assert watcher.run()[0] == 0  # http:// given: as before
    proc = run_archiver(*watcher.args(), "--replay-url", "http://localhost:8080/news", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])
