"""Extraction quality on AEB and trafilatura-eval: archiver's pipeline beside bare trafilatura.

Both extractors run on the same pages in one run, so the baseline printed next
to archiver's figure is measured on this machine with this trafilatura, not
copied from a README. Benchmark pages are read from ``../shared/benchmarks``
at run time and never copied into the repository.

    python -m bench.extract_quality                 # both sets
    python -m bench.extract_quality --set aeb --worst 10
    python -m bench.extract_quality --set eval --dump /tmp/eval-out
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics import AebScore, SnippetCounts, aeb_score, page_counts, snippet_counts  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass
class Page:
    key: str
    url: str | None
    html: bytes
    truth: str | None = None  # AEB articleBody
    with_: list | None = None  # trafilatura-eval snippets
    without: list | None = None


def aeb_pages(root: Path) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, truth[key].get("url"), html, truth=truth[key].get("articleBody", ""))


def eval_pages(root: Path) -> Iterator[Page]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url in sorted(data):
        item = data[url]
        path = root / "html" / f"{item['file']}.gz"
        html = gzip.decompress(path.read_bytes())
        yield Page(item["file"], url, html, with_=item["with"], without=item["without"])


# -- extractors ----------------------------------------------------------------

Extractor = Callable[[Page], str | None]


def bare_trafilatura(use_url: bool) -> Extractor:
    """trafilatura 2.3.1 as the READMEs ran it: comments excluded, defaults otherwise."""
    import trafilatura

    def run(page: Page) -> str | None:
        if use_url:
            return trafilatura.extract(page.html, url=page.url, include_comments=False)
        return trafilatura.extract(page.html, include_comments=False)
    return run


def archiver_pipeline() -> Extractor | None:
    """archiver's whole cleaning pipeline; body text only (the title is not in articleBody)."""
    try:
        from archiver.extraction import extract
    except ImportError as exc:
        print(f"note: archiver.extraction not importable ({exc}); baseline only", file=sys.stderr)
        return None

    def run(page: Page) -> str | None:
        return extract(page.html, page.url).text
    return run


@dataclass
class Run:
    name: str
    outputs: dict[str, str | None]
    seconds: float
    crashes: int


def run_all(name: str, extractor: Extractor, pages: list[Page], verbose: bool) -> Run:
    outputs: dict[str, str | None] = {}
    crashes = 0
    start = time.perf_counter()
    for page in pages:
        try:
            outputs[page.key] = extractor(page)
        except Exception:  # a crash scores as empty output, as the READMEs say
            crashes += 1
            outputs[page.key] = None
            if verbose:
                print(f"{name} crashed on {page.key}:\n{traceback.format_exc()}", file=sys.stderr)
    return Run(name, outputs, time.perf_counter() - start, crashes)


# -- reports -------------------------------------------------------------------

def score_aeb(pages: list[Page], run: Run) -> AebScore:
    return aeb_score((p.truth, run.outputs[p.key]) for p in pages)


def score_eval(pages: list[Page], run: Run) -> SnippetCounts:
    total = SnippetCounts()
    for p in pages:
        total += snippet_counts(run.outputs[p.key], p.with_, p.without)
    return total


def report_aeb(pages: list[Page], runs: list[Run], worst: int) -> None:
    print(f"\nAEB ({len(pages)} pages), 4-shingle metric")
    print(f"{'extractor':<22} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'crash':>5} {'s':>7}")
    for run in runs:
        s = score_aeb(pages, run)
        print(f"{run.name:<22} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.accuracy:6.3f} "
              f"{run.crashes:5d} {run.seconds:7.1f}")
    if worst and len(runs) > 1:
        base, mine = runs[0], runs[-1]
        delta = []
        for p in pages:
            a, b = page_counts(p.truth, base.outputs[p.key]), page_counts(p.truth, mine.outputs[p.key])
            delta.append(((b.tp - a.tp), p.key, a, b, p.url))
        delta.sort()
        print(f"\npages where {mine.name} loses most against {base.name} (tp share):")
        for d, key, a, b, url in delta[:worst]:
            print(f"  {d:+.3f} {key[:16]} base p/r {_pr(a)} mine p/r {_pr(b)} {url}")
        print(f"pages where {mine.name} gains most:")
        for d, key, a, b, url in delta[::-1][:worst]:
            print(f"  {d:+.3f} {key[:16]} base p/r {_pr(a)} mine p/r {_pr(b)} {url}")


def _pr(c) -> str:
    p, r = c.precision, c.recall
    return f"{p if p is not None else float('nan'):.2f}/{r if r is not None else float('nan'):.2f}"


def report_eval(pages: list[Page], runs: list[Run], worst: int) -> None:
    print(f"\ntrafilatura-eval ({len(pages)} pages), snippet rule")
    print(f"{'extractor':<22} {'F':>6} {'P':>6} {'R':>6} {'acc':>6} {'crash':>5} {'s':>7}")
    for run in runs:
        s = score_eval(pages, run)
        print(f"{run.name:<22} {s.f:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.accuracy:6.3f} "
              f"{run.crashes:5d} {run.seconds:7.1f}")
    if worst and len(runs) > 1:
        base, mine = runs[0], runs[-1]
        rows = []
        for p in pages:
            a = snippet_counts(base.outputs[p.key], p.with_, p.without)
            b = snippet_counts(mine.outputs[p.key], p.with_, p.without)
            gain = (b.hits - a.hits) - (b.false_positives - a.false_positives)
            rows.append((gain, p.key, a, b))
        rows.sort(key=lambda r: r[0])
        print(f"\npages where {mine.name} loses most against {base.name} (hits - false positives):")
        for gain, key, a, b in rows[:worst]:
            print(f"  {gain:+d} {key} base {a.hits}h/{a.false_positives}fp mine {b.hits}h/{b.false_positives}fp")


def dump(folder: Path, pages: list[Page], runs: list[Run]) -> None:
    for run in runs:
        out = folder / run.name
        out.mkdir(parents=True, exist_ok=True)
        for p in pages:
            (out / f"{p.key}.txt").write_text(run.outputs[p.key] or "", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["aeb", "eval", "both"], default="both")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages of each set")
    parser.add_argument("--baseline-only", action="store_true")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages archiver loses most on")
    parser.add_argument("--dump", type=Path, help="write every output under this folder (outside the repo)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of crashes")
    args = parser.parse_args(argv)

    bench = args.shared / "benchmarks"
    if not bench.is_dir():
        print(f"benchmarks not found at {bench}; nothing to measure", file=sys.stderr)
        return 0
    mine = None if args.baseline_only else archiver_pipeline()
    import trafilatura
    print(f"trafilatura {trafilatura.__version__}")

    sets = ["aeb", "eval"] if args.set == "both" else [args.set]
    for name in sets:
        root = bench / ("aeb" if name == "aeb" else "trafilatura-eval")
        if not root.is_dir():
            print(f"{root} not found; skipped", file=sys.stderr)
            continue
        pages = list(aeb_pages(root) if name == "aeb" else eval_pages(root))
        if args.limit:
            pages = pages[: args.limit]
        runs = [run_all("trafilatura", bare_trafilatura(use_url=name == "eval"), pages, args.verbose)]
        if mine is not None:
            runs.append(run_all("archiver", mine, pages, args.verbose))
        if args.dump:
            dump(args.dump / name, pages, runs)
        (report_aeb if name == "aeb" else report_eval)(pages, runs, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
