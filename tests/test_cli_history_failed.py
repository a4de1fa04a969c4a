"""``archiver history URL`` for a URL whose every attempt failed says how many failed and why,
not "no captures" as if it had never been tried."""
from __future__ import annotations

from pathlib import Path

from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list


def test_history_of_a_url_that_only_failed(site: Site, tmp_path: Path):
    host = site.host("www.example-news.test")
    host.route("/gone", Response(404, body=article("Not found", paras("Gone"))))
    host.route("/fine", Response(body=article("Fine", paras("Fine"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/gone"), host.url("/fine")])
    for _ in range(2):
        run_archiver("fetch", lst, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                     "--progress", "never", *site.client_flags(), cwd=tmp_path)
    done = run_archiver("history", host.url("/gone"), "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "2 attempts failed" in done.stderr, done.stderr
    assert "404" in done.stderr, done.stderr
    never = run_archiver("history", host.url("/never"), "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert never.returncode == 2 and "no captures of" in never.stderr and "failed" not in never.stderr, never.stderr


def test_a_url_typed_without_its_scheme_is_found(site: Site, tmp_path: Path):
    """'archiver history www.example-news.test/fine' (the URL as a browser's address bar shows it)
    answered 'no captures': normalising made it https:// and the page was archived over http.
    history and report now also try http:// for a URL given without a scheme."""
    host = site.host("www.example-news.test")
    host.route("/fine", Response(body=article("Fine", paras("Fine"))))
    host.route("/gone", Response(404, body=article("Not found", paras("Gone"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/fine"), host.url("/gone")])
    done = run_archiver("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--retries", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr  # the 404
    assert host.url("/fine").startswith("http://")
    bare = host.url("/fine").removeprefix("http://")
    history = run_archiver("history", bare, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                           cwd=tmp_path)
    assert history.returncode == 0 and "1 capture, 1 version" in history.stdout, history.stdout + history.stderr
    gone = run_archiver("history", host.url("/gone").removeprefix("http://"), "--warcs", tmp_path / "warcs",
                        cwd=tmp_path)
    assert gone.returncode == 2 and "1 attempt failed" in gone.stderr, gone.stderr
    report = run_archiver("report", "--output", tmp_path / "site", bare, "--warcs", tmp_path / "warcs",
                          "--clean", tmp_path / "clean", cwd=tmp_path)
    assert report.returncode == 0 and "1 URL page, 1 version," in report.stdout, report.stdout + report.stderr
