"""archiver export --wacz FILE: the archived captures as a WACZ file (ReplayWeb.page, pywb, any WACZ reader).

The WACZ holds the selected captures' WARC records, a CDXJ index, pages.jsonl
(every archived page with its title and archiver's clean text, which
ReplayWeb.page searches), datapackage.json and datapackage-digest.json
(WACZ 1.1.1, written and checked with py-wacz). Select with --list-file, --host
(repeatable), --url (repeatable; one article's captures, or URL* for a section)
and --since/--until (capture time, ISO 8601 UTC).
Exit codes: 0 written, 1 written but some records could not be copied, 2 usage error
(nothing selected, no catalog).
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from archiver.commands.refusals import no_catalog
from archiver.config import Settings, add_arguments
from archiver.wording import count

EXPORT_OPTIONS = ["warcs", "db", "clean", "wacz", "list_file", "host", "select_url", "since", "until",
                  "log_format"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export archived captures as a WACZ file",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser, EXPORT_OPTIONS)
    parser.set_defaults(func=run)


# off: a --wacz that names a folder is found only when the finished file is renamed onto it, a traceback
# (IsADirectoryError) after the whole export (as before hostile round 41)
WACZ_FOLDER_REFUSED = True


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.archive.wacz import export_wacz, remedy
    from archiver.archive.wacz_remedy import DAMAGED, damaged_url
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.report import Reporter
    from archiver.selection import selection_from

    if not settings.wacz:
        raise UsageError("give --wacz FILE (the only export format so far)")
    target = Path(settings.wacz)
    if target.suffix.lower() != ".wacz":
        raise UsageError(f"--wacz {target}: the file name must end in .wacz")
    if not target.parent.is_dir():
        raise UsageError(f"--wacz {target}: no such folder {target.parent}")
    if target.is_dir() and WACZ_FOLDER_REFUSED:  # before the work: the finished file could not take its place
        raise UsageError(f"--wacz {target} is a folder: give the WACZ file's name (another name, or move the "
                         "folder away); nothing was written")
    refusal = no_catalog(settings.db, warcs=settings.warcs) or source_refusal(settings, target)
    if refusal:
        raise UsageError(refusal)
    try:
        selection = selection_from(settings.list_file, settings.host, settings.since, settings.until,
                                   settings.select_url)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    reporter = Reporter(settings.log_format, "never")
    with Catalog(settings.db, readonly=True) as catalog:
        try:
            result = export_wacz(catalog, settings.warcs, settings.clean, target, selection)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        except RuntimeError as exc:
            reporter.log("export-failed", f"export: {exc}")
            return 1
        urls = {(bad.warc_file, bad.offset): damaged_url(catalog.conn, bad.warc_file, bad.offset)
                for bad in result.damaged}
    for bad in result.damaged:  # each by its offset and URL: a file's other records are whole and copied
        url = urls.get((bad.warc_file, bad.offset))
        reporter.log("export-damaged", f"  not copied: {bad.warc_file} at byte {bad.offset}: damaged, {bad.detail}"
                     + (f" ({url})" if url else ""), warc=bad.warc_file, offset=bad.offset, url=url,
                     problem=bad.detail)
    damaged = {f"{bad.warc_file}:{bad.offset}:" for bad in result.damaged}
    for name, why in sorted(result.files.items()):
        records = sum(1 for problem in result.problems
                      if problem.startswith(f"{name}:") and not problem.startswith(tuple(damaged)))
        if why == DAMAGED and not records:
            continue
        reporter.log("export-problem", f"  not copied: {name} {why}: {count(records, 'record')}",
                     warc=name, problem=why, records=records)
    if result.bad_digest:
        shown = _first_five(result.bad_digest)
        reporter.log("export-bad-digest",
                     f"  warning: {count(len(result.bad_digest), 'record')} copied as stored but not matching "
                     f"{'its' if len(result.bad_digest) == 1 else 'their'} WARC-Block-Digest (changed or damaged "
                     f"after being written; replay tools may refuse them): {shown}",
                     records=len(result.bad_digest), where=result.bad_digest[:20])
    if result.segments_missing:
        shown = _first_five(result.segments_missing)
        reporter.log("export-segments-missing",
                     f"  warning: {count(len(result.segments_missing), 'record')} in segments copied without all "
                     "its continuation records (not found after it in its file; another file of the crawl may hold "
                     f"them: import it and export again): {shown}",
                     records=len(result.segments_missing), where=result.segments_missing[:20])
    if result.companions_damaged:
        shown = _first_five(result.companions_damaged)
        reporter.log("export-companions-damaged",
                     f"  warning: {count(len(result.companions_damaged), 'damaged record')} beside the captures "
                     "copied could not be read (a request or metadata record whose gzip member does not inflate), "
                     "so not copied; the captures themselves are whole and in the package: "
                     f"{shown}", records=len(result.companions_damaged), where=result.companions_damaged[:20])
    if result.dangling:
        shown = _first_five(result.dangling)
        reporter.log("export-dangling",
                     f"  note: {count(len(result.dangling), 'record')} copied whose WARC-Concurrent-To names a "
                     f"record not found beside it in its file (so not in the package): {shown}",
                     records=len(result.dangling), where=result.dangling[:20])
    # plain lines, one fact each (before: one line of stacked parentheses, ``... (1 of them ...: HTTP 410 x1),
    # 3 WARC records (and what goes with them ...) (and the warcinfo of ...), 2 pages with text (...)``)
    reporter.log("export-summary", f"export: wrote {target}: {count(result.captures, 'capture')}, "
                 f"{count(result.records, 'WARC record')}, {count(result.with_text, 'page')} with text"
                 + (f", {count(result.pages - result.with_text, 'page')} without" if result.pages > result.with_text
                    else ""),
                 captures=result.captures, records=result.records, with_text=result.with_text,
                 companions=dict(result.companions),
                 answers={str(status): n for status, n in sorted(result.answers.items())},
                 sources=result.sources, left_out=result.left_out,
                 pages=result.pages, repeated=result.repeated, problems=len(result.problems),
                 without={kind: dict(reasons) for kind, reasons in result.without.items()})
    going = [count(n, f"{kind} record") for kind, n in sorted(result.companions.items())]
    if result.sources:
        one = result.sources == 1
        going.append(f"the warcinfo of {count(result.sources, 'source file')} (the tool that wrote "
                     f"{'it' if one else 'them'})")
    if going:
        reporter.log("export-with", "  with them: " + ", ".join(going))
    answered = sum(result.answers.values())
    if answered:
        statuses = ", ".join(f"HTTP {status} x{n}" for status, n in sorted(result.answers.items()))
        one = answered == 1
        reporter.log("export-answers", f"  {count(answered, 'capture')} {'is' if one else 'are'} the server's answer "
                     f"without a page ({statuses}): kept, so replay shows {'it' if one else 'each'} at its time")
    if result.repeated:
        # a watched URL's unchanged captures: "6 captures ... 4 pages" left two captures unaccounted for (nu57)
        one = result.repeated == 1
        reporter.log("export-repeated", f"  {count(result.repeated, 'capture')} {'has' if one else 'have'} the "
                     f"same text as {'its' if one else 'their'} URL's capture just before: listed once in "
                     f"pages.jsonl, {'its' if one else 'their'} records in the WARC all the same (replayed at "
                     f"{'its' if one else 'their'} time)", captures=result.repeated)
    if result.left_out:
        reporter.log("export-left-out", f"  {count(result.left_out, 'selected capture')} left out, "
                     f"{'its' if result.left_out == 1 else 'their'} records not copied: {remedy(result)}")
    for line in without_lines(result.without, settings.clean):
        reporter.log("export-without-text", line)
    return 1 if result.problems or result.companions_damaged else 0


def without_lines(without: dict[str, Counter[str]], clean: Path) -> list[str]:
    """One line per reason the listed pages without text have none (``without``: from
    :func:`archiver.archive.wacz_pages.without_text`), each with what to do, or that nothing is to be done.

    Before 2026-12-07 every such page was told "'archiver extract', then export again", which changes nothing for
    a page extraction refused (not HTML, empty body, too large) or found no text in (review50).
    """
    from archiver.archive.wacz_pages import EMPTY_TEXT, FAILED, NEVER, NO_FILE, REFUSED

    lines = []

    def pages(kind: str) -> int:
        return sum(without.get(kind, Counter()).values())

    def reasons(kind: str) -> str:
        return "; ".join(f"{why} x{n}" for why, n in without[kind].most_common())

    if pages(NEVER):
        lines.append(f"  {count(pages(NEVER), 'page')} not extracted yet: run 'archiver extract', then export again")
    if pages(FAILED):
        lines.append(f"  {count(pages(FAILED), 'page')} whose extraction failed ({reasons(FAILED)}): 'archiver "
                     "extract' tries again, then export again")
    if pages(NO_FILE):
        lines.append(f"  {count(pages(NO_FILE), 'page')} extracted but {'its' if pages(NO_FILE) == 1 else 'their'} "
                     f"text not found under --clean {clean}: give the --clean folder 'archiver extract' wrote to")
    one = pages(REFUSED) + pages(EMPTY_TEXT) == 1
    still = (f"extracting again changes nothing; {'its' if one else 'their'} records are in the package (WARC and "
             f"index) all the same and replay as archived")
    if pages(REFUSED):
        lines.append(f"  {count(pages(REFUSED), 'page')} refused by extraction ({reasons(REFUSED)}): {still}")
    if pages(EMPTY_TEXT):
        lines.append(f"  {count(pages(EMPTY_TEXT), 'page')} extracted with no article text found: {still}")
    return lines


def source_refusal(settings: Settings, target: Path) -> str | None:
    """Why ``target`` must not be written: it is a file the archive reads captures from, else None.

    An existing ``.wacz`` given to ``archiver import`` (kept by the catalog under its absolute path, or
    its bare name inside the WARC folder, and in ``warcs/imports.jsonl``) holds the only copy of its
    records: an export over it (``import crawl.wacz``, then ``export --wacz crawl.wacz --host x``) kept
    the selection and lost every other capture of it, which later commands read as a file cut short
    (before 2026-12-07). Any other existing file is replaced, as before.
    """
    if not target.exists():
        return None
    from archiver.archive.importer import catalog_name
    from archiver.archive.ledger import entries
    from archiver.catalog import Catalog

    name = catalog_name(settings.warcs, target)
    with Catalog(settings.db, readonly=True) as catalog:
        held = int(catalog.conn.execute("SELECT COUNT(*) FROM captures WHERE warc_file = ?", (name,)).fetchone()[0])
        held = held or int(catalog.conn.execute("SELECT COUNT(*) FROM records WHERE warc_file = ?",
                                                (name,)).fetchone()[0])
    if not held and not any(file == name for file, _ in entries(settings.warcs)):
        return None
    what = (f"the catalog reads {count(held, 'capture')} from it" if held
            else "warcs/imports.jsonl names it, so 'archiver reindex' reads it")
    return (f"--wacz {target}: that file is part of the archive ({what}: it was given to 'archiver import'); "
            "writing the export over it would lose its records: give another file name (nothing written)")


def _first_five(names: list[str]) -> str:
    """The first five of ``names`` joined by commas, ``, ...`` after them when there are more."""
    return ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
