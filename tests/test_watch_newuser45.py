"""A new user's walk through the README on a fresh machine (nu45): fetch, extract, diff, search, watch and export
over pages that change between runs, with a plain `archiver run` (no --watch) now and then between the cron job's
watch runs.

Real parts: a loopback news server (sitekit) on 127.0.45.x, ``archiver run`` as a subprocess on a set clock, real
WARCs and catalog.
"""
from __future__ import annotations

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
