"""False alarms and missed edits when watching real article pages: archiver's judge beside two peers.

    PYTHONPATH=. python -m bench.watch_noise --limit 40 --jobs 1 [--show 20] [--json out.json]

Pages: the dev sets' article pages (AEB, trafilatura-eval, WCXB dev; ``bench/sets.py``, read from
``../shared/benchmarks``; a set that is absent is skipped, and with none the script says so and
exits 0), the first ``--limit`` of each. The article's paragraphs are found from each set's ground
truth (``bench/watch_kinds.py``); a page with fewer than 3 found is skipped.

For every page and every noise kind of ``watch_kinds.NOISE`` (ads, "updated N minutes ago",
counters, lists, comments, cache-busting attributes, A/B class names, cookie banner, ticker,
newsletter box, all at once) three captures are made (seeds 0, 1, 2: what differs between visits)
and the second and third are judged against the one before: a capture called an edit is a **false
alarm**. For every edit kind of ``watch_kinds.EDITS`` a capture with every noise kind (seed 0) is
followed by one with the edit and fresh noise (seed 1): an edit not called an edit is a **miss**.

Judges, all in this process:

- archiver: each capture written to a WARC (warcio), extracted by :func:`archiver.extraction.extract`
  as the extraction worker does, its clean text and sidecar written as staging does, and judged by
  :func:`archiver.watch.judge.judge` with the history diff (:func:`archiver.diff.compare_pair`,
  ``guard=True``) and the page words of :func:`archiver.watch.events.page_words`, as
  ``UrlJudge.judge_one`` calls them (site learning is not applied: one URL per host). An ``edit``
  verdict is an alarm; ``extraction-changed`` (sent as a warning) is counted apart;
- changedetection.io's default: the whole page's text by inscriptis (its ``html_to_text``),
  lines stripped and empty ones dropped (its "ignore whitespace"), compared with the last capture's;
- bare trafilatura: ``trafilatura.extract(html, url=...)``'s text compared for equality.
"""
from __future__ import annotations

import argparse
import copy
import itertools
import json
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench import watch_kinds as kinds
from bench.sets import DEV_SETS, load

CT = "text/html; charset=utf-8"
TOOLS = ("archiver", "changedetection", "trafilatura")
_SERIAL = itertools.count(1)


class Archiver:
    """One watched URL as ``archiver run --watch`` judges it; ``capture(body)`` gives the verdict's kind."""

    def __init__(self, folder: Path, url: str):
        from archiver.watch.judge import State

        self.folder, self.url = folder, url
        self.state = State()
        self.current: Any = None  # the Source of the current version's clean text

    def capture(self, body: bytes) -> str:
        from archiver.diff import compare_pair
        from archiver.diff.sources import source_from_clean
        from archiver.extraction import extract
        from archiver.output import render_text, text_digest
        from archiver.staging import sidecar_data, trafilatura_version
        from archiver.watch.events import page_words
        from archiver.watch.judge import judge

        n = next(_SERIAL)
        warc = self.folder / f"{n}.warc.gz"
        offset = _write_warc(warc, self.url, body)
        ext = extract(body, url=self.url, content_type=CT)
        if ext.error:
            return judge(self.state, None, None, lambda: None, lambda: "").kind
        content = render_text(ext.title_line, ext.text or "")
        digest = text_digest(content)
        path = self.folder / f"{n}.txt"
        path.write_text(content, encoding="utf-8")
        cap = {"url": self.url, "final_url": self.url, "captured_at": f"2026-12-01T00:00:{n % 60:02d}Z",
               "warc_file": warc.name, "warc_offset": offset, "payload_digest": None, "capture_id": n}
        side = sidecar_data(cap, ext, digest, path.name, None, trafilatura_version())
        path.with_suffix(".json").write_text(json.dumps(side), encoding="utf-8")
        new, old = source_from_clean(path), self.current
        known = bool(content.partition("\n")[2].strip()) or self.state.text is not None

        def diff_class() -> str:
            return compare_pair(new, old, new_text=content, old_text=self.state.text, warcs=[self.folder],
                                guard=True).cls

        verdict = judge(self.state, content if known else None, digest if known else None,
                        lambda: page_words(self.folder, warc.name, offset, CT), diff_class)
        if verdict.is_version:
            self.current = new
        return verdict.kind


def _write_warc(path: Path, url: str, body: bytes) -> int:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", CT), ("Content-Length", str(len(body)))],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))
    return 0


class Peer:
    """A peer that alarms whenever its text of the page differs from its text of the last capture."""

    def __init__(self, text_of: Callable[[str, str], str], url: str):
        self.text_of, self.url = text_of, url
        self.last: str | None = None

    def capture(self, body: bytes) -> str:
        text = self.text_of(body.decode("utf-8"), self.url)
        changed = self.last is not None and text != self.last
        self.last = text
        return "edit" if changed else "same"


def changedetection_text(html: str, url: str) -> str:
    """changedetection.io's default text of a page: inscriptis, whitespace ignored."""
    from inscriptis import get_text  # type: ignore[import-untyped]

    return "\n".join(line.strip() for line in get_text(html).splitlines() if line.strip())


def trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


TOOLS_RUN = list(TOOLS)  # --tools: which judges a run makes (archiver alone to explore quickly)


def judges(folder: Path, url: str) -> dict[str, Any]:
    every = {"archiver": lambda: Archiver(folder, url), "changedetection": lambda: Peer(changedetection_text, url),
             "trafilatura": lambda: Peer(trafilatura_text, url)}
    return {name: every[name]() for name in TOOLS_RUN}


def run_page(task: tuple[str, str, str, bytes, str | None, list[str] | None]) -> dict[str, Any]:
    """One page's counts: ``{"counts": {"tool|group|kind": [called, judged]}, "cases": [...], "skipped": bool}``."""
    set_name, key, url, raw, truth, snippets = task
    from archiver.extraction.decode import decode_html

    counts: dict[str, list[int]] = {}
    cases: list[list[str]] = []
    page = kinds.prepare(decode_html(raw, None).text, truth, snippets)
    if page is None:
        return {"counts": counts, "cases": cases, "skipped": True}

    def tally(tool: str, group: str, kind: str, verdict: str) -> None:
        called = verdict == "edit"
        row = counts.setdefault(f"{tool}|{group}|{kind}", [0, 0])
        row[0] += called
        row[1] += 1
        if tool == "archiver":
            warn = counts.setdefault(f"archiver-warning|{group}|{kind}", [0, 0])
            warn[0] += verdict == "extraction-changed"
            warn[1] += 1
            if called == (group == "noise"):
                cases.append([set_name, key, group, kind, verdict])

    with tempfile.TemporaryDirectory(prefix="watch-noise-") as tmp:
        for kind, change in kinds.NOISE.items():
            pages = [kinds.variant(page, change, seed) for seed in range(3)]
            tools = judges(Path(tmp), url)
            for n, body in enumerate(pages):
                for name, tool in tools.items():
                    verdict = tool.capture(body) if body is not None else "skip"
                    if n and body is not None:
                        tally(name, "noise", kind, verdict)
        first = kinds.variant(page, kinds.mixed, 0)
        assert first is not None
        start = judges(Path(tmp), url)
        for tool in start.values():
            tool.capture(first)
        for kind, edit in kinds.EDITS.items():
            body = kinds.variant(page, _with_noise(edit), 1)
            if body is None:
                continue
            for name, tool in start.items():
                tally(name, "edit", kind, copy.deepcopy(tool).capture(body))
    return {"counts": counts, "cases": cases, "skipped": False}


def _with_noise(edit: kinds.Change) -> kinds.Change:
    """The edit, then every noise kind: a news page's next visit with the article edited."""
    return lambda page, r: edit(page, r) and kinds.mixed(page, r)


def tasks(limit: int) -> Iterable[tuple[str, str, str, bytes, str | None, list[str] | None]]:
    for name in DEV_SETS:
        try:
            pages = load(name, limit=limit)
        except FileNotFoundError:
            print(f"{name}: not found under ../shared/benchmarks, skipped", file=sys.stderr)
            continue
        for p in pages:
            yield name, p.key, p.url or f"https://www.example.test/{p.key}", p.html, p.truth, p.with_


def _cell(counts: dict[str, list[int]], tool: str, group: str, kind: str, flip: bool = False) -> tuple[str, int]:
    """``"wrong (share)"`` for one tool and kind ("all": every kind), and the number judged."""
    keys = [k for k in counts if k.startswith(f"{tool}|{group}|") and (kind == "all" or k.endswith(f"|{kind}"))]
    called, n = sum(counts[k][0] for k in keys), sum(counts[k][1] for k in keys)
    bad = n - called if flip else called
    return (f"{bad} ({bad / n:.1%})" if n else "-"), n


def table(counts: dict[str, list[int]], group: str, what: str) -> list[str]:
    """A markdown table: per kind of ``group`` ("noise" or "edit"), each tool's false alarms or misses."""
    first = "noise kind (judged captures) | archiver false alarms" if group == "noise" else \
        "edit kind (edits) | archiver misses"
    lines = [f"| {first} | archiver warnings | changedetection.io (inscriptis) | bare trafilatura |",
             "|---|---|---|---|---|"]
    flip = group == "edit"
    for kind in [*(kinds.NOISE if group == "noise" else kinds.EDITS), "all"]:
        ours, total = _cell(counts, "archiver", group, kind, flip)
        label = f"**{what}**" if kind == "all" else kind
        lines.append(f"| {label} ({total}) | {ours} | {_cell(counts, 'archiver-warning', group, kind)[0]} "
                     f"| {_cell(counts, 'changedetection', group, kind, flip)[0]} "
                     f"| {_cell(counts, 'trafilatura', group, kind, flip)[0]} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=40, help="pages of each set (0: all)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--show", type=int, default=10, help="archiver's wrong captures to list")
    parser.add_argument("--json", type=Path, help="write the counts and archiver's wrong captures here")
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"judges to run, comma separated ({','.join(TOOLS)})")
    args = parser.parse_args(argv)
    TOOLS_RUN[:] = [t for t in TOOLS if t in args.tools.split(",")]
    started = time.monotonic()
    counts: dict[str, list[int]] = {}
    cases: list[list[str]] = []
    pages = skipped = 0
    work = tasks(args.limit)
    with multiprocessing.Pool(args.jobs) if args.jobs > 1 else _Inline() as pool:
        for out in pool.imap_unordered(run_page, work):
            pages += 1
            skipped += out["skipped"]
            cases += out["cases"]
            for k, (called, n) in out["counts"].items():
                row = counts.setdefault(k, [0, 0])
                row[0] += called
                row[1] += n
    if not pages:
        print("no benchmark set found under ../shared/benchmarks: nothing measured")
        return 0
    print(f"{pages} pages, {skipped} skipped (fewer than 3 article paragraphs found by the ground truth); "
          f"{time.monotonic() - started:.0f} s at --jobs {args.jobs}\n")
    print("\n".join(table(counts, "noise", "false alarms")) + "\n")
    print("\n".join(table(counts, "edit", "misses")))
    if cases:
        print(f"\narchiver wrong ({len(cases)}), first {args.show}:")
        for case in sorted(cases)[:args.show]:
            print("  " + " | ".join(case))
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "cases": cases}, indent=1), encoding="utf-8")
    return 0


class _Inline:
    """``multiprocessing.Pool``'s ``imap_unordered`` in this process (``--jobs 1``)."""

    def __enter__(self) -> _Inline:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def imap_unordered(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterable[Any]:
        return map(fn, items)


if __name__ == "__main__":
    sys.exit(main())
