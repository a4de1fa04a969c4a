"""A new user's walk, session 44 (nu44): a web archivist checking that the archive goes out faithful and open,
with real servers on loopback (127.0.44.x), real WARCs, a real catalog and the real clients (py-wacz's
``wacz validate``, pywb).

- ``archiver export`` selected by list file, host and capture time only: the captures of one article (its whole
  history, to hand to a colleague or attach to a report) could not be exported without every other page of its
  host. ``--url`` (repeatable) now selects them, matched as replay tools key a URL (its SURT: host case, IDN or
  IDNA, ``%7E`` or ``~``, the order of the query's fields, a fragment do not matter), by the seed URL or the page
  it landed on (a redirect chain comes whole); ``URL*`` takes every URL whose key starts so, as pywb's
  ``URL*`` query does.
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from archivekit import article, paras
from sitekit import Response, Site, redirect, run_archiver, write_list
from warckit import pywb_replay

HOST = "127.0.44.2"
IDN = "xn--bcher-kva.test"  # bücher.test, resolved to HOST with --resolve


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_archiver(*args, cwd=root, timeout=600)


def _validate(path: Path) -> subprocess.CompletedProcess:
    wacz = shutil.which("wacz")
    command = [wacz] if wacz else [sys.executable, "-m", "wacz"]
    return subprocess.run([*command, "validate", "-f", str(path)], capture_output=True, text=True, timeout=300)


def _index_urls(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.startswith("indexes/") and n.endswith(".gz"))
        lines = gzip.decompress(z.read(name)).decode("utf-8").splitlines()
    return [json.loads(line.split(" ", 2)[2])["url"] for line in lines if line]


@pytest.fixture
def archive(tmp_path):
    """A host (as bücher.test) with an article, a 301 -> 302 chain, a query page and a ``%7E`` path, fetched twice
    (the second time written as revisits)."""
    site = Site(tmp_path / "site", first_address=2)
    news = site.host(HOST)
    news.route("/a", Response(body=article("Harbour works begin", paras("alpha", special="The harbour crane."))))
    news.route("/r1", redirect("/r2", 301))
    news.route("/r2", redirect("/final", 302))
    news.route("/final", Response(body=article("Final landing", paras("gamma", special="The final word."))))
    news.route("/q?b=2&a=1", Response(body=article("Query page", paras("eps", special="Query order."))))
    news.route("/%7Euser/p", Response(body=article("Tilde page", paras("zeta", special="Tilde home."))))
    site.start()
    port = news.url("/a").rsplit(":", 1)[1].split("/", 1)[0]
    base = f"http://{IDN}:{port}"
    urls = {name: base + path for name, path in
            (("a", "/a"), ("r1", "/r1"), ("q", "/q?b=2&a=1"), ("tilde", "/%7Euser/p"))}
    lst = write_list(tmp_path / "news.txt", list(urls.values()))
    fetch = ("fetch", str(lst), "--delay", "0", "--ignore-robots", "--progress", "never",
             "--resolve", f"{IDN}:{port}:{HOST}")
    try:
        first = _run(tmp_path, *fetch)
        assert first.returncode == 0, first.stdout + first.stderr
        time.sleep(1.2)  # the revisits' wayback second differs from the originals'
        again = _run(tmp_path, *fetch, "--refresh")
        assert again.returncode == 0 and "4 unchanged" in again.stdout, again.stdout + again.stderr
        extracted = _run(tmp_path, "extract", "--all")
        assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    finally:
        site.stop()
    return tmp_path, base, urls, site


def test_export_by_url_takes_one_article_matched_as_replay_tools_key_it(archive):
    root, base, urls, _ = archive
    # another spelling of each URL: Unicode host in capitals, '~' for '%7E', the query's fields reordered, a fragment
    port = base.rsplit(":", 1)[1]
    spelt = {"q": f"http://BÜCHER.test:{port}/q?a=1&b=2#top", "tilde": f"http://{IDN}:{port}/~user/p"}
    for name, given in spelt.items():
        out = root / f"{name}.wacz"
        done = _run(root, "export", "--wacz", str(out), "--url", given)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "2 captures" in done.stdout, done.stdout  # the response and its revisit
        assert set(_index_urls(out)) == {urls[name]}, _index_urls(out)
        checked = _validate(out)
        assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr

    # the seed of a redirect chain brings its hops, and the page it landed on selects the same captures
    for given in (urls["r1"], f"{base}/final"):
        out = root / "chain.wacz"
        out.unlink(missing_ok=True)
        done = _run(root, "export", "--wacz", str(out), "--url", given)
        assert done.returncode == 0, done.stdout + done.stderr
        assert set(_index_urls(out)) == {urls["r1"], f"{base}/r2", f"{base}/final"}, _index_urls(out)

    # a prefix ('~' and '%7E' key alike), and two URLs at once
    out = root / "prefix.wacz"
    done = _run(root, "export", "--wacz", str(out), "--url", f"{base}/~*", "--url", urls["a"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(_index_urls(out)) == {urls["tilde"], urls["a"]}

    # a URL the archive does not hold selects nothing (exit 2, as any empty selection); a bare host is refused
    none = _run(root, "export", "--wacz", str(root / "none.wacz"), "--url", f"{base}/missing")
    assert none.returncode == 2 and "no captured page matches" in none.stderr, none.stdout + none.stderr
    bare = _run(root, "export", "--wacz", str(root / "none.wacz"), "--url", IDN)
    assert bare.returncode == 2 and f"--host '{IDN}'" in bare.stderr, bare.stderr


def test_an_article_exported_by_url_and_time_replays_its_chain_and_revisit_in_pywb(archive, tmp_path):
    """Only the second fetch of the redirected seed: its hops and its revisit, with the response the revisit
    repeats (from the first fetch); pywb follows the chain at the revisit's time and shows the page."""
    root, base, urls, _ = archive
    index = (root / "warcs" / "index.cdxj").read_text().splitlines()
    stamps = sorted({line.split(" ")[1] for line in index if ")/final " in line})
    assert len(stamps) == 2, stamps  # the first fetch's response, the second's revisit
    out = root / "chain.wacz"
    done = _run(root, "export", "--wacz", str(out), "--url", urls["r1"], "--since", stamps[1])
    assert done.returncode == 0 and "1 capture," in done.stdout, done.stdout + done.stderr
    checked = _validate(out)
    assert checked.returncode == 0 and "is valid" in checked.stdout, checked.stdout + checked.stderr
    with zipfile.ZipFile(out) as z:
        lines = [json.loads(line) for line in z.read("pages/pages.jsonl").decode("utf-8").splitlines()]
        packed = gzip.decompress(z.read("indexes/index.cdx.gz")).decode().splitlines()
    assert [p["url"] for p in lines[1:]] == [f"{base}/final"], lines
    # the hops and the revisit of the second fetch, and the first fetch's response the revisit names
    assert sorted((line.split(" ")[0].split(")")[1], line.split(" ")[1]) for line in packed) == sorted(
        [("/final", stamps[0]), ("/final", stamps[1]), ("/r1", stamps[1]), ("/r2", stamps[1])]), packed
    with pywb_replay(["--unpack-wacz", out], tmp_path / "pywb") as prefix:
        timed = prefix.removesuffix("id_/")
        got = httpx.get(f"{timed}{stamps[1]}mp_/{urls['r1']}", timeout=60, follow_redirects=True)
        assert got.status_code == 200 and b"The final word." in got.content, got.status_code
        when = time.strftime("%H:%M:%S", time.strptime(stamps[1], "%Y%m%d%H%M%S"))
        assert when in got.headers.get("memento-datetime", ""), got.headers  # the revisit's time
        other = httpx.get(prefix + urls["a"], timeout=60)
        assert other.status_code == 404  # the other pages of the host stayed out


def test_search_by_url_reads_one_articles_versions(archive):
    root, base, urls, _ = archive
    port = base.rsplit(":", 1)[1]
    every = _run(root, "search", "council", "--format", "json")
    assert every.returncode == 0 and len(json.loads(every.stdout)["hits"]) == 4, every.stdout + every.stderr
    one = _run(root, "search", "council", "--format", "json", "--url", f"http://bücher.test:{port}/q?a=1&b=2")
    assert one.returncode == 0, one.stdout + one.stderr
    assert [hit["url"] for hit in json.loads(one.stdout)["hits"]] == [urls["q"]], one.stdout
    none = _run(root, "search", "council", "--url", f"{base}/missing")
    assert none.returncode == 1 and f"(--url {base}/missing)" in none.stderr, none.stdout + none.stderr


def test_a_url_prefix_ending_in_a_slash_keeps_to_its_folder():
    """SURT keys drop a path's trailing '/', so a prefix taken from the key alone ran past the folder."""
    from archiver.selection import Selection

    class Cap:
        def __init__(self, url: str) -> None:
            self.url, self.final_url, self.fetched_at, self.list_file = url, None, "2026-12-06T00:00:00Z", None

    folder = Selection(urls=("https://news.example/2026/*",))
    assert folder.admits(Cap("https://news.example/2026/12/story"))
    assert folder.admits(Cap("https://news.example/2026/"))
    assert not folder.admits(Cap("https://news.example/2026-plans"))
    assert Selection(urls=("https://news.example/2026*",)).admits(Cap("https://news.example/2026-plans"))
