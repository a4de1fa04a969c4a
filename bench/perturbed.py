"""The dev sets' pages in other templates: archiver beside bare trafilatura when the page's
template signals are taken away.

    python -m bench.perturbed                          # every set, every rewrite
    python -m bench.perturbed --set aeb --rewrite no-names --jobs 2

Hidden sets score archiver on pages in templates nobody here saw: older sites (no HTML5
sectioning tags), archive snapshots (classes and ids stripped), other renditions of the same
article. A gain that comes from rules keyed to class words or semantic tags would vanish
there. This script rewrites every page of a dev set one way and scores archiver and bare
trafilatura (2.3.1, comments excluded, with the URL) on the rewritten pages with the set's
own metric (``bench.sets.score``). Rewrites (``REWRITES``):

* ``none``: the page as it is (the reference row);
* ``no-names``: every ``class`` and ``id`` attribute removed (an archive.today snapshot keeps
  neither);
* ``html4``: ``article main section header footer nav aside figure figcaption`` become
  ``<div>``, ``<time>`` a ``<span>`` (a pre-2010 template writes none of them);
* ``both``: the two together.

Pages are decoded as archiver decodes them, rewritten with lxml and given to both extractors
as text. Skips (exit 0) when ``../shared`` is absent. Nothing lands in the repository.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.sets import SET_NAMES, SHARED, Page, default_jobs, load, run_pages, score

HTML5_TAGS = {"article": "div", "main": "div", "section": "div", "header": "div", "footer": "div", "nav": "div",
              "aside": "div", "figure": "div", "figcaption": "div", "time": "span"}


def _names(root) -> None:
    for el in root.iter():
        if isinstance(el.tag, str):
            el.attrib.pop("class", None)
            el.attrib.pop("id", None)


def _html4(root) -> None:
    for el in root.iter(*HTML5_TAGS):
        el.tag = HTML5_TAGS[el.tag]


REWRITES: dict[str, tuple[Callable, ...]] = {
    "none": (), "no-names": (_names,), "html4": (_html4,), "both": (_names, _html4),
}


def rewrite(html: bytes | str, name: str) -> str:
    """``html`` decoded (as archiver decodes a page) and rewritten by ``REWRITES[name]``; the
    page as text. Raises KeyError for an unknown rewrite name."""
    import lxml.html

    from archiver.extraction.decode import decode_html

    steps = REWRITES[name]
    text = decode_html(html).text if isinstance(html, bytes) else html
    if not steps:
        return text
    try:
        root = lxml.html.document_fromstring(text)
    except Exception:  # an empty or unparsable page is given as it is
        return text
    for step in steps:
        step(root)
    return lxml.html.tostring(root, encoding="unicode")


def _archiver():
    from archiver.extraction import extract
    return lambda page: extract(page.html, page.url).text


def _bare():
    import trafilatura
    return lambda page: trafilatura.extract(page.html, url=page.url, include_comments=False)


def rewritten(pages: list[Page], name: str) -> list[Page]:
    """The pages with their HTML rewritten (as text encoded UTF-8, so both read the same)."""
    return [replace(p, html=rewrite(p.html, name).encode("utf-8")) for p in pages]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", choices=SET_NAMES, help="a set (repeatable); default all")
    parser.add_argument("--rewrite", action="append", choices=sorted(REWRITES), help="a rewrite (repeatable)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks").is_dir():
        print(f"skipped: benchmarks not found at {args.shared / 'benchmarks'}")
        return 0
    import trafilatura
    print(f"trafilatura {trafilatura.__version__}; each set's metric on rewritten pages (gain = archiver - bare)")
    print("\n| set | rewrite | pages | bare | archiver | gain |\n|---|---|---:|---:|---:|---:|")
    for name in args.set or list(SET_NAMES):
        pages = load(name, args.shared, args.limit)
        for how in args.rewrite or list(REWRITES):
            these = rewritten(pages, how)
            base, _ = run_pages(_bare, these, args.jobs)
            mine, _ = run_pages(partial(_archiver), these, args.jobs)
            b, a = score(name, these, base)["f1"], score(name, these, mine)["f1"]
            print(f"| {name} | {how} | {len(these)} | {b:.4f} | {a:.4f} | {a - b:+.4f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
