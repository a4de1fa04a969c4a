"""Watch schedule: the cost of deciding what is due, and the requests a simulated week makes.

Two parts, archiver beside naive peers in one run:

1. **Deciding what is due** for N watched URLs (default 10,000) in a real catalog
   (the ``watch`` table of :mod:`archiver.watch.store`, its ``next_due`` index):
   ``store.due_urls`` against the list's URLs, alone and with reading the list
   file (``archiver.lists.read_list``, as every run does). Wall time (median of
   ``--rounds``) and peak Python memory (tracemalloc), plus the process's peak RSS.
   Goal: under 1 s and 100 MB. The peer is what a scheduler without a stored
   next check does: load every row and compute each URL's next check in Python
   (``next_due`` for all N).
2. **A simulated week of re-captures** (cron every 5 minutes). N articles are
   published uniformly from 30 days before the week to its end; 30% get 1-3
   edits, each at an exponential delay after publication (mean 6 hours; one in
   ten uniform over 30 days instead). Half the sites serve byte-identical pages
   between edits (then an unchanged page is a revisit), half change some bytes
   on every request (tickers, counters: never a revisit). Requests, the share
   that were revisits, the edits seen within the week and the delay from edit to
   the capture that saw it are printed for archiver's policy (defaults:
   15 min / 1 h / 1 d / 7 d, stop at 30 days) and two peers: a plain cron
   re-fetching everything hourly with ``--refresh``, and a changedetection-style
   fixed 3-hour interval (its default re-check time) that never stops. The edit
   model is an assumption, stated here; the figures move with it.

    python bench/watch_due.py                 # 10,000 URLs, 5 rounds
    python bench/watch_due.py --urls 2000 --rounds 3
"""
from __future__ import annotations

import argparse
import bisect
import random
import resource
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from archiver.catalog import Catalog
from archiver.lists import read_list
from archiver.watch import store
from archiver.watch.clock import iso, parse_time
from archiver.watch.schedule import Policy, next_due

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
TICK = timedelta(minutes=5)


# -- part 1: deciding what is due ---------------------------------------------------------

def build_catalog(folder: Path, n: int, rng: random.Random) -> tuple[Path, Path]:
    """A catalog with n watched URLs at all ages, and the list file naming them."""
    db = folder / "catalog.sqlite3"
    urls = [f"https://www.site{i % 200:03d}.test/news/2026/article-{i:06d}" for i in range(n)]
    policy = Policy()
    rows = []
    for url in urls:
        first = NOW - timedelta(seconds=rng.randint(0, 35 * 86400))
        last_check = max(first, NOW - timedelta(seconds=rng.randint(0, 3600)))
        change = first + timedelta(seconds=int((last_check - first).total_seconds() * rng.random())) \
            if rng.random() < 0.3 else None
        due = next_due(first, change, last_check, policy)
        rows.append((url, iso(first), None, iso(last_check), iso(change) if change else None,
                     iso(due) if due else None, 1, 0))
    with Catalog(db) as catalog:
        store.ensure(catalog.conn)
        with catalog.conn:
            catalog.conn.executemany("INSERT INTO watch VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    list_path = folder / "urls.txt"
    list_path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return db, list_path


def measure(fn, rounds: int) -> tuple[float, float, set[str]]:
    """(median seconds, peak tracemalloc MiB of one call, the result)."""
    times = []
    result: set[str] = set()
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak, result


def part_due(n: int, rounds: int, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory(prefix="watch-due-") as tmp:
        db, list_path = build_catalog(Path(tmp), n, rng)
        urls = [s.url for s in read_list(list_path).seeds]
        now = iso(NOW)

        def archiver_due() -> set[str]:
            with Catalog(db, readonly=True) as catalog:
                return store.due_urls(catalog.conn, now, urls)

        def archiver_with_list() -> set[str]:
            listed = [s.url for s in read_list(list_path).seeds]
            with Catalog(db, readonly=True) as catalog:
                return store.due_urls(catalog.conn, now, listed)

        def peer_recompute() -> set[str]:
            policy = Policy()
            due = set()
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                for url, first, change, last in conn.execute("SELECT url, first_seen, last_change, last_check "
                                                             "FROM watch"):
                    when = next_due(parse_time(first), parse_time(change) if change else None,
                                    parse_time(last), policy)
                    if when is not None and when <= NOW:
                        due.add(url)
            finally:
                conn.close()
            return due & set(urls)

        a_t, a_m, a_due = measure(archiver_due, rounds)
        l_t, l_m, _ = measure(archiver_with_list, rounds)
        p_t, p_m, p_due = measure(peer_recompute, rounds)
        assert a_due == p_due, "the indexed scan and the full recomputation disagree"
        print(f"\n1. deciding what is due: {n:,} watched URLs, {len(a_due):,} due now (median of {rounds})")
        print(f"   {'':44} {'wall':>9} {'peak Python memory':>20}")
        print(f"   {'archiver: indexed next_due scan':44} {a_t * 1000:7.1f} ms {a_m:17.1f} MiB")
        print(f"   {'archiver: read the list + the scan':44} {l_t * 1000:7.1f} ms {l_m:17.1f} MiB"
              "   (reading the list: the fetcher does it on every run, watch or not)")
        print(f"   {'peer: load all rows, recompute every URL':44} {p_t * 1000:7.1f} ms {p_m:17.1f} MiB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"   process peak RSS so far (all of the above, Python included): {rss:.0f} MiB; goal < 1 s, < 100 MB")


# -- part 2: a simulated week -------------------------------------------------------------

def articles(n: int, rng: random.Random) -> list[tuple[datetime, list[datetime], bool]]:
    """(published, edit times, static payload) per article (see the module doc for the model)."""
    out = []
    start = NOW - timedelta(days=30)
    span = (NOW + timedelta(days=7) - start).total_seconds()
    for _ in range(n):
        published = start + timedelta(seconds=rng.uniform(0, span))
        edits = []
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                delay = rng.uniform(0, 30 * 86400) if rng.random() < 0.1 else rng.expovariate(1 / (6 * 3600))
                edits.append(published + timedelta(seconds=delay))
        out.append((published, sorted(edits), rng.random() < 0.5))
    return out


def on_tick(moment: datetime) -> datetime:
    """The first cron tick (every 5 minutes) at or after ``moment``."""
    ticks = -(-(moment - NOW) // TICK)
    return NOW + ticks * TICK


def archiver_fetches(published: datetime, edits: list[datetime], end: datetime, policy: Policy) -> list[datetime]:
    """Fetch times under archiver's policy: first capture at publication, then as next_due says."""
    first = on_tick(published)
    times, now, last_change = [first], first, None
    seen = bisect.bisect_right(edits, first)
    while True:
        due = next_due(published, last_change, now, policy)
        if due is None:
            return times
        now = on_tick(due)
        if now > end:
            return times
        times.append(now)
        found = bisect.bisect_right(edits, now)
        if found > seen:  # an edit since the last fetch: the change shrinks the interval
            last_change, seen = now, found


def fixed_fetches(published: datetime, every: timedelta, end: datetime) -> list[datetime]:
    times, now = [], on_tick(published)
    while now <= end:
        times.append(now)
        now = on_tick(now + every)
    return times


def tally(fetches: list[datetime], edits: list[datetime], static: bool, week: tuple[datetime, datetime],
          stats: dict) -> None:
    """Count the week's requests, revisits, and edits seen with their delays."""
    start, end = week
    in_week = [t for t in fetches if start <= t <= end]
    stats["requests"] += len(in_week)
    for t in in_week:
        k = bisect.bisect_left(fetches, t)
        prev = fetches[k - 1] if k else None
        changed = prev is None or bisect.bisect_right(edits, t) > bisect.bisect_right(edits, prev)
        if static and not changed:
            stats["revisits"] += 1
    for edit in edits:
        if not start <= edit <= end:
            continue
        stats["edits"] += 1
        k = bisect.bisect_left(fetches, edit)
        if k < len(fetches) and fetches[k] <= end:
            stats["delays"].append((fetches[k] - edit).total_seconds())


def part_week(n: int, rng: random.Random) -> None:
    policy = Policy()
    week = (NOW, NOW + timedelta(days=7))
    rows = articles(n, rng)
    peers = {"archiver --watch (15m/1h/1d/7d, stop at 30 d)": None,
             "cron hourly + --refresh (everything, for ever)": timedelta(hours=1),
             "fixed 3 h interval (changedetection-style)": timedelta(hours=3)}
    print(f"\n2. a simulated week, cron every 5 minutes: {n:,} articles published from 30 days before to the "
          f"end of the week, {sum(len(e) for _, e, _ in rows):,} edits in all")
    print(f"   {'':48} {'requests':>10} {'revisits':>9} {'edits seen':>11} {'median delay':>13} {'p90 delay':>10}")
    for name, every in peers.items():
        stats: dict = {"requests": 0, "revisits": 0, "edits": 0, "delays": []}
        started = time.perf_counter()
        for published, edits, static in rows:
            if published > week[1]:
                continue
            if every is None:
                fetches = archiver_fetches(published, edits, week[1], policy)
            else:
                fetches = fixed_fetches(published, every, week[1])
            tally(fetches, edits, static, week, stats)
        delays = sorted(stats["delays"])
        median = statistics.median(delays) / 60 if delays else float("nan")
        p90 = delays[int(len(delays) * 0.9)] / 60 if delays else float("nan")
        share = stats["revisits"] / stats["requests"] if stats["requests"] else 0
        print(f"   {name:48} {stats['requests']:>10,} {share:>8.1%} {len(delays):>5,}/{stats['edits']:<5,}"
              f" {median:>9.0f} min {p90:>6.0f} min   ({time.perf_counter() - started:.1f} s to simulate)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    part_due(args.urls, args.rounds, rng)
    part_week(args.urls, rng)


if __name__ == "__main__":
    main()
