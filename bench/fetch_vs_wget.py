"""Fetch speed and memory: ``archiver fetch`` beside ``wget --warc-file -i LIST`` in one run.

Both clients fetch the same pages from the same local servers with no politeness
delay and write gzipped WARCs; the script then counts the response records in
both WARCs with warcio, so a fast client that silently dropped pages cannot win.

Scenarios (issue 2, "Figures"):

1. ``latency``: 20 hosts served by a small asyncio HTTP/1.1 server (keep-alive,
   no thread per request) that answers every request after 50 ms: archiver with
   its default ``--concurrency 16 --per-host 2`` and tuned to the site
   (``--concurrency 40``: 20 hosts x 2 per host, which 16 caps), beside wget
   (which fetches one URL after another). Goal: at least 10x wget's pages/s.
2. ``static``: the same pages served by nginx from Debian with no added latency.
   Goal: at least as fast as wget.
3. ``memory``: peak RSS of the archiver process over 10,000 URLs (on nginx), with
   wget's beside it. Goal: under 150 MB.

Hosts are 127.0.0.1 .. 127.0.0.20 on one port. Archiver gets real-looking names
(``www.site01.test``) mapped with ``--resolve``; wget gets the addresses. Pages
are 30-80 KB of HTML, not compressed (wget asks for no compression by default).
archiver obeys robots.txt as it does by default (20 more requests, answered 404);
wget -i does not fetch robots.txt.
Times are wall clock for the whole process, start-up included, for both clients;
each client and setting runs ``--rounds`` times (default 3), interleaved so that
load from other processes hits all alike, and the median is reported (wget runs
once on the slow site, where it only waits). CPU per page (user + system of the
client process) is printed too: on a shared machine it varies less than pages/s.

    python bench/fetch_vs_wget.py                     # the full bench (a few minutes)
    python bench/fetch_vs_wget.py --urls 200 --memory-urls 1000 --rounds 1   # a quick run
    python bench/fetch_vs_wget.py --only latency --keep /tmp/fw   # keep WARCs and logs
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fetch_servers import PAGE_FILES, free_port, start_nginx, start_slow_server, stop, url_path, write_pages

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

# -- the clients -------------------------------------------------------------------

@dataclass
class Run:
    client: str
    label: str
    pages: int
    seconds: float
    cpu_seconds: float  # user + system of the client process (and its threads)
    max_rss_mb: float
    records: int
    exit_code: int

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        """CPU per page: steadier than pages/s on a busy machine."""
        return self.cpu_seconds / self.pages * 1000 if self.pages else 0.0


def timed(cmd: list[str], log: Path, cwd: Path | None = None) -> tuple[float, float, float, int]:
    """Run ``cmd``; return (wall seconds, CPU seconds, peak RSS in MB of that process, exit code)."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def host_names(n: int) -> list[str]:
    return [f"www.site{h + 1:02d}.test" for h in range(n)]


def url_plan(n_urls: int, n_hosts: int) -> list[tuple[int, int]]:
    """(host index, page number) pairs, grouped by host: wget's best case (it reuses the
    connection only while consecutive URLs share a host); archiver does not care about order."""
    per: list[list[int]] = [[] for _ in range(n_hosts)]
    for i in range(n_urls):
        per[i % n_hosts].append(i)
    return [(h, i) for h in range(n_hosts) for i in per[h]]


def run_archiver(label: str, plan: list[tuple[int, int]], names: list[str], addresses: list[str],
                 port: int, work: Path, concurrency: int, per_host: int) -> Run:
    d = work / f"archiver-{label}"
    d.mkdir(parents=True)
    lst = d / "urls.txt"
    lst.write_text("".join(f"http://{names[h]}:{port}{url_path(i)}\n" for h, i in plan))
    cmd = [sys.executable, "-m", "archiver", "fetch", str(lst), "--warcs", str(d / "warcs"),
           "--delay", "0", "--concurrency", str(concurrency), "--per-host", str(per_host),
           "--progress", "never"]
    for name, addr in zip(names, addresses, strict=True):
        cmd += ["--resolve", f"{name}:{port}:{addr}"]
    seconds, cpu, rss, code = timed(cmd, d / "log.txt", cwd=ROOT)
    expected = {f"http://{names[h]}:{port}{url_path(i)}" for h, i in plan}
    records = count_responses(d / "warcs", expected)
    return Run("archiver", label, len(plan), seconds, cpu, rss, records, code)


def archiver_job(prefix: str, plan: list[tuple[int, int]], names: list[str], addresses: list[str],
                 port: int, work: Path, concurrency: int, per_host: int) -> Callable[[int], Run]:
    """One archiver configuration as a job of `interleaved`: round r runs under label PREFIX-r."""
    return lambda r: run_archiver(f"{prefix}-{r}", plan, names, addresses, port, work, concurrency, per_host)


def run_wget(label: str, plan: list[tuple[int, int]], addresses: list[str], port: int, work: Path) -> Run:
    d = work / f"wget-{label}"
    d.mkdir(parents=True)
    lst = d / "urls.txt"
    lst.write_text("".join(f"http://{addresses[h]}:{port}{url_path(i)}\n" for h, i in plan))
    cmd = ["wget", "--no-verbose", "--input-file", str(lst), "--warc-file", str(d / "warcs" / "wget"),
           "--warc-tempdir", str(d), "--delete-after", "--directory-prefix", str(d / "files"),
           "--tries", "3", "--timeout", "30"]
    (d / "warcs").mkdir()
    seconds, cpu, rss, code = timed(cmd, d / "log.txt", cwd=d)
    expected = {f"http://{addresses[h]}:{port}{url_path(i)}" for h, i in plan}
    records = count_responses(d / "warcs", expected)
    return Run("wget", label, len(plan), seconds, cpu, rss, records, code)


def count_responses(folder: Path, expected: set[str]) -> int:
    """Response records with status 200 for the expected URLs, each counted once, read with warcio;
    raises if a WARC is unreadable or a URL is missing."""
    from warcio.archiveiterator import ArchiveIterator

    seen: set[str] = set()
    files = sorted(folder.glob("*.warc.gz"))
    if not files:
        raise RuntimeError(f"no .warc.gz in {folder}")
    for path in files:
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                uri = rec.rec_headers.get_header("WARC-Target-URI")
                if uri in expected and rec.http_headers and rec.http_headers.get_statuscode() == "200":
                    seen.add(uri)
    missing = expected - seen
    if missing:
        raise RuntimeError(f"{folder}: {len(missing)} of {len(expected)} pages have no 200 response "
                           f"record, e.g. {sorted(missing)[:3]}")
    return len(seen)


@dataclass
class Row:
    label: str
    archivers: list[Run]
    wgets: list[Run]
    goal_text: str
    goal: float

    @property
    def archiver(self) -> Run:
        return median_run(self.archivers)

    @property
    def wget(self) -> Run:
        return median_run(self.wgets)


def median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.rate)[(len(runs) - 1) // 2]


def spread(runs: list[Run]) -> str:
    return "/".join(f"{r.rate:.1f}" for r in runs)


def report(scenario: str, run: Run) -> None:
    print(f"  {scenario}: {run.client} {run.label}: {run.rate:.1f} pages/s ({run.seconds:.1f} s, "
          f"{run.cpu_ms:.1f} ms CPU/page, peak RSS {run.max_rss_mb:.1f} MB)", flush=True)


def interleaved(rounds: int, jobs: dict[str, Callable[[int], Run]], scenario: str) -> dict[str, list[Run]]:
    """Run every job once per round, round after round, so load from other processes hits all alike."""
    runs: dict[str, list[Run]] = {name: [] for name in jobs}
    for r in range(rounds):
        for name, job in jobs.items():
            run = job(r)
            report(scenario, run)
            runs[name].append(run)
    return runs


# -- main --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=1000, help="URLs per speed scenario (default 1000)")
    ap.add_argument("--memory-urls", type=int, default=10_000, help="URLs for the memory figure")
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05, help="seconds the slow site waits per request")
    ap.add_argument("--tuned-concurrency", type=int, default=40,
                    help="archiver's tuned --concurrency (default 40 = 20 hosts x 2 per host)")
    ap.add_argument("--tuned-per-host", type=int, default=2, help="archiver's tuned --per-host (default 2)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="interleaved runs per client and setting; the median is reported (default 3)")
    ap.add_argument("--only", choices=["latency", "static", "memory"], action="append",
                    help="run only these scenarios (repeatable)")
    ap.add_argument("--keep", metavar="DIR", help="keep WARCs and logs in DIR (must not exist)")
    args = ap.parse_args(argv)

    if not shutil.which("wget"):
        print("wget not found (apt-get install wget)", file=sys.stderr)
        return 2
    scenarios = args.only or ["latency", "static", "memory"]
    addresses = [f"127.0.0.{h + 1}" for h in range(args.hosts)]
    names = host_names(args.hosts)
    if args.keep:
        work = Path(args.keep).resolve()
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="fetch-vs-wget-"))
    site = work / "site"
    size = write_pages(site / "pages")
    print(f"pages: {PAGE_FILES} distinct bodies, mean {size / PAGE_FILES / 1024:.0f} KB; "
          f"{args.hosts} hosts ({addresses[0]}..{addresses[-1]}); cpus {os.cpu_count()}, "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"work folder: {work}", flush=True)

    rows: list[Row] = []
    memory: tuple[Run, Run] | None = None
    default_c, default_ph = 16, 2
    tuned_c, tuned_ph = args.tuned_concurrency, args.tuned_per_host
    configs = [("default", default_c, default_ph), ("tuned", tuned_c, tuned_ph)]
    plan = url_plan(args.urls, args.hosts)
    lat = f"{args.latency * 1000:g} ms site"
    try:
        if "latency" in scenarios:
            port = free_port(addresses)
            server = start_slow_server(site / "pages", addresses, port, args.latency, work / "slow-server.log")
            try:
                # wget once: it waits out the latency page after page, so its rate hardly varies
                w = run_wget("latency", plan, addresses, port, work)
                report("latency", w)
                runs = interleaved(args.rounds, {
                    name: archiver_job(f"latency-{name}", plan, names, addresses, port, work, c, ph)
                    for name, c, ph in configs}, "latency")
                rows += [Row(f"{lat}, c={c} ph={ph} ({name})", runs[name], [w], ">= 10x", 10.0)
                         for name, c, ph in configs]
            finally:
                stop(server)

        if "static" in scenarios or "memory" in scenarios:
            port = free_port(addresses)
            nginx = start_nginx(work / "nginx", site, addresses, port)
            try:
                if "static" in scenarios:
                    jobs: dict[str, Callable[[int], Run]] = {
                        "wget": lambda r: run_wget(f"static-{r}", plan, addresses, port, work)}
                    jobs.update({name: archiver_job(f"static-{name}", plan, names, addresses, port, work, c, ph)
                                 for name, c, ph in configs})
                    runs = interleaved(args.rounds, jobs, "static")
                    rows += [Row(f"nginx, c={c} ph={ph} ({name})", runs[name], runs["wget"], ">= 1x", 1.0)
                             for name, c, ph in configs]
                if "memory" in scenarios:
                    mplan = url_plan(args.memory_urls, args.hosts)
                    a = run_archiver("memory", mplan, names, addresses, port, work, tuned_c, tuned_ph)
                    report("memory", a)
                    w = run_wget("memory", mplan, addresses, port, work)
                    report("memory", w)
                    memory = (a, w)
            finally:
                stop(nginx)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    head = f"{'scenario':<38} {'archiver p/s':>12} {'wget p/s':>9} {'ratio':>7} {'goal':>7}  met?"
    print(head)
    print("-" * len(head))
    all_met = True
    for row in rows:
        a, w = row.archiver, row.wget
        ratio = a.rate / w.rate if w.rate else float("inf")
        met = ratio >= row.goal
        all_met &= met
        print(f"{row.label:<38} {a.rate:>12.1f} {w.rate:>9.1f} {ratio:>6.1f}x {row.goal_text:>7}  "
              f"{'yes' if met else 'NO'}")
    print(f"(median of {args.rounds} interleaved runs each; wget once on the slow site)")
    for row in rows:
        a, w = row.archiver, row.wget
        print(f"  {row.label}: {a.pages} URLs; archiver {spread(row.archivers)} p/s, {a.seconds:.2f} s, "
              f"{a.cpu_ms:.1f} ms CPU/page, exit {a.exit_code}, {a.records} 200 responses in WARC; "
              f"wget {spread(row.wgets)} p/s, {w.seconds:.2f} s, {w.cpu_ms:.1f} ms CPU/page, "
              f"exit {w.exit_code}, {w.records} 200 responses in WARC")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"(pages/s fall when other work shares the {os.cpu_count()} CPUs; CPU/page varies less)")
    if memory:
        a, w = memory
        met = a.max_rss_mb < 150
        all_met &= met
        print(f"peak RSS, {a.pages} URLs on nginx (c={tuned_c} ph={tuned_ph}): archiver {a.max_rss_mb:.1f} MB, "
              f"wget {w.max_rss_mb:.1f} MB; goal < 150 MB: {'yes' if met else 'NO'} "
              f"(archiver {a.rate:.1f} p/s, {a.records} responses; wget {w.rate:.1f} p/s, {w.records} responses)")
    return 0 if all_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
