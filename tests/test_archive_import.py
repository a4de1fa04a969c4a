"""``archiver import``: WARCs written by wget and by warcio's writer (every layout), Common Crawl style files,
damaged and foreign records; then ``archiver extract`` on what was imported."""
from __future__ import annotations

import gzip
import io
import re
import shutil
import subprocess

import pytest
from archivekit import article, http_response, paras, rows, write_warc
from sitekit import Response, Site, run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.warc_read import read_record

CAPTURE_SQL = ("SELECT url, fetched_at, state, http_status, content_type, record_type, payload_digest, warc_file, "
               "warc_offset, warc_length FROM captures ORDER BY id")


def run(root, *args):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def extract(root, *args):
    return run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "2", *args)


def clean_texts(root) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (root / "clean").rglob("*.txt") if ".versions" not in str(p)}


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")
@pytest.mark.parametrize("compression", ["gzip", "plain"])
def test_wget_warc_imports_and_extracts(tmp_path, compression):
    site = Site(tmp_path / "site")
    host = site.host("127.0.0.214", address="127.0.0.214")
    host.routes_from({
        "/": Response(body=article("Front page", paras("Front")) + '<a href="/story">story</a>'),
        "/story": Response(body=article("Wget story about otters", paras("Otter", special="Wgetted otters."))),
        "/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
    })
    site.start()
    try:
        flags = ["--no-warc-compression"] if compression == "plain" else []
        got = subprocess.run(["wget", "-r", "-l", "1", "-q", "--warc-file=crawl", *flags, "-P", "mirror",
                              host.url("/")], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        site.stop()
    warc = tmp_path / ("crawl.warc.gz" if compression == "gzip" else "crawl.warc")
    assert warc.exists(), got.stderr
    imported = run(tmp_path, "import", str(warc))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "4 captures added" in imported.stdout  # /, /story, /robots.txt, and /world (a 404) from the nav
    # wget's two notes of its run (arguments, log) are metadata, not unusable captures: named with
    # their offsets, and their text is read from the file there (on main: '2 unusable, not a web URL')
    assert "0 unusable, 2 skipped as the writing tool's metadata" in imported.stdout, imported.stdout
    assert "unusable:" not in imported.stdout and "2 skipped as the writing tool's metadata" in imported.stdout
    named = dict(re.findall(r"its text stays in the file\): (metadata://\S+) at offset (\d+)", imported.stdout))
    assert set(named) == {"metadata://gnu.org/software/wget/warc/wget_arguments.txt",
                          "metadata://gnu.org/software/wget/warc/wget.log"}, imported.stdout
    _, arguments = read_record(warc, int(named["metadata://gnu.org/software/wget/warc/wget_arguments.txt"]))
    assert b"--warc-file" in arguments
    # a file outside the WARC folder is in the catalog, not in warcs/index.cdxj: said, with what to do
    assert "index.cdxj: 1 file outside the WARC folder" in imported.stdout and "export --wacz" in imported.stdout
    captured = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT url, http_status, warc_file FROM captures")
    assert {(u.rsplit("/", 1)[-1], s) for u, s, _ in captured} == {("", 200), ("story", 200), ("robots.txt", 200),
                                                                   ("world", 404)}
    assert all(w == str(warc.resolve()) for _, _, w in captured)  # indexed where it lies: nothing copied
    assert not list((tmp_path / "warcs").glob("*.warc*"))

    again = run(tmp_path, "import", str(warc))
    assert again.returncode == 0 and "0 captures added, 4 already in the catalog" in again.stdout

    done = extract(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    texts = clean_texts(tmp_path)
    story = [t for t in texts.values() if t.startswith("Wget story about otters")]
    assert story and "Wgetted otters." in story[0] and "Copyright" not in story[0]


def records_for(version: str):
    """One of each: a page, a chunked page, a resource, a revisit of the page, a 404, foreign records."""
    page = article("Warcio page", paras("Warcio", special="Platypodes everywhere."))
    first = http_response("http://www.example.org/page", page, version=version)
    chunked = http_response("http://www.example.org/chunked", article("Chunked page", paras("Chunk")), chunked=True,
                            version=version, date="2026-11-01T10:01:00Z")
    writer = WARCWriter(None, warc_version=version)
    resource = writer.create_warc_record(
        "http://www.example.org/resource.html", "resource",
        payload=io.BytesIO(article("A resource record", paras("Resource")).encode()),
        warc_content_type="text/html", warc_headers_dict={"WARC-Date": "2026-11-01T10:02:00Z"})
    digest = first.rec_headers.get_header("WARC-Payload-Digest")
    revisit = writer.create_revisit_record(
        "http://www.example.org/page", digest, "http://www.example.org/page", "2026-11-01T10:00:00Z",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
    revisit.rec_headers.replace_header("WARC-Date", "2026-11-02T10:00:00Z")
    missing = http_response("http://www.example.org/missing", "<p>no</p>", status="404 Not Found", version=version,
                            date="2026-11-01T10:03:00Z")
    dns = writer.create_warc_record("dns:www.example.org", "response", payload=io.BytesIO(b"20261101 example 1.2.3.4"),
                                    warc_content_type="text/dns", warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z"})
    return [first, chunked, resource, revisit, missing, dns]


@pytest.mark.parametrize("layout", ["gzip-records", "gzip-stream", "plain"])
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_warcio_layouts_import_and_extract(tmp_path, layout, version):
    name = "foreign.warc" if layout == "plain" else "foreign.warc.gz"
    warc = write_warc(tmp_path / name, records_for(version), layout=layout, version=version)
    if layout == "gzip-stream":  # really one gzip stream: warcio alone refuses to read it
        assert gzip.decompress(warc.read_bytes()).count(b"WARC/" + version.encode()) == 7
    # extract straight on the foreign file, no catalog yet: it is imported first
    done = extract(tmp_path, str(warc))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"({layout})" in done.stdout and "5 captures added" in done.stdout
    assert "1 x not a web URL (dns scheme)" in done.stdout
    caps = rows(tmp_path / "warcs" / "catalog.sqlite3", CAPTURE_SQL)
    assert [(c[0].rsplit("/", 1)[-1], c[2], c[3], c[5]) for c in caps] == [
        ("page", "captured", 200, "response"), ("chunked", "captured", 200, "response"),
        ("resource.html", "captured", None, "resource"), ("page", "captured", 200, "revisit"),
        ("missing", "failed", 404, "response")]
    revisit = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT refers_to FROM captures WHERE record_type = 'revisit'")
    assert revisit == [(1,)]
    texts = clean_texts(tmp_path)
    assert any("Platypodes everywhere." in t for t in texts.values())
    assert any(t.startswith("Chunked page") and "Chunk paragraph 3" in t for t in texts.values())
    assert any(t.startswith("A resource record") for t in texts.values())
    again = run(tmp_path, "import", str(warc))
    assert "0 captures added, 5 already" in again.stdout
    assert rows(tmp_path / "warcs" / "catalog.sqlite3", CAPTURE_SQL) == caps


def common_crawl_records():
    """request, response, metadata per page, as Common Crawl's WARC files have them (WARC/1.0)."""
    writer = WARCWriter(None, warc_version="1.0")
    out = []
    for n in range(3):
        url = f"https://news.example.net/article-{n}"
        request = writer.create_warc_record(url, "request", http_headers=StatusAndHeaders(
            f"GET /article-{n} HTTP/1.1", [("Host", "news.example.net"), ("User-Agent", "CCBot/2.0")],
            is_http_request=True), warc_headers_dict={"WARC-Date": f"2026-10-01T00:00:0{n}Z"})
        response = http_response(url, article(f"Crawled article {n}", paras(f"Crawl{n}")), version="1.0",
                                 date=f"2026-10-01T00:00:0{n}Z")
        meta = writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n"),
                                         warc_content_type="application/warc-fields",
                                         warc_headers_dict={"WARC-Date": f"2026-10-01T00:00:0{n}Z"})
        out += [request, response, meta]
    return out


def test_common_crawl_style_imports_responses_only(tmp_path):
    warc = write_warc(tmp_path / "CC-MAIN-test.warc.gz", common_crawl_records(), version="1.0")
    imported = run(tmp_path, "import", str(warc))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "3 captures added" in imported.stdout and "0 unusable" in imported.stdout
    assert "7 other records" in imported.stdout  # warcinfo, 3 requests, 3 metadata
    caps = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT record_type, url FROM captures ORDER BY id")
    assert caps == [("response", f"https://news.example.net/article-{n}") for n in range(3)]
    assert extract(tmp_path).returncode == 0
    assert sum(t.startswith("Crawled article") for t in clean_texts(tmp_path).values()) == 3


def test_damaged_and_missing_files_are_reported_not_crashed(tmp_path):
    good = write_warc(tmp_path / "good.warc.gz", common_crawl_records(), version="1.0")
    data = good.read_bytes()
    torn = tmp_path / "torn.warc.gz"
    torn.write_bytes(data[: len(data) * 2 // 3])  # cut inside a record
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is no WARC file at all\r\n" * 50)
    proc = run(tmp_path, "import", str(torn), str(junk))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "stopped reading at offset" in proc.stdout
    kept = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT COUNT(*) FROM captures")[0][0]
    assert kept >= 1  # the records before the damage are in
    missing = run(tmp_path, "import", str(tmp_path / "nope.warc.gz"))
    assert missing.returncode == 2 and "no such WARC file" in missing.stderr


def test_revisit_found_by_refers_to_record_id(tmp_path):
    """warcprox dedups across URLs and names the original by WARC-Refers-To (its record ID) alone."""
    original = http_response("http://www.example.org/a", article("Shared body", paras("Shared")))
    writer = WARCWriter(None, warc_version="1.0")
    revisit = writer.create_warc_record(
        "http://www.example.org/b", "revisit",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2026-11-03T00:00:00Z",
                           "WARC-Refers-To": original.rec_headers.get_header("WARC-Record-ID"),
                           "WARC-Payload-Digest": original.rec_headers.get_header("WARC-Payload-Digest"),
                           "WARC-Profile": "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"})
    warc = write_warc(tmp_path / "warcprox.warc.gz", [original, revisit], version="1.0")
    assert run(tmp_path, "import", str(warc)).returncode == 0
    caps = rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT id, url, record_type, refers_to FROM captures")
    assert caps == [(1, "http://www.example.org/a", "response", None), (2, "http://www.example.org/b", "revisit", 1)]
    assert extract(tmp_path).returncode == 0
    assert sum(t.startswith("Shared body") for t in clean_texts(tmp_path).values()) == 2  # the revisit's text too


def test_unusable_records_are_one_line_per_reason_not_per_record(tmp_path):
    """A Heritrix crawl writes a dns: record for every host and wget two metadata:// logs: the import
    listed every such record on its own line ('1 x not a web URL (dns scheme): dns:host-7.example'),
    a thousand lines for a thousand hosts. One line per reason now, with a count and one example."""
    writer = WARCWriter(None, warc_version="1.1")
    dns = [writer.create_warc_record(f"dns:host-{n}.example", "response", payload=io.BytesIO(b"20261101 1.2.3.4"),
                                     warc_content_type="text/dns",
                                     warc_headers_dict={"WARC-Date": "2026-11-01T10:00:00Z"}) for n in range(40)]
    page = http_response("http://www.example.org/page", article("A page", paras("Page")))
    warc = write_warc(tmp_path / "crawl.warc.gz", [page, *dns])
    done = run(tmp_path, "import", str(warc))
    assert done.returncode == 0, done.stdout + done.stderr
    unusable = [line for line in done.stdout.splitlines() if line.lstrip().startswith("unusable:")]
    assert unusable == ["  unusable: 40 x not a web URL (dns scheme), e.g. dns:host-0.example"], done.stdout
    assert "1 capture added" in done.stdout and "40 unusable" in done.stdout


def test_extract_of_an_unknown_file_imports_and_indexes_it_as_import_does(tmp_path):
    """'archiver extract warcs/FILE' imports a file the catalog lacks; it left index.cdxj without the
    file (and printed no summary), so pywb serving the folder did not find its pages."""
    page = http_response("http://www.example.org/page", article("A page", paras("Page")))
    (tmp_path / "warcs").mkdir()
    warc = write_warc(tmp_path / "warcs" / "foreign.warc.gz", [page])
    done = extract(tmp_path, str(warc))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "index.cdxj: indexed 1 WARC file" in done.stdout and "import: 1 file, 1 capture added" in done.stdout
    index = (tmp_path / "warcs" / "index.cdxj").read_text(encoding="utf-8")
    assert "http://www.example.org/page" in index and '"filename": "foreign.warc.gz"' in index
