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
    assert "article gone since" in last and "HTTP 404" in last and "taken down" in last, last
    held = run_archiver("history", url, "--format", "json", cwd=tmp_path)
    second = json.loads(held.stdout)["captures"][1]["fetched_at"]
    assert last.startswith(second), (last, second)


def test_a_url_page_says_the_article_was_gone_and_when_it_came_back(site, tmp_path):
    """The article answers 404, then 410, then again (session 21, watch4). Before: the URL page's timeline
    labelled both answers 'capture failed' and nothing said the capture after them was the article back."""
    from watchkit import Watcher, gone_on

    news = site.host("www.harbour-gazette.test", address="127.0.5.65")
    news.route("/city/bridge", gone_on({2: 404, 3: 410}))
    site.start()
    url = news.url("/city/bridge")
    watcher = Watcher(site, tmp_path, url)
    for _ in range(4):
        watcher.run()
    made = run_archiver("report", "--output", tmp_path / "out", "--warcs", tmp_path / "warcs", "--clean",
                        tmp_path / "clean", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    index = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    [link] = index.xpath("//table//tr[td]//a/@href")
    page = lxml.html.parse(str(tmp_path / "out" / link)).getroot()
    items = page.xpath("//ol[@class='timeline']/li")
    badges = [[" ".join(b.text_content().split()) for b in li.xpath(".//span[contains(@class, 'badge')]")]
              for li in items]
    assert badges == [["first version"], ["article gone"], ["article gone"], ["same text", "back after being gone"]], \
        badges
    metas = [" ".join(li.xpath(".//div[@class='meta']")[0].text_content().split()) for li in items]
    held = json.loads(run_archiver("history", url, "--format", "json", "--warcs", tmp_path / "warcs", "--clean",
                                   tmp_path / "clean", cwd=tmp_path).stdout)
    back_at = held["gone"][0]["back_at"]
    gone_at = held["gone"][0]["at"]
    assert "HTTP 404" in metas[1] and "taken down or moved without a redirect" in metas[1], metas[1]
    assert f"back at {back_at}" in metas[1] and f"back at {back_at}" in metas[2], metas
    assert f"gone since {gone_at}" in metas[2] and "410" in metas[2], metas[2]
    assert f"the article answers again, gone since {gone_at}" in metas[3], metas[3]
    assert "capture failed" not in page.text_content()
    [row] = index.xpath("//table//tr[td]")
    last = " ".join(row.xpath("td")[1].text_content().split())
    assert f"back at {back_at} after being gone since {gone_at}" in last, last
