"""A new user's pass over the README, session 41 (nu53): a news desk's list on loopback (127.0.53.x), real
WARCs, catalog and CLI.

- A note written into a list inside quotes (a spreadsheet's CSV export of ``Budget story: https://...``) was told
  as a note, but the URL it said to write carried the closing quote: ``write the URL alone on the line,
  https://host/budget"``; a sentence's full stop or bracket after the URL went the same way.
- With the catalog deleted beside its WARC files, ``list``, ``why``, ``search``, ``export`` ... said ``run
  'archiver fetch LIST' or 'archiver import WARC' first``: a fresh, empty catalog, the archive's captures unknown
  to it. They now name ``archiver reindex`` and how many WARC files the folder holds.
- ``archiver reindex`` after the catalog was deleted left out, without a word and with exit 0, the captures of
  WARC files ``archiver import`` had read from outside the folder, although ``warcs/imports.jsonl`` names them.
  It now lists them with the command that keeps them, exit 1, as it does when the old catalog names them.
- ``fetch --help``, ``run --help`` and ``import --help`` gave exit statuses without 75 (another run holds the
  archive), which the README and the cron and systemd examples rely on.
"""
from __future__ import annotations

import pytest
from sitekit import Response, Site, run_archiver, write_list

ADDRESS = "127.0.53.21"


def article(title: str, words: str) -> str:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Harbour Gazette"
            "</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news/\">News</a></nav>"
            f"<article><h1>{title}</h1>"
            f"<p>The harbour authority said on Friday that {words}, after engineers found cracks in two supports.</p>"
            "<p>Traders on the quay said they had waited too long already for a decision on the old bridge.</p>"
            "<p>The authority expects the work to take eleven weeks, with a temporary footbridge beside it.</p>"
            "</article><footer>Copyright 2026 Harbour Gazette. Privacy policy.</footer></body></html>")


@pytest.fixture
def gazette(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("harbour-gazette.test", address=ADDRESS)
    host.route("/bridge", Response(body=article("Old bridge to close", "the old bridge would close for repairs")))
    host.route("/ferry", Response(body=article("Ferry timetable changes", "the ferry would run more often")))
    with site:
        yield site, host


@pytest.mark.parametrize("line", ['"Budget story: {url}"', "Budget story ({url}).", "see {url}, then the rest",
                                  "\u201cBudget story: {url}\u201d"])
def test_a_note_around_a_url_names_the_url_without_the_quote_or_stop_after_it(tmp_path, gazette, line):
    site, host = gazette
    url = host.url("/bridge")
    write_list(tmp_path / "urls.txt", [line.format(url=url), host.url("/ferry")])
    out = run_archiver("fetch", "urls.txt", "--progress", "never", *site.resolve_flags(), cwd=tmp_path)
    said = out.stdout + out.stderr
    assert out.returncode == 1, said[-2000:]
    assert f"urls.txt:1: not a URL (words before it: write the URL alone on the line, {url}; a note goes" in said, said
    assert f"captured 200 {host.url('/ferry')}" in said  # the good line is fetched as always


def test_a_url_ending_in_its_own_bracket_keeps_it():
    from archiver.lists import check_url

    said = check_url("Bridge: https://en.wikipedia.org/wiki/Bridge_(structure)")
    assert said is not None and "line, https://en.wikipedia.org/wiki/Bridge_(structure);" in said, said


def test_a_deleted_catalog_beside_its_warcs_names_reindex(tmp_path, gazette):
    site, host = gazette
    write_list(tmp_path / "urls.txt", [host.url("/bridge"), host.url("/ferry")])
    out = run_archiver("run", "urls.txt", "--progress", "never", "--delay", "0", "--jobs", "1",
                       *site.resolve_flags(), cwd=tmp_path)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    for path in (tmp_path / "warcs").glob("catalog.sqlite3*"):
        path.unlink()
    for command in (["list"], ["why", host.url("/bridge"), "old bridge"], ["search", "bridge"],
                    ["history", host.url("/bridge")], ["export", "--wacz", "x.wacz"], ["report", "--output", "s"]):
        out = run_archiver(*command, cwd=tmp_path)
        assert out.returncode == 2, (command, out.stdout + out.stderr)
        assert ("no catalog at warcs/catalog.sqlite3, but warcs holds 1 WARC file: rebuild the catalog from them "
                "with 'archiver reindex'") in out.stderr, (command, out.stderr)
        assert "archiver fetch LIST" not in out.stderr
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    out = run_archiver("list", cwd=empty)  # no WARC folder at all: a new archive, made by fetch or import
    assert out.returncode == 2
    assert "no catalog at warcs/catalog.sqlite3 (run 'archiver fetch LIST' or 'archiver import WARC' first" \
        in out.stderr, out.stderr
    out = run_archiver("reindex", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    listed = run_archiver("list", cwd=tmp_path)
    assert listed.returncode == 0 and host.url("/bridge") in listed.stdout, listed.stdout + listed.stderr


def test_reindex_after_a_deleted_catalog_names_the_imported_files_the_ledger_knows(tmp_path, gazette):
    site, host = gazette
    flags = ["--progress", "never", "--delay", "0", *site.resolve_flags()]
    other = tmp_path / "crawl"  # another archive's WARC, imported from outside this one's folder
    write_list(tmp_path / "other.txt", [host.url("/ferry")])
    out = run_archiver("fetch", "other.txt", "--warcs", str(other), *flags, cwd=tmp_path)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    (foreign,) = other.glob("*.warc.gz")
    write_list(tmp_path / "urls.txt", [host.url("/bridge")])
    out = run_archiver("fetch", "urls.txt", *flags, cwd=tmp_path)
    assert out.returncode == 0, (out.stdout + out.stderr)[-2000:]
    out = run_archiver("import", str(foreign), cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert run_archiver("list", host.url("/ferry"), cwd=tmp_path).returncode == 0

    for path in (tmp_path / "warcs").glob("catalog.sqlite3*"):
        path.unlink()
    out = run_archiver("reindex", cwd=tmp_path)
    said = out.stdout + out.stderr
    assert out.returncode == 1, said
    assert ("reindex: incomplete (exit 1): warcs/imports.jsonl names 1 file 'archiver import' read that reindex "
            "did not") in said, said
    assert f"to keep them, name them: archiver reindex {foreign}" in said, said
    assert run_archiver("list", host.url("/ferry"), cwd=tmp_path).returncode == 1  # not in the new catalog

    out = run_archiver("reindex", str(foreign), cwd=tmp_path)  # the command it gave
    said = out.stdout + out.stderr
    assert out.returncode == 0, said
    assert "incomplete" not in said
    listed = run_archiver("list", host.url("/ferry"), cwd=tmp_path)
    assert listed.returncode == 0 and "captured" in listed.stdout, listed.stdout + listed.stderr


@pytest.mark.parametrize("command", ["fetch", "run", "import", "reindex"])
def test_help_gives_exit_75_for_a_busy_archive(command):
    out = run_archiver(command, "--help")
    assert out.returncode == 0
    assert "75 another run holds the archive" in " ".join(out.stdout.split()), out.stdout
