"""A new user's walk, session 36 (nu36): a web archivist come from ArchiveBox, Browsertrix and wget trying the open
archive (fetch twice, export CDXJ and WACZ, import other tools' WARCs, search), checked with the real clients: py-wacz's
``wacz validate``, pywb, warcio; real servers on loopback (127.0.52.x), real WARCs, a real catalog.

- An article the site deleted (200, then ``410 Gone``) was exported without its 410: the WACZ held captured pages
  only, so pywb replayed the article as still there at the time the archive had recorded it gone (the WARC folder's
  own ``index.cdxj`` replays the 410), and a colleague importing the WACZ read ``captured``. The server's answers
  without a page (404, 410, 5xx, another tool's lone redirect) now go into the package; ``pages.jsonl`` still lists
  pages only.
- ``--host https://news.example/`` (a URL pasted where a host name goes) found nothing in ``search`` and ``list``
  without a word, and ``export`` said the host had a port; it is now refused naming the host to give.
- ``reindex`` over a damaged catalog dropped the captures of WARCs imported from outside the folder without a word
  (the sound catalog's case names them): the damaged catalog still says which files they were, and now is asked.
- ``search --host nu36.test bridge`` (a host mistyped) said ``0 hits`` as if no page held the word; a selection
  that admits no capture now says that nothing was searched. ``bridge OR pier`` and ``"old bridge" -market`` (another
  engine's syntax) found nothing and the opposite of what was meant: stderr now says how they were read.
- A WARC deleted from under the catalog: ``extract --all`` replaced every earlier text of its captures with
  ``FileNotFoundError: [Errno 2] ...`` (search lost their hits, ``history`` showed 0 versions, ``why`` said to run
  extract); such captures are now left as they were and said once per file, with the remedy.
"""
from __future__ import annotations

import gzip
import io
import json
import zipfile

import httpx
from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list
from warckit import pywb_replay

NEWS = "news.nu36.test"


def _run(root, *args: str):
    return run_archiver(*args, cwd=root, timeout=600)


def _site(tmp_path) -> tuple[Site, dict[str, str]]:
    site = Site(tmp_path / "site")
    news = site.host(NEWS, address="127.0.52.2")
    news.route("/stays", Response(body=article("Old bridge to close", paras("alpha", special="The old bridge."))))

    def deleted(req):
        if req.hit == 1:
            return Response(body=article("Minister resigns", paras("eps", special="The minister resigned.")))
        return Response(410, body="<html><body>Gone</body></html>")

    news.route("/deleted", deleted)
    site.start()
    return site, {"stays": news.url("/stays"), "deleted": news.url("/deleted")}


def _wacz_records(path) -> list[tuple[str, str, str]]:
    """(WARC-Type, URI, HTTP status) of every record in the package's WARC."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("archive/"):
                for rec in ArchiveIterator(io.BytesIO(z.read(name))):
                    status = rec.http_headers.get_statuscode() if rec.http_headers else ""
                    out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI") or "", status))
    return out


def test_export_keeps_the_410_of_an_article_deleted_since_so_replay_and_import_show_it_gone(tmp_path):
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"], urls["deleted"]])
        flags = ["--delay", "0", "--progress", "never", "--retries", "0", *site.client_flags()]
        first = _run(tmp_path, "run", lst, *flags)
        assert first.returncode == 0, first.stdout + first.stderr
        second = _run(tmp_path, "run", lst, "--refresh", *flags)
        assert second.returncode == 1 and "HTTP 410 Gone" in second.stdout, second.stdout + second.stderr
    finally:
        site.stop()
    wacz = tmp_path / "news.wacz"
    made = _run(tmp_path, "export", "--wacz", wacz)
    assert made.returncode == 0, made.stdout + made.stderr
    records = _wacz_records(wacz)
    assert ("response", urls["deleted"], "410") in records, records
    assert "HTTP 410 x1" in made.stdout, made.stdout
    checked = run_wacz_validate(wacz)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr
    with zipfile.ZipFile(wacz) as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
        index = gzip.decompress(z.read("indexes/index.cdx.gz")).decode()
    assert sorted(p["url"] for p in pages) == sorted([urls["stays"], urls["deleted"]])  # pages only, no 410 page
    gone_at = next(json.loads(line.split(" ", 2)[2]) | {"ts": line.split(" ")[1]} for line in index.splitlines()
                   if '"status": "410"' in line)["ts"]

    # pywb, from the WACZ: the article at the time it was recorded gone is the 410, not the old text
    with pywb_replay(["--unpack-wacz", wacz], tmp_path / "pywb") as prefix:
        at = prefix.removesuffix("id_/") + f"{gone_at}id_/"
        got = httpx.get(at + urls["deleted"], timeout=60)
        assert got.status_code == 410, (got.status_code, got.text[:200])
        assert httpx.get(prefix + urls["stays"], timeout=60).status_code == 200

    # a colleague importing the package reads the article as gone, as the archive that made it does
    other = tmp_path / "colleague"
    other.mkdir()
    imported = _run(other, "import", wacz)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    listed = _run(other, "list", urls["deleted"])
    assert listed.stdout.startswith("failed") and "HTTP 410 Gone" in listed.stdout, listed.stdout + listed.stderr
    # and back into the archive it came from, it adds nothing
    again = _run(tmp_path, "import", wacz)
    assert "0 captures added" in again.stdout, again.stdout


def run_wacz_validate(path):
    import shutil
    import subprocess
    import sys

    wacz = shutil.which("wacz")
    command = [wacz] if wacz else [sys.executable, "-m", "wacz"]
    return subprocess.run([*command, "validate", "-f", str(path)], capture_output=True, text=True, timeout=300)


def test_a_url_given_as_host_is_refused_naming_the_host(tmp_path):
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    finally:
        site.stop()
    assert _run(tmp_path, "search", "bridge", "--host", NEWS).returncode == 0
    for command in (["search", "bridge"], ["list"], ["export", "--wacz", str(tmp_path / "x.wacz")]):
        for given in (f"https://{NEWS}/", f"{NEWS}/stays", urls["stays"]):
            proc = _run(tmp_path, *command, "--host", given)
            assert proc.returncode == 2, (command, given, proc.stdout, proc.stderr)
            assert f"give '{NEWS}'" in proc.stderr and "not a URL" in proc.stderr, proc.stderr
    assert not (tmp_path / "x.wacz").exists()


def _wget_crawl(tmp_path, url: str):
    """A real wget WARC of ``url`` (its links followed one level), outside any WARC folder."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("wget") is None:
        pytest.skip("wget is not installed (apt-get install wget)")
    folder = tmp_path / "wget"
    folder.mkdir()
    done = subprocess.run(["wget", "-q", "-r", "-l", "1", "-e", "robots=off", "--warc-file=crawl", url],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    assert (folder / "crawl.warc.gz").exists(), done.stderr
    return folder / "crawl.warc.gz"


def _damage_table(db, table: str) -> None:
    """Overwrite the root page of ``table`` in catalog ``db`` (checkpointed first): ``PRAGMA quick_check`` fails,
    the other tables still read."""
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xee" * page_size)


def test_reindex_of_a_damaged_catalog_names_the_outside_files_it_leaves_out(tmp_path):
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
        address = urls["stays"].replace(NEWS, "127.0.52.2")
        crawl = _wget_crawl(tmp_path, address)
    finally:
        site.stop()
    imported = _run(tmp_path, "import", crawl)
    assert imported.returncode == 0 and " 0 captures added" not in imported.stdout, imported.stdout + imported.stderr
    db = tmp_path / "warcs" / "catalog.sqlite3"
    _damage_table(db, "extractions")
    told = _run(tmp_path, "list")
    assert told.returncode == 2 and "is damaged" in told.stderr, told.stdout + told.stderr

    rebuilt = _run(tmp_path, "reindex")
    assert rebuilt.returncode == 1 and "Traceback" not in rebuilt.stderr, rebuilt.stdout + rebuilt.stderr
    warning = [line for line in rebuilt.stdout.splitlines() if "incomplete (exit 1)" in line]
    assert len(warning) == 1 and f"archiver reindex {crawl.resolve()}" in warning[0], rebuilt.stdout
    again = _run(tmp_path, "reindex", crawl)  # the remedy as printed brings the wget capture back
    assert again.returncode == 0 and "incomplete" not in again.stdout, again.stdout
    assert address in _run(tmp_path, "list").stdout

    # a catalog that cannot be read at all: warcs/imports.jsonl still names the import (nu53), exit 1 as above
    db.write_bytes(b"not a database at all" * 100)
    named = _run(tmp_path, "reindex")
    assert named.returncode == 1, named.stdout + named.stderr
    assert "could not be read for the WARC files" in named.stdout, named.stdout
    assert "warcs/imports.jsonl names 1 file" in named.stdout and f"archiver reindex {crawl.resolve()}" \
        in named.stdout, named.stdout
    # ... and without that ledger (an archive older than it): nothing to name, so say that files may be missing
    (tmp_path / "warcs" / "imports.jsonl").unlink()
    db.write_bytes(b"not a database at all" * 100)
    blind = _run(tmp_path, "reindex")
    assert blind.returncode == 0, blind.stdout + blind.stderr
    assert "could not be read for the WARC files" in blind.stdout and "archiver reindex FILE" in blind.stdout, \
        blind.stdout


def test_extract_all_with_a_warc_deleted_keeps_the_text_it_had_and_says_so_once_per_file(tmp_path):
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        flags = ["--delay", "0", "--progress", "never", "--jobs", "1", *site.client_flags()]
        first = _run(tmp_path, "run", lst, *flags)
        assert first.returncode == 0, first.stdout + first.stderr
        second = _run(tmp_path, "run", lst, "--refresh", *flags)  # a revisit, in a second WARC file
        assert second.returncode == 0, second.stdout + second.stderr
    finally:
        site.stop()
    files = sorted((tmp_path / "warcs").glob("*.warc.gz"))
    assert len(files) == 2, files
    assert _run(tmp_path, "search", '"old bridge"').returncode == 0
    files[0].unlink()  # a clean-up job took the older file

    again = _run(tmp_path, "extract", "--all", "--progress", "never", "--jobs", "1")
    assert again.returncode == 1, again.stdout + again.stderr
    assert "FileNotFoundError" not in again.stdout + again.stderr and "Traceback" not in again.stderr
    told = [line for line in again.stdout.splitlines() if line.startswith("  not read:")]
    assert len(told) == 1 and files[0].name in told[0] and "archiver reindex" in told[0], again.stdout
    # the text it had is still searchable, in history and in why
    found = _run(tmp_path, "search", '"old bridge"')
    assert found.returncode == 0 and urls["stays"] in found.stdout, found.stdout + found.stderr
    history = _run(tmp_path, "history", urls["stays"])
    assert "1 version" in history.stdout and "extraction error" not in history.stdout, history.stdout
    assert _run(tmp_path, "why", urls["stays"], "old", "bridge").returncode == 0


def test_a_query_written_for_another_engine_is_told_how_it_was_read(tmp_path):
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    finally:
        site.stop()
    plain = _run(tmp_path, "search", '"old bridge"')
    assert plain.returncode == 0 and "note" not in plain.stderr, plain.stderr
    either = _run(tmp_path, "search", "bridge OR pier")  # no page has all three words
    assert either.returncode == 1 and "it read 'OR' as a word" in either.stderr, either.stderr
    # the page has "market": '-market' finds it, the opposite of what was meant; said so
    without = _run(tmp_path, "search", '"old bridge" -market')
    assert without.returncode == 0 and urls["stays"] in without.stdout, without.stdout
    assert "'-market' as the word 'market'" in without.stderr, without.stderr
    quoted = _run(tmp_path, "search", '"bridge OR market"')  # inside a phrase: words of the phrase, nothing to say
    assert "note" not in quoted.stderr, quoted.stderr
    # a selection that holds nothing (a host mistyped, a list never fetched) is told apart from "no page has them"
    typo = _run(tmp_path, "search", "bridge", "--host", "nu36.test")
    assert typo.returncode == 1 and "no extracted capture matches the selection (--host nu36.test)" in typo.stderr, \
        typo.stderr
    unknown = _run(tmp_path, "search", "bridge", "--list-file", "other.txt")
    assert unknown.returncode == 1 and "(--list-file other.txt)" in unknown.stderr, unknown.stderr
    missing = _run(tmp_path, "search", "zanzibar", "--host", NEWS)  # the host is there, the word is not
    assert missing.returncode == 1 and "matches the selection" not in missing.stderr, missing.stderr


def _warcinfo_links(path) -> tuple[set[str], list[str], list[bytes]]:
    """(WARC-Record-IDs in the package, WARC-Warcinfo-IDs its records name, the warcinfo records' blocks)."""
    from warcio.archiveiterator import ArchiveIterator

    ids, named, infos = set(), [], []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("archive/"):
                for rec in ArchiveIterator(io.BytesIO(z.read(name))):
                    ids.add(rec.rec_headers.get_header("WARC-Record-ID"))
                    if rec.rec_headers.get_header("WARC-Warcinfo-ID"):
                        named.append(rec.rec_headers.get_header("WARC-Warcinfo-ID"))
                    if rec.rec_type == "warcinfo":
                        infos.append(rec.content_stream().read())
    return ids, named, infos


def test_a_wacz_exported_again_by_the_colleague_keeps_the_warcinfo_of_each_tool(tmp_path):
    """An export gathers wget's records and wget's warcinfo into its one WARC; the colleague who imports it and
    exports again copied only the export's own warcinfo: wget's records named a warcinfo the package lacked."""
    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
        crawl = _wget_crawl(tmp_path, urls["stays"].replace(NEWS, "127.0.52.2"))
    finally:
        site.stop()
    assert _run(tmp_path, "import", crawl).returncode == 0
    first = tmp_path / "first.wacz"
    assert _run(tmp_path, "export", "--wacz", first).returncode == 0
    ids, named, infos = _warcinfo_links(first)
    assert named and set(named) <= ids and any(b"Wget/" in info for info in infos)  # the first export is whole

    colleague = tmp_path / "colleague"
    colleague.mkdir()
    assert _run(colleague, "import", first).returncode == 0
    assert _run(colleague, "extract", "--progress", "never", "--jobs", "1").returncode == 0
    second = colleague / "second.wacz"
    made = _run(colleague, "export", "--wacz", second)
    assert made.returncode == 0, made.stdout + made.stderr
    ids, named, infos = _warcinfo_links(second)
    assert named and set(named) <= ids, sorted(set(named) - ids)  # every WARC-Warcinfo-ID names a record it holds
    assert any(b"Wget/" in info for info in infos), infos  # and the package still says wget wrote them
    checked = run_wacz_validate(second)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr


def test_reindex_of_a_read_only_archive_is_one_usage_error(tmp_path):
    """A read-only WARC folder (a snapshot's mount; ``chattr +i`` stands in, as in test_cli_unwritable.py) without a
    lock file yet (a folder copied without its dot files): ``reindex`` ended in an ``ArchiveUnwritable`` traceback."""
    import shutil
    import subprocess

    import pytest

    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    finally:
        site.stop()
    warcs = tmp_path / "warcs"
    (warcs / ".archiver.lock").unlink()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(warcs)]).returncode != 0:
        pytest.skip("chattr +i does not work here")
    try:
        try:
            (warcs / ".probe").touch()
        except OSError:
            pass
        else:
            pytest.skip("an immutable folder is still writable here")
        done = _run(tmp_path, "reindex")
        listed = _run(tmp_path, "list")  # reading it still works
    finally:
        subprocess.run(["chattr", "-i", str(warcs)], check=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"cannot write {warcs / '.archiver.lock'}" in done.stderr and "writable" in done.stderr, done.stderr
    assert listed.returncode == 0 and urls["stays"] in listed.stdout, listed.stdout + listed.stderr


def test_an_imported_wacz_is_said_to_be_replayed_as_it_is_not_from_index_cdxj(tmp_path):
    """index.cdxj holds WARC files only: a WACZ imported from inside the folder left it without a word (pywb pointed
    at the folder found nothing), and one from outside was told to be copied in, which indexes nothing either."""
    import shutil

    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["stays"]])
        fetched = _run(tmp_path, "run", lst, "--delay", "0", "--progress", "never", *site.client_flags())
        assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    finally:
        site.stop()
    wacz = tmp_path / "news.wacz"
    assert _run(tmp_path, "export", "--wacz", wacz).returncode == 0
    other = tmp_path / "other"
    (other / "warcs").mkdir(parents=True)
    inside = shutil.copy(wacz, other / "warcs" / "news.wacz")
    done = _run(other, "import", inside)
    assert done.returncode == 0 and "1 capture added" in done.stdout, done.stdout + done.stderr
    assert not (other / "warcs" / "index.cdxj").exists() or urls["stays"] not in (other / "warcs" / "index.cdxj").read_text()
    told = [line for line in done.stdout.splitlines() if line.startswith("index.cdxj:")]
    assert len(told) == 1 and "1 WACZ not in the index" in told[0] and "--unpack-wacz" in told[0], done.stdout

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = _run(elsewhere, "import", wacz)
    told = [line for line in again.stdout.splitlines() if line.startswith("index.cdxj:")]
    assert len(told) == 1 and "1 WACZ not in the index" in told[0], again.stdout
    assert "copy the file into the folder" not in again.stdout, again.stdout  # a copy would not be indexed either


def test_a_recompressed_copy_as_the_readme_advises_adds_no_capture_and_fills_index_cdxj(tmp_path):
    """A crawl gzipped as one stream (``gzip crawl.warc``) is imported; index.cdxj leaves it out and says to run
    ``warcio recompress``; the recompressed copy, put in the WARC folder and imported, added every capture again
    (its offsets and lengths differ): each URL had twice its captures in list, history and search."""
    import shutil
    import subprocess

    import pytest

    warcio = shutil.which("warcio")
    if warcio is None:
        pytest.skip("warcio's command line is not installed")
    site, urls = _site(tmp_path)
    try:
        crawl = _wget_crawl(tmp_path, urls["stays"].replace(NEWS, "127.0.52.2"))
    finally:
        site.stop()
    plain = crawl.with_suffix("")  # crawl.warc
    plain.write_bytes(gzip.decompress(crawl.read_bytes()))
    one_stream = tmp_path / "one-stream.warc.gz"
    one_stream.write_bytes(gzip.compress(plain.read_bytes()))  # what `gzip crawl.warc` makes
    first = _run(tmp_path, "import", one_stream)
    assert first.returncode == 0 and "warcio recompress" in first.stdout, first.stdout + first.stderr
    listed = _run(tmp_path, "list", "--format", "json").stdout
    (tmp_path / "warcs").mkdir(exist_ok=True)
    fixed = tmp_path / "warcs" / "fixed.warc.gz"
    subprocess.run([warcio, "recompress", str(one_stream), str(fixed)], check=True, capture_output=True, timeout=300)
    again = _run(tmp_path, "import", fixed)
    assert again.returncode == 0 and " 0 captures added" in again.stdout, again.stdout + again.stderr
    assert f"its records are in the catalog from {one_stream}" in again.stdout, again.stdout
    assert _run(tmp_path, "list", "--format", "json").stdout == listed  # the same captures, no more
    index = (tmp_path / "warcs" / "index.cdxj").read_text()
    assert "fixed.warc.gz" in index and "127.0.52.2" in index  # and the copy replays from the folder


def test_a_folder_given_to_import_is_told_as_a_folder_with_the_files_to_name(tmp_path):
    """``archiver import crawls/`` (pywb's and ArchiveBox's habit: a folder of WARCs) said ``no such WARC file:
    crawls``, of a folder that is there."""
    import glob
    import re

    from archivekit import http_response, write_warc

    crawls = tmp_path / "my crawls"
    crawls.mkdir()
    write_warc(crawls / "a.warc.gz", [http_response("http://127.0.52.2/a", "<html><body><p>A story.</p></body></html>")])
    write_warc(crawls / "b.warc", [http_response("http://127.0.52.2/b", "<html><body><p>B story.</p></body></html>")],
               layout="plain")
    for command in ("import", "reindex"):
        (tmp_path / "warcs").mkdir(exist_ok=True)
        done = _run(tmp_path, command, crawls)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert f"{crawls} is a folder, not a WARC file" in done.stderr and "2 WARC files there" in done.stderr, \
            done.stderr
    # the globs it gives, as a shell expands them, import both files
    shown = re.search(r"archiver reindex (.*): 2 WARC files", done.stderr).group(1)
    named = [p for pattern in re.findall(r"'([^']*)'(/\*\S+)", shown) for p in glob.glob(pattern[0] + pattern[1])]
    assert sorted(named) == [str(crawls / "a.warc.gz"), str(crawls / "b.warc")], shown
    imported = _run(tmp_path, "import", *named)
    assert imported.returncode == 0 and "2 files, 2 captures added" in imported.stdout, imported.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds none" in _run(tmp_path, "import", empty).stderr
