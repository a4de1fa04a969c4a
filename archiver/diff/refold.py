"""Is a change between two captures' clean texts the extraction's, not the publisher's?

A URL's captures are extracted when they are fetched, so after an upgrade of
archiver (or an edit of its rules) the next capture's text can differ from the
one before only because archiver extracts differently: a byline now removed, a
promo now kept. ``archiver history`` (and the report and the watch's numbers,
which use its list) folds such a text into the version before instead of
counting a new version. Three tests, all certain, cheapest first:

- (before both) a capture whose record failed its WARC-Block-Digest at import is folded too, with
  :data:`DAMAGED` as the reason: its payload digest is what it was written with, not what its bytes are
  now, so it proves no "same page", and its text change is the damage's, not an edit to announce;
- the two captures hold the same page (the same payload digest in the
  catalog): the bytes did not change, so the text changed by extraction alone;
- the texts differ only by paragraphs one sidecar lists as removed by site learning
  (``site-learned:HOST``, a paragraph on 3 URLs of the host): the learning changed between the two
  extractions (an article of a series sharing a background paragraph was taken down, so the
  paragraph fell under 3 URLs and the next capture of its siblings kept it), not the page;
- the sidecars name different extractions (``extractor_id``, or one sidecar
  written before the field existed; two such older sidecars are not compared,
  so an old history is read as before), and both pages, read again from their WARC
  records and extracted now by this archiver (with the site's learned
  boilerplate as the catalog holds it now), give the same text.

Without the WARC folder, or when a record cannot be read, only the first test
runs; a change it cannot prove is the extraction's stays a version.

The second test's answer (both pages extracted again) is kept in the catalog's ``refolds``
table, keyed by the two capture ids and this archiver's ``extractor_id``, so the watch, which
numbers a URL's versions after each edit, and ``archiver history`` and ``report`` afterwards
extract no page twice for it; a read-only catalog is read but not written (the answer is then
worked out each time), and another archiver (a new ``extractor_id``) works it out again.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from archiver.catalog import Capture, Catalog
from archiver.diff.sources import clean_text, read_sidecar

SAME_PAGE = "the same page as capture {other}, extracted differently: not an edit"
DAMAGED = ("capture {which}'s record does not match its WARC-Block-Digest (damaged since it was written): the text "
           "change is the damage's, not evidence of an edit")
SITE_LEARNING = ("capture {other}'s text and this one differ only by paragraphs the site's learned boilerplate removed "
                 "from one of them (a paragraph on several pages of the site): site learning changed, not the article")
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
    from archiver.archive.scan import is_damaged

    for cap in (newer, older):  # its payload digest no longer vouches for its bytes: not "the same page"
        if is_damaged(cap.reason):
            return DAMAGED.format(which=cap.id)
    if older.payload_digest and older.payload_digest == newer.payload_digest:
        return SAME_PAGE.format(other=older.id)
    if site_learning_only(older_json, newer_json):
        return SITE_LEARNING.format(other=older.id)
    if not warcs:
        return None
    used = extractor_of(older_json), extractor_of(newer_json)
    if used[0] == used[1]:
        # one extraction made both texts: the change is the page's; or both sidecars predate the
        # field, and extracting every old step again would cost two extractions per step each time
        return None
    from archiver.staging import extractor_id

    now = extractor_id()
    known, why = _cached(catalog.conn, older.id, newer.id, now)
    if known:
        return why
    texts = [_extract_now(catalog, warcs, cap) for cap in (older, newer)]
    if texts[0] is None or texts[1] is None:
        return None  # a record could not be read: nothing proved, nothing kept (it may be readable later)
    why = EXTRACTED_NOW.format(other=older.id) if texts[0].strip() and texts[0] == texts[1] else None
    _remember(catalog.conn, older.id, newer.id, now, why)  # two empty texts prove nothing
    return why


def site_learning_only(older_json: Path | None, newer_json: Path | None) -> bool:
    """Whether the two sidecars' texts (the ``.txt`` named by each sidecar's ``text_path``, beside it) differ, and
    only by paragraphs either sidecar's ``removed`` list gives to a ``site-learned:`` rule. Paragraphs are the
    text's blank-line separated blocks, compared stripped. False when a file cannot be read."""
    if older_json is None or newer_json is None:
        return False
    texts, learned = [], set()
    for json_path in (older_json, newer_json):
        sidecar = read_sidecar(json_path)
        rel = sidecar.get("text_path")
        if not isinstance(rel, str) or not rel:
            return False
        try:
            texts.append(clean_text(json_path.parent / Path(rel).name))  # as history reads it: no UnicodeDecodeError
        except OSError:
            return False
        for item in sidecar.get("removed") or ():
            if isinstance(item, dict) and str(item.get("rule", "")).startswith("site-learned:"):
                learned.add(str(item.get("text", "")).strip())
    learned.discard("")
    if not learned or texts[0] == texts[1]:
        return False
    kept = [[b for b in (block.strip() for block in text.split("\n\n")) if b and b not in learned] for text in texts]
    return kept[0] == kept[1]


_TABLE = ("CREATE TABLE IF NOT EXISTS refolds (older INTEGER NOT NULL, newer INTEGER NOT NULL, "
          "extractor TEXT NOT NULL, reason TEXT, PRIMARY KEY (older, newer, extractor))")


_MEMO: dict[tuple[int, int, str, str], str | None] = {}  # this process's answers (a read-only catalog keeps none)


def _cached(conn: sqlite3.Connection, older: int, newer: int, extractor: str) -> tuple[bool, str | None]:
    """(whether the catalog, or this process, holds the answer for this pair and extractor, the answer)."""
    key = (older, newer, extractor, _where(conn))
    if key in _MEMO:
        return True, _MEMO[key]
    try:
        row = conn.execute("SELECT reason FROM refolds WHERE older = ? AND newer = ? AND extractor = ?",
                           (older, newer, extractor)).fetchone()
    except sqlite3.OperationalError:  # no such table: a catalog no watch or history has written to yet
        return False, None
    return (True, row[0]) if row is not None else (False, None)


def _remember(conn: sqlite3.Connection, older: int, newer: int, extractor: str, why: str | None) -> None:
    """Keep the answer; not in a read-only catalog, nor inside a caller's open transaction (it is not
    ours to commit)."""
    _MEMO[(older, newer, extractor, _where(conn))] = why
    if conn.in_transaction:
        return
    try:
        with conn:
            conn.execute(_TABLE)
            conn.execute("INSERT OR REPLACE INTO refolds VALUES (?, ?, ?, ?)", (older, newer, extractor, why))
    except sqlite3.OperationalError:  # read-only (archiver history, report): worked out again next time
        pass


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
    return output.render_text(extraction.title_line, extraction.text or "")


def _where(conn: sqlite3.Connection) -> str:
    """The catalog file a connection is on (capture ids are per catalog)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else ""
