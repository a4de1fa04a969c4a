"""``archiver list``: what the archive holds, one line per URL, with the latest attempt's outcome.

A new user coming from ArchiveBox (``archivebox list``) or changedetection.io (its watch list) had
no way to see what was archived without opening the SQLite catalog: ``archiver report`` writes a
site, ``history`` takes one URL already known. Before this command, ``archiver list`` was an
argparse error (exit 2).
"""
from __future__ import annotations

import json
from pathlib import Path

from archivekit import article, paras
from sitekit import Response, Site, run_archiver, sequence, write_list


def test_list_shows_every_url_with_its_latest_outcome(site: Site, tmp_path: Path):
    news = site.host("www.example-news.test")
    news.route("/bridge", Response(body=article("Council votes to rebuild the bridge", paras("Bridge"))))
    news.route("/storm", sequence(Response(body=article("Storm closes the quay", paras("Storm"))),
                                  Response(410, body=article("Gone", paras("Gone")))))
    news.route("/missing", Response(404, body=article("Not found", paras("Missing"))))
    other = site.host("blog.example-other.test")
    other.route("/post", Response(body=article("A post on another site", paras("Post"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [news.url("/bridge"), news.url("/storm"), news.url("/missing"),
                                             other.url("/post")])
    flags = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--retries", "0",
             "--jobs", "1", "--progress", "never", *site.client_flags()]
    assert run_archiver("run", lst, *flags, cwd=tmp_path).returncode == 1  # the 404
    assert run_archiver("run", lst, "--refresh", *flags, cwd=tmp_path).returncode == 1  # 404 and 410

    listed = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 4, listed.stdout
    by_url = {line.split()[4]: line for line in lines}
    assert by_url[news.url("/bridge")].startswith("captured  2 captures"), listed.stdout
    assert "Council votes to rebuild the bridge" in by_url[news.url("/bridge")]
    storm = by_url[news.url("/storm")]
    assert storm.startswith("failed    1 capture") and "HTTP 410 Gone (last captured" in storm, storm
    assert by_url[news.url("/missing")].startswith("failed    0 captures"), listed.stdout
    assert "list: 4 URLs: 2 captured, 2 failed at their latest attempt" in listed.stderr, listed.stderr

    shown = run_archiver("list", "--warcs", tmp_path / "warcs", "--format", "json", news.url("/storm"),
                         cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    (item,) = json.loads(shown.stdout)["urls"]
    assert item["url"] == news.url("/storm") and item["status"] == "failed" and item["http_status"] == 410
    assert item["attempts"] == 2 and item["captures"] == 1 and item["title"] == "Storm closes the quay"
    assert item["next_check"] is None  # never watched

    one_site = run_archiver("list", "--warcs", tmp_path / "warcs", "--host", "blog.example-other.test",
                            cwd=tmp_path)
    assert [line.split()[4] for line in one_site.stdout.splitlines()] == [other.url("/post")], one_site.stdout

    unknown = run_archiver("list", "--warcs", tmp_path / "warcs", news.url("/never"), cwd=tmp_path)
    assert unknown.returncode == 1 and "is not in" in unknown.stderr and not unknown.stdout, unknown.stderr

    # the report's last line named 'site//index.html' for a folder given as 'site/'
    report = run_archiver("report", "--output", "site/", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                          cwd=tmp_path)
    assert report.stdout.rstrip().endswith("-> site/index.html"), report.stdout + report.stderr


def test_list_shows_the_watch_schedule(site: Site, tmp_path: Path):
    news = site.host("www.example-news.test")
    news.route("/bridge", Response(body=article("Council votes to rebuild the bridge", paras("Bridge"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [news.url("/bridge")])
    done = run_archiver("run", lst, "--watch", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    shown = run_archiver("list", "--warcs", tmp_path / "warcs", "--format", "json", cwd=tmp_path)
    (item,) = json.loads(shown.stdout)["urls"]
    assert item["next_check"] and item["next_check"] > item["last_attempt"][:19], item
    text = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert f"watch: next check {item['next_check']}" in text.stdout, text.stdout


def test_a_url_deleted_from_the_list_is_no_longer_checked(site: Site, tmp_path: Path):
    """README: to stop watching a URL, delete its line from the list."""
    news = site.host("www.example-news.test")
    news.route("/bridge", Response(body=article("Council votes to rebuild the bridge", paras("Bridge"))))
    news.route("/storm", Response(body=article("Storm closes the quay", paras("Storm"))))
    site.start()
    flags = ["--watch", "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0", "--jobs", "1",
             "--progress", "never", *site.client_flags()]
    both = write_list(tmp_path / "urls.txt", [news.url("/bridge"), news.url("/storm")])
    assert run_archiver("run", both, *flags, cwd=tmp_path).returncode == 0
    one = write_list(tmp_path / "urls.txt", [news.url("/bridge")])
    later = run_archiver("run", one, "--now", "2099-01-01T00:00:00Z", "--watch-max-age", "36500d", *flags,
                         cwd=tmp_path)
    assert later.returncode == 0, later.stdout + later.stderr
    assert site.hits[("www.example-news.test", "/bridge")] == 2, later.stdout  # due, checked again
    assert site.hits[("www.example-news.test", "/storm")] == 1, later.stdout  # not in the list: left alone
    listed = run_archiver("list", "--warcs", tmp_path / "warcs", news.url("/storm"), cwd=tmp_path)
    assert listed.returncode == 0 and "captured  1 capture" in listed.stdout, listed.stdout


def test_times_of_other_tools_line_up_with_archivers_own(site: Site, tmp_path: Path):
    """A wget WARC's second-precision time (``2026-12-05T21:02:20Z``) was printed beside archiver's
    microsecond ones in the same column, so the URLs after it started 7 characters further left."""
    from archivekit import http_response, write_warc

    news = site.host("www.example-news.test")
    news.route("/bridge", Response(body=article("Council votes to rebuild the bridge", paras("Bridge"))))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [news.url("/bridge")])
    fetched = run_archiver("fetch", lst, "--warcs", tmp_path / "warcs", "--delay", "0", "--retries", "0",
                           "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    wget = write_warc(tmp_path / "wget.warc.gz", [http_response(
        "http://www.example-wget.test/quay", article("Storm closes the quay", paras("Storm")),
        date="2026-12-05T21:02:20Z")])
    imported = run_archiver("import", str(wget), "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr

    listed = run_archiver("list", "--warcs", tmp_path / "warcs", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 2, listed.stdout
    starts = {line.index("http://") for line in lines}
    assert len(starts) == 1, listed.stdout  # the URL column starts at one place
    times = {line.split()[3] for line in lines}
    assert "2026-12-05T21:02:20Z" in times, listed.stdout  # printed as the catalog holds it
    ours = (times - {"2026-12-05T21:02:20Z"}).pop()
    assert len(ours) > len("2026-12-05T21:02:20Z"), ours  # microseconds: not cut to the other's width
    as_json = json.loads(run_archiver("list", "--warcs", tmp_path / "warcs", "--format", "json",
                                      cwd=tmp_path).stdout)["urls"]
    assert {u["last_attempt"] for u in as_json} == times  # json: the catalog's times, unpadded
