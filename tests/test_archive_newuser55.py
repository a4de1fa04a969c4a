"""A web archivist's first whole pass (nu55): fetch, extract, export, import, reindex, report on loopback hosts.

Two faults it found, each tested here with real servers, real WARC/WACZ files, the real catalog and the CLI:

- ``archiver export --wacz FILE`` wrote over a WACZ the archive had been given to ``archiver import`` (a colleague's
  package, imported in place): ``import crawl.wacz`` then ``export --wacz crawl.wacz --host X`` kept the selection
  and lost every other capture of the package, which the catalog still named (later exports: "ends at byte N,
  before records the catalog names (cut short?)"). It now refuses, exit 2, the file untouched; an existing WACZ
  the archive does not read from is replaced as before.
- ``archiver report`` after ``archiver reindex`` wrote a site of "0 versions, 0 content changes" without a word,
  where ``list``, ``history`` and ``search`` all name ``archiver extract``; it now says so too.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, run_archiver, write_list

pytestmark = pytest.mark.skipif(shutil.which("wget") is None, reason="wget not installed")


def run(root, *args):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


@pytest.fixture()
def fetched(tmp_path):
    """An archive of three pages on two loopback hosts, extracted; (root, site, urls)."""
    site = Site(tmp_path / "site")
    one = site.host("127.0.0.155")
    two = site.host("127.0.0.156")
    for host, town in ((one, "Northbridge"), (two, "Eastwick")):
        host.routes_from({
            "/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
            "/budget": Response(body=article(f"{town} council budget", paras(town, special="Bridges first."))),
            "/ferry": Response(body=article(f"{town} ferry timetable", paras(f"{town} ferry"))),
        })
    site.start()
    urls = [one.url("/budget"), one.url("/ferry"), two.url("/budget")]
    root = tmp_path / "a"
    root.mkdir()
    write_list(root / "urls.txt", urls)
    done = run(root, "run", "urls.txt", "--clean", str(root / "clean"), "--progress", "never")
    assert done.returncode == 0, done.stdout + done.stderr
    yield root, site, urls
    site.stop()


def test_export_refuses_to_write_over_an_imported_wacz(fetched, tmp_path):
    root, _site, urls = fetched
    made = run(root, "export", "--wacz", str(tmp_path / "colleague.wacz"))
    assert made.returncode == 0, made.stdout + made.stderr
    # a second archivist imports the colleague's package where it lies, then exports one host of it "back"
    other = tmp_path / "b"
    other.mkdir()
    package = other / "crawl.wacz"
    shutil.copy(tmp_path / "colleague.wacz", package)
    got = run(other, "import", "crawl.wacz")
    assert got.returncode == 0, got.stdout + got.stderr
    assert "3 captures added" in got.stdout, got.stdout
    assert "read from the WACZ where it lies: keep it there" in got.stdout, got.stdout
    before = package.read_bytes()
    host = urls[2].split("/")[2]
    over = run(other, "export", "--wacz", "crawl.wacz", "--host", host)
    assert over.returncode == 2, over.stdout + over.stderr
    assert "crawl.wacz: that file is part of the archive (the catalog reads 3 captures from it" in over.stderr, over.stderr
    assert "give another file name (nothing written)" in over.stderr, over.stderr
    assert package.read_bytes() == before  # before: 1 capture left in it, 2 lost
    assert not list(other.glob(".crawl.wacz.partial"))
    # the whole package still exports: every capture readable
    whole = run(other, "export", "--wacz", str(tmp_path / "again.wacz"))
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert "3 captures" in whole.stdout, whole.stdout
    # the same file named another way (absolute path) is refused too
    absolute = run(other, "export", "--wacz", str(package))
    assert absolute.returncode == 2 and "part of the archive" in absolute.stderr, absolute.stderr
    # a copy of it imported too adds nothing (the catalog reads the first): writing over the copy loses nothing
    copy = other / "copy.wacz"
    shutil.copy(package, copy)
    assert "0 captures added" in run(other, "import", "copy.wacz").stdout
    assert run(other, "export", "--wacz", "copy.wacz", "--host", host).returncode == 0
    # a WACZ inside the WARC folder, imported there, is named by its bare name in the catalog: refused as well
    third = tmp_path / "e"
    (third / "warcs").mkdir(parents=True)
    inside = third / "warcs" / "inside.wacz"
    shutil.copy(tmp_path / "colleague.wacz", inside)
    assert run(third, "import", str(inside)).returncode == 0
    refused = run(third, "export", "--wacz", str(inside), "--host", host)
    assert refused.returncode == 2 and "part of the archive" in refused.stderr, refused.stderr


def test_export_still_replaces_a_wacz_the_archive_does_not_read(fetched, tmp_path):
    """The twin: a daily export to one name (its own earlier output, never imported) is replaced, as before."""
    root, _site, urls = fetched
    target = tmp_path / "daily.wacz"
    first = run(root, "export", "--wacz", str(target), "--host", urls[2].split("/")[2])
    assert first.returncode == 0, first.stdout + first.stderr
    assert "1 capture," in first.stdout, first.stdout
    second = run(root, "export", "--wacz", str(target))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "3 captures" in second.stdout, second.stdout
    check = run_archiver("import", str(target), "--warcs", tmp_path / "c" / "warcs", cwd=tmp_path, timeout=600)
    assert "3 captures added" in check.stdout, check.stdout + check.stderr


def test_imported_wacz_gone_from_catalog_but_in_ledger_is_refused(fetched, tmp_path):
    """After the catalog is deleted and rebuilt without it, imports.jsonl still names the package: refused."""
    root, _site, _urls = fetched
    assert run(root, "export", "--wacz", str(tmp_path / "pkg.wacz")).returncode == 0
    other = tmp_path / "d"
    other.mkdir()
    shutil.copy(tmp_path / "pkg.wacz", other / "pkg.wacz")
    assert run(other, "import", "pkg.wacz").returncode == 0
    for path in (other / "warcs").glob("catalog.sqlite3*"):
        path.unlink()
    rebuilt = run(other, "reindex")  # reads no WACZ by itself: says the ledger names one, exit 1
    assert rebuilt.returncode == 1, rebuilt.stdout + rebuilt.stderr
    refused = run(other, "export", "--wacz", "pkg.wacz")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "warcs/imports.jsonl names it" in refused.stderr, refused.stderr


def test_report_after_reindex_says_to_extract(fetched, tmp_path):
    root, _site, _urls = fetched
    site_dir = tmp_path / "site-out"
    fresh = run(root, "report", "--output", str(site_dir))
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "3 URL pages, 3 versions" in fresh.stdout, fresh.stdout
    assert "not extracted yet" not in fresh.stderr, fresh.stderr  # the twin: nothing to say
    for path in (root / "warcs").glob("catalog.sqlite3*"):
        path.unlink()
    assert run(root, "reindex").returncode == 0
    after = run(root, "report", "--output", str(site_dir))
    assert after.returncode == 0, after.stdout + after.stderr
    assert "0 versions" in after.stdout, after.stdout
    assert ("report: 3 captures are not extracted yet (after 'archiver fetch' without extraction, an interrupted "
            "extract, or 'archiver reindex'), so they are in no "
            "version and no change of the site: run 'archiver extract', then this command again") in after.stderr, \
        after.stderr
    assert rows(root / "warcs" / "catalog.sqlite3", "SELECT COUNT(*) FROM extractions")[0][0] == 0
    done = run(root, "extract", "--clean", str(root / "clean"), "--progress", "never")
    assert done.returncode == 0, done.stdout + done.stderr
    again = run(root, "report", "--output", str(site_dir))
    assert "3 versions" in again.stdout and "not extracted yet" not in again.stderr, again.stdout + again.stderr


def test_report_and_list_after_a_plain_fetch_guess_no_reindex(tmp_path):
    """review49: after 'archiver fetch' alone (no reindex) the note said "every capture after 'archiver
    reindex'"; it now names the causes without guessing which (fails before)."""
    with Site(tmp_path / "site") as site:
        host = site.host("127.0.50.4")
        host.routes_from({"/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
                          "/harbour": Response(body=article("Harbour dues", paras("Harbour")))})
        site.start()
        root = tmp_path / "a"
        root.mkdir()
        write_list(root / "urls.txt", [host.url("/harbour")])
        assert run(root, "fetch", "urls.txt", "--progress", "never").returncode == 0
    said = run(root, "report", "--output", str(tmp_path / "out")).stderr + run(root, "list").stderr
    why = "(after 'archiver fetch' without extraction, an interrupted extract, or 'archiver reindex')"
    assert "report: 1 capture is not extracted yet " + why in said, said
    assert "list: 1 captured URL with captures not extracted yet " + why in said, said
    assert "every capture after" not in said, said


def test_import_from_outside_says_the_file_must_stay(fetched, tmp_path):
    """wget's WARC imported where it lies: the message said 'the captures are in the catalog' alone, read as if they
    had been copied in (the file then deleted, every capture of it unreadable)."""
    root, _site, urls = fetched
    got = subprocess.run(["wget", "-q", "--warc-file", str(tmp_path / "wg"), "-O", "/dev/null", urls[0]],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (tmp_path / "wg.warc.gz").exists(), got.stderr
    done = run(root, "import", str(tmp_path / "wg.warc.gz"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert ("the captures are in the catalog, read from that file where it lies: keep it there, nothing was copied"
            in done.stdout), done.stdout
