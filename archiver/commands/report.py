"""``archiver report --output DIR``: a static site of watched articles and their versions on a timeline.

``DIR/index.html`` lists the watched URLs (every captured URL when none is
watched) with their last capture, versions and last content change; one page
per URL shows every capture on a timeline (what it was judged to be, its WARC
record, with ``--replay-url`` a link into a wayback-style replay) and the
word-level diff of each version step. The pages run no script.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from archiver.config import Settings, add_arguments


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="write a static timeline site of watched URLs", description=__doc__)
    parser.add_argument("urls", metavar="URL", nargs="*", help="only these URLs (default: the watched ones)")
    add_arguments(parser, ["warcs", "db", "clean", "output", "replay_url"])
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.timeline.site import write_site

    if not settings.output:
        raise UsageError("report needs --output DIR (the folder to write the site into)")
    assert settings.db is not None
    if not settings.db.exists():
        raise UsageError(f"no catalog at {settings.db}")
    try:
        summary = write_site(settings.db, settings.clean, settings.warcs, Path(settings.output), settings.replay_url,
                             list(args.urls) or None)
    except OSError as exc:
        raise UsageError(f"cannot write the site into {settings.output}: {exc.strerror or exc}") from None
    print(f"report: {summary.pages} URL pages, {summary.versions} versions, {summary.changes} content changes "
          f"-> {settings.output}/index.html")
    return 0
