"""``archiver reindex`` and WARC files imported from outside the WARC folder.

The catalog names such a file by its absolute path; the folder does not hold it, so a
reindex that is not given it rebuilds a catalog without its captures. It did so without a
word (a user's imported wget crawl vanished from ``archiver list``); now the old catalog's
outside files are named with the command that keeps them, and naming them is quiet.
"""
from __future__ import annotations

from archivekit import http_response, rows, write_warc
from sitekit import run_archiver

URL = "http://www.example-news.test/outside-story"


def _outside_crawl(root):
    outside = root / "elsewhere"
    outside.mkdir()
    return write_warc(outside / "crawl.warc.gz", [http_response(URL, "<html><body><p>A story.</p></body></html>")])


def test_reindex_names_the_outside_files_it_leaves_out(tmp_path):
    warcs = tmp_path / "warcs"
    crawl = _outside_crawl(tmp_path)
    imported = run_archiver("import", str(crawl), "--warcs", warcs, cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    db = warcs / "catalog.sqlite3"
    assert rows(db, "SELECT warc_file FROM captures") == [(str(crawl.resolve()),)]

    rebuilt = run_archiver("reindex", "--warcs", warcs, cwd=tmp_path)
    assert rebuilt.returncode == 1, rebuilt.stdout + rebuilt.stderr  # (0 before 2026-12-06: captures lost, 'warning')
    assert "Traceback" not in rebuilt.stderr
    assert rows(db, "SELECT COUNT(*) FROM captures") == [(0,)]  # the folder alone holds nothing
    warning = [line for line in rebuilt.stdout.splitlines() if "incomplete (exit 1)" in line]
    assert len(warning) == 1, rebuilt.stdout
    assert "1 capture of 1 WARC file outside" in warning[0]
    assert warning[0].endswith(f"archiver reindex {crawl.resolve()}")

    # the remedy as printed: the captures come back, and nothing more is said
    again = run_archiver("reindex", str(crawl), "--warcs", warcs, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert rows(db, "SELECT url, warc_file FROM captures") == [(URL, str(crawl.resolve()))]
    assert "incomplete" not in again.stdout and "warning" not in again.stdout


def test_reindex_of_a_folder_only_archive_says_nothing_more(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    write_warc(warcs / "inside.warc.gz", [http_response(URL, "<html><body><p>A story.</p></body></html>")])
    imported = run_archiver("import", str(warcs / "inside.warc.gz"), "--warcs", warcs, cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    rebuilt = run_archiver("reindex", "--warcs", warcs, cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert rows(warcs / "catalog.sqlite3", "SELECT warc_file FROM captures") == [("inside.warc.gz",)]
    assert "warning" not in rebuilt.stdout


def test_reindex_names_a_wacz_imported_from_inside_the_folder_and_reads_it_when_named(tmp_path):
    """review4: a WACZ imported from inside the WARC folder is named by its bare name, like the folder's
    WARC files, and reindex reads only .warc and .warc.gz: its captures vanished without a word."""
    crawl = _outside_crawl(tmp_path)
    first = tmp_path / "first"
    assert run_archiver("import", str(crawl), "--warcs", first, cwd=tmp_path).returncode == 0
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    wacz = warcs / "story.wacz"
    exported = run_archiver("export", "--wacz", str(wacz), "--warcs", first, cwd=tmp_path, timeout=300)
    assert exported.returncode == 0 and wacz.is_file(), exported.stdout + exported.stderr
    imported = run_archiver("import", str(wacz), "--warcs", warcs, cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    db = warcs / "catalog.sqlite3"
    assert rows(db, "SELECT url, warc_file FROM captures") == [(URL, "story.wacz")]

    rebuilt = run_archiver("reindex", "--warcs", warcs, cwd=tmp_path)
    assert rebuilt.returncode == 1 and "Traceback" not in rebuilt.stderr, rebuilt.stdout + rebuilt.stderr
    assert rows(db, "SELECT COUNT(*) FROM captures") == [(0,)]
    warning = [line for line in rebuilt.stdout.splitlines() if "incomplete (exit 1)" in line]
    assert len(warning) == 1 and "1 capture of 1 file in" in warning[0], rebuilt.stdout
    assert "that reindex does not read" in warning[0] and "(story.wacz)" in warning[0], warning
    remedy = warning[0].split("name them: archiver ", 1)[1].split()
    assert remedy == ["reindex", str(wacz)], remedy

    again = run_archiver(*remedy, "--warcs", warcs, cwd=tmp_path)  # the remedy as printed
    assert again.returncode == 0, again.stdout + again.stderr
    assert rows(db, "SELECT url, warc_file FROM captures") == [(URL, "story.wacz")]
    assert "incomplete" not in again.stdout and "warning" not in again.stdout, again.stdout
