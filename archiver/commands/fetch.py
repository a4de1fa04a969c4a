"""``archiver fetch LIST``: archive the new URLs of a list file into WARC files."""
from __future__ import annotations

import argparse

from archiver.config import Settings, add_arguments

FETCH_OPTIONS = [
    "warcs", "db", "concurrency", "per_host", "delay", "timeout", "total_timeout", "retries",
    "retry_after_max", "max_body", "user_agent", "ignore_robots", "refresh", "warc_max_size",
    "warc_prefix", "resolve", "ca_bundle", "http2", "log_format", "progress", "ray",
]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("fetch", help="fetch the new URLs of a list file into WARC files",
                            description=__doc__)
    parser.add_argument("list", metavar="LIST", help="list file: one URL per line, # comments")
    add_arguments(parser, FETCH_OPTIONS)
    parser.set_defaults(func=run)


def fetch(args: argparse.Namespace, settings: Settings, again=None):
    """Shared by ``fetch`` and ``run``: returns the FetchSummary (``again``: see ``fetch_list``)."""
    from archiver.archive.cdxj import update_index
    from archiver.cli import UsageError
    from archiver.fetch import fetch_list
    from archiver.report import Reporter

    reporter = Reporter(settings.log_format, settings.progress)
    try:
        if settings.ray:
            from archiver.cluster import fetch_list_on_ray

            summary = fetch_list_on_ray(settings, args.list, reporter, again)
        else:
            summary = fetch_list(settings, args.list, reporter, again)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise UsageError(f"cannot read list file {args.list}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    update_index(settings.warcs, reporter)  # the WARCs this run closed, into warcs/index.cdxj
    return summary, reporter


def run(args: argparse.Namespace, settings: Settings) -> int:
    summary, _ = fetch(args, settings)
    return summary.exit_code
