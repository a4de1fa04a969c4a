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
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert rows(db, "SELECT COUNT(*) FROM captures") == [(0,)]  # the folder alone holds nothing
    warning = [line for line in rebuilt.stdout.splitlines() if "warning" in line]
    assert len(warning) == 1, rebuilt.stdout
    assert "1 capture of 1 WARC file outside" in warning[0]
    assert warning[0].endswith(f"archiver reindex {crawl.resolve()}")

    # the remedy as printed: the captures come back, and nothing more is said
    again = run_archiver("reindex", str(crawl), "--warcs", warcs, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert rows(db, "SELECT url, warc_file FROM captures") == [(URL, str(crawl.resolve()))]
    assert "warning" not in again.stdout


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
