"""``archiver reindex`` gives every capture back its id when another tool's WARC was imported between fetches.

Reindex reads the folder's files oldest first and the outside files it is given after them, so when
``archiver import`` of a file from outside the folder came before a later fetch, the later fetch's
captures were renumbered on a rebuild (nu51: 2064 became 2056) while the README says ids come back;
the old ``clean/.../capture-ID.json`` sidecars then named other captures. Real loopback servers,
a WARC written with warcio as another tool's, real fetches, import and reindex.
"""
from __future__ import annotations

from archivekit import Archive, article, fetch, http_response, paras, rows
from sitekit import Response, Site
from warcio.warcwriter import WARCWriter

CAPTURE_COLUMNS = ("id, url, final_url, state, payload_digest, warc_file, warc_offset, list_file, list_line")


def _site(root):
    site = Site(root / "site")
    host = site.host("www.nu52-news.test", address="127.0.52.2")
    host.routes_from({
        "/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/first": Response(body=article("The first story", paras("First"))),
        "/second": Response(body=article("The second story", paras("Second"))),
        "/third": Response(body=article("The third story", paras("Third"))),
    })
    site.start()
    return site, {name: host.url(f"/{name}") for name in ("first", "second", "third")}


def _other_tools_warc(root, inside=None):
    folder = inside or root / "elsewhere"
    folder.mkdir(exist_ok=True)
    path = folder / "crawl.warc.gz"
    with open(path, "wb") as fh:  # written a month before the fetches: its warcinfo says so
        writer = WARCWriter(fh, gzip=True)
        info = writer.create_warcinfo_record(path.name, {"software": "other-crawler/2.0"})
        info.rec_headers.replace_header("WARC-Date", "2026-11-01T09:00:00Z")
        writer.write_record(info)
        for name in ("a", "b"):
            writer.write_record(http_response(f"http://www.other-tool.test/{name}",
                                              f"<html><body><p>Other tool's page {name}.</p></body></html>"))
    return path


def _rebuild_keeps_ids(tmp_path, inside: bool):
    site, urls = _site(tmp_path)
    archive = Archive(tmp_path, site, urls)
    try:
        first = fetch(archive, "one.txt", [urls["first"], urls["second"]])
        assert first.returncode == 0, first.stdout + first.stderr
        archive.warcs.mkdir(exist_ok=True)
        crawl = _other_tools_warc(tmp_path, archive.warcs if inside else None)
        imported = archive.run("import", str(crawl))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        second = fetch(archive, "two.txt", [urls["third"]])
        assert second.returncode == 0, second.stdout + second.stderr
        extracted = archive.extract()
        assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    finally:
        site.stop()
    before = rows(archive.db, f"SELECT {CAPTURE_COLUMNS} FROM captures ORDER BY id")
    third = [c for c in before if c[1] == urls["third"]]
    assert len(third) == 1 and third[0][0] > max(c[0] for c in before if "other-tool" in c[1])
    for suffix in ("", "-wal", "-shm"):
        archive.db.with_name(archive.db.name + suffix).unlink(missing_ok=True)

    rebuilt = archive.run("reindex", *([] if inside else [str(crawl)]))
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert rows(archive.db, f"SELECT {CAPTURE_COLUMNS} FROM captures ORDER BY id") == before

    # each old sidecar still belongs to the capture of its id: the text shown under an id is that capture's
    again = archive.extract()
    assert again.returncode == 0, again.stdout + again.stderr
    sidecar = next(archive.clean.rglob(f"capture-{third[0][0]}.json"))
    assert urls["third"] in sidecar.read_text(encoding="utf-8")


def test_reindex_keeps_ids_with_an_outside_import_before_a_later_fetch(tmp_path):
    _rebuild_keeps_ids(tmp_path, inside=False)


def test_reindex_keeps_ids_with_an_inside_import_before_a_later_fetch(tmp_path):
    """The other tool's file copied into the folder and imported: its warcinfo date (when that tool wrote it,
    here before the first fetch) is not when the catalog first saw it."""
    _rebuild_keeps_ids(tmp_path, inside=True)
