"""``pages/pages.jsonl`` of an exported WACZ lists HTML pages only, as the README says.

An imported wget crawl's ``robots.txt`` (text/plain) was extracted as text and so listed as a page:
ReplayWeb.page showed it among the articles and its search found the crawl rules.
"""
from __future__ import annotations

import json
import zipfile

from archivekit import article, http_response, paras, write_warc
from sitekit import run_archiver


def test_robots_and_feeds_are_not_pages(tmp_path):
    records = [http_response("http://news.example/story", article("Harbour story", paras("harbour"))),
               http_response("http://news.example/robots.txt", "User-agent: *\nDisallow: /private/\n" * 20,
                             content_type="text/plain"),
               http_response("http://news.example/feed.xml", "<rss><channel><item><title>Harbour story</title>"
                             "<description>" + "A long line of feed text. " * 20 + "</description></item>"
                             "</channel></rss>", content_type="application/rss+xml")]
    warc = write_warc(tmp_path / "crawl.warc.gz", records)
    flags = ["--warcs", str(tmp_path / "warcs"), "--clean", str(tmp_path / "clean")]
    done = run_archiver("extract", str(warc), *flags, "--progress", "never", "--jobs", "1", cwd=tmp_path, timeout=600)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    target = tmp_path / "out.wacz"
    proc = run_archiver("export", "--wacz", str(target), *flags, cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(target) as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines() if line][1:]
    assert [p["url"] for p in pages] == ["http://news.example/story"]
    assert "harbour" in pages[0]["text"].lower()
