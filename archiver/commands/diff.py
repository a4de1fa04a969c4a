"""``archiver diff NEW OLD``: compare clean text with stored copies, ignoring layout and boilerplate.

Words only a stored copy has are looked up on the capture each clean file came
from (its sidecar's removed blocks, and the page itself read from the WARC file
in --warcs); without a capture the extractor's rules decide. The report says
which way each pair was judged.

Exit status: 0 when no pair changed in content and no stored copy is missing, 1
otherwise, 2 on an error, so a scheduled job can alert on it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.config import Settings, add_arguments

REPORT_OPTIONS = ["format", "output"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("diff", help="compare clean text with stored copies", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("new", metavar="NEW", help="clean text: a .txt file or a folder (sidecar .json beside)")
    parser.add_argument("old", metavar="OLD", help="stored copies: a file or a folder")
    add_arguments(parser, ["manifest", "threshold", "warcs"] + REPORT_OPTIONS)
    parser.set_defaults(func=run)


def check_output(settings: Settings) -> None:
    from archiver.cli import UsageError

    if settings.format == "html" and not settings.output:
        raise UsageError("--format html needs --output FILE")
    if settings.output and settings.output != "-":  # before the work, not a traceback after it
        out = Path(settings.output)
        if out.is_dir():
            raise UsageError(f"--output {out} is a folder: give the report's file name")
        if not out.parent.is_dir():
            raise UsageError(f"cannot write {out}: no such folder {out.parent}")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.diff import diff_paths, exit_code
    from archiver.diff.reports import render
    from archiver.diff.run import write_report
    from archiver.diff.sources import SourceError

    check_output(settings)
    try:
        results = diff_paths(args.new, args.old, manifest=settings.manifest, threshold=settings.threshold,
                             warcs=[settings.warcs])
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    # a side with nothing to compare is most often the wrong folder: '0 pairs, exit 0' would hide it
    if not any(r.new for r in results):
        print(f"archiver diff: warning: no clean text files (.txt) in {args.new}", file=sys.stderr)
    if not any(r.old for r in results):
        print(f"archiver diff: warning: no stored copies in {args.old} (.txt, .md, .markdown, .text)", file=sys.stderr)
    color = settings.format == "text" and not settings.output and sys.stdout.isatty()
    try:
        write_report(render(results, settings.format, color=color), settings.output)
    except OSError as exc:
        raise UsageError(f"cannot write {settings.output}: {exc.strerror or exc}") from None
    if settings.output:
        from archiver.diff.reports.text import summary_line

        print(f"archiver diff: {summary_line(results)}; report in {settings.output}", file=sys.stderr)
    return exit_code(results)
