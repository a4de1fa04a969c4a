"""ReplayWeb.page (Webrecorder's npm package, served from a local folder) loads an exported WACZ in headless Chromium.

It shows the archived article, and its page search, which reads the ``text`` of
``pages/pages.jsonl``, finds a word that is only in the clean text of one page,
and nothing for a word that is in every page's HTML but in no clean text (the
footer). Screenshots go to ``tests/output/replaywebpage/`` (printed; not in git).

Needs /usr/bin/chromium, npm (the package is installed once into
``~/.cache/archiver-tests/replaywebpage``, or ``$ARCHIVER_TEST_CACHE``) and the
playwright Python package (no browser download: it drives Debian's Chromium).
Nothing leaves the machine: Chromium resolves no name but localhost and 127.0.0.1.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from archivekit import Archive, fetch, news_site

CHROMIUM = "/usr/bin/chromium"
RWP_VERSION = "2.5.3"
OUTPUT = Path(__file__).resolve().parent / "output" / "replaywebpage"
# text of the element tree, shadow roots included (ReplayWeb.page renders into shadow DOM)
ALL_TEXT = ("() => { const w = n => { let t = ''; if (n.shadowRoot) t += w(n.shadowRoot); "
            "for (const c of n.childNodes) { t += c.nodeType === 3 ? c.textContent + ' ' : w(c); } return t; }; "
            "return w(document.body); }")


def replaywebpage() -> Path:
    """The installed package folder (installing it with npm the first time); skips when that cannot be done."""
    cache = Path(os.environ.get("ARCHIVER_TEST_CACHE", Path.home() / ".cache" / "archiver-tests")) / "replaywebpage"
    package = cache / "node_modules" / "replaywebpage"
    if (package / "ui.js").exists() and (package / "sw.js").exists():
        return package
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed (needed to install the replaywebpage package)")
    cache.mkdir(parents=True, exist_ok=True)
    # the registry here serves warcio (JS) 2.4.11 at most; wabac asks ^2.4.12; the embed files are pre-built
    (cache / "package.json").write_text(json.dumps({
        "name": "archiver-replay-test", "private": True,
        "dependencies": {"replaywebpage": RWP_VERSION}, "overrides": {"warcio": "2.4.11"}}))
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=cache,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0 or not (package / "ui.js").exists():
        pytest.skip(f"npm could not install replaywebpage@{RWP_VERSION}: {done.stderr[-500:]}")
    return package


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    package = replaywebpage()
    root = tmp_path_factory.mktemp("rwp")
    site, urls = news_site(root)
    archive = Archive(root, site, urls)
    try:
        fetch(archive, "news.txt", [urls["otters"], urls["post"], urls["old-bridge"]])
        assert archive.extract().returncode == 0
        folder = root / "serve"
        (folder / "replay").mkdir(parents=True)
        made = archive.run("export", "--wacz", str(folder / "news.wacz"), "--clean", str(archive.clean))
        assert made.returncode == 0, made.stdout + made.stderr
    finally:
        site.stop()  # from here on, only the WACZ can answer
    shutil.copy(package / "ui.js", folder / "ui.js")
    shutil.copy(package / "sw.js", folder / "replay" / "sw.js")
    embed = ('<!doctype html><html><head><meta charset="utf-8"><script src="./ui.js"></script></head>'
             '<body style="margin:0"><replay-web-page style="display:block;height:720px" source="./news.wacz" '
             'replayBase="./replay/" {}></replay-web-page></body></html>')
    (folder / "article.html").write_text(embed.format(f'url="{urls["otters"]}" embed="replayonly"'))
    (folder / "pages.html").write_text(embed.format('view="pages"'))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    print(f"\nReplayWeb.page screenshots: {OUTPUT}")
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"])
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}", urls
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def test_archived_article_is_on_the_screen(served):
    browser, base, urls = served
    page = browser.new_page(viewport={"width": 1000, "height": 750})
    page.goto(f"{base}/article.html")
    shown = ""
    for second in range(1, 181):  # a busy machine: the service worker, the WACZ and the frame take their time
        page.wait_for_timeout(1000)
        if second % 45 == 0 and not shown:
            # ReplayWeb.page's known first-registration race (webrecorder/replayweb.page#412): the frame can
            # load before the new service worker controls it and is then not retried; a reload is the remedy
            page.reload()
        frames = [f for f in page.frames if f.url.endswith(urls["otters"])]
        try:
            shown = frames[0].evaluate("document.body ? document.body.innerText : ''") if frames else ""
        except Exception:
            continue  # the frame navigated meanwhile
        if "Zanzibarian otters were counted by volunteers." in shown:
            break
    page.screenshot(path=str(OUTPUT / "article.png"))
    assert "Zanzibarian otters were counted by volunteers." in shown, (shown[:500], [f.url for f in page.frames])
    assert "Otters return to the river" in shown


def test_page_search_finds_the_clean_text(served):
    browser, base, _urls = served
    page = browser.new_page(viewport={"width": 1000, "height": 750})
    page.goto(f"{base}/pages.html")
    frame, box = None, None
    for second in range(1, 181):
        page.wait_for_timeout(1000)
        if second % 45 == 0 and frame is None:
            page.reload()  # the first-registration race, as above (replayweb.page#412)
        for f in page.frames:
            try:
                found = f.locator('input[placeholder^="Search by Page"]')
                if found.count():
                    frame, box = f, found.first
            except Exception:
                continue
        if frame is not None and "3 pages" in " ".join(frame.evaluate(ALL_TEXT).split()):
            break
    assert frame is not None and box is not None, "ReplayWeb.page's page list never showed"

    def results(query: str) -> str:
        box.fill(query)
        text = ""
        for _ in range(60):
            page.wait_for_timeout(1000)
            text = " ".join(frame.evaluate(ALL_TEXT).split())
            counts = re.findall(r"\b\d+ pages?\b", text)
            if counts and counts[-1] != "3 pages":  # the list of all three pages has given way to the results
                break
        return text

    # "Quokkaesque" is in the clean text of the blog post only
    text = results("quokkaesque")
    page.screenshot(path=str(OUTPUT / "search.png"))
    assert re.findall(r"\b\d+ pages?\b", text)[-1] == "1 page", text[-500:]
    assert "A blog post about ferries" in text and "Otters return to the river" not in text
    assert "quokkaesque ferries" in text.lower()  # the snippet comes from pages.jsonl's clean text
    # "Copyright" is in every page's HTML (the footer) but in no clean text: the search reads the clean text
    text = results("copyright")
    page.screenshot(path=str(OUTPUT / "search-boilerplate.png"))
    assert re.findall(r"\b\d+ pages?\b", text)[-1] == "0 pages", text[-500:]
