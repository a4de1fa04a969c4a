"""A new user's walk through the README on a fresh machine (nu45): fetch, extract, diff, search, watch and export
over pages that change between runs, with a plain `archiver run` (no --watch) now and then between the cron job's
watch runs.

Real parts: a loopback news server (sitekit) on 127.0.45.x, ``archiver run`` as a subprocess on a set clock, real
WARCs and catalog.
"""
from __future__ import annotations

import http.server
import threading

from sitekit import Response, run_archiver
from watchkit import Watcher, furniture_page

HOST = "www.harbour-gazette.test"


def test_an_article_first_told_gone_is_not_also_still_gone_told_before(site, tmp_path):
    """An article no longer checked (past --watch-max-age), deleted (404) since, its 404 met by a plain `archiver
    run --refresh`; a watch run with a longer --watch-max-age takes it up again, meets the 404 once more and tells
    it gone ('gone: the page answers HTTP 404', '1 gone (HTTP 404)'), and its summary also said '1 still gone (told
    before; not counted as a failure)' of that same article, told for the first time by that very run: the gone
    event just made was taken for an earlier run's. Now that run says only '1 gone', and the next '1 still gone
    (told before ...)', exit 0."""
    news = site.host(HOST, address="127.0.45.11")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)) if req.hit <= 2
               else Response(status=404, body="<html><body><h1>Not found</h1></body></html>"))
    site.start()
    url = news.url("/city/bridge")
    watcher = Watcher(site, tmp_path, url)
    assert watcher.run()[0] == 0
    stopped = run_archiver(*watcher.args(), "--watch-max-age", "5m", cwd=tmp_path, timeout=300)
    assert "not checked again" in stopped.stdout, stopped.stdout + stopped.stderr
    plain = run_archiver("run", watcher.list, "--refresh", "--warcs", tmp_path / "warcs", "--clean",
                         tmp_path / "clean", "--delay", "0", "--retries", "0", "--jobs", "1", "--progress", "never",
                         *site.client_flags(), cwd=tmp_path)
    assert plain.returncode == 1 and "HTTP 404" in plain.stdout, plain.stdout + plain.stderr
    code, out = watcher.run()
    assert "0 captured" in out and "1 failed" in out, out  # taken up again: the watch run met the 404 too
    assert code == 1 and "1 gone (HTTP 404)" in out, out
    assert "still gone" not in out, out
    code, out = watcher.run()
    assert "1 failed" in out, out
    assert code == 0 and "1 still gone (told before" in out and " gone (HTTP 404)" not in out, out


def test_a_receivers_error_page_title_is_quoted_once(site, tmp_path):
    """A --notify webhook pointed at a server that takes no POST (Python's own http.server, the loopback server a
    new user tries first) answers 501 with its standard error page, whose <title> its <h1> repeats: the failure
    line read '(the receiver answered: Error response Error response Error code: 501 ...)'; nginx's pages read
    '502 Bad Gateway 502 Bad Gateway nginx' alike. The title is now said once."""
    news = site.host(HOST, address="127.0.45.12")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()

    class NoPost(http.server.BaseHTTPRequestHandler):  # no do_POST: http.server's own 501 error page
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.45.13", 0), NoPost)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), f"json://127.0.45.13:{server.server_address[1]}/hook")
        watcher.run()
        code, out = watcher.run()  # the edit: its message is refused
    finally:
        server.shutdown()
        server.server_close()
    [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
    assert code == 1 and "error=501" in failed, out
    assert "(the receiver answered: Error response Error code: 501 Message: Unsupported method ('POST')." in failed, \
        failed
