"""Hostile input, round 40 (session 45, host48): a WARC whose WARC-Dates warcio reads but are written in odd case
(``2026-03-01t10:00:00z``, another tool's hand-made writer) or with a space for ``T``.

Import kept them as written in the catalog, whose times are compared and ordered as text: ``--until
2026-03-01T10:10`` left the 10:00 capture out (``t`` sorts after ``T``), ``--since 2026-03-01T10:20`` let it in,
and of a page's two captures the older one (10:00, lower case) was taken for the newer. The catalog now keeps
``T`` and ``Z`` (``records.CANONICAL_DATES``; these tests fail with it off); the WARC keeps its bytes. A WARC
written with warcio's writer; ``archiver import``, ``extract``, ``search --since/--until``, ``export --wacz``.
"""
from __future__ import annotations

import io
import sqlite3

import pytest
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RECORDS = [  # (path, WARC-Date as written, word)
    ("/lower", "2026-03-01t10:00:00z", "casedlower"),
    ("/space", "2026-03-01 10:05:00Z", "casedspace"),
    ("/late", "2026-03-01T10:30:00Z", "casedlate"),
    ("/twice", "2026-03-01t10:00:00z", "twiceolder"),
    ("/twice", "2026-03-01T10:30:00Z", "twicenewer"),
]


def _run(root, *args):
    out = run_archiver(*args, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("case40")
    (root / "warcs").mkdir()
    with open(root / "warcs" / "d.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for path, date, word in RECORDS:
            body = (f"<html><head><title>{word}</title></head><body><article><h1>{word}</h1><p>"
                    + f"The {word} story is read by many readers each day. " * 15 + "</p></article></body></html>")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"http://s.test{path}", "response",
                                                payload=io.BytesIO(body.encode()), http_headers=http,
                                                warc_headers_dict={"WARC-Date": date}))
    for args in (("import", root / "warcs" / "d.warc.gz"), ("extract", "--clean", root / "clean", "--jobs", "1")):
        out = _run(root, *args)
        assert out.returncode == 0, out.stdout + out.stderr
    return root


def test_the_catalog_keeps_the_dates_in_the_form_archiver_writes(imported):
    with sqlite3.connect(imported / "c.db") as conn:
        got = {(url, when) for url, when in conn.execute("SELECT url, fetched_at FROM captures")}
        dates = {when for (when,) in conn.execute("SELECT warc_date FROM records")}
    assert ("http://s.test/lower", "2026-03-01T10:00:00Z") in got, got
    assert ("http://s.test/space", "2026-03-01T10:05:00Z") in got, got
    assert dates <= {"2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z", "2026-03-01T10:30:00Z"}, dates


def test_until_and_since_take_the_odd_case_capture_by_its_time(imported):
    out = _run(imported, "search", "casedlower", "--clean", imported / "clean", "--until", "2026-03-01T10:10")
    assert "/lower" in out.stdout, out.stdout + out.stderr
    out = _run(imported, "search", "casedlower", "--clean", imported / "clean", "--since", "2026-03-01T10:20")
    assert "/lower" not in out.stdout, out.stdout + out.stderr
    out = _run(imported, "search", "casedspace", "--clean", imported / "clean", "--until", "2026-03-01T10:10")
    assert "/space" in out.stdout, out.stdout + out.stderr


def test_the_export_selects_by_time(imported):
    import zipfile

    out = _run(imported, "export", "--wacz", imported / "early.wacz", "--until", "2026-03-01T10:10")
    assert out.returncode == 0, out.stdout + out.stderr
    with zipfile.ZipFile(imported / "early.wacz") as z:
        pages = z.read("pages/pages.jsonl").decode()
    assert "s.test/lower" in pages and "s.test/space" in pages and "/late" not in pages, pages


def test_the_newer_of_two_captures_is_the_newer_one(imported):
    with sqlite3.connect(imported / "c.db") as conn:
        [(newest,)] = conn.execute("SELECT fetched_at FROM captures WHERE url = 'http://s.test/twice' "
                                   "ORDER BY fetched_at DESC LIMIT 1").fetchall()
    assert newest == "2026-03-01T10:30:00Z"


def test_with_the_switch_off_the_date_is_kept_as_written(monkeypatch):
    from archiver.archive import records

    assert records.canonical_date("2026-03-01t10:00:00z") == "2026-03-01T10:00:00Z"
    assert records.canonical_date("2026-03-01T10:00:00.5Z") == "2026-03-01T10:00:00.5Z"
    monkeypatch.setattr(records, "CANONICAL_DATES", False)
    assert records.canonical_date("2026-03-01t10:00:00z") == "2026-03-01t10:00:00z"
