"""The watch and a text change made by archiver's extraction, not by the publisher (diff/refold.py).

Real parts: a loopback news page (furniture new on every hit) watched by ``archiver run --watch``
three times into one catalog: first by an "older archiver" whose app-promo rule took an article
paragraph (``test_history_extraction_only.older_archiver``), then twice by this one, the article
edited before the third capture. Notifications already left the second capture out; the watch's own
table still called it an ``edit`` (internal version 2, the real edit version 3), and the answer,
two pages extracted again, was worked out anew by every later watch run, history and report.
"""
from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

from sitekit import Response, run_archiver, write_list
from test_history_extraction_only import older_archiver
from watchkit import furniture_page

from archiver.catalog import Catalog
from archiver.watch.clock import iso

HOST = "www.harbour-gazette.test"


def test_the_extractions_change_is_stored_as_no_version_and_its_answer_kept(site, tmp_path):
    news = site.host(HOST, address="127.0.1.63")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit >= 3)))
    site.start()
    url = news.url("/city/bridge")
    urls = write_list(tmp_path / "urls.txt", [url])
    dirs = ("--warcs", tmp_path / "warcs", "--clean", tmp_path / "clean")
    flags = ("--watch", "--delay", "0", "--jobs", "1", "--progress", "never", *site.client_flags())
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    for k, env in enumerate(({"PYTHONPATH": str(older_archiver(tmp_path))}, None, None)):
        proc = run_archiver("run", urls, *dirs, *flags, "--now", iso(start + timedelta(minutes=16 * k)),
                            cwd=tmp_path, env=env, timeout=300)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    with Catalog(tmp_path / "warcs" / "catalog.sqlite3", readonly=True) as catalog:
        rows = [tuple(r) for r in catalog.conn.execute(
            "SELECT capture_id, verdict, version FROM watch_captures ORDER BY capture_id")]
        detail = catalog.conn.execute("SELECT detail FROM watch_captures WHERE capture_id = 2").fetchone()[0]
        # the watch's table says what history says: capture 2 is version 1 extracted anew, capture 3 version 2
        assert rows == [(1, "first", 1), (2, "quiet", 1), (3, "edit", 2)], rows
        assert "give the same text when extracted by this archiver" in detail, detail
        kept = [tuple(r) for r in catalog.conn.execute("SELECT older, newer, reason IS NOT NULL FROM refolds")]
    assert kept == [(1, 2, 1)], kept

    # the answer is read from the catalog: with the WARC files gone it can no longer be worked out
    shutil.move(tmp_path / "warcs", tmp_path / "warcs-away")
    (tmp_path / "warcs").mkdir()
    shutil.copy(tmp_path / "warcs-away" / "catalog.sqlite3", tmp_path / "warcs" / "catalog.sqlite3")
    lines = run_archiver("history", url, *dirs, cwd=tmp_path).stdout.splitlines()
    assert lines[0].endswith(": 3 captures, 2 versions (1 text change by the extraction only, "
                             "folded into the version before)"), lines
