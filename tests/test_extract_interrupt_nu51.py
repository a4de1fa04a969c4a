"""An interrupted extraction's count is exact (nu51): a page whose catalog row was committed as the signal came, its
count not yet raised, was kept but not counted (nu50 saw ``interrupted after 30 of 40`` with 31 kept). The interrupt
is delivered at that moment: a profile hook raises KeyboardInterrupt as the writer's ``place`` returns after the
third page's commit (real loopback pages, real WARC, real catalog, real worker processes).
"""
from __future__ import annotations

import re
import sqlite3
import sys

import pytest
from sitekit import Response, Site, run_archiver, write_list

from archiver.config import Settings
from archiver.extract_run import extract_pending


def page(n: int) -> str:
    return (f"<!DOCTYPE html><html><head><title>Story {n}</title></head><body><main><article><h1>Story {n}</h1>"
            f"<p>The harbour council met on Monday about story number {n} and its budget for the coming year.</p>"
            f"<p>Members agreed the plan for story {n} would be published before the end of the month.</p>"
            "</article></main></body></html>")


def test_interrupt_right_after_a_commit_counts_that_page(tmp_path, capsys):
    site = Site(tmp_path / "site")
    news = site.host("www.count-courier.test", address="127.0.51.35")
    for n in range(6):
        news.route(f"/s/{n}", Response(body=page(n)))
    with site:
        listing = write_list(tmp_path / "urls.txt", [news.url(f"/s/{n}") for n in range(6)])
        proc = run_archiver("fetch", listing, "--delay", "0", "--progress", "never", *site.resolve_flags(),
                            cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    warcs = tmp_path / "warcs"
    settings = Settings(warcs=warcs, db=warcs / "catalog.sqlite3", clean=tmp_path / "clean", jobs=1)
    commits = [0]

    def hook(frame, event, arg):
        if event == "return" and frame.f_code.co_name in ("place", "_record_error", "write") \
                and "extract_writer" in frame.f_code.co_filename:
            commits[0] += 1
            if commits[0] == 3:
                sys.setprofile(None)
                raise KeyboardInterrupt

    sys.setprofile(hook)
    try:
        with pytest.raises(KeyboardInterrupt):
            extract_pending(settings)
    finally:
        sys.setprofile(None)
    told = capsys.readouterr().out
    match = re.search(r"extract: interrupted after (\d+) of 6 captures", told)
    assert match, told
    with sqlite3.connect(warcs / "catalog.sqlite3") as conn:
        kept = conn.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    assert kept == 3 and int(match.group(1)) == kept, (told, kept)
