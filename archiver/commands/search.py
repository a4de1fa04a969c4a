"""archiver search QUERY: full-text search over the clean text of every archived version.

Words must all occur; "a phrase" in double quotes must occur as written; word*
matches a prefix. --host, --url, --since, --until and --list-file search only the text
of the captures they select (as for export). Hits are pages ranked by relevance (bm25, title matches count more),
each with its URL, capture time and a snippet with the matched words in [brackets]; a page whose
text changed between captures is one hit, saying how many of its versions hold the words and
whether its latest capture still does.
Quotes and operators in the query are taken as text, never as syntax: a query of
nothing but punctuation finds nothing. Exit codes: 0 hits found, 1 no hit, 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from archiver.commands.refusals import no_catalog
from archiver.config import OPTIONS, Settings, add_arguments, text_or_json
from archiver.printable import printable
from archiver.wording import clip, count

SEARCH_OPTIONS = ["warcs", "db", "clean", "format", "limit", "host", "select_url", "since", "until",
                  "list_file"]
# A query of no word (``*``, ``"``, ``(``, an emoji: FTS5's unicode61 reads letters and digits only) searched for
# nothing and said ``0 hits for '*'``, exit 1, as if the archive lacked it; now refused as an empty query is, exit 2
# (host50, round 42). Off: searched, 0 hits.
NO_WORD_REFUSED = True


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("search", help="full-text search over the archived clean text",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("query", metavar="QUERY", nargs="+", help="words, \"a phrase\", prefix*")
    add_arguments(parser, SEARCH_OPTIONS, {"format": replace(OPTIONS["format"], help="hit list: text or json",
                                                             choices=("text", "json"))})
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    import os
    from pathlib import Path

    from archiver import search
    from archiver.catalog import Catalog, not_extracted
    from archiver.cli import UsageError
    from archiver.search_query import fts_query, operator_words
    from archiver.selection import selection_from

    refusal = text_or_json("search", getattr(args, "format", None), settings.format)
    if refusal:
        raise UsageError(refusal)
    if settings.limit < 1:
        raise UsageError("--limit must be at least 1")
    refusal = no_catalog(settings.db, "'archiver fetch' or 'archiver import' and 'archiver extract'",
                         warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    try:
        selection = selection_from(settings.list_file, settings.host, settings.since, settings.until,
                                   settings.select_url)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    query = " ".join(args.query)
    if not query.strip():
        raise UsageError("give words to search for (an empty query finds nothing)")
    if NO_WORD_REFUSED and fts_query(query) is None:  # '*', '"', '(', '🙂': no word in it, so no page holds it
        raise UsageError(f"give words to search for: {printable(query)!r} holds none (search matches words, letters "
                         "and digits; punctuation, symbols and emoji are passed over, in pages as in a query); "
                         "nothing was searched")
    # an archive on a read-only filesystem (a snapshot, a read-only export of the library's disk) is searched
    # as its index stands: it was refused whole ("cannot write ... the archive needs a writable folder")
    writable = os.access(Path(settings.db).parent, os.W_OK)
    with Catalog(settings.db, readonly=not writable) as catalog:
        if not writable:
            if search.needs_build(catalog.conn):
                print(f"search: the catalog's folder {Path(settings.db).parent} cannot be written, so pages an "
                      "older archiver extracted are not indexed: they are not searched", file=sys.stderr)
        elif search.needs_build(catalog.conn):
            built = search.build_from_clean(catalog.conn, settings.clean)
            if built:
                print(f"search: indexed the clean text of {count(built, 'capture')} extracted before the "
                      "catalog had a search index (by an older archiver)", file=sys.stderr)
        if writable:
            search.repoint_front_pages(catalog.conn)
            search.mend_alt(catalog.conn)
        hits = search.search(catalog.conn, query, settings.limit + 1, selection)  # one more: are there more than shown?
        truncated = len(hits) > settings.limit
        hits = hits[:settings.limit]
        empty_selection = not hits and search.selects_nothing(catalog.conn, selection)
        pending = sum(not_extracted(catalog.conn).values())
    if settings.format == "json":
        print(json.dumps({"query": query, "hits": [h.as_dict() for h in hits], "more": truncated},
                         ensure_ascii=False, indent=2))
    else:
        for n, hit in enumerate(hits, 1):
            more = f", {hit.captures} captures to {hit.last_captured_at}" if hit.captures > 1 else ""
            snippet = printable(" ".join(hit.snippet.split()))  # one line: a snippet may span a paragraph break
            heading = printable(clip(hit.title) if hit.title else hit.url)
            # an imported WARC's URI is stored as the file gives it: its control characters written as escapes
            print(f"{n}. {heading}\n   {printable(hit.url)}  (captured {printable(hit.captured_at)}{more})\n"
                  f"   {snippet}")
            if hit.versions < hit.all_versions:  # the words are in some of the page's texts only
                print(f"   {_versions_line(hit)}")
        shown = (f"the first {count(len(hits), 'hit')} for {query!r}; more match (--limit {settings.limit}: "
                 "give a larger --limit to see them)" if truncated else f"{count(len(hits), 'hit')} for {query!r}")
        print(f"search: {shown}", file=sys.stderr)
    if empty_selection:  # a typo in --host or --list-file, or a time range with no capture: nothing was searched
        given = "; ".join(f"{flag} {value}" for flag, value in (
            ("--host", ", ".join(selection.hosts)), ("--url", ", ".join(selection.urls)),
            ("--list-file", selection.list_file),
            ("--since", selection.since), ("--until", selection.until)) if value)
        print(f"search: no extracted capture matches the selection ({given}), so nothing was searched: "
              "'archiver list' shows the archive's URLs and their hosts", file=sys.stderr)
    operators = operator_words(query)
    if operators:  # a query written for another engine: say how it was read
        said = " and ".join(f"{word!r} as the word {word.lstrip('-')!r}" if word.startswith("-") else
                            f"{word!r} as a word" for word in operators)
        print(f"search: note: search has no operators; it read {said}: every word must occur in a page (run one "
              "search per alternative; leave out a word you do not want)",
              file=sys.stderr)
    if pending:  # fetched or imported, never extracted (or a reindexed catalog): their words are not searched
        print(f"search: {pending} capture{' is' if pending == 1 else 's are'} not extracted yet, so "
              f"{'its' if pending == 1 else 'their'} text is not searched: run 'archiver extract'", file=sys.stderr)
    return 0 if hits else 1


def _versions_line(hit) -> str:
    """``2 of 3 versions hold these words; the latest capture (T) does not`` (T: ISO 8601 UTC)."""
    held = f"{hit.versions} of {hit.all_versions} versions hold these words"
    if hit.in_latest:
        return f"{held}, the latest capture among them"
    return f"{held}; the latest capture ({hit.latest_captured_at}) does not: changed or removed since"
