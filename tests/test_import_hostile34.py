"""Hostile input, round 34 (session 39, host42): the same archiver WARC imported under other names, and a
redirect chain whose hops share URL, date and digest taken over by a copy (both left open by round 33).

Pages fetched by ``archiver fetch`` from rawkit on 127.0.34.2-3; the WARC copied byte for byte (or
rewritten with warcio, or inflated to a plain WARC) and brought in with ``archiver import``; the catalog
read back, every row's record read by warcio at its offset.
"""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from rawkit import RawServer, fetch_and_extract, http_reply
from sitekit import run_archiver
from warcio.archiveiterator import ArchiveIterator
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
