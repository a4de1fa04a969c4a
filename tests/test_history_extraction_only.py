"""``archiver history`` folds a text change made by archiver's extraction, not by the publisher.

Real parts: a loopback news page (its furniture differs on every hit, so every capture is a
new payload) captured three times by ``archiver run --watch`` into one catalog: the first
time by an "older archiver" (a copy of this package whose app-promo rule was too broad and
took an article paragraph, as before a rule fix), then twice by this one; the article is
edited before the third capture. The second capture's text differs from the first only by
the paragraph the older rules dropped: on main history listed it as v2, a version of the
article.
"""
from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
from sitekit import ROOT, Response, run_archiver, write_list
from watchkit import furniture_page

from archiver.catalog import Catalog
from archiver.watch.clock import iso

HOST = "www.harbour-gazette.test"


def older_archiver(tmp: Path) -> Path:
    """A copy of the package whose app-promo rule was too broad (it took an article paragraph about
    who may still use the bridge); the folder for PYTHONPATH."""
    old = tmp / "old-archiver"
    shutil.copytree(ROOT / "archiver", old / "archiver", ignore=shutil.ignore_patterns("__pycache__"))
    path = old / "archiver" / "rules" / "generic.json"
    rules = json.loads(path.read_text(encoding="utf-8"))
    [rule] = [r for r in rules["paragraphs"] if r["name"] == "app-promo"]
    rule["pattern"] = r"\bstill be allowed to use\b"
    path.write_text(json.dumps(rules), encoding="utf-8")
    return old


def test_a_change_made_by_the_extraction_is_no_new_version(site, tmp_path):
    news = site.host(HOST, address="127.0.0.211")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit >= 3)))
    site.start()
    url = news.url("/city/bridge")
    urls = write_list(tmp_path / "urls.txt", [url])
    dirs = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    flags = ("--watch", "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags())
    old = {"PYTHONPATH": str(older_archiver(tmp_path))}
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    runs = []
    for k, env in enumerate((old, None, None)):
        runs.append(run_archiver("run", urls, *dirs, *flags, "--now", iso(start + timedelta(minutes=16 * k)),
                                 cwd=tmp_path, env=env, timeout=300))
        assert runs[-1].returncode in (0, 1), runs[-1].stdout + runs[-1].stderr
    # the watch notifies the edit alone, numbered as history lists it: no 'content changed' for capture 2
    assert [r.returncode for r in runs] == [0, 0, 1], [r.stdout for r in runs]
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3", readonly=True) as catalog:
        events = [tuple(r) for r in catalog.conn.execute("SELECT kind, capture_id, version FROM watch_events")]
    assert events == [("edit", 3, 2)], events
    texts = sorted((tmp_path / "clean").rglob(".versions/*/*.txt"))
    assert len(texts) == 3 and sum("still be allowed" in t.read_text() for t in texts) == 2  # not in the older rules' text

    proc = run_archiver("history", url, *dirs, cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[0].endswith(": 3 captures, 2 versions (1 text change by the extraction only, "
                             "folded into the version before)"), lines
    assert [line.split()[0] for line in lines[1:4]] == ["v1", "v1", "v2"], lines
    assert lines[2].endswith("(extraction changed only, not an edit)"), lines
    assert any("give the same text when extracted by this archiver" in line for line in lines), lines
    # the one step compares the edit with the text extracted as the edit was: the paragraph is no change
    assert proc.returncode == 1 and "four" in proc.stdout and "still be allowed" not in proc.stdout, proc.stdout

    data = json.loads(run_archiver("history", url, *dirs, "--format", "json", cwd=tmp_path).stdout)
    folded = [c for c in data["captures"] if c["extraction_only"]]
    assert [c["version"] for c in data["captures"]] == [1, 1, 2] and len(folded) == 1
    report = run_archiver("report", "--output", tmp_path / "site", *dirs, cwd=tmp_path)
    assert "1 URL page, 2 versions, 1 content change " in report.stdout, report.stdout + report.stderr
    [page] = (tmp_path / "site").glob("www.*.html")
    items = [li.text_content() for li in lxml.html.parse(str(page)).getroot().xpath("//ol/li")]
    assert "extraction changed only (not an edit) v1" in items[1] and "content changed v2" in items[2], items
