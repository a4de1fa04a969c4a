"""``pages/pages.jsonl`` of an exported WACZ: every archived HTML page (one served as ``application/octet-stream``,
``text/plain`` or a gzip file that archiver extracted as HTML too: :func:`listed`) with archiver's title and clean text.

ReplayWeb.page lists these pages and searches their ``text``. A page is listed once per version of its text.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archiver import output
from archiver.catalog import Capture, Catalog
from archiver.extract_worker import NOT_HTML, SETTLED_FAILURES, SKIP_REASONS
from archiver.page_sniff import GZIP_TYPES, HTML_TYPES, SNIFF_TYPES, mime_type

SNIFFED_PAGES = True  # an HTML page extracted under a type that says nothing or a gzip file's is listed (host46)


def pages_lines(catalog: Catalog, clean: Path, caps: list[Capture], title: str,
                counts: Counter[str] | None = None) -> Iterator[str]:
    """``pages.jsonl``: a header, then one line per archived HTML page with its extracted title and text, made
    one at a time (an export of 100,000 articles held every page's text at once before it wrote a line).

    A page is listed once per version of its text (:func:`repeats`): a capture whose text is its URL's previous
    capture's text is left out of the list (its records are in the WARC all the same, replayable at its time).
    ``counts["repeated"]`` (when given) counts those left out: only captures the list would otherwise hold
    (:func:`listed`; a text article's repeat is no page either way: review58).
    """
    yield json.dumps({"format": "json-pages-1.0", "id": "pages", "title": title, "hasText": True})
    repeated = repeats(catalog, caps)
    for cap in caps:
        row = catalog.conn.execute("SELECT title, text_path, json_path FROM extractions WHERE capture_id = ? "
                                   "AND error IS NULL", (cap.id,)).fetchone()
        if not listed(mime_type(cap.content_type), row, clean):
            continue
        if cap.id in repeated:
            if counts is not None:
                counts["repeated"] += 1
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


def listed(mime: str, row: Any, clean: Path) -> bool:
    """Whether a capture served as ``mime`` (``page_sniff.mime_type``) with extraction ``row`` (None: none
    without error; else its ``json_path``) is an HTML page to list. An allow-list (review50), not "any type but":

    - an HTML type (``page_sniff.HTML_TYPES``): always, extracted or not;
    - none: when extracted (as before host46);
    - a type that says nothing (``SNIFF_TYPES``: ``application/octet-stream``, ...) or a gzip file's (``GZIP_TYPES``:
      a ``.html.gz`` served as what it is): when extracted, as archiver extracts only a page under them (host46);
      ``text/plain`` only when extracted as HTML (a ``.html.gz`` or page served so), not a text article: its
      sidecar says ``extracted_as: text/plain``;
    - nothing else: a feed, an image, a robots.txt, and a page saved as MHTML (``multipart/related``,
      ``message/rfc822``): its record replays as the MHTML file, not as a page, so ReplayWeb.page's list would
      send the reader to a download; archiver's own search finds its text all the same.
    """
    if mime in HTML_TYPES:
        return True
    if row is None:
        return False
    if not mime:
        return True
    if not SNIFFED_PAGES or (mime not in SNIFF_TYPES and mime not in GZIP_TYPES):
        return False
    return mime != "text/plain" or _extracted_as_html(clean, row["json_path"])


def _extracted_as_html(clean: Path, json_path: str | None) -> bool:
    """Whether the sidecar at ``json_path`` (under ``clean``) says its text came from the HTML pipeline (it has
    no ``extracted_as``); False when it cannot be read."""
    if not json_path:
        return False
    try:
        data = json.loads(output.inside(clean, json_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and not data.get("extracted_as")


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


# why a listed page has no text, each with its own remedy (export's summary; before 2026-12-07 every such page was
# told "'archiver extract', then export again", which changes nothing for a page extraction refused: review50)
NEVER, REFUSED, FAILED, EMPTY_TEXT, NO_FILE = "never", "refused", "failed", "empty", "no file"


def without_text(catalog: Catalog, clean: Path, capture_ids: list[int]) -> dict[str, Counter[str]]:
    """Why each listed page of ``capture_ids`` has no text: kind -> reason -> pages.

    Kinds: ``NEVER`` (no extraction row: never extracted), ``REFUSED`` (refused, or failed for good on its stored
    bytes: ``not HTML: TYPE``, ``empty body``, ``page too large to extract``, ``body cut short``, ``cannot decode``:
    extracting again changes nothing), ``FAILED`` (another error, which ``archiver extract`` tries again),
    ``EMPTY_TEXT`` (extracted, no text found), ``NO_FILE`` (extracted, its text file not under ``clean``).
    Reasons are ``""`` for kinds without one.
    """
    out: dict[str, Counter[str]] = {}
    for capture_id in capture_ids:
        row = catalog.conn.execute("SELECT text_path, error FROM extractions WHERE capture_id = ?",
                                   (capture_id,)).fetchone()
        kind, reason = _why(row, clean)
        out.setdefault(kind, Counter())[reason] += 1
    return out


def _why(row: Any, clean: Path) -> tuple[str, str]:
    """(kind, reason) of one page without text from its extraction ``row`` (text_path, error) or None."""
    if row is None:
        return NEVER, ""
    error = row["error"]
    if error is None:
        try:
            found = bool(row["text_path"]) and output.inside(clean, row["text_path"]).is_file()
        except (OSError, ValueError):
            found = False
        return (EMPTY_TEXT, "") if found else (NO_FILE, "")
    if error.startswith(NOT_HTML):
        return REFUSED, error.split(";")[0][:80]
    settled = next((reason for reason in (*SKIP_REASONS, *SETTLED_FAILURES) if reason in error), None)
    if settled is not None:
        return REFUSED, settled.strip().removesuffix(": its stream stops")
    return FAILED, error.split(":")[0][:80]
