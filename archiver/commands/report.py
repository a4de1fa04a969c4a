"""``archiver report --output DIR``: a static site of watched articles and their versions on a timeline.

``DIR/index.html`` lists the watched URLs (every captured URL when none is
watched) with their last capture, versions and last content change; one page
per URL shows every capture on a timeline (what it was judged to be, its WARC
record, with ``--replay-url`` a link into a wayback-style replay) and the
word-level diff of each version step. The pages run no script.

A URL named on the command line is found as ``archiver history`` finds it (a
trailing slash, a normalised spelling, the final URL after redirects); one with
no capture is left out with a message. Exit status: 0 written, 1 written
without some named URL, 2 usage error (none of the named URLs has a capture).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from archiver.commands.refusals import no_catalog
from archiver.config import OPTIONS, Settings, add_arguments
from archiver.wording import NOT_EXTRACTED_WHY, count


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="write a static timeline site of watched URLs", description=__doc__)
    parser.add_argument("urls", metavar="URL", nargs="*", help="only these URLs (default: the watched ones)")
    add_arguments(parser, ["warcs", "db", "clean", "output", "replay_url"],
                  {"output": replace(OPTIONS["output"], help="the folder the site is written into (required)")})
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.timeline.site import write_site

    if not settings.output:
        raise UsageError("report needs --output DIR (the folder to write the site into)")
    assert settings.db is not None
    refusal = no_catalog(settings.db, warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    urls, unknown = named_urls(settings, args.urls)
    if args.urls and not urls:
        raise UsageError("; ".join(unknown))
    if Path(settings.output).exists() and not Path(settings.output).is_dir():
        raise UsageError(f"--output {settings.output} is a file: report writes a folder (index.html and one page "
                         "per URL); give a folder's name")
    try:
        summary = write_site(settings.db, settings.clean, settings.warcs, Path(settings.output), settings.replay_url,
                             urls or None)
    except OSError as exc:
        raise UsageError(f"cannot write the site into {settings.output}: {exc.strerror or exc}") from None
    for message in unknown:
        print(f"report: left out: {message}", file=sys.stderr)
    print(f"report: {count(summary.pages, 'URL page')}, {count(summary.versions, 'version')}, "
          f"{count(summary.changes, 'content change')} "
          f"-> {Path(settings.output) / 'index.html'}")  # 'site/' given: not 'site//index.html'
    if summary.pending:  # 0 versions, 0 changes, and nothing said why (before 2026-12-07)
        one = summary.pending == 1
        print(f"report: {count(summary.pending, 'capture')} {'is' if one else 'are'} not extracted yet "
              f"({NOT_EXTRACTED_WHY}), so {'it is' if one else 'they are'} in no version and no change of the "
              "site: run 'archiver extract', then this command again", file=sys.stderr)
    return 1 if unknown else 0


def named_urls(settings: Settings, given: list[str]) -> tuple[list[str], list[str]]:
    """(the catalog's spelling of each given URL that has captures, a message for each that has none).

    A URL is found as ``archiver history`` finds it: as given, else normalised and with or
    without its trailing slash; as the seed URL or the final URL after redirects.
    """
    from archiver.catalog import Catalog
    from archiver.commands.history import no_captures_message
    from archiver.diff.pairing import url_spellings

    found: list[str] = []
    unknown: list[str] = []
    with Catalog(settings.db, readonly=True) as catalog:
        for url in given:
            row = next((r for c in url_spellings(url) for r in [catalog.conn.execute(
                "SELECT url FROM captures WHERE url = ? OR final_url = ? ORDER BY id LIMIT 1", (c, c)).fetchone()]
                if r), None)
            if row is None:
                unknown.append(no_captures_message(settings, url))
            elif row[0] not in found:
                found.append(row[0])
    return found, unknown
