"""A new user's walk, session 29 (nu29): a web archivist bringing other tools' WARCs and WACZs into
archiver (wget, Heritrix- and Browsertrix-like files written with warcio, a WACZ made by py-wacz),
then exporting and replaying them with standard tools.

- ``export --wacz`` could not copy any record of an imported WACZ: it asked the ``.wacz`` for its WARC
  layout, which refused the zip ("not a WARC file (it starts with b'PK...')"), so every capture the
  WACZ brought was left out (exit 1) although ``extract`` read the same records at the same offsets.
- An exported WACZ did not say where its captures came from: records copied from wget's or a crawler's
  WARC kept their ``WARC-Warcinfo-ID``, naming a ``warcinfo`` record the export left behind (a dangling
  reference, and the tool that made each capture lost). Each source WARC's warcinfo is now copied once;
  an exported WACZ imported back still adds nothing.
"""
from __future__ import annotations

import io
import json
import zipfile

from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from warckit import rot, write_responses

PAGE = (b"<html><head><title>Old bridge closes</title></head><body><article><h1>Old bridge closes</h1>"
        b"<p>The old bridge over the harbour will close for eighteen months while engineers replace its "
        b"rusted cables, the council said on Monday.</p><p>Commuters will be diverted to the ferry, which "
        b"will run every ten minutes during the rush hour, the transport department said.</p></article>"
        b"</body></html>")


def _crawler_wacz(tmp_path):
    """A WACZ as py-wacz packs another crawler's WARC: a response and its revisit a week later."""
    from wacz.main import main as wacz_main

    warc = tmp_path / "crawl.warc.gz"
    url = "http://news.example.test/bridge"
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        info = w.create_warcinfo_record("crawl.warc.gz", {"software": "Browsertrix-Crawler 1.0.4",
                                                           "isPartOf": "harbour-news-2026"})
        w.write_record(info)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(PAGE)))], protocol="HTTP/1.1")
        first = w.create_warc_record(url, "response", payload=io.BytesIO(PAGE), http_headers=http,
                                     warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z",
                                                        "WARC-Warcinfo-ID": info_id})
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
        kinds, ids, infos, refs = [], set(), [], []
        for name in names:
            for rec in ArchiveIterator(io.BytesIO(zf.read(name))):
                ids.add(rec.rec_headers.get_header("WARC-Record-ID"))
                if rec.rec_headers.get_header("WARC-Warcinfo-ID"):
                    refs.append(rec.rec_headers.get_header("WARC-Warcinfo-ID"))
                if rec.rec_type == "warcinfo":
                    infos.append(rec.content_stream().read().decode())
                if rec.rec_type in ("response", "revisit"):
                    kinds.append((rec.rec_type, rec.rec_headers.get_header("WARC-Date")))
                    if rec.rec_type == "response":
                        assert b"rusted cables" in rec.content_stream().read()
        pages = zf.read("pages/pages.jsonl").decode()
    assert sorted(kinds) == [("response", "2026-11-01T10:00:00Z"), ("revisit", "2026-11-08T10:00:00Z")], kinds
    assert "rusted cables" in pages
    # provenance: the crawler's warcinfo came along, so the response's WARC-Warcinfo-ID names a record in it
    assert refs and all(ref in ids for ref in refs), (refs, ids)
    assert any("Browsertrix-Crawler 1.0.4" in info and "harbour-news-2026" in info for info in infos), infos
    assert "the warcinfo of 1 source file" in out.stdout, out.stdout
    back = run_archiver("import", "out.wacz", cwd=tmp_path)  # into the archive it came from: nothing new
    assert back.returncode == 0 and "0 captures added, 2 already in the catalog" in back.stdout, back.stdout
    colleague = tmp_path / "colleague"
    colleague.mkdir()
    got = run_archiver("import", tmp_path / "out.wacz", cwd=colleague)
    assert got.returncode == 0 and "2 captures added" in got.stdout, got.stdout + got.stderr


def test_history_names_a_capture_whose_record_fails_its_block_digest(tmp_path):
    """Import checks each record's WARC-Block-Digest and keeps a failing one with a reason saying so, but
    ``history`` showed its changed text as "extraction changed only, not an edit" and nothing else: the
    archivist could not tell bit rot from an extraction change without opening the catalog."""
    warc = tmp_path / "rot.warc"
    url = "http://news.example.test/bridge"
    write_responses(warc, url, [("2026-11-01T10:00:00Z", PAGE), ("2026-11-20T10:00:00Z", PAGE)])
    rot(warc, b"rusted cables", b"rusted CABLES")  # one bit flip's worth
    got = run_archiver("import", warc, cwd=tmp_path)
    assert "does not match its WARC-Block-Digest" in got.stdout, got.stdout + got.stderr
    assert run_archiver("extract", "--jobs", "1", cwd=tmp_path).returncode == 0
    shown = run_archiver("history", url, cwd=tmp_path).stdout
    lines = [line for line in shown.splitlines() if "2026-11-" in line]
    assert len(lines) == 2 and "damaged" not in lines[0], shown
    assert "(damaged: its record does not match its WARC-Block-Digest" in lines[1], shown
    assert "the same page as" not in shown, shown  # its payload digest is what it was written with, not its bytes
    assert "capture 2's record does not match its WARC-Block-Digest" in shown, shown
    data = json.loads(run_archiver("history", url, "--format", "json", cwd=tmp_path).stdout)
    assert [bool(c["damaged"]) for c in data["captures"]] == [False, True], data["captures"]


def test_a_moved_file_imported_again_adds_no_capture(tmp_path):
    """Moving the archive to another machine: WARCs imported from outside the folder, moved (the old path
    gone) and imported from their new place. The first record was known as the moved file's and the catalog
    renamed the file; every record after it was then looked for in *another* file, found in none, and added
    again: a Heritrix-like file with 4 captures gave "3 captures added, 1 already in the catalog"."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    warc = crawl / "heritrix.warc.gz"
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True, warc_version="1.0")
        for day in ("01", "08", "15"):
            for path in ("/bridge", "/ferry"):
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                w.write_record(w.create_warc_record(f"http://news.example.test{path}", "response",
                                                    payload=io.BytesIO(PAGE), http_headers=http,
                                                    warc_headers_dict={"WARC-Date": f"2026-11-{day}T10:00:00Z"}))
    archive = tmp_path / "archive"
    archive.mkdir()
    first = run_archiver("import", warc, cwd=archive)
    assert "6 captures added" in first.stdout, first.stdout + first.stderr
    moved = tmp_path / "elsewhere"
    crawl.rename(moved)
    # before it is imported again, export names the file as imported from outside, and the right remedy (not
    # 'archiver reindex', which reads the WARC folder only and would drop these captures)
    lost = run_archiver("export", "--wacz", "out.wacz", cwd=archive)
    said = lost.stdout + lost.stderr
    assert lost.returncode == 1 and "not where it was imported from (outside the WARC folder" in said, said
    assert "import each such file again from where it lies now" in said and "reindex" not in said, said
    again = run_archiver("import", moved / "heritrix.warc.gz", cwd=archive)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 captures added, 6 already in the catalog" in again.stdout, again.stdout
    assert "the catalog reads them from here now" in again.stdout, again.stdout
    listed = run_archiver("list", cwd=archive).stdout
    assert listed.count("3 captures") == 2, listed
    assert run_archiver("extract", "--jobs", "1", cwd=archive).returncode == 0


def test_is_damaged_reads_the_mark_after_another_reason():
    from archiver.archive.scan import BAD_DIGEST, is_damaged

    assert is_damaged(BAD_DIGEST) and is_damaged(f"WARC-Truncated: length; {BAD_DIGEST}")
    assert not is_damaged(None) and not is_damaged("") and not is_damaged("WARC-Truncated: length")
