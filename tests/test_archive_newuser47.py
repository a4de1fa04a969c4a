"""A web archivist's first walk through the archive side (nu47): other tools' WARCs hold a site's files for
machines (robots.txt, ads.txt, /.well-known/security.txt) beside its pages; served as text/plain, extract read
each as a one-paragraph article, and `archiver search 'User agent'` listed robots.txt as a hit. Real loopback
servers, WARCs written by wget and by warcio's own ``capture_http``, a real catalog, the archiver CLI."""
from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, run_archiver
from warcio.capture_http import capture_http

ROBOTS = "User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n"
NOTE = ("Ferry timetable for the winter\n\nThe harbour ferry runs every twenty minutes from the first of "
        "December.\n\nOn Sundays the first boat leaves at nine o'clock.\n")


def run(root, *args):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def serve(tmp_path, address: str) -> tuple[Site, object]:
    site = Site(tmp_path / "site")
    host = site.host(address, address=address)
    host.routes_from({
        "/": Response(body=article("Front page", paras("Front")) + '<a href="/story">story</a>'),
        "/story": Response(body=article("Harbour bridge closes in March", paras("Bridge", special="Corroded span."))),
        "/robots.txt": Response(body=ROBOTS, content_type="text/plain"),
        "/ads.txt": Response(body="example-exchange.test, 1234, DIRECT\n", content_type="text/plain"),
        "/.well-known/security.txt": Response(body="Contact: mailto:security@example.test\n",
                                              content_type="text/plain"),
        "/ferry.txt": Response(body=NOTE, content_type="text/plain; charset=utf-8"),  # a text article: kept
    })
    site.start()
    return site, host


def states(root) -> dict[str, str]:
    """path -> why its capture gave no text ('' when it did), for every extracted capture."""
    got = rows(root / "warcs" / "catalog.sqlite3",
               "SELECT c.url, e.error FROM captures c JOIN extractions e ON e.capture_id = c.id")
    return {url.split("/", 3)[-1]: error or "" for url, error in got}


def check_archive(root) -> None:
    done = run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 from text/plain" in done.stdout, done.stdout  # the ferry note only
    got = states(root)
    for path in ("robots.txt", "ads.txt", ".well-known/security.txt"):
        assert got[path].startswith("not HTML: ") and f"/{path}, a file for machines, not an article" in got[path], got
    assert got["ferry.txt"] == "" and got["story"] == "", got
    assert "skipped: " in done.stdout and "a file for machines" in done.stdout, done.stdout
    # search: the site's crawler rules are no hit; the article and the text article are
    for query in ("User agent", "Allow", "security", "DIRECT"):
        found = run(root, "search", query)
        assert found.returncode == 1 and "0 hits" in found.stderr, (query, found.stdout, found.stderr)
    found = run(root, "search", "--format", "json", "ferry")
    assert found.returncode == 0, found.stderr
    assert [h["url"].rsplit("/", 1)[-1] for h in json.loads(found.stdout)["hits"]] == ["ferry.txt"]
    assert run(root, "search", "Corroded").returncode == 0
    # the WACZ lists the article, never the robots.txt (it stays in the package, for replay)
    made = run(root, "export", "--wacz", str(root / "site.wacz"))
    assert made.returncode == 0, made.stdout + made.stderr


def test_warcio_capture_http_site_files_are_not_articles(tmp_path):
    site, host = serve(tmp_path, "127.0.47.21")
    warc = tmp_path / "capture.warc.gz"
    try:
        with capture_http(str(warc)):
            for path in ("/robots.txt", "/ads.txt", "/.well-known/security.txt", "/ferry.txt", "/story"):
                with urllib.request.urlopen(host.url(path), timeout=60) as answer:
                    answer.read()
    finally:
        site.stop()
    imported = run(tmp_path, "import", str(warc))
    assert imported.returncode == 0 and "5 captures added" in imported.stdout, imported.stdout + imported.stderr
    check_archive(tmp_path)


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")
def test_wget_crawl_robots_txt_is_not_an_article(tmp_path):
    site, host = serve(tmp_path, "127.0.47.22")
    links = "".join(f'<a href="{p}">x</a>' for p in ("/ads.txt", "/.well-known/security.txt", "/ferry.txt"))
    host.route("/", Response(body=article("Front page", paras("Front")) + '<a href="/story">story</a>' + links))
    try:
        got = subprocess.run(["wget", "-r", "-l", "1", "-q", "--warc-file=crawl", "-P", "mirror", host.url("/")],
                             cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        site.stop()
    warc = tmp_path / "crawl.warc.gz"
    assert warc.exists(), got.stderr
    imported = run(tmp_path, "import", str(warc))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    check_archive(tmp_path)


@pytest.mark.parametrize("order", ["import the copy, then move the stream out", "move the stream out, then import"])
def test_a_one_stream_warc_recompressed_as_index_cdxj_says_can_leave_the_folder(tmp_path, order):
    """A crawl gzipped whole (``gzip crawl.warc``) in the WARC folder: index.cdxj leaves it out and names the
    commands that make it indexable. Run as written, and the one-stream original moved out of the folder (it is
    told to: index.cdxj names it at every run while it is there), the archive reads every capture from the copy.
    Before: with the original moved out after importing the copy, export left every capture out ('not in the WARC
    folder', exit 1); moved out before, the copy's import added every capture a second time."""
    import gzip
    import shlex

    site, host = serve(tmp_path, "127.0.47.23")
    plain = tmp_path / "crawl.warc"
    try:
        with capture_http(str(plain), gzip=False):
            for path in ("/story", "/ferry.txt", "/"):
                with urllib.request.urlopen(host.url(path), timeout=60) as answer:
                    answer.read()
    finally:
        site.stop()
    (tmp_path / "warcs").mkdir()
    stream = tmp_path / "warcs" / "crawl.warc.gz"
    stream.write_bytes(gzip.compress(plain.read_bytes()))
    first = run(tmp_path, "import", stream)
    assert first.returncode == 0 and "3 captures added" in first.stdout, first.stdout + first.stderr
    told = [line for line in first.stdout.splitlines() if line.startswith("index.cdxj: left out crawl.warc.gz")]
    assert len(told) == 1, first.stdout
    recompress, _, then = told[0].partition("warcio recompress ")[2].partition(" && ")
    copy = tmp_path / "warcs" / "crawl-records.warc.gz"
    assert shlex.split(recompress) == [str(stream), str(copy)], told
    assert then.startswith(f"archiver import {copy}; then move crawl.warc.gz out of the folder"), told
    listed = run(tmp_path, "list", "--format", "json").stdout
    warcio = shutil.which("warcio") or pytest.skip("warcio's command line is not installed")
    subprocess.run([warcio, "recompress", str(stream), str(copy)], check=True, capture_output=True, timeout=300)
    aside = tmp_path / "aside"
    aside.mkdir()
    if order.startswith("move"):
        stream.rename(aside / stream.name)
    again = run(tmp_path, "import", copy)
    assert again.returncode == 0 and " 0 captures added, 3 already in the catalog" in again.stdout, again.stdout
    assert "catalog reads them from here now" in again.stdout, again.stdout
    if order.startswith("import"):
        assert "that file is no longer read: it may be moved away" in again.stdout, again.stdout
        stream.rename(aside / stream.name)
    assert run(tmp_path, "list", "--format", "json").stdout == listed  # the same captures, no more
    files = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT DISTINCT warc_file FROM captures")
    assert files == [("crawl-records.warc.gz",)], files
    done = run(tmp_path, "extract", "--clean", str(tmp_path / "clean"), "--progress", "never", "--jobs", "1")
    assert done.returncode == 0 and "3 extracted" in done.stdout, done.stdout + done.stderr
    made = run(tmp_path, "export", "--wacz", str(tmp_path / "crawl.wacz"))
    assert made.returncode == 0 and "3 captures" in made.stdout, made.stdout + made.stderr
    assert "not copied" not in made.stdout + made.stderr
    assert "127.0.47.23" in (tmp_path / "warcs" / "index.cdxj").read_text()


def test_why_and_history_of_a_url_never_archived_say_what_to_do(tmp_path):
    """`archiver why URL WORDS` (and history) of a URL the archive never held said only 'no captures of URL in
    warcs/catalog.sqlite3': now how to see what it holds and how to bring the URL in."""
    from archivekit import http_response, write_warc

    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [http_response("http://127.0.47.24/story", article("Bridge", paras("Bridge")))])
    assert run(tmp_path, "import", warc).returncode == 0
    for command in (["why", "http://127.0.47.24/other", "word"], ["history", "http://127.0.47.24/other"]):
        never = run(tmp_path, *command)
        assert never.returncode == 2 and "Traceback" not in never.stderr, never.stderr
        assert "no captures of http://127.0.47.24/other in " in never.stderr, never.stderr
        assert "never fetched nor imported" in never.stderr and "'archiver list' shows the URLs" in never.stderr
    listed = run(tmp_path, "list")
    assert listed.returncode == 0 and "http://127.0.47.24/story" in listed.stdout


def test_a_one_stream_warc_imported_from_outside_is_indexed_as_import_says(tmp_path):
    """The same file imported from outside the WARC folder: import's index.cdxj line said only that it 'needs
    warcio recompress first'; it now names the copy to write into the folder and import, and that copy takes over
    the captures (the original may then be deleted: export reads every capture from the copy)."""
    import gzip
    import shlex

    from archivekit import http_response, write_warc

    plain = tmp_path / "crawl.warc"
    write_warc(plain, [http_response(f"http://127.0.47.25/{n}", article(f"Story {n}", paras(n))) for n in "ab"],
               layout="plain")
    stream = tmp_path / "crawl.warc.gz"
    stream.write_bytes(gzip.compress(plain.read_bytes()))
    first = run(tmp_path, "import", stream)
    assert first.returncode == 0 and "2 captures added" in first.stdout, first.stdout + first.stderr
    said = first.stdout.partition("is indexed through a copy")[2]
    command = said.partition("warcio recompress ")[2].partition(" (the catalog")[0]
    copy = tmp_path / "warcs" / "crawl-records.warc.gz"
    assert shlex.split(command) == [str(stream), str(copy), "&&", "archiver", "import", str(copy)], first.stdout
    warcio = shutil.which("warcio") or pytest.skip("warcio's command line is not installed")
    subprocess.run([warcio, "recompress", str(stream), str(copy)], check=True, capture_output=True, timeout=300)
    again = run(tmp_path, "import", copy)
    assert again.returncode == 0 and " 0 captures added, 2 already in the catalog" in again.stdout, again.stdout
    stream.unlink()
    made = run(tmp_path, "export", "--wacz", str(tmp_path / "crawl.wacz"))
    assert made.returncode == 0 and "2 captures" in made.stdout, made.stdout + made.stderr
    assert "127.0.47.25" in (tmp_path / "warcs" / "index.cdxj").read_text()
