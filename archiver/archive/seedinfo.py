"""The ``metadata`` record archiver writes for each capture, so the WARC files alone rebuild the catalog.

A fetch writes, after a seed's last exchange, one record::

    WARC-Type: metadata
    WARC-Target-URI: <the seed URL>
    WARC-Concurrent-To: <the final response/revisit record, if any>
    Content-Type: application/warc-fields

    archiver-capture: 1
    list-file: "/srv/news/seeds/news.txt"
    list-line: 12
    state: "captured"
    ...
    records: ["<urn:uuid:...>", ...]

Each field value is one line of JSON (so a reason with odd characters or a list
file name with a semicolon survives exactly). ``application/warc-fields`` is the
type Heritrix uses for its per-capture metadata; replay indexers
(cdxj-indexer, pywb) skip such records, so they never shadow a page.

It carries what the WARC records cannot: which list file and line the seed came
from, the seed URL before redirects, the outcome (``failed`` and ``skipped``
seeds have no response at all), the reason, the worker, and which records were
this capture's (redirect hops included).
"""
from __future__ import annotations

import json
from typing import Any

CONTENT_TYPE = "application/warc-fields"
MARKER = "archiver-capture"
VERSION = 1
# captures-row fields carried as they are (the rest come from the final record)
FIELDS = ("url", "final_url", "fetched_at", "state", "reason", "http_status", "content_type",
          "payload_digest", "record_type", "truncated", "list_file", "list_line", "worker")


def field_name(column: str) -> str:
    return column.replace("_", "-")


def capture_block(row: dict[str, Any], final_record: str | None, records: list[str]) -> bytes:
    """The metadata record's block for one capture.

    ``row`` is the capture's catalog row (``Outcome.capture_row()``); ``final_record``
    the WARC-Record-ID of its final response/revisit record; ``records`` the IDs of
    all its response/revisit records (redirect hops first). The capture a revisit
    repeats is found from the revisit record's own WARC-Refers-To-* headers.
    """
    lines = [f"{MARKER}: {VERSION}"]
    for column in FIELDS:
        lines.append(f"{field_name(column)}: {json.dumps(row.get(column), ensure_ascii=True)}")
    lines.append(f"final-record: {json.dumps(final_record)}")
    lines.append(f"records: {json.dumps(records)}")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def parse_block(block: bytes) -> dict[str, Any] | None:
    """The fields of an archiver capture block (column names as keys), or None if it is not one.

    Keys: the ``FIELDS`` columns, ``final_record``, ``records`` (list).
    Raises nothing: a damaged block is None.
    """
    try:
        text = block.decode("ascii")
    except UnicodeDecodeError:
        return None
    values: dict[str, Any] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        try:
            values[name.strip().replace("-", "_")] = json.loads(value.strip())
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            return None
    if values.get(MARKER.replace("-", "_")) != VERSION:
        return None
    out = {column: values.get(column) for column in FIELDS}
    out["final_record"] = values.get("final_record")
    out["records"] = [r for r in values.get("records") or [] if isinstance(r, str)]
    return out


def outcome_block(outcome: Any) -> bytes:
    """``capture_block`` for a fetch ``Outcome`` (archiver.fetch.capture)."""
    written = outcome.written
    ids = [r["record_id"] for r in outcome.records if r.get("record_id")]
    return capture_block(outcome.capture_row(), written.record_id if written else None, ids)
