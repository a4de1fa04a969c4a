"""``pages/pages.jsonl`` of an exported WACZ: every archived HTML page (one served as ``application/octet-stream``
or a gzip file that archiver extracted too) with archiver's title and clean text.

ReplayWeb.page lists these pages and searches their ``text``. A page is listed once per version of its text.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archiver import output
from archiver.catalog import Capture, Catalog

HTML_TYPES = ("text/html", "application/xhtml+xml")
SNIFFED_PAGES = True  # an HTML page extracted under another type (not text/plain) is listed (host46)


def pages_lines(catalog: Catalog, clean: Path, caps: list[Capture], title: str) -> Iterator[str]:
    """``pages.jsonl``: a header, then one line per archived HTML page with its extracted title and text, made
    one at a time (an export of 100,000 articles held every page's text at once before it wrote a line).

    A page is listed once per version of its text (:func:`repeats`): a capture whose text is its URL's previous
    capture's text is left out of the list (its records are in the WARC all the same, replayable at its time).
    """
    yield json.dumps({"format": "json-pages-1.0", "id": "pages", "title": title, "hasText": True})
    repeated = repeats(catalog, caps)
    for cap in caps:
        if cap.id in repeated:
            continue
        row = catalog.conn.execute("SELECT title, text_path FROM extractions WHERE capture_id = ? "
                                   "AND error IS NULL", (cap.id,)).fetchone()
        mime = (cap.content_type or "").split(";", 1)[0].strip().lower()
        # a robots.txt, a feed, an image, a text file: not a page. An HTML page archiver read under a type that said
        # nothing or a gzip file's (application/octet-stream, a .html.gz as application/x-gzip) is: host46, it
        # was left out, so ReplayWeb.page's search did not find an article archiver's search finds
        if mime not in HTML_TYPES and (row is None or mime == "text/plain" or (mime and not SNIFFED_PAGES)):
            continue
        page: dict[str, Any] = {"id": f"capture-{cap.id}", "url": cap.final_url or cap.url, "ts": cap.fetched_at}
        if row is not None:
            page["title"] = row["title"] or ""
            try:
                _, body = output.parse_text(output.inside(clean, row["text_path"]).read_text(encoding="utf-8"))
                page["text"] = body
            except (OSError, ValueError):
                pass
        yield json.dumps(page, ensure_ascii=False)


def repeats(catalog: Catalog, caps: list[Capture]) -> set[int]:
    """The ids of the captures in ``caps`` whose extracted text is the same as that of the capture of the same
    URL just before it in time (both extracted, same text digest): what ReplayWeb.page would otherwise list as
    one more page, the same article again (7 URLs watched for a week listed as 16 pages before 2026-12-04)."""
    digests = {int(r[0]): r[1] for r in catalog.conn.execute(
        "SELECT capture_id, text_digest FROM extractions WHERE error IS NULL AND text_digest IS NOT NULL")}
    last: dict[str, str | None] = {}
    out = set()
    for cap in sorted(caps, key=lambda c: (c.fetched_at or "", c.id)):
        url = cap.final_url or cap.url
        digest = digests.get(cap.id)
        if digest is not None and last.get(url) == digest:
            out.add(cap.id)
        last[url] = digest
    return out
