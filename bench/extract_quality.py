"""Extraction quality on AEB, trafilatura-eval and WCXB articles: archiver beside bare trafilatura.

Both extractors run on the same pages in one run, so the baseline printed next
to archiver's figure is measured on this machine with this trafilatura, not
copied from a README. Benchmark pages are read from ``../shared/benchmarks``
at run time and never copied into the repository.

    python -m bench.extract_quality                       # every set, with the goal table
    python -m bench.extract_quality --set aeb --worst 10
    python -m bench.extract_quality --set wcxb-dev --jobs 2 --dump /tmp/wcxb-out
    python -m bench.extract_quality --bare-cache /tmp/bare   # reuse bare outputs of the same trafilatura

Goals (issue 11): on every set archiver's F1 at least .01 above bare trafilatura's;
AEB F1 >= .975, P >= .965, R >= .975; trafilatura-eval F >= .945; WCXB dev word-F1
>= .945, and .01 above bare trafilatura on the AEB metric as well.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics import page_counts, snippet_counts, word_f1
from bench.sets import SET_NAMES, SHARED, Page, default_jobs, load, run_pages, score

# -- extractors (module level, so worker processes can build them) --------------

def _bare_with_url():
    import trafilatura
    return lambda page: trafilatura.extract(page.html, url=page.url, include_comments=False)


def _bare_without_url():
    import trafilatura
    return lambda page: trafilatura.extract(page.html, include_comments=False)


def _archiver(**options):
    from archiver.extraction import extract
    return lambda page: extract(page.html, page.url, **options).text


def bare_factory(set_name: str):
    """trafilatura 2.3.1 as each set's README ran it: comments excluded, defaults otherwise
    (AEB's README runs it without the URL, the others with it)."""
    return _bare_without_url if set_name == "aeb" else _bare_with_url


def bare_outputs(set_name: str, pages: list[Page], jobs: int, cache: Path | None
                 ) -> tuple[dict[str, str | None], float, int]:
    """Bare trafilatura's outputs, from ``cache`` when it holds this set for this trafilatura version."""
    import trafilatura
    path = cache / f"{set_name}-{trafilatura.__version__}.json" if cache else None
    if path is not None and path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if all(p.key in stored for p in pages):
            return {p.key: stored[p.key] for p in pages}, 0.0, 0
    start = time.perf_counter()
    outputs, crashes = run_pages(bare_factory(set_name), pages, jobs)
    seconds = time.perf_counter() - start
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(outputs), encoding="utf-8")
    return outputs, seconds, crashes


# -- reports -------------------------------------------------------------------

GOALS = {  # set -> figure -> minimum
    "aeb": {"f1": .975, "p": .965, "r": .975},
    "eval": {"f1": .945},
    "wcxb-dev": {"f1": .945},
}
MARGIN = .01  # above bare trafilatura, on every set and metric


def _row(figs: dict[str, float]) -> str:
    return " ".join(f"{k} {v:.4f}" for k, v in figs.items())


def _worst(set_name: str, pages: list[Page], base: dict, mine: dict, n: int) -> None:
    rows: list[tuple[float, str, str, str | None]] = []
    for p in pages:
        if set_name == "eval":
            sa = snippet_counts(base[p.key], p.with_ or [], p.without or [])
            sb = snippet_counts(mine[p.key], p.with_ or [], p.without or [])
            gain = float((sb.hits - sa.hits) - (sb.false_positives - sa.false_positives))
            what = f"base {sa.hits}h/{sa.false_positives}fp mine {sb.hits}h/{sb.false_positives}fp"
            rows.append((gain, p.key, what, p.url))
        elif set_name == "aeb":
            pa, pb = page_counts(p.truth, base[p.key]), page_counts(p.truth, mine[p.key])
            rows.append((pb.tp - pa.tp, p.key, f"base tp {pa.tp:.2f} mine tp {pb.tp:.2f}", p.url))
        else:
            fa, fb = word_f1(p.truth, base[p.key]), word_f1(p.truth, mine[p.key])
            rows.append((fb - fa, p.key, f"base {fa:.3f} mine {fb:.3f}", p.url))
    rows.sort(key=lambda r: r[0])
    print("  pages archiver loses most on:")
    for gain, key, what, url in rows[:n]:
        print(f"    {gain:+.3f} {key[:20]} {what} {url}")
    print("  pages archiver gains most on:")
    for gain, key, what, url in rows[::-1][:n]:
        print(f"    {gain:+.3f} {key[:20]} {what} {url}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", choices=[*SET_NAMES, "all"],
                        help="a set to score (repeatable); default all")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N pages of each set")
    parser.add_argument("--baseline-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default 1)")
    parser.add_argument("--bare-cache", type=Path, help="folder for bare trafilatura's outputs, reused "
                        "when the same trafilatura version made them (outside the repo)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=JSON",
                        help="an extraction option for archiver (repeatable), e.g. "
                        "'precision_fallback={\"below_chars\": 1500, \"ratio\": 0.34}'")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages archiver loses most on")
    parser.add_argument("--dump", type=Path, help="write every output under this folder (outside the repo)")
    args = parser.parse_args(argv)

    if not (args.shared / "benchmarks").is_dir():
        print(f"benchmarks not found at {args.shared / 'benchmarks'}; nothing to measure", file=sys.stderr)
        return 0
    options = {}
    for item in args.option:
        key, _, value = item.partition("=")
        options[key] = json.loads(value)
    import trafilatura
    print(f"trafilatura {trafilatura.__version__}; archiver's pipeline beside bare trafilatura.extract"
          + (f"; options {options}" if options else ""))
    names = list(SET_NAMES) if not args.set or "all" in args.set else args.set
    table = []
    for name in names:
        try:
            pages = load(name, args.shared, args.limit)
        except FileNotFoundError as exc:
            print(f"{exc} not found; {name} skipped", file=sys.stderr)
            continue
        base, base_s, base_crash = bare_outputs(name, pages, args.jobs, args.bare_cache)
        figs = {"trafilatura": score(name, pages, base)}
        print(f"\n{name} ({len(pages)} pages)")
        print(f"  trafilatura {_row(figs['trafilatura'])}  crashes {base_crash}  {base_s:.1f} s"
              + ("  (cached)" if not base_s and pages else ""))
        mine = None
        if not args.baseline_only:
            start = time.perf_counter()
            mine, crashes = run_pages(partial(_archiver, **options), pages, args.jobs)
            figs["archiver"] = score(name, pages, mine)
            print(f"  archiver    {_row(figs['archiver'])}  crashes {crashes}  {time.perf_counter() - start:.1f} s")
            if args.worst:
                _worst(name, pages, base, mine, args.worst)
            table.append((name, len(pages), figs))
        if args.dump:
            for label, outs in (("trafilatura", base), ("archiver", mine)):
                if outs is None:
                    continue
                folder = args.dump / name / label
                folder.mkdir(parents=True, exist_ok=True)
                for p in pages:
                    (folder / f"{p.key}.txt").write_text(outs[p.key] or "", encoding="utf-8")
    if table:
        _goal_table(table)
    return 0


def _goal_table(table: list) -> None:
    print("\n| set | metric | bare trafilatura | archiver | gain | goal | met? |")
    print("|---|---|---:|---:|---:|---|---|")
    for name, n, figs in table:
        base, mine = figs["trafilatura"], figs["archiver"]
        metrics = [("f1", "F1" if name == "aeb" else "F" if name == "eval" else "word-F1")]
        if name == "aeb":
            metrics += [("p", "P"), ("r", "R")]
        if name.startswith("wcxb"):
            metrics += [("aeb_f1", "AEB-metric F1")]
        for key, label in metrics:
            goals = []
            ok = True
            if key in ("f1", "aeb_f1"):
                goals.append(f"+{MARGIN:.2f}")
                ok &= mine[key] >= base[key] + MARGIN - 1e-9
            floor = GOALS.get(name, {}).get(key)
            if floor is not None:
                goals.append(f">= {floor:.3f}")
                ok &= mine[key] >= floor
            print(f"| {name} ({n}) | {label} | {base[key]:.4f} | {mine[key]:.4f} | {mine[key] - base[key]:+.4f} "
                  f"| {', '.join(goals) or '-'} | {('yes' if ok else 'no') if goals else ''} |")


if __name__ == "__main__":
    sys.exit(main())
