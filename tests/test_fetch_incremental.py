"""Issue 2: new URLs only. The same list run again fetches nothing; new lines fetch
exactly themselves; failed URLs come back; ``--refresh`` writes revisits for
unchanged pages and full responses for changed ones.

The servers count every hit, so "fetched nothing" is measured where it happens.
"""
from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import httpx
from sitekit import Response, Site, redirect, run_archiver, sequence, write_list
from warckit import all_records, open_files, pairing_problems, pywb_replay, warc_files, warcio_check

NEWS, DW = "www.example-news.test", "www.dw.com"


def _setup(site: Site) -> tuple[list[str], list[str]]:
    news = site.host(NEWS, https=True)
    dw = site.host(DW)
    for i in range(6):
        news.route(f"/a/{i}", Response(body=f"<html><body><p>news {i}</p></body></html>", gzip=i % 2 == 0))
        dw.route(f"/b/{i}", Response(body=f"<html><body><p>dw {i}</p></body></html>", chunked=i % 2 == 0))
    news.route("/moved", redirect("/a/0", 301))
    site.start()
    first = [news.url(f"/a/{i}") for i in range(4)] + [dw.url(f"/b/{i}") for i in range(4)] + [news.url("/moved")]
    later = [news.url("/a/5"), dw.url("/b/5")]
    return first, later


def _fetch(site: Site, tmp: Path, list_path: Path, *extra: str):
    return run_archiver("fetch", list_path, "--warcs", tmp / "warcs", "--db", tmp / "cat.db", "--delay", "0",
                        "--timeout", "10", "--retries", "1", "--progress", "never", *site.client_flags(), *extra,
                        cwd=tmp, timeout=180)


def _rows(tmp: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(tmp / "cat.db")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM captures ORDER BY id").fetchall()
    finally:
        conn.close()


def _page_hits(site: Site) -> dict[tuple[str, str], int]:
    return {k: n for k, n in site.hits.items() if k[1] != "/robots.txt" and n}


def test_same_list_twice_fetches_nothing_then_new_lines_fetch_exactly_themselves(site, tmp_path):
    first, later = _setup(site)
    list_path = write_list(tmp_path / "urls.txt", ["# news"] + first)
    r1 = _fetch(site, tmp_path, list_path)
    assert r1.returncode == 0, r1.stdout + r1.stderr
    rows1 = _rows(tmp_path)
    assert len(rows1) == len(first) and all(r["state"] == "captured" for r in rows1)
    assert all(site.hits[(h, p)] for h, p in [(NEWS, "/a/0"), (DW, "/b/3"), (NEWS, "/moved")])

    site.reset_counts()
    r2 = _fetch(site, tmp_path, list_path)
    assert r2.returncode == 0, r2.stdout + r2.stderr
    assert sum(site.hits.values()) == 0, f"second run of the same list fetched {dict(site.hits)}"
    assert len(_rows(tmp_path)) == len(first)

    site.reset_counts()
    write_list(list_path, ["# news"] + first + later)
    r3 = _fetch(site, tmp_path, list_path)
    assert r3.returncode == 0, r3.stdout + r3.stderr
    assert _page_hits(site) == {(NEWS, "/a/5"): 1, (DW, "/b/5"): 1}
    rows3 = _rows(tmp_path)
    assert sorted(r["url"] for r in rows3[len(first):]) == sorted(later)
    assert all(r["state"] == "captured" and r["list_line"] in (11, 12) for r in rows3[len(first):])

    assert not open_files(tmp_path / "warcs")
    check = warcio_check(warc_files(tmp_path / "warcs"))
    assert check.returncode == 0, check.stdout


def test_failed_urls_are_tried_again_on_the_next_run(site, tmp_path):
    news = site.host(NEWS)
    news.route("/ok", Response(body="fine"))
    # two 500s use up --retries 1 in the first run; the next run gets the 200
    news.route("/later", sequence(Response(500), Response(500), Response(body="now it works")))
    site.start()
    list_path = write_list(tmp_path / "urls.txt", [news.url("/ok"), news.url("/later")])
    r1 = _fetch(site, tmp_path, list_path)
    assert r1.returncode == 1, r1.stdout + r1.stderr
    site.reset_counts()
    r2 = _fetch(site, tmp_path, list_path)
    assert r2.returncode == 0, r2.stdout + r2.stderr
    assert _page_hits(site) == {(NEWS, "/later"): 1}
    states = [(r["url"], r["state"]) for r in _rows(tmp_path)]
    assert sorted(states) == sorted([(news.url("/ok"), "captured"), (news.url("/later"), "failed"),
                                     (news.url("/later"), "captured")])


def test_refresh_writes_revisits_for_unchanged_pages_and_responses_for_changed(site, tmp_path):
    first, _ = _setup(site)
    changed = site.hosts[DW]
    changed.route("/b/1", sequence(Response(body="<p>version 1</p>"), Response(body="<p>version 2</p>")))
    list_path = write_list(tmp_path / "urls.txt", first)
    r1 = _fetch(site, tmp_path, list_path)
    assert r1.returncode == 0, r1.stdout + r1.stderr
    before = {r["url"]: r for r in _rows(tmp_path)}

    site.reset_counts()
    time.sleep(1.1)  # replay picks captures by the second: keep the two runs apart
    r2 = _fetch(site, tmp_path, list_path, "--refresh")
    assert r2.returncode == 0, r2.stdout + r2.stderr
    assert all(site.hits[(h, p)] == 1 for h, p in [(NEWS, "/a/1"), (DW, "/b/1"), (DW, "/b/3")]), dict(site.hits)
    after = [r for r in _rows(tmp_path) if r["id"] not in {b["id"] for b in before.values()}]
    assert len(after) == len(first)
    changed_url = changed.url("/b/1")
    for row in after:
        old = before[row["url"]]
        assert row["state"] == "captured", dict(row)
        if row["url"] == changed_url:
            assert row["record_type"] == "response" and row["payload_digest"] != old["payload_digest"]
        else:
            assert row["record_type"] == "revisit", dict(row)
            assert row["refers_to"] == old["id"] and row["payload_digest"] == old["payload_digest"]

    records = all_records(tmp_path / "warcs")
    revisits = [r for r in records if r.type == "revisit"]
    assert len(revisits) == len(first) - 1
    by_offset = {(r.file, r.offset): r for r in records}
    for row in after:
        if row["record_type"] != "revisit":
            continue
        rec = by_offset[(row["warc_file"], row["warc_offset"])]
        assert rec.type == "revisit"
        assert rec.headers["WARC-Profile"].endswith("/revisit/identical-payload-digest")
        old = before[row["url"]]
        assert rec.headers["WARC-Refers-To-Target-URI"] == old["final_url"]
        assert rec.headers["WARC-Refers-To-Date"] == _warc_date_of(records, old)
        assert rec.headers["WARC-Payload-Digest"] == old["payload_digest"]
    assert not pairing_problems(records), pairing_problems(records)
    check = warcio_check(warc_files(tmp_path / "warcs"))
    assert check.returncode == 0, check.stdout

    # replay of the newest capture: pywb resolves each revisit to the body it refers to
    with pywb_replay(warc_files(tmp_path / "warcs"), tmp_path / "pywb") as prefix:
        with httpx.Client(timeout=60, trust_env=False) as client:
            for row in after:
                stamp = re.sub(r"\D", "", row["fetched_at"])[:14]
                url = httpx.URL(row["final_url"])
                resp = client.get(prefix.replace("/id_/", f"/{stamp}id_/") + row["final_url"])
                assert resp.status_code == 200, (row["url"], resp.status_code, resp.text[:300])
                assert resp.content == site.sent[(url.host, url.raw_path.decode())], row["url"]


def _warc_date_of(records, row) -> str:
    for r in records:
        if r.file == row["warc_file"] and r.offset == row["warc_offset"]:
            return r.headers["WARC-Date"]
    raise AssertionError(f"no record for {row['url']}")
