"""Tell people about change events through apprise (mail, ntfy, Slack, Matrix, JSON webhooks ...).

One message per event and target. Events wait in the catalog's outbox
(:mod:`archiver.watch.store`) until their target accepts them: a target that is
down gets the message on the next run, and an event is never lost or sent twice
to a target that took it. apprise was chosen over own SMTP/HTTP code because it
speaks some hundred services through one URL syntax (https://github.com/caronc/apprise/wiki).
"""
from __future__ import annotations

import logging
import sqlite3
from typing import Any

from archiver.watch import store

CONTEXT_CHARS = 100
WORDS_CHARS = 300


class NotifyError(ValueError):
    """A notification URL apprise does not understand (raised before anything is fetched)."""


def check_targets(urls: list[str]) -> None:
    """Raise NotifyError naming any URL apprise cannot use."""
    import apprise

    for url in urls:
        if not apprise.Apprise().add(url):
            raise NotifyError(f"--notify {_redact(url)}: not a notification URL apprise knows "
                              "(see https://github.com/caronc/apprise/wiki for the schemes)")


def _redact(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://…" if sep and rest else url


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def change_line(change: dict[str, Any]) -> str:
    """``content replaced: …before [-old-]{+new+} after…``, as ``archiver history`` prints it."""
    before = f"\u2026{_clip(change.get('before', ''), CONTEXT_CHARS)} " if change.get("before") else ""
    after = f" {_clip(change.get('after', ''), CONTEXT_CHARS)}\u2026" if change.get("after") else ""
    old = f"[-{_clip(change['old'], WORDS_CHARS)}-]" if change.get("old") else ""
    new = f"{{+{_clip(change['new'], WORDS_CHARS)}+}}" if change.get("new") else ""
    return f"content {change.get('kind', 'changed')}: {before}{old}{new}{after}"


def _version_line(label: str, side: dict[str, Any] | None) -> str:
    if not side:
        return f"{label}: -"
    line = f"{label}: captured {side['captured_at']}, text {side.get('text_path') or '-'}"
    if side.get("warc_file"):
        line += f", WARC {side['warc_file']} offset {side['warc_offset']}"
    if side.get("replay"):
        line += f", replay {side['replay']}"
    return line


def message(event: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of the message for one event (a row of ``watch_events`` with its detail decoded)."""
    detail = event["detail"]
    title = _clip(event.get("title") or event["url"], 120)
    old_v, new_v = event.get("old_version"), event.get("version")
    lines = [event["url"]]
    if event["kind"] == "extraction-changed":
        subject = f"Extraction changed (not an edit): {title}"
        lines += ["", ("archiver's extraction of this page lost most of the article, but the words are still on "
                       "the captured page: the extractor changed, not the article. No new version was recorded."),
                  f"capture {event['capture_id']} at {event['at']}; {detail.get('explanation', '')}"]
    else:
        subject = f"Content changed: {title}"
        again = f", the text of version {detail['same_text_as_version']} again" \
            if detail.get("same_text_as_version") else ""
        lines += [f"version {old_v} (last seen in the capture of {event.get('old_at')}) -> version {new_v} "
                  f"(captured {event['at']}{again})",
                  ""]
        lines += [change_line(c) for c in detail.get("changes", [])]
        quiet = [f"{detail[k]} {k}" for k in ("moved", "boilerplate", "layout") if detail.get(k)]
        if quiet:
            lines.append(f"(not counted: {', '.join(quiet)} differences)")
    lines += ["", _version_line(f"version {old_v}" if old_v else "before", detail.get("old")),
              _version_line(f"version {new_v}" if new_v else "this capture", detail.get("new"))]
    return subject, "\n".join(lines)


def send_pending(conn: sqlite3.Connection, targets: list[str], now: str) -> tuple[int, list[str]]:
    """Send every unsent event to each target; return (messages sent, failure descriptions).

    Each outcome is committed at once, so a crash never loses a sent mark for long
    (at worst one message is sent again).
    """
    import apprise

    sent, failures = 0, []
    for url in targets:
        key = store.target_key(url)
        for event in store.pending(conn, key):
            subject, body = message(event)
            notifier = apprise.Apprise()
            notifier.add(url)
            with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:  # no stamp, no level
                ok = notifier.notify(title=subject, body=body, body_format=apprise.NotifyFormat.TEXT)
            with conn:
                if ok:
                    store.mark_sent(conn, event["id"], key, now)
                    sent += 1
                else:
                    reason = _clip("; ".join(filter(None, captured.getvalue().splitlines())), 300) or "not delivered"
                    store.mark_failed(conn, event["id"], key, reason)
                    failures.append(f"{_redact(url)}: event {event['id']} ({event['url']}): {reason}")
            if not ok:
                break  # this target is down: the rest wait for the next run, in order
    return sent, failures
