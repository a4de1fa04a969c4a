"""What "site learning rewrote N" counts (mend62, from nu57): captures, not pages.

nu57 saw ``site learning rewrote 5 pages`` on an archive of 3 URLs (three articles of one site sharing
paragraphs, fetched twice): site learning rewrites the text of every capture (version) of a page that still
holds the learned paragraphs, so the count was of captures. The line now says both: ``rewrote N captures of
M pages``. Real loopback site, ``archiver run`` twice, the real catalog.
"""
from __future__ import annotations

import re
import shutil

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, run_archiver, write_list

pytestmark = pytest.mark.skipif(shutil.which("wget") is None, reason="wget not installed")

SHARED = ["The Valley Courier is owned by its readers through the Valley Trust, founded in 1911.",
          "Letters to the editor go to the newsroom on Mill Street, open on weekdays until six.",
          "Our reporters follow the code of practice of the regional press council, updated yearly.",
          "Corrections appear on page two of the next print edition and at the foot of the story."]


def run(root, *args):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def test_site_learning_counts_captures_and_pages_on_two_runs(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("127.0.0.162")
    stories = {f"/story-{n}": article(f"Story {n}", paras(f"Story {n}", 4) + SHARED) for n in (1, 2, 3)}
    # on the first fetch story 3 lacks the shared paragraphs: two URLs hold them, too few to learn from
    first = dict(stories, **{"/story-3": article("Story 3", paras("Story 3", 4))})
    routes = {"/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain")}
    routes.update({path: Response(body=body) for path, body in first.items()})
    host.routes_from(routes)
    site.start()
    try:
        urls = [host.url(path) for path in stories]
        root = tmp_path / "a"
        root.mkdir()
        write_list(root / "urls.txt", urls)
        lines = []
        for again in ("--no-refresh", "--refresh"):
            if again == "--refresh":  # every story changes (a correction; story 3 gains the shared paragraphs)
                host.routes_from({path: Response(body=body.replace("</article>", f"<p>{paras('Fix', 1)[0]}</p></article>"))
                                  for path, body in stories.items()})
            done = run(root, "run", "urls.txt", again, "--clean", str(root / "clean"), "--progress", "never")
            assert done.returncode == 0, done.stdout + done.stderr
            lines.append(done.stdout)
    finally:
        site.stop()
    said = [re.search(r"site learning rewrote (\d+) captures? of (\d+) pages?", out) for out in lines]
    assert all(said), lines
    # the second run learns the shared paragraphs (now on 3 URLs) and rewrites every capture holding them:
    # both captures of stories 1 and 2, and story 3's new one: 5 captures (versions) of 3 pages
    assert [(int(m[1]), int(m[2])) for m in said] == [(0, 0), (5, 3)], lines
    assert "rewrote 5 pages" not in lines[1]
    db = root / "warcs" / "catalog.sqlite3"
    got = rows(db, "SELECT c.url, e.text_path FROM captures c JOIN extractions e ON e.capture_id = c.id "
                   "WHERE e.error IS NULL ORDER BY c.id")
    assert len(got) == 6 and len({url for url, _ in got}) == 3
    texts = [(root / "clean" / path).read_text(encoding="utf-8") for _, path in got]
    assert not any(SHARED[0] in text for text in texts)  # the 5 rewritten, and story 3's first that never had it
    assert all("Story" in text for text in texts)
