"""``archiver extract`` names the pages it extracted without article text.

Its summary said '(1 without article text)' and nothing more: on a walk with a paywalled page
among five, a new user could not tell which page it was without opening every clean file.
"""
from __future__ import annotations

from pathlib import Path

from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list

PAYWALL = """<!doctype html><html><head><title>Interest rates and your mortgage</title></head><body>
<main><article><h1>Interest rates and your mortgage</h1><p>Subscribe to continue reading.</p></article></main>
</body></html>"""


def test_a_page_without_article_text_is_named(site: Site, tmp_path: Path):
    news = site.host("www.example-news.test")
    news.route("/bridge", Response(body=article("Council votes to rebuild the bridge", paras("Bridge"))))
    news.route("/premium/rates", Response(body=PAYWALL))
    site.start()
    lst = write_list(tmp_path / "urls.txt", [news.url("/bridge"), news.url("/premium/rates")])
    done = run_archiver("run", lst, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean", "--delay", "0",
                        "--jobs", "1", "--progress", "never", *site.client_flags(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(1 without article text)" in done.stdout, done.stdout
    named = [line.strip() for line in done.stdout.splitlines() if "without article text:" in line]
    assert named == [f"without article text: {news.url('/premium/rates')}"], done.stdout
