"""Search over 10,000 archived pages: index size, time to index, median and 99th-percentile query time.

archiver's search (SQLite FTS5 in the catalog, ``archiver.search``) beside the
tool a user has without it, GNU grep over the clean folder
(``grep -rilwF WORD clean/``; ``grep -rilF`` for a phrase), in one run.

The script makes ``--pages`` clean text files (default 10,000) the way
extraction lays them out (``clean/<host>/.versions/<slug>/<digest>.txt``, title
line, blank line, paragraphs) with their catalog rows (a capture and an
extraction row each), from a Zipf-distributed vocabulary of 30,000 made-up
words, 300-1,500 words a page. Then:

- time to index: ``search.build_from_clean`` over all pages (the same
  ``index_capture`` call extraction makes per page), wall and CPU;
- index size: the FTS5 tables' pages in the catalog (SQLite's ``dbstat``),
  beside the clean text's own size;
- query time: ``--queries`` queries (default 300: common, middling and rare
  words, two-word AND, phrases, prefixes), each run through ``search.search``
  (top 20 hits, snippets and capture times included) in this process; grep
  runs the single-word and phrase queries as a process each, start-up
  included, since that is how it is used. Median and 99th percentile.

    python bench/search_speed.py                  # 10,000 pages
    python bench/search_speed.py --pages 1000 --queries 50   # a quick run
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archiver import output, search  # noqa: E402
from archiver.catalog import Catalog  # noqa: E402

SYLLABLES = ("ka ri to ne su la mo pe di gu fa ze hi bo ru ya ni so te mi lo ve da "
             "an or el is ur on ex al").split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_archive(root: Path, pages: int, seed: int = 7) -> tuple[Path, Path, list[str], list[float]]:
    """Clean files and catalog rows for ``pages`` pages; returns (db, clean, vocabulary, Zipf weights)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 30_000)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    clean = root / "clean"
    db = root / "warcs" / "catalog.sqlite3"
    with Catalog(db) as catalog, catalog.conn:
        for n in range(pages):
            url = f"http://www.site{n % 40:02d}.test/news/{n}"
            words = rng.choices(vocab, weights, k=rng.randint(300, 1500))
            paras = [" ".join(words[i:i + 60]).capitalize() + "." for i in range(0, len(words), 60)]
            title = " ".join(rng.choices(vocab, weights, k=6)).capitalize()
            content = output.render_text(title, "\n\n".join(paras))
            digest = output.text_digest(content)
            paths = output.paths_for(url)
            rel = paths.version_text(digest)
            path = clean / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            cur = catalog.conn.execute(
                "INSERT INTO captures (url, final_url, fetched_at, state, http_status, content_type, record_type) "
                "VALUES (?, ?, ?, 'captured', 200, 'text/html', 'response')",
                (url, url, f"2026-11-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"))
            catalog.conn.execute(
                "INSERT INTO extractions (capture_id, url, host, extracted_at, text_path, json_path, title, "
                "text_digest) VALUES (?, ?, ?, '2026-11-30T00:00:00Z', ?, ?, ?, ?)",
                (cur.lastrowid, url, paths.host, rel, paths.version_sidecar(int(cur.lastrowid or 0)), title, digest))
    return db, clean, vocab, weights


def queries(rng: random.Random, vocab: list[str], n: int) -> list[tuple[str, str, str | None]]:
    """(kind, archiver query, grep pattern or None): common/middling/rare words, AND, phrases, prefixes."""
    out: list[tuple[str, str, str | None]] = []
    kinds = ["common", "middling", "rare", "and", "phrase", "prefix"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        if kind == "common":
            w = vocab[rng.randint(0, 50)]
            out.append((kind, w, w))
        elif kind == "middling":
            w = vocab[rng.randint(500, 3000)]
            out.append((kind, w, w))
        elif kind == "rare":
            w = vocab[rng.randint(15_000, 29_999)]
            out.append((kind, w, w))
        elif kind == "and":
            a, b = vocab[rng.randint(0, 2000)], vocab[rng.randint(0, 2000)]
            out.append((kind, f"{a} {b}", None))
        elif kind == "phrase":
            a, b = vocab[rng.randint(0, 30)], vocab[rng.randint(0, 30)]
            out.append((kind, f'"{a} {b}"', f"{a} {b}"))
        else:
            w = vocab[rng.randint(0, 5000)]
            out.append((kind, w[: rng.randint(3, 6)] + "*", None))  # 3 to 6 letters
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    grep = shutil.which("grep")
    with tempfile.TemporaryDirectory(prefix="search-speed-") as tmp:
        root = Path(tmp)
        db, clean, vocab, _ = make_archive(root, args.pages)
        text_bytes = sum(p.stat().st_size for p in clean.rglob("*.txt"))
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        wall0, cpu0 = time.monotonic(), cpu()
        indexed = search.build_from_clean(conn, clean)
        index_wall, index_cpu = time.monotonic() - wall0, cpu() - cpu0
        size = search.index_size(conn)
        assert indexed == args.pages, indexed
        plan = queries(random.Random(11), vocab, args.queries)
        ours: list[float] = []
        by_kind: dict[str, list[float]] = {}
        hits = 0
        for kind, query, _pattern in plan:
            start = time.perf_counter()
            found = search.search(conn, query, 20)
            ours.append(time.perf_counter() - start)
            by_kind.setdefault(kind, []).append(ours[-1])
            hits += bool(found)
        conn.close()
        theirs: list[float] = []
        if grep:
            for _kind, _query, pattern in plan:
                if pattern is None:
                    continue
                flags = "-rilwF" if " " not in pattern else "-rilF"
                start = time.perf_counter()
                subprocess.run([grep, flags, "--", pattern, str(clean)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                theirs.append(time.perf_counter() - start)
        print(f"{args.pages:,} pages, {text_bytes / 1e6:.1f} MB of clean text; {len(plan)} queries "
              f"({hits} with hits)")
        print(f"archiver search (FTS5): index {size / 1e6:.1f} MB ({size / text_bytes:.2f}x the text), "
              f"built in {index_wall:.1f} s wall / {index_cpu:.1f} s CPU ({args.pages / index_wall:,.0f} pages/s)")
        print(f"{'':26} {'median ms':>10} {'p99 ms':>8} {'queries':>8}")
        print(f"{'archiver search (FTS5)':26} {1000 * statistics.median(ours):10.2f} {1000 * pct(ours, 99):8.2f} "
              f"{len(ours):8}")
        for kind, times in by_kind.items():
            print(f"  {kind:24} {1000 * statistics.median(times):10.2f} {1000 * pct(times, 99):8.2f} {len(times):8}")
        if theirs:
            print(f"{'grep -ril over clean/':26} {1000 * statistics.median(theirs):10.2f} "
                  f"{1000 * pct(theirs, 99):8.2f} {len(theirs):8}   (single words and phrases only; no index)")
            print(f"median query: archiver {statistics.median(theirs) / statistics.median(ours):.0f}x faster than grep")
    return 0


if __name__ == "__main__":
    sys.exit(main())
