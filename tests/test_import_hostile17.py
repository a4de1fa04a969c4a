"""Hostile input to ``archiver import``, round 17 (session 24, host18): records whose bytes do not match their
WARC-Block-Digest, records another tool marked WARC-Truncated, a deduplicating crawler's revisit of another URL
whose original comes in a later file, and ARC files whose ``filedesc://`` header record is damaged or missing.
Each file is written here (warcio's writer for WARCs, ARC v1 records by hand), imported with the real CLI,
then extracted.

Fixed here:

- a record whose WARC-Block-Digest does not match its bytes (changed after it was written) was imported without a
  word; it is still imported (its bytes are all there is), but named in the file's report, counted in the import's
  summary, and its capture's reason says so (warcio's digest check, made while the record is read anyway; a
  payload digest is not judged: tools compute it over different bytes);
- records another tool marked WARC-Truncated (length, time, disconnect) were imported as whole captures, the mark
  kept in the catalog only; the report and the summary now count them;
- a revisit whose original is another URL (warcprox, Heritrix and Browsertrix deduplicate by payload across URLs)
  found no original when that file came later, and failed extraction at every run ("revisit of an unknown
  capture"); it is now linked by its payload digest (the same URL's response first);
- an ARC whose header record has a wrong length, a header line without its length, no version block, or no header
  at all lost records without a word (a long length swallowed the first record), or the whole file ("not a WARC
  file", "damaged after its record 0"); the header is now rebuilt, said, and every record is imported.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from archivekit import article, http_response, paras, rows, write_warc
from sitekit import run_archiver
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from warckit import warcio_check

U = "http://imp.host18.test/"


def run(root: Path, *args: str):
    return run_archiver(*args, "--warcs", root / "warcs", cwd=root, timeout=600)


def captures(root: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(root / "warcs" / "catalog.sqlite3",
                                      "SELECT url, state, record_type, refers_to, truncated, reason FROM captures")}


def extract(root: Path):
    return run(root, "extract", "--clean", str(root / "clean"), "--progress", "never", "--jobs", "1")


@pytest.fixture(scope="module")
def digests(tmp_path_factory):
    root = tmp_path_factory.mktemp("imp17")
    bad = http_response(U + "baddigest", article("Digest story of stoats", paras("Stoat", special="Stoats.")))
    bad.rec_headers.replace_header("WARC-Block-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    payload = http_response(U + "payload", article("Payload story of ermines", paras("Ermine")))
    payload.rec_headers.replace_header("WARC-Payload-Digest", "sha1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")
    cut = http_response(U + "cut", article("Cut story of shrews", paras("Shrew")))
    cut.rec_headers.add_header("WARC-Truncated", "length")
    slow = http_response(U + "slow", article("Slow story of bats", paras("Bat")))
    slow.rec_headers.add_header("WARC-Truncated", "time")
    ok = http_response(U + "ok", article("Fine story of hares", paras("Hare")))
    warc = write_warc(root / "tools.warc.gz", [bad, payload, cut, slow, ok])
    return root, run(root, "import", str(warc))


def test_a_record_not_matching_its_block_digest_is_imported_named_and_counted(digests):
    root, done = digests
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert re.search(rf"warning: the record at offset \d+ \({U}baddigest\) does not match its WARC-Block-Digest",
                     done.stdout), done.stdout
    assert "1 record not matching its WARC-Block-Digest" in done.stdout.splitlines()[-1], done.stdout
    got = captures(root)
    assert got[U + "baddigest"][0] == "captured"
    assert "its WARC-Block-Digest does not match the record's bytes" in got[U + "baddigest"][4]
    # a payload digest computed otherwise (over chunked bytes, say) is not judged: no false alarm
    assert got[U + "payload"][4] is None and got[U + "ok"][4] is None
    assert done.stdout.count("does not match its WARC-Block-Digest") == 1


def test_records_another_tool_marked_truncated_are_counted_in_the_report(digests):
    root, done = digests
    assert (f"warning: 2 captures the writing tool marked WARC-Truncated (1 'length', 1 'time'), e.g. {U}cut"
            in done.stdout), done.stdout
    assert "2 captures marked WARC-Truncated" in done.stdout.splitlines()[-1]
    got = captures(root)
    assert got[U + "cut"][3] == "length" and got[U + "slow"][3] == "time"
    assert extract(root).returncode == 0  # the parts are still read


def _dedup_pair(root: Path) -> tuple[Path, Path]:
    """A response for logo-a, and a revisit of logo-b naming logo-a's record (identical payload): as a
    deduplicating crawler writes them, in two files."""
    original = http_response(U + "logo-a", article("Shared story of wrens", paras("Wren", special="Wrens.")))
    writer = WARCWriter(None, warc_version="1.1")
    revisit = writer.create_revisit_record(
        U + "logo-b", original.rec_headers.get_header("WARC-Payload-Digest"), U + "logo-a", "2026-11-01T10:00:00Z",
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
    revisit.rec_headers.replace_header("WARC-Date", "2026-11-02T10:00:00Z")
    return write_warc(root / "orig.warc.gz", [original]), write_warc(root / "rev.warc.gz", [revisit])


@pytest.mark.parametrize("together", [False, True])
def test_a_revisit_of_another_url_is_linked_when_its_original_comes_later(tmp_path, together):
    orig, rev = _dedup_pair(tmp_path)
    if together:
        assert run(tmp_path, "import", str(rev), str(orig)).returncode == 0
    else:
        first = run(tmp_path, "import", str(rev))
        assert "1 revisit whose original record is in no imported file" in first.stdout, first.stdout
        second = run(tmp_path, "import", str(orig))
        assert "1 revisit of an earlier import linked to its original" in second.stdout, second.stdout
    got = captures(tmp_path)
    assert got[U + "logo-b"][1:3] == ("revisit", next(
        r[0] for r in rows(tmp_path / "warcs" / "catalog.sqlite3", "SELECT id FROM captures WHERE url = ?",
                           (U + "logo-a",)))), got
    done = extract(tmp_path)
    assert done.returncode == 0 and "1 revisit reused" in done.stdout, done.stdout + done.stderr


def _answer(title: str) -> bytes:
    body = article(title, paras(title.split()[0], special=title.split()[0] + "s.")).encode()
    return b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body


DESC = b"1 0 Archiver\nURL IP-address Archive-date Content-type Archive-length\n"
HEADERS = {
    "long": b"filedesc://c.arc 0.0.0.0 20080301120000 text/plain %d\n" % (len(DESC) + 500) + DESC + b"\n",
    "no-length": b"filedesc://c.arc 0.0.0.0 20080301120000 text/plain\n" + DESC + b"\n",
    "no-version": b"filedesc://c.arc 0.0.0.0 20080301120000 text/plain 0\n\n",
    "none": b"",
}
WORDS = {"long": "length (569 bytes) does not end where the first record starts",
         "no-length": "header line is not 'filedesc://NAME IP DATE TYPE LENGTH'",
         "no-version": "no version block", "none": "no filedesc header record"}


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("fault", sorted(HEADERS))
def test_an_arc_with_a_damaged_or_missing_header_keeps_every_record(tmp_path, fault, gzipped):
    answers = [("http://old.host18.test/otters", _answer("Otters return to the river")),
               ("http://old.host18.test/voles", _answer("Voles counted again"))]
    records = [HEADERS[fault]] + [f"{u} 127.0.15.50 2008030112{n:02d}00 text/html {len(a)}\n".encode() + a + b"\n"
                                  for n, (u, a) in enumerate(answers)]
    arc = tmp_path / ("c.arc.gz" if gzipped else "c.arc")
    arc.write_bytes(b"".join(gzip.compress(r, mtime=0) if gzipped else r for r in records if r))
    done = run(tmp_path, "import", str(arc))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr  # warcio's own print of a record without its newline
    assert "warning: the ARC file's header record is damaged: " in done.stdout and WORDS[fault] in done.stdout, \
        done.stdout
    got = captures(tmp_path)
    assert sorted(got) == [u for u, _ in answers] and {v[0] for v in got.values()} == {"captured"}, got
    copies = sorted((tmp_path / "warcs").glob("*.warc.gz"))
    assert warcio_check(copies).returncode == 0
    assert extract(tmp_path).returncode == 0
    text = "\n".join(p.read_text() for p in (tmp_path / "clean").rglob("*.txt"))
    assert "Otterss." in text and "Voless." in text
    again = run(tmp_path, "import", str(arc))  # the copy is the same bytes: nothing added
    assert "0 captures added, 2 already in the catalog" in again.stdout, again.stdout


def test_the_header_check_passes_a_sound_header_and_reads_a_headless_start():
    from archiver.archive.arcdesc import header_fault, is_headless_arc, record_line

    sound = (b"filedesc://c.arc 0.0.0.0 20080301120000 text/plain %d\n" % len(DESC) + DESC
             + b"\nhttp://a.test/ 1.2.3.4 20080301120000 text/html 3\nabc\n")
    assert header_fault(sound) is None
    assert header_fault(sound[:sound.index(b"http://")]) is None  # a header member of its own (gzip per record)
    assert header_fault(sound[:sound.index(b"http://") - 3]) is not None  # a member shorter than its length
    assert record_line(b"http://a.test/x y 1.2.3.4 20080301120000 text/html 12\n")  # a URL with a space
    assert not record_line(b"URL IP-address Archive-date Content-type Archive-length\n")
    assert is_headless_arc(b"http://a.test/ 1.2.3.4 20080301120000 text/html 3\nHTTP/1.0 200 OK\r\n")
    assert not is_headless_arc(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n")
