"""After ``archiver reindex`` (nu51): ``list`` showed every URL without its title and ``history`` each capture
``not extracted`` under ``0 versions``, exit 0, and neither said why nor what to run (reindex had said it once, at
its end). Both now name the command: ``archiver extract``; after it, titles and versions are back. Loopback
127.0.51.36.
"""
from __future__ import annotations

from sitekit import Response, Site, run_archiver, write_list


def page(title: str, n: int) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><main><article><h1>{title}</h1>"
            f"<p>The harbour council met on Monday and agreed {n} changes to the ferry timetable for next year.</p>"
            "<p>Members said the plan would be published before the end of the month, after a public meeting.</p>"
            "</article></main></body></html>")


def test_list_and_history_after_reindex_say_what_to_run(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.reindex-record.test", address="127.0.51.36")
    news.route("/a", Response(body=page("Ferry timetable changes", 3)))
    with site:
        listing = write_list(tmp_path / "urls.txt", [news.url("/a")])
        proc = run_archiver("run", listing, "--delay", "0", "--jobs", "1", "--progress", "never",
                            *site.resolve_flags(), cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    (tmp_path / "warcs" / "catalog.sqlite3").unlink()
    proc = run_archiver("reindex", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    listed = run_archiver("list", cwd=tmp_path)
    assert "Ferry timetable changes" not in listed.stdout
    assert "list: 1 captured URL with captures not extracted yet" in listed.stderr, listed.stderr
    assert "'archiver extract'" in listed.stderr
    history = run_archiver("history", news.url("/a"), cwd=tmp_path)
    assert "0 versions" in history.stdout, history.stdout
    assert "archiver history: 1 of 1 capture not extracted yet" in history.stderr, history.stderr
    assert "run 'archiver extract'" in history.stderr

    assert run_archiver("extract", cwd=tmp_path).returncode == 0
    listed = run_archiver("list", cwd=tmp_path)
    assert "Ferry timetable changes" in listed.stdout and "not extracted" not in listed.stderr, listed.stderr
    history = run_archiver("history", news.url("/a"), cwd=tmp_path)
    assert "1 version" in history.stdout and "not extracted" not in history.stderr, history.stdout + history.stderr
