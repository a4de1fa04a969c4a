"""An article taken down by redirecting its URL to the site's front page, then back: ``archiver history`` and
the timeline tell a gone spell, not the front page as new versions of the article. Before, history listed the
front page's text as v2 and v3 with "content replaced" diffs of the whole article (4 captures, 4 versions),
while the watch had told the same captures as one ``gone`` event."""
from __future__ import annotations

import json

import lxml.html
from sitekit import Response, redirect, run_archiver
from watchkit import Watcher, furniture_page

HOST = "www.quay-courier.test"


def front_page(n: int) -> str:
    items = "".join(f"<li><a href='/story/{i}'><h2>Story {i} on the quay today</h2></a><p>A teaser for story {i}, "
                    "one sentence about the ferries and the fish market.</p></li>" for i in range(n, n + 10))
    return (f"<!DOCTYPE html><html><head><title>Quay Courier</title></head><body><main><h1>Latest</h1><ul>{items}"
            "</ul></main></body></html>")


def _history(tmp_path, url: str, *args: str):
    return run_archiver("history", url, *args, "--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean",
                        cwd=tmp_path)


def test_a_redirect_to_the_front_page_is_a_gone_spell_in_history_and_timeline(site, tmp_path):
    news = site.host(HOST, address="127.0.13.201")
    sent_away = {2: 301, 3: 302}

    def article(req):
        if req.hit in sent_away:
            return redirect("/", sent_away[req.hit])
        return Response(body=furniture_page(req.hit))

    news.route("/harbour/bridge-vote", article)
    news.route("/", lambda req: Response(body=front_page(req.hit)))
    site.start()
    url = news.url("/harbour/bridge-vote")
    watcher = Watcher(site, tmp_path, url)
    for _ in range(4):
        watcher.run()

    text = _history(tmp_path, url)
    assert text.returncode == 0, text.stdout + text.stderr
    out = text.stdout
    assert "4 captures, 1 version" in out, out
    assert "content-changed" not in out and "Story 3 on the quay" not in out, out
    assert "gone capture 2" in out and f"a redirect to the site's front page {news.url('/')}" in out, out
    assert "2 attempts" in out and "back capture 4" in out, out
    lines = out.splitlines()
    assert [ln.split()[0] for ln in lines[1:5]] == ["v1", "gone", "back", "v1"], out

    held = json.loads(_history(tmp_path, url, "--format", "json").stdout)
    [spell] = held["gone"]
    assert spell["front_page"] == news.url("/") and spell["attempts"] == 2 and spell["back_capture_id"] == 4
    assert [c["version"] for c in held["captures"]] == [1, None, None, 1]
    assert [c["front_page"] for c in held["captures"]][1:3] == [news.url("/")] * 2

    made = run_archiver("report", "--output", tmp_path / "out", "--warcs", tmp_path / "warcs", "--clean",
                        tmp_path / "clean", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    index = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    [link] = index.xpath("//table//tr[td]//a/@href")
    page = lxml.html.parse(str(tmp_path / "out" / link)).getroot()
    items = page.xpath("//ol[@class='timeline']/li")
    badges = [[" ".join(b.text_content().split()) for b in li.xpath(".//span[contains(@class, 'badge')]")]
              for li in items]
    assert badges[1] == ["article gone"] and badges[2] == ["article gone"], badges
    assert "back after being gone" in badges[3], badges
    metas = [" ".join(li.xpath(".//div[@class='meta']")[0].text_content().split()) for li in items]
    assert "redirect to the site's front page" in metas[1] and "taken down" in metas[1], metas[1]
    assert "redirect to the site's front page" in metas[3], metas[3]


def test_a_url_that_always_led_to_the_front_page_keeps_its_versions(site, tmp_path):
    """Nothing was ever captured of an article there (the list named a removed story): no gone spell, the
    captures are versions as before (a gone spell needs an article captured first)."""
    news = site.host(HOST, address="127.0.13.202")
    news.route("/harbour/old-story", lambda req: redirect("/", 301))
    news.route("/", lambda req: Response(body=front_page(req.hit)))
    site.start()
    url = news.url("/harbour/old-story")
    watcher = Watcher(site, tmp_path, url)
    for _ in range(2):
        watcher.run()
    held = json.loads(_history(tmp_path, url, "--format", "json").stdout)
    assert held["gone"] == [], held["gone"]
    assert [c["version"] for c in held["captures"]] == [1, 2], held["captures"]
