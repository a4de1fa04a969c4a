"""archiver export --wacz FILE: the archived captures as a WACZ file (ReplayWeb.page, pywb, any WACZ reader).

The WACZ holds the selected captures' WARC records, a CDXJ index, pages.jsonl
(every archived page with its title and archiver's clean text, which
ReplayWeb.page searches), datapackage.json and datapackage-digest.json
(WACZ 1.1.1, written and checked with py-wacz). Select with --list-file, --host
(repeatable) and --since/--until (capture time, ISO 8601 UTC).
Exit codes: 0 written, 1 written but some records could not be copied, 2 usage error
(nothing selected, no catalog).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from archiver.config import Settings, add_arguments
from archiver.wording import count

EXPORT_OPTIONS = ["warcs", "db", "clean", "wacz", "list_file", "host", "since", "until", "log_format"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export archived captures as a WACZ file",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser, EXPORT_OPTIONS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.archive.wacz import Selection, export_wacz, remedy
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.report import Reporter

    if not settings.wacz:
        raise UsageError("give --wacz FILE (the only export format so far)")
    target = Path(settings.wacz)
    if target.suffix.lower() != ".wacz":
        raise UsageError(f"--wacz {target}: the file name must end in .wacz")
    if not target.parent.is_dir():
        raise UsageError(f"--wacz {target}: no such folder {target.parent}")
    if not Path(settings.db).exists():
        raise UsageError(f"no catalog at {settings.db} (run 'archiver fetch LIST' or 'archiver import WARC' first, "
                         "or give --db / --warcs)")
    since, until = settings.since, settings.until
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not _looks_iso(_in_utc(value)):
            raise UsageError(f"{name} {value!r}: expected an ISO 8601 date or time, e.g. 2026-11-30T08:00")
    since, until = (_in_utc(v) if v is not None else None for v in (since, until))
    if since and until and since[:len(until)] > until:  # a date alone is its whole day
        raise UsageError(f"--since {settings.since} is after --until {settings.until}: no capture can be in between")
    selection = Selection(settings.list_file, tuple(settings.host), since, until)
    reporter = Reporter(settings.log_format, "never")
    with Catalog(settings.db, readonly=True) as catalog:
        try:
            result = export_wacz(catalog, settings.warcs, settings.clean, target, selection)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        except RuntimeError as exc:
            reporter.log("export-failed", f"export: {exc}")
            return 1
    for name, why in sorted(result.files.items()):
        records = sum(1 for problem in result.problems if problem.startswith(f"{name}:"))
        reporter.log("export-problem", f"  not copied: {name} {why}: {count(records, 'record')}",
                     warc=name, problem=why, records=records)
    left = (f" ({count(result.left_out, 'selected capture')} left out, {'its' if result.left_out == 1 else 'their'}"
            f" records not copied: {remedy(result)})") if result.left_out else ""
    reporter.log("export-summary", f"export: wrote {target}: {count(result.captures, 'capture')}, "
                 f"{count(result.records, 'WARC record')}, {count(result.pages, 'page')} with text{left}",
                 captures=result.captures, records=result.records, left_out=result.left_out,
                 pages=result.pages, problems=len(result.problems))
    return 1 if result.problems else 0


def _in_utc(text: str) -> str:
    """A time with a UTC offset (``2026-12-02T09:00+01:00``) as the UTC time it names, to the second
    (``2026-12-02T08:00:00``); any other text as it was (the catalog's times are UTC)."""
    import re
    from datetime import UTC, datetime

    text = text.strip()
    if re.search(r"[T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?[+-]\d{2}:?\d{2}$", text) is None:
        return text
    try:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return text


def _looks_iso(text: str) -> bool:
    import re
    from datetime import datetime

    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?Z?)?)?)?", text) is None:
        return False
    whole = text.removesuffix("Z") + {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:  # a month 13 or a 30 February matched the pattern and then selected nothing, without a word
        datetime.fromisoformat(whole)
    except ValueError:
        return False
    return True
