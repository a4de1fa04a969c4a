"""What ``archiver run LIST --watch`` adds around fetch and extract.

Before the fetch, :class:`DueSelector` names the captured URLs whose next check
is due, and archived URLs not watched yet (young enough to watch); the fetcher
takes those of the list and writes a revisit when a payload is unchanged. After
extraction, :func:`after_extract` judges every capture made since (and any left
unjudged by an interrupted run), stores verdicts and events, moves each checked
URL's next check, sends what is in the outbox and rewrites ``clean/changes.atom``.
The list is not read again: the fetcher read it once.

``WatchSummary`` (the run's counts and its summary line) and ``gone_cause`` live in
:mod:`archiver.watch.summary`; both are re-exported here.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from archiver.catalog import Capture, Catalog
from archiver.config import Settings
from archiver.diff.history import CaptureEntry, number_versions
from archiver.watch import backoff, revival, store
from archiver.watch.answered import TAKEN_NOTE
from archiver.watch.clock import iso, parse_time
from archiver.watch.clock import now as clock_now
from archiver.watch.due import DueSelector
from archiver.watch.events import BACK, BYLINE, CAPTION, GONE, NOT_THE_FIRST, Judged, UrlJudge, back_event, event_of
from archiver.watch.judge import EDIT, EXTRACTION_CHANGED, FIRST, NOT_ARTICLE, QUIET, RETURN, SAME
from archiver.watch.message import timeline_command
from archiver.watch.schedule import Policy, next_due, policy_from
from archiver.watch.summary import WatchSummary, gone_cause
from archiver.wording import count

__all__ = ["DueSelector", "WatchSummary", "after_extract", "gone_cause", "policy", "replay_link", "run_clock"]


def run_clock(settings: Settings) -> datetime:
    return clock_now(settings.now)


def policy(settings: Settings) -> Policy:
    return policy_from(settings.watch_intervals, settings.watch_max_age)


def replay_link(prefix: str | None) -> Callable[[Capture], str | None] | None:
    """``capture -> {prefix}/{YYYYMMDDhhmmss}/{url}`` (pywb's and the Wayback Machine's URL scheme)."""
    if not prefix:
        return None
    base = prefix.rstrip("/")

    def link(cap: Capture) -> str | None:
        stamp = "".join(ch for ch in cap.fetched_at if ch.isdigit())[:14]
        return f"{base}/{stamp}/{quote(cap.final_url or cap.url, safe=':/?&=%#+,;@')}"

    return link


def _published(settings: Settings, catalog: Catalog, url: str, first_seen: str) -> str | None:
    """The article's own date from its newest sidecar, when it is before ``first_seen``."""
    row = catalog.conn.execute("SELECT e.json_path FROM extractions e JOIN captures c ON c.id = e.capture_id "
                               "WHERE c.url = ? AND e.json_path IS NOT NULL ORDER BY c.id LIMIT 1", (url,)).fetchone()
    if row is None:
        return None
    try:
        from archiver.output import inside

        date = json.loads(inside(settings.clean, row[0]).read_text(encoding="utf-8")).get("date")
        published = iso(parse_time(date)) if date else None
    except (OSError, ValueError, AttributeError):
        return None
    return published if published and published < first_seen else None


def after_extract(settings: Settings, since: int, now: datetime, reporter: Any = None) -> WatchSummary:
    """Judge the captures made after capture id ``since`` (and unjudged ones), schedule, notify, write the feed."""
    summary = WatchSummary()
    pol = policy(settings)
    stamp = iso(now)
    targets = [store.target_key(t) for t in settings.notify]
    replay = replay_link(settings.replay_url)
    assert settings.db is not None  # set by Settings.__post_init__
    with Catalog(settings.db) as catalog:
        conn = catalog.conn
        store.ensure(conn)
        backoff.ensure(conn)
        revival.ensure(conn)
        with conn:
            revived = revival.attempted(conn, since)
            failing = backoff.record(conn, since, now, backoff.parse_backoff(settings.watch_backoff))
            revival.settle(conn, revived, failing, settings.per_host)
        summary.failing = len(failing)
        told_now: set[str] = set()  # URLs this run tells gone: not 'still gone (told before)' in its summary
        for url in store.to_judge(conn, since):
            first = conn.execute("SELECT MIN(fetched_at) FROM captures WHERE url = ? AND state = 'captured'",
                                 (url,)).fetchone()[0]
            row = store.watched(conn, url)
            before = 0  # captures up to this id predate the URL's watching: judged, never announced
            if row is None:
                before = since  # a catalog rebuilt by reindex, or a first --watch on an older archive
                if first is None:
                    continue  # never captured: nothing to watch yet
                seen = min(iso(parse_time(first)), stamp)
                with conn:
                    store.start_watching(conn, url, seen, _published(settings, catalog, url, seen))
                row = store.watched(conn, url)
                assert row is not None
            judge = UrlJudge(catalog, settings.clean, settings.warcs, url)
            judge.restore(store.judged(conn, url))
            new = judge.captures_after(row.last_capture)
            if not new:
                continue
            judged = judge.judge_all(new)
            changed = False
            numbers: dict[int, CaptureEntry] | None = None  # history's version numbers, for the events
            if any(j.verdict.kind in (EDIT, EXTRACTION_CHANGED, RETURN) or j.byline or j.captions for j in judged):
                # read before the transaction: numbering may extract two pages again (diff/refold.py),
                # and the catalog's write lock would be held meanwhile
                entries = number_versions(catalog, settings.clean, url, [Path(settings.warcs)])[0]
                numbers = {e.capture.id: e for e in entries}
            with conn:
                for j in judged:
                    v = j.verdict
                    if v.kind == FIRST and j.before is not None:
                        store.unversion_before(conn, url, j.capture.id, NOT_THE_FIRST)
                    store.record_verdict(conn, j.capture.id, url, v.kind, v.version,
                                         j.digest if v.is_version else None, v.detail)
                    event = event_of(j, url, replay, Path(settings.clean), numbers, [Path(settings.warcs)])
                    if j.capture.id <= before:  # an edit already in the archive: history, not news
                        _silent_spell(conn, url, j, event, stamp, replay, Path(settings.clean))
                        continue
                    if (event is None or not _worth_an_event(conn, url, event)) \
                            and v.kind in (SAME, QUIET, RETURN, EDIT) and (gone_at := _gone_since(conn, url)):
                        event = back_event(j, url, gone_at, replay, Path(settings.clean))  # told as back
                    if event is not None and event["kind"] == EDIT and (gone_at := _gone_since(conn, url)):
                        # back with a new text: told as the edit it is, saying the gone spell ended (a
                        # receiver that marked the article gone heard nothing else of its return)
                        event["detail"]["back_after_gone"] = gone_at
                    if event is None or not _worth_an_event(conn, url, event):
                        if event is not None and event["kind"] == GONE and v.kind == NOT_ARTICLE:
                            summary.still_redirected += 1  # redirected away again, told before (a 404: _still_gone)
                        else:
                            summary.not_article += v.kind == NOT_ARTICLE
                        continue
                    event["detail"]["timeline"] = timeline_command(url, settings.warcs, settings.clean)
                    if store.add_event(conn, event, stamp, targets) is None:
                        continue
                    changed |= event["kind"] == EDIT  # a rollback (a return told as an edit) too
                    summary.edits += event["kind"] == EDIT
                    summary.warnings += v.kind == EXTRACTION_CHANGED
                    summary.returns += event["kind"] == RETURN
                    summary.bylines += event["kind"] == BYLINE
                    summary.captions += event["kind"] == CAPTION
                    if event["kind"] == GONE:
                        summary.gone_causes.append(gone_cause(event["detail"]))
                        told_now.add(url)
                    summary.back += event["kind"] == BACK
                    _log(reporter, event)
                first_seen = parse_time(row.first_seen)
                published = parse_time(row.published) if row.published else first_seen
                last_change = now if changed else (parse_time(row.last_change) if row.last_change else None)
                due = next_due(published, last_change, now, pol, first_seen=first_seen)
                if due is not None and url in failing:  # not before its backoff's next try
                    due = max(due, parse_time(failing[url]))
                store.checked(conn, url, stamp, iso(due) if due else None, max(c.id for c in new), changed)
            summary.checked += 1
            summary.stopped += due is None
            if due is None and reporter is not None:
                dated = f"published {row.published[:10]}" if row.published else f"first seen {row.first_seen[:10]}"
                reporter.log("watch-stopped", f"not checked again: {url} ({dated}, past --watch-max-age "
                             f"{settings.watch_max_age}; a longer one takes it up again)", url=url)
        summary.still_gone = _still_gone(conn, since, told_now)
        if settings.notify:
            from archiver.watch.notify import send_pending

            # sending and sent times are when it happened (the real clock), not the schedule's (``--now``)
            sent_at = iso(clock_now())
            summary.sent, summary.failures, notes, summary.held = send_pending(conn, list(settings.notify), sent_at,
                                                                                settings.notify_digest)
            for note in notes if reporter is not None else []:
                if note.startswith(TAKEN_NOTE):  # a 2xx answer that broke off: sent (answered.py)
                    reporter.log("notify-taken", note)
                else:
                    reporter.log("notify-maybe-sent", f"notification may have been sent already: {note}")
        with conn:
            dropped, drop_at = store.orphans(conn, targets, stamp)
        if dropped and reporter is not None:  # a --notify taken out for good: its messages waited for ever
            lost, given = sum(d[1] for d in dropped), min(d[2] for d in dropped)
            reporter.log("notify-dropped", f"notifications: dropped {count(lost, 'message')} never sent to "
                         f"{count(len(dropped), '--notify target')} not given to any run for {store.ORPHAN_DAYS} "
                         f"days (since {given}); the changes stay in 'archiver history' and clean/changes.atom",
                         dropped=lost, targets=len(dropped))
        waiting, elsewhere = store.waiting_elsewhere(conn, targets)
        if waiting and reporter is not None:  # a --notify URL mended or dropped: its unsent messages were never said
            one = waiting == 1
            reporter.log("notify-waiting", f"notifications: {count(waiting, 'message')} for "
                         f"{count(elsewhere, '--notify target')} not given to this run "
                         f"{'waits' if one else 'wait'} in the catalog, unsent: give "
                         f"{'that --notify URL' if elsewhere == 1 else 'those --notify URLs'} again to send "
                         f"{'it' if one else 'them'}, or {'it is' if one else 'they are'} dropped after {drop_at} "
                         f"({store.ORPHAN_DAYS} days after {'that target' if elsewhere == 1 else 'each target'} "
                         "was last given)", waiting=waiting, targets=elsewhere)
        from archiver.watch.feed import FEED_KINDS, FEED_NAME, write_feed

        listed = store.events(conn, FEED_KINDS)
        if listed or (Path(settings.clean) / FEED_NAME).exists():
            write_feed(Path(settings.clean), listed, stamp)
    if reporter is not None:
        for failure in summary.failures:
            reporter.log("notify-failed", f"notification failed, kept for the next run: {failure}")
        reporter.log("watch-summary", summary.line(), checked=summary.checked, edits=summary.edits,
                     warnings=summary.warnings, returns=summary.returns, not_article=summary.not_article,
                     sent=summary.sent, failed=len(summary.failures), held=summary.held,
                     failing=summary.failing)
    return summary


def _silent_spell(conn: Any, url: str, j: Judged, event: dict[str, Any] | None, stamp: str,
                  replay: Callable[[Capture], str | None] | None, clean: Path) -> None:
    """For a capture already in the archive when ``url``'s watching began (after a reindex, or a first
    ``--watch`` on an older archive): record a gone spell it starts, or the end of one, with no message,
    so that the next run's 404 is the same spell (told once while it stays gone) and a return is told."""
    if event is not None and event["kind"] == GONE and _worth_an_event(conn, url, event):
        store.add_event(conn, event, stamp)  # no targets: no outbox row, nothing sent
    elif j.verdict.kind in (SAME, QUIET, RETURN, EDIT, FIRST) and (gone_at := _gone_since(conn, url)):
        store.add_event(conn, back_event(j, url, gone_at, replay, clean), stamp)


def _still_gone(conn: Any, since: int, told_now: set[str]) -> int:
    """How many attempts made after capture ``since`` answered 404/410 for an article whose latest event is a
    gone event of an earlier capture (told gone before this run): the article stays gone, nothing new. Not the
    URLs of ``told_now``, told gone by this run from an earlier unjudged 404 (a run without --watch met it; a
    longer --watch-max-age took the URL up again): before 2026-12-06 the summary said both of one article."""
    rows = conn.execute("SELECT url, id FROM captures WHERE id > ? AND state = 'failed' AND http_status IN (404, 410)",
                        (since,)).fetchall()
    still = 0
    for url, capture_id in rows:
        if url in told_now:
            continue
        last = conn.execute("SELECT kind, capture_id FROM watch_events WHERE url = ? ORDER BY id DESC LIMIT 1",
                            (url,)).fetchone()
        still += last is not None and last[0] == GONE and last[1] < capture_id
    return still


def _worth_an_event(conn: Any, url: str, event: dict[str, Any]) -> bool:
    """Every edit (a rollback unless its text is the one last told); a warning unless the URL's last event was the
    same warning; a URL's first return only; a gone article once while it stays gone, and its coming back once; a
    byline change unless each new value was a byline of the URL's earlier byline events (an author line that flips
    between two names, or goes back to one it had, is told once); a caption change likewise (:func:`_seen_captions`)."""
    kind = event["kind"]
    if kind == EDIT:  # a rollback unless its text is the one last told (_rollback_told)
        again = event["detail"].get("same_text_as_version") if event["detail"].get("rollback") else None
        return again is None or not _rollback_told(conn, url, again)
    if kind == GONE:  # once while it stays gone
        return _gone_since(conn, url) is None
    if kind == BACK:
        return _gone_since(conn, url) is not None
    if kind == BYLINE:
        return not _seen_bylines(conn, url, event["detail"].get("byline", {}))
    if kind == CAPTION:  # unless it flips back to captions told before (as a byline is told once)
        return not _seen_captions(conn, url, event["detail"].get("captions", []))
    last = conn.execute("SELECT kind FROM watch_events WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)).fetchone()
    if kind == EXTRACTION_CHANGED:
        return last is None or last[0] != EXTRACTION_CHANGED
    return conn.execute("SELECT 1 FROM watch_events WHERE url = ? AND kind = ?", (url, RETURN)).fetchone() is None


def _rollback_told(conn: Any, url: str, version: int) -> bool:
    """Whether the text a rollback of ``url`` brings back (that of ``version``) is already the one the reader was
    last told of: :func:`archiver.diff.told.told` (the rule ``archiver history --new-only`` uses on digests) on
    the URL's told edits and warnings, keyed by version (a rollback's key the version whose text it brings back).
    A stale copy of v1 flapping with v3 after it was told (A, B, C, A, C, A): the last A is no news; any other
    edit told since makes the rollback news (A, B, C, A, D, A, C, A: the last A undoes the C just told); an
    extraction warning between changes nothing (A, B, C, A, W, C: the C a plain return, as in A, B, C, A, C; the
    rollback marks of :func:`archiver.diff.told.rollbacks` take warnings out)."""
    from archiver.diff.told import Step, told

    steps = []
    for kind, number, detail in conn.execute("SELECT kind, version, detail FROM watch_events WHERE url = ? "
                                             "AND kind IN (?, ?) ORDER BY id", (url, EDIT, EXTRACTION_CHANGED)):
        if kind == EXTRACTION_CHANGED:
            steps.append(Step(None, warning=True))
            continue
        data = json.loads(detail or "{}")
        back = data.get("same_text_as_version") if data.get("rollback") else None
        steps.append(Step(back if back is not None else number, rollback=back is not None))
    return not told(1, [*steps, Step(version, rollback=True)])[-1]


def _gone_since(conn: Any, url: str) -> str | None:
    """The capture time of ``url``'s gone event when that is its latest event (the article is still
    gone, as far as the watch has told), else None."""
    last = conn.execute("SELECT kind, at FROM watch_events WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)).fetchone()
    return str(last[1]) if last is not None and last[0] == GONE else None


def _seen_bylines(conn: Any, url: str, changed: dict[str, list[str]]) -> bool:
    """Whether every field's new value in ``changed`` ({field: [old, new]}) was a value of that field
    in an earlier byline event of ``url``."""
    seen: dict[str, set[str]] = {}
    for (detail,) in conn.execute("SELECT detail FROM watch_events WHERE url = ? AND kind = ?", (url, BYLINE)):
        try:
            pairs = json.loads(detail or "{}").get("byline", {})
        except (ValueError, AttributeError):
            continue
        for key, values in pairs.items() if isinstance(pairs, dict) else ():
            seen.setdefault(key, set()).update(map(str, values))
    return bool(changed) and all(new in seen.get(key, ()) for key, (_old, new) in changed.items())


def _seen_captions(conn: Any, url: str, changed: list[list[str]]) -> bool:
    """Whether every caption pair in ``changed`` ([[old, new], ...], :mod:`archiver.diff.captions`) was told
    before for ``url``, in a caption event or an edit's caption lines: a new caption that was one of theirs (an
    A/B-tested or cached caption flipping back), a caption removed that was added or removed in one of them. As
    :func:`_seen_bylines` for an author line; an edit carrying caption lines is told for its text anyway."""
    from archiver.diff.headline import same_words

    told: list[str] = []  # the captions told, either side
    flapped: list[str] = []  # captions told as added or removed
    for (detail,) in conn.execute("SELECT detail FROM watch_events WHERE url = ? AND kind IN (?, ?)",
                                  (url, CAPTION, EDIT)):
        try:
            pairs = json.loads(detail or "{}").get("captions") or []
        except (ValueError, AttributeError):
            continue
        for pair in pairs if isinstance(pairs, list) else ():
            if not isinstance(pair, list) or len(pair) != 2:
                continue
            old, new = (str(side or "") for side in pair)
            told += [side for side in (old, new) if side]
            if not (old and new):
                flapped.append(old or new)

    def seen(caption: str, among: list[str]) -> bool:
        return any(same_words(caption, other) for other in among)

    return bool(changed) and all(seen(new, told) if new else seen(old, flapped) for old, new in changed)


_GONE_MEANS = {410: "removed for good"}  # what a status says of the article, in the log line (else a 404's words)


def _log(reporter: Any, event: dict[str, Any]) -> None:
    if reporter is None:
        return
    kind = event["kind"]
    back = event["detail"].get("back_after_gone") if kind == EDIT else None
    again = event["detail"].get("same_text_as_version") if kind == EDIT else None
    what = {EDIT: f"content changed (v{event['old_version']} -> v{event['version']}"
                  + (f", the text of v{again} again: an edit undone)" if again else ")")
                  + (f", back after being gone since {back}" if back else ""),
            EXTRACTION_CHANGED: "extraction changed (a warning, not an edit)",
            GONE: (f"gone: the page redirects to the site's front page {event['detail']['front_page']} (removed)"
                   if event["detail"].get("front_page")
                   else f"gone: the page redirects to another page {event['detail']['redirect']} (its text is not "
                        "the article's: removed or replaced)" if event["detail"].get("redirect")
                   else f"gone: the page answers HTTP {event['detail'].get('status')} "
                        f"({_GONE_MEANS.get(event['detail'].get('status'), 'deleted, or moved without a redirect')})"),
            BACK: "back: the article answers again after it was gone",
            BYLINE: "byline changed, the text is the same (" + "; ".join(
                f"{key}: {old} -> {new}" for key, (old, new) in event["detail"].get("byline", {}).items()) + ")",
            CAPTION: "caption changed, the text is the same (" + "; ".join(
                f"{old or '(none)'} -> {new or '(none)'}" for old, new in event["detail"].get("captions", [])) + ")",
            RETURN: f"v{event['version']} is the text of "
                    f"v{event['detail'].get('same_text_as_version', event['version'])} again (not a new edit)"}[kind]
    reporter.log(f"watch-{kind}", f"{what}: {event['url']}", url=event["url"], capture_id=event["capture_id"],
                 version=event["version"])
