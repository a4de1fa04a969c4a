"""``archiver history URL --new-only`` finds the captures of ``URL/`` or of the URL without its scheme as
those of ``URL`` (the spellings history accepts), but kept its "already reported" mark per spelling as
typed: the same change was reported as new, exit 1, once per spelling (session 21, helper newuser2,
found as a new user typing the URL with a trailing slash the second time).

Real parts: a loopback news server (sitekit) on 127.0.6.12, ``archiver run`` and ``archiver history``
as subprocesses, the real catalog and clean files.
"""
from __future__ import annotations

from sitekit import Response, run_archiver, write_list
from watchkit import furniture_page

HOST = "www.spelling-gazette.test"


def test_a_change_reported_once_is_not_new_again_under_another_spelling(site, tmp_path):
    news = site.host(HOST, address="127.0.6.12")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    url = news.url("/city/bridge")
    urls = write_list(tmp_path / "urls.txt", [url])
    common = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--jobs", "1",
              "--progress", "never", *site.client_flags())
    for extra in ((), ("--refresh",)):
        proc = run_archiver("run", urls, *extra, *common, cwd=tmp_path, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def history(spelling: str):
        return run_archiver("history", spelling, "--new-only", "--warcs", tmp_path / "warcs", "--clean",
                            tmp_path / "clean", cwd=tmp_path)

    first = history(url)
    assert first.returncode == 1 and "content replaced" in first.stdout, first.stdout + first.stderr
    for spelling in (url + "/", url.split("://", 1)[1], url):
        again = history(spelling)
        assert again.returncode == 0 and "content replaced" not in again.stdout, (spelling, again.stdout,
                                                                                   again.stderr)
        assert "2 captures, 2 versions" in again.stdout, again.stdout
        assert again.stdout.startswith(f"{url}: "), again.stdout  # the URL as archived heads it, not as typed
