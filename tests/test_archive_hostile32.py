"""Hostile input, round 32 (session 37, host40): a damaged ``index.cdxj`` in the WARC folder.

``index.cdxj`` is derived state read back at every fetch, import and reindex (which files it already covers,
where their last records end). A line another tool, a hand edit or a disk error left in it stopped each of those
commands with a traceback (after the fetch's captures were recorded; the index then never updated again):
``"offset": 1e400`` (``OverflowError``), ``"filename": 5`` or ``null`` (``TypeError`` sorting the names),
``"filename": ["a"]`` (unhashable), JSON nested 100,000 deep (``RecursionError``); a byte that is not UTF-8
gave ``archiver: error: 'utf-8' codec can't decode byte 0xff in position 555``, exit 2, and ``reindex`` a
traceback. Lines of broken JSON, of NUL bytes or naming ``../../etc/passwd`` were kept in the index for
replay tools to meet. Now each such line is dropped and said once, naming its line number; the files a
damaged line still names are indexed again, so the index ends as cdxj-indexer makes it for the folder.

A real fetch on loopback (rawkit on 127.0.32.2), the real catalog, the index compared with Webrecorder's
``cdxj-indexer --sort`` on the same files, the WARCs with ``warcio check``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rawkit import RawServer, http_reply
from sitekit import run_archiver, write_list
from warckit import assert_archive_sound, catalog_rows, cdxj_reference

from archiver.archive.cdxj import line_fields

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page(key: str) -> str:
    return (f"<html><head><title>Index {key}</title></head><body><article><p>"
            + f"The words of the page {key}, long enough for an article. " * 12 + "</p></article></body></html>")


def damage(index: Path) -> bytes:
    """The index with its first line's offset made 1e400 and nine junk lines added; returns the new bytes."""
    lines = index.read_bytes().splitlines(keepends=True)
    first = re.sub(rb'"offset": "\d+"', b'"offset": 1e400', lines[0], count=1)
    assert first != lines[0]
    junk = [b'com,x)/ 20260101000000 {"filename": 5, "offset": "0", "length": "10"}\n',
            b'com,x)/ 20260101000000 {"filename": null, "offset": "0", "length": "10"}\n',
            b'com,x)/ 20260101000000 {"filename": ["a"], "offset": "0", "length": "10"}\n',
            b'com,x)/ 20260101000000 {"filename": "../../../../etc/passwd", "offset": "0", "length": "99999"}\n',
            b'com,x)/ 20260101000000 {"filename": "zz.warc.gz", "offset": "abc", "length": [1]}\n',
            b'com,x)/ 2026 {"filename": "a.warc.gz", "offset": \n', b"\x00\x00\x00\n", b"caf\xe9 \xff\xfe junk\n",
            b"com,x)/ 2026 " + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n"]
    data = first + b"".join(lines[1:]) + b"".join(junk)
    index.write_bytes(data)
    return data


def test_a_damaged_index_is_mended_by_the_next_fetch_and_by_reindex(tmp_path):
    with RawServer("index.round32.test", "127.0.32.2") as srv:
        for key in ("a", "b"):
            srv.route(f"/{key}", (lambda k: lambda r: http_reply(page(k)))(key))
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
        base = ["--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", "--delay", "0", "--retries", "0",
                "--progress", "never", "--resolve", srv.resolve]
        first = run_archiver("fetch", write_list(tmp_path / "a.txt", [srv.url("/a")]), *base, cwd=tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        index = tmp_path / "warcs" / "index.cdxj"
        damage(index)
        done = run_archiver("fetch", write_list(tmp_path / "b.txt", [srv.url("/b")]), *base, cwd=tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in out, out[-3000:]
    assert "index.cdxj: dropped 10 damaged lines (lines 1, 3, 4, 5, 6, ...: not 'KEY TIMESTAMP {JSON}'" in out, out
    files = sorted((tmp_path / "warcs").glob("*.warc.gz"))
    assert len(files) == 2
    assert f"indexing {files[0].name} again" in out, out  # the file the damaged first line named
    assert index.read_text(encoding="utf-8").splitlines() == cdxj_reference(files)
    rows = catalog_rows(tmp_path / "c.db", "SELECT url, state FROM captures WHERE url NOT LIKE '%robots.txt'")
    assert sorted((r["url"].rsplit("/", 1)[1], r["state"]) for r in rows) == [("a", "captured"), ("b", "captured")]
    assert_archive_sound(tmp_path / "warcs")

    damage(index)
    again = run_archiver("reindex", "--warcs", tmp_path / "warcs", "--db", tmp_path / "c.db", cwd=tmp_path)
    out = again.stdout + again.stderr
    assert again.returncode == 0 and "Traceback" not in out, out[-3000:]
    assert index.read_text(encoding="utf-8").splitlines() == cdxj_reference(files)


@pytest.mark.parametrize("line, fields", [
    ('com,x)/ 20260101000000 {"url": "http://x/", "offset": "576", "length": "1203", "filename": "a.warc.gz"}\n',
     ("a.warc.gz", 576, 1203)),
    ('com,x)/ 20260101000000 {"offset": 5, "length": 7, "filename": "b.warc"}', ("b.warc", 5, 7)),
    ('{"offset": 5, "length": 7, "filename": "b.warc"}', None),  # no key, no timestamp
    ('com,x)/ 2026 {"offset": -5, "length": 7, "filename": "b.warc"}', None),
    ('com,x)/ 2026 {"offset": true, "length": 7, "filename": "b.warc"}', None),
    ('com,x)/ 2026 {"offset": 1.5, "length": 7, "filename": "b.warc"}', None),
    ('com,x)/ 2026 {"offset": "1e5", "length": 7, "filename": "b.warc"}', None),
    ('com,x)/ 2026 {"offset": 0, "length": 7, "filename": ".."}', None),
    ('com,x)/ 2026 {"offset": 0, "length": 7, "filename": "a\\u0000b"}', None),
    ('com,x)/ 2026 {"offset": 0, "length": 7, "filename": "sub\\\\x.warc"}', None),
    ('com,x)/ 2026 ["offset", 0]', None),
    ("", None),
])
def test_line_fields_takes_only_what_replay_can_use(line, fields):
    assert line_fields(line) == fields
    assert line_fields(line.encode()) == fields
