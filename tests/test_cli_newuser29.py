"""A new user's walk, session 29 (nu29): a web archivist bringing other tools' WARCs and WACZs into
archiver (wget, Heritrix- and Browsertrix-like files written with warcio, a WACZ made by py-wacz),
then exporting and replaying them with standard tools.

- ``export --wacz`` could not copy any record of an imported WACZ: it asked the ``.wacz`` for its WARC
  layout, which refused the zip ("not a WARC file (it starts with b'PK...')"), so every capture the
  WACZ brought was left out (exit 1) although ``extract`` read the same records at the same offsets.
"""
from __future__ import annotations

import io
import zipfile

from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = ("<html><head><title>Old bridge closes</title></head><body><article><h1>Old bridge closes</h1>"
        "<p>The old bridge over the harbour will close for eighteen months while engineers replace its "
        "rusted cables, the council said on Monday.</p><p>Commuters will be diverted to the ferry, which "
        "will run every ten minutes during the rush hour, the transport department said.</p></article>"
        "</body></html>").encode()


def _crawler_wacz(tmp_path):
    """A WACZ as py-wacz packs another crawler's WARC: a response and its revisit a week later."""
    from wacz.main import main as wacz_main

    warc = tmp_path / "crawl.warc.gz"
    url = "http://news.example.test/bridge"
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(PAGE)))], protocol="HTTP/1.1")
        first = w.create_warc_record(url, "response", payload=io.BytesIO(PAGE), http_headers=http,
                                     warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z"})
        w.write_record(first)
        again = w.create_revisit_record(url, first.rec_headers.get_header("WARC-Payload-Digest"), url,
                                        "2026-11-01T10:00:00Z", http_headers=http)
        again.rec_headers.replace_header("WARC-Date", "2026-11-08T10:00:00Z")
        w.write_record(again)
    wacz = tmp_path / "crawl.wacz"
    assert wacz_main(["create", "-o", str(wacz), str(warc)]) == 0
    warc.unlink()  # the WACZ is all the archivist has
    return wacz


def test_an_imported_wacz_is_exported_again(tmp_path):
    wacz = _crawler_wacz(tmp_path)
    got = run_archiver("import", wacz, cwd=tmp_path)
    assert got.returncode == 0 and "2 captures added" in got.stdout, got.stdout + got.stderr
    assert run_archiver("extract", "--jobs", "1", cwd=tmp_path).returncode == 0
    out = run_archiver("export", "--wacz", "out.wacz", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "not copied" not in out.stdout + out.stderr, out.stdout + out.stderr
    with zipfile.ZipFile(tmp_path / "out.wacz") as zf:
        names = [n for n in zf.namelist() if n.startswith("archive/")]
        kinds = []
        for name in names:
            for rec in ArchiveIterator(io.BytesIO(zf.read(name))):
                if rec.rec_type in ("response", "revisit"):
                    kinds.append((rec.rec_type, rec.rec_headers.get_header("WARC-Date")))
                    if rec.rec_type == "response":
                        assert b"rusted cables" in rec.content_stream().read()
        pages = zf.read("pages/pages.jsonl").decode()
    assert sorted(kinds) == [("response", "2026-11-01T10:00:00Z"), ("revisit", "2026-11-08T10:00:00Z")], kinds
    assert "rusted cables" in pages
