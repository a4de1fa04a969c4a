"""``archiver run LIST``: fetch the new URLs, extract their clean text, optionally diff it against stored copies.

With ``--watch``, URLs already archived are captured again when their next check
is due (see README, "Watching articles for edits"); each new capture is judged
against the article, content changes are sent to every ``--notify`` target and
listed in ``clean/changes.atom``. Exit status: 0 all well, 1 when a URL failed or
(with ``--watch``) this run found an edit, a byline change, an article gone or back
or an extraction warning, or a notification failed (kept for the next run), 2 usage
error, 75 another run holds the archive (EX_TEMPFAIL: this one did nothing), 130
interrupted. With ``--watch``, a 404/410 at an article told gone before is no
failure ("still gone"), and a run that finds the run before it still holding the
archive skips with exit 0 (2 when that run has held it for over an hour).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING

from archiver.commands.fetch import FETCH_OPTIONS, RunSkipped, fetch
from archiver.config import OPTIONS, Settings, add_arguments

if TYPE_CHECKING:
    from datetime import datetime

    from archiver.watch.run import DueSelector

WATCH_OPTIONS = ["watch", "watch_intervals", "watch_max_age", "watch_backoff", "notify", "notify_digest", "replay_url",
                 "now"]


WATCH_ONLY = ["notify", "notify_digest", "watch_intervals", "watch_max_age", "watch_backoff"]


def unwatched_settings(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> list[str]:
    """A warning naming the watch settings given (as flags, or by their variables) to a run without ``--watch``:
    they do nothing then, and a cron line with ``--notify`` but no ``--watch`` sent nothing, ever, without a
    word (a bad --notify URL was not even checked). None when ``--no-watch`` was given: turned off on purpose.
    Called for a run without ``--watch`` only."""
    environ = os.environ if environ is None else environ
    if getattr(args, "watch", None) is not None:
        return []
    given = [OPTIONS[name].cli if getattr(args, name, None) is not None else OPTIONS[name].env
             for name in WATCH_ONLY if getattr(args, name, None) is not None or environ.get(OPTIONS[name].env)]
    if not given:
        return []
    return [f"{', '.join(given)} {'does' if len(given) == 1 else 'do'} nothing without --watch: no archived URL "
            "is checked for edits and no notification is sent; add --watch (or set ARCHIVER_WATCH=1)"]


def _notify_source(args: argparse.Namespace) -> str:
    """Where a --notify URL apprise refuses came from, when not a flag: the variable, split at its commas."""
    if args.notify is not None:
        return ""
    split = "," in os.environ.get("ARCHIVER_NOTIFY", "")
    return ("; it came from ARCHIVER_NOTIFY" + (", split at its commas (a URL holding a comma, as a mail URL's "
                                                "?to=a@x,b@x does, must be given as --notify)" if split else ""))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="fetch, then extract clean text (then --compare; --watch)",
                            description=__doc__)
    parser.add_argument("list", metavar="LIST", help="list file: one URL per line, # comments")
    add_arguments(parser, FETCH_OPTIONS + ["clean", "jobs", "extract_timeout", "compare", "manifest", "threshold",
                                           "format", "output"] + WATCH_OPTIONS,
                  {"format": replace(OPTIONS["format"], help="with --compare: the diff report's format, text "
                                                             "(coloured on a terminal), json or html"),
                   "output": replace(OPTIONS["output"], help="with --compare: write the diff report to this file "
                                                             "(required for html)")})
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.output import clean_folder_problem

    problem = clean_folder_problem(settings.clean)  # before fetching: else every page fails to extract
    if problem:
        raise UsageError(problem)
    if settings.compare:
        from archiver.commands.diff import check_output

        check_output(settings)  # the --compare report's file: said now, not after the whole run
        for name in ("compare", "manifest"):  # a missing folder was said after the whole run, unnamed
            given = getattr(settings, name)
            if given and not os.path.exists(given):
                raise UsageError(f"--{name} / ARCHIVER_{name.upper()}: no such file or folder: {given}")
    for warning in [] if settings.watch else unwatched_settings(args):
        print(f"archiver: warning: {warning}", file=sys.stderr)
    again: DueSelector | None = None
    now = None
    if settings.watch:
        from archiver.watch.backoff import parse_backoff
        from archiver.watch.notify import NotifyError, check_targets
        from archiver.watch.run import DueSelector, policy, run_clock

        try:
            check_targets(settings.notify)
        except NotifyError as exc:  # named as the settings' other errors are: where the value came from
            raise UsageError(str(exc) + _notify_source(args)) from None
        now = run_clock(settings)
        if settings.log_format == "text":  # a cron log appends every run: this line says which run said what
            from archiver.watch.clock import iso
            from archiver.watch.clock import now as real_clock

            clock = f"; the schedule's clock set to {iso(now)} by --now / ARCHIVER_NOW" if settings.now else ""
            print(f"watch run {iso(real_clock())} (pid {os.getpid()}{clock})", flush=True)
        again = DueSelector(now, policy(settings), parse_backoff(settings.watch_backoff), settings.per_host)
    with ExitStack() as keep:  # the archive's lock, from the fetch to the end of the run
        return _run(args, settings, again, now, keep)


def _run(args: argparse.Namespace, settings: Settings, again: DueSelector | None, now: datetime | None,
         keep: ExitStack) -> int:
    """The run after its checks: fetch (taking the archive's lock into ``keep``), extract, judge, compare.

    The lock is held to the end: it covered the fetch alone, so cron's next run, finding it free while this one
    still extracted, extracted the same pages beside it, judged the same captures (an edit could be told twice)
    and fetched again URLs this run had just captured (before 2026-12-06)."""
    try:
        summary, reporter = fetch(args, settings, again, keep)
    except RunSkipped as skipped:  # cron's next --watch run while the one before is still at work
        from archiver.report import Reporter

        # a JSON line under --log-format json: a plain one among them broke log shippers (before 2026-12-06)
        Reporter(settings.log_format, "never").log("run-skipped", str(skipped), holder=skipped.holder)
        return 0
    if summary.interrupted or summary.disk_full:
        return summary.exit_code
    codes = [summary.exit_code]
    from archiver.commands.extract import job_runner
    from archiver.extract_run import extract_pending

    extracted = extract_pending(settings, reporter=reporter, runner=job_runner(settings))
    codes.append(extracted.exit_code)
    if again is not None and now is not None:
        from archiver.watch.run import after_extract

        watched = after_extract(settings, again.mark, now, reporter)
        codes.append(1 if watched.new_changes or watched.failures else 0)
        if summary.exit_code == 1 and 0 < summary.failed <= watched.still_gone and not summary.bad_lines \
                and not summary.disk_full:  # each failure an article told gone before: nothing new to alert on
            codes[0] = 0
    if settings.compare:
        from archiver.diff.run import compare_run

        codes.append(compare_run(settings, None, settings.compare, settings.manifest, settings.format,
                                 settings.output, threshold=settings.threshold, urls=list_urls(args.list)))
    return max(codes)


def list_urls(path: str) -> set[str]:
    """The catalog's spellings of the URLs of list file ``path``: what ``run LIST --compare`` compares (the
    whole archive's clean text was compared, so a second list's report named every other page unpaired)."""
    from archiver.lists import read_list
    from archiver.urls import redact_url

    return {redact_url(seed.url) for seed in read_list(path).seeds}
