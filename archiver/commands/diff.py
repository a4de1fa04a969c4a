"""``archiver diff NEW OLD``: compare clean text with stored copies, ignoring layout and boilerplate.

Exit status: 0 when no pair changed in content and no stored copy is missing, 1
otherwise, 2 on an error, so a scheduled job can alert on it.
"""
from __future__ import annotations

import argparse
import sys

from archiver.config import Settings

FORMATS = ("text", "json", "html")


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", dest="report_format", default="text", choices=FORMATS,
                        help="report format (default: text, coloured on a terminal)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (required for html)")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="compare clean text with stored copies", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("new", metavar="NEW", help="clean text: a .txt file or a folder (sidecar .json beside)")
    parser.add_argument("old", metavar="OLD", help="stored copies: a file or a folder")
    parser.add_argument("--manifest", metavar="FILE",
                        help="file<TAB>url lines (after a header) naming the URL of each stored copy")
    parser.add_argument("--threshold", type=float, default=None,
                        help="least shingle overlap for pairing by content (default: 0.5)")
    add_report_arguments(parser)
    parser.set_defaults(func=run)


def check_output(args: argparse.Namespace) -> None:
    from archiver.cli import UsageError

    if args.report_format == "html" and not args.output:
        raise UsageError("--format html needs --output FILE")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.diff import diff_paths, exit_code
    from archiver.diff.pairing import DEFAULT_THRESHOLD
    from archiver.diff.reports import render
    from archiver.diff.run import write_report
    from archiver.diff.sources import SourceError

    check_output(args)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0 < threshold <= 1:
        raise UsageError("--threshold must be in (0, 1]")
    try:
        results = diff_paths(args.new, args.old, manifest=args.manifest, threshold=threshold)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    color = args.report_format == "text" and not args.output and sys.stdout.isatty()
    try:
        write_report(render(results, args.report_format, color=color), args.output)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if args.output:
        from archiver.diff.reports.text import summary_line

        print(f"archiver diff: {summary_line(results)}; report in {args.output}", file=sys.stderr)
    return exit_code(results)
