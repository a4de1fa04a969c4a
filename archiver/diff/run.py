"""Diff the clean text of a set of captures against stored copies (``archiver run --compare``)."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.catalog import Catalog
from archiver.config import Settings
from archiver.diff import PairResult, diff_sources, exit_code
from archiver.diff.pairing import DEFAULT_THRESHOLD
from archiver.diff.sources import Source, SourceError, load_old, source_from_clean
from archiver.output import inside


def captured_sources(settings: Settings, capture_ids: Iterable[int] | None = None,
                     urls: set[str] | None = None) -> list[Source]:
    """Clean text of the given captures (all extracted ones when None), from the catalog; with ``urls``
    (the catalog's spellings), only the latest extracted capture of each of those URLs."""
    if not Path(settings.db).exists():
        raise SourceError(f"no catalog at {settings.db}")
    with Catalog(settings.db, readonly=True) as catalog:
        sql = ("SELECT e.*, c.fetched_at FROM extractions e JOIN captures c ON c.id = e.capture_id "
               "WHERE e.error IS NULL AND e.text_path IS NOT NULL")
        params: list[Any] = []
        if capture_ids is not None:
            ids = list(capture_ids)
            if not ids:
                return []
            sql += f" AND e.capture_id IN ({','.join('?' * len(ids))})"
            params = ids
        rows = catalog.conn.execute(sql + " ORDER BY c.fetched_at, c.id", params).fetchall()
    newest = {row["url"]: row for row in rows if urls is None or row["url"] in urls}  # one per URL: its latest
    sources = []
    for row in newest.values():
        text = inside(settings.clean, row["text_path"])
        side = inside(settings.clean, row["json_path"]) if row["json_path"] else None
        src = source_from_clean(text, side)
        src.url = src.url or row["url"]
        src.captured_at = src.captured_at or row["fetched_at"]
        sources.append(src)
    return sources


def write_report(text: str, output: str | Path | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(output).write_text(text, encoding="utf-8")


def compare_run(settings: Settings, capture_ids: Iterable[int] | None, stored_dir: str | Path,
                manifest: str | Path | None = None, fmt: str = "text", output: str | Path | None = None,
                threshold: float = DEFAULT_THRESHOLD, urls: set[str] | None = None) -> int:
    """Pair the captures' clean text with the stored copies, write the report; 0, 1 (changes) or 2.
    ``urls``: only the latest captures of these URLs (``run LIST --compare``: the list's)."""
    from archiver.diff.reports import render

    try:
        new = captured_sources(settings, capture_ids, urls)
        old = load_old(Path(stored_dir), Path(manifest) if manifest else None)
        results: list[PairResult] = diff_sources(new, old, threshold=threshold, warcs=[settings.warcs])
    except SourceError as exc:
        print(f"archiver: error: {exc}", file=sys.stderr)
        return 2
    color = fmt == "text" and output in (None, "-") and sys.stdout.isatty()
    try:
        write_report(render(results, fmt, title="archiver run --compare", color=color), output)
    except OSError as exc:
        print(f"archiver: error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return exit_code(results)
