"""Extraction speed: archiver's whole pipeline (WARC record -> clean file) beside bare trafilatura.

The benchmark pages are written into a temporary WARC (warcio, one gzip member
per record, ``Content-Type: text/html`` with no charset so the charset is found
the way it is for a real capture). Then, page by page and interleaved so that
load from other processes hits both sides alike:

* bare: ``trafilatura.extract(html, url=url, include_comments=False)`` on the
  HTML bytes already in memory;
* archiver: read the record at its offset, undo the content coding, find the
  charset, run the cleaning pipeline, write the clean text file.

Both run in this one process; wall and CPU seconds are printed side by side.
With ``--jobs`` it also times the ``archiver extract`` command over a catalog
of those records with ``--jobs 1`` and ``--jobs N`` (fresh catalog and clean
folder each time). Nothing is cached; the temporary folder is removed.

    python -m bench.extract_speed                  # AEB + trafilatura-eval pages
    python -m bench.extract_speed --set aeb --jobs 2
    python -m bench.extract_speed --shares         # then each stage's share of the time

Both sides run once over the first three pages before the clock starts (imports, rule
files, trafilatura's justext stoplists: one-time costs of a process, not of a page).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from io import BytesIO
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sets import SHARED, Page, speed_pages

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Stored:
    page: Page
    url: str
    offset: int
    length: int


def write_warc(pages: list[Page], path: Path) -> list[Stored]:
    """Store each page as a response record; return where each one landed."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stored = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for i, page in enumerate(pages):
            url = page.url or f"http://bench.invalid/{i}"
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                               ("Content-Length", str(len(page.html)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(page.html),
                                               length=len(page.html), http_headers=http)
            offset = fh.tell()
            writer.write_record(record)
            stored.append(Stored(page, url, offset, fh.tell() - offset))
    return stored


def pipeline_one(warc: Path, item: Stored, clean: Path, n: int) -> str:
    """One record to one clean file, the way ``archiver extract`` does it per page."""
    from archiver.extract_worker import Job, extract_record
    from archiver.output import render_text

    result = extract_record(Job(n, item.url, str(warc), item.offset, "text/html"))
    if result.status != "ok":
        raise RuntimeError(f"{item.url}: {result.status}: {result.error}")
    if result.extraction is None:
        raise RuntimeError(f"{item.url}: no extraction")
    text = render_text(result.extraction.title or "", result.extraction.text or "")
    (clean / f"{n}.txt").write_text(text, encoding="utf-8")
    return text


@dataclass
class Clock:
    wall: float = 0.0
    cpu: float = 0.0
    failures: int = 0

    def time(self, fn, *args) -> None:
        w, c = time.perf_counter(), time.process_time()
        try:
            fn(*args)
        except Exception:
            self.failures += 1
        self.wall += time.perf_counter() - w
        self.cpu += time.process_time() - c


def warm_up(stored: list[Stored], warc: Path, clean: Path, pages: int = 3) -> None:
    """Both sides once over the first pages, untimed: imports, rule files and trafilatura's
    justext stoplists (read on its first use, about 2 s) are one-time costs of a process,
    not of a page, and would otherwise land on whichever side first needs them."""
    import trafilatura

    try:
        from trafilatura.external import jt_stoplist_init
        jt_stoplist_init()
    except (ImportError, AttributeError):  # another trafilatura: its first justext page pays
        pass
    for n, item in enumerate(stored[:pages]):
        trafilatura.extract(item.page.html, url=item.url, include_comments=False)
        try:
            pipeline_one(warc, item, clean, n)
        except Exception:  # counted when the page is timed
            pass


def interleaved(stored: list[Stored], warc: Path, clean: Path) -> tuple[Clock, Clock]:
    import trafilatura

    warm_up(stored, warc, clean)
    bare_extract = partial(trafilatura.extract, include_comments=False)  # (html, url)
    bare, mine = Clock(), Clock()
    for n, item in enumerate(stored):
        # alternate which side goes first so neither always gets the warm cache
        first_bare = n % 2 == 0
        for side in ((0, 1) if first_bare else (1, 0)):
            if side == 0:
                bare.time(bare_extract, item.page.html, item.url)
            else:
                mine.time(pipeline_one, warc, item, clean, n)
    return bare, mine


def make_catalog(stored: list[Stored], warc: Path, db: Path) -> None:
    from archiver.catalog import Catalog

    now = datetime.now(UTC).isoformat()
    with Catalog(db) as catalog:
        for item in stored:
            catalog.add_capture({
                "url": item.url, "final_url": item.url, "fetched_at": now, "state": "captured",
                "http_status": 200, "content_type": "text/html", "record_type": "response",
                "warc_file": warc.name, "warc_offset": item.offset, "warc_length": item.length,
            })


def time_command(stored: list[Stored], warc: Path, tmp: Path, jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds (the driver and its workers, user + system) of ``archiver extract
    --jobs N`` over a fresh catalog; and its exit code."""
    run_dir = tmp / f"jobs{jobs}"
    run_dir.mkdir()
    db = run_dir / "catalog.sqlite3"
    make_catalog(stored, warc, db)
    cmd = [sys.executable, "-m", "archiver", "extract", "--warcs", str(warc.parent), "--db", str(db),
           "--clean", str(run_dir / "clean"), "--jobs", str(jobs), "--extract-timeout", "120"]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=run_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        print(f"archiver extract --jobs {jobs} exited {proc.returncode}:\n{proc.stderr[-2000:]}", file=sys.stderr)
    return seconds, _children_cpu() - before, proc.returncode


def _children_cpu() -> float:
    """CPU seconds of the waited-for child processes so far (theirs and their own children's)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_ceiling(jobs: int, tasks: int = 40, n: int = 1_500_000) -> float:
    """How much faster ``jobs`` processes run plain CPU work than one, here and now.

    The peer for the ``--jobs`` figure: a VM's cores (shared, hyper-threads, steal)
    may give far less than ``jobs``x, and no extractor can beat what the machine gives.
    """
    import multiprocessing

    def timed(workers: int) -> float:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            start = time.perf_counter()
            pool.map(_spin, [n] * tasks)
            return time.perf_counter() - start

    return timed(1) / timed(jobs)


def has_extract_command() -> bool:
    try:
        import archiver.commands.extract
        import archiver.extract_run  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["aeb", "eval", "both"], default="both")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--jobs", type=int, default=0,
                        help="also time 'archiver extract' with --jobs 1 and --jobs N")
    parser.add_argument("--shares", action="store_true",
                        help="then print each extraction stage's share of the time (bench/stage_shares.py)")
    args = parser.parse_args(argv)

    bench = args.shared / "benchmarks"
    if not bench.is_dir():
        print(f"benchmarks not found at {bench}; nothing to measure", file=sys.stderr)
        return 0
    try:
        import archiver.extract_run
        import archiver.extraction  # noqa: F401
    except ImportError as exc:
        print(f"archiver's extraction pipeline is not importable ({exc}); nothing to compare", file=sys.stderr)
        return 0
    import trafilatura

    pages = speed_pages(bench, args.set, args.limit)
    if not pages:
        print("no benchmark pages found", file=sys.stderr)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="archiver-bench-"))
    try:
        warc_dir = tmp / "warcs"
        warc_dir.mkdir()
        warc = warc_dir / "bench-00001.warc.gz"
        stored = write_warc(pages, warc)
        clean = tmp / "clean-inproc"
        clean.mkdir()
        mb = sum(len(p.html) for p in pages) / 1e6
        print(f"trafilatura {trafilatura.__version__}; {len(pages)} pages, {mb:.1f} MB of HTML; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        bare, mine = interleaved(stored, warc, clean)
        n = len(stored)
        print(f"\none process, {n} pages                      wall s   pages/s    cpu s  pages/s(cpu)  failures")
        for label, c in (("bare trafilatura.extract (HTML in memory)", bare),
                         ("archiver (WARC record -> clean file)", mine)):
            print(f"{label:<42} {c.wall:7.1f} {n / c.wall:9.1f} {c.cpu:8.1f} {n / c.cpu:12.1f} {c.failures:9d}")
        print(f"archiver / bare speed: {bare.wall / mine.wall:.2f}x wall, {bare.cpu / mine.cpu:.2f}x cpu")
        if args.shares:
            from bench.stage_shares import account_cost, print_account_cost, print_shares, stage_shares

            total, spent = stage_shares(pages)
            print_shares(total, spent, len(pages))
            print_account_cost(*account_cost(pages), len(pages))

        if args.jobs:
            if not has_extract_command():
                print("\n'archiver extract' is not available yet; --jobs comparison skipped")
            else:
                one, cpu1, rc1 = time_command(stored, warc, tmp, 1)
                many, cpun, rcn = time_command(stored, warc, tmp, args.jobs)
                print(f"\narchiver extract, {n} pages (load average now {os.getloadavg()[0]:.2f})")
                print(f"  --jobs 1        {one:7.1f} s {n / one:7.1f} pages/s (exit {rc1}); "
                      f"CPU {cpu1:.1f} s, {cpu1 / n * 1000:.1f} ms/page")
                print(f"  --jobs {args.jobs:<8} {many:7.1f} s {n / many:7.1f} pages/s (exit {rcn}); "
                      f"CPU {cpun:.1f} s, {cpun / n * 1000:.1f} ms/page")
                ceiling = machine_ceiling(args.jobs)
                print(f"  speed-up: {one / many:.2f}x; this machine's own ceiling for {args.jobs} processes "
                      f"(pure-Python arithmetic in a multiprocessing pool): {ceiling:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
