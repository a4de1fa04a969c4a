"""Fit a learned per-block decision for the gap blocks ``gaps`` refused, and validate it across sets.

Every page of the dev sets (AEB, trafilatura-eval, WCXB dev) and of WCXB test is
run through the pipeline recording each gap candidate (``bench/gap_candidates.py``:
the blocks of the gaps ``gaps.restore_gaps`` left, with their feature vector).
Each candidate is labelled by the page's truth: AEB and WCXB by the share of its
word 3-shingles (2-shingles for a two-word block) found in the expected text (1 at
>= .8, 0 at <= .2, left out between); trafilatura-eval by its snippets (a block
holding a "with" snippet, or held by one: 1; a "without" one: 0).

A logistic regression (Newton's method with an L2 penalty, each set weighing the
same, plain Python) is fitted on two of the three dev sets and scored on the third
(cross-set validation): the block decision's precision and recall against the labels
at the threshold, and the held-out set's extraction figure with that model deciding
(the pages with candidates rerun, the rest as without it). WCXB test is scored with
the model fitted on all three dev sets; ``--out`` writes that model's weights.

    python -m bench.gap_training --jobs 2 --cache /tmp/gap-cands.pkl       # the cross-set table (~4 min)
    python -m bench.gap_training --jobs 2 --threshold 0                     # threshold chosen on the fitting sets
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import pickle
import re
import sys
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gap_candidates import grams
from bench.sets import DEV_SETS, SHARED, Page, default_jobs, load, run_pages, score

_WORD = re.compile(r"\w+")
L2 = 1.0
THRESHOLD = 0.9  # precision first: a block put back wrongly reads as an edit on a watched page
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
Sample = tuple[list[float], int, int]  # features, label, words


# -- collecting and labelling ------------------------------------------------------

def _recording_extractor(weights: tuple[float, ...] | None = None, threshold: float = 1.0):
    """The pipeline with the gap candidates recorded (and, given ``weights``, the blocks the
    model takes put back): returns ``(text, candidates)`` per page."""
    from archiver.extraction import extract
    from bench.gap_candidates import GapModel, install
    record: list = []
    install(record, GapModel(weights, threshold) if weights is not None else None)

    def run(page: Page):
        record.clear()
        result = extract(page.html, page.url)
        return result.text, list(record)
    return run


def _norm(text: str) -> str:
    return " ".join(text.split())


def labeller(page: Page):
    """A function block text -> 1 (article text), 0 (not) or None (undecided) for ``page``."""
    if page.truth is None:
        withs = [_norm(s) for s in page.with_ or [] if _norm(s)]
        withouts = [_norm(s) for s in page.without or [] if _norm(s)]

        def by_snippets(text: str) -> int | None:
            if any(s in text or text in s for s in withs):
                return 1
            if any(s in text or text in s for s in withouts):
                return 0
            return None
        return by_snippets
    words = _WORD.findall(page.truth.lower())
    truth = {2: grams(words, 2), 3: grams(words, 3)}

    def by_shingles(text: str) -> int | None:
        mine = _WORD.findall(text.lower())
        n = min(3, len(mine))
        if n < 2:
            return None
        have = grams(mine, n)
        share = len(have & truth[n]) / len(have)
        return 1 if share >= 0.8 else 0 if share <= 0.2 else None
    return by_shingles


def samples(pages: list[Page], outs: dict) -> list[Sample]:
    out: list[Sample] = []
    for page in pages:
        found = outs.get(page.key)
        if not found:
            continue
        label = labeller(page)
        for _tag, text, vector in found[1]:
            y = label(text)
            if y is not None:
                out.append((vector, y, len(text.split())))
    return out


# -- fitting -------------------------------------------------------------------------

def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b (Gaussian elimination, partial pivoting; a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def _p(w: list[float], x: list[float]) -> float:
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def fit(by_set: list[list[Sample]], l2: float = L2, rounds: int = 25) -> list[float]:
    """Logistic regression weights by Newton's method, L2 penalty ``l2`` on all but the bias;
    each set of ``by_set`` weighs the same in total (WCXB's many list items do not drown AEB)."""
    total = sum(len(d) for d in by_set)
    data = [(x, y, total / (len(by_set) * len(d))) for d in by_set for x, y, _ in d]
    n = len(data[0][0])
    w = [0.0] * n
    for _ in range(rounds):
        grad = [l2 * w[i] if i else 0.0 for i in range(n)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(n)] for i in range(n)]
        for x, y, weight in data:
            p = _p(w, x)
            d, s = (p - y) * weight, p * (1 - p) * weight
            for i in range(n):
                if x[i]:
                    grad[i] += d * x[i]
                    si = s * x[i]
                    row = hess[i]
                    for j in range(n):
                        if x[j]:
                            row[j] += si * x[j]
        for i in range(n):
            hess[i][i] += 1e-9
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def choose_threshold(w: list[float], by_set: list[list[Sample]]) -> float:
    """The threshold of :data:`THRESHOLDS` whose worst set of ``by_set`` gains most: per set, the
    words of article blocks taken less those of the others taken, as a share of the set's
    candidate words (1.0, nothing taken, when every threshold costs some set)."""
    def net(t: float, data: list[Sample]) -> float:
        return sum(words if y else -words for x, y, words in data if _p(w, x) >= t) / max(
            1, sum(words for *_, words in data))
    best = max(THRESHOLDS, key=lambda t: (min(net(t, d) for d in by_set), t))
    return best if min(net(best, d) for d in by_set) > 0 else 1.0


def block_scores(w: list[float], t: float, data: list[Sample]) -> tuple[float, float, int]:
    """Precision and recall of "take" against the labels, and the number of blocks taken."""
    taken = [y for x, y, _ in data if _p(w, x) >= t]
    positives = sum(y for _, y, _ in data)
    tp = sum(taken)
    return (tp / len(taken) if taken else 1.0), (tp / positives if positives else 1.0), len(taken)


# -- main ----------------------------------------------------------------------------

def _figures(name: str, pages: list[Page], outs: dict[str, str | None]) -> tuple[float, ...]:
    """The set's headline figure (and for WCXB the AEB metric's F1 too)."""
    s = score(name, pages, outs)
    return (s["f1"], s["aeb_f1"]) if "aeb_f1" in s else (s["f1"],)


def _show(figures: tuple[float, ...], against: tuple[float, ...] | None = None) -> str:
    text = " / ".join(f"{f:.4f}" for f in figures)
    if against is not None:
        text += " (" + " / ".join(f"{a - b:+.5f}" for a, b in zip(figures, against, strict=True)) + ")"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set")
    parser.add_argument("--cache", type=Path, help="keep the recorded candidates in this file (pickle) and reuse them")
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help="take a block at this probability or above (0: choose it on the fitting sets)")
    parser.add_argument("--out", type=Path, help="write the model fitted on all dev sets here (JSON)")
    args = parser.parse_args(argv)
    names = (*DEV_SETS, "wcxb-test")
    try:
        sets = {name: load(name, args.shared, args.limit) for name in names}
    except FileNotFoundError as exc:
        print(f"{exc} not found; nothing to fit", file=sys.stderr)
        return 0
    from bench.gap_candidates import FEATURES
    everything = [p for pages in sets.values() for p in pages]
    if args.cache and args.cache.exists():
        outs = pickle.loads(args.cache.read_bytes())
    else:
        outs, _ = run_pages(_recording_extractor, everything, args.jobs, isolate=True)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(outs))
    data = {name: samples(pages, outs) for name, pages in sets.items()}
    base_text = {k: (v[0] if v else None) for k, v in outs.items()}
    for name in names:
        pos = sum(y for _, y, _ in data[name])
        print(f"{name}: {len(data[name])} labelled candidates, {pos} article text")

    def rerun(w: list[float], t: float, name: str) -> tuple[float, ...]:
        if t >= 1:  # takes nothing
            return _figures(name, sets[name], {p.key: base_text.get(p.key) for p in sets[name]})
        pages = [p for p in sets[name] if outs.get(p.key) and outs[p.key][1]]
        mine, _ = run_pages(partial(_recording_extractor, tuple(w), t), pages, args.jobs, isolate=True)
        merged = {**{p.key: base_text.get(p.key) for p in sets[name]},
                  **{k: (v[0] if v else None) for k, v in mine.items()}}
        return _figures(name, sets[name], merged)

    print("\n| fitted on | scored on | threshold | blocks taken | block P | block R | set figure without"
          " | with the model |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    folds = [(tuple(n for n in DEV_SETS if n != held), held) for held in DEV_SETS]
    folds.append((DEV_SETS, "wcxb-test"))
    final: tuple[list[float], float] | None = None
    for fitted_on, held in folds:
        train = [data[n] for n in fitted_on]
        w = fit(train)
        t = args.threshold or choose_threshold(w, train)
        if held == "wcxb-test":
            final = (w, t)
        p, r, k = block_scores(w, t, data[held])
        without = _figures(held, sets[held], {p_.key: base_text.get(p_.key) for p_ in sets[held]})
        print(f"| {' + '.join(fitted_on)} | {held} | {t:.2f} | {k} | {p:.3f} | {r:.3f} | {_show(without)} | "
              f"{_show(rerun(w, t, held), without)} |", flush=True)
    assert final is not None
    w, t = final
    print("\nweights (fitted on all dev sets):")
    for name, value in zip(FEATURES, w, strict=True):
        print(f"  {name:16} {value:+.3f}")
    if args.out:
        args.out.write_text(json.dumps({
            "about": "learned gap decision (bench/gap_candidates.py); fitted by bench/gap_training.py",
            "fit": f"logistic regression, Newton's method, L2 penalty {L2} (not on the bias); threshold: "
                   f"the one of {list(THRESHOLDS)} with the most words gained net on the fitting sets",
            "trained_on": list(DEV_SETS), "date": datetime.date.today().isoformat(),
            "samples": sum(len(data[n]) for n in DEV_SETS),
            "features": list(FEATURES), "weights": [round(v, 5) for v in w], "threshold": t,
        }, indent=1) + "\n", encoding="utf-8")
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
