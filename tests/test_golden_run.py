"""Golden run: ``archiver run LIST`` over the seed sites served under their real URLs.

Every fixture page in ``tests/fixtures/seeds/`` (manifest ``pages.tsv``: path,
original URL, expected text) is served by a loopback https server with a
certificate from a throw-away CA, under its original host name, mapped to its
own 127.0.0.x with ``--resolve``. Each server binds port 443 when it can (tests
run as root), so the URLs are exactly the original ones; otherwise a free port,
and the URLs carry it. ``archiver run`` then fetches and extracts everything in
one subprocess; the clean text of each page must equal its expected file byte
for byte after trailing whitespace is normalised. The five seed articles are
compared with ``../shared/seeds/expected/`` (skipped when ``../shared`` is
absent); the other fixture pages with their own expected files.
"""
from __future__ import annotations

import csv
import http.server
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import sitekit
from sitekit import Response, Site, run_archiver, write_list

from archiver import output

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
MANIFEST = FIXTURES / "pages.tsv"
FIRST_ADDRESS = 181  # 127.0.0.181 and up: away from the addresses other tests start from


@dataclass(frozen=True)
class Page:
    path: Path  # the HTML fixture
    url: str  # its original URL
    expected: Path  # resolved against the project root

    @property
    def is_seed(self) -> bool:
        return "shared" in self.expected.parts


def manifest() -> list[Page]:
    if not MANIFEST.exists():
        return []
    with open(MANIFEST, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [Page(FIXTURES / r["path"], r["url"], (ROOT / r["expected"]).resolve()) for r in rows]


PAGES = manifest()
SEEDS = [p for p in PAGES if p.is_seed]
OTHERS = [p for p in PAGES if not p.is_seed]


def normalise(text: str) -> str:
    """Trailing whitespace of every line and of the file does not count."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def bind_port(host: sitekit.HostServer, port: int) -> None:
    """Move ``host``'s server to ``port`` on its address (kept on its free port if that fails)."""
    tls = host.server.tls
    try:
        server = _PortServer(host, host.address, tls, port)
    except OSError:
        return  # not root, or the port is taken on that address: keep the free port
    host.server.server_close()
    host.server = server
    host.port = port


class _PortServer(sitekit._Server):
    def __init__(self, host, address, tls, port):  # sitekit's server, on a chosen port
        self.host = host
        self.tls = tls
        http.server.ThreadingHTTPServer.__init__(self, (address, port), sitekit._Handler)


@dataclass
class GoldenRun:
    site: Site
    root: Path
    served: dict[str, str]  # original URL -> URL as fetched (with the port if not 443)
    proc: object

    @property
    def clean(self) -> Path:
        return self.root / "clean"

    @property
    def db(self) -> Path:
        return self.root / "warcs" / "catalog.sqlite3"

    def text(self, page: Page) -> str:
        return (self.clean / output.paths_for(self.served[page.url]).text).read_text(encoding="utf-8")

    def sidecar(self, page: Page) -> dict:
        return json.loads((self.clean / output.paths_for(self.served[page.url]).sidecar).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def golden(tmp_path_factory) -> GoldenRun:
    if not PAGES:
        pytest.skip(f"no fixture manifest at {MANIFEST}")
    root = tmp_path_factory.mktemp("golden")
    site = Site(root / "site", first_address=FIRST_ADDRESS)
    hosts: dict[str, sitekit.HostServer] = {}
    for page in PAGES:
        name = urlsplit(page.url).hostname
        if name not in hosts:
            hosts[name] = site.host(name, https=True)
            bind_port(hosts[name], 443)
    served: dict[str, str] = {}
    for page in PAGES:
        parts = urlsplit(page.url)
        host = hosts[parts.hostname]
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        host.route(target, Response(body=page.path.read_bytes()))
        netloc = parts.hostname if host.port == 443 else f"{parts.hostname}:{host.port}"
        served[page.url] = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    site.start()
    try:
        lst = write_list(root / "seeds.txt", served.values())
        proc = run_archiver("run", lst, "--warcs", root / "warcs", "--clean", root / "clean",
                            "--delay", "0", "--retries", "1", "--progress", "never", *site.client_flags(),
                            cwd=root, timeout=900)
        yield GoldenRun(site, root, served, proc)
    finally:
        site.stop()


def test_run_succeeds(golden):
    out = golden.proc.stdout + golden.proc.stderr
    assert golden.proc.returncode == 0, out
    conn = sqlite3.connect(golden.db)
    try:
        states = dict(conn.execute("SELECT state, COUNT(*) FROM captures GROUP BY state").fetchall())
        errors = conn.execute("SELECT url, error FROM extractions WHERE error IS NOT NULL").fetchall()
    finally:
        conn.close()
    assert states == {"captured": len(PAGES)}, (states, out)
    assert errors == [], errors


def test_manifest_covers_the_five_seeds():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the seed list lives there")
    with open(SHARED / "seeds" / "urls.tsv", newline="", encoding="utf-8") as fh:
        seeds = {r["url"]: r["file"] for r in csv.DictReader(fh, delimiter="\t")}
    covered = {p.url: p.expected.name for p in SEEDS}
    assert covered == seeds


@pytest.mark.parametrize("page", SEEDS, ids=[urlsplit(p.url).hostname for p in SEEDS])
def test_seed_article_matches_expected(golden, page):
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the expected seed texts live there")
    assert normalise(golden.text(page)) == normalise(page.expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", OTHERS, ids=[p.path.stem[:40] for p in OTHERS])
def test_other_fixture_page_matches_expected(golden, page):
    assert normalise(golden.text(page)) == normalise(page.expected.read_text(encoding="utf-8"))


def test_removed_blocks_name_their_rule_and_spare_the_article(golden):
    for page in PAGES:
        data = golden.sidecar(page)
        assert data["url"] == golden.served[page.url]
        body = set(normalise(golden.text(page)).rstrip("\n").split("\n\n")[1:])
        for removed in data["removed"]:
            assert removed["rule"] and removed["stage"] in ("dom", "extractor", "paragraph", "site", "duplicate"), removed
            assert set(removed) == {"rule", "stage", "text", "region"} if removed["stage"] in ("extractor", "duplicate") \
                else set(removed) == {"rule", "stage", "text"}, removed
            if removed["stage"] == "duplicate":
                continue
            assert removed["text"].strip() not in body, (page.url, removed)
