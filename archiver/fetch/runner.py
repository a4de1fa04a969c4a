"""Run a seed list: decide what is new, fetch it politely, record every outcome, survive signals."""
from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx

from archiver import __version__
from archiver.catalog import Catalog
from archiver.catalog_health import record_offsets
from archiver.config import Settings
from archiver.fetch import waits
from archiver.fetch.capture import Capturer, Outcome, Previous, host_key
from archiver.fetch.client import make_client
from archiver.fetch.hosts import HostScheduler
from archiver.fetch.recorders import outcome_recorder, robots_recorder
from archiver.fetch.robots import robots_digests
from archiver.fetch.shortbody import repeated_cuts
from archiver.fetch.stalled import timeouts_last
from archiver.fetch.summary import FetchSummary
from archiver.folder_watch import ArchiveGone, forget_file
from archiver.interrupt import StopHeard, forget_stop, listen_for_stop
from archiver.lists import Seed, SeedList, read_list, stored_name
from archiver.report import Reporter
from archiver.urls import redact_url
from archiver.warc import DiskFull, WarcWriter
from archiver.warc_read import recover_open_files, recovered_gone
from archiver.wording import count


def warcinfo(settings: Settings) -> dict[str, str]:
    return {
        "software": f"archiver/{__version__} (warcio/{version('warcio')}; httpx/{httpx.__version__})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "hostname": socket.gethostname(),
        "http-header-user-agent": settings.user_agent or "",
        "robots": "ignore" if settings.ignore_robots else "obey",
    }


async def fetch_seeds(settings: Settings, seeds: Iterable[Seed], list_file: str | None,
                      on_outcome: Callable[[Outcome], object], on_robots: Callable[[dict[str, Any]], None],
                      previous: dict[str, Previous] | None = None, stop: asyncio.Event | None = None,
                      worker: str | None = None, log: Callable[..., None] | None = None,
                      cdxj: dict[str, list[str] | None] | None = None, repeats: dict[str, str] | None = None) -> bool:
    """Fetch ``seeds`` into WARC files in ``settings.warcs``; return True if stopped early.

    Used as is by a local run and by each Ray worker (with its own hosts and ``worker`` name).
    ``log(event, message, **fields)`` hears notices (a capped Crawl-delay). ``cdxj``, if
    given, receives each closed WARC file's CDXJ lines (see ``WarcWriter``). ``repeats``: seed URL -> digest
    of its last attempt's body, cut short, for URLs never captured (``shortbody.repeated_cuts``). Raises
    DiskFull when a WARC record (or, from the sinks, a catalog row) finds no space.
    """
    stop = stop or asyncio.Event()
    scheduler: HostScheduler[Seed] = HostScheduler(settings.concurrency, settings.per_host, settings.delay)
    for seed in seeds:
        scheduler.add(host_key(seed.url), seed)
    writer = WarcWriter(settings.warcs, settings.warc_prefix, settings.warc_max_size, host=worker,
                        info=warcinfo(settings), cdxj=cdxj)
    try:
        async with make_client(settings) as client:
            capturer = Capturer(settings, client, writer, scheduler, on_robots, previous, worker, log, repeats)
            if log is not None:
                narrow_notices(client, log)

            async def work(host: Any, seed: Seed) -> None:
                outcome = await capturer.capture(seed, list_file)
                on_outcome(outcome)
                if (silent := capturer.silence.gave_up(host)) is not None:
                    # the host stopped answering: its other URLs fail now, not one timeout after another
                    for queued in scheduler.drain(host):
                        on_outcome(capturer.give_up(queued, list_file, silent))
                elif outcome.state == "failed" and outcome.http_status == 429 and not outcome.retry_after:
                    # still "too many requests", with no Retry-After to wait out, after the retries: the host's
                    # other URLs are not asked in this run (each would be told the same, retries and all); a
                    # later run takes them. A 429 with Retry-After holds the host for its pause instead.
                    why = (f"not asked: the host answered 429 Too Many Requests to {redact_url(seed.url)} after "
                           "the retries; asked again after the host's pause")
                    for queued in scheduler.drain(host):
                        on_outcome(capturer.give_up(queued, list_file, why))

            await scheduler.run(work, stop)
    except DiskFull as exc:  # the catalog could not take a capture: its records (and any after) are not kept
        writer.drop_unrecorded(exc.unrecorded)
        raise
    except StopHeard as exc:  # Ctrl-C or SIGTERM while the catalog was locked: the capture was not recorded
        writer.drop_unrecorded(exc.unrecorded)
        stop.set()
    finally:
        writer.close()
        if writer.unsynced is not None and log is not None:
            log("no-fsync", f"{writer.unsynced}: the filesystem does not support fsync; WARC files were closed "
                            "without it (written whole, but a power cut could lose their last records)",
                folder=writer.unsynced)
    return stop.is_set()


def narrow_notices(client: Any, log: Callable[..., None]) -> None:
    """Have the client's per-origin transport say when it lowers or raises an origin's connection cap, and when
    an origin is kept to HTTP/1.1 (``archiver.fetch.h2fallback``)."""
    from archiver.fetch.hostpools import RAISE_AFTER, PerOriginTransport

    transport = getattr(client, "_transport", None)
    if isinstance(transport, PerOriginTransport):
        def notice(origin: tuple[bytes, str, int | None], most: int, raised: bool) -> None:
            scheme, host, port = origin
            where = f"{scheme.decode()}://{host}" + (f":{port}" if port else "")
            if raised:
                text = (f"{where} answered {RAISE_AFTER} requests in a row at its cap: "
                        f"at most {most} at a time to it now")
            else:
                text = f"{where} turned a connection away with {most} open: at most {most} at a time to it"
            log("connection-cap", text, origin=where, most=most, raised=raised)

        transport.notice = notice

        def http11(origin: tuple[bytes, str, int | None], why: str) -> None:
            scheme, host, port = origin
            where = f"{scheme.decode()}://{host}" + (f":{port}" if port else "")
            log("http11", f"{where}: {why}: its requests go over HTTP/1.1 for the rest of the run",
                origin=where, why=why)

        transport.http11_notice = http11


def fetch_list(settings: Settings, list_path: str | Path, reporter: Reporter,
               again: Callable[[Catalog], set[str]] | None = None) -> FetchSummary:
    """Fetch the new URLs of a list file. Raises OSError if the list cannot be read.

    ``again(catalog)`` names captured URLs to fetch again (``--watch``: those due).
    """
    summary, catalog, todo, previous = begin_fetch(settings, list_path, reporter, again)
    try:
        repeats = repeat_digests(catalog, todo)
        on_outcome = outcome_recorder(catalog, summary, reporter)
        reporter.start(len(todo), "fetch")
        try:
            summary.interrupted = _run_with_signals(
                lambda stop: fetch_seeds(settings, todo, stored_name(list_path), on_outcome, robots_recorder(catalog),
                                         previous, stop, log=reporter.log, cdxj=summary.cdxj, repeats=repeats))
        except DiskFull as exc:
            if isinstance(exc, ArchiveGone) and exc.lost:  # its captures are lost: fetched again next run
                lost = forget_file(catalog.conn, exc.lost)
                summary.captured, summary.failed = max(0, summary.captured - lost), summary.failed + lost
            summary.disk_full = str(exc)
            reporter.finish()
            reporter.log("disk-full", str(exc), path=exc.path)
        reporter.finish()
    finally:
        catalog.close()
    end_fetch(summary, reporter)
    return summary


def repeat_digests(catalog: Catalog, todo: list[Seed]) -> dict[str, str]:
    """Seed URL -> payload digest of its last attempt, for the seeds of ``todo`` never captured whose last
    attempt was a body cut short (``shortbody.repeated_cuts``): the same part again is the server's own."""
    cuts = repeated_cuts(catalog.conn)
    digests = {s.url: cuts[redact_url(s.url)] for s in todo if redact_url(s.url) in cuts}
    return digests | robots_digests(catalog.conn)  # and each robots.txt's last record (robots.cut_robots)


BAD_LINES_SHOWN = 50  # bad lines of a list printed one by one; the rest counted in one line


def begin_fetch(settings: Settings, list_path: str | Path, reporter: Reporter,
                again: Callable[[Catalog], set[str]] | None = None,
                ) -> tuple[FetchSummary, Catalog, list[Seed], dict[str, Previous]]:
    """Read the list, recover torn files, decide what is new; shared by local and Ray runs.

    Returns the summary so far, the open catalog (the caller closes it), the seeds
    to fetch and, on --refresh, each seed's last capture for revisits.
    """
    seed_list = read_list(list_path)
    summary = FetchSummary(list_file=str(list_path), refresh=bool(settings.refresh))
    report_list_lines(seed_list, str(list_path), reporter)
    summary.bad_lines = len(seed_list.bad)
    summary.skipped += len(seed_list.duplicates)
    report_list_notes(seed_list, str(list_path), reporter)

    Path(settings.warcs).mkdir(parents=True, exist_ok=True)
    report_recovered(settings, reporter)

    catalog = Catalog(settings.db)
    try:
        done = set() if settings.refresh else catalog.captured_urls()
        refetch = again(catalog) if again is not None and not settings.refresh else set()
        todo = [s for s in seed_list.seeds if redact_url(s.url) not in done or redact_url(s.url) in refetch]
        hold = getattr(again, "hold", None)  # --watch: URLs waiting out their backoff (archiver/watch/backoff.py)
        fresh = len(todo)
        if hold is not None and not settings.refresh:
            todo = hold(todo, reporter, redact_url)
        held = fresh - len(todo)
        done_skipped = [s.url for s in seed_list.seeds if redact_url(s.url) in done
                        and redact_url(s.url) not in refetch]
        next_check = getattr(again, "next_check", None)
        skipped_why = _skipped_detail(len(done_skipped), held, len(seed_list.duplicates), again is not None,
                                      next_check([redact_url(u) for u in done_skipped])
                                      if next_check is not None and done_skipped else None)
        summary.skipped += len(seed_list.seeds) - len(todo)
        todo = _hold_waiting(catalog, todo, summary, reporter)
        todo, moved = timeouts_last(todo, catalog.conn, lambda s: redact_url(s.url))
        if moved and moved < len(todo):
            reporter.log("timeouts-last", f"{count(moved, 'URL')} that timed out last time "
                                          f"{'is' if moved == 1 else 'are'} asked after the others",
                         moved=moved)
        summary.to_fetch = len(todo)
        previous: dict[str, Previous] = {}
        if settings.refresh or refetch:
            for seed in todo:
                last = catalog.last_capture(redact_url(seed.url))
                if last and last.payload_digest:
                    previous[seed.url] = Previous(last.id, last.payload_digest, last.final_url or last.url,
                                                  last.fetched_at, last.warc_file, last.warc_offset)
    except BaseException:
        catalog.close()
        raise
    reporter.log("start", f"{list_path}: {len(todo)} to fetch, {summary.skipped} skipped{skipped_why}, "
                          f"{count(summary.bad_lines, 'bad line')}",
                 to_fetch=len(todo), skipped=summary.skipped, bad_lines=summary.bad_lines)
    return summary, catalog, todo, previous


NOT_PAGES_SHOWN = 3  # feed items without a web page named in the run's line; the rest counted


def report_list_lines(seed_list: SeedList, list_path: str, reporter: Reporter) -> None:
    """The list's bad lines and duplicate lines, one message each, in line order (before, every bad line came
    before any duplicate line, so ``:4: duplicate`` was printed above ``:3: not a URL``); the first
    ``BAD_LINES_SHOWN`` of each kind, the bad lines past them counted in one line at the end (the duplicates
    past them are counted in 'skipped')."""
    told: list[tuple[int, str, dict[str, object]]] = [
        (bad.line, bad.describe(list_path), {"event": "bad-line", "line": bad.line, "reason": bad.reason})
        for bad in seed_list.bad[:BAD_LINES_SHOWN]]
    told += [(line, f"{list_path}:{line}: duplicate of line {first}, fetched once",
              {"event": "duplicate-line", "line": line, "first_line": first})
             for line, first in seed_list.repeats()[:BAD_LINES_SHOWN]]
    for _line, message, fields in sorted(told, key=lambda t: t[0]):
        reporter.log(str(fields.pop("event")), message, **fields)
    if len(seed_list.bad) > BAD_LINES_SHOWN:  # a CSV or a log given as the list: not 10,000 lines of the same
        more = len(seed_list.bad) - BAD_LINES_SHOWN
        reporter.log("bad-lines-more", f"{list_path}: {count(more, 'more bad line')} not shown (the last at line "
                                       f"{seed_list.bad[-1].line}); the first {BAD_LINES_SHOWN} are above",
                     more=more, last_line=seed_list.bad[-1].line)


def report_list_notes(seed_list: SeedList, list_name: str, reporter: Reporter) -> None:
    """One line for a feed's items whose links lead to no web page (``javascript:``, ``mailto:``, ``data:``: not
    fetched, no bad line; before 2026-12-06 each was a bad line, ``feed.xml:4: unsupported scheme 'javascript'``,
    and the run exited 1 for a feed the user does not write), and one when the list gave nothing to capture (only
    comments and blank lines, an empty file, a feed without an item to fetch; exit 0 as before, when the run said
    ``0 to fetch`` and nothing else)."""
    notes = seed_list.notes
    if notes.not_pages:
        named = ", ".join(f"{name} ({_short(link)})" for name, link in notes.not_pages[:NOT_PAGES_SHOWN])
        more = len(notes.not_pages) - NOT_PAGES_SHOWN
        rest = f" and {more:,} more" if more > 0 else ""
        many = len(notes.not_pages) > 1
        reporter.log("not-pages", f"{list_name}: {count(len(notes.not_pages), 'feed item')} "
                     f"{'link' if many else 'links'} to no web page, not fetched: {named}{rest}",
                     items=len(notes.not_pages))
    if not seed_list.seeds and not seed_list.bad and not seed_list.duplicates:
        reporter.log("nothing-to-capture", notes.nothing_to_capture(list_name))


def _short(link: str, most: int = 50) -> str:
    """``link`` on one line, cut to ``most`` characters with ``…`` (a ``data:`` link may run to megabytes)."""
    flat = " ".join(link.split())
    return flat if len(flat) <= most else flat[:most - 1] + "…"


def _skipped_detail(done: int, held: int, duplicates: int, watching: bool, next_check: str | None) -> str:
    """What the start line's skipped URLs are: `` (19 already captured, not due for a check (the next at
    TIME), 1 backing off)``; empty when none is. Before, every skipped URL was "already captured or
    duplicate", also under --watch, where a captured URL is skipped because its next check has not come."""
    parts = []
    if done:
        if watching:
            when = f" (the next at {next_check})" if next_check else ""
            parts.append(f"{done} already captured, not due for a check{when}")
        else:
            parts.append(f"{done} already captured")
    if held:
        parts.append(f"{held} backing off")
    if duplicates:
        parts.append(count(duplicates, "duplicate line"))
    return f" ({', '.join(parts)})" if parts else ""


def _hold_waiting(catalog: Catalog, todo: list[Seed], summary: FetchSummary, reporter: Reporter) -> list[Seed]:
    """``todo`` without the URLs of hosts whose ``Retry-After`` (heard by an earlier run) has not passed;
    one line per such host. They stay unfetched: the first run after the time takes them."""
    asked = waits.pending(catalog.conn)
    if not asked:
        return todo
    held: dict[str, int] = {}
    kept = []
    for seed in todo:
        host = host_key(seed.url)
        if host in asked:
            held[host] = held.get(host, 0) + 1
        else:
            kept.append(seed)
    for host, n in held.items():
        until, said = asked[host]
        reporter.log("host-waits", f"{host} asked for a pause until {until} (Retry-After: {said}, on an earlier "
                     f"run): {count(n, 'URL')} not fetched now; the first run after that time fetches "
                     f"{'it' if n == 1 else 'them'}", host=host, until=until, urls=n)
    summary.held = sum(held.values())
    return kept


def report_recovered(settings: Settings, reporter: Reporter) -> None:
    """Close ``.open`` WARC files a killed run (or a killed Ray worker) left behind."""
    for name, dropped, orphans in recover_open_files(settings.warcs, record_offsets(settings.db)):
        dropped_what = (f"{dropped} bytes dropped: the records of {count(orphans, 'capture')} the catalog never "
                        "recorded (the run was stopped before it could), fetched again now" if orphans
                        else f"{dropped} torn bytes dropped")
        reporter.log("recovered", f"recovered {name} from an interrupted run ({dropped_what}"
                     f"{recovered_gone(settings.warcs, name)})",
                     warc=name, dropped=dropped, uncatalogued=orphans)


def end_fetch(summary: FetchSummary, reporter: Reporter) -> None:
    """The summary lines; the first carries the counts as fields (JSON logs: what a job's alert reads)."""
    for i, line in enumerate(summary.lines()):
        reporter.log("summary", line, **(summary.fields() if i == 0 else {}))


def _run_with_signals(make: Callable[[asyncio.Event], Any]) -> bool:
    """Run the coroutine with SIGINT/SIGTERM setting a stop event; return True if stopped."""

    async def main() -> bool:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        for sig in before:
            loop.add_signal_handler(sig, stop.set)
        listen_for_stop(tuple(before))  # heard at once by a wait on a locked catalog too (catalog.PatientConnection)
        try:
            await make(stop)
        finally:
            forget_stop()
            for sig, handler in before.items():
                loop.remove_signal_handler(sig)  # which leaves SIGTERM at its default (a kill): put back ours
                if handler is not None:
                    signal.signal(sig, handler)
        return stop.is_set()

    return asyncio.run(main())


__all__ = ["FetchSummary", "begin_fetch", "end_fetch", "fetch_list", "fetch_seeds"]
