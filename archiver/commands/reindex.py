"""archiver reindex [WARC...]: rebuild the catalog from the WARC folder alone.

Every closed WARC file in --warcs (and any WARC named here, e.g. files imported
from elsewhere) is read, oldest first; the captures come back as the fetches
recorded them (archiver writes a metadata record per capture: seed URL, list
file and line, outcome), foreign WARCs as 'archiver import' reads them. The old
catalog is kept aside, not deleted. WARC files the old catalog had imported
from outside the folder and not named here are listed with the command that
keeps them (their captures are not in the new catalog), and so are files in the folder
it does not read (a WACZ imported from inside it); with no old catalog (deleted, or too damaged to read), the
files warcs/imports.jsonl says 'archiver import' read are listed so. Then run 'archiver extract --all' to rebuild
the extraction rows and the search index (the clean files come out the same).
Exit codes: 0 every file read and every capture of the old catalog in the new one, 1 some file could
not be read (to its end) or the new catalog lacks files the old one held (listed, with the command that
keeps them), 2 usage error, 75 another run holds the archive.
"""
from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from archiver.config import Settings, add_arguments
from archiver.wording import count

REINDEX_OPTIONS = ["warcs", "db", "log_format", "wait_lock"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reindex", help="rebuild a lost or damaged catalog from the WARC files",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("extra", metavar="WARC", nargs="*",
                        help="WARC files outside the WARC folder to import as well")
    add_arguments(parser, REINDEX_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.archive_lock import ArchiveUnwritable, archive_lock  # ArchiveBusy: exit 75 (cli)
    from archiver.cli import UsageError
    from archiver.commands.import_ import not_files
    from archiver.report import Reporter

    if not Path(settings.warcs).is_dir():
        raise UsageError(f"no WARC folder at {settings.warcs} (give --warcs)")
    extra = [Path(p) for p in args.extra]
    problem = not_files(extra, "reindex")
    if problem:
        raise UsageError(problem)
    reporter = Reporter(settings.log_format, "never")
    try:
        # a fetch writing to the archive meanwhile would have its catalog replaced under it, its rows since
        # then going to the old one and its .open WARC file left out: one run at a time, as two fetches
        with archive_lock(settings, reporter.log):
            return _rebuild(settings, reporter, extra)
    except ArchiveUnwritable as exc:  # read-only: no lock file could be made (was a traceback)
        raise UsageError(str(exc)) from None


def _rebuild(settings: Settings, reporter: Any, extra: list[Path]) -> int:
    from archiver.archive.cdxj import update_index
    from archiver.archive.ledger import LEDGER
    from archiver.archive.reindex import reindex

    result = reindex(settings, reporter, extra)  # extra read where the catalog first saw them, so ids come back
    summary = result.summary
    for report in summary.files:
        for line in report.lines():
            reporter.log("import-file", line, file=report.path, captures=report.captures,
                         unusable=dict(report.unusable), error=report.error)
    named = {str(p.resolve()) for p in extra}
    folder = Path(settings.warcs).resolve()
    # a file gone since (deleted or moved) cannot be named back: before 2026-12-06 the advice named it all the same,
    # and following it failed 'no such WARC file' (exit 2); it is told apart, with no command
    gone: list[str] = []
    left_out = _present([(name, n) for name, n in result.outside
                         if name not in named and Path(name).parent != folder], gone)
    if left_out:
        shown = " ".join(shlex.quote(name) for name, _ in left_out)
        reporter.log("reindex-left-out",
                     "reindex: incomplete (exit 1): the old catalog held "
                     f"{count(sum(n for _, n in left_out), 'capture')} "
                     f"of {count(len(left_out), 'WARC file')} outside {settings.warcs}, not named here, so not "
                     f"in the new catalog ({', '.join(name for name, _ in left_out)}); to keep them, name them: "
                     f"archiver reindex {shown}",
                     files=[name for name, _ in left_out])
    if result.unknown:
        reporter.log("reindex-unknown",
                     f"reindex: warning: the damaged old catalog could not be read for the WARC files it held "
                     f"captures of: any imported from outside {settings.warcs} (or a WACZ) is not in the new "
                     "catalog; name them to keep them: archiver reindex FILE...")
    ledger_only = [name for name, _ in _present([(name, 0) for name in result.ledger_only
                                                 if str(Path(name).resolve()) not in named], gone)]
    if ledger_only:
        shown = " ".join(shlex.quote(name) for name in ledger_only)
        reporter.log("reindex-left-out",
                     f"reindex: incomplete (exit 1): {Path(settings.warcs) / LEDGER} names "
                     f"{count(len(ledger_only), 'file')} 'archiver import' read that reindex did not (outside "
                     f"{settings.warcs}, or a WACZ), so their captures are not in the new catalog "
                     f"({', '.join(ledger_only)}); to keep them, name them: archiver reindex {shown}",
                     files=ledger_only)
    unread = _present([(name, n) for name, n in result.unread if str(Path(name).resolve()) not in named], gone)
    if unread:
        shown = " ".join(shlex.quote(name) for name, _ in unread)
        reporter.log("reindex-unread",
                     "reindex: incomplete (exit 1): the old catalog held "
                     f"{count(sum(n for _, n in unread), 'capture')} "
                     f"of {count(len(unread), 'file')} in {settings.warcs} that reindex does not read (it reads "
                     f".warc and .warc.gz files; a WACZ is read only when named), so not in the new catalog "
                     f"({', '.join(Path(name).name for name, _ in unread)}); to keep them, name them: "
                     f"archiver reindex {shown}",
                     files=[name for name, _ in unread])
    if gone:
        reporter.log("reindex-gone",
                     f"reindex: incomplete (exit 1): {count(len(gone), 'file')} 'archiver import' read "
                     f"{'is' if len(gone) == 1 else 'are'} gone ({', '.join(gone)}: deleted or moved?), so "
                     "their captures cannot be rebuilt and are not in the new catalog; if moved, name the new "
                     f"place: archiver reindex FILE...; if deleted on purpose, remove their lines from "
                     f"{Path(settings.warcs) / LEDGER} to stop this warning",
                     files=gone)
    update_index(settings.warcs, reporter)
    counts = summary.counts()
    reporter.log("reindex-summary", f"reindex: {count(counts['files'], 'WARC file')}, "
                 f"{count(counts['captures'], 'capture')} into "
                 f"{settings.db}; run 'archiver extract --all' to rebuild the extracted text rows and the search index",
                 **counts)
    # the old catalog's captures of files not named are not in the new one: a rebuild that lost them is not a
    # success (before 2026-12-06 exit 0 beside a 'warning', so a script went on with captures gone from the catalog)
    return max(summary.exit_code, 1 if left_out or unread or ledger_only or gone else 0)


def _present(files: list[tuple[str, int]], gone: list[str]) -> list[tuple[str, int]]:
    """The (path, captures) of ``files`` whose path exists; the others' paths are appended to ``gone`` (once)."""
    out = []
    for name, n in files:
        if Path(name).exists():
            out.append((name, n))
        elif name not in gone:
            gone.append(name)
    return out
