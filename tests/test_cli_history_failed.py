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
