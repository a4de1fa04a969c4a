"""``archiver export --wacz``: py-wacz validates the package, pywb replays every page from it, selection works."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import httpx
import pytest
from archivekit import BLOG, NEWS, Archive, fetch, news_site
from warckit import pywb_replay


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("wacz")
    site, urls = news_site(root)
    archive = Archive(root, site, urls)
    try:
        first = fetch(archive, "news.txt", [urls["otters"], urls["old-bridge"], urls["gone"]])
        assert first.returncode == 1, first.stdout + first.stderr  # the 404
        second = fetch(archive, "blog.txt", [urls["post"]])
        assert second.returncode == 0, second.stdout + second.stderr
        extracted = archive.extract()
        assert extracted.returncode == 0, extracted.stdout + extracted.stderr
        yield archive
    finally:
        site.stop()


def export(archive: Archive, name: str, *args: str):
    target = archive.root / name
    proc = archive.run("export", "--wacz", str(target), "--clean", str(archive.clean), *args)
    return target, proc


def validate(path) -> subprocess.CompletedProcess:
    wacz = shutil.which("wacz")
    command = [wacz] if wacz else [sys.executable, "-m", "wacz"]
    return subprocess.run([*command, "validate", "-f", str(path)], capture_output=True, text=True, timeout=300)


def pages_of(path) -> list[dict]:
    with zipfile.ZipFile(path) as z:
        return [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines() if line]


def test_export_validates_and_replays_in_pywb(archive, tmp_path):
    target, proc = export(archive, "all.wacz")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    checked = validate(target)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
        warcs = [i for i in z.infolist() if i.filename.startswith("archive/")]
        assert warcs and all(i.compress_type == zipfile.ZIP_STORED for i in warcs)
        assert any(n.startswith("indexes/") for n in names)
        assert {"datapackage.json", "datapackage-digest.json", "pages/pages.jsonl"} <= set(names)
        assert json.loads(z.read("datapackage.json"))["wacz_version"] == "1.1.1"
    pages = pages_of(target)
    assert pages[0]["format"] == "json-pages-1.0"
    by_url = {p["url"]: p for p in pages[1:]}
    # every archived HTML page, with archiver's title and clean text (the 404 is no archived page)
    assert set(by_url) == {archive.urls["otters"], archive.urls["bridge"], archive.urls["post"]}
    assert by_url[archive.urls["otters"]]["title"] == "Otters return to the river"
    assert "Zanzibarian otters" in by_url[archive.urls["otters"]]["text"]
    assert "Copyright" not in by_url[archive.urls["otters"]]["text"]  # clean text, not the page's furniture

    # pywb takes a WACZ with `wb-manager add --unpack-wacz` (the flag rides along with the file names)
    with pywb_replay(["--unpack-wacz", target], tmp_path / "pywb") as prefix:
        for url in by_url:
            host_path = url.split("//", 1)[1].split("/", 1)
            served = archive.site.sent[(host_path[0].split(":")[0], "/" + host_path[1])]
            got = httpx.get(prefix + url, timeout=60)
            assert got.status_code == 200, (url, got.status_code)
            assert got.content == served, url


def test_selection_by_host_list_and_time(archive):
    by_host, proc = export(archive, "blog.wacz", "--host", BLOG)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [p["url"] for p in pages_of(by_host)[1:]] == [archive.urls["post"]]
    with zipfile.ZipFile(by_host) as z:
        data = b"".join(z.read(n) for n in z.namelist() if n.startswith("archive/"))
    assert b"Otters" not in __import__("gzip").decompress(data)  # other hosts' records stay out

    by_list, proc = export(archive, "news.wacz", "--list-file", "news.txt")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert {p["url"] for p in pages_of(by_list)[1:]} == {archive.urls["otters"], archive.urls["bridge"]}
    assert validate(by_list).returncode == 0
    # the list named by a path fetch was not given (another folder): nothing matches, and the
    # message says how lists are matched and which the catalog holds
    elsewhere, proc = export(archive, "elsewhere.wacz", "--list-file", "old/news.txt")
    assert proc.returncode == 2 and not elsewhere.exists(), proc.stderr
    lists = f"the catalog's lists: {archive.root / 'blog.txt'}, {archive.root / 'news.txt'})"
    assert lists in proc.stderr and "bare name" in proc.stderr, proc.stderr

    everything, proc = export(archive, "range.wacz", "--since", "2000-01-01", "--until", "2999-12-31", "--host", NEWS)
    assert proc.returncode == 0 and len(pages_of(everything)) == 3

    nothing, proc = export(archive, "future.wacz", "--since", "2999-01-01")
    assert proc.returncode == 2 and "no captured page" in proc.stderr and not nothing.exists()
    bad, proc = export(archive, "bad.wacz", "--since", "yesterday")
    assert proc.returncode == 2 and "ISO 8601" in proc.stderr
    for impossible in ("2026-13-01", "2026-02-30", "2026-11-30T25:00"):  # were "no captured page matches"
        bad, proc = export(archive, "bad.wacz", "--until", impossible)
        assert proc.returncode == 2 and "ISO 8601" in proc.stderr, proc.stderr
    from archiver.selection import looks_iso as _looks_iso

    for fine in ("2026", "2026-11", "2026-11-30T08", "2026-11-30 08:00:00.5Z"):
        assert _looks_iso(fine), fine
    ported, proc = export(archive, "ported.wacz", "--host", f"{BLOG}:8080")  # a port the host is not served on
    assert proc.returncode == 2 and "takes that port only" in proc.stderr and not ported.exists(), proc.stderr


def test_export_of_imported_foreign_layouts(tmp_path):
    """Records from a one-stream gzip file and a plain file go into the WACZ re-compressed per record."""
    from archivekit import http_response, write_warc

    root = tmp_path
    bodies = {"http://www.example.org/stream": "<html><head><title>S</title></head><body><p>From a one-stream "
                                               "gzip file.</p></body></html>",
              "http://www.example.org/plain": "<html><head><title>P</title></head><body><p>From a plain "
                                              "WARC file.</p></body></html>"}
    write_warc(root / "stream.warc.gz", [http_response("http://www.example.org/stream",
                                                       bodies["http://www.example.org/stream"])], layout="gzip-stream")
    write_warc(root / "plain.warc", [http_response("http://www.example.org/plain",
                                                   bodies["http://www.example.org/plain"], date="2026-11-02T00:00:00Z")],
               layout="plain")
    archive = Archive(root, None, {})  # type: ignore[arg-type]
    imported = archive.run("import", str(root / "stream.warc.gz"), str(root / "plain.warc"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert archive.extract().returncode == 0
    target, proc = export(archive, "foreign.wacz")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert validate(target).returncode == 0
    assert {p["url"] for p in pages_of(target)[1:]} == set(bodies)
    with pywb_replay(["--unpack-wacz", target], tmp_path / "pywb") as prefix:
        for url, body in bodies.items():
            got = httpx.get(prefix + url, timeout=60)
            assert got.status_code == 200 and got.text == body, url
