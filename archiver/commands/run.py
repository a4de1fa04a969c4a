"""``archiver run LIST``: fetch the new URLs, extract their clean text, optionally diff it against stored copies."""
from __future__ import annotations

import argparse

from archiver.commands.fetch import FETCH_OPTIONS, fetch
from archiver.config import Settings, add_arguments


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="fetch, then extract clean text (then --compare)", description=__doc__)
    parser.add_argument("list", metavar="LIST", help="list file: one URL per line, # comments")
    add_arguments(parser, FETCH_OPTIONS + ["clean", "jobs", "extract_timeout", "compare", "manifest", "threshold",
                                           "format", "output"])
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    summary, reporter = fetch(args, settings)
    if summary.interrupted:
        return summary.exit_code
    codes = [summary.exit_code]
    from archiver.commands.extract import job_runner
    from archiver.extract_run import extract_pending

    extracted = extract_pending(settings, reporter=reporter, runner=job_runner(settings))
    codes.append(extracted.exit_code)
    if settings.compare:
        from archiver.diff.run import compare_run

        codes.append(compare_run(settings, None, settings.compare, settings.manifest, settings.format,
                                 settings.output, threshold=settings.threshold))
    return max(codes)
