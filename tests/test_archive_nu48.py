"""A redirected capture of archiver's own WARC, gzipped whole, recompressed as import advises (nu48).

``warcio recompress X.warc.gz X-records.warc.gz && archiver import X-records.warc.gz``, then X moved out of the
folder: the copy is to take the captures over. For a capture with redirect hops, before 2026-12-06 an archiver
WARC's copy was added again (every capture and record row twice, the first set naming the gone file, so export
said 'not copied ... exit 1'), and ``_copy_of`` rebound only the final record's row, never the hops'. Real
loopback server (127.0.48.x) redirecting twice, a real fetch, warcio's recompress, ``wacz validate``, and every
record the catalog names read back with warcio at its offset."""
from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archivekit import article, paras, rows
from sitekit import Response, Site, redirect, run_archiver, write_list
from warcio.archiveiterator import ArchiveIterator


def run(root: Path, *args) -> subprocess.CompletedProcess:
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def _fetched_stream(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fetch of /r1 -> /r2 -> /final (and /story) into a folder of its own; its WARC gzipped as one stream into
    ``tmp_path/warcs/crawl.warc.gz``."""
    site = Site(tmp_path / "site")
    host = site.host("127.0.48.31", address="127.0.48.31")
    host.route("/r1", redirect("/r2", 301))
    host.route("/r2", redirect("/final"))
    host.route("/final", Response(body=article("Final landing", paras("gamma", special="The final word."))))
    host.route("/story", Response(body=article("Harbour story", paras("delta", special="The crane."))))
    host.route("/robots.txt", Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"))
    site.start()
    urls = {p: host.url(f"/{p}") for p in ("r1", "r2", "final", "story")}
    src = tmp_path / "src"
    src.mkdir()
    try:
        got = run_archiver("fetch", write_list(tmp_path / "l.txt", [urls["r1"], urls["story"]]), "--warcs",
                           src / "warcs", "--delay", "0", "--progress", "never", cwd=src, timeout=600)
    finally:
        site.stop()
    assert got.returncode == 0 and "2 captured" in got.stdout, got.stdout + got.stderr
    (warc,) = (src / "warcs").glob("*.warc.gz")
    (tmp_path / "warcs").mkdir()
    stream = tmp_path / "warcs" / "crawl.warc.gz"
    stream.write_bytes(gzip.compress(gzip.decompress(warc.read_bytes())))
    return stream, urls


def _read_back(warcs: Path, catalog_rows: list[tuple]) -> list[str]:
    """Every (file, offset, url) the catalog names, read with warcio at its offset: the target URI of each."""
    got = []
    for name, offset, url in catalog_rows:
        with open(warcs / name, "rb") as fh:
            fh.seek(offset)
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_headers.get_header("WARC-Target-URI") == url, (name, offset, url)
            got.append(url)
    return got


@pytest.mark.parametrize("order", ["import the copy, then move the stream out", "move the stream out, then import"])
def test_a_redirected_capture_recompressed_is_read_whole_from_the_copy(tmp_path, order):
    warcio = shutil.which("warcio") or pytest.skip("warcio's command line is not installed")
    stream, urls = _fetched_stream(tmp_path)
    first = run(tmp_path, "import", stream)
    assert first.returncode == 0 and "2 captures added" in first.stdout, first.stdout + first.stderr
    db = tmp_path / "warcs" / "catalog.sqlite3"
    hop_rows = rows(db, "SELECT COUNT(*) FROM records WHERE capture_id IS NOT NULL")
    assert hop_rows == [(4,)], hop_rows  # r1, r2, final; story
    listed = run(tmp_path, "list", "--format", "json").stdout
    copy = tmp_path / "warcs" / "crawl-records.warc.gz"
    subprocess.run([warcio, "recompress", str(stream), str(copy)], check=True, capture_output=True, timeout=300)
    aside = tmp_path / "aside"
    aside.mkdir()
    if order.startswith("move"):
        stream.rename(aside / stream.name)
    again = run(tmp_path, "import", copy)
    assert again.returncode == 0 and " 0 captures added, 2 already in the catalog" in again.stdout, again.stdout
    assert "catalog reads them from here now" in again.stdout, again.stdout
    if order.startswith("import"):
        stream.rename(aside / stream.name)
    assert run(tmp_path, "list", "--format", "json").stdout == listed  # the same captures, no more
    # every row, the hops' and robots.txt's too, names the copy, once, and warcio reads each record there
    assert rows(db, "SELECT DISTINCT warc_file FROM captures UNION SELECT DISTINCT warc_file FROM records") == \
        [("crawl-records.warc.gz",)]
    named = rows(db, "SELECT warc_file, warc_offset, url FROM records ORDER BY warc_offset")
    assert sorted(_read_back(tmp_path / "warcs", named)) == sorted(
        [urls["r1"], urls["r2"], urls["final"], urls["story"], urls["r1"].replace("/r1", "/robots.txt")])
    _read_back(tmp_path / "warcs", rows(db, "SELECT warc_file, warc_offset, final_url FROM captures"))
    made = run(tmp_path, "export", "--wacz", tmp_path / "crawl.wacz")
    assert made.returncode == 0 and "2 captures" in made.stdout, made.stdout + made.stderr
    assert "not copied" not in made.stdout + made.stderr
    wacz = shutil.which("wacz")
    check = subprocess.run([*([wacz] if wacz else [sys.executable, "-m", "wacz"]), "validate", "-f",
                            str(tmp_path / "crawl.wacz")], capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    index = (tmp_path / "warcs" / "index.cdxj").read_text().splitlines()
    assert sorted(line.split()[0].split(")", 1)[1] for line in index) == ["/final", "/r1", "/r2", "/robots.txt",
                                                                          "/story"], index
    assert all('"filename": "crawl-records.warc.gz"' in line for line in index), index
