"""Title accuracy on WCXB's article pages: archiver's title line and metadata title beside trafilatura's.

WCXB (``../shared/benchmarks/wcxb-article``) gives each page's title with its body; it is the only dev
set that does (AEB and trafilatura-eval give the body alone). A title counts as right when it equals
WCXB's after Unicode NFKC, case folding, curly quotes read as straight ones and whitespace collapsed,
a closing full stop aside. Printed per split (dev, test):

* archiver's title line: the clean text's first line (``Extraction.headline`` when the page shows a
  headline other than the declared title, else ``Extraction.title``);
* archiver's metadata title (``Extraction.title``);
* bare trafilatura 2.3.1's metadata title (``bare_extraction(..., with_metadata=True).title``).

    python -m bench.title_quality [--jobs 2] [--show 20]   # --show: that many misses of the title line

WCXB's titles follow no one convention (the shown ``<h1>`` on most pages, the declared ``<title>`` on
others), so the figure is a guide to how often the title line reads as the page's headline, not a score
to fit.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import unicodedata

from bench.sets import SHARED, Page, load

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def same_title(got: str | None, want: str | None) -> bool:
    """True when the two titles are equal after NFKC, case folding, straight quotes, collapsed space, and
    a closing full stop aside; False when either is missing."""
    if not got or not want:
        return False
    return _norm(got) == _norm(want)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split()).rstrip(" .")


def _titles(page: Page) -> tuple[str, str | None, str | None, str | None]:
    import trafilatura

    from archiver.extraction import extract
    line: str | None
    meta: str | None
    try:
        ours = extract(page.html, page.url, account=False)
        line, meta = ours.headline or ours.title, ours.title
    except Exception:  # a crash counts as no title
        line = meta = None
    try:
        doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
        bare = doc.get("title") if isinstance(doc, dict) else getattr(doc, "title", None)
    except Exception:
        bare = None
    return page.key, line, meta, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=0, help="print that many pages whose title line is not WCXB's")
    args = parser.parse_args(argv)
    truth_file = SHARED / "benchmarks" / "wcxb-article" / "ground-truth.json"
    if not truth_file.exists():
        print(f"skipped: {truth_file} not found (../shared is not beside the project)")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    print("| split | pages | archiver title line | archiver metadata title | trafilatura 2.3.1 title |")
    print("|---|---:|---:|---:|---:|")
    misses: list[tuple[str, str | None, str]] = []
    for split in ("dev", "test"):
        pages = load(f"wcxb-{split}")
        with multiprocessing.Pool(max(1, args.jobs)) as pool:
            got = {key: rest for key, *rest in pool.imap_unordered(_titles, pages, chunksize=8)}
        counts = [0, 0, 0]
        for page in pages:
            want = truth[page.key].get("title")
            for i, title in enumerate(got[page.key]):
                counts[i] += same_title(title, want)
            if not same_title(got[page.key][0], want):
                misses.append((page.key, got[page.key][0], want))
        n = len(pages)
        print(f"| {split} | {n} | " + " | ".join(f"{c / n:.4f} ({c})" for c in counts) + " |")
    for key, line, want in misses[:args.show]:
        print(f"{key}: {line!r}\n      WCXB: {want!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
