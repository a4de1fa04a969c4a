"""Issue 6: fetch and extract on a real Ray cluster (two ``ray start`` nodes of one CPU each).

The cluster runs as separate processes on this machine and is torn down by the
module fixture, pass or fail. Each Ray test runs the same site through local
mode and through ``--ray`` and compares what a user gets: the catalog's
captures, the clean files, valid WARC files. The planner tests need no Ray.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiver.cluster import HostPlanner, extract_batches
from archiver.lists import Seed
from sitekit import ROOT, Response, Site, archiver_env, run_archiver, write_list
from warckit import all_records, open_files, pairing_problems, warc_files, warcio_check

HAVE_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAVE_RAY, reason="Ray is not installed (pip install 'archiver[ray]')")


# -- the planner (pure) -------------------------------------------------------------

def seeds_of(spec: dict[str, int]) -> list[Seed]:
    out, line = [], 0
    for host, n in spec.items():
        for i in range(n):
            line += 1
            out.append(Seed(f"https://{host}/p{i}", line))
    return out


def host(url: str) -> str:
    return url.split("/")[2]


def test_planner_gives_each_host_to_one_batch_at_a_time():
    planner = HostPlanner.of(seeds_of({"a.test": 250, "b.test": 3, "c.test": 1}), slots=2, host_chunk=100)
    running, seen = [], []
    while not planner.done or running:
        while (batch := planner.next_batch()) is not None:
            owned = {h for b in running for h in b.hosts}
            assert not owned & set(batch.hosts), "a host handed to two running batches"
            assert {host(s.url) for s in batch.seeds} == set(batch.hosts)
            assert all(sum(host(s.url) == h for s in batch.seeds) <= 100 for h in batch.hosts)
            running.append(batch)
        done = running.pop(0)
        seen += done.seeds
        planner.release(done)
    urls = [s.url for s in seen]
    assert len(urls) == len(set(urls)) == 254
    a_lines = [s.line for s in seen if host(s.url) == "a.test"]
    assert a_lines == sorted(a_lines)  # a host's seeds go out in list order


def test_planner_spreads_a_small_list_over_the_slots():
    planner = HostPlanner.of(seeds_of({"a.test": 5, "b.test": 5, "c.test": 5, "d.test": 5}), slots=2)
    first, second = planner.next_batch(free_slots=2), planner.next_batch(free_slots=1)
    assert first and second and planner.next_batch(free_slots=0) is None
    assert len(first.seeds) == len(second.seeds) == 10
    assert not set(first.hosts) & set(second.hosts)


def test_extract_batches_cover_every_job_once():
    from archiver.extraction_job import Job

    jobs = [Job(i, f"https://x.test/{i}", f"/w/{i % 3}.warc.gz", i * 10) for i in range(103)]
    batches = extract_batches(jobs, slots=2, limit=25)
    flat = [j.capture_id for b in batches for j in b]
    assert sorted(flat) == list(range(103))
    assert max(len(b) for b in batches) <= 25 and len(batches) >= 8


def test_ray_missing_is_a_usage_error_and_local_mode_never_imports_it(tmp_path):
    """Without Ray installed, --ray is a clear usage error (exit 2) and plain runs do not touch it."""
    lst = write_list(tmp_path / "urls.txt", ["https://nowhere.invalid/"])
    script = (
        "import sys\n"
        "sys.modules['ray'] = None  # as if not installed: import ray raises ImportError\n"
        "from archiver.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('EXIT', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, "fetch", str(lst), "--warcs", str(tmp_path / "w"),
                           "--ray", "auto", "--progress", "never"], capture_output=True, text=True,
                          env=archiver_env(), cwd=tmp_path, timeout=120)
    assert "EXIT 2" in proc.stdout, proc.stdout + proc.stderr
    assert "pip install 'archiver[ray]'" in proc.stderr
    local = (
        "import sys\n"
        "from archiver.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('RAY IMPORTED' if 'ray' in sys.modules else 'NO RAY', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", local, "fetch", str(lst), "--warcs", str(tmp_path / "w2"),
                           "--retries", "0", "--timeout", "2", "--progress", "never"], capture_output=True,
                          text=True, env=archiver_env(), cwd=tmp_path, timeout=120)
    assert "NO RAY 1" in proc.stdout, proc.stdout + proc.stderr


# -- the cluster ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    if not HAVE_RAY:
        pytest.skip("Ray is not installed (pip install 'archiver[ray]')")
    from raykit import LocalCluster

    c = LocalCluster(nodes=2, cpus_per_node=1)
    c.start()
    try:
        yield c
    finally:
        c.stop()


def catalog_rows(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def check_warcs(folder: Path) -> None:
    assert not open_files(folder), "an .open WARC file was left behind"
    files = warc_files(folder)
    assert files
    check = warcio_check(files)
    assert check.returncode == 0, check.stdout + check.stderr
    assert pairing_problems(all_records(folder)) == []


# -- fetch: the acceptance site, local vs --ray --------------------------------------------

def fetch_site(root: Path, ray_address: str | None) -> dict:
    """Run issue 2's acceptance site (fresh servers) through fetch; return what to compare."""
    import test_fetch_acceptance as acc

    site = Site(root / "site")
    acc.build_site(site)
    site.start()
    try:
        urls = {key: site.hosts[c.host].url(c.path) for key, c in acc.CASES.items()}
        list_path = write_list(root / "urls.txt", list(urls.values()) + ["ftp://not.fetched.test/x"])
        args = ["fetch", list_path, "--warcs", root / "warcs", "--delay", "0", "--timeout", "3",
                "--retries", "1", "--retry-after-max", "5", "--max-body", "1M", "--progress", "never",
                *site.client_flags()]
        if ray_address:
            args += ["--ray", ray_address]
        proc = run_archiver(*args, cwd=root, timeout=480)
        origins = {h.origin: f"{h.scheme}://{h.name}" for h in site.hosts.values()}
    finally:
        site.stop()

    def portless(text):
        if text is None:
            return None
        for origin, bare in origins.items():
            text = text.replace(origin, bare)
        return text

    db = root / "warcs" / "catalog.sqlite3"
    by_url = {url: key for key, url in urls.items()}
    captures = {}
    for row in catalog_rows(db, "SELECT * FROM captures"):
        key = by_url[row["url"]]
        assert key not in captures, f"{key} recorded twice"
        hops = catalog_rows(db, "SELECT url, http_status, payload_digest FROM records WHERE capture_id = ? "
                                "ORDER BY id", (row["id"],))
        captures[key] = {
            "state": row["state"], "reason": portless(row["reason"]), "http_status": row["http_status"],
            "payload_digest": row["payload_digest"], "final_url": portless(row["final_url"]),
            "record_type": row["record_type"], "truncated": row["truncated"], "list_line": row["list_line"],
            # a redirect's body names the server's port, which differs between the two sites
            "hops": [(portless(h["url"]), h["http_status"],
                      None if 300 <= (h["http_status"] or 0) < 400 else h["payload_digest"]) for h in hops],
        }
    robots = sorted(portless(r["url"]) for r in catalog_rows(db, "SELECT url FROM records WHERE capture_id IS NULL"))
    summary = [portless(line) for line in proc.stdout.splitlines() if line.startswith(("summary:", "  failed:"))]
    workers = {r["worker"] for r in catalog_rows(db, "SELECT DISTINCT worker FROM captures")}
    return {"proc": proc, "captures": captures, "robots": robots, "summary": summary, "workers": workers,
            "cases": set(urls)}


@needs_ray
def test_fetch_on_ray_equals_local(cluster, tmp_path):
    local = fetch_site(tmp_path / "local", None)
    ray = fetch_site(tmp_path / "ray", cluster.address)
    assert ray["proc"].returncode == local["proc"].returncode == 1, ray["proc"].stdout + ray["proc"].stderr
    assert set(ray["captures"]) == local["cases"]  # every URL of the list ends in the catalog, once
    for key in sorted(local["captures"]):
        assert ray["captures"][key] == local["captures"][key], key
    # each host's robots.txt archived; a task following a redirect to a host it does not own
    # fetches that host's robots.txt too, so Ray may hold a second copy
    assert set(ray["robots"]) == set(local["robots"])
    assert ray["summary"][0] == local["summary"][0]  # the counts
    assert sorted(ray["summary"][1:]) == sorted(local["summary"][1:])  # failures, in finishing order
    assert "1 bad lines" in ray["summary"][0]
    # the work was spread over Ray workers, and their names are in the WARC file names
    assert all(w.startswith("ray-") for w in ray["workers"]) and len(ray["workers"]) >= 2
    names = [p.name for p in warc_files(tmp_path / "ray" / "warcs")]
    assert all(any(w in n for w in ray["workers"]) for n in names)
    check_warcs(tmp_path / "ray" / "warcs")


# -- a worker killed in the middle -----------------------------------------------------------

@needs_ray
def test_killed_worker_is_retried_and_every_url_captured_once(cluster, tmp_path):
    hosts = ("slow-a.example.test", "slow-b.example.test")
    site = Site(tmp_path / "site")
    urls = []
    for name in hosts:
        h = site.host(name)
        for i in range(8):
            h.route(f"/p{i}", Response(body=f"<html><body><p>page {i} of {name}</p></body></html>", delay=1.0))
            urls.append(h.url(f"/p{i}"))
    site.start()
    warcs = tmp_path / "warcs"
    out = tmp_path / "out.txt"
    try:
        list_path = write_list(tmp_path / "urls.txt", urls)
        with open(out, "wb") as fh:
            proc = subprocess.Popen(
                [sys.executable, "-m", "archiver", "fetch", str(list_path), "--warcs", str(warcs), "--delay", "0",
                 "--per-host", "1", "--progress", "never", "--ray", cluster.address, *site.client_flags()],
                cwd=tmp_path, env=archiver_env(), stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT)
        killed = None
        try:
            deadline = time.monotonic() + 240
            while killed is None and proc.poll() is None and time.monotonic() < deadline:
                workers = cluster.task_workers("fetch_batch")
                # both tasks are past their first page and none is finished: the middle of the run
                if workers and all(site.hits_to(h) >= 3 for h in hosts):
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
                time.sleep(0.1)
            code = proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
    finally:
        site.stop()
    text = out.read_text(errors="replace")
    assert killed is not None, "never saw a fetch task running:\n" + text
    assert code == 0, text
    rows = catalog_rows(warcs / "catalog.sqlite3", "SELECT url, state, worker FROM captures")
    assert sorted(r["url"] for r in rows) == sorted(urls)  # each URL exactly once
    assert {r["state"] for r in rows} == {"captured"}
    killed_name = f"-{killed}"
    assert not [r for r in rows if r["worker"].endswith(killed_name)], "rows from the killed attempt"
    # the killed task really was in flight: some of its pages were fetched twice (by the retry)
    assert any(n > 1 for (h, path), n in site.hits.items() if path != "/robots.txt"), site.hits
    # its half-written file was closed at the end of the run; every WARC is valid
    assert any(p.name.endswith(f"{killed_name}.warc.gz") for p in warc_files(warcs))
    assert "recovered" in text
    check_warcs(warcs)
    # and every catalog row points at a whole response record of that URL
    from archiver.warc import read_record

    for row in catalog_rows(warcs / "catalog.sqlite3", "SELECT url, warc_file, warc_offset FROM captures"):
        record, payload = read_record(warcs / row["warc_file"], row["warc_offset"])
        assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]
        assert payload.startswith(b"<html>")
