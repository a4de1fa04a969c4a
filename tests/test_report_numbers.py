"""``archiver report`` numbers versions as ``archiver history`` lists them (and the watch's notifications do).

A loopback page served A, B, A (a stale copy served again) over three real ``archiver run
--watch`` runs: history lists v1, v2, v3 "(the text of v1 again)"; the report page said v1
for the third capture and counted 2 versions.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import lxml.html
from sitekit import Response, run_archiver, write_list
from watchkit import furniture_page

from archiver.watch.clock import iso

HOST = "www.harbour-gazette.test"


def test_report_pages_number_versions_as_history_does(site, tmp_path):
    news = site.host(HOST, address="127.0.0.210")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit == 2)))
    site.start()
    url = news.url("/city/bridge")
    urls = write_list(tmp_path / "urls.txt", [url])
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    dirs = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    for k in range(3):
        proc = run_archiver("run", urls, "--watch", "--now", iso(start + timedelta(minutes=16 * k)), *dirs,
                            "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags(),
                            cwd=tmp_path, timeout=300)
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    listing = run_archiver("history", url, *dirs, cwd=tmp_path).stdout.splitlines()
    assert [line.split()[0] for line in listing[1:4]] == ["v1", "v2", "v3"], listing
    out = tmp_path / "site"
    proc = run_archiver("report", "--output", out, *dirs, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 URL page, 3 versions, 1 content change " in proc.stdout, proc.stdout
    index = lxml.html.parse(str(out / "index.html")).getroot()
    [link] = index.xpath("//table//a/@href")
    assert index.xpath("//table//tr[td]/td[4]")[0].text_content() == "3"
    page = lxml.html.parse(str(out / link)).getroot()
    items = [li.text_content() for li in page.xpath("//ol[@class='timeline']/li")]
    assert "v1" in items[0] and "v2" in items[1], items
    assert "v3 (the text of v1 again)" in items[2], items
    heads = [h.text_content() for h in page.xpath("//section/h2")]
    assert heads == ["v1 \u2192 v2: content changed", "v2 \u2192 v3: the text of v1 again (not a new edit)"], heads
    assert "3 versions" in page.xpath("//h1/following-sibling::p[2]")[0].text_content()
