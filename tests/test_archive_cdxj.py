"""``warcs/index.cdxj``: written after each fetch, import and reindex; the same lines cdxj-indexer writes, sorted.

After a fetch the lines of the new files are made by the WARC writer (archiver.cdxj_entries), after an
import or reindex by cdxj-indexer; either way they must be exactly what ``cdxj-indexer --sort`` prints.
"""
from __future__ import annotations

import json
import re

import httpx
from archivekit import Archive, fetch, http_response, news_site, write_warc
from warckit import cdxj_reference as reference_lines
from warckit import pywb_replay

# mend70 (nuser48 finding 11): before, "(6 lines; lines of 1 made while writing)"
WRITTEN = re.compile(r"index\.cdxj: indexed 1 WARC file \(\d+ lines?, made while writing it\)")


def test_index_after_each_fetch_matches_cdxj_indexer(tmp_path):
    site, urls = news_site(tmp_path)
    archive = Archive(tmp_path, site, urls)
    try:
        done = fetch(archive, "one.txt", [urls["otters"], urls["old-bridge"]])
        assert WRITTEN.search(done.stdout + done.stderr), done.stdout + done.stderr  # not read back with cdxj-indexer
        index = archive.warcs / "index.cdxj"
        first = index.read_text().splitlines()
        files = sorted(archive.warcs.glob("*.warc.gz"))
        assert len(files) == 1 and first == reference_lines(files)
        assert first == sorted(first)
        assert any(line.startswith("test,example-news:") and ")/otters " in line for line in first)  # SURT keys
        assert all("application/warc-fields" not in line for line in first)  # capture metadata is not replayed

        fetch(archive, "two.txt", [urls["post"]])
        files = sorted(archive.warcs.glob("*.warc.gz"))
        second = index.read_text().splitlines()
        assert len(files) == 2 and second == reference_lines(files) and set(first) < set(second)

        # --refresh: unchanged pages come back as revisit records (mime warc/revisit), indexed while writing
        done = fetch(archive, "three.txt", [urls["otters"]], "--refresh")
        assert WRITTEN.search(done.stdout + done.stderr), done.stdout + done.stderr
        files = sorted(archive.warcs.glob("*.warc.gz"))
        second = index.read_text().splitlines()
        assert len(files) == 3 and second == reference_lines(files)
        assert any('"mime": "warc/revisit"' in line for line in second)

        # a foreign file dropped into the folder and imported joins the index; a one-stream gzip file is left out
        write_warc(archive.warcs / "other.warc.gz", [http_response("http://www.example.org/x", "<p>x</p>")])
        write_warc(archive.warcs / "stream.warc.gz", [http_response("http://www.example.org/y", "<p>y</p>")],
                   layout="gzip-stream")
        imported = archive.run("import", str(archive.warcs / "other.warc.gz"), str(archive.warcs / "stream.warc.gz"))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert "left out stream.warc.gz: one gzip stream" in imported.stdout
        third = index.read_text().splitlines()
        assert third == reference_lines(sorted(archive.warcs.glob("archiver-*.warc.gz")) + [archive.warcs / "other.warc.gz"])

        # pywb serves the WARC folder with this index as it is
        with pywb_replay(sorted(archive.warcs.glob("archiver-*.warc.gz")), tmp_path / "pywb") as prefix:
            got = httpx.get(prefix + urls["otters"], timeout=60)
            assert got.status_code == 200 and b"Zanzibarian otters" in got.content

        # derived state: deleted, it comes back
        index.unlink()
        assert archive.run("reindex").returncode == 0
        assert index.read_text().splitlines() == third
    finally:
        site.stop()


def test_a_cut_file_whose_lines_were_dropped_before_a_crash_is_indexed_next_time(tmp_path):
    """update_index drops a cut file's lines, then merges the lines of its whole records back. A process dying
    between the two left the file unknown to the index; the next call read it with cdxj-indexer, which raises
    at some cuts (the file stayed out of the index for good) and at others gave a line for the record it cuts."""
    from archiver.archive.cdxj import INDEX_NAME, _stale, drop_files, indexed_ends, merge_into, update_index

    folder = tmp_path / "warcs"
    folder.mkdir()
    path = write_warc(folder / "a.warc.gz", [http_response(f"http://www.example.org/{n}", f"<p>page {n}</p>" * 50)
                                             for n in range(4)])
    assert update_index(folder) == ["a.warc.gz"]
    index = folder / INDEX_NAME
    whole = index.read_text().splitlines()
    assert len(whole) == 4
    last = json.loads(whole[-1][whole[-1].index("{"):])
    start, length = int(last["offset"]), int(last["length"])
    data = path.read_bytes()
    for cut_at in range(start + 1, start + length, 9):  # cdxj-indexer raises at some cuts, gives a line at others
        path.write_bytes(data[:cut_at])
        assert _stale(folder, indexed_ends(index)) == ([], ["a.warc.gz"])
        drop_files(index, {"a.warc.gz"})  # as update_index does first ... and the process dies here
        assert update_index(folder) == ["a.warc.gz"], cut_at
        assert index.read_text().splitlines() == whole[:3], cut_at
        merge_into(index, [whole[3] + "\n"])  # the index as before the cut, for the next cut point


def test_py_wacz_imported_in_the_same_process_does_not_put_warcinfo_records_in_the_index(tmp_path):
    """py-wacz appends ``warcinfo`` to cdxj-indexer's shared ``CDXJIndexer.DEFAULT_RECORDS`` when
    ``wacz.waczindexer`` is imported; the index then got a line for each warcinfo record (this file failed when
    run after tests/test_export_provenance.py, which imports py-wacz in the test process)."""
    import wacz.waczindexer  # noqa: F401  (imported for its side effect on cdxj-indexer)

    from archiver.archive.cdxj import INDEX_NAME, cdxj_lines, lines_to_cut, update_index

    folder = tmp_path / "warcs"
    folder.mkdir()
    path = write_warc(folder / "a.warc.gz", [http_response(f"http://www.example.org/{n}", "<p>page</p>" * 50)
                                             for n in range(2)])
    assert update_index(folder) == ["a.warc.gz"]
    lines = (folder / INDEX_NAME).read_text().splitlines()
    assert lines == reference_lines([path]) and len(lines) == 2, lines  # no "- TIMESTAMP {warc-fields ...}" line
    assert len(cdxj_lines(path)) == len(lines_to_cut(path)) == 2
