"""``archiver history URL``: the captures of a URL and what changed between its clean versions.

Captures with identical clean text are one version. A text that changed only
because archiver extracts differently (the same page bytes; or, after an upgrade
or a rule edit, both pages extracted now give one text) is no new version: it is
listed under the version before, marked "extraction changed only", and the
summary says how many were folded. A step whose newer text lost
most of the older one's words to page furniture still on the captured page is
reported as "extraction-changed", not as an edit. Exit status: 0 when no version
differs from the one before in content, 1 otherwise, 2 on an error (including a
URL with no captures in the catalog). Attempts that failed after the last capture
(a page now 404 or 410 Gone, a site down) are named after the captures (JSON:
``failed_since_last_capture``); they do not change the exit status. Spells of 404/410
answers after a capture (an article taken down, then perhaps back) are listed among the
captures in time order as ``gone`` and ``back`` lines (JSON: ``gone``).

With ``--new-only`` (for scheduled jobs) only the changes that no earlier
``--new-only`` run reported are shown and counted, and the catalog remembers
that they were: a job that runs every few minutes exits 1 once per new change,
not for ever after the first. A change back to a text the URL had before (a
stale copy served again, A B A B) is not a new change.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from archiver.commands.diff import REPORT_OPTIONS, check_output
from archiver.commands.refusals import no_catalog
from archiver.config import Settings, add_arguments
from archiver.printable import printable
from archiver.wording import count


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("history", help="list a URL's captures and its text changes", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", metavar="URL")
    add_arguments(parser, ["warcs", "db", "clean", "new_only"] + REPORT_OPTIONS)
    parser.set_defaults(func=run)


def render_history(history, fmt: str, color: bool = False) -> str:
    from archiver.diff.reports import render
    from archiver.diff.reports.text import safe

    title = f"archiver history {history.url}"
    if fmt != "text":
        return render(history.steps, fmt, title=title, extra=history.summary())
    versions = len(history.versions)
    folded = len(history.folded)
    lines = [f"{safe(history.url)}: {count(len(history.captures), 'capture')}, "
             f"{count(versions, 'version')}"
             + (f" ({count(folded, 'text change')} by the extraction only, folded into the version before)"
                if folded else "")]
    spells = sorted([(spell, gone_lines) for spell in history.gone] + [(spell, down_lines) for spell in history.down],
                    key=lambda pair: (pair[0].first.fetched_at, pair[0].first.id))
    for entry in history.captures:
        c = entry.capture
        while spells and (spells[0][0].first.fetched_at, spells[0][0].first.id) < (c.fetched_at, c.id):
            spell, show = spells.pop(0)
            lines += show(spell)
        if entry.front_page or entry.redirect:  # the article taken down: its gone spell's lines tell it
            continue
        v = f"v{entry.version}" if entry.version else "-"
        again = f"  (the text of v{entry.same_as} again{': an edit undone' if entry.rollback else ''})" \
            if entry.same_as else ""
        if entry.folded:
            again += "  (extraction changed only, not an edit)"
        if entry.damaged:
            again += "  (damaged: its record does not match its WARC-Block-Digest; changed since it was written)"
        if entry.moved:
            again += f"  (moved to {safe(entry.moved)})"
        if entry.warning:
            again += "  (extraction warning: the text lost most of the article, still on the page; not an edit)"
        lines.append(f"  {v:<4} capture {c.id:<6} {c.fetched_at}  {c.record_type or '':<8} "
                     f"{c.http_status or '':<4} {safe(entry.text_path or entry.note or '')}{again}")
        lines += [byline_line(step) for step in history.bylines if step.capture.id == c.id]
        lines += [title_line(step) for step in history.titles if step["capture_id"] == c.id]
        lines += [caption_line(step) for step in history.captions if step.capture.id == c.id]
    for spell, show in spells:  # still gone, or still failing
        lines += show(spell)
    for entry in history.folded:
        lines.append(f"  capture {entry.capture.id}: {entry.folded}")
    gone = history.failed_summary()
    if gone:  # the page may be gone (404, 410) or the site down: the versions above are all there is
        lines.append(f"  since capture {history.captures[-1].capture.id}: {count(gone['attempts'], 'attempt')} "
                     f"failed, the latest at {gone['latest_at']}: {safe(gone['reason'])}")
    out = "\n".join(lines) + "\n"
    if history.steps:
        out += "\n" + render(history.steps, "text", title="changes between versions", color=color)
    return out


def gone_lines(spell) -> list[str]:
    """``gone`` (and ``back``) lines of a spell of 404/410 answers or redirects to the site's front page or to
    another page whose text is not the article's (:class:`archiver.diff.gone.GoneSpell`)."""
    from archiver.diff.reports.text import safe

    first, latest = spell.first, spell.latest
    more = (f", the latest at {latest.fetched_at}" + (f" ({safe(spell.answer(latest))})"
                                                      if spell.answer(latest) != spell.answer(first) else "")
            if spell.attempts > 1 else "")
    lines = [f"  gone capture {first.id:<6} {first.fetched_at}  {safe(spell.answer(first))}: "
             f"{spell.why(first)} ({count(spell.attempts, 'attempt')}{more})"]
    if spell.back is not None:
        lines.append(f"  back capture {spell.back.id:<6} {spell.back.fetched_at}  the page answers again")
    else:
        lines.append("  (still gone at the latest attempt)")
    return lines


def byline_line(step) -> str:
    """The ``byline`` line of a history (:class:`archiver.diff.byline.BylineStep`), under its capture."""
    from archiver.diff.reports.text import safe

    what = "; ".join(f"{key}: {safe(old)} -> {safe(new)}" for key, (old, new) in step.changes.items())
    notes = (["the text is the same"] if step.same_text else []) + (["a byline it had before"] if step.had_before
                                                                    else [])
    return (f"  byline capture {step.capture.id:<6} {step.capture.fetched_at}  {what} (since capture {step.before.id}"
            + "".join(f"; {n}" for n in notes) + ")")


def title_line(step: dict[str, Any]) -> str:
    """The ``title`` line of a history (a step of :attr:`archiver.diff.history.History.titles`: the declared title
    rewritten under the same shown headline, :mod:`archiver.diff.titlestep`), under its capture."""
    from archiver.diff.reports.text import safe

    alone = "; the headline and text are the same" if step.get("only") else ""
    return (f"  title  capture {step['capture_id']:<6} {step['at']}  {safe(step['old'])} -> {safe(step['new'])} "
            f"(since capture {step['old_capture_id']}{alone})")


def caption_line(step) -> str:
    """The ``caption`` lines of a history (:class:`archiver.diff.captions.CaptionStep`), under its capture,
    each worded as the watch's notification words it."""
    from archiver.diff.reports.text import safe
    from archiver.watch.message import caption_line as worded

    notes = (["the text is the same"] if step.same_text else []) + (["a caption it had before"] if step.had_before
                                                                    else [])
    return "\n".join(f"  caption capture {step.capture.id:<6} {step.capture.fetched_at}  {safe(worded(old, new))} "
                     f"(since capture {step.before.id}" + "".join(f"; {n}" for n in notes) + ")"
                     for old, new in step.changes)


def down_lines(spell) -> list[str]:
    """``failed`` lines of a spell of other failed attempts (a site down: :func:`archiver.diff.gone.down_spells`),
    and the capture that ended it; a spell still open is said by the ``since capture N`` line instead."""
    from archiver.diff.history import failure_reason
    from archiver.diff.reports.text import safe

    if spell.back is None:
        return []
    first, latest = spell.first, spell.latest
    more = f", the latest at {latest.fetched_at}" if spell.attempts > 1 else ""
    return [f"  failed capture {first.id:<6} {first.fetched_at}  {safe(failure_reason(first))} "
            f"({count(spell.attempts, 'attempt')} failed{more}; the page was not fetched meanwhile)",
            f"  again  capture {spell.back.id:<6} {spell.back.fetched_at}  fetched again after the failures"]


def unreported(catalog, history) -> None:
    """Keep only the steps to versions newer than the last ``--new-only`` report, and remember this one.

    A step back to a text the URL had before (a stale copy served again) is never new, unless it goes back past
    later texts to a text other than the one last reported (a rollback, A, B, C, A: an edit undone, which the
    watch tells too; :func:`archiver.diff.history.told_versions`).
    """
    from archiver.diff.history import told_versions
    from archiver.watch import store

    store.ensure(catalog.conn)
    # the mark belongs to the URL as archived, not as typed: ``URL/``, ``HTTP://URL`` or ``URL`` without
    # its scheme find the same captures (captures_of), and each spelling kept a mark of its own, so the
    # same change was reported as new once per spelling
    key = history.captures[0].capture.url
    mark = store.history_mark(catalog.conn, key)
    versions = history.versions
    # a rollback is new unless its text is the one last reported (a stale copy flapping after it was told), as
    # the watch tells it; before 2026-12-06 every rollback was (A, B, C, A, C, A: the last A reported, not told)
    news = told_versions(versions)
    history.steps = [step for k, step in enumerate(history.steps) if versions[k + 1].capture.id > mark and news[k]]
    with catalog.conn:
        store.set_history_mark(catalog.conn, key, max(e.capture.id for e in history.captures))


def run(args: argparse.Namespace, settings: Settings) -> int:
    from archiver.catalog import Catalog
    from archiver.cli import UsageError
    from archiver.diff import exit_code
    from archiver.diff.history import load_history
    from archiver.diff.run import write_report
    from archiver.diff.sources import SourceError

    check_output(settings)
    refusal = no_catalog(settings.db, warcs=settings.warcs)
    if refusal:
        raise UsageError(refusal)
    try:
        with Catalog(settings.db, readonly=not settings.new_only) as catalog:
            history = load_history(catalog, settings.clean, args.url, warcs=[settings.warcs])
            if settings.new_only and history.captures:
                unreported(catalog, history)
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    if not history.captures:
        raise UsageError(no_captures_message(settings, args.url))
    color = settings.format == "text" and not settings.output and sys.stdout.isatty()
    try:
        write_report(render_history(history, settings.format, color), settings.output)
    except OSError as exc:
        raise UsageError(f"cannot write {settings.output}: {exc.strerror or exc}") from None
    if settings.new_only and not history.steps:  # before 2026-12-06 the list of captures alone, nothing said
        versions = count(len(history.versions), "version")
        print(f"archiver history: no new change since the last --new-only run ({versions}; without --new-only "
              "every change is listed)", file=sys.stderr)
    waiting = sum(entry.note == "not extracted" for entry in history.captures)
    if waiting:  # after 'archiver reindex' every capture: "0 versions" and nothing said why (before 2026-12-06)
        print(f"archiver history: {waiting} of {count(len(history.captures), 'capture')} not "
              "extracted yet, so not in the versions: run 'archiver extract' (after 'archiver reindex', every "
              "capture waits for it), then this command again", file=sys.stderr)
    if settings.output and settings.output != "-":
        print(f"archiver history: {count(len(history.versions), 'version')}, {count(len(history.steps), 'change')} "
              f"between them; "
              f"report in {settings.output}", file=sys.stderr)
    return exit_code(history.steps)


def no_captures_message(settings: Settings, url: str) -> str:
    """Why a URL has no history: never tried, or how many attempts failed and the latest reason."""
    from archiver.catalog import Catalog
    from archiver.diff.pairing import url_spellings

    names = url_spellings(url)
    marks = ", ".join("?" * len(names))
    with Catalog(settings.db, readonly=True) as catalog:
        rows = catalog.conn.execute(
            f"SELECT state, reason, http_status, fetched_at FROM captures WHERE (url IN ({marks}) "
            f"OR final_url IN ({marks})) AND state != 'captured' ORDER BY fetched_at DESC, id DESC",
            (*names, *names)).fetchall()
        near = near_spellings(catalog, url, names) if not rows else []
    if not rows:
        hint = (f" (did you mean {' or '.join(near)}?)" if near else
                ": it was never fetched nor imported into it ('archiver list' shows the URLs it holds; "
                "'archiver fetch LIST' captures a list's URLs, 'archiver import WARC' another tool's captures)")
        return f"no captures of {url} in {settings.db}{hint}"
    failed = [r for r in rows if r["state"] == "failed"]
    latest = (failed or rows)[0]
    why = (printable(latest["reason"] or "")
           or (f"HTTP {latest['http_status']}" if latest["http_status"] else latest["state"]))
    if failed:
        n = len(failed)
        return (f"no captures of {url} in {settings.db}: {count(n, 'attempt')} failed, "
                f"the latest at {latest['fetched_at']}: {why}")
    return f"no captures of {url} in {settings.db}: {count(len(rows), 'attempt')} skipped, the latest: {why}"


def near_spellings(catalog: Any, url: str, names: list[str]) -> list[str]:
    """Captured URLs that differ from ``url`` only by the scheme or a leading ``www.``, or, for a URL without a
    query, by a query string (at most 3)."""
    from urllib.parse import urlsplit, urlunsplit

    from archiver.diff.pairing import url_key

    parts = urlsplit(url_key(url) or url)
    if not parts.hostname:
        return []
    bare = parts.netloc.removeprefix("www.")
    variants = {urlunsplit((scheme, netloc, path, parts.query, "")) for scheme in ("http", "https")
                for netloc in (bare, "www." + bare) for path in {parts.path, parts.path.rstrip("/") or "/",
                                                                 parts.path.rstrip("/") + "/"}}
    queried = [] if parts.query else sorted(variants | set(names))  # the same page with a query string
    variants -= set(names)
    found: list[str] = []
    if variants:
        marks = ", ".join("?" * len(variants))
        found = [r[0] for r in catalog.conn.execute(
            f"SELECT DISTINCT url FROM captures WHERE url IN ({marks}) AND state = 'captured' ORDER BY url LIMIT 3",
            tuple(variants))]
    for base in queried:  # a list line with a tracking parameter ('?utm_source=newsletter') is its own URL
        if len(found) >= 3:
            break
        found += [r[0] for r in catalog.conn.execute(  # an indexed range: every URL starting 'base?'
            "SELECT DISTINCT url FROM captures WHERE url >= ? AND url < ? AND state = 'captured' ORDER BY url "
            "LIMIT 3", (base + "?", base + "@")) if r[0] not in found]
    return found[:3]
