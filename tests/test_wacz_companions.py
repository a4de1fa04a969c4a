"""``archiver export --wacz`` copies what goes with each capture record (s33's three export faults):

- F1: a wget or warcprox/Heritrix WARC holds a ``request`` record per exchange (and Heritrix a ``metadata`` record),
  linked by ``WARC-Concurrent-To``; the catalog indexes neither, so the export left them out and every response's
  ``WARC-Concurrent-To`` named a record the package did not hold. Now each goes with its response, in its file's
  order (wget: request first; the others: response first). archiver's own fetches write a request per response
  too: those go with them, archiver's capture metadata (list paths, workers) does not;
- F2: a record written in segments came out as its first segment only; its ``continuation`` records go with it now,
  and a continuation not found (another file of the crawl) is said;
- F3: the package's index lines are what ``wacz create`` writes for the same records: ``recordDigest`` (it was
  there), and the ``referrer`` and a POST's ``method``/``requestBody`` key that py-wacz's indexer reads from the
  request record next to the response (missing before: a POST answer replayed for a GET of its URL).

Servers on 127.0.46.x; results read with warcio, validated with py-wacz, replayed in pywb.
"""
from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from archivekit import Archive, article, paras
from companionkit import exchange, record, segments, write
from sitekit import Response, Site, redirect, write_list
from warcio.archiveiterator import ArchiveIterator
from warckit import pywb_replay, rot


def _wacz_cli(*args: str) -> subprocess.CompletedProcess:
    wacz = shutil.which("wacz")
    command = [wacz] if wacz else [sys.executable, "-m", "wacz"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=300)


def _export(archive: Archive, name: str = "out.wacz") -> tuple[Path, str]:
    target = archive.root / name
    got = archive.run("export", "--wacz", str(target), "--clean", str(archive.clean))
    assert got.returncode == 0, got.stdout + got.stderr
    checked = _wacz_cli("validate", "-f", str(target))
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr
    return target, got.stdout + got.stderr


def _records(wacz: Path) -> list[tuple[str, dict[str, list[str]], bytes]]:
    """(WARC-Type, headers name -> values, block) of every record of the package's WARC, read with warcio."""
    out = []
    with zipfile.ZipFile(wacz) as z:
        for name in z.namelist():
            if name.startswith("archive/"):
                for rec in ArchiveIterator(io.BytesIO(z.read(name)), check_digests=True):
                    headers: dict[str, list[str]] = {}
                    for k, v in rec.rec_headers.headers:
                        headers.setdefault(k.lower(), []).append(v)
                    block = rec.raw_stream.read()
                    if rec.http_headers is not None and rec.rec_type in ("response", "request"):
                        block = rec.http_headers.to_bytes() + block
                    assert not rec.digest_checker.problems, rec.digest_checker.problems
                    out.append((rec.rec_type, headers, block))
    return out


def _index(wacz: Path) -> dict[str, dict]:
    """The package's CDXJ lines: 'KEY TIMESTAMP RECORD-DIGEST' -> their JSON without where the record lies.

    The record digest is in the key because two captures of a URL in the same second share 'KEY TIMESTAMP'.
    """
    with zipfile.ZipFile(wacz) as z:
        text = gzip.decompress(z.read("indexes/index.cdx.gz")).decode("utf-8")
    out = {}
    for line in text.splitlines():
        key, ts, data = line.split(" ", 2)
        fields = json.loads(data)
        for where in ("offset", "filename"):
            fields.pop(where, None)
        out[f"{key} {ts} {fields.get('recordDigest')}"] = fields
    return out


def _dangling(records: list[tuple[str, dict[str, list[str]], bytes]]) -> list[str]:
    ids = {h["warc-record-id"][0] for _, h, _ in records}
    return [rid for _, h, _ in records for rid in h.get("warc-concurrent-to", []) if rid not in ids]


@pytest.fixture(scope="module")
def wget_export(tmp_path_factory):
    """wget's crawl of a front page and the story it links to, and a POST to a search: imported, exported."""
    if shutil.which("wget") is None:
        pytest.skip("wget is not installed")
    tmp_path = tmp_path_factory.mktemp("wget")
    site = Site(tmp_path / "site")
    host = site.host("127.0.46.2", address="127.0.46.2")
    host.routes_from({
        "/": Response(body=article("Front page", paras("Front")) + '<a href="/story">story</a>'),
        "/story": Response(body=article("Otters return to the river", paras("Otter"))),
        "/search": Response(body=article("Search results", paras("Result", special="Otter sightings."))),
    })
    site.start()
    try:
        for args in (["-r", "-l", "1", "--warc-file=crawl", "-P", "mirror", host.url("/")],
                     ["--post-data", "q=otters", "--warc-file=post", "-O", "search.html", host.url("/search")]):
            got = subprocess.run(["wget", "-q", *args], cwd=tmp_path, capture_output=True, text=True, timeout=300)
            assert got.returncode in (0, 8), got.stderr  # 8: robots.txt is a 404
    finally:
        site.stop()
    archive = Archive(tmp_path, site, {})
    sources = [tmp_path / "crawl.warc.gz", tmp_path / "post.warc.gz"]
    imported = archive.run("import", *map(str, sources))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert archive.extract().returncode == 0
    target, said = _export(archive)
    return tmp_path, host, sources, target, said


def test_wget_requests_travel_with_their_responses(wget_export):
    _, _, _, target, said = wget_export
    records = _records(target)
    kinds = [kind for kind, _, _ in records]
    # /, /story, the POST, and wget's two 404s (robots.txt, the nav's /world): the server's answers go in too (nu36)
    assert kinds.count("response") == 5 and kinds.count("request") == 5, kinds
    assert "5 request records" in said and "HTTP 404 x2" in said, said
    assert _dangling(records) == []  # every WARC-Concurrent-To names a record of the package
    for i, (kind, headers, _) in enumerate(records):  # wget's order: the request just before its response
        if kind == "response":
            assert records[i - 1][0] == "request"
            assert headers["warc-concurrent-to"] == records[i - 1][1]["warc-record-id"]
    posted = [block for kind, _, block in records if kind == "request" and block.startswith(b"POST")]
    assert len(posted) == 1 and posted[0].endswith(b"q=otters"), posted


def test_the_index_is_what_wacz_create_writes_for_the_same_records(wget_export):
    tmp_path, host, sources, target, _ = wget_export
    reference_wacz = tmp_path / "reference.wacz"
    made = _wacz_cli("create", "-o", str(reference_wacz), *map(str, sources))
    assert made.returncode == 0, made.stdout + made.stderr
    ours, reference = _index(target), _index(reference_wacz)
    assert len(ours) == 5, ours  # /, /story, the POST, two 404s
    for key, fields in ours.items():
        assert reference.get(key) == fields, (key, fields, reference.get(key))
    assert all(f["recordDigest"].startswith("sha256:") for f in ours.values())
    assert any(f.get("referrer") == host.url("/") for f in ours.values()), ours  # /story's Referer
    assert any(f.get("method") == "POST" and "__wb_method=post" in key for key, f in ours.items()), ours

    with pywb_replay(["--unpack-wacz", target], tmp_path / "pywb") as prefix:
        story = httpx.get(prefix + host.url("/story"), timeout=60)
        assert story.status_code == 200 and b"Otters return to the river" in story.content
        searched = httpx.post(prefix + host.url("/search"), data={"q": "otters"}, timeout=60)
        assert searched.status_code == 200 and b"Otter sightings" in searched.content


def _heritrix_style(tmp_path: Path, host, layout: str) -> tuple[Path, dict[str, str]]:
    """Response first, then its request and Heritrix's metadata (both WARC-Concurrent-To the response); a dns:
    record and an unrelated resource in between, which stay out."""
    records, ids = [], {}
    for path in ("/a", "/b"):
        request, response = exchange(host.url(path), referer=host.url("/"))
        ids[path], resp = record("response", host.url(path), response,
                                 content_type="application/http; msgtype=response")
        records += [resp,
                    record("request", host.url(path), request, content_type="application/http; msgtype=request",
                           WARC_Concurrent_To=ids[path])[1],
                    record("metadata", host.url(path), f"via: {host.url('/')}\r\nhopsFromSeed: L\r\n".encode(),
                           content_type="application/warc-fields", WARC_Concurrent_To=ids[path])[1],
                    record("response", "dns:127.0.46.3", b"20261101100000\n127.0.46.3\n",
                           content_type="text/dns")[1],
                    record("resource", "metadata://crawler/log", b"crawl log line\n", content_type="text/plain")[1]]
    name = {"gzip-records": "heritrix.warc.gz", "gzip-stream": "heritrix-stream.warc.gz", "plain": "heritrix.warc"}
    return write(tmp_path / name[layout], records, layout, software="Heritrix/3.4.0"), ids


@pytest.mark.parametrize("layout", ["gzip-records", "gzip-stream", "plain", "wacz"])
def test_response_first_tools_request_and_metadata_follow_it(tmp_path, layout):
    site = Site(tmp_path / "site")
    host = site.host("127.0.46.3", address="127.0.46.3")
    host.routes_from({p: Response(body=article(f"Page {p}", paras(p))) for p in ("/a", "/b")})
    site.start()
    try:
        warc, ids = _heritrix_style(tmp_path, host, "gzip-records" if layout == "wacz" else layout)
    finally:
        site.stop()
    if layout == "wacz":  # imported in place: the records are read at offsets of the zip
        made = _wacz_cli("create", "-o", str(tmp_path / "heritrix.wacz"), str(warc))
        assert made.returncode == 0, made.stdout + made.stderr
        warc = tmp_path / "heritrix.wacz"
    archive = Archive(tmp_path, site, {})
    imported = archive.run("import", str(warc))
    assert imported.returncode == 0 and "2 captures added" in imported.stdout, imported.stdout + imported.stderr
    assert archive.extract().returncode == 0
    target, said = _export(archive)
    records = _records(target)
    shown = [(kind, h.get("warc-target-uri", [""])[0]) for kind, h, _ in records if kind != "warcinfo"]
    assert shown == [(kind, host.url(p)) for p in ("/a", "/b") for kind in ("response", "request", "metadata")], shown
    assert _dangling(records) == []
    assert "2 metadata records, 2 request records" in said, said
    assert all(f.get("referrer") == host.url("/") for f in _index(target).values())  # paired: response, request


def test_a_record_in_segments_travels_whole(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("127.0.46.4", address="127.0.46.4")
    body = article("A long report in three parts", paras("Report", n=30))
    host.routes_from({"/report": Response(body=body), "/short": Response(body=article("Short", paras("Short")))})
    site.start()
    try:
        request, response = exchange(host.url("/report"))
        _, short_response = exchange(host.url("/short"))
    finally:
        site.stop()
    cuts = [len(response) // 3, 2 * len(response) // 3]
    first_id, parts = segments(host.url("/report"), response, cuts)
    _, req = record("request", host.url("/report"), request, content_type="application/http; msgtype=request",
                    WARC_Concurrent_To=first_id)
    write(tmp_path / "segmented.warc.gz", [parts[0], req, *parts[1:]])
    # a crawl whose last continuation went into its next file: the export says the record is not whole
    other_id, other = segments(host.url("/short"), short_response, [len(short_response) // 2, len(short_response) - 10],
                               date="2026-11-02T10:00:00Z")
    write(tmp_path / "split-1.warc.gz", other[:2])
    write(tmp_path / "split-2.warc.gz", other[2:])

    archive = Archive(tmp_path, site, {})
    imported = archive.run("import", str(tmp_path / "segmented.warc.gz"), str(tmp_path / "split-1.warc.gz"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "is the first of a record in segments" in imported.stdout, imported.stdout  # import warns
    assert archive.extract().returncode == 0
    target, said = _export(archive)
    records = _records(target)
    report = [r for r in records if r[1].get("warc-target-uri") == [host.url("/report")]]
    assert [kind for kind, _, _ in report] == ["response", "request", "continuation", "continuation"]
    assert b"".join(block for kind, _, block in report if kind != "request") == response  # the whole exchange
    assert report[3][1]["warc-segment-total-length"] == [str(len(response))]
    assert all(h["warc-segment-origin-id"] == [first_id] for kind, h, _ in report if kind == "continuation")
    short = [kind for kind, h, _ in records if h.get("warc-target-uri") == [host.url("/short")]]
    assert short == ["response", "continuation"], short
    assert "1 record in segments copied without all its continuation records" in said, said
    assert "split-1.warc.gz" in said and "3 continuation records, 1 request record" in said, said
    assert other_id in {h["warc-record-id"][0] for _, h, _ in records}


def test_archivers_own_requests_go_with_its_responses_and_its_bookkeeping_stays(tmp_path):
    site = Site(tmp_path / "site")
    news = site.host("www.example-news.test", address="127.0.46.5")
    news.routes_from({
        "/robots.txt": Response(body="User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/bridge": Response(body=article("The old bridge reopens", paras("Bridge"))),
        "/old-bridge": redirect("/bridge", 301),
    })
    site.start()
    archive = Archive(tmp_path, site, {})
    try:
        seeds = write_list(tmp_path / "news.txt", [news.url("/old-bridge")])
        for again in ([], ["--refresh"]):  # the second time the page is unchanged: a revisit record
            got = archive.run("fetch", str(seeds), "--delay", "0", "--progress", "never", "--retries", "0",
                              *again, *site.client_flags())
            assert got.returncode == 0, got.stdout + got.stderr
    finally:
        site.stop()
    assert archive.extract().returncode == 0
    target, said = _export(archive)
    records = _records(target)
    kinds = [kind for kind, _, _ in records if kind != "warcinfo"]
    # each capture: the hop and the page (a revisit the second time), each with its request
    assert kinds == ["response", "request", "response", "request", "response", "request", "revisit", "request"], kinds
    for i, (kind, headers, _) in enumerate(records):
        if kind == "request":
            assert headers["warc-concurrent-to"] == records[i - 1][1]["warc-record-id"]
    assert not any(b"archiver-capture" in block for _, _, block in records)  # the archive's bookkeeping stays home
    assert "4 request records" in said, said
    made = _wacz_cli("create", "-o", str(tmp_path / "reference.wacz"), *map(str, sorted(archive.warcs.glob("*.warc.gz"))))
    assert made.returncode == 0, made.stdout + made.stderr
    ours, reference = _index(target), _index(tmp_path / "reference.wacz")
    assert len(ours) == 4 and all(reference.get(key) == fields for key, fields in ours.items()), (ours, reference)

    # a colleague importing the package gets the one capture (the redirect and its answer), as before
    colleague = Archive(tmp_path / "colleague", site, {})
    colleague.root.mkdir()
    got = colleague.run("import", str(target))
    assert got.returncode == 0 and "2 captures added" in got.stdout, got.stdout + got.stderr
    back = archive.run("import", str(target))
    assert back.returncode == 0 and "0 captures added, 2 already" in back.stdout, back.stdout + back.stderr


def test_a_request_whose_bytes_rotted_is_copied_and_named(tmp_path):
    site = Site(tmp_path / "site")
    host = site.host("127.0.46.6", address="127.0.46.6")
    host.route("/page", Response(body=article("A page", paras("Page"))))
    site.start()
    try:
        request, response = exchange(host.url("/page"))
    finally:
        site.stop()
    request_id, req = record("request", host.url("/page"), request, content_type="application/http; msgtype=request")
    _, resp = record("response", host.url("/page"), response, content_type="application/http; msgtype=response",
                     WARC_Concurrent_To=request_id)
    warc = write(tmp_path / "wget-style.warc", [req, resp], "plain", software="Wget/1.21.3")
    rot(warc, b"companionkit/1.0", b"companionkit/9.9")  # the request's User-Agent, after it was written
    archive = Archive(tmp_path, site, {})
    assert archive.run("import", str(warc)).returncode == 0
    assert archive.extract().returncode == 0
    target = tmp_path / "out.wacz"
    got = archive.run("export", "--wacz", str(target), "--clean", str(archive.clean))
    assert got.returncode == 0, got.stdout + got.stderr
    assert "1 record copied as stored but not matching its WARC-Block-Digest" in got.stdout + got.stderr, got.stdout
    with zipfile.ZipFile(target) as z:
        data = gzip.decompress(b"".join(z.read(n) for n in z.namelist() if n.startswith("archive/")))
    assert b"companionkit/9.9" in data  # the evidence as it stands


def test_a_request_written_away_from_its_response_is_said(tmp_path):
    """Companions are looked for between the record and its indexed neighbours; a request a tool wrote after the next
    exchange is not there: the export says which record names a record the package does not hold."""
    site = Site(tmp_path / "site")
    host = site.host("127.0.46.7", address="127.0.46.7")
    host.routes_from({p: Response(body=article(f"Page {p}", paras(p))) for p in ("/a", "/b")})
    site.start()
    try:
        (request_a, response_a), (request_b, response_b) = exchange(host.url("/a")), exchange(host.url("/b"))
    finally:
        site.stop()
    id_a, req_a = record("request", host.url("/a"), request_a, content_type="application/http; msgtype=request")
    id_b, req_b = record("request", host.url("/b"), request_b, content_type="application/http; msgtype=request")
    _, resp_a = record("response", host.url("/a"), response_a, content_type="application/http; msgtype=response",
                       WARC_Concurrent_To=id_a)
    _, resp_b = record("response", host.url("/b"), response_b, content_type="application/http; msgtype=response",
                       WARC_Concurrent_To=id_b)
    warc = write(tmp_path / "odd.warc.gz", [resp_a, req_b, resp_b, req_a])
    archive = Archive(tmp_path, site, {})
    assert archive.run("import", str(warc)).returncode == 0
    assert archive.extract().returncode == 0
    target, said = _export(archive)
    assert "note: 1 record copied whose WARC-Concurrent-To names a record not found beside it" in said, said
    assert "odd.warc.gz:" in said and "1 request record" in said, said
    records = _records(target)
    assert [kind for kind, _, _ in records if kind != "warcinfo"] == ["response", "request", "response"]
    assert _dangling(records) == [id_a]
