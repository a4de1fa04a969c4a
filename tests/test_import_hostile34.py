"""Hostile input, round 34 (session 39, host42): the same archiver WARC imported under other names, and a
redirect chain whose hops share URL, date and digest taken over by a copy (both left open by round 33).

Pages fetched by ``archiver fetch`` from rawkit on 127.0.34.2-3; the WARC copied byte for byte (or
rewritten with warcio, or inflated to a plain WARC) and brought in with ``archiver import``; the catalog
read back, every row's record read by warcio at its offset.
"""
from __future__ import annotations

import gzip
import io
import shutil
import warnings
import zipfile
from pathlib import Path

from rawkit import RawServer, fetch_and_extract, http_reply
from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from warckit import catalog_rows, warc_files

STORY = ("<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1><p>"
         + "The council voted on the new bridge over the river today. " * 12 + "</p></article></body></html>")


def imported(root: Path, path: Path) -> str:
    out = run_archiver("import", path, "--warcs", root / "warcs", "--db", root / "c.db", cwd=root, timeout=300)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stdout + out.stderr
    return out.stdout + out.stderr


def rows(root: Path, table: str) -> list[tuple]:
    return [tuple(r) for r in catalog_rows(root / "c.db", f"SELECT url, warc_file, warc_offset FROM {table} "
                                                          "ORDER BY id")]


def record_at(root: Path, name: str, offset: int) -> tuple[str, str]:
    path = Path(name) if Path(name).is_absolute() else root / "warcs" / name
    with open(path, "rb") as fh:
        fh.seek(offset)
        rec = next(iter(ArchiveIterator(fh)))
        return rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI")


def test_a_byte_copy_of_an_archiver_warc_under_other_names_adds_nothing(tmp_path):
    """Before: each copy (outside the folder, twice, and inside it under another name) added the two
    captures and the robots.txt record again: 8 capture rows for 2 pages, index.cdxj saying
    'the copy adds no capture'. Now each copy's captures count as already in the catalog: the same
    URL, WARC-Date, type, payload digest, offset and length as the rows the original gave."""
    srv = RawServer("news.test", "127.0.34.2")
    routes = {"/a": lambda r: http_reply(STORY),
              "/b": lambda r: http_reply("", status="301 Moved Permanently", headers=["Location: /a"])}
    run = fetch_and_extract(tmp_path, srv, routes, ["/a", "/b"])
    assert run["code"] == 0, run["out"]
    before_captures, before_records = rows(tmp_path, "captures"), rows(tmp_path, "records")
    assert len(before_captures) == 2
    original = warc_files(tmp_path / "warcs")[0]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    copies = [elsewhere / "copy-one.warc.gz", elsewhere / "copy-two.warc.gz", tmp_path / "warcs" / "renamed.warc.gz"]
    for copy in copies:
        shutil.copy(original, copy)
        out = imported(tmp_path, copy)
        assert "0 captures added, 2 already in the catalog" in out, out
    assert rows(tmp_path, "captures") == before_captures
    assert rows(tmp_path, "records") == before_records
    # the original gone, the copy in the folder is read from now on (a move), nothing doubled
    original.unlink()
    out = imported(tmp_path, copies[2])
    assert "0 captures added" in out, out
    now = rows(tmp_path, "captures")
    assert len(now) == 2 and {name for _, name, _ in now} == {"renamed.warc.gz"}, now
    for _, name, offset in rows(tmp_path, "captures"):  # (a capture's row names its seed; its record the page)
        assert record_at(tmp_path, name, offset)[0] in ("response", "revisit")
    for url, name, offset in rows(tmp_path, "records"):
        assert record_at(tmp_path, name, offset)[1] == url


def rewrite_same_dates(src: Path, dst: Path) -> None:
    """``src`` written again with warcio, each redirect hop of one URL given the first's WARC-Date (as a
    writer of second-resolution dates records two hops asked within a second)."""
    first: dict[str, str] = {}
    with open(src, "rb") as fh, open(dst, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for rec in ArchiveIterator(fh):
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            if rec.rec_type in ("response", "request") and uri:
                key = (rec.rec_type, uri)
                date = first.setdefault(key, rec.rec_headers.get_header("WARC-Date"))
                rec.rec_headers.replace_header("WARC-Date", date)
            writer.write_record(rec)


def test_two_hops_of_one_url_date_and_digest_are_rebound_each_to_its_own_record(tmp_path):
    """A cookie check answering /a twice with an empty 302 (a new cookie each time) before the page: two hops
    of one URL, WARC-Date and payload digest. Before: a copy taking over the file (the original gone, the
    copy inflated to a plain WARC) rebound both hop rows to the first hop's offset (one UPDATE matched
    both), so the second hop's row read the first's record. Now each row takes its own record."""
    srv = RawServer("news.test", "127.0.34.3")

    def a(req):
        step = req.headers.get("cookie", "")
        if "s=2" in step:
            return http_reply(STORY)
        nxt = "2" if "s=1" in step else "1"
        return http_reply("", status="302 Found", headers=["Location: /a", f"Set-Cookie: s={nxt}; Path=/"])

    run = fetch_and_extract(tmp_path, srv, {"/a": a}, ["/a"])
    assert run["code"] == 0, run["out"]
    original = warc_files(tmp_path / "warcs")[0]
    same = tmp_path / "same.warc.gz"
    rewrite_same_dates(original, same)
    # a fresh catalog holding the rewritten file as the original
    root = tmp_path / "second"
    (root / "warcs").mkdir(parents=True)
    shutil.copy(same, root / "warcs" / "chain.warc.gz")
    imported(root, root / "warcs" / "chain.warc.gz")
    hops = [r for r in rows(root, "records") if r[0].endswith("/a")]
    assert len({offset for _, _, offset in hops}) == len(hops) >= 3, hops
    # the copy: inflated to a plain WARC, the gzip original gone
    (root / "warcs" / "chain.warc").write_bytes(gzip.decompress((root / "warcs" / "chain.warc.gz").read_bytes()))
    (root / "warcs" / "chain.warc.gz").unlink()
    imported(root, root / "warcs" / "chain.warc")
    after = [r for r in rows(root, "records") if r[0].endswith("/a")]
    assert {name for _, name, _ in after} == {"chain.warc"}, after
    assert len({offset for _, _, offset in after}) == len(after), after
    kinds = [record_at(root, name, offset)[0] for _, name, offset in after]
    assert kinds.count("response") == len(after), kinds
    assert len(rows(root, "captures")) == 1


def tool_warc(path: Path, pages: int = 2, record_id: str | None = None) -> None:
    """Another tool's WARC of ``pages`` responses (warcio's writer, gzip per record)."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(pages):
            body = STORY.replace("today", f"today ({i})").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"http://tool.test/p{i}", "response", payload=io.BytesIO(body),
                                            http_headers=http)
            if record_id:
                rec.rec_headers.replace_header("WARC-Record-ID", record_id)
                # another second than the first file's (written within one second, the two records were
                # alike in all but the ID, offsets and lengths too: a copy, and this test failed now and then)
                rec.rec_headers.replace_header("WARC-Date", "2020-01-02T03:04:05Z")
            writer.write_record(rec)


def wacz(path: Path, warc: Path, names: list[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile's 'Duplicate name' (the point of one case)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
            for name in names:
                zf.write(warc, name)


def test_a_wacz_holding_one_warc_twice_adds_each_capture_once(tmp_path):
    """Before: 4 captures added for 2 pages, each read from both copies (the catalog names one file, the
    .wacz, so the copy check, which looks in other files, passed them over). Now the second copy's
    records count as already there: same WARC-Record-ID, URL, date, type, payload digest and length."""
    tool_warc(tmp_path / "t.warc.gz")
    cases = {"dup.wacz": ["archive/data.warc.gz", "archive/data.warc.gz"],
             "two.wacz": ["archive/a.warc.gz", "archive/b.warc.gz"]}
    for name, members in cases.items():
        root = tmp_path / name.split(".")[0]
        (root / "warcs").mkdir(parents=True)
        wacz(root / name, tmp_path / "t.warc.gz", members)
        out = imported(root, root / name)
        assert "2 captures added, 2 already in the catalog" in out, out
        got = rows(root, "captures")
        assert sorted(url for url, _, _ in got) == ["http://tool.test/p0", "http://tool.test/p1"], got
        for url, file, offset in got:
            assert record_at(root, file, offset) == ("response", url)
        again = imported(root, root / name)  # and again: nothing added
        assert "0 captures added" in again and len(rows(root, "captures")) == 2, again


def test_a_warc_joined_to_itself_adds_each_capture_once_but_alike_records_stay(tmp_path):
    """``cat t.warc.gz t.warc.gz``: 2 captures, not 4. Two records that share only a WARC-Record-ID
    (another page each, round 30) are still two captures."""
    tool_warc(tmp_path / "t.warc.gz")
    (tmp_path / "warcs").mkdir()
    joined = tmp_path / "warcs" / "joined.warc.gz"
    joined.write_bytes((tmp_path / "t.warc.gz").read_bytes() * 2)
    out = imported(tmp_path, joined)
    assert "2 captures added, 2 already in the catalog" in out, out
    tool_warc(tmp_path / "warcs" / "one-id.warc.gz", pages=2, record_id="<urn:uuid:0b7e2d7a-0000-4000-8000-000000000034>")
    out = imported(tmp_path, tmp_path / "warcs" / "one-id.warc.gz")
    assert "2 captures added, 0 already" in out, out
