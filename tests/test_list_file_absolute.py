"""The list a seed came from is stored absolute, so ``archiver export --list-file`` finds it from any folder.

A real fetch of a loopback page (127.0.0.212) with a list named relative to the folder fetch runs
in (``seeds/news.txt``), then an export from another folder naming the same file: on main the
catalog kept ``seeds/news.txt``, the export resolved it from its own folder and found nothing
(exit 2). A catalog row kept relative by an older archiver is matched by the end of the path.
"""
from __future__ import annotations

import sqlite3
import zipfile

from sitekit import Response, run_archiver, write_list

HOST = "www.harbour-gazette.test"
PAGE = ("<html><head><title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>"
        + "".join(f"<p>The harbour ferry will run every {n} minutes from Monday, the operator said in a statement "
                  f"on Friday, after months of complaints about crowded boats at rush hour ({n}).</p>"
                  for n in (10, 12, 15, 20))
        + "</article></body></html>")


def test_export_finds_the_list_from_another_folder(site, tmp_path):
    news = site.host(HOST, address="127.0.0.212")
    news.route("/ferry", lambda req: Response(body=PAGE))
    site.start()
    fetched_in, elsewhere = tmp_path / "job", tmp_path / "elsewhere"
    (fetched_in / "seeds").mkdir(parents=True)
    elsewhere.mkdir()
    write_list(fetched_in / "seeds" / "news.txt", [news.url("/ferry")])
    warcs = tmp_path / "warcs"
    proc = run_archiver("fetch", "seeds/news.txt", "--warcs", warcs, "--delay", "0", "--progress", "never",
                        *site.client_flags(), cwd=fetched_in)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    db = warcs / "catalog.sqlite3"
    with sqlite3.connect(db) as conn:
        [(stored,)] = conn.execute("SELECT DISTINCT list_file FROM captures").fetchall()
    assert stored == str(fetched_in / "seeds" / "news.txt")

    def export(name: str, list_file: str):
        return run_archiver("export", "--wacz", elsewhere / name, "--warcs", warcs, "--list-file", list_file,
                            cwd=elsewhere)

    for name, given in (("relative.wacz", "../job/seeds/news.txt"), ("absolute.wacz", str(stored))):
        proc = export(name, given)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        with zipfile.ZipFile(elsewhere / name) as z:
            assert news.url("/ferry") in z.read("pages/pages.jsonl").decode()
    # a row an older archiver wrote (the path as fetch was given it) is found by the end of the path
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE captures SET list_file = 'seeds/news.txt'")
    proc = export("old.wacz", "../job/seeds/news.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = export("other.wacz", "../job/news.txt")  # another file: not matched
    assert proc.returncode == 2 and "full path" in proc.stderr, proc.stderr
