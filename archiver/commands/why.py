"""archiver why URL WORDS: where words of a captured page went, and why they are not in the clean text.

Reads the latest capture of URL that has clean text (with --until TIME, the latest captured up to
then: the page as it stood at that time; URL as 'archiver history' takes it: the
seed or the final URL, with or without a trailing slash or scheme) and its sidecar's account of
the page, and prints each place the words occur in a row: in the article, or removed, by which
stage and rule and from which region of the page. Words that are in neither are not on the page
as text (scripts, attributes and images are not counted), when the sidecar says it holds the
full page account (its page_account field, written since 2026-12-01); an older sidecar may list
only what rules removed, so the answer then names the command that extracts the capture again.
Matching ignores case and punctuation; a phrase must stand within one block of the page. Exit
codes: 0 the words are on the page, 1 they are not (or, without the account, not in the
article), 2 usage error (no catalog, no extracted capture of URL, no words given).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from archiver.commands.refusals import no_catalog
from archiver.config import OPTIONS, Settings, add_arguments, text_or_json
from archiver.wording import count

WHY_OPTIONS = ["warcs", "db", "clean", "format", "until"]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("why", help="say where words of a captured page went (article or which rule)",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", metavar="URL")
    parser.add_argument("words", metavar="WORDS", nargs="+", help="a word or phrase of the page")
    add_arguments(parser, WHY_OPTIONS, {"format": replace(OPTIONS["format"], help="answer: text or json",
                                                          choices=("text", "json"))})
    parser.set_defaults(func=run)


def render(answer, warcs: str = "warcs") -> str:
    """The text answer: the capture read, then one line per place (or why there is none)."""
    from archiver.diff.reports.text import clip, safe

    c = answer.capture
    found = count(len(answer.places), "place") if answer.places else "not found"
    if answer.earlier is not None:
        # where the words went comes first (the reader's question), then what this capture's page holds of
        # them: off the page altogether, an edit took them out; still on it outside the article (or without
        # the account to tell), the page or its extraction changed, which 'archiver history' tells apart
        found = ("taken out of the article by an edit" if answer.has_account and not answer.places else
                 "out of the article since an earlier capture" + (f"; {found} on this page" if answer.places else ""))
    out = [f"{safe(c.final_url or c.url)}: capture {c.id} at {c.fetched_at} ({safe(answer.text_path)})",
           f"{answer.query!r}: {found}"]
    if answer.earlier is not None:
        cap, path = answer.earlier
        out.append(f"  earlier: in the article of capture {cap.id} at {cap.fetched_at} ({safe(path)}), out of it "
                   f"since: 'archiver history {safe(c.url)}' shows the change")
    for place in answer.places:
        if place.where == "article":
            how = "in the article"
        else:
            how = f"removed: {place.stage}/{place.rule}" + (f" (region {place.region})" if place.region else "")
        out.append(f"  {how}: {safe(clip(place.line, 160))}")
    if not answer.places and answer.has_account:
        now = " now" if answer.earlier is not None else ""
        out.append(f"  not on the page{now}: in neither the article nor the account of what was removed")
    elif not answer.places:
        from pathlib import Path

        again = f"archiver extract --all {Path(warcs) / answer.warc_file}" if answer.warc_file else \
            "archiver extract --all"
        out.append("  not in the article; this capture's sidecar does not hold the full page account (an "
                   "older archiver wrote it, or its account failed), so the words may still be on the page. "
                   f"'{again}' extracts that WARC file's captures again (with this command's --db and --clean) "
                   "and writes the account")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.diff.sources import SourceError
    from archiver.diff.why import why
    from archiver.selection import selection_from

    refusal = text_or_json("why", getattr(args, "format", None), settings.format)
    if refusal:
        raise UsageError(refusal)
    refusal = no_catalog(settings.db, warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    query = " ".join(args.words)
    try:
        until = selection_from(None, (), None, settings.until).until
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        with Catalog(settings.db, readonly=True) as catalog:
            answer = why(catalog, settings.clean, args.url, query, until)
    except (SourceError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    if answer is None:
        from archiver.commands.history import no_captures_message
        from archiver.diff.history import captures_of

        with Catalog(settings.db, readonly=True) as catalog:
            captured = len(captures_of(catalog, args.url))
        if captured and until is not None:
            raise UsageError(f"no capture of {args.url} up to --until {settings.until} has clean text "
                             f"({count(captured, 'capture')} in all: 'archiver history {args.url}' lists them)")
        if captured:
            raise UsageError(f"{count(captured, 'capture')} of {args.url} in {settings.db}, none with clean "
                             f"text: run 'archiver extract'")
        raise UsageError(no_captures_message(settings, args.url))
    if settings.format == "json":
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render(answer, str(settings.warcs)))
    return 0 if answer.on_page else 1
