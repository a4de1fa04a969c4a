"""The fetch run's sinks: what records each outcome (and each robots.txt record) in the catalog as it comes.

:func:`outcome_recorder` gives the sink :func:`.runner.fetch_seeds` hands every :class:`Outcome` to:
one catalog row with its WARC records, the run's counts (:class:`FetchSummary`), a log line (with the
page an earlier capture already had, when it repeats one), progress, and the host's pause when it
asked for one (``waits``). :func:`robots_recorder` the sink for robots.txt records. A catalog that
finds no space raises :class:`DiskFull`, one deleted or replaced mid-run ``ArchiveGone``; either, and a
:class:`StopHeard`, carries the ``(warc_file, warc_offset)`` of the records not recorded. Moved from
``runner.py``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archiver.catalog import Catalog
from archiver.fetch import waits
from archiver.fetch.capture import Outcome, host_key
from archiver.fetch.summary import FetchSummary
from archiver.folder_watch import catalog_gone, identity
from archiver.interrupt import StopHeard
from archiver.report import Reporter
from archiver.warc import DiskFull, disk_full

__all__ = ["EMPTY_DIGEST", "outcome_recorder", "robots_recorder"]

EMPTY_DIGEST = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"  # of an empty body: no page to call the same


def robots_recorder(catalog: Catalog) -> Callable[[dict[str, Any]], None]:
    """The sink for robots.txt records; a full catalog disk becomes DiskFull."""

    def on_robots(row: dict[str, Any]) -> None:
        try:
            catalog.add_record(row)
        except StopHeard as exc:
            exc.unrecorded = [(row["warc_file"], row["warc_offset"])]
            raise
        except Exception as exc:
            full = disk_full(exc, catalog.path)
            if full is None:
                raise
            full.unrecorded = [(row["warc_file"], row["warc_offset"])]
            raise full from exc

    return on_robots


def outcome_recorder(catalog: Catalog, summary: FetchSummary, reporter: Reporter) -> Callable[[Outcome], int]:
    """The sink for outcomes: one catalog row (with its records), the counts, a log line, progress.

    A capture whose host and payload digest another capture already had, of this run or an earlier
    one (the same article under another spelling of its URL: a trailing slash, ``utm_*`` or
    ``fbclid`` parameters, ``http`` and ``https``), is linked to it in its log line, ``(the same
    page as URL, line N)`` or ``(the same page as URL, captured 2026-12-01T19:22:13Z)``, and counted
    in the summary; both stay captured, so a rerun fetches neither.
    """
    # hash((host, payload digest)) -> the first capture's id: about 100 bytes a capture (a run of 100,000
    # kept 52 MiB as (host, digest) -> (line, URL)); a hit is checked against that capture's catalog row
    pages: dict[int, int] = {}
    known = identity(catalog.path)  # the catalog file: deleted or replaced mid-run, the run stops (folder_watch)

    def same_page(outcome: Outcome, url: str, capture_id: int) -> tuple[str, str] | None:
        """(where it was, URL) of the page this capture repeats: a line of this run, or an earlier run's capture."""
        digest = outcome.payload_digest
        if outcome.record_type != "response" or not digest or digest == EMPTY_DIGEST:
            return None
        host = host_key(outcome.final_url or url)
        first_id = pages.setdefault(hash((host, digest)), capture_id)
        if first_id != capture_id:
            first = catalog.capture(first_id)
            if (first is not None and first.url != url and first.payload_digest == digest
                    and host_key(first.final_url or first.url) == host):  # not two pages whose keys collide
                summary.same_page += 1
                return f"line {first.list_line}", first.url
        for row in catalog.same_payload(digest, capture_id):  # an earlier run's (a list that gained a spelling)
            if row["url"] != url and host_key(row["final_url"] or row["url"]) == host:
                summary.same_page += 1
                return f"captured {row['fetched_at'][:19]}Z", row["url"]
        return None

    def on_outcome(outcome: Outcome) -> int:
        row = outcome.capture_row()  # URLs and reason with passwords redacted
        if (gone := catalog_gone(catalog.path, known)) is not None:
            raise gone
        try:
            capture_id = catalog.add_capture(row, outcome.records)
        except StopHeard as exc:  # cut back by fetch_seeds, fetched again by the next run
            exc.unrecorded = [(r["warc_file"], r["warc_offset"]) for r in outcome.records]
            raise
        except Exception as exc:
            full = disk_full(exc, catalog.path)
            if full is None:
                raise
            full.unrecorded = [(r["warc_file"], r["warc_offset"]) for r in outcome.records]  # dropped (fetch_seeds)
            raise full from exc
        url, reason = row["url"], row["reason"]
        if outcome.state != "captured":
            summary.fail(url, reason or "unknown")
        try:
            tell(outcome, url, reason, capture_id)
        except DiskFull:
            raise
        except Exception as exc:  # the row is kept: a bug in telling about it must not stop the run
            reporter.log("warning", f"{url}: archiver could not finish recording this outcome "
                                    f"({type(exc).__name__}: {exc}); the run goes on", url=url)
        reporter.advance()
        return capture_id

    def tell(outcome: Outcome, url: str, reason: str | None, capture_id: int) -> None:
        if outcome.state == "captured":
            summary.captured += 1
            if outcome.record_type == "revisit":
                summary.revisits += 1
            same = same_page(outcome, url, capture_id)
            reporter.log("captured", f"captured {outcome.http_status} {url}"
                         + (" (unchanged: revisit)" if outcome.record_type == "revisit" else "")
                         + (f" (the same page as {same[1]}, {same[0]})" if same else ""),
                         url=url, status=outcome.http_status, capture_id=capture_id,
                         **({"same_page_as": same[1], "same_page_where": same[0]} if same else {}))
        else:
            reporter.log("failed", f"failed {url}: {reason}", url=url, reason=reason, line=outcome.seed.line)
            if outcome.retry_after:  # the host's pause outlives this run (the next one waits for it)
                # kept under the seed's host, the key the next run holds URLs by (runner._hold_waiting): a seed that
                # redirected to the host that asked is held, not asked again
                waits.note(catalog.conn, host_key(outcome.seed.url), outcome.retry_after)
            elif outcome.http_status == 429 or outcome.too_many:  # no Retry-After: archiver's own pause (waits.py)
                waits.note(catalog.conn, host_key(outcome.seed.url), f"{waits.PAUSE_WITHOUT_RETRY_AFTER:.0f}",
                           said=waits.NO_RETRY_AFTER)

    return on_outcome
