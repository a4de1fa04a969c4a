"""Hostile input to ``archiver import`` (round 13): other tools' WARCs as they really come, damaged.

The base file is a real ``wget --warc-file`` crawl of a loopback server (127.0.3.1); the variants are
cut from its records (a one-stream gzip cut short, a revisit whose original is in another file or in
none, Browsertrix's ``urn:`` records). Then ``archiver extract``, ``export --wacz`` (``wacz validate``)
and ``search`` over what was imported."""
from __future__ import annotations

import gzip
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from archivekit import article, http_response, paras, rows, write_warc
from sitekit import Response, Site, run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

pytestmark = pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")


def run(root: Path, *args: str):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def extract(root: Path):
    return run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1")


def captures(root: Path, sql: str = "SELECT url, record_type, refers_to FROM captures ORDER BY id"):
    return rows(root / "warcs" / "catalog.sqlite3", sql)


@pytest.fixture(scope="module")
def wget_records(tmp_path_factory) -> list[bytes]:
    """The records of a real wget crawl (plain WARC/1.0, wget 1.21's ``<...>`` target URIs), each as its bytes."""
    root = tmp_path_factory.mktemp("wget")
    site = Site(root / "site")
    host = site.host("127.0.3.1", address="127.0.3.1")
    host.routes_from({
        "/": Response(body=article("Front page", paras("Front")) + '<a href="/story">story</a>'),
        "/story": Response(body=article("Wget story about otters", paras("Otter", special="Wgetted otters."))),
        "/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
    })
    site.start()
    try:
        subprocess.run(["wget", "-r", "-l", "1", "-q", "--warc-file=crawl", "--no-warc-compression", "-P", "mirror",
                        host.url("/")], cwd=root, capture_output=True, timeout=300)
    finally:
        site.stop()
    data = (root / "crawl.warc").read_bytes()
    with open(root / "crawl.warc", "rb") as fh:
        it = ArchiveIterator(fh)
        starts = []
        for record in it:
            it.read_to_end(record)
            starts.append(it.get_record_offset())
    starts.append(len(data))
    return [data[a:b] for a, b in zip(starts, starts[1:], strict=False)]


def test_a_one_stream_gzip_cut_short_keeps_the_records_before_the_cut(tmp_path, wget_records):
    """``gzip crawl.warc`` then a copy that stopped: GzipFile raises EOFError at the cut, which warcio's
    iterator takes for the end of the file: 0 captures, no error, exit 0 (every page lost, nothing said)."""
    whole = gzip.compress(b"".join(wget_records))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(whole[: len(whole) - 200])  # inside wget's log record, after the pages
    done = run(tmp_path, "import", str(warc))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "(gzip-stream)" in done.stdout and "the gzip stream is cut short" in done.stdout, done.stdout
    assert {u.rsplit("/", 1)[-1] for u, _, _ in captures(tmp_path)} == {"", "story", "robots.txt", "world"}
    assert extract(tmp_path).returncode == 0
    assert "1 hit for 'otters'" in run(tmp_path, "search", "otters").stderr
    # cut inside the story's response: that record is not imported, the ones before it are
    story = next(i for i, r in enumerate(wget_records) if b"WARC-Type: response" in r and b"/story>" in r[:600])
    head = b"".join(wget_records[:story]) + wget_records[story][: len(wget_records[story]) // 2]
    other = tmp_path / "other"
    other.mkdir()
    (other / "cut.warc.gz").write_bytes(_stream_of(head))
    again = run(other, "import", str(other / "cut.warc.gz"))
    assert again.returncode == 1 and "cut short" in again.stdout, again.stdout
    assert "story" not in {u.rsplit("/", 1)[-1] for u, _, _ in captures(other)}
    assert len(captures(other)) >= 1


def _stream_of(data: bytes) -> bytes:
    """``data`` as one gzip stream with its end missing (a flushed but unfinished gzip file)."""
    buf = io.BytesIO()
    gz = gzip.GzipFile(fileobj=buf, mode="wb")
    gz.write(data)
    gz.flush()  # everything written so far inflates; the stream has no end
    return buf.getvalue()


def _revisit_pair(tmp_path: Path) -> tuple[Path, Path]:
    original = http_response("http://www.example.org/page", article("Original otters", paras("Orig", special="Otters.")),
                             date="2026-11-01T10:00:00Z")
    writer = WARCWriter(None, warc_version="1.1")
    revisit = writer.create_revisit_record(
        "http://www.example.org/page", original.rec_headers.get_header("WARC-Payload-Digest"),
        "http://www.example.org/page", "2026-11-01T10:00:00Z",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
    revisit.rec_headers.replace_header("WARC-Date", "2026-11-02T10:00:00Z")
    return write_warc(tmp_path / "orig.warc.gz", [original]), write_warc(tmp_path / "rev.warc.gz", [revisit])


def test_a_revisit_imported_before_its_original_is_linked_when_the_original_comes(tmp_path):
    """A crawl split over files (Heritrix, Browsertrix) imported newest first: the revisit found no
    original, kept refers_to NULL for ever, and extraction failed it on every run."""
    orig, rev = _revisit_pair(tmp_path)
    first = run(tmp_path, "import", str(rev))
    assert first.returncode == 0
    assert "1 revisit whose original record is in no imported file" in first.stdout, first.stdout
    second = run(tmp_path, "import", str(orig))
    assert "1 revisit of an earlier import linked to its original" in second.stdout, second.stdout
    assert captures(tmp_path) == [("http://www.example.org/page", "revisit", 2),
                                  ("http://www.example.org/page", "response", None)]
    done = extract(tmp_path)
    assert done.returncode == 0 and "1 revisit reused" in done.stdout, done.stdout + done.stderr
    # both in one import, the revisit's file named first
    both = tmp_path / "both"
    both.mkdir()
    assert run(both, "import", str(rev), str(orig)).returncode == 0
    assert captures(both)[0][2] == 2


def test_browsertrix_urn_records_are_the_tool_s_own_not_unusable(tmp_path):
    """Browsertrix writes ``urn:pageinfo:``, ``urn:text:`` and ``urn:view:`` resources beside each page: its
    notes, like wget's ``metadata://`` log; they were '3 unusable, not a web URL (urn scheme)'."""
    writer = WARCWriter(None, warc_version="1.1")
    page = http_response("https://news.example.net/otters", article("Browsertrix otters", paras("B")))
    notes = [writer.create_warc_record(f"urn:{kind}:https://news.example.net/otters", "resource",
                                       payload=io.BytesIO(body), warc_content_type=ctype,
                                       warc_headers_dict={"WARC-Date": "2026-11-01T10:00:01Z"})
             for kind, body, ctype in (("pageinfo", b'{"urls": {}}', "application/json"),
                                       ("text", b"Browsertrix otters", "text/plain"), ("view", b"\x89PNG", "image/png"))]
    warc = write_warc(tmp_path / "btrix.warc.gz", [page, *notes])
    done = run(tmp_path, "import", str(warc))
    assert done.returncode == 0
    assert "0 unusable, 3 skipped as the writing tool's metadata" in done.stdout, done.stdout
    assert "urn:pageinfo:https://news.example.net/otters at offset" in done.stdout
    assert len(captures(tmp_path)) == 1


def _content_length(record: bytes, delta: int) -> bytes:
    head, _, rest = record.partition(b"\r\n\r\n")
    lines = [line if not line.startswith(b"Content-Length:")
             else b"Content-Length: %d" % (int(line.split(b":")[1]) + delta) for line in head.split(b"\r\n")]
    return b"\r\n".join(lines) + b"\r\n\r\n" + rest


def _story(records: list[bytes]) -> int:
    return next(i for i, r in enumerate(records) if b"WARC-Type: response" in r and b"/story>" in r[:600])


@pytest.mark.parametrize("delta", [-50, 50])
def test_a_wrong_content_length_is_named_and_the_records_after_it_are_read(tmp_path, wget_records, delta):
    """A plain WARC whose story record says 50 bytes less (or more) than it holds. warcio wrote its own
    'WARNING: Record not followed by newline' to stderr and the import said nothing; 50 bytes more ran
    into the next record's header and reading stopped there (the byline after it lost, exit 1)."""
    story = _story(wget_records)
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(b"".join(_content_length(r, delta) if i == story else r for i, r in enumerate(wget_records)))
    done = run(tmp_path, "import", str(warc))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING: Record not followed" not in done.stderr, done.stderr
    assert "/story) does not end where its Content-Length says" in done.stdout, done.stdout
    if delta > 0:  # round 28: the record it ran into is read from its own start, not passed over as "no record"
        assert "begins inside the one at offset" in done.stdout and "hold no record" not in done.stdout, done.stdout
    assert {u.rsplit("/", 1)[-1] for u, _, _ in captures(tmp_path)} == {"", "story", "robots.txt", "world"}
    # the WACZ holds the record as declared, framed right: its readers see no broken record
    exported = run(tmp_path, "export", "--wacz", str(tmp_path / "out.wacz"))
    assert exported.returncode == 0 and "WARNING" not in exported.stderr, exported.stdout + exported.stderr
    valid = subprocess.run(["wacz", "validate", "-f", str(tmp_path / "out.wacz")], capture_output=True, text=True)
    assert valid.returncode == 0 and "WARNING" not in valid.stdout + valid.stderr, valid.stdout + valid.stderr


def test_a_copy_of_an_imported_file_adds_nothing_and_a_moved_one_is_read_where_it_is(tmp_path, wget_records):
    """A WARC imported where it lay, then copied into the WARC folder (as the index's own advice says) and
    imported again: every capture came in a second time (search, history, export twice over)."""
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(gzip.compress(r) for r in wget_records))
    assert run(tmp_path, "import", str(warc)).returncode == 0
    (tmp_path / "warcs" / "crawl.warc.gz").write_bytes(warc.read_bytes())
    copy = run(tmp_path, "import", str(tmp_path / "warcs" / "crawl.warc.gz"))
    assert "0 captures added, 4 already in the catalog" in copy.stdout, copy.stdout
    assert f"its records are in the catalog from {warc} (a copy of this file?)" in copy.stdout
    assert len(captures(tmp_path)) == 4
    # the first copy is moved away: importing the same bytes under a new name points the catalog there
    moved = tmp_path / "moved.warc.gz"
    warc.rename(moved)
    again = run(tmp_path, "import", str(moved))
    assert "which is gone (moved here?)" in again.stdout, again.stdout
    assert {w for (w,) in captures(tmp_path, "SELECT DISTINCT warc_file FROM captures")} == {str(moved)}
    assert extract(tmp_path).returncode == 0
    assert "1 hit for 'otters'" in run(tmp_path, "search", "otters").stderr


def test_a_wacz_is_imported_where_its_warcs_lie_inside_it(tmp_path, wget_records):
    """A WACZ (ReplayWeb.page's, Browsertrix's, archiver's own export) given to import: 'not a WARC file
    (it starts with b'PK...')', exit 1. Its WARCs are stored uncompressed in the zip: their records are
    read at their offsets in the .wacz; a WARC deflated inside a zip is named with the remedy."""
    import zipfile

    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join(gzip.compress(r) for r in wget_records))
    source = tmp_path / "source"
    source.mkdir()
    assert run(source, "import", str(warc)).returncode == 0
    assert run(source, "export", "--wacz", str(tmp_path / "crawl.wacz")).returncode == 0
    target = tmp_path / "target"
    target.mkdir()
    done = run(target, "import", str(tmp_path / "crawl.wacz"))
    assert done.returncode == 0, done.stdout + done.stderr
    # /, story and the nav's /world, a 404 the export now carries too (nu36); robots.txt a record
    assert "(WACZ, 1 WARC file): 3 captures added" in done.stdout, done.stdout
    assert {w for (w,) in captures(target, "SELECT DISTINCT warc_file FROM captures")} == {str(tmp_path / "crawl.wacz")}
    assert extract(target).returncode == 0
    assert "1 hit for 'otters'" in run(target, "search", "otters").stderr
    again = run(target, "import", str(tmp_path / "crawl.wacz"))
    assert "0 captures added, 4 already in the catalog" in again.stdout, again.stdout  # robots.txt a known record
    assert len(captures(target)) == 3
    # the same WACZ with its WARC deflated: named, with the remedy, exit 1
    with zipfile.ZipFile(tmp_path / "crawl.wacz") as src, \
            zipfile.ZipFile(tmp_path / "deflated.wacz", "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
    bad = run(target, "import", str(tmp_path / "deflated.wacz"))
    assert bad.returncode == 1 and "is compressed inside the zip" in bad.stdout and "unzip the WACZ" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_a_cut_last_member_of_a_tool_s_log_is_named_as_its_metadata_not_unusable(tmp_path, wget_records):
    """Per-record gzip cut inside its last member (wget's log, its URI cut mid-name): the cut was named,
    and the record also counted '1 unusable: not a web URL (metadata scheme)' (wget's '<...>' was
    stripped only after the tool-metadata check)."""
    members = b"".join(gzip.compress(r) for r in wget_records)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(members[:-100])
    done = run(tmp_path, "import", str(warc))
    assert done.returncode == 1 and "the last record is cut short" in done.stdout, done.stdout
    assert "0 unusable, 2 skipped as the writing tool's metadata" in done.stdout, done.stdout
    assert len(captures(tmp_path)) == 4
