"""Pages built to be slow, archiver's extraction beside bare trafilatura's in one run.

Each case is a generated page whose size defeats a quadratic step: one element of tens of
thousands of attributes (lxml's ``items()`` looks each value up from the start), a body of
``<br>`` lines (libxml2 merges an XPath union's node sets pairwise), the same line repeated,
deep nesting, one huge paragraph, a page of links, a table of many cells. Prints CPU seconds
for ``archiver.extraction.extract`` and for ``trafilatura.extract(html, url=...,
include_comments=False)``, and their ratio; no goal is asserted (the tests check the text).

    python -m bench.pathological [--scale 1.0] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

SENTENCE = "The council said the bridge would reopen in spring after repairs to the arches. "
PARA = "<p>" + SENTENCE * 4 + "</p>"


def _wrap(body: str) -> str:
    return f"<html><head><title>Case</title></head><body><article>{body}</article></body></html>"


def _attributes(n: int) -> str:
    attrs = " ".join(f"a{i}='v'" for i in range(n))
    return f"<html><body><article {attrs}>{PARA * 5}</article></body></html>"


CASES: dict[str, tuple[int, Callable[[int], str]]] = {
    "attributes on one element": (50_000, _attributes),
    "distinct <br> lines": (100_000, lambda n: _wrap("".join(f"Line {i} of the text here.<br>" for i in range(n)))),
    "one repeated <br> line": (200_000, lambda n: _wrap("Line of text here.<br>" * n)),
    "nested <div>s": (5_000, lambda n: _wrap("<div>" * n + PARA + "</div>" * n)),
    "one huge paragraph": (100_000, lambda n: _wrap("<p>" + SENTENCE * n + "</p>")),
    "links in a list": (50_000, lambda n: _wrap(PARA * 5 + "<ul>" + "".join(
        f"<li><a href='/a/{i}'>Story {i}</a></li>" for i in range(n)) + "</ul>")),
    "table cells": (50_000, lambda n: _wrap(PARA * 5 + "<table>" + "".join(
        f"<tr><td>{i}</td><td>cell {i}</td></tr>" for i in range(n // 2)) + "</table>")),
    "paragraphs": (50_000, lambda n: _wrap("".join(f"<p>Paragraph {i}. {SENTENCE}</p>" for i in range(n)))),
}


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every case's size (default 1.0)")
    parser.add_argument("--only", nargs="*", default=None, help="case names (substrings) to run")
    args = parser.parse_args(argv)
    import trafilatura

    from archiver.extraction import extract

    url = "https://example.org/news/case"
    extract(_wrap(PARA), url)  # rules loaded, patterns compiled: not a case's cost
    trafilatura.extract(_wrap(PARA), url=url, include_comments=False)
    print("| case | size | archiver CPU s | bare trafilatura CPU s | ratio |")
    print("|---|---|---|---|---|")
    for name, (size, make) in CASES.items():
        if args.only and not any(o in name for o in args.only):
            continue
        n = max(1, int(size * args.scale))
        html = make(n)
        ours = _cpu(partial(extract, html, url))
        bare = _cpu(partial(trafilatura.extract, html, url=url, include_comments=False))
        print(f"| {name} | {n:,} | {ours:.2f} | {bare:.2f} | {ours / bare if bare else float('inf'):.2f}x |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
