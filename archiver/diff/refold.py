"""Is a change between two captures' clean texts the extraction's, not the publisher's?

A URL's captures are extracted when they are fetched, so after an upgrade of
archiver (or an edit of its rules) the next capture's text can differ from the
one before only because archiver extracts differently: a byline now removed, a
promo now kept. ``archiver history`` (and the report and the watch's numbers,
which use its list) folds such a text into the version before instead of
counting a new version. Two tests, both certain, cheapest first:

- the two captures hold the same page (the same payload digest in the
  catalog): the bytes did not change, so the text changed by extraction alone;
- the sidecars name different extractions (``extractor_id``, or one sidecar
  written before the field existed; two such older sidecars are not compared,
  so an old history is read as before), and both pages, read again from their WARC
  records and extracted now by this archiver (with the site's learned
  boilerplate as the catalog holds it now), give the same text.

Without the WARC folder, or when a record cannot be read, only the first test
runs; a change it cannot prove is the extraction's stays a version.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archiver.catalog import Capture, Catalog
from archiver.diff.sources import read_sidecar

SAME_PAGE = "the same page as capture {other}, extracted differently: not an edit"
EXTRACTED_NOW = ("capture {other}'s page and this one give the same text when extracted by this archiver: "
                 "the extraction changed (archiver upgraded or its rules edited), not the article")


def extractor_of(json_path: Path | None) -> str | None:
    """The ``extractor_id`` a sidecar records; None when it has none (older sidecar) or cannot be read."""
    if json_path is None:
        return None
    value = read_sidecar(json_path).get("extractor_id")
    return value if isinstance(value, str) else None


def extraction_only(catalog: Catalog, warcs: Sequence[Path], older: Capture, older_json: Path | None,
                    newer: Capture, newer_json: Path | None) -> str | None:
    """Why the text change from ``older`` to ``newer`` is the extraction's (a sentence), or None.

    ``older_json``/``newer_json``: the captures' sidecars. Reads the WARC records of both
    captures (in ``warcs``) only when the sidecars name different extractions. Never raises on
    unreadable records: the answer is then None.
    """
    if older.payload_digest and older.payload_digest == newer.payload_digest:
        return SAME_PAGE.format(other=older.id)
    if not warcs:
        return None
    used = extractor_of(older_json), extractor_of(newer_json)
    if used[0] == used[1]:
        # one extraction made both texts: the change is the page's; or both sidecars predate the
        # field, and extracting every old step again would cost two extractions per step each time
        return None
    texts = [_extract_now(catalog, warcs, cap) for cap in (older, newer)]
    if texts[0] and texts[0].strip() and texts[0] == texts[1]:  # two empty texts prove nothing
        return EXTRACTED_NOW.format(other=older.id)
    return None


def _extract_now(catalog: Catalog, warcs: Sequence[Path], cap: Capture) -> str | None:
    """The clean text (as written to ``.txt``) this archiver makes of the capture's page now; None if unreadable."""
    from archiver import output
    from archiver.diff.capture import find_warc
    from archiver.extract_worker import Job, extract_record
    from archiver.extract_writer import learned_digests, site_of
    from archiver.extraction import apply_site_learning

    record = cap
    if cap.record_type == "revisit" and cap.refers_to:
        record = catalog.capture(cap.refers_to) or cap
    if not record.warc_file or record.warc_offset is None:
        return None
    warc = find_warc(record.warc_file, warcs)
    if warc is None:
        return None
    url = cap.final_url or cap.url
    result = extract_record(Job(cap.id, url, str(warc), int(record.warc_offset), record.content_type))
    if result.status != "ok" or result.extraction is None:
        return None
    extraction = result.extraction
    learned = learned_digests(catalog.conn, site_of(url))
    if learned:
        extraction = apply_site_learning(extraction, learned)
    return output.render_text(extraction.title or "", extraction.text or "")
