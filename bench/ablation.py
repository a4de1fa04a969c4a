"""What each rule, stage and option of the extraction pipeline is worth, on every dev set at once.

For each switch (a DOM rule, a paragraph rule, a keep rule, a pipeline stage, a
trafilatura option) the pipeline runs without it and the change of each dev
set's headline figure is printed: AEB F1, trafilatura-eval F, WCXB dev word-F1
and WCXB dev AEB-metric F1. A negative change means the switch earns its place
on that set; a positive one means the set is better without it (issue 11: a rule
that costs more than it gains on any set is narrowed or removed).

    python -m bench.ablation                    # every switch (rules rerun only where they fired)
    python -m bench.ablation --only stage: --jobs 2
    python -m bench.ablation --only dom:caption --only para:image-credit

Rules are rerun only on the pages where the full pipeline recorded them removing
text (elsewhere taking them out changes nothing, up to elements removed with no
text); stages only where they acted in the full run (merged, repaired, restored
something; the fallback: where a second trafilatura run was made); precision mode
and the DOM stage as a whole on every page. The full pipeline's outputs are the
reference, measured in the same run.
"""
from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sets import DEV_SETS, SHARED, Page, default_jobs, load, run_pages, score
from bench.switch_trace import ACTED, FALLBACK, TRACE_ERROR, trace
from bench.switches import Switch, options, patch_for, rule_switches, stages


def _traced_extractor(switch_name: str | None):
    """Build (in the worker) the pipeline with one switch off; it returns
    (text, rules that removed text, stage switches that acted)."""
    acted: set = set()
    if switch_name:
        sw = next((s for s in rule_switches() if s.name == switch_name), Switch(switch_name))
        patch_for(sw)()
    else:
        trace(acted)
    from archiver.extraction import extract

    def run(page: Page):
        acted.clear()
        result = extract(page.html, page.url)
        return result.text, sorted({r.rule for r in result.removed}), sorted(acted), result.error
    return run


def errors_of(outs: dict) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``(errors, broken)`` of a run's outputs (``run_config``'s): ``errors`` maps a page key to
    ``extract``'s ``result.error`` (a page the pipeline gave up on, scored as empty text, as
    ``bench.extract_quality`` scores it), ``broken`` a switch to the pages where its ACTED predicate
    raised (``switch_trace.TRACE_ERROR``: the trace, not the page, is at fault)."""
    errors = {k: o[3] for k, o in outs.items() if o is not None and o[3]}
    broken: dict[str, list[str]] = {}
    for k, o in outs.items():
        for s in (o[2] if o is not None else ()):
            if s.startswith(TRACE_ERROR):
                broken.setdefault(s[len(TRACE_ERROR):], []).append(k)
    return errors, broken


def run_config(switch: str | None, pages: list[Page], jobs: int) -> dict:
    outs, _ = run_pages(partial(_traced_extractor, switch), pages, jobs, isolate=True)
    return outs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--only", action="append", help="switch name prefix to run (repeatable)")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set")
    parser.add_argument("--min-pages", type=int, default=1, help="skip rules that fired on fewer pages")
    parser.add_argument("--with-test", action="store_true",
                        help="score WCXB's test split as well (its pages are not a dev set: read its column last)")
    args = parser.parse_args(argv)
    names = (*DEV_SETS, "wcxb-test") if args.with_test else DEV_SETS
    try:
        sets = {name: load(name, args.shared, args.limit) for name in names}
    except FileNotFoundError as exc:
        print(f"{exc} not found; nothing to measure", file=sys.stderr)
        return 0
    everything = [p for pages in sets.values() for p in pages]
    start = time.perf_counter()
    base = run_config(None, everything, args.jobs)
    print(f"full pipeline on {len(everything)} pages: {time.perf_counter() - start:.0f} s")
    errors, broken = errors_of(base)
    crashed = [k for k, o in base.items() if o is None]
    print(f"pages the pipeline gave up on (result.error, scored empty as in extract_quality): {len(errors)}; "
          f"crashes: {len(crashed)}")
    for key, error in sorted(errors.items())[:10]:
        print(f"  {key}: {error}")
    if broken:
        for switch, keys in sorted(broken.items()):
            print(f"trace broken: the ACTED predicate of {switch} raised on {len(keys)} pages (first: {keys[0]})",
                  file=sys.stderr)
        return 2
    base_scores = {name: score(name, pages, {p.key: base[p.key][0] for p in pages}) for name, pages in sets.items()}

    switches = [*(Switch(n) for n in stages()), *(Switch(n) for n in options()), *rule_switches()]
    if args.only:
        switches = [s for s in switches if any(s.name.startswith(o) for o in args.only)]
    else:  # keep rules leave no trace of where they acted: every page would be rerun
        switches = [s for s in switches if s.kind != "keep"]
    cols = ["aeb", "eval", "wcxb-dev", "wcxb-dev/aeb"] + (["wcxb-test", "wcxb-test/aeb"] if args.with_test else [])
    print("\nChange of each figure when the switch is taken out (negative: the switch helps).")
    print(f"| switch | pages rerun | {' | '.join(cols)} | verdict |")
    print("|---|---:|" + "---:|" * len(cols) + "---|")
    print(f"| (full pipeline) | {len(everything)} | " + " | ".join(
        f"{base_scores[c.split('/')[0]]['aeb_f1' if c.endswith('/aeb') else 'f1']:.4f}" for c in cols) + " | |")
    for sw in switches:
        if sw.kind in ("dom", "para", "keep"):
            pages = [p for p in everything if sw.rule in base[p.key][1]]
            if sw.kind == "keep":  # a keep rule acts where it protects a paragraph: no trace, rerun all
                pages = everything
            if len(pages) < args.min_pages:
                continue
        elif sw.name in ACTED or sw.name in FALLBACK:
            pages = [p for p in everything if sw.name in base[p.key][2]]
        else:
            pages = everything
        if not pages:
            print(f"| {sw.name} | 0 | " + " | ".join("+0.0000" for _ in cols) + " | no effect |", flush=True)
            continue
        outs = run_config(sw.name, pages, args.jobs)
        deltas = []
        rescored: dict[str, dict[str, float]] = {}
        for c in cols:
            name = c.split("/")[0]
            key = "aeb_f1" if c.endswith("/aeb") else "f1"
            if name not in rescored:  # a set whose texts did not move scores as the base (scoring is the slow part)
                moved = [p for p in sets[name] if p.key in outs and outs[p.key][0] != base[p.key][0]]
                merged = {p.key: (outs[p.key] if p.key in outs else base[p.key])[0] for p in sets[name]}
                rescored[name] = score(name, sets[name], merged) if moved else base_scores[name]
            deltas.append(rescored[name][key] - base_scores[name][key])
        verdict = "costs on some set" if any(d > 0.0002 for d in deltas) else (
            "helps" if any(d < -0.0002 for d in deltas) else "no effect")
        print(f"| {sw.name} | {len(pages)} | " + " | ".join(f"{d:+.4f}" for d in deltas) + f" | {verdict} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

