"""archiver extract [WARC ...]: clean article text for the archived HTML pages not yet extracted.

Writes CLEAN/HOST/SLUG.txt (title, blank line, paragraphs) and its sidecar
SLUG.json for each URL (the newest capture's text), keeps every capture's
version under CLEAN/HOST/.versions/, and records each capture's result in the
catalog. Pages that failed before are tried again; --all redoes everything.
Exit codes: 0 all pages extracted (or skipped: not HTML, empty), 1 some page
failed (error, timeout), 2 usage error, 130 interrupted.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.commands.refusals import no_catalog
from archiver.config import Settings, add_arguments

if TYPE_CHECKING:  # imported when used: every command (fetch too) loads this module to build the parser
    from archiver.extract_pool import Runner

EXTRACT_OPTIONS = ["warcs", "db", "clean", "jobs", "extract_timeout", "log_format", "progress", "ray"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("extract", help="extract clean article text from the archived pages",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warc_files", metavar="WARC", nargs="*",
                        help="only the captures stored in these WARC files (default: the whole catalog)")
    parser.add_argument("--all", dest="all_", action="store_true",
                        help="extract every capture again, not only those not yet extracted")
    add_arguments(parser, EXTRACT_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.cli import UsageError
    from archiver.extract_run import extract_pending
    from archiver.report import Reporter

    if settings.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if settings.extract_timeout < 0:
        raise UsageError("--extract-timeout must not be negative")
    reporter = Reporter(settings.log_format, settings.progress)
    warc_files = list(args.warc_files) or None
    refusal = None if warc_files else no_catalog(settings.db, "'archiver fetch' or 'archiver import WARC'",
                                                 warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    from archiver.output import clean_folder_problem

    problem = clean_folder_problem(settings.clean)  # before importing or extracting anything
    if problem:
        raise UsageError(problem)
    unread = 0  # 1 if a file named on the command line could not be imported (not a WARC, cut short)
    if warc_files:
        warc_files, unread = catalog_keys(settings, warc_files, reporter)
    summary = extract_pending(settings, all_=args.all_, warc_files=warc_files, reporter=reporter,
                              runner=job_runner(settings))
    return max(summary.exit_code, unread)


def job_runner(settings: Settings) -> Runner:
    """The extraction backend: the local process pool, or its Ray twin when ``--ray`` names a cluster."""
    if settings.ray:
        from archiver.cluster import run_jobs_on_ray

        return run_jobs_on_ray(settings.ray)
    from archiver.extract_pool import run_jobs

    return run_jobs


def catalog_keys(settings: Settings, warc_files: list[str], reporter: Any) -> tuple[list[str], int]:
    """The catalog's names for the given WARC files, and the exit code of importing those the catalog lacks
    (another tool's files, imported first): 1 if one of them could not be read (not a WARC file, cut short),
    as ``archiver import`` of the same file exits; 0 otherwise (mend70: nuser48 finding 3, exit 0 after
    "not a WARC file")."""
    from archiver.archive.importer import catalog_name
    from archiver.archive.ledger import import_noted
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.commands.import_ import report_import
    from archiver.records import known_warc_files

    known = known_warc_files(settings) if Path(settings.db).exists() else set()
    keys, to_import, unread = [], [], 0
    for given in warc_files:
        path = Path(given)
        if path.is_file() and not given.endswith(".open"):
            key = catalog_name(settings.warcs, path)
            if key not in known:
                to_import.append(path)
        else:  # a name in the WARC folder (its file may still be .open)
            key = path.name.removesuffix(".open")
            if key not in known:
                raise UsageError(f"not in the catalog {settings.db}, and no such file: {given}")
        keys.append(key)
    if to_import:
        with Catalog(settings.db) as catalog:
            imported = import_noted(catalog, settings.warcs, to_import)
        report_import(settings, imported, reporter)  # as 'archiver import' does: index.cdxj too
        # an ARC file is in the catalog under its WARC copy's name
        copies = {catalog_name(settings.warcs, r.path): r.name for r in imported.files if r.converted and r.name}
        keys = [copies.get(key, key) for key in keys]
        unread = imported.exit_code
    return keys, unread
