"""Memory the fetch's outcome sink keeps per capture, over a 100,000-URL run (real catalog, real Outcomes).

    PYTHONPATH=. python -m bench.same_page_memory [--urls 100000] [--repeat-every 50]

Feeds ``--urls`` captured outcomes (distinct URLs over 200 hosts, each with a URL
of about 90 characters and a payload digest; in every other block of 200, each
``--repeat-every``-th one repeats the digest of the page 200 lines up, on its host) through
:func:`archiver.fetch.recorders.outcome_recorder` into a real SQLite catalog in a
temporary folder, as a fetch does after each exchange (no network: the sink is
what keeps a record of every capture of the run). Prints the Python memory the
sink still holds after the run (tracemalloc: the same-page table and the
summary's capture ids where it kept them; SQLite's own cache is not Python memory), per capture,
the process's peak RSS, and how many repeats were linked.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import os
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from archiver.catalog import Catalog
from archiver.fetch.outcome import Outcome
from archiver.fetch.recorders import outcome_recorder
from archiver.fetch.summary import FetchSummary
from archiver.lists import Seed
from archiver.report import Reporter
from archiver.warc import Written


def digest_of(n: int) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(str(n).encode()).digest()).decode()


def outcomes(urls: int, repeat_every: int):
    for n in range(urls):
        host = f"www.news-site-{n % 200:03d}.example"
        url = f"https://{host}/2026/12/01/politics/a-long-article-slug-about-something-{n:07d}/"
        # a repeat: the page of the URL 200 lines up (the same host), itself no repeat
        repeat = repeat_every and n % repeat_every == 0 and (n // 200) % 2 == 1
        page = n - 200 if repeat else n
        out = Outcome(seed=Seed(url, n + 1), list_file="urls.txt", state="captured", final_url=url,
                      http_status=200, content_type="text/html", payload_digest=digest_of(page),
                      record_type="response",
                      written=Written("archiver-x.warc.gz", n * 4000, 4000, f"<urn:uuid:{n:032x}>",
                                      "2026-12-01T21:00:00Z"))
        yield out


def measure(urls: int, repeat_every: int = 50) -> dict[str, float]:
    """Run ``urls`` outcomes through the sink; return ``kept`` (bytes of Python memory still held after the
    run), ``ids`` (bytes of it in the summary's capture-id list, if it has one: it had until session 16),
    ``linked`` (repeats linked) and ``seconds``."""
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog(Path(tmp) / "catalog.sqlite")
        summary = FetchSummary(list_file="urls.txt")
        with open(os.devnull, "w") as devnull:  # the log lines are not what is measured
            reporter = Reporter("text", progress="off", out=devnull)
            tracemalloc.start()
            try:
                sink = outcome_recorder(catalog, summary, reporter)
                started = time.perf_counter()
                base = tracemalloc.get_traced_memory()[0]
                for out in outcomes(urls, repeat_every):
                    sink(out)
                kept = tracemalloc.get_traced_memory()[0] - base
            finally:
                tracemalloc.stop()
            seconds = time.perf_counter() - started
        catalog.close()
    listed = getattr(summary, "capture_ids", [])
    ids = sum(i.__sizeof__() for i in listed) + listed.__sizeof__() if listed else 0
    return {"kept": kept, "ids": ids, "linked": summary.same_page, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=100_000)
    ap.add_argument("--repeat-every", type=int, default=50)
    args = ap.parse_args(argv)
    got = measure(args.urls, args.repeat_every)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.urls} captures, {got['linked']} linked as the same page: the sink keeps "
          f"{got['kept'] / 2**20:.1f} MiB ({got['kept'] / args.urls:.0f} bytes a capture; of it the capture ids "
          f"{got['ids'] / 2**20:.1f} MiB), peak RSS {rss:.0f} MiB, {got['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
