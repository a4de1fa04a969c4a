"""``archiver report``'s index for a watched article deleted since its captures.

The index's "last capture" was the newest attempt, a 404 included, and its "captures" counted
failed attempts (the report said 3 captures where ``archiver list`` said 2, and nothing said
the article was gone). Now both count what holds the page, as ``list`` does, and the latest
failed attempt is said under the last capture's time.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import lxml.html
from sitekit import Response, Site, run_archiver, write_list
from watchkit import furniture_page

from archiver.watch.clock import iso


def test_index_counts_captures_as_list_does_and_says_the_article_is_gone(tmp_path):
    with Site(tmp_path / "site") as site:
        news = site.host("www.harbour-gazette.test")
        news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit)) if req.hit <= 2
                   else Response(404, body="<html><body><p>Not found</p></body></html>"))
        site.start()
        url = news.url("/city/bridge")
        urls = write_list(tmp_path / "urls.txt", [url])
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
        for k in range(3):
            proc = run_archiver("run", urls, "--watch", "--now", iso(start + timedelta(minutes=16 * k)),
                                "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags(),
                                cwd=tmp_path, timeout=300)
            assert proc.returncode in (0, 1), proc.stdout + proc.stderr

    listed = run_archiver("list", url, cwd=tmp_path)
    assert listed.stdout.startswith("failed    2 captures"), listed.stdout
    made = run_archiver("report", "--output", tmp_path / "out", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    index = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    [row] = index.xpath("//table//tr[td]")
    last, captures = (" ".join(td.text_content().split()) for td in row.xpath("td")[1:3])
    assert captures == "2"
    assert "latest attempt failed: HTTP 404" in last, last
    held = run_archiver("history", url, "--format", "json", cwd=tmp_path)
    second = json.loads(held.stdout)["captures"][1]["fetched_at"]
    assert last.startswith(second), (last, second)
