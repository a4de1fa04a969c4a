"""The extraction benchmark sets: loading their pages and scoring outputs with each set's metric.

Shared by ``extract_quality.py`` (archiver beside bare trafilatura) and
``ablation.py`` (what each rule and stage is worth). Pages are read from
``../shared/benchmarks`` at run time and never copied into the repository.

Sets (names as the scripts take them):

* ``aeb``: 181 pages, AEB's 4-shingle metric (F1 / P / R / accuracy);
* ``eval``: trafilatura-eval, 990 pages, its snippet rule (F / P / R);
* ``wcxb-dev`` and ``wcxb-test``: WCXB's pages typed *article* (709 dev, 256
  held-out test), scored with WCXB's word-F1 and with the AEB metric.
"""
from __future__ import annotations

import gzip
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.metrics import SnippetCounts, aeb_score, mean_word_f1, snippet_counts


def _find_shared() -> Path:
    """``../shared`` beside the checkout, or beside a folder above it (a git worktree in a subfolder)."""
    root = Path(__file__).resolve().parents[1]
    for up in root.parents:
        if (up / "shared" / "benchmarks").is_dir():
            return up / "shared"
    return root.parent / "shared"


SHARED = _find_shared()
SET_NAMES = ("aeb", "eval", "wcxb-dev", "wcxb-test")
DEV_SETS = ("aeb", "eval", "wcxb-dev")


@dataclass
class Page:
    key: str
    url: str | None
    html: bytes
    truth: str | None = None  # AEB / WCXB articleBody
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
        html = gzip.decompress((root / "html" / f"{item['file']}.gz").read_bytes())
        yield Page(item["file"], url, html, with_=item["with"], without=item["without"])


def wcxb_pages(root: Path, split: str) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        item = truth[key]
        if item.get("split") != split:
            continue
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, item.get("url"), html, truth=item.get("articleBody", ""))


_FOLDERS = {"aeb": "aeb", "eval": "trafilatura-eval", "wcxb-dev": "wcxb-article", "wcxb-test": "wcxb-article"}


def speed_pages(bench: Path, which: str = "both", limit: int = 0) -> list[Page]:
    """The pages the speed scripts time: AEB and/or trafilatura-eval (``which``: "aeb", "eval" or
    "both") under the ``benchmarks`` folder ``bench``, the first ``limit`` of each set (0: all);
    a set that is absent gives none."""
    pages: list[Page] = []
    for name in (["aeb", "eval"] if which == "both" else [which]):
        root = bench / ("aeb" if name == "aeb" else "trafilatura-eval")
        if root.is_dir():
            found = list(aeb_pages(root) if name == "aeb" else eval_pages(root))
            pages += found[:limit] if limit else found
    return pages


def set_root(name: str, shared: Path = SHARED) -> Path:
    return shared / "benchmarks" / _FOLDERS[name]


def load(name: str, shared: Path = SHARED, limit: int = 0) -> list[Page]:
    """All pages of one set (the first ``limit`` when given); FileNotFoundError when it is absent."""
    root = set_root(name, shared)
    if not root.is_dir():
        raise FileNotFoundError(root)
    if name == "aeb":
        pages = list(aeb_pages(root))
    elif name == "eval":
        pages = list(eval_pages(root))
    else:
        pages = list(wcxb_pages(root, name.split("-", 1)[1]))
    return pages[:limit] if limit else pages


# -- scoring -------------------------------------------------------------------

def score_snippets(pages: Sequence[Page], outputs: dict[str, str | None]) -> SnippetCounts:
    total = SnippetCounts()
    for p in pages:
        total += snippet_counts(outputs.get(p.key), p.with_ or [], p.without or [])
    return total


def score(name: str, pages: Sequence[Page], outputs: dict[str, str | None]) -> dict[str, float]:
    """The set's figures: ``f1`` is its headline figure (the one its goal is stated in).

    aeb: f1, p, r, acc; eval: f1 (the snippet F), p, r; wcxb-*: f1 (word-F1), and
    aeb_f1, aeb_p, aeb_r (the AEB metric on the same pages).
    """
    if name == "eval":
        s = score_snippets(pages, outputs)
        return {"f1": s.f, "p": s.precision, "r": s.recall}
    a = aeb_score((p.truth, outputs.get(p.key)) for p in pages)
    if name == "aeb":
        return {"f1": a.f1, "p": a.precision, "r": a.recall, "acc": a.accuracy}
    return {"f1": mean_word_f1((p.truth, outputs.get(p.key)) for p in pages),
            "aeb_f1": a.f1, "aeb_p": a.precision, "aeb_r": a.recall}


# -- running an extractor over pages -------------------------------------------

Extractor = Callable[[Page], "str | None"]

_WORKER: dict = {}


def _init(factory: Callable[[], Extractor]) -> None:
    _WORKER["run"] = factory()


def _one(page: Page) -> tuple[str, str | None, bool]:
    try:
        return page.key, _WORKER["run"](page), False
    except Exception:  # a crash scores as empty output, as the READMEs say
        return page.key, None, True


def run_pages(factory: Callable[[], Extractor], pages: Sequence[Page], jobs: int = 1, isolate: bool = False
              ) -> tuple[dict[str, str | None], int]:
    """Outputs by page key and the number of crashes; ``jobs`` > 1 forks worker processes.

    ``factory`` builds the extractor once per process (module-level, so it pickles).
    ``isolate`` runs even one job in a forked process, so what ``factory`` patches
    does not stay in this one.
    """
    if not isolate and (jobs <= 1 or len(pages) < 20):
        _init(factory)
        results = [_one(p) for p in pages]
    else:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(max(1, jobs), initializer=_init, initargs=(factory,)) as pool:
            results = pool.map(_one, pages, chunksize=8)
    return {k: out for k, out, _ in results}, sum(crash for _, _, crash in results)


def default_jobs() -> int:
    return int(os.environ.get("BENCH_JOBS", "1"))
