"""``archiver reindex``: the catalog comes back from the WARC folder alone, and a damaged one is caught.

A real fetch (two list files, a redirect, a 404, a robots.txt refusal, a host
that refuses connections, a --refresh that writes revisits) and a real
extraction; then the catalog is deleted (or overwritten with junk), ``archiver
reindex`` rebuilds it, and the rows and the clean files must come back as they were.
"""
from __future__ import annotations

import shutil

import pytest
from archivekit import Archive, fetch, news_site, rows, tree_digest
from sitekit import free_port

CAPTURE_COLUMNS = ("id, url, final_url, fetched_at, state, reason, http_status, content_type, payload_digest, "
                   "record_type, refers_to, warc_file, warc_offset, warc_length, truncated, list_file, list_line, "
                   "worker")
RECORD_COLUMNS = ("capture_id, url, record_type, http_status, content_type, payload_digest, warc_file, "
                  "warc_offset, warc_length, warc_date")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("reindex")
    site, urls = news_site(root)
    archive = Archive(root, site, urls)
    try:
        dead = f"http://127.0.0.1:{free_port()}/nothing-listens"
        first = fetch(archive, "news.txt", [urls["otters"], urls["old-bridge"], urls["gone"], urls["private"], dead])
        assert first.returncode == 1, first.stdout + first.stderr  # the 404, the refusal, the dead host
        second = fetch(archive, "blog.txt", [urls["post"], urls["otters"]], "--refresh")
        assert second.returncode == 0, second.stdout + second.stderr
        extracted = archive.extract()
        assert extracted.returncode == 0, extracted.stdout + extracted.stderr
        yield archive
    finally:
        site.stop()


def snapshot(archive: Archive) -> tuple[list[tuple], list[tuple]]:
    captures = rows(archive.db, f"SELECT {CAPTURE_COLUMNS} FROM captures ORDER BY id")
    records = rows(archive.db, f"SELECT {RECORD_COLUMNS} FROM records ORDER BY warc_file, warc_offset")
    return captures, records


def test_reindex_gives_back_the_same_rows_and_clean_files(archive):
    captures, records = snapshot(archive)
    # the fixture made what the round trip must carry: every outcome, both lists, a revisit
    assert any(c[4] == "failed" and c[11] is None for c in captures)  # the dead host: no record at all
    assert {c[4] for c in captures} == {"captured", "failed"}
    assert {c[15].rsplit("/", 1)[-1] for c in captures} == {"news.txt", "blog.txt"}
    assert any(c[9] == "revisit" and c[10] for c in captures)
    assert any(r[0] is None for r in records)  # robots.txt belongs to no capture
    assert any(c[2] != c[1] for c in captures)  # the redirect
    clean_before = tree_digest(archive.clean)
    archive.db.unlink()
    for suffix in ("-wal", "-shm"):
        archive.db.with_name(archive.db.name + suffix).unlink(missing_ok=True)
    shutil.rmtree(archive.clean)

    rebuilt = archive.run("reindex")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert snapshot(archive) == (captures, records)

    again = archive.extract("--all")
    assert again.returncode == 0, again.stdout + again.stderr
    assert tree_digest(archive.clean) == clean_before

    # reindexing a sound catalog again gives the same rows and keeps the old one aside
    twice = archive.run("reindex")
    assert twice.returncode == 0 and "kept as" in twice.stdout
    assert snapshot(archive) == (captures, records)
    archive.extract("--all")


def test_import_of_own_files_adds_nothing(archive):
    before = snapshot(archive)
    files = sorted(str(p) for p in archive.warcs.glob("*.warc.gz"))
    again = archive.run("import", *files)
    assert again.returncode == 0, again.stdout + again.stderr
    assert " 0 captures added" in again.stdout
    assert snapshot(archive) == before


def test_damaged_catalog_is_reported_with_the_remedy(archive):
    good = snapshot(archive)
    data = bytearray(archive.db.read_bytes())
    for suffix in ("-wal", "-shm"):
        archive.db.with_name(archive.db.name + suffix).unlink(missing_ok=True)
    archive.db.write_bytes(b"this is not a database, it was overwritten " * 100)
    for command in (["extract", "--clean", str(archive.clean)], ["search", "otters"], ["import", str(archive.db)]):
        proc = archive.run(*command)
        assert proc.returncode == 2, (command, proc.stdout, proc.stderr)
        assert "archiver reindex" in proc.stderr and "damaged" in proc.stderr
        assert "Traceback" not in proc.stderr
    # a catalog torn in the middle (a page of the b-tree zeroed) is caught by the quick check too
    data[4096 * 2: 4096 * 3] = b"\0" * 4096
    archive.db.write_bytes(bytes(data))
    torn = archive.run("search", "otters")
    assert torn.returncode == 2 and "archiver reindex" in torn.stderr, torn.stderr

    fixed = archive.run("reindex")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    kept = list(archive.warcs.glob("catalog.sqlite3.damaged-*"))
    assert kept, "the damaged catalog is kept aside, not deleted"
    assert snapshot(archive) == good
