"""``--host HOST:PORT`` (nu51): one host name served on two ports (a staging copy beside the live site, two loopback
test servers) is two sites in the catalog, whose captures keep their whole URLs, port included. ``export --host``,
``list --host`` and ``search --host`` refused a port before 2026-12-06 (``a host name without a port``): the only way
to export one of the two was ``--url URL*`` per site. Now ``HOST:PORT`` takes that port only, a bare name every port.
Served on loopback (127.0.51.33 and .34).
"""
from __future__ import annotations

import json
import zipfile

from sitekit import Response, Site, run_archiver, write_list

HOST = "www.twin-gazette.test"


def page(title: str, word: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><main><article><h1>{title}</h1>"
            f"<p>The {word} council met on Monday to discuss the harbour budget for the coming year.</p>"
            f"<p>Members agreed that the {word} plan would be published before the end of the month.</p>"
            "</article></main></body></html>")


def test_host_with_a_port_selects_that_port_only(tmp_path):
    live, staging = Site(tmp_path / "live"), Site(tmp_path / "staging")
    a = live.host(HOST, address="127.0.51.33")
    b = staging.host(HOST, address="127.0.51.34")
    a.route("/story", Response(body=page("Live story", "lively")))
    b.route("/story", Response(body=page("Staging story", "stagey")))
    with live, staging:
        listing = write_list(tmp_path / "urls.txt", [a.url("/story"), b.url("/story")])
        flags = [*live.resolve_flags(), *staging.resolve_flags()]
        proc = run_archiver("run", listing, "--delay", "0", "--jobs", "1", "--progress", "never", *flags,
                            cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    listed = run_archiver("list", "--host", f"{HOST}:{b.port}", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert [row["url"] for row in json.loads(listed.stdout)["urls"]] == [b.url("/story")]
    both = run_archiver("list", "--host", HOST, "--format", "json", cwd=tmp_path)
    assert len(json.loads(both.stdout)["urls"]) == 2, both.stdout

    proc = run_archiver("export", "--wacz", "live.wacz", "--host", f"{HOST.upper()}:{a.port}", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(tmp_path / "live.wacz") as z:
        pages = [json.loads(line) for line in z.read("pages/pages.jsonl").decode().splitlines()[1:]]
    assert [p["url"] for p in pages] == [a.url("/story")], pages

    found = run_archiver("search", "council", "--host", f"{HOST}:{a.port}", "--format", "json", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert [hit["url"] for hit in json.loads(found.stdout)["hits"]] == [a.url("/story")], found.stdout

    unused = 1 if a.port != 1 and b.port != 1 else 2
    none = run_archiver("export", "--wacz", "none.wacz", "--host", f"{HOST}:{unused}", cwd=tmp_path)
    assert none.returncode == 2 and f"give '{HOST}' for every port" in none.stderr, none.stderr
