"""review46's findings 6, 7, 11 and 12, mended by mend47: a failure-only WARC imported elsewhere is told as failed
attempts (no replay advice), the export summary counts pages with text only, a leftover index.cdxj.lock goes, and
a WARC with no index line is read by the index update once. Real loopback fetches, WARCs, catalogs and the CLI."""
from __future__ import annotations

import json
import zipfile

from sitekit import free_port, run_archiver, write_list


def _failure_only(tmp_path, last: str):
    """Fetch two URLs of a loopback port nobody listens on: the run keeps a WARC of their failures only."""
    port = free_port(f"127.0.47.{last}")
    urls = [f"http://127.0.47.{last}:{port}/{c}" for c in "ab"]
    flags = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "cat.db"]
    run = run_archiver("fetch", write_list(tmp_path / "urls.txt", urls), *flags, "--retries", "0",
                       "--progress", "never", cwd=tmp_path)
    assert run.returncode != 0 or "failed" in run.stdout + run.stderr
    return next((tmp_path / "warcs").glob("*.warc.gz")), flags


def test_failure_only_warc_imported_elsewhere_is_told_as_failed_attempts(tmp_path):
    warc, _ = _failure_only(tmp_path, "11")
    other = run_archiver("import", warc, "--warcs", tmp_path / "w2", "--db", tmp_path / "c2.db", cwd=tmp_path)
    said = other.stdout + other.stderr
    assert other.returncode == 0, said
    assert "0 captures added, 2 failed attempts recorded" in said, said
    assert "2 captures added" not in said
    assert "export --wacz" not in said and "to replay, export" not in said, said  # export would exit 2: nothing to replay
    listing = run_archiver("list", "--warcs", tmp_path / "w2", "--db", tmp_path / "c2.db", cwd=tmp_path)
    assert "2 failed" in listing.stdout + listing.stderr


def _page_warc(path, urls):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    body = (b"<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
            + b"".join(b"<p>The harbour council says the old bridge closes in March for repairs. Part %d.</p>" % i
                       for i in range(6)) + b"</article></body></html>")
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url in urls:
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")))
    return path


def test_export_counts_only_pages_with_text(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    flags = ["--warcs", warcs, "--db", tmp_path / "cat.db"]
    imp = run_archiver("import", _page_warc(warcs / "a.warc.gz", ["http://n.test/a"]), *flags, cwd=tmp_path)
    assert imp.returncode == 0, imp.stdout + imp.stderr
    out = run_archiver("export", "--wacz", tmp_path / "out.wacz", *flags, cwd=tmp_path)
    said = out.stdout + out.stderr
    assert out.returncode == 0, said
    with zipfile.ZipFile(tmp_path / "out.wacz") as zf:
        pages = [json.loads(line) for line in zf.read("pages/pages.jsonl").decode().splitlines()[1:]]
    assert len(pages) == 1 and "text" not in pages[0]  # imported, never extracted
    assert "0 pages with text, 1 page without" in said, said
    assert "1 page with text" not in said
    ext = run_archiver("extract", *flags, cwd=tmp_path)
    assert ext.returncode == 0, ext.stdout + ext.stderr
    again = run_archiver("export", "--wacz", tmp_path / "out2.wacz", *flags, cwd=tmp_path)
    assert "1 page with text" in again.stdout + again.stderr and "without" not in again.stdout + again.stderr


def test_a_leftover_index_lock_goes_when_the_index_is_updated(tmp_path):
    """Versions before 2026-12-05 locked ``warcs/index.cdxj.lock`` and left it there; the folder lock replaced it,
    so nothing removed an old one."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    (warcs / "index.cdxj.lock").write_text("")  # an older version's leftover
    warc = _page_warc(tmp_path / "out.warc.gz", ["http://n.test/a"])
    (warcs / "a.warc.gz").write_bytes(warc.read_bytes())
    imp = run_archiver("import", warcs / "a.warc.gz", "--warcs", warcs, "--db", tmp_path / "cat.db", cwd=tmp_path)
    assert imp.returncode == 0, imp.stdout + imp.stderr
    assert "a.warc.gz" in (warcs / "index.cdxj").read_text()
    assert not (warcs / "index.cdxj.lock").exists(), sorted(p.name for p in warcs.iterdir())


def test_a_leftover_lock_an_old_process_holds_is_kept(tmp_path):
    import fcntl

    from archiver.archive.cdxj import update_index
    folder = tmp_path / "warcs"
    folder.mkdir()
    _page_warc(folder / "a.warc.gz", ["http://n.test/a"])
    with open(folder / "index.cdxj.lock", "a") as held:  # an older version's run, still going
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert update_index(folder) == ["a.warc.gz"]
        assert (folder / "index.cdxj.lock").exists()
    assert update_index(folder) == [] and not (folder / "index.cdxj.lock").exists()


def test_a_warc_with_no_index_line_is_read_once(tmp_path):
    """A failure-only WARC (warcinfo and metadata records) gives cdxj-indexer no line: each later index update
    read it again and returned it as added."""
    import archiver.archive.cdxj as cdxj

    warc, flags = _failure_only(tmp_path, "12")
    folder = warc.parent
    assert cdxj.cdxj_lines(warc) == []
    reads: list[str] = []
    real = cdxj.cdxj_lines

    def counted(path, *a, **k):  # the real indexer runs; the reads are counted
        reads.append(path.name)
        return real(path, *a, **k)

    cdxj.cdxj_lines = counted
    try:
        added = [cdxj.update_index(folder) for _ in range(3)]
    finally:
        cdxj.cdxj_lines = real
    assert reads.count(warc.name) == 0 and added == [[], [], []], (reads, added)  # the fetch's update remembered it
    # a later run (a real fetch again: a second failure-only file) reads only its own new file
    again = run_archiver("fetch", tmp_path / "urls.txt", *flags, "--retries", "0", "--progress", "never",
                         cwd=tmp_path)
    assert "Traceback" not in again.stderr
    assert len(list(folder.glob("*.warc.gz"))) == 2
    cdxj.cdxj_lines = counted
    try:
        assert cdxj.update_index(folder) == []
    finally:
        cdxj.cdxj_lines = real
    assert reads == [], reads
    # grown (or replaced) since: read again
    with open(warc, "ab") as fh:
        fh.write(_page_warc(tmp_path / "x.warc.gz", ["http://n.test/late"]).read_bytes())
    assert cdxj.update_index(folder) == [warc.name]
    assert "n.test" in (folder / "index.cdxj").read_text()


def test_the_search_upgrade_mend_lets_a_writer_in_between_batches(tmp_path, monkeypatch):
    """review46 finding 9: the alt column's re-index after an upgrade (search.ALT_VERSION) was one write
    transaction over a fetchall of every page: a cron fetch meanwhile waited and stopped "catalog locked". Now
    batches of search.ALT_BATCH versions, each committed; the version row last. Three pages, batches of one here."""
    import sqlite3

    from archiver import search
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    urls = [f"http://n.test/{c}" for c in "abc"]
    flags = ["--warcs", warcs, "--db", tmp_path / "cat.db"]
    for args in (("import", _page_warc(warcs / "a.warc.gz", urls)), ("extract", "--clean", tmp_path / "clean")):
        out = run_archiver(*args, *flags, cwd=tmp_path)
        assert out.returncode == 0, out.stdout + out.stderr
    db = str(tmp_path / "cat.db")
    with sqlite3.connect(db) as old:  # as an older archiver left it: no alt, no mend of this version
        old.execute("UPDATE search_text SET title = title || ?, alt = NULL", ("\u00ad",))  # a soft hyphen: mended
        old.execute("DELETE FROM search_alt_mended")
        versions = old.execute("SELECT COUNT(*) FROM search_text").fetchone()[0]
    assert versions >= 2, versions
    monkeypatch.setattr(search, "ALT_BATCH", 1, raising=False)  # (main had none)
    conn = sqlite3.connect(db)
    other = sqlite3.connect(db, timeout=0)  # a fetch that cannot wait
    seen, let_in = [], []

    def statement(sql: str) -> None:
        seen.append(sql)
        if sql.startswith("SELECT rowid, title, body, alt FROM search_text") and any(
                s.startswith("UPDATE search_text") for s in seen):
            try:
                other.execute("BEGIN IMMEDIATE")  # the write lock, taken and given back
                other.execute("ROLLBACK")
                let_in.append(True)
            except sqlite3.OperationalError:
                let_in.append(False)

    conn.set_trace_callback(statement)
    assert search.mend_alt(conn) == versions
    conn.set_trace_callback(None)
    assert let_in and all(let_in), let_in  # another writer got the lock between the batches
    assert search.alt_current(conn)
    last = [s for s in seen if "search_alt_mended" in s][-1]
    assert last.startswith("INSERT INTO search_alt_mended"), seen
    assert [s for s in seen if s.startswith("UPDATE search_text")] and seen.index(last) > max(
        i for i, s in enumerate(seen) if s.startswith("UPDATE search_text"))
    assert conn.execute("SELECT COUNT(*) FROM search_text WHERE alt IS NULL").fetchone()[0] == 0
    conn.close()
    other.close()
