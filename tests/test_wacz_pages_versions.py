"""``pages/pages.jsonl`` lists a page once per version of its text: an article captured daily for a week
showed in ReplayWeb.page's page list as seven identical entries (nu29: 7 URLs watched -> 16 pages). The
captures whose text repeats the previous capture's are still in the WACZ's WARC (replayable at their time)."""
from __future__ import annotations

import io
import json
import zipfile

from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{body} Paragraph {i} tells the harbour council's plan in some more detail.</p>"
                    for i in range(5))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def test_repeated_text_is_one_page_a_new_version_another(tmp_path):
    bridge, ferry = "http://news.example.test/bridge", "http://news.example.test/ferry"
    first = _page("Old bridge closes", "The old bridge will close for eighteen months.")
    edited = _page("Old bridge closes", "The old bridge will close for twenty months, the council now says.")
    plan = [(bridge, "2026-11-01T10:00:00Z", first), (bridge, "2026-11-02T10:00:00Z", first),
            (bridge, "2026-11-03T10:00:00Z", edited), (bridge, "2026-11-04T10:00:00Z", edited),
            (bridge, "2026-11-05T10:00:00Z", first),  # edited back: a version again
            (ferry, "2026-11-01T11:00:00Z", _page("Ferry runs", "The ferry will run every ten minutes."))]
    warc = tmp_path / "watch.warc.gz"
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        for url, date, body in reversed(plan):  # stored out of time order: the list follows capture time
            record = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                          warc_headers_dict={"WARC-Date": date})
            w.write_record(record)
            if date.startswith("2026-11-05"):  # the same bytes a day later, written as a revisit of it
                again = w.create_revisit_record(url, record.rec_headers.get_header("WARC-Payload-Digest"), url,
                                                date, http_headers=http)
                again.rec_headers.replace_header("WARC-Date", "2026-11-06T10:00:00Z")
                w.write_record(again)
    assert run_archiver("import", warc, cwd=tmp_path).returncode == 0
    assert run_archiver("extract", "--jobs", "1", cwd=tmp_path).returncode == 0
    out = tmp_path / "out.wacz"
    got = run_archiver("export", "--wacz", out, cwd=tmp_path)
    assert got.returncode == 0, got.stdout + got.stderr
    with zipfile.ZipFile(out) as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines() if line][1:]
        archived = {(r.rec_headers.get_header("WARC-Target-URI"), r.rec_headers.get_header("WARC-Date"))
                    for name in z.namelist() if name.startswith("archive/")
                    for r in ArchiveIterator(io.BytesIO(z.read(name))) if r.rec_type == "response"}
        revisits = [r.rec_headers.get_header("WARC-Date") for name in z.namelist() if name.startswith("archive/")
                    for r in ArchiveIterator(io.BytesIO(z.read(name))) if r.rec_type == "revisit"]
    listed = sorted((p["url"], p["ts"][:10]) for p in pages)
    assert listed == [(bridge, "2026-11-01"), (bridge, "2026-11-03"), (bridge, "2026-11-05"),
                      (ferry, "2026-11-01")], listed
    assert "twenty months" in next(p["text"] for p in pages if p["ts"].startswith("2026-11-03"))
    assert len(archived) == len(plan)  # every capture still in the WARC
    assert [d[:10] for d in revisits] == ["2026-11-06"]  # the revisit too, not listed as a page
    assert "4 pages with text" in got.stdout + got.stderr
