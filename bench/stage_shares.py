"""Where archiver's extraction time goes: each stage's share of ``extract()``'s CPU time.

The stage functions ``archiver.extraction.extract`` calls are wrapped with a
CPU-time clock (``time.process_time``: the load of other processes on a shared
machine does not count) for one pass over the pages, then unwrapped. Shares are
of the summed time of the ``extract()`` calls; the wrappers add about a
microsecond a call. trafilatura's second run (the precision fallback's default
run, ``archiver/extraction/article.py``) is counted apart inside its stage.

    python -m bench.stage_shares                 # AEB + trafilatura-eval pages
    python -m bench.stage_shares --limit 150     # the first 150 of each set
    python -m bench.extract_speed --shares       # the same, after the speed comparison

Then the page account's cost measured the other way, as what switching it off saves
(:func:`account_cost`): the stage wrappers charge the account its own calls only.

    python -m bench.stage_shares --parts         # also "rest of extract()" split into named parts

``--parts`` (:func:`part_shares`) clocks every function ``_extract`` calls through
``archiver.extraction``'s namespace (about 120: the small stages ``STAGES`` does not name, the
title steps) and the gates' substring scans (the function ``marks.holder`` makes) in one more
pass, and prints those outside ``STAGES`` one line each; what is left is ``extract()``'s own
lines and the page's teardown (the inventory and the element proxies it holds, freed when
``_extract`` returns; the tree itself outlives the page in one-page memos holding its root and is
freed during a later page). The wrappers add about 0.1 ms a page.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sets import SHARED, Page, speed_pages

# stage -> the functions of archiver.extraction's namespace it is made of
STAGES: dict[str, tuple[str, ...]] = {
    "decode": ("decode_html",),
    "parse": ("parse_page",),
    "account": ("take_inventory", "build_account"),
    "metadata": ("read_metadata", "page_title", "headline_in_title", "find_headline", "choose_title"),
    "DOM rules": ("clean_page",),
    "other tree stages": ("strip_inert", "unwrap_layout_tables", "find_standfirst", "find_notes",
                          "merge_split_body", "repair_markup"),
    "trafilatura": ("run_trafilatura",),
    "gaps and siblings": ("block_texts", "restore_gaps", "restore_siblings"),
    "paragraphs": ("clean_paragraphs", "drop_repeated_body"),
}
SECOND_RUN = "trafilatura: precision fallback's second run"


@contextmanager
def _clocked(spent: dict[str, float]) -> Iterator[None]:
    """Wrap the stage functions for the duration; ``spent`` collects CPU seconds per stage."""
    import archiver.extraction as ex
    import archiver.extraction.article as article

    saved: list[tuple[object, str, Callable]] = []

    def wrap(module: object, attr: str, stage: str, when: Callable[[tuple, dict], bool] | None = None) -> None:
        fn = getattr(module, attr)

        def clocked(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                if when is None or when(args, kwargs):
                    spent[stage] += time.process_time() - start

        saved.append((module, attr, fn))
        setattr(module, attr, clocked)

    for stage, names in STAGES.items():
        for name in names:
            if hasattr(ex, name):
                wrap(ex, name, stage)
    if hasattr(article, "_run"):  # the default run the precision fallback may add
        wrap(article, "_run", SECOND_RUN, lambda args, kwargs: not args[2].get("favor_precision"))
    try:
        yield
    finally:
        for module, attr, fn in reversed(saved):
            setattr(module, attr, fn)


def stage_shares(pages: list[Page]) -> tuple[float, dict[str, float]]:
    """CPU seconds of ``extract()`` over ``pages`` (as ``archiver extract`` calls it: bytes,
    ``Content-Type: text/html``) and the CPU seconds of each stage."""
    import archiver.extraction as ex

    spent: dict[str, float] = defaultdict(float)
    total = 0.0
    with _clocked(spent):
        for i, page in enumerate(pages):
            start = time.process_time()
            ex.extract(page.html, url=page.url or f"http://bench.invalid/{i}", content_type="text/html")
            total += time.process_time() - start
    return total, dict(spent)


NOT_PARTS = frozenset(("extract", "_extract", "classify_text", "apply_site_learning", "learn", "digest",
                       "normalise", "paragraph_digests"))  # the entry points and what callers use after
OWN = "extract()'s own lines and the page's teardown"
GATES = "holds(...): the gates' substring scans of the page"


def part_shares(pages: list[Page]) -> tuple[float, dict[str, float]]:
    """CPU seconds of ``extract()`` over ``pages`` and of each function it calls through
    ``archiver.extraction``'s namespace (archiver's own Python functions, see :data:`NOT_PARTS`),
    one wrapper each, undone after; ``OWN`` is the rest. A function called from inside another
    wrapped one is charged to both, which does not happen here: the stages call each other
    through their own modules' names, not the package's."""
    import types

    import archiver.extraction as ex

    spent: dict[str, float] = defaultdict(float)
    saved: list[tuple[str, Callable]] = []

    def clocked(name: str, fn: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                made = fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
            return clocked(GATES, made) if name == "holder" else made  # the scans: the function it makes
        return wrapper

    for name in dir(ex):
        fn = getattr(ex, name)
        if name in NOT_PARTS or not isinstance(fn, types.FunctionType) or not fn.__module__.startswith("archiver."):
            continue
        saved.append((name, fn))
        setattr(ex, name, clocked(name, fn))
    total = 0.0
    try:
        for i, page in enumerate(pages):
            start = time.process_time()
            ex.extract(page.html, url=page.url or f"http://bench.invalid/{i}", content_type="text/html")
            total += time.process_time() - start
    finally:
        for name, fn in saved:
            setattr(ex, name, fn)
    spent[OWN] = total - sum(spent.values())
    return total, dict(spent)


def print_parts(total: float, spent: dict[str, float], n: int, shown: int = 40) -> None:
    """The parts outside ``STAGES`` (the "rest of extract()" line of :func:`print_shares`), largest
    first; the rest of them summed on one line."""
    staged = {name for names in STAGES.values() for name in names}
    rest = sorted(((name, s) for name, s in spent.items() if name not in staged), key=lambda r: -r[1])
    in_rest = sum(s for _, s in rest)
    print(f"\n\"rest of extract()\" by part ({n} pages, {in_rest:.2f} s CPU of {total:.2f}, "
          f"{100 * in_rest / total if total else 0:.1f}%; ms a page):")
    for name, seconds in rest[:shown]:
        print(f"  {name:<52} {seconds / max(n, 1) * 1000:6.3f} {100 * seconds / total if total else 0:5.1f}%")
    others = rest[shown:]
    if others:
        seconds = sum(s for _, s in others)
        print(f"  {f'{len(others)} others':<52} {seconds / max(n, 1) * 1000:6.3f} "
              f"{100 * seconds / total if total else 0:5.1f}%")


def account_cost(pages: list[Page], rounds: int = 1) -> tuple[float, float]:
    """CPU seconds of ``extract()`` over ``pages`` with the page account and without it
    (``extract(..., account=False)``: no inventory, no account, the DOM stage's own records of
    what it removed instead), the two interleaved page by page in one process (order
    alternating), so machine noise falls on both alike."""
    import archiver.extraction as ex

    spent = [0.0, 0.0]  # with, without
    for _ in range(rounds):
        for i, page in enumerate(pages):
            for variant in ((0, 1) if i % 2 else (1, 0)):
                start = time.process_time()
                ex.extract(page.html, url=page.url or f"http://bench.invalid/{i}", content_type="text/html",
                           account=variant == 0)
                spent[variant] += time.process_time() - start
    return spent[0], spent[1]


def print_account_cost(with_account: float, without: float, n: int) -> None:
    share = (with_account - without) / with_account if with_account else 0.0
    print(f"\nthe page account's cost ({n} pages, interleaved): extract() {with_account / n * 1000:.2f} ms a page "
          f"with it, {without / n * 1000:.2f} without: {100 * share:.1f}% of extraction time (budget: 10%)")


def print_shares(total: float, spent: dict[str, float], n: int) -> None:
    print(f"\nwhere archiver's extraction time goes ({n} pages, {total:.1f} s CPU, "
          f"{total / max(n, 1) * 1000:.1f} ms a page; CPU time, stage wrappers on):")
    rows = [(stage, spent.get(stage, 0.0)) for stage in STAGES]
    rows.append(("rest of extract()", total - sum(s for _, s in rows)))
    for stage, seconds in sorted(rows, key=lambda r: -r[1]):
        print(f"  {stage:<20} {seconds:7.2f} s {100 * seconds / total if total else 0:5.1f}%")
        if stage == "trafilatura" and SECOND_RUN in spent:
            second = spent[SECOND_RUN]
            print(f"    of which second run {second:7.2f} s {100 * second / total if total else 0:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["aeb", "eval", "both"], default="both")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--parts", action="store_true", help='also split "rest of extract()" into named parts')
    args = parser.parse_args(argv)
    bench = args.shared / "benchmarks"
    if not bench.is_dir():
        print(f"benchmarks not found at {bench}; nothing to measure", file=sys.stderr)
        return 0
    pages = speed_pages(bench, args.set, args.limit)
    if not pages:
        print("no benchmark pages found", file=sys.stderr)
        return 0
    import archiver.extraction as ex

    ex.extract(pages[0].html, url=pages[0].url, content_type="text/html")  # rules loaded, imports done
    total, spent = stage_shares(pages)
    print_shares(total, spent, len(pages))
    if args.parts:
        print_parts(*part_shares(pages), len(pages))
    print_account_cost(*account_cost(pages), len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
