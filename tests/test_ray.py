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
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitekit import Response, Site, archiver_env, run_archiver, write_list
from warckit import all_records, catalog_rows, open_files, pairing_problems, warc_files, warcio_check

from archiver.cluster import HostPlanner, extract_batches
from archiver.lists import Seed

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
    from archiver.extract_worker import Job

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


@needs_ray
def test_ray_address_nobody_answers_is_a_quick_usage_error(tmp_path):
    from sitekit import free_port

    lst = write_list(tmp_path / "urls.txt", ["https://nowhere.invalid/"])
    proc = run_archiver("fetch", lst, "--warcs", tmp_path / "w", "--ray", f"127.0.0.1:{free_port()}",
                        "--progress", "never", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "no Ray cluster answers at 127.0.0.1:" in proc.stderr


# -- the cluster ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    if not HAVE_RAY:
        pytest.skip("Ray is not installed (pip install 'archiver[ray]')")
    from raykit import LocalCluster

    c = LocalCluster(nodes=2, cpus_per_node=1)
    c.start()
    home = pytest.MonkeyPatch()
    home.setenv("HOME", str(c.home))  # drivers too: no ~/.ray/auth_token of the machine's (see raykit)
    try:
        yield c
    finally:
        home.undo()
        c.stop()


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
    assert "1 bad line" in ray["summary"][0] and "1 bad lines" not in ray["summary"][0]
    # the work was spread over Ray workers, and their names are in the WARC file names
    assert all(w.startswith("ray-") for w in ray["workers"]) and len(ray["workers"]) >= 2
    names = [p.name for p in warc_files(tmp_path / "ray" / "warcs")]
    assert all(any(w in n for w in ray["workers"]) for n in names)
    check_warcs(tmp_path / "ray" / "warcs")


# -- a worker killed in the middle -----------------------------------------------------------

@needs_ray
def test_killed_worker_is_retried_and_every_url_captured_once(cluster, tmp_path):
    hosts = ("slow-a.example.test", "slow-b.example.test")
    site, urls = slow_site(tmp_path)
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
    # its half-written file was recovered at the end of the run: a Ray task's catalog rows come back only when it
    # ends, so every record the killed one wrote is one the catalog never recorded (fetched again by the retry);
    # dropped, the file holds nothing past its warcinfo and is deleted, and the recovered line says so
    recovered = [line for line in text.splitlines() if "recovered" in line and f"{killed_name}.warc.gz" in line]
    assert recovered, text
    assert "the catalog never recorded" in recovered[0] and "so deleted" in recovered[0], recovered
    assert not any(p.name.endswith(f"{killed_name}.warc.gz") for p in warc_files(warcs))
    assert not list(warcs.glob("*.open"))
    check_warcs(warcs)
    # and every catalog row points at a whole response record of that URL
    from archiver.warc_read import read_record

    for row in catalog_rows(warcs / "catalog.sqlite3", "SELECT url, warc_file, warc_offset FROM captures"):
        record, payload = read_record(warcs / row["warc_file"], row["warc_offset"])
        assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]
        assert payload.startswith(b"<html>")


# -- extraction: run (fetch + extract) local vs --ray ----------------------------------------

PROMO = "Subscribe to our newsletter for the best stories of the week, delivered every Friday."
WORDS = ("river council budget harbour school election storm museum railway forest "
         "festival market bridge hospital library").split()


def article(host: str, n: int) -> str:
    """A page the way news sites build it: navigation, article, a recurring promo, comments, footer."""
    rng = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(40)]
    paras = "".join(f"<p>{' '.join(rng[i:i + 12]).capitalize()} on {host}, report {n}, part {i}. "
                    f"Officials said the {rng[i]} plan would be reviewed next month.</p>" for i in range(6))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Story {n} | {host}</title></head>"
            f"<body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
            f"<main><article><h1>Story {n} about the {rng[0]}</h1>{paras}<p>{PROMO}</p></article>"
            f"<section class='comments'><h2>Comments</h2><p>First!</p></section></main>"
            f"<footer><p>© {host} 2026. All rights reserved.</p></footer></body></html>")


def run_site(root: Path, site: Site, urls: list[str], ray_address: str | None) -> subprocess.CompletedProcess:
    root.mkdir(parents=True, exist_ok=True)
    list_path = write_list(root / "urls.txt", urls)
    args = ["run", list_path, "--warcs", root / "warcs", "--clean", root / "clean", "--delay", "0",
            "--jobs", "2", "--progress", "never", *site.client_flags()]
    if ray_address:
        args += ["--ray", ray_address]
    return run_archiver(*args, cwd=root, timeout=480)


VOLATILE = {"captured_at", "warc_file", "warc_offset", "capture_id"}  # where and when, not what


def clean_tree(clean: Path) -> dict[str, object]:
    tree: dict[str, object] = {}
    for path in sorted(clean.rglob("*")):
        rel = path.relative_to(clean).as_posix()
        if path.is_dir():
            continue
        if path.suffix == ".txt":
            tree[rel] = path.read_bytes()
        elif path.suffix == ".json" and "/.versions/" not in f"/{rel}":
            data = json.loads(path.read_text(encoding="utf-8"))
            tree[rel] = {k: v for k, v in data.items() if k not in VOLATILE}
    return tree


@needs_ray
def test_run_on_ray_gives_byte_identical_clean_files(cluster, tmp_path):
    site = Site(tmp_path / "site")
    urls = []
    for i, name in enumerate(("news.example-one.test", "www.example-two.test", "blog.example-three.test")):
        h = site.host(name, https=(i == 0))
        for n in range(5):
            h.route(f"/story/{n}", Response(body=article(name, n), gzip=(n % 2 == 0), chunked=(n == 3)))
            urls.append(h.url(f"/story/{n}"))
        h.route("/data.json", Response(body='{"not": "html"}', content_type="application/json"))
        urls.append(h.url("/data.json"))
    site.start()
    try:
        local = run_site(tmp_path / "local", site, urls, None)
        ray = run_site(tmp_path / "ray", site, urls, cluster.address)
    finally:
        site.stop()
    assert local.returncode == 0, local.stdout + local.stderr
    assert ray.returncode == 0, ray.stdout + ray.stderr
    summary = [ln for ln in ray.stdout.splitlines() if ln.startswith(("summary:", "extract:"))]
    assert summary == [ln for ln in local.stdout.splitlines() if ln.startswith(("summary:", "extract:"))]
    assert any(ln.startswith("extract: 15 extracted") for ln in summary), summary
    local_tree, ray_tree = clean_tree(tmp_path / "local" / "clean"), clean_tree(tmp_path / "ray" / "clean")
    texts = [k for k in local_tree if k.endswith(".txt")]
    assert len([k for k in texts if "/.versions/" not in f"/{k}"]) == 15
    assert sorted(ray_tree) == sorted(local_tree)
    for rel in sorted(local_tree):
        assert ray_tree[rel] == local_tree[rel], rel
    # the text is the article: the promo learned as the site's boilerplate, comments and footer gone
    sample = next(v for k, v in local_tree.items() if k.endswith(".txt") and "/.versions/" not in f"/{k}")
    assert b"Officials said" in sample and PROMO.encode() not in sample and b"First!" not in sample
    rows = catalog_rows(tmp_path / "ray" / "warcs" / "catalog.sqlite3",
                        "SELECT COUNT(*) AS n FROM extractions WHERE error IS NULL")
    assert rows[0]["n"] == 15
    check_warcs(tmp_path / "ray" / "warcs")
    # a page over --extract-timeout is stopped and recorded on Ray as in local mode
    root = tmp_path / "ray"
    slow = run_archiver("extract", "--all", "--warcs", root / "warcs", "--clean", root / "clean",
                        "--extract-timeout", "0.001", "--progress", "never", "--ray", cluster.address,
                        cwd=root, timeout=300)
    assert slow.returncode == 1, slow.stdout + slow.stderr
    errors = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT error FROM extractions WHERE error IS NOT NULL "
                          "AND error NOT LIKE 'not HTML%'")
    assert len(errors) == 15 and all(e["error"].startswith("timeout") for e in errors), [e["error"] for e in errors]


# -- Ctrl-C on the driver, then a rerun; --refresh on Ray --------------------------------------

def slow_site(root: Path, pages: int = 8, delay: float = 1.0) -> tuple[Site, list[str]]:
    site = Site(root / "site")
    urls = []
    for name in ("slow-a.example.test", "slow-b.example.test"):
        h = site.host(name)
        for i in range(pages):
            h.route(f"/p{i}", Response(body=f"<html><body><p>page {i} of {name}</p></body></html>", delay=delay))
            urls.append(h.url(f"/p{i}"))
    return site.start(), urls


@needs_ray
def test_interrupted_ray_run_then_rerun_and_refresh(cluster, tmp_path):
    from sitekit import start_archiver

    site, urls = slow_site(tmp_path)
    warcs = tmp_path / "warcs"
    db = warcs / "catalog.sqlite3"
    try:
        list_path = write_list(tmp_path / "urls.txt", urls)
        args = ["fetch", list_path, "--warcs", warcs, "--delay", "0", "--per-host", "1", "--progress", "never",
                "--ray", cluster.address, *site.client_flags()]
        proc = start_archiver(*args, output=tmp_path / "first.txt", cwd=tmp_path)
        try:
            deadline = time.monotonic() + 240
            while proc.poll() is None and time.monotonic() < deadline:
                if all(site.hits_to(h) >= 3 for h in ("slow-a.example.test", "slow-b.example.test")):
                    proc.send_signal(signal.SIGINT)
                    break
                time.sleep(0.1)
            code = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        first = (tmp_path / "first.txt").read_text(errors="replace")
        assert code == 130, first
        assert "interrupted" in first
        done_first = {r["url"] for r in catalog_rows(db, "SELECT url FROM captures")} if db.exists() else set()
        assert len(done_first) < len(urls)

        again = run_archiver(*args, cwd=tmp_path, timeout=300)
        assert again.returncode == 0, again.stdout + again.stderr
        rows = catalog_rows(db, "SELECT url, state FROM captures")
        assert sorted(r["url"] for r in rows) == sorted(urls)  # each URL once over both runs
        assert {r["state"] for r in rows} == {"captured"}
        check_warcs(warcs)

        # --refresh on unchanged pages: revisit records pointing at the first captures
        fresh = run_archiver(*args, "--refresh", cwd=tmp_path, timeout=300)
        assert fresh.returncode == 0, fresh.stdout + fresh.stderr
        assert f"summary: {len(urls)} captured ({len(urls)} unchanged, written as revisits)" in fresh.stdout
        revisits = catalog_rows(db, "SELECT c.url, p.url AS target FROM captures c JOIN captures p "
                                    "ON p.id = c.refers_to WHERE c.record_type = 'revisit'")
        assert sorted(r["url"] for r in revisits) == sorted(urls)
        assert all(r["url"] == r["target"] for r in revisits)
        check_warcs(warcs)
    finally:
        site.stop()


# -- the extraction tests' golden site through --ray ----------------------------------------------

@needs_ray
def test_golden_site_on_ray_matches_expected_and_local(cluster, tmp_path):
    """Issue 3's golden pages (seed sites under their real host names) through ``run --ray``."""
    from urllib.parse import urlsplit, urlunsplit

    import test_golden_run as golden

    from archiver import output

    if not golden.PAGES:
        pytest.skip(f"no fixture manifest at {golden.MANIFEST}")
    pages = [p for p in golden.PAGES if p.expected.exists()]
    site = Site(tmp_path / "site", first_address=201)
    hosts = {}
    served = {}
    for page in pages:
        parts = urlsplit(page.url)
        if parts.hostname not in hosts:
            hosts[parts.hostname] = site.host(parts.hostname, https=True)
            golden.bind_port(hosts[parts.hostname], 443)
        h = hosts[parts.hostname]
        h.route(parts.path + (f"?{parts.query}" if parts.query else ""), Response(body=page.path.read_bytes()))
        netloc = parts.hostname if h.port == 443 else f"{parts.hostname}:{h.port}"
        served[page.url] = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    site.start()
    runs = {}
    try:
        for mode in ("local", "ray"):
            root = tmp_path / mode
            root.mkdir()
            lst = write_list(root / "seeds.txt", served.values())
            args = ["run", lst, "--warcs", root / "warcs", "--clean", root / "clean", "--delay", "0",
                    "--retries", "1", "--progress", "never", *site.client_flags()]
            if mode == "ray":
                args += ["--ray", cluster.address]
            runs[mode] = run_archiver(*args, cwd=root, timeout=600)
            assert runs[mode].returncode == 0, runs[mode].stdout + runs[mode].stderr
    finally:
        site.stop()
    for page in pages:
        rel = output.paths_for(served[page.url]).text
        ray_text = (tmp_path / "ray" / "clean" / rel).read_bytes()
        assert ray_text == (tmp_path / "local" / "clean" / rel).read_bytes(), page.url
        expected = page.expected.read_text(encoding="utf-8")
        assert golden.normalise(ray_text.decode("utf-8")) == golden.normalise(expected), page.url
    assert clean_tree(tmp_path / "ray" / "clean") == clean_tree(tmp_path / "local" / "clean")


# -- the WARC files deleted under the workers ------------------------------------------------

@needs_ray
def test_warc_files_deleted_under_ray_workers_stop_the_run_and_the_rerun_fetches_them(cluster, tmp_path):
    """Every ``.open`` WARC file is deleted (a clean-up job) while the 6th page of one host is asked, two
    hosts fetched by two Ray workers. Before: the worker's ``ArchiveGone`` could not cross Ray (the
    exception does not unpickle), so its batch was recorded "cluster task failed" and the run went on
    dispatching, unlike a local run, which stops with the reason; captures the deleted file held stayed
    "captured". Now the run stops as a local one does, those captures are marked failed, and the
    rerun fetches what is missing."""
    from rawkit import RawServer, http_reply

    warcs = tmp_path / "warcs"
    pages = [f"/p{i}" for i in range(12)]

    def delete() -> None:
        for path in warcs.glob("*.open"):
            path.unlink()

    def serve(srv, act=None) -> None:
        def handler(req):
            if act is not None and req.path == "/p5" and req.hit == 1:
                act()
            return http_reply(f"<html><head><title>{req.path}</title></head><body><article><h1>Story "
                              f"{req.path}</h1>" + "<p>A paragraph of the story about the harbour ferry.</p>" * 5
                              + "</article></body></html>")
        for path in pages:
            srv.route(path, handler)
        srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))

    def fetch(a, b):
        urls = write_list(tmp_path / "urls.txt", [a.url(p) for p in pages] + [b.url(p) for p in pages])
        return run_archiver("fetch", urls, "--warcs", warcs, "--delay", "0", "--retries", "0", "--timeout", "10",
                            "--progress", "never", "--per-host", "1", "--resolve", a.resolve, "--resolve", b.resolve,
                            "--ray", cluster.address, cwd=tmp_path, timeout=480)

    with RawServer("a.raygone.test", "127.0.30.1") as a, RawServer("b.raygone.test", "127.0.30.2") as b:
        serve(a, delete)
        serve(b)
        first = fetch(a, b)
        asked = [r.path for srv in (a, b) for r in srv.requests if r.path != "/robots.txt"]
        second = fetch(a, b)
    out = first.stdout + first.stderr
    assert first.returncode == 1 and "Traceback" not in out, out
    assert "was deleted during the run" in out and "cluster task failed" not in out, out
    assert len(asked) < 2 * len(pages), asked  # stopped, not dispatched to the end
    db = warcs / "catalog.sqlite3"
    for row in catalog_rows(db, "SELECT * FROM captures WHERE state = 'captured'"):
        assert (warcs / row["warc_file"]).is_file(), dict(row)  # no captured row points at a deleted file
    out2 = second.stdout + second.stderr
    assert second.returncode == 0 and "Traceback" not in out2, out2
    latest = {}
    for row in catalog_rows(db, "SELECT * FROM captures ORDER BY id"):
        latest[row["url"]] = row
    assert len(latest) == 2 * len(pages) and all(r["state"] == "captured" for r in latest.values()), \
        [dict(r) for r in latest.values() if r["state"] != "captured"]
    for row in latest.values():
        assert (warcs / row["warc_file"]).is_file(), dict(row)
    check_warcs(warcs)
