"""Extraction on Ray beside local processes: records per second, side by side in one run.

The AEB pages (``../shared/benchmarks/aeb/html``, read in place, never copied
into the repo) are repeated to ``--records`` records (default 2,000) in one
temporary WARC with a catalog pointing at them. Copy ``k`` of a page lives on
host ``rK.<original host>``, so each copy is an independent pass over the
benchmark's sites (site-level learning sees what one pass gives, not the same
page twenty times). Then ``archiver extract`` runs over a fresh catalog and
clean folder each time:

* local, ``--jobs 1`` (one worker process);
* local, ``--jobs 2``;
* ``--ray`` on a cluster of two one-CPU nodes started here as separate
  ``ray start`` processes (not timed: the cluster is an existing resource; the
  timed command includes joining it, shipping the code and starting workers).

With ``--rounds N`` the three run N times, interleaved, and the best of each is
compared. CPU seconds are printed too (the command's processes, plus every
process of the cluster for Ray, its idle daemons included): on a machine other
work shares, wall time swings with the load while CPU time does not. The goal: Ray on
two nodes within 15% of local ``--jobs 2``.

    python -m bench.extract_ray                # 2,000 records, one round
    python -m bench.extract_ray --records 500 --rounds 2
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # raykit, sitekit

from bench.extract_speed import make_catalog, write_warc  # noqa: E402
from bench.sets import SHARED, Page, aeb_pages  # noqa: E402


def repeated(pages: list[Page], records: int) -> list[Page]:
    """``records`` pages: copy k of page i on host ``rK.<host>`` (distinct URLs, same HTML)."""
    out = []
    for n in range(records):
        k, page = n // len(pages), pages[n % len(pages)]
        parts = urlsplit(page.url or f"http://bench.invalid/{page.key}")
        host = f"r{k}.{parts.hostname or 'bench.invalid'}"
        out.append(replace(page, url=urlunsplit((parts.scheme or "http", host, parts.path or "/",
                                                 parts.query, ""))))
    return out


class CpuSampler:
    """Sums the cluster's CPU over a run by sampling every process (workers come and go)."""

    def __init__(self, cluster, interval: float = 0.2):
        import threading

        self.cluster = cluster
        self.first = cluster.process_cpu()
        self.last = dict(self.first)
        self.interval = interval
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(self.interval):
            self.last.update(self.cluster.process_cpu())

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        self.last.update(self.cluster.process_cpu())
        return sum(v - self.first.get(k, 0.0) for k, v in self.last.items())


def time_extract(label: str, warc: Path, stored: list, tmp: Path, extra: list[str],
                 cluster=None) -> tuple[float, float, int, str]:
    """Wall and CPU seconds of one ``archiver extract`` over a fresh catalog and clean folder.

    CPU counts the command's process tree and, for a Ray run, every process of the cluster.
    """
    run_dir = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=tmp))
    db = run_dir / "catalog.sqlite3"
    make_catalog(stored, warc, db)
    cmd = [sys.executable, "-m", "archiver", "extract", "--warcs", str(warc.parent), "--db", str(db),
           "--clean", str(run_dir / "clean"), "--extract-timeout", "120", "--progress", "never", *extra]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVER_")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    sampler = CpuSampler(cluster) if cluster else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=run_dir, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if sampler:
        cpu += sampler.stop()
    summary = next((line for line in proc.stdout.splitlines() if line.startswith("extract:")), "")
    if proc.returncode not in (0, 1):
        print(f"{label} exited {proc.returncode}:\n{proc.stderr[-2000:]}", file=sys.stderr)
    shutil.rmtree(run_dir / "clean", ignore_errors=True)
    return seconds, cpu, proc.returncode, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)

    aeb = args.shared / "benchmarks" / "aeb"
    if not aeb.is_dir():
        print(f"AEB pages not found at {aeb}; nothing to measure", file=sys.stderr)
        return 0
    try:
        import ray  # noqa: F401
    except ImportError:
        print("Ray is not installed (pip install 'archiver[ray]'); nothing to compare", file=sys.stderr)
        return 0
    from raykit import LocalCluster  # type: ignore[import-not-found]  # tests/raykit.py, on sys.path above

    pages = repeated(list(aeb_pages(aeb)), args.records)
    tmp = Path(tempfile.mkdtemp(prefix="archiver-bench-ray-"))
    try:
        warc_dir = tmp / "warcs"
        warc_dir.mkdir()
        warc = warc_dir / "bench-00001.warc.gz"
        stored = write_warc(pages, warc)
        print(f"{len(stored)} records ({len(stored) / len({p.key for p in pages}):.1f} copies of "
              f"{len({p.key for p in pages})} AEB pages), {warc.stat().st_size / 1e6:.1f} MB WARC; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
        results: dict[str, list[tuple[float, float, int, str]]] = {"local --jobs 1": [], "local --jobs 2": [],
                                                             "ray, 2 nodes x 1 CPU": []}
        with LocalCluster(nodes=2, cpus_per_node=1) as cluster:
            for r in range(args.rounds):
                for label, extra in (("local --jobs 1", ["--jobs", "1"]), ("local --jobs 2", ["--jobs", "2"]),
                                     ("ray, 2 nodes x 1 CPU", ["--ray", cluster.address])):
                    result = time_extract(label.split(",")[0].replace(" ", "").replace("-", ""), warc, stored,
                                          tmp, extra, cluster if "ray" in label else None)
                    results[label].append(result)
                    print(f"  round {r + 1}: {label:<22} {result[0]:7.1f} s  {len(stored) / result[0]:6.1f} "
                          f"records/s  cpu {result[1]:6.1f} s  load {os.getloadavg()[0]:5.2f}  exit {result[2]}  "
                          f"{result[3]}", flush=True)
        n = len(stored)
        print(f"\nextraction of {n} records, best of {args.rounds} (load average now {os.getloadavg()[0]:.2f})")
        print(f"{'':<24}{'wall s':>8}{'records/s':>11}{'vs --jobs 2':>13}{'cpu s':>9}{'records/cpu s':>15}")
        best = {label: min(r[0] for r in runs) for label, runs in results.items()}
        cpu = {label: min(r[1] for r in runs) for label, runs in results.items()}
        for label, seconds in best.items():
            print(f"{label:<24}{seconds:8.1f}{n / seconds:11.1f}{best['local --jobs 2'] / seconds:12.2f}x"
                  f"{cpu[label]:9.1f}{n / cpu[label]:15.1f}")
        ratio = best["local --jobs 2"] / best["ray, 2 nodes x 1 CPU"]
        verdict = "met" if ratio >= 0.85 else "not met"
        print(f"goal: Ray on two nodes within 15% of local --jobs 2: {ratio:.2f}x -> {verdict}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
