"""Page account coverage: do the article and the removed blocks account for every word of the page?

For every page of the three benchmark sets in ``../shared/benchmarks`` (AEB,
trafilatura-eval, WCXB articles), archiver's ``extract()`` runs and the page's
words are counted independently of the pipeline's own inventory:

* page words: every text node of the ``<body>`` (hidden text, ``<noscript>``
  and form controls included; not ``<script>``, ``<style>``, ``<template>``
  or ``<svg>``), plus image ``alt`` (``img``, ``area``, ``input type=image``),
  every ``aria-label`` and the ``title`` of ``iframe``/``frame``/``embed``/
  ``object``; each text node and attribute split into words on its own;
* words: ``\\w+`` runs of the NFC, case-folded text, each Chinese or Japanese character a word of its own
  (as ``archiver.extraction.account.words``);
* uncovered: page words (as a multiset) in neither the clean text (title and
  paragraphs) nor the removed blocks; the share is over the page's words.

Printed per set: mean and worst uncovered share, pages over 1% (the goal is
at most 1% on every page), and the mean size of the sidecar's ``removed``
list (JSON as written into the sidecar, UTF-8 bytes) with its share of the
page words by stage. Run it on another checkout (``PYTHONPATH=...``) to get
that checkout's figures: it only uses ``extract()`` and ``Removed.as_dict()``.

    python -m bench.page_account                 # all three sets, 2,136 pages
    python -m bench.page_account --set aeb --worst 5
"""
from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("aeb", "trafilatura-eval", "wcxb-article")

_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::template or ancestor::svg)]",
                    smart_strings=False)
_OUTSIDE = "not(ancestor::script or ancestor::style or ancestor::template or ancestor::svg)"
_ATTRS = etree.XPath(f"//body//img[{_OUTSIDE}]/@alt | //body//area[{_OUTSIDE}]/@alt"
                     f" | //body//input[@type='image'][{_OUTSIDE}]/@alt | //body//*[{_OUTSIDE}]/@aria-label"
                     f" | //body//iframe[{_OUTSIDE}]/@title | //body//frame[{_OUTSIDE}]/@title"
                     f" | //body//embed[{_OUTSIDE}]/@title | //body//object[{_OUTSIDE}]/@title", smart_strings=False)


@dataclass
class BenchPage:
    set: str
    key: str
    url: str | None
    html: bytes


def pages(shared: Path, name: str, limit: int = 0, start: int = 0) -> Iterator[BenchPage]:
    """The pages of one benchmark set, sorted by key, from the ``start``-th (``limit`` of them, if given)."""
    root = shared / "benchmarks" / name
    if name == "trafilatura-eval":
        data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
        items = sorted((item["file"], url, root / "html" / f"{item['file']}.gz") for url, item in data.items())
    else:
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        items = sorted((key, truth[key].get("url"), root / "html" / f"{key}.html.gz") for key in truth)
    for key, url, path in items[start:start + limit if limit else None]:
        yield BenchPage(name, key, url, gzip.decompress(path.read_bytes()))


_WORD = re.compile(r"\w+")
# each Chinese or Japanese character a word by itself, as archiver.cjk.WORD reads them (restated: Han, kana, the
# iteration marks, compatibility ideographs, half-width kana, the supplementary ideograph planes)
_CJK = "\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
_CJK_WORD = re.compile(f"[{_CJK}]|[^\\W{_CJK}]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def words(text: str) -> list[str]:
    """Words as the account counts them (``archiver.extraction.account.words``, restated here so the
    check also runs against a checkout without the account): ``\\w+`` runs of the NFC, case-folded
    text, soft hyphens and zero-width characters dropped, HTML entities left in the text decoded; each Chinese or
    Japanese character a word (since 2026-12-06, as the account, the diff and the watch count them)."""
    if "&" in text:
        text = html_lib.unescape(text)
    if text.isascii():
        return _WORD.findall(text.casefold())
    return _CJK_WORD.findall(unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).casefold())


def page_words(html: bytes | str) -> Counter:
    """The page's words (see the module docstring), counted; empty for a page that does not parse."""
    return _page(html)[0]


def _page(html: bytes | str) -> tuple[Counter, list[tuple[str, ...]]]:
    """The page's words, and the words running across adjacent text nodes (``<span>T</span>he``,
    ``<span>1</span><span>Fans</span>``) as their parts."""
    from archiver.extraction.decode import decode_html
    from archiver.extraction.dom import ParseError
    from archiver.extraction.mojibake import repair
    from archiver.extraction.scripts import parse_page

    # the text as extraction reads it: decoded, and text encoded twice decoded once more (mojibake.py)
    text = repair(decode_html(html).text if isinstance(html, (bytes, bytearray)) else html)
    try:
        root = parse_page(text)  # a <script/> read open, as extraction reads it (scripts.py)
    except ParseError:
        return Counter(), []
    counts: Counter = Counter()
    joints: list[tuple[str, ...]] = []
    chain: list[str] = []  # the parts of a word running across text nodes
    glued = False  # the previous text node ended inside a word

    for node in _TEXT(root):
        found = words(node)
        counts.update(found)
        if not found:
            glued = False
            continue
        if glued and node[:1].isalnum() and chain:
            chain.append(found[0])
            if len(found) > 1:
                joints.append(tuple(chain))
                chain = [found[-1]]
        else:
            if len(chain) > 1:
                joints.append(tuple(chain))
            chain = [found[-1]]
        glued = node[-1:].isalnum()
    if len(chain) > 1:
        joints.append(tuple(chain))
    for value in _ATTRS(root):
        counts.update(words(value))
    return counts, joints


@dataclass
class PageCoverage:
    key: str
    page_words: int
    uncovered: int
    removed_bytes: int
    by_stage: Counter = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.uncovered / self.page_words if self.page_words else 0.0


def removed_bytes(removed) -> int:
    """UTF-8 bytes of the removed list as the sidecar writes it (indented JSON, non-ASCII kept)."""
    from archiver.output import dumps_json

    return len(dumps_json({"removed": [r.as_dict() for r in removed]}).encode("utf-8")) - len('{\n  "removed": \n}\n')


def coverage(page: BenchPage, extraction=None) -> PageCoverage:
    """Uncovered page words of one page (``extraction`` is run when not given)."""
    from archiver.extraction import extract

    ext = extraction if extraction is not None else extract(page.html, page.url)
    have: Counter = Counter(words(ext.title or ""))
    if ext.headline:  # the clean text's first line, the <h1> as shown, when the declared title differs
        have.update(words(ext.headline))
    for para in ext.paragraphs:
        have.update(words(para))
    by_stage: Counter = Counter()
    for block in ext.removed:
        found = words(block.text)
        have.update(found)
        by_stage[block.stage] += len(found)
    page_counts, joints = _page(page.html)
    missing = page_counts - have
    for parts in joints:  # "t" + "he" on the page, "the" in the text: one word split by markup
        i = 0
        while i < len(parts) - 1:
            for j in range(len(parts), i + 1, -1):  # the longest run of parts found joined
                joined = "".join(parts[i:j])
                if have[joined]:  # the parts of this run that were missing are this joined word
                    for p in parts[i:j]:
                        if missing[p] > 0:
                            missing[p] -= 1
                    have[joined] -= 1
                    i = j
                    break
            else:
                i += 1
    missing = +missing
    return PageCoverage(page.key, sum(page_counts.values()), sum(missing.values()), removed_bytes(ext.removed),
                        by_stage, sorted(missing, key=lambda w: -missing[w])[:12])


def report(name: str, rows: list[PageCoverage], worst: int, seconds: float) -> None:
    if not rows:
        print(f"{name}: no pages")
        return
    shares = [r.share for r in rows]
    over = sum(1 for s in shares if s > 0.01)
    bad = max(rows, key=lambda r: r.share)
    total_words = sum(r.page_words for r in rows) or 1
    stages: Counter[str] = Counter()
    for r in rows:
        stages.update(r.by_stage)
    print(f"{name:17s} {len(rows):5d} {100 * statistics.mean(shares):9.3f} {100 * bad.share:9.3f}  {over:4d}"
          f"  {statistics.mean(r.removed_bytes for r in rows):10.0f}  {bad.key:>12s}  {seconds:6.1f}")
    print(" " * 19 + "removed words by stage, share of page words: " +
          ", ".join(f"{k} {100 * v / total_words:.1f}%" for k, v in stages.most_common()))
    for r in sorted(rows, key=lambda r: -r.share)[:worst]:
        print(f"   {r.key}: {100 * r.share:.2f}% of {r.page_words} words uncovered, e.g. {r.missing}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder holding benchmarks/")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the most uncovered words")
    args = parser.parse_args(argv)
    if not (args.shared / "benchmarks").is_dir():
        print(f"benchmarks not found at {args.shared / 'benchmarks'}; nothing to measure")
        return 0
    print("set               pages  mean unc%  worst unc%  >1%  removed B/page   worst page  time s")
    failed = False
    for name in (SETS if args.set == "all" else (args.set,)):
        start = time.perf_counter()
        rows = [coverage(p) for p in pages(args.shared, name, args.limit)]
        report(name, rows, args.worst, time.perf_counter() - start)
        failed |= any(r.share > 0.01 for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
