"""A new user's walk through the watch (nu34): redirects told as gone everywhere, orphan messages, cron.

Real parts: loopback news servers (sitekit) on 127.0.50.x, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), watchkit's JSON webhook receivers and SMTP server (aiosmtpd), apprise as the client.
"""
from __future__ import annotations

import json

import pytest
from sitekit import Response, run_archiver
from test_watch_newuser33 import OTHER
from watchkit import Watcher, Webhook, furniture_page

HOST = "www.harbour-gazette.test"


def _redirecting_site(site, address: str, answers: dict[int, str]):
    news = site.host(HOST, address=address)

    def bridge(req):
        where = answers.get(req.hit)
        if where:
            return Response(301, body="", headers=[("Location", where)])
        return Response(body=furniture_page(req.hit))

    news.route("/city/bridge", bridge)
    news.route("/port/terminal", Response(body=OTHER))
    site.start()
    return news


def test_history_report_and_list_show_a_redirect_to_another_story_as_gone_as_the_mail_did(site, tmp_path):
    """The watch told 'Gone (redirects to another page)' and then 'Back', but 'archiver history' listed the other
    story's text as v2 of the article (and the article's return as v3, 'the text of v1 again', with a diff
    replacing every word), the timeline page the same, and 'archiver list' named the other story's title. Now
    history and the timeline show the gone spell (naming where the URL led) and its end, and list says it; 'why'
    reads the article's last capture, not the other story's."""
    news = _redirecting_site(site, "127.0.50.11", {2: "/port/terminal", 3: "/port/terminal"})
    url, other = news.url("/city/bridge"), news.url("/port/terminal")
    with Webhook("ok", host="127.0.50.12") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        codes = [watcher.run()[0] for _ in range(3)]
        assert codes == [0, 1, 0]
        assert [m["archiver_kind"] for m in hook.received] == ["gone"], hook.received
        folders = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
        proc = run_archiver("list", url, "--warcs", tmp_path / "warcs", cwd=tmp_path)
        assert "Port approves" not in proc.stdout, proc.stdout
        assert (f"gone: the latest attempt was redirected to another page {other} (its text is not the "
                "article's: removed or replaced)") in proc.stdout, proc.stdout
        why = run_archiver("why", url, "container terminal", *folders, "--format", "json", cwd=tmp_path)
        said = json.loads(why.stdout)  # the article's last capture is asked, not the other story's page
        assert said["capture_id"] == 1 and not said["in_article"], said
        assert watcher.run()[0] == 1  # the article answers again: back
        assert [m["archiver_kind"] for m in hook.received] == ["gone", "back"], hook.received
    proc = run_archiver("history", url, *folders, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # no edit: the other story is no version
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{url}: 4 captures, 1 version", proc.stdout
    gone = [ln for ln in lines if ln.lstrip().startswith("gone ")]
    assert len(gone) == 1 and f"a redirect to another page {other}: the article was removed or replaced" \
        in gone[0] and "(2 attempts" in gone[0], proc.stdout
    assert any(ln.lstrip().startswith("back ") for ln in lines), proc.stdout
    assert "v2" not in proc.stdout and "Port approves" not in proc.stdout, proc.stdout
    summary = json.loads(run_archiver("history", url, *folders, "--format", "json", cwd=tmp_path).stdout)
    assert [s["redirect"] for s in summary["gone"]] == [other], summary["gone"]
    proc = run_archiver("report", "--output", tmp_path / "site", *folders, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [page] = [p for p in (tmp_path / "site").glob("*.html") if p.name != "index.html"]
    html = page.read_text()
    assert html.count("article gone") >= 2 and f"a redirect to another page {other}" in html, html
    assert "1 version," in html and "not the article" not in html, html



def test_the_run_summary_names_each_gone_article_by_what_its_page_does(site, tmp_path):
    """Three watched articles gone in one run, one answering 404, one 410 and one redirected to another story: the
    summary said '3 gone (HTTP 404/410 or a redirect to the front page)', the same words for each kind (and
    wrong for the redirect), and the 410 line said 'deleted or moved' (410 says removed for good). Now the
    summary counts each cause, and each line and message says what its answer means."""
    news = site.host(HOST, address="127.0.50.13")
    for name in ("bridge", "ferry", "tunnel"):
        def page(req, name=name):
            if req.hit > 1 and name == "ferry":
                return Response(404, body="<html><body><h1>Not found</h1></body></html>")
            if req.hit > 1 and name == "tunnel":
                return Response(410, body="<html><body><h1>Gone</h1></body></html>")
            if req.hit > 1:
                return Response(301, body="", headers=[("Location", "/port/terminal")])
            return Response(body=furniture_page(req.hit).replace("bridge", name))
        news.route(f"/city/{name}", page)
    news.route("/port/terminal", Response(body=OTHER))
    site.start()
    urls = [news.url(f"/city/{name}") for name in ("bridge", "ferry", "tunnel")]
    with Webhook("ok", host="127.0.50.14") as hook:
        watcher = Watcher(site, tmp_path, urls[0], hook.url())
        from sitekit import write_list
        write_list(watcher.list, urls)
        assert watcher.run()[0] == 0
        code, out = watcher.run()
        assert code == 1, out
        assert "3 gone (1 HTTP 404, 1 HTTP 410, 1 redirected to another page)" in out, out
        assert "404/410 or a redirect" not in out, out
        assert f"gone: the page answers HTTP 410 (removed for good): {urls[2]}" in out, out
        assert f"gone: the page answers HTTP 404 (deleted, or moved without a redirect): {urls[1]}" in out, out
        told = {m["archiver_url"]: m["message"] for m in hook.received}
        assert "the article was removed for good" in told[urls[2]], told[urls[2]]
        assert "deleted (or moved without a redirect)" in told[urls[1]], told[urls[1]]



def _run_at(watcher: Watcher, at: str, cwd) -> tuple[int, str]:
    args = watcher.args(same_time=True)
    args[args.index("--now") + 1] = at
    proc = run_archiver(*args, cwd=cwd, timeout=300)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.returncode, proc.stdout


def test_messages_for_a_notify_target_dropped_from_the_cron_line_are_dropped_after_a_week_and_said(site, tmp_path):
    """A webhook was down at an edit, then its --notify was taken out of the cron line for good (the team moved
    to mail): every run said '1 message ... waits in the catalog, unsent' for ever, with no end and no way out but
    to put the dead URL back. Now the line says when they are dropped (7 days after the target was last given);
    the first run after that drops them and says so once, and they are never sent."""
    news = site.host(HOST, address="127.0.50.15")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    with Webhook("500", host="127.0.50.16") as team, Webhook("ok", host="127.0.50.17") as mail:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), team.url())
        watcher.run()
        code, out = watcher.run()  # the edit: the team's webhook fails, the message kept
        assert "kept for the next run" in out and code == 1, out
        last_given = watcher.args(same_time=True)[watcher.args(same_time=True).index("--now") + 1]
        watcher.notify = (mail.url(),)
        code, out = watcher.run()
        said = [ln for ln in out.splitlines() if ln.startswith("notifications: ")]
        assert len(said) == 1 and said[0].endswith(
            f"give that --notify URL again to send it, or it is dropped after {_plus_days(last_given, 7)} (7 days "
            "after that target was last given)"), out
        code, out = _run_at(watcher, _plus_days(last_given, 8), tmp_path)
        assert ("notifications: dropped 1 message never sent to 1 --notify target not given to any run for 7 days "
                f"(since {last_given}); the changes stay in 'archiver history' and clean/changes.atom") in out, out
        code, out = _run_at(watcher, _plus_days(last_given, 8), tmp_path)
        assert "notifications: " not in out and code == 0, out
        team.down, watcher.notify = False, (team.url(),)
        _run_at(watcher, _plus_days(last_given, 8), tmp_path)
        assert team.received == [] and mail.received == [], (team.received, mail.received)



def test_the_mail_names_version_1_by_the_time_history_lists_it(site, tmp_path):
    """An article captured three times before its edit: the mail said 'version 1 (last seen in the capture of
    T3) -> version 2' and 'version 1: captured T3', while 'archiver history' lists v1 at T1 and its diff header
    says 'v1 (capture 1, T1)': the reader looking for the mail's time in the history found a later capture. Now the
    mail names version 1 by the capture and time history gives it, and says when it was last seen."""
    from watchkit import Mailbox

    news = site.host(HOST, address="127.0.50.18")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 3)))
    site.start()
    url = news.url("/city/bridge")
    with Mailbox() as box, Webhook("ok", host="127.0.50.19") as hook:
        watcher = Watcher(site, tmp_path, url, box.url(), hook.url())
        codes = [watcher.run()[0] for _ in range(4)]
        assert codes == [0, 0, 0, 1]
        [body] = box.bodies()
    history = json.loads(run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                                      "--format", "json", cwd=tmp_path).stdout)
    caps = history["captures"]
    v1 = history["versions"][0]
    assert v1["first_capture"] == caps[0]["capture_id"] and caps[2]["version"] == 1, history
    first, last = caps[0], caps[2]
    assert (f"version 1 (capture {first['capture_id']}, {first['fetched_at']}; last seen in capture "
            f"{last['capture_id']} at {last['fetched_at']}) -> version 2 (capture {caps[3]['capture_id']}, "
            f"{caps[3]['fetched_at']})") in body, body
    assert f"version 1 as last seen (capture {last['capture_id']}): captured {last['fetched_at']}" in body, body
    assert f"\nversion 2: captured {caps[3]['fetched_at']}, text " in body, body
    [sent] = hook.received
    assert sent["archiver_before_version_captured_at"] == first["fetched_at"], sent
    assert sent["archiver_before_captured_at"] == last["fetched_at"], sent



def test_a_cron_watch_run_that_finds_the_previous_one_still_at_work_skips_quietly_unless_it_looks_stuck(site, tmp_path):
    """The README's cron line every 5 minutes, configured by variables only (ARCHIVER_WATCH, ARCHIVER_NOTIFY), no
    terminal: a run still at work (a slow site) when the next starts made the next say 'archiver: error: the
    archive is in use' and exit 2 (the usage-error code) every 5 minutes: a job alerting on the exit status was
    paged for cron's ordinary overlap. Now a --watch run finding a young holder says it skipped (exit 0, nothing on
    stderr); a holder at it for over an hour is still an error (exit 2), saying how long and what to look at."""
    import fcntl
    import os
    import time
    from datetime import UTC, datetime, timedelta

    from sitekit import start_archiver, write_list

    news = site.host(HOST, address="127.0.50.20")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit), delay=30 if req.hit == 1 else 0))
    site.start()
    urls = write_list(tmp_path / "urls.txt", [news.url("/city/bridge")])
    with Webhook("ok", host="127.0.50.21") as hook:
        env = {"ARCHIVER_WATCH": "1", "ARCHIVER_NOTIFY": hook.url(), "ARCHIVER_RESOLVE": site.resolve_flags()[1]}
        slow = start_archiver("run", urls, output=tmp_path / "slow.out", cwd=tmp_path, env=env)
        try:
            lock = tmp_path / "warcs" / ".archiver.lock"
            deadline = time.monotonic() + 60
            while not (lock.exists() and lock.read_text().strip()) or site.hits[(HOST, "/city/bridge")] < 1:
                assert slow.poll() is None and time.monotonic() < deadline, (tmp_path / "slow.out").read_text()
                time.sleep(0.05)
            proc = run_archiver("run", urls, cwd=tmp_path, env=env)
            assert proc.returncode == 0 and proc.stderr == "", proc.stdout + proc.stderr
            assert proc.stdout.splitlines()[1].startswith("archiver run: skipped: the previous run still holds the "
                                                          f"archive (archiver run pid {slow.pid} since "), proc.stdout
            assert "): the next run takes what is due" in proc.stdout, proc.stdout
        finally:
            slow.kill()
            slow.wait(30)
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a run stuck for two hours holds it
        os.ftruncate(fd, 0)
        since = (datetime.now(UTC) - timedelta(hours=2)).isoformat(timespec="seconds")
        os.pwrite(fd, f"archiver run pid 4242 since {since}: run urls.txt\n".encode(), 0)
        proc = run_archiver("run", urls, cwd=tmp_path, env={"ARCHIVER_WATCH": "1"})
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert proc.stderr.startswith("archiver: error: the archive is in use: archiver run pid 4242 since "), \
            proc.stderr
        assert "held for 2 h" in proc.stderr and "stuck" in proc.stderr, proc.stderr
        plain = run_archiver("run", urls, cwd=tmp_path)  # without --watch: as before
        assert plain.returncode == 75 and "skipped" not in plain.stdout, plain.stdout + plain.stderr
    finally:
        os.close(fd)



def test_gone_and_back_mails_name_their_captures_not_a_time_history_gives_another_version_s(site, tmp_path):
    """A 'Back' mail ended with 'version 1: captured T3', T3 being the capture that came back, and 'archiver
    history' lists v1 at T1: the same slip as an edit's mail. Now the back mail says 'this capture (3), the text of
    version 1: captured T3' and the gone mail 'version 1 as last seen (capture 1)'."""
    from watchkit import Mailbox, gone_on

    news = site.host(HOST, address="127.0.50.22")
    news.route("/city/bridge", gone_on({2: 404}))
    site.start()
    url = news.url("/city/bridge")
    with Mailbox() as box:
        watcher = Watcher(site, tmp_path, url, box.url())
        assert [watcher.run()[0] for _ in range(3)] == [0, 1, 1]
        gone, back = box.bodies()
    history = json.loads(run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                                      "--format", "json", cwd=tmp_path).stdout)
    first, again = history["captures"][0], history["captures"][-1]
    assert f"version 1 as last seen (capture {first['capture_id']}): captured {first['fetched_at']}" in gone, gone
    assert (f"this capture ({again['capture_id']}), the text of version 1: captured {again['fetched_at']}"
            in back), back
    assert not [ln for ln in back.splitlines() if ln.startswith("version 1: captured")], back



def test_an_article_moved_to_a_new_address_with_its_text_is_no_event_and_history_and_list_name_the_address(
        site, tmp_path):
    """The site renamed the article's slug and redirects the old URL to the new one, the same text: the watch
    rightly told nothing, but nothing anywhere said the article lives at another address now (history's lines and
    list's showed the old URL alone), so the list kept the old URL for ever and the user never learnt the new
    one. Now history marks each such capture '(moved to URL)' and list says 'moved to URL'."""
    news = site.host(HOST, address="127.0.50.23")
    news.route("/city/bridge", lambda req: Response(301, body="", headers=[("Location", "/city/bridge-closed")])
               if req.hit > 1 else Response(body=furniture_page(req.hit)))
    news.route("/city/bridge-closed", lambda req: Response(body=furniture_page(req.hit + 1)))
    news.route("/s/x7", Response(301, body="", headers=[("Location", "/city/tunnel")]))  # a short link, always
    news.route("/city/tunnel", lambda req: Response(body=furniture_page(req.hit).replace("bridge", "tunnel")))
    site.start()
    url, moved = news.url("/city/bridge"), news.url("/city/bridge-closed")
    with Webhook("ok", host="127.0.50.24") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        from sitekit import write_list
        write_list(watcher.list, [url, news.url("/s/x7")])
        assert [watcher.run()[0] for _ in range(3)] == [0, 0, 0]
        assert hook.received == [] and watcher.events() == []
    proc = run_archiver("history", url, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0 and lines[0] == f"{url}: 3 captures, 1 version", proc.stdout
    assert [ln.endswith(f"(moved to {moved})") for ln in lines[1:4]] == [False, True, True], proc.stdout
    short = run_archiver("history", news.url("/s/x7"), "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                         cwd=tmp_path)
    assert "3 captures, 1 version" in short.stdout and "moved to" not in short.stdout, short.stdout  # it always led there
    proc = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert f"; moved to {moved} (the latest capture was redirected there)" in proc.stdout, proc.stdout
    assert proc.stdout.count("moved to") == 1, proc.stdout



def test_an_article_told_gone_does_not_fail_every_later_cron_run(site, tmp_path):
    """An article deleted (404) is told gone once; but each later attempt at it (after its backoff, until
    --watch-max-age: up to 30 days) was a failed URL and made the run exit 1, so the README's cron line with
    '|| echo failed | logger' alerted again every day for a month per deleted article, for nothing new. Now a
    404/410 at an article already told gone is counted apart ('1 still gone') and is no failure for the exit
    status; a 404 at a URL not told gone, or a 503 at a gone one, still is."""
    from watchkit import gone_on

    news = site.host(HOST, address="127.0.50.25")
    news.route("/city/bridge", gone_on({2: 404, 3: 404, 4: 410, 5: 503}))
    site.start()
    with Webhook("ok", host="127.0.50.26") as hook:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        outs = [watcher.run() for _ in range(2)]
        assert [code for code, _ in outs] == [0, 1]  # the first 404: told gone
        told = watcher.args(same_time=True)[watcher.args(same_time=True).index("--now") + 1]
        code, out = _run_at(watcher, _plus_days(told, 1), tmp_path)  # still 404, a day later (after its backoff)
        assert site.hits[(HOST, "/city/bridge")] == 3, out
        assert code == 0 and "1 still gone (told before; not counted as a failure)" in out, out
        code, out = _run_at(watcher, _plus_days(told, 2), tmp_path)  # 410: still gone
        assert code == 0 and "still gone" in out, out
        code, out = _run_at(watcher, _plus_days(told, 3), tmp_path)  # 503: the site fails, which is news
        assert site.hits[(HOST, "/city/bridge")] == 5 and code == 1 and "still gone" not in out, out
        assert [m["archiver_kind"] for m in hook.received] == ["gone"], hook.received



def test_each_watch_run_in_a_cron_log_opens_with_its_time(site, tmp_path):
    """The README's cron line appends every run to watch.log: 'captured 200 URL', 'content changed (v1 -> v2): URL'
    and the summaries of 288 runs a day followed each other with no time anywhere (the plain log has none), so
    which run found an edit, or when a site began failing, could not be read from the log. Now a --watch run's
    first line names the time it started, its pid and, when --now sets the schedule's clock, that time too."""
    import re

    news = site.host(HOST, address="127.0.50.27")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)))
    site.start()
    watcher = Watcher(site, tmp_path, news.url("/city/bridge"))
    code, out = watcher.run()
    at = watcher.args(same_time=True)[watcher.args(same_time=True).index("--now") + 1]
    assert re.fullmatch(r"watch run \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(pid \d+; the schedule's clock set to "
                        + re.escape(at) + r" by --now / ARCHIVER_NOW\)", out.splitlines()[0]), out
    proc = run_archiver("run", watcher.list, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        *site.client_flags(), cwd=tmp_path, env={"ARCHIVER_WATCH": "1"})
    assert re.fullmatch(r"watch run \S+Z \(pid \d+\)", proc.stdout.splitlines()[0]), proc.stdout
    proc = run_archiver("run", watcher.list, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        *site.client_flags(), cwd=tmp_path, env={"ARCHIVER_WATCH": "1", "ARCHIVER_LOG_FORMAT": "json"})
    assert all(json.loads(line)["time"] for line in proc.stdout.splitlines()), proc.stdout  # json: a time each


def _plus_days(stamp: str, days: int) -> str:
    from datetime import datetime, timedelta

    from archiver.watch.clock import iso
    return iso(datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(days=days))


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])
