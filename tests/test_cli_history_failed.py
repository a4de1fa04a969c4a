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


def test_history_names_a_page_gone_after_its_capture(site: Site, tmp_path: Path):
    """An article captured once and then deleted (410 Gone on the next --refresh): history listed
    '1 capture, 1 version' and nothing else, so the deletion was invisible there (the report's index
    counted 2 captures for the same URL). It now names the failed attempts after the last capture,
    in text and in JSON, without changing the exit status."""
    import json

    from sitekit import sequence

    host = site.host("www.example-news.test")
    host.route("/storm", sequence(Response(body=article("Storm closes the quay", paras("Storm"))),
                                  Response(410, body=article("Gone", paras("Gone")))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [host.url("/storm")])
    flags = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--retries", "0",
             "--jobs", "1", "--progress", "never", *site.client_flags()]
    assert run_archiver("run", lst, *flags, cwd=tmp_path).returncode == 0
    assert run_archiver("run", lst, "--refresh", *flags, cwd=tmp_path).returncode == 1  # the 410
    where = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
    text = run_archiver("history", host.url("/storm"), *where, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "1 capture, 1 version" in text.stdout, text.stdout
    assert "1 attempt failed" in text.stdout and "HTTP 410 Gone" in text.stdout, text.stdout
    shown = run_archiver("history", host.url("/storm"), "--format", "json", *where, cwd=tmp_path)
    gone = json.loads(shown.stdout)["failed_since_last_capture"]
    assert gone["attempts"] == 1 and gone["http_status"] == 410 and gone["reason"] == "HTTP 410 Gone", gone
