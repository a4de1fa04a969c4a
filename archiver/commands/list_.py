"""archiver list [URL...]: what the archive holds, one line per URL, with its latest outcome.

Each URL (as the list gave it) with the outcome of its latest attempt (captured,
failed with the reason, e.g. HTTP 410 Gone for a page deleted since), how many
captures it has, the time of the latest attempt, its title, and, for watched
URLs, the next check (and, for a URL failing in a row, its backoff). Name URLs to see only those (any spelling 'archiver
history' accepts); --host keeps one site's. --format json gives one object per
URL for scripts. Read from the catalog only.
Exit codes: 0 some URL listed, 1 none (or a named URL is not in the catalog), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from archiver.commands.refusals import no_catalog
from archiver.config import OPTIONS, Settings, add_arguments, text_or_json
from archiver.printable import printable
from archiver.wording import NOT_EXTRACTED_WHY, clip, count

if TYPE_CHECKING:  # imported when used: the parser is built for every command
    from archiver.listing import Listed

LIST_OPTIONS = ["warcs", "db", "format", "host"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("list", help="list the archived URLs with their captures and latest outcome",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", metavar="URL", nargs="*", help="only these URLs")
    add_arguments(parser, LIST_OPTIONS, {
        "format": replace(OPTIONS["format"], help="text (one line per URL) or json", choices=("text", "json")),
        "host": replace(OPTIONS["host"], help="only URLs of this host (a name, Unicode or IDNA: every port; "
                                         "HOST:PORT: that port)")})
    parser.set_defaults(func=run)


# a title's control and bidi-override characters (as archiver.diff.reports.text): no terminal escapes
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` with control characters (from archived pages) shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def line(item: Listed, width: int = 0) -> str:
    """``STATUS  N captures  LAST-ATTEMPT  URL  detail``: the reason of a failure, else the title; the watch.

    ``width``: characters the LAST-ATTEMPT column takes (the widest time listed), so that a second-precision
    time (``2026-12-05T21:02:20Z``, from another tool's WARC) lines up with archiver's microsecond ones; the
    time is printed as the catalog holds it, padded with spaces (no digits added or dropped)."""
    if item.status == "captured":
        detail = clip(item.title or "")
        if item.front_page:  # history's gone spell: the front page is not the article's latest capture
            detail += (f"; gone: the latest attempt was redirected to the site's front page {item.front_page} "
                       "(the article was taken down)")
        if item.moved:  # a new slug: the list's URL still leads there, but the user may want the new one
            detail += f"; moved to {item.moved} (the latest capture was redirected there)"
        if item.redirect:  # judged not the article by the watch, told gone
            detail += (f"; gone: the latest attempt was redirected to another page {item.redirect} (its text is "
                       "not the article's: removed or replaced)")
    else:
        detail = printable(item.reason or "") or (f"HTTP {item.http_status}" if item.http_status else "")
        if item.last_captured:
            detail += f" (last captured {item.last_captured})"
    if item.next_check == "stopped":
        detail += "; watch: not checked again (past the age limit)"
    elif item.next_check:
        detail += f"; watch: next check {item.next_check}"
    if item.failures_in_a_row:
        detail += (f"; backoff: {count(item.failures_in_a_row, 'failure')} in a row, "
                   f"not fetched by --watch before {item.retry_at}")
    return (f"{item.status:<8}  {count(item.captures, 'capture'):<11}  {item.last_attempt:<{width}}  {safe(item.url)}"
            + (f"  {safe(detail.lstrip('; '))}" if detail else ""))


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.catalog import Catalog, not_extracted
    from archiver.cli import UsageError
    from archiver.listing import listing

    if args.urls:  # (the diff package loads datasketch and scipy: 0.7 s a start, only for named URLs)
        from archiver.diff.pairing import url_spellings

    refusal = text_or_json("list", getattr(args, "format", None), settings.format)
    if refusal:
        raise UsageError(refusal)
    refusal = no_catalog(settings.db, warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    wanted = {name for url in args.urls for name in url_spellings(url)} if args.urls else None
    with Catalog(settings.db, readonly=True) as catalog:
        items = listing(catalog.conn, wanted, tuple(settings.host))
        found = {name for item in items for name in (item.url, item.final_url)}
        missing = [url for url in args.urls if not found & set(url_spellings(url))]
        # captured URLs with a capture never extracted (records.not_extracted): no title to show,
        # and nothing said why before 2026-12-06
        waiting = set(not_extracted(catalog.conn))
        untitled = sum(item.status == "captured" and item.url in waiting for item in items)
        if missing:
            from archiver.commands.history import near_spellings

            near = {url: near_spellings(catalog, url, url_spellings(url)) for url in missing}
    if settings.format == "json":
        print(json.dumps({"urls": [item.as_dict() for item in items]}, ensure_ascii=False, indent=2))
    else:
        width = max((len(item.last_attempt) for item in items), default=0)
        for item in items:
            print(line(item, width))
    for url in missing:
        hint = f"; did you mean {' or '.join(near[url])}?" if near[url] else ""
        print(f"list: {url} is not in {settings.db} (never fetched or imported{hint})", file=sys.stderr)
    states = Counter(item.status for item in items)
    parts = ", ".join(f"{states[s]} {s}" for s in ("captured", "failed", "skipped") if states[s] or s != "skipped")
    print(f"list: {count(len(items), 'URL')}: {parts} at their latest attempt", file=sys.stderr)
    if untitled:
        print(f"list: {count(untitled, 'captured URL')} with captures not extracted yet ({NOT_EXTRACTED_WHY}): "
              "their titles and versions come with 'archiver extract'", file=sys.stderr)
    return 0 if items and not missing else 1
