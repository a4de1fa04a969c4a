"""The shown headline of a timeline's steps: read from the sidecar (``page_h1``) or from the WARC.

A URL with ``--captures`` captures (default 50), each a new version: the page declares an ``og:title`` that
stays, its ``<h1>`` (the first paragraph of the clean text) is edited on every capture, one body sentence too.
The captures are written as one WARC file (warcio), imported into a new catalog (``archiver import``) and
extracted (``archiver extract``), in a temporary folder. Then the URL's timeline is built
(:func:`archiver.timeline.model.build`, what ``archiver report`` draws) ``--rounds`` times in two ways:

- ``sidecar``: the sidecars as extraction writes them, with ``page_h1`` (the page's ``<h1>`` as read);
- ``warc``: the same sidecars without ``page_h1``, as written before nu59: each step's two shown headlines
  are found by reading both captures' WARC records and parsing their HTML again.

Printed: the median wall time of a build and the time spent in :func:`archiver.diff.shownline.shown_line`,
and how many headline steps were named (the same in both ways, or the result is wrong).

    PYTHONPATH=. python bench/headline_timeline.py
    PYTHONPATH=. python bench/headline_timeline.py --captures 20 --rounds 3
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

URL = "http://bench.example/news/harbour-bridge"
WORDS = ["bridge", "harbour", "council", "ferry", "tunnel", "mayor", "budget", "vote", "plan", "delay"]


def page(n: int) -> str:
    """Version ``n``: the same og:title, an <h1> and one sentence of its own."""
    h1 = f"Council votes on the {WORDS[n % 10]} plan for the {n + 3} harbour crossings"
    body = "".join(f"<p>Paragraph {k} of the report on the harbour crossing, which the council debated for hours "
                   f"before its members voted on the plan and its cost.</p>" for k in range(12))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Harbour crossing: the vote | "
            f"Gazette</title><meta property='og:title' content='Harbour crossing: the vote'></head><body>"
            f"<main><article><h1>{h1}</h1><p>The council met on day {n} of the session and voted "
            f"{n + 20} to {n + 5}.</p>{body}</article></main></body></html>")


def write_warc(path: Path, captures: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    start = datetime(2026, 12, 1, tzinfo=UTC)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(captures):
            payload = page(n).encode("utf-8")
            head = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
            at = (start + timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(URL, "response", payload=io.BytesIO(payload), http_headers=head,
                                               warc_headers_dict={"WARC-Date": at})
            writer.write_record(record)


def archiver(*args: object) -> None:
    proc = subprocess.run([sys.executable, "-m", "archiver", *map(str, args)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"archiver {' '.join(map(str, args))}: {proc.returncode}\n{proc.stdout}{proc.stderr}")


def strip_page_h1(clean: Path) -> int:
    """Take ``page_h1`` out of every sidecar under ``clean`` (as written before nu59); how many had it."""
    stripped = 0
    for path in clean.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "page_h1" in data:
            del data["page_h1"]
            path.write_text(json.dumps(data), encoding="utf-8")
            stripped += 1
    return stripped


def timed_builds(root: Path, rounds: int) -> tuple[float, float, int]:
    """(median build seconds, median seconds in shown_line, headline steps named)."""
    from archiver.catalog import Catalog
    from archiver.diff import shownline
    from archiver.timeline import model

    spent = [0.0]
    inner = shownline.shown_line

    def counted(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    shownline.shown_line = counted  # step_headline looks it up in the module at each call
    builds, inside, named = [], [], 0
    try:
        for _ in range(rounds):
            spent[0] = 0.0
            catalog = Catalog(root / "warcs" / "catalog.sqlite3")
            try:
                t = time.perf_counter()
                timeline = model.build(catalog, root / "clean", root / "warcs", URL)
                builds.append(time.perf_counter() - t)
            finally:
                catalog.close()
            inside.append(spent[0])
            named = len(timeline.headlines)
    finally:
        shownline.shown_line = inner
    return statistics.median(builds), statistics.median(inside), named


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--captures", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=5)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="headline-bench-") as tmp:
        root = Path(tmp)
        (root / "warcs").mkdir()
        write_warc(root / "warcs" / "bench.warc.gz", opts.captures)
        archiver("import", root / "warcs" / "bench.warc.gz", "--warcs", root / "warcs")
        archiver("extract", "--warcs", root / "warcs", "--clean", root / "clean", "--jobs", "1")
        rows = []
        for way in ("sidecar", "warc"):
            if way == "warc":
                strip_page_h1(root / "clean")
            build, inside, named = timed_builds(root, opts.rounds)
            rows.append((way, build, inside, named))
        print(f"timeline of {opts.captures} captures ({opts.captures - 1} version steps), median of {opts.rounds}")
        print(f"{'shown headline from':<20} {'build s':>8} {'shown_line s':>13} {'headlines named':>16}")
        for way, build, inside, named in rows:
            print(f"{way:<20} {build:>8.3f} {inside:>13.3f} {named:>16}")


if __name__ == "__main__":
    main()
