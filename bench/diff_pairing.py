"""Pairing by content: clean files against stored copies with no manifest, 1,000 to 10,000 of each.

A generated corpus stands in for a large archive (no benchmark pages are
copied): articles drawn from a Zipf-distributed vocabulary of invented words,
one clean ``.txt`` per article under ``clean/<site>/``, and a stored copy of
each under a shuffled name in ``stored/`` that looks like the seeds: the
site's navigation and footer lines around the text (shared by every page of
that site), a comment thread on some, one paragraph rewritten on some, Markdown
headings and hard wrapping on others. 2% of clean files and 2% of stored
copies have no counterpart.

For each size, a fresh subprocess reads the files and runs
``archiver.diff.pairing.pair_by_content`` (shingles, MinHash, LSH, exact
overlap on candidates, greedy one-to-one); it prints wall time, peak RSS above
the process's baseline, the candidates scored and the share of pairs that are
right. Beside it, the peer: the same exact overlap computed for every
clean x stored combination (what pairing costs without an index), at the sizes
where that finishes in reasonable time.

    python -m bench.diff_pairing                      # 1000 2000 5000 10000, brute force at 1000 2000
    python -m bench.diff_pairing --sizes 1000 2000 --brute 1000
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``archiver`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
SITES = 50
SEED = 20220111


def make_vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    syll = ["ka", "zak", "tro", "op", "mi", "nis", "ter", "al", "ma", "ty", "se", "cu", "ri", "on", "de", "fen",
            "pre", "si", "dent", "la", "bor", "gov", "ern", "ment", "par", "lia", "u", "nit", "for", "ces"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Writer:
    """Draws sentences of Zipf-distributed words (common words common, as in news text)."""

    def __init__(self, rng: random.Random, vocab: list[str]):
        import numpy as np

        self.rng = rng
        self.vocab = vocab
        weights = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
        self.cum = np.cumsum(weights / weights.sum())
        self.np_rng = np.random.default_rng(rng.randint(0, 2**31))

    def words(self, n: int) -> list[str]:
        import numpy as np

        idx = np.searchsorted(self.cum, self.np_rng.random(n))
        return [self.vocab[min(i, len(self.vocab) - 1)] for i in idx]

    def sentence(self) -> str:
        w = self.words(self.rng.randint(8, 28))
        return " ".join([w[0].capitalize()] + w[1:]) + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))


def generate(root: Path, n: int) -> None:
    """Write n articles: clean/<site>/<i>.txt and stored/<shuffled>.txt (+2% strays each side)."""
    rng = random.Random(SEED)
    writer = Writer(rng, make_vocabulary(rng))
    site_furniture = [([writer.sentence() for _ in range(rng.randint(3, 8))],
                       [writer.paragraph() for _ in range(rng.randint(1, 3))]) for _ in range(SITES)]
    stray = max(1, n // 50)
    names = list(range(n + stray))
    rng.shuffle(names)
    (root / "stored").mkdir(parents=True)
    for i in range(n + stray):
        site = i % SITES
        title = writer.sentence().rstrip(".")
        paras = [writer.paragraph() for _ in range(rng.randint(6, 20))]
        if i < n:  # i >= n: stored copy only
            clean = root / "clean" / f"site{site:02d}" / f"article-{i:05d}.txt"
            clean.parent.mkdir(parents=True, exist_ok=True)
            clean.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        if n - stray <= i < n:
            continue  # clean only
        nav, footer = site_furniture[site]
        body = list(paras)
        if rng.random() < 0.1:
            body[rng.randrange(len(body))] = writer.paragraph()
        if rng.random() < 0.3:
            body = [textwrap.fill(p, 72) for p in body]
        head = ("# " if rng.random() < 0.3 else "") + title
        tail = footer + ([writer.paragraph() for _ in range(rng.randint(2, 8))] if rng.random() < 0.2 else [])
        text = "\n".join(nav) + "\n\n" + head + "\n\n" + "\n\n".join(body) + "\n\n" + "\n\n".join(tail) + "\n"
        (root / "stored" / f"{names[i]:06d}.txt").write_text(text, encoding="utf-8")


def truth(root: Path) -> dict[str, str]:
    """Which stored name belongs to which clean file, rebuilt from the same random draws."""
    out = {}
    for stored in (root / "stored").iterdir():
        first = stored.read_text(encoding="utf-8").split("\n\n")
        out[stored.name] = first[1].removeprefix("# ")  # the title
    return out


def child(root: Path, brute: bool) -> dict:
    """Run in a fresh process: pair clean/ with stored/ and measure."""
    from archiver.diff.pairing import DEFAULT_THRESHOLD, overlap, pair_by_content, shingles

    new_files = sorted((root / "clean").rglob("*.txt"))
    old_files = sorted((root / "stored").glob("*.txt"))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    cpu = time.process_time()
    if not brute:
        result = pair_by_content(((p, p.read_text(encoding="utf-8")) for p in new_files),
                                 ((p, p.read_text(encoding="utf-8")) for p in old_files))
        pairs = [(a, b) for a, b, _ in result.pairs]
        candidates = result.candidates
    else:
        new_sh = [shingles(p.read_text(encoding="utf-8")) for p in new_files]
        old_sh = [shingles(p.read_text(encoding="utf-8")) for p in old_files]
        scored = []
        for i, a in enumerate(new_sh):
            for j, b in enumerate(old_sh):
                s = overlap(a, b)
                if s >= DEFAULT_THRESHOLD:
                    scored.append((-s, i, j))
        scored.sort()
        used_i, used_j, pairs = set(), set(), []
        for _, i, j in scored:
            if i not in used_i and j not in used_j:
                used_i.add(i)
                used_j.add(j)
                pairs.append((new_files[i], old_files[j]))
        candidates = len(new_sh) * len(old_sh)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    titles = {p: p.read_text(encoding="utf-8").split("\n", 1)[0] for p in new_files}
    stored_titles = truth(root)
    right = sum(1 for a, b in pairs if titles[a] == stored_titles[b.name])
    return {"clean": len(new_files), "stored": len(old_files), "pairs": len(pairs), "right": right,
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mib": round(peak / 1024, 1),
            "rss_above_baseline_mib": round((peak - base) / 1024, 1), "candidates": candidates}


def run_child(root: Path, brute: bool) -> dict:
    cmd = [sys.executable, "-m", "bench.diff_pairing", "--child", str(root)] + (["--brute-child"] if brute else [])
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    ap.add_argument("--brute", type=int, nargs="*", default=[1000, 2000],
                    help="sizes at which to also time the all-pairs peer")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--brute-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.brute_child)))
        return 0
    import os

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall time is shared with whatever else runs; cpu time is this process's own)", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="diff-pairing-"))
    rows = []
    try:
        for n in args.sizes:
            root = tmp / str(n)
            t = time.perf_counter()
            generate(root, n)
            gen = time.perf_counter() - t
            lsh = run_child(root, brute=False)
            peer = run_child(root, brute=True) if n in args.brute else None
            rows.append((n, lsh, peer))
            print(f"n={n:>6} (generated in {gen:.1f}s): LSH {lsh['wall_s']:>7.2f}s wall {lsh['cpu_s']:>7.2f}s cpu "
                  f"{lsh['rss_above_baseline_mib']:>7.1f} MiB  right {lsh['right']}/{lsh['pairs']} "
                  f"(of {min(lsh['clean'], lsh['stored']) - max(1, n // 50)} true pairs), "
                  f"{lsh['candidates']} candidates"
                  + (f" | all-pairs {peer['wall_s']:.2f}s wall {peer['cpu_s']:.2f}s cpu "
                     f"{peer['rss_above_baseline_mib']:.1f} MiB "
                     f"right {peer['right']}/{peer['pairs']}, {peer['candidates']} scored" if peer else ""),
                  flush=True)
            shutil.rmtree(root, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if len(rows) > 1:
        (n0, a, _), (n1, b, _) = rows[0], rows[-1]
        print(f"growth {n0} -> {n1} ({n1 / n0:.0f}x files): wall time x{b['wall_s'] / a['wall_s']:.2f}, "
              f"cpu time x{b['cpu_s'] / a['cpu_s']:.2f}, "
              f"memory above baseline x{b['rss_above_baseline_mib'] / max(a['rss_above_baseline_mib'], 0.1):.2f}, "
              f"peak RSS x{b['peak_rss_mib'] / a['peak_rss_mib']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
