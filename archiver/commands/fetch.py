"""``archiver fetch LIST``: archive the new URLs of a list file into WARC files.

Exit status: 0 all well (a list with nothing to capture too), 1 when a URL failed or a line of the list is bad,
2 usage error, 75 another run holds the archive (EX_TEMPFAIL: this one did nothing; --wait-lock to wait),
130 interrupted.
"""
from __future__ import annotations

import argparse
import os
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from archiver.config import Settings, add_arguments

if TYPE_CHECKING:
    from archiver.fetch.summary import FetchSummary
    from archiver.report import Reporter

FETCH_OPTIONS = [
    "warcs", "db", "concurrency", "per_host", "delay", "timeout", "total_timeout", "url_timeout", "retries",
    "retry_after_max", "host_timeouts", "max_body", "private_redirects", "user_agent", "ignore_robots",
    "crawl_delay_max", "refresh",
    "warc_max_size", "warc_prefix", "resolve", "ca_bundle", "http2", "log_format", "progress", "ray", "wait_lock",
]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fetch", help="fetch the new URLs of a list file into WARC files",
                            description=__doc__)
    parser.add_argument("list", metavar="LIST", help="list file: one URL per line, # comments")
    add_arguments(parser, FETCH_OPTIONS)
    parser.set_defaults(func=run)


class RunSkipped(Exception):
    """A ``--watch`` run that found the previous one still at work: it does nothing (exit 0); the message says so.

    ``holder``: the lock file's line naming the run that holds it (``archiver run pid N since TIME: ...``)."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


def busy_watch(exc: Exception) -> Exception:
    """What a ``--watch`` run does when the archive is held (:class:`archiver.archive_lock.ArchiveBusy`): cron
    starts the next run on the clock, and the one before may still be fetching, so a holder younger than
    :data:`archiver.archive_lock.STUCK_AFTER` makes it a :class:`RunSkipped` (before 2026-12-05 an error, exit 2,
    every few minutes a run took long); an older one, or one whose start cannot be read, is the usage error it
    was, saying for how long (a stuck run, or a list the schedule cannot keep up with)."""
    from datetime import UTC, datetime

    from archiver.archive_lock import STUCK_AFTER
    from archiver.cli import UsageError
    from archiver.wording import count

    since = getattr(exc, "since", None)
    if since is None:
        return UsageError(str(exc))
    age = (datetime.now(UTC) - since).total_seconds()
    if age < STUCK_AFTER:
        minutes = int(age // 60)
        ago = f"{count(minutes, 'minute')} ago" if minutes else "under a minute ago"
        return RunSkipped(f"archiver run: skipped: the previous run still holds the archive "
                          f"({getattr(exc, 'holder', '')}; started {ago}): the next run takes what is due (a run "
                          "holding it for over an hour is an error: stuck?)", getattr(exc, "holder", ""))
    hours, minutes = int(age // 3600), int(age % 3600 // 60)
    return UsageError(f"{exc}; held for {hours} h {minutes} min, longer than a --watch run should take: is it stuck "
                      "(kill it; the next run goes on), or does the list hold more than the schedule can fetch "
                      "(--per-host, --concurrency, a longer cron interval)?")


def fetch(args: argparse.Namespace, settings: Settings, again=None, keep: ExitStack | None = None):
    """Shared by ``fetch`` and ``run``: returns the FetchSummary (``again``: see ``fetch_list``).

    ``keep``: the caller's ExitStack, to hold the archive's lock past the fetch until it closes (``run``: its
    extraction and watch judging too, so the next scheduled run does not redo them beside it)."""
    from archiver.archive_lock import ArchiveBusy, ArchiveUnwritable, archive_lock, unwritable_message
    from archiver.cli import UsageError
    from archiver.fetch import fetch_list
    from archiver.lists import NotAList
    from archiver.report import Reporter
    from archiver.warc import disk_full

    reporter = Reporter(settings.log_format, settings.progress)
    try:
        check_list_readable(args.list)  # the list first: its errors are told as such, apart from the archive's
    except OSError as exc:
        hint = ""
        if "://" in str(args.list):  # archivebox add URL, wget URL: here a URL goes in a list file
            hint = f"; LIST is a file of URLs, one a line: echo '{args.list}' > urls.txt, then give urls.txt"
        elif str(args.list) == "-" and not Path("-").exists():  # a pipe: the catalog keeps each seed's list file
            hint = ("; standard input is not read as the list (each capture records its list file and line): "
                    "write the URLs to a file, one a line, and give that file")
        raise UsageError(f"cannot read list file {args.list}: {exc.strerror or exc}{hint}") from None
    try:
        with ExitStack() as here:  # one run at a time per archive (index.cdxj included)
            (keep or here).enter_context(archive_lock(settings, reporter.log))
            if settings.ray:
                from archiver.cluster import fetch_list_on_ray

                summary = fetch_list_on_ray(settings, args.list, reporter, again)
            else:
                summary = fetch_list(settings, args.list, reporter, again)
            # the WARCs this run closed, into warcs/index.cdxj (with the lines the writer made for them)
            _index(settings, reporter, summary)
    except ArchiveBusy as exc:
        if again is not None:  # a --watch run (cron's): the one before it still at work
            raise busy_watch(exc) from None
        raise  # exit 75 (archiver.cli.EXIT_BUSY): another run holds the archive, try again later
    except ArchiveUnwritable as exc:
        raise UsageError(str(exc)) from None
    except (FileNotFoundError, IsADirectoryError) as exc:
        if exc.filename is not None and str(exc.filename) == str(args.list):
            raise UsageError(f"cannot read list file {args.list}: {exc.strerror or exc}") from None
        raise UsageError(f"cannot write {exc.filename or settings.warcs}: {exc.strerror or exc}") from None
    except PermissionError as exc:  # the list was readable: this is the archive
        raise UsageError(unwritable_message(exc.filename or settings.warcs, exc)) from None
    except NotAList as exc:
        raise UsageError(f"cannot read list file {args.list}: {exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except Exception as exc:  # a full disk before the run got going (catalog, recovered WARCs, index)
        catalog = "database" in str(exc).lower() or type(exc).__module__ == "sqlite3"
        full = disk_full(exc, settings.db if catalog else settings.warcs)
        if full is None:
            raise
        raise full from None  # exit 1 (the run failed, the input was fine): see archiver.cli
    return summary, reporter


def _index(settings: Settings, reporter: Reporter, summary: FetchSummary) -> None:
    """``update_index`` for the WARCs the run closed. After a run a full disk stopped (its message said), no room
    for the index either is one line, not a second error: the index is replaced whole or not at all, and the
    next run indexes the files this one closed."""
    from archiver.archive.cdxj import update_index
    from archiver.warc import disk_full

    if not summary.disk_full:
        update_index(settings.warcs, reporter, known=summary.cdxj)
        return
    try:
        update_index(settings.warcs, reporter, known=summary.cdxj)
    except Exception as exc:
        if disk_full(exc, settings.warcs) is None:
            raise
        reporter.log("cdxj-failed", "index.cdxj: not updated, no room for it either: the next run indexes the "
                     "files this one closed")


def check_list_readable(path: str) -> None:
    """Raise OSError when the list file cannot be opened. A pipe (a FIFO; ``<(command)``) is only
    looked at: opening it here and closing it would take the one writer's lines, and the real read
    would then wait for a writer for ever."""
    import errno
    import stat

    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if not stat.S_ISFIFO(mode):
        with open(path, "rb"):
            pass


def run(args: argparse.Namespace, settings: Settings) -> int:
    summary, _ = fetch(args, settings)
    return summary.exit_code
