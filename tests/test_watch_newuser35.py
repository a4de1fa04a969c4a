"""A new user's walk through the watch (nu35): a wall captured in the article's place, read alike everywhere.

Real parts: loopback news servers (sitekit) on 127.0.52.x, ``archiver run --watch`` as a subprocess on a set
clock (watchkit.Watcher), watchkit's JSON webhook receiver, ``archiver history``/``list``/``report`` as
subprocesses on the catalog and clean files the watch wrote.
"""
from __future__ import annotations

import json

from sitekit import Response, run_archiver
from watchkit import PARAS, TITLE, Watcher, Webhook, consent_page, furniture_page

HOST = "www.harbour-gazette.test"


def paywall_page() -> str:
    """The article's title and first paragraph, then a subscription offer: what a metered paywall serves."""
    return f"""<!DOCTYPE html><html><head><title>{TITLE} | Harbour Gazette</title></head><body><main><article>
<h1>{TITLE}</h1><p class="byline">By Anna Meier</p><div class="article-body"><p>{PARAS[0]}</p>
<p>You have reached your limit of free articles this month. Subscribe today for unlimited access to every story
for one euro a week, cancel at any time. Already a subscriber? Log in to keep reading.</p></div></article></main>
<footer><p>Harbour Gazette 2026</p></footer></body></html>"""


def test_a_paywall_and_a_consent_page_in_the_articles_place_are_no_versions_in_history(site, tmp_path):
    """The watch judged a paywall and a consent page captured at the article's URL 'not the article' and told no
    one, but 'archiver history' listed them as v2 and v3 (and the article again as v4, 'the text of v1 again'),
    exited 1, and 'history --new-only' exited 1 for them: a cron job alerting on it was paged for a wall. Now
    history marks them 'not the article' without a version, as the watch judged them; a real edit after them is
    v2 and --new-only reports it once."""
    answers = {2: paywall_page(), 3: consent_page()}
    news = site.host(HOST, address="127.0.52.11")
    news.route("/city/bridge", lambda req: Response(body=answers.get(req.hit) or
                                                    furniture_page(req.hit, edited=req.hit > 4)))
    site.start()
    url = news.url("/city/bridge")
    folders = ["--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean"]
    with Webhook("ok", host="127.0.52.12") as hook:
        watcher = Watcher(site, tmp_path, url, hook.url())
        codes = [watcher.run()[0] for _ in range(3)]
        listed = run_archiver("list", url, "--warcs", tmp_path / "warcs", cwd=tmp_path)
        assert TITLE in listed.stdout and "Before you continue" not in listed.stdout, listed.stdout
        codes.append(watcher.run()[0])
        assert codes == [0, 0, 0, 0] and hook.received == [], (codes, hook.received)
        assert watcher.verdicts() == ["first", "not-article", "not-article", "same"]
        proc = run_archiver("history", url, *folders, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr  # no edit: a wall is no version of the article
        lines = proc.stdout.splitlines()
        assert lines[0] == f"{url}: 4 captures, 1 version", proc.stdout
        walls = [ln for ln in lines if "not the article (a paywall, login or consent page" in ln]
        assert len(walls) == 2 and all(ln.lstrip().startswith("-") for ln in walls), proc.stdout
        assert "v2" not in proc.stdout and "again" not in proc.stdout, proc.stdout
        summary = json.loads(run_archiver("history", url, *folders, "--format", "json", cwd=tmp_path).stdout)
        assert [bool(c["not_article"]) for c in summary["captures"]] == [False, True, True, False], summary
        assert [c["version"] for c in summary["captures"]] == [1, None, None, 1], summary
        new_only = [*folders, "--new-only"]
        proc = run_archiver("history", url, *new_only, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        site_out = tmp_path / "site"
        proc = run_archiver("report", "--output", site_out, *folders, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        [page] = [p for p in site_out.glob("*.html") if p.name != "index.html"]
        html = page.read_text()
        assert "1 version," in html and "not the article" in html, html

        assert watcher.run()[0] == 1  # a real edit after the walls: v2, told once
        assert [m["archiver_kind"] for m in hook.received] == ["edit"], hook.received
        assert "version 2" in hook.received[0]["message"], hook.received[0]["message"]
    proc = run_archiver("history", url, *folders, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.splitlines()[0] == f"{url}: 5 captures, 2 versions", proc.stdout
    first, again = (run_archiver("history", url, *new_only, cwd=tmp_path) for _ in range(2))
    assert first.returncode == 1 and "[-three-]{+four+}" in first.stdout, first.stdout
    assert again.returncode == 0, again.stdout
