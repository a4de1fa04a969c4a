"""A new user's walk, session 38 (nu38): a web archivist come from Browsertrix, ArchiveBox and wget checking what
``archiver fetch``/``run`` captures (request, response, metadata and revisit records, headers as sent, redirects as
records of their own) and how other tools' WARCs come in (wget ``--warc-file``, ``--warc-dedup``), with the real
clients: wget, warcio, pywb, py-wacz; real servers on loopback (127.0.38.x), real WARCs, a real catalog.

- A ``--refresh`` of a page first captured by wget (imported) wrote a revisit whose ``WARC-Refers-To-Target-URI``
  was wget's ``WARC-Target-URI`` as written, in WARC 1.0's angle brackets (``<http://...>``): pywb looked the
  original up under that string, found nothing, and replayed the revisit's time as the earlier capture (its
  ``Memento-Datetime`` the original's). The URI is now written bare, as WARC 1.1 asks.
- wget's ``--warc-dedup`` revisits carry ``WARC-Truncated: length`` (their block leaves the payload out, as every
  revisit's does): import warned that the writing tool had marked those captures truncated, "imported as the part
  the record holds", and the catalog kept the mark; a revisit is whole through its original, so neither is said.
"""
from __future__ import annotations

import gzip
import shutil
import sqlite3
import subprocess
import sys
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from archivekit import article, paras
from sitekit import Response, Site, run_archiver, write_list
from warckit import pywb_replay

HOST = "127.0.38.2"  # an IP host: wget, which has no --resolve, reaches it too


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_archiver(*args, cwd=root, timeout=600)


def _wget(folder: Path, name: str, urls: list[str], *extra: str) -> Path:
    """A real wget WARC of ``urls`` (``folder/NAME.warc.gz``), with ``extra`` wget options."""
    if shutil.which("wget") is None:
        pytest.skip("wget is not installed (apt-get install wget)")
    folder.mkdir(exist_ok=True)
    done = subprocess.run(["wget", "-q", "-e", "robots=off", "-O", "/dev/null", f"--warc-file={name}", *extra, *urls],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    path = folder / f"{name}.warc.gz"
    assert path.exists(), done.stderr
    return path


def _site(tmp_path: Path) -> tuple[Site, dict[str, str]]:
    site = Site(tmp_path / "site")
    news = site.host(HOST)
    news.route("/a", Response(body=article("Harbour works begin", paras("alpha", special="The harbour crane."))))
    news.route("/b", Response(body=article("Bridge reopens", paras("beta", special="The old bridge.")),
                              gzip=True, chunked=True))
    site.start()
    return site, {"a": news.url("/a"), "b": news.url("/b")}


def _records(path: Path) -> list:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        return [(r.rec_type, r.rec_headers) for r in ArchiveIterator(fh)]


def _stamp(warc_date: str) -> str:
    return warc_date[:19].replace("-", "").replace(":", "").replace("T", "")


def test_a_revisit_of_a_wget_capture_names_its_original_bare_so_pywb_replays_it_at_its_time(tmp_path):
    site, urls = _site(tmp_path)
    try:
        crawl = _wget(tmp_path / "wget", "crawl", [urls["a"]])
        assert b"WARC-Target-URI: <http" in gzip.decompress(crawl.read_bytes())  # WARC 1.0's form
        imported = _run(tmp_path, "import", crawl)
        assert imported.returncode == 0 and "1 capture added" in imported.stdout, imported.stdout + imported.stderr
        time.sleep(1.2)  # the revisit's wayback second differs from the original's
        lst = write_list(tmp_path / "news.txt", [urls["a"]])
        again = _run(tmp_path, "fetch", lst, "--refresh", "--delay", "0", "--ignore-robots", "--progress", "never")
        assert again.returncode == 0 and "(unchanged: revisit)" in again.stdout, again.stdout + again.stderr
    finally:
        site.stop()
    ours = sorted((tmp_path / "warcs").glob("*.warc.gz"))
    assert len(ours) == 1
    revisits = [h for t, h in _records(ours[0]) if t == "revisit"]
    assert len(revisits) == 1
    revisit = revisits[0]
    assert revisit.get_header("WARC-Refers-To-Target-URI") == urls["a"], revisit.to_str()
    original = next(h for t, h in _records(crawl) if t == "response")
    assert revisit.get_header("WARC-Refers-To") == original.get_header("WARC-Record-ID")
    assert revisit.get_header("WARC-Refers-To-Date") == original.get_header("WARC-Date")

    # the folder as pywb takes it: wget's file copied beside archiver's
    with pywb_replay([crawl, ours[0]], tmp_path / "pywb") as prefix:
        base = prefix[: -len("id_/")]
        when = _stamp(revisit.get_header("WARC-Date"))
        got = httpx.get(f"{base}{when}id_/{urls['a']}", timeout=60)
    assert got.status_code == 200 and b"The harbour crane." in got.content
    shown = parsedate_to_datetime(got.headers["Memento-Datetime"]).strftime("%Y%m%d%H%M%S")
    assert shown == when, (shown, when, "pywb fell back to the original: the revisit did not resolve")


def test_wget_dedup_revisits_import_as_whole_captures_not_as_truncated_ones(tmp_path):
    site, urls = _site(tmp_path)
    try:
        folder = tmp_path / "wget"
        _wget(folder, "one", [urls["a"], urls["b"]], "--warc-cdx")
        second = _wget(folder, "two", [urls["a"], urls["b"]], f"--warc-dedup={folder / 'one.cdx'}")
    finally:
        site.stop()
    kinds = [(t, h.get_header("WARC-Truncated")) for t, h in _records(second) if t == "revisit"]
    assert kinds == [("revisit", "length"), ("revisit", "length")]  # wget's mark on its dedup revisits
    imported = _run(tmp_path, "import", folder / "one.warc.gz", second)
    out = imported.stdout + imported.stderr
    assert imported.returncode == 0, out
    assert "Truncated" not in out, out
    assert "7 captures added" not in out and "4 captures added" in out, out
    db = sqlite3.connect(tmp_path / "warcs" / "catalog.sqlite3")
    marks = db.execute("SELECT record_type, truncated FROM captures WHERE record_type = 'revisit'").fetchall()
    db.close()
    assert marks == [("revisit", None), ("revisit", None)], marks
    extracted = _run(tmp_path, "extract")
    assert extracted.returncode == 0 and "2 revisits reused" in extracted.stdout, extracted.stdout + extracted.stderr
    told = _run(tmp_path, "history", urls["b"])
    assert "1 version" in told.stdout and "revisit" in told.stdout, told.stdout


def test_an_http2_request_record_holds_the_fields_h2_sent_not_httpx_s_connection_header(tmp_path):
    from h2kit import H2Server, whole

    body = article("Over two", paras("h2", special="The second protocol.")).encode()
    with H2Server("h2.nu38.test", "127.0.38.9", body, tmp_path) as srv:
        srv.route("/x", whole(body))
        lst = write_list(tmp_path / "news.txt", [srv.url("/x")])
        done = _run(tmp_path, "fetch", lst, "--resolve", srv.resolve, "--ca-bundle", srv.ca_file, "--delay", "0",
                    "--ignore-robots", "--progress", "never")
        assert done.returncode == 0, done.stdout + done.stderr
        sent = [h for h in srv.heads if dict(h).get(":path") == "/x"]
    assert len(sent) == 1
    on_wire = [(k, v) for k, v in sent[0] if not k.startswith(":")]
    authority = dict(sent[0])[":authority"]
    (warc,) = (tmp_path / "warcs").glob("*.warc.gz")
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as fh:
        records = [(r.rec_type, _layers(r.rec_headers), r.http_headers.headers)
                   for r in ArchiveIterator(fh) if r.rec_type in ("request", "response")]
    assert [(kind, layers[:2]) for kind, layers, _ in records] == [("response", ["h2", "tls/1.3"]),
                                                                  ("request", ["h2", "tls/1.3"])]
    assert all(layers[2].startswith("TLS_") for _, layers, _ in records)  # the IANA suite name
    stored = records[1][2]
    assert ("host", authority) in stored  # :authority, in the HTTP/1.1 form
    assert [f for f in stored if f[0] != "host"] == on_wire, (stored, on_wire)
    assert not any(name.lower() == "connection" for name, _ in stored), stored


def test_every_record_names_its_warcinfo_so_an_export_still_says_which_run_wrote_it(tmp_path):
    import io
    import zipfile

    from warcio.archiveiterator import ArchiveIterator

    site, urls = _site(tmp_path)
    try:
        lst = write_list(tmp_path / "news.txt", [urls["a"], urls["b"]])
        flags = ["--delay", "0", "--ignore-robots", "--progress", "never"]
        first = _run(tmp_path, "fetch", lst, *flags)
        assert first.returncode == 0, first.stdout + first.stderr
        again = _run(tmp_path, "fetch", lst, "--refresh", *flags, "--user-agent", "nu38-second-run/1.0")
        assert again.returncode == 0 and again.stdout.count("(unchanged: revisit)") == 2, again.stdout + again.stderr
    finally:
        site.stop()
    files = sorted(p.name for p in (tmp_path / "warcs").glob("*.warc.gz"))
    assert len(files) == 2
    for name in files:  # in each file as written: the opening warcinfo, named by every later record
        records = _records(tmp_path / "warcs" / name)
        assert records[0][0] == "warcinfo"
        opening = records[0][1].get_header("WARC-Record-ID")
        assert [h.get_header("WARC-Warcinfo-ID") for _, h in records[1:]] == [opening] * (len(records) - 1), name

    wacz = tmp_path / "news.wacz"
    done = _run(tmp_path, "export", "--wacz", wacz)
    assert done.returncode == 0, done.stdout + done.stderr
    infos, named = {}, {}
    with zipfile.ZipFile(wacz) as z:
        for member in z.namelist():
            if member.startswith("archive/"):
                for rec in ArchiveIterator(io.BytesIO(z.read(member))):
                    h = rec.rec_headers
                    if rec.rec_type == "warcinfo":
                        infos[h.get_header("WARC-Record-ID")] = (h.get_header("WARC-Filename"),
                                                                 rec.content_stream().read())
                    elif rec.rec_type in ("response", "revisit"):
                        named[(rec.rec_type, h.get_header("WARC-Target-URI"))] = h.get_header("WARC-Warcinfo-ID")
    assert len(named) == 4, named
    assert all(info in infos for info in named.values()), (named, infos)
    for (kind, _), info in named.items():  # the revisits were written by the second run, with its User-Agent
        assert infos[info][0] == files[kind == "revisit"], (kind, infos[info])
        assert (b"nu38-second-run" in infos[info][1]) == (kind == "revisit")


def _layers(headers) -> list[str]:
    """Every WARC-Protocol value in order, then the WARC-Cipher-Suite if any."""
    protocols = [v for n, v in headers.headers if n == "WARC-Protocol"]
    return protocols + [v for n, v in headers.headers if n == "WARC-Cipher-Suite"]


def test_an_https_capture_records_its_tls_layer_and_a_cleartext_one_none(tmp_path):
    """``WARC-Protocol: tls/1.3`` after ``http/1.1`` and ``WARC-Cipher-Suite`` (IIPC's adopted extensions, as
    Browsertrix and Zeno write them): an https capture said only ``http/1.1``, which the extension reads as the
    whole protocol stack when the field is present."""
    from warcio.archiveiterator import ArchiveIterator

    site = Site(tmp_path / "site")
    secure = site.host("secure.nu38.test", https=True, address="127.0.38.3")
    plain = site.host("plain.nu38.test", address="127.0.38.4")
    page = Response(body=article("Harbour works begin", paras("alpha", special="The harbour crane.")))
    secure.route("/a", page)
    plain.route("/a", page)
    site.start()
    try:
        lst = write_list(tmp_path / "news.txt", [secure.url("/a"), plain.url("/a")])
        flags = ["--delay", "0", "--ignore-robots", "--progress", "never", "--http2", "false", *site.client_flags()]
        first = _run(tmp_path, "fetch", lst, *flags)
        assert first.returncode == 0, first.stdout + first.stderr
        again = _run(tmp_path, "fetch", lst, "--refresh", *flags)
        assert again.returncode == 0 and again.stdout.count("(unchanged: revisit)") == 2, again.stdout + again.stderr
    finally:
        site.stop()
    seen: dict[tuple[str, str], list[list[str]]] = {}
    for warc in sorted((tmp_path / "warcs").glob("*.warc.gz")):
        with open(warc, "rb") as fh:
            for r in ArchiveIterator(fh):
                if r.rec_type in ("response", "revisit", "request"):
                    host = r.rec_headers.get_header("WARC-Target-URI").split("/")[2].split(":")[0]
                    seen.setdefault((host, r.rec_type), []).append(_layers(r.rec_headers))
        checked = subprocess.run([sys.executable, "-c", "from warcio.cli import main; main()", "check", str(warc)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    assert set(seen) == {(h, k) for h in ("secure.nu38.test", "plain.nu38.test")
                         for k in ("response", "revisit", "request")}
    for (host, kind), layers in seen.items():
        for one in layers:
            if host == "plain.nu38.test":
                assert one == ["http/1.1"], (host, kind, one)
            else:
                assert one[:2] == ["http/1.1", "tls/1.3"] and one[2].startswith("TLS_"), (host, kind, one)


def test_the_request_to_an_http10_server_is_stored_as_the_http11_request_sent(tmp_path):
    """``python -m http.server`` answers in HTTP/1.0: the request record said ``GET /p.html HTTP/1.0`` (and
    ``WARC-Protocol: http/1.0``), a request never sent; the server read ``HTTP/1.1``."""
    import functools
    import http.server
    import threading

    from warcio.archiveiterator import ArchiveIterator

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.html").write_text(article("Static page", paras("static", special="A static page.")))
    versions: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):  # the stock handler, its request line noted
        def log_message(self, format: str, *args: object) -> None:
            versions.append(self.request_version)

    server = http.server.ThreadingHTTPServer(("127.0.38.6", 0),
                                             functools.partial(Handler, directory=str(docs)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.38.6:{server.server_address[1]}/p.html"
        done = _run(tmp_path, "fetch", write_list(tmp_path / "l.txt", [url]), "--delay", "0", "--ignore-robots",
                    "--progress", "never")
        assert done.returncode == 0, done.stdout + done.stderr
    finally:
        server.shutdown()
        server.server_close()
    assert versions == ["HTTP/1.1"]
    (warc,) = (tmp_path / "warcs").glob("*.warc.gz")
    with open(warc, "rb") as fh:
        got = {r.rec_type: (r.rec_headers.get_header("WARC-Protocol"),  # warcio: a request's "protocol" is its
                            (r.http_headers.protocol if r.rec_type == "response"  # method, the version ends
                             else r.http_headers.statusline.split()[-1]))  # its status line
               for r in ArchiveIterator(fh) if r.rec_type in ("request", "response")}
    assert got["response"] == ("http/1.0", "HTTP/1.0")  # the server's answer, as it came
    assert got["request"] == ("http/1.1", "HTTP/1.1"), got  # the request, as it went
