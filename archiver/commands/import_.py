"""archiver import WARC...: index WARC files written by any tool into the catalog, where they lie.

One capture per response, revisit and resource record (URL, time, status, type,
payload digest, file, offset, length); nothing is copied. Plain .warc, .warc.gz
with one gzip member per record, and .warc.gz compressed as one gzip stream are
all read. An ARC file (.arc, .arc.gz) is imported through a WARC copy written into the WARC folder
(warcio's arc2warc; the same copy on every import; the ARC is left as it is). Importing a file again
adds nothing. Records that cannot be captures
are counted per reason. Creates the catalog if there is none. Then
'archiver extract' works on the imported captures as on fetched ones. A file
inside the WARC folder (--warcs) is also added to WARCS/index.cdxj, the index
replay tools read with the folder; one elsewhere is indexed in the catalog only
(copy it into the folder before importing to have it in index.cdxj, or replay
it from 'archiver export --wacz', which carries its own index).
Takes the archive's lock, as fetch and reindex do (--wait-lock to wait for a run holding it).
Exit codes: 0 every file read, 1 some file could not be read (to its end), 2 usage error, 75 another
run holds the archive.
"""
from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from archiver.config import Settings, add_arguments
from archiver.wording import count

IMPORT_OPTIONS = ["warcs", "db", "log_format", "wait_lock"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="index WARC files written by other tools into the catalog",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warc_files", metavar="WARC", nargs="+", help="WARC files (.warc, .warc.gz), WACZ or ARC files")
    add_arguments(parser, IMPORT_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.archive.ledger import import_noted
    from archiver.archive_lock import ArchiveUnwritable, archive_lock  # ArchiveBusy: exit 75 (cli)
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.report import Reporter

    paths = [Path(p) for p in args.warc_files]
    problem = not_files(paths, "import")
    if problem:
        raise UsageError(problem)
    reporter = Reporter(settings.log_format, "never")
    try:
        # a fetch or reindex writing the archive meanwhile rewrites index.cdxj and the catalog: one run at a time
        with archive_lock(settings, reporter.log):
            with Catalog(settings.db) as catalog:  # noted in warcs/imports.jsonl, so a reindex gives back the ids
                summary = import_noted(catalog, settings.warcs, paths)
            report_import(settings, summary, reporter)
    except ArchiveUnwritable as exc:
        raise UsageError(str(exc)) from None
    return summary.exit_code


WARC_ENDINGS = (".warc", ".warc.gz", ".wacz", ".arc", ".arc.gz")


def not_files(paths: list[Path], command: str) -> str | None:
    """The usage error for the ``paths`` given to ``import`` or ``reindex`` that are no files, else None: a folder is
    told as a folder, with its WARC files' glob (it read ``no such WARC file`` for a folder that is there)."""
    folders = [p for p in paths if p.is_dir()]
    if folders:
        where = folders[0]
        held = [f.name for f in where.iterdir() if f.is_file() and f.name.endswith(WARC_ENDINGS)]
        if not held:
            return f"{where} is a folder, not a WARC file, and holds none ({', '.join(WARC_ENDINGS)}): name WARC files"
        endings = sorted({next(e for e in sorted(WARC_ENDINGS, key=len, reverse=True) if n.endswith(e)) for n in held})
        names = " ".join(f"{shlex.quote(str(where))}/*{ending}" for ending in endings)  # globs the shell expands
        return (f"{where} is a folder, not a WARC file: name the files in it (archiver {command} {names}: "
                f"{count(len(held), 'WARC file')} there)")
    missing = [str(p) for p in paths if not p.is_file()]
    return f"no such WARC file: {', '.join(missing)}" if missing else None


def report_import(settings: Settings, summary: Any, reporter: Any) -> None:
    """What an import did, file by file, then ``index.cdxj`` brought up to date and the summary line.

    ``summary``: :class:`archiver.archive.importer.ImportSummary`; ``reporter``:
    :class:`archiver.report.Reporter`. Shared by ``archiver import`` and ``archiver extract WARC``
    (which imports a file the catalog does not know)."""
    from archiver.archive.cdxj import update_index
    from archiver.archive.layout import GZIP_STREAM

    for report in summary.files:
        for line in report.lines():
            reporter.log("import-file", line, file=report.path, captures=report.captures, already=report.already,
                         unusable=dict(report.unusable), error=report.error)
    update_index(settings.warcs, reporter)
    # (a file that gave no capture, e.g. not a WARC at all, has nothing to replay: not named here)
    # a WACZ is never in index.cdxj, inside the folder or not (cdxj-indexer reads WARC files): before 2026-12-05 one
    # inside was not named, and one outside was told to be copied in, which indexed nothing
    waczs = [r.path for r in summary.files if r.layout.startswith("WACZ") and (r.captures or r.already)]
    if waczs:
        reporter.log("cdxj-wacz", f"index.cdxj: {count(len(waczs), 'WACZ')} not in the index ("
                     + ", ".join(waczs[:3]) + (", ..." if len(waczs) > 3 else "") + "; the captures are in the "
                     "catalog, read from the WACZ where it lies: keep it there): a WACZ carries its own index, so "
                     "replay it as it is: open it in ReplayWeb.page, or "
                     "add it to pywb with 'wb-manager add --unpack-wacz COLLECTION FILE'", files=waczs)
    outside = [r.path for r in summary.files if r.name and Path(r.name).is_absolute() and (r.captures or r.already)
               and not r.layout.startswith("WACZ")]
    streams = {r.path for r in summary.files if r.layout == GZIP_STREAM}
    if outside:
        names = ", ".join(outside[:3]) + (", ..." if len(outside) > 3 else "")
        reporter.log("cdxj-outside", f"index.cdxj: {count(len(outside), 'file')} outside the WARC folder "
                     f"{settings.warcs} left out of the index ({names}; the captures are in the catalog, read from "
                     + ("that file where it lies: keep it" if len(outside) == 1 else
                        "those files where they lie: keep them") + " there, nothing was copied): "
                     "to replay, export a WACZ ('archiver export --wacz FILE'), or copy the file into the folder "
                     "and import the copy: index.cdxj then holds its lines (the copy adds no capture: the catalog "
                     "reads them where they were first imported, and from the copy once that file is gone)"
                     + stream_advice(sorted(streams & set(outside)), settings.warcs),
                     files=outside)
    reporter.log("import-summary", summary.line(), **summary.counts())


def stream_advice(streams: list[str], warcs: Path) -> str:
    """The clause telling how a WARC gzipped as one stream, imported from outside the folder, can be indexed: a
    copy a gzip member per record, written into the folder and imported (its captures are then read from it);
    '' when no such file was imported."""
    if not streams:
        return ""
    first = Path(streams[0])
    copy = Path(warcs) / (first.name.removesuffix(".warc.gz") + "-records.warc.gz")
    return (f"; a file compressed as one gzip stream ({', '.join(streams)}) is indexed through a copy a gzip member "
            f"per record, written into the folder and imported: warcio recompress {first} {copy} && archiver import "
            f"{copy} (the catalog then reads its captures from the copy)")
