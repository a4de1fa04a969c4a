"""``archiver report --output DIR``: the timeline site, opened in headless Chromium and checked against pywb.

The archive is made for real: a loopback news page captured by three ``archiver run
--watch`` runs (the article is edited before the third), one of its paragraphs
holding ``<script>`` as text.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import lxml.html
import pytest
from sitekit import Response, run_archiver, write_list
from warckit import pywb_replay, warc_files
from watchkit import furniture_page

from archiver.warc_read import read_record
from archiver.watch.clock import iso

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOST = "www.harbour-gazette.test"
HOSTILE = ("<p>The council's web page showed the code &lt;script&gt;document.title='PWNED'&lt;/script&gt; "
           "instead of the agenda for most of the afternoon, a spokesman said.</p>")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    from sitekit import Site

    tmp = tmp_path_factory.mktemp("timeline")
    with Site(tmp / "site") as site:
        news = site.host(HOST)
        news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 2,
                                                                            extra=HOSTILE)))
        site.start()
        url = news.url("/city/bridge")
        urls = write_list(tmp / "urls.txt", [url])
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
        for k in range(3):
            proc = run_archiver("run", urls, "--watch", "--now", iso(start + timedelta(minutes=16 * k)),
                                "--warcs", tmp / "warcs", "--clean", tmp / "clean", "--delay", "0", "--jobs", "1",
                                "--progress", "never", *site.client_flags(), cwd=tmp, timeout=300)
            assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return tmp, url


def make_site(tmp: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    proc = run_archiver("report", "--output", out, "--warcs", tmp / "warcs", "--clean", tmp / "clean", *extra,
                        cwd=tmp)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def url_page(out: Path) -> Path:
    index = lxml.html.parse(str(out / "index.html")).getroot()
    [link] = index.xpath("//table//a/@href")
    return out / link


def test_site_lists_the_url_and_its_timeline_with_warc_records(archive, tmp_path):
    tmp, url = archive
    out = tmp_path / "site"
    proc = make_site(tmp, out)
    assert "1 URL page, 2 versions, 1 content change " in proc.stdout
    index = lxml.html.parse(str(out / "index.html")).getroot()
    row = index.xpath("//table//tr[td]")[0].text_content()
    assert url in row and "Council votes" in row
    page = lxml.html.parse(str(url_page(out))).getroot()
    items = page.xpath("//ol[@class='timeline']/li")
    assert [li.get("class") for li in items] == ["v-first", "v-same", "v-edit"]
    assert page.xpath("//script") == []
    # each capture links to its WARC record: the file exists and the offset holds this URL's response
    for li in items:
        [href] = li.xpath(".//a[starts-with(., 'archiver-')]/@href")
        label = li.xpath(".//a[starts-with(., 'archiver-')]")[0].text_content()
        warc = (url_page(out).parent / href).resolve()
        record, _ = read_record(warc, int(label.split("@")[1]))
        assert record.rec_headers.get_header("WARC-Target-URI") == url
    added = [s.text_content() for s in page.xpath("//div[@class='text']//span[@class='add']")]
    assert any("four" in a for a in added) and any("61" in a for a in added)


def test_replay_links_open_each_capture_in_pywb(archive, tmp_path):
    tmp, url = archive
    with pywb_replay(warc_files(tmp / "warcs"), tmp_path / "pywb") as id_prefix:
        collection = id_prefix.rsplit("/id_/", 1)[0]
        out = tmp_path / "site"
        make_site(tmp, out, "--replay-url", collection)
        page = lxml.html.parse(str(url_page(out))).getroot()
        links = page.xpath("//ol[@class='timeline']/li//a[.='replay']/@href")
        assert len(links) == 3 and all(link.startswith(collection + "/") and link.endswith(url) for link in links)
        with httpx.Client(timeout=60, trust_env=False) as client:
            bodies = []
            for link in links:
                stamp, _, target = link[len(collection) + 1:].partition("/")
                resp = client.get(f"{collection}/{stamp}id_/{target}")  # id_: the archived bytes, unrewritten
                assert resp.status_code == 200
                bodies.append(resp.text)
    assert "three years" in bodies[0] and "three years" in bodies[1] and "four years" in bodies[2]


def chromium(*args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        proc = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--virtual-time-budget=3000", "--hide-scrollbars", *args],
            capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_chromium_shows_versions_and_the_highlighted_change_and_runs_no_script(archive, tmp_path):
    from PIL import Image

    tmp, url = archive
    out = tmp_path / "site"
    make_site(tmp, out)
    page = url_page(out)
    dom = chromium("--dump-dom", page.as_uri()).stdout
    assert "<title>Council votes to close harbour bridge to cars: timeline</title>" in dom  # not PWNED
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # the page's <script> is text
    assert "<script" not in dom
    assert "first version" in dom and "content changed" in dom and "v1 → v2" in dom
    assert '<span class="add" title="content replaced">four</span>' in dom

    shot = tmp_path / "timeline.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri())
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    counts = {rgb: n for n, rgb in colours}
    assert counts.get((212, 247, 212), 0) > 100  # the added words' green highlight is painted
    assert counts.get((176, 0, 32), 0) > 20      # the red marks of the first version and the edit on the timeline


def test_named_urls_are_found_as_history_finds_them_and_unknown_ones_are_said(archive, tmp_path):
    """'archiver report --output DIR URL' with a URL the catalog does not hold wrote an empty site and
    exited 0, and a trailing slash (which 'archiver history' accepts) made the URL unknown."""
    tmp, url = archive
    base = ["report", "--warcs", tmp / "warcs", "--clean", tmp / "clean"]
    slash = run_archiver(*base, "--output", tmp_path / "a", url + "/", cwd=tmp)
    assert slash.returncode == 0, slash.stdout + slash.stderr
    assert "1 URL page, 2 versions" in slash.stdout
    stray = f"https://{HOST}/never/archived"
    mixed = run_archiver(*base, "--output", tmp_path / "b", url, stray, cwd=tmp)
    assert mixed.returncode == 1, mixed.stdout + mixed.stderr
    assert f"left out: no captures of {stray}" in mixed.stderr and "1 URL page," in mixed.stdout
    none = run_archiver(*base, "--output", tmp_path / "c", stray, cwd=tmp)
    assert none.returncode == 2 and f"no captures of {stray}" in none.stderr, none.stdout + none.stderr
    assert "Traceback" not in mixed.stderr + none.stderr and not (tmp_path / "c").exists()
