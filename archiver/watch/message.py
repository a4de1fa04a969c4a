"""The words of a notification: one change event as a message (title, body) and as flat fields.

Pure functions of an event (a row of ``watch_events`` with its detail decoded); sending is
:mod:`archiver.watch.notify`'s, the feed :mod:`archiver.watch.feed`'s.
"""
from __future__ import annotations

import re
import shlex
from collections import Counter
from pathlib import Path
from typing import Any

from archiver.wording import count, space_before

__all__ = ["FIELD_PREFIX", "change_line", "clip", "digest", "digest_fields", "fields", "message"]

CONTEXT_CHARS = 100
WORDS_CHARS = 300
FIELD_PREFIX = "archiver_"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # a page's control bytes: not for a mail subject or a terminal


def clip(text: str, limit: int) -> str:
    text = " ".join(_CONTROL.sub(" ", str(text or "")).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def change_line(change: dict[str, Any]) -> str:
    """``content replaced: …before [-old-]{+new+} after…``, as ``archiver history`` prints it; ``(as in version
    1)`` after it when it puts back an earlier version's words (``as_in_version``: :mod:`archiver.diff.earlier`)."""
    changed = str(change.get("old") or change.get("new") or "")
    before = (f"\u2026{clip(change.get('before', ''), CONTEXT_CHARS)}{space_before(changed)}"
              if change.get("before") else "")
    after = (f"{space_before(str(change['after']))}{clip(change['after'], CONTEXT_CHARS)}\u2026"
             if change.get("after") else "")
    old = f"[-{clip(change['old'], WORDS_CHARS)}-]" if change.get("old") else ""
    new = f"{{+{clip(change['new'], WORDS_CHARS)}+}}" if change.get("new") else ""
    earlier = f" (as in version {change['as_in_version']})" if change.get("as_in_version") else ""
    return f"content {change.get('kind', 'changed')}: {before}{old}{new}{after}{earlier}"


def _version_line(label: str, side: dict[str, Any] | None) -> str:
    if not side:
        return f"{label}: -"
    line = f"{label}: captured {side['captured_at']}, text {side.get('text_path') or '-'}"
    if side.get("warc_file"):
        line += f", WARC {side['warc_file']} offset {side['warc_offset']}"
    if side.get("replay"):
        line += f", replay {side['replay']}"
    return line


def _last_seen(version: int | None, event: dict[str, Any]) -> str:
    """The label of a gone event's older side: the capture it was last seen in, named (``version 1 as last seen
    (capture 6)``): ``version 1: captured T6`` read as the version's time, which ``archiver history`` gives as its
    first capture's."""
    seen = f" (capture {event['old_capture_id']})" if event.get("old_capture_id") else ""
    return f"version {version} as last seen{seen}" if version else f"last seen{seen}"


def _as_last_seen(version: int | None, capture_id: Any, detail: dict[str, Any]) -> str:
    """The label of an event's older side: ``version 1`` when that capture is the version's first (as
    ``archiver history`` lists it), ``version 1 as last seen (capture 6)`` when it is a later one."""
    if not version:
        return "before"
    first = detail.get("old_first")
    if first and first.get("capture_id") != capture_id:
        return f"version {version} as last seen (capture {capture_id})"
    return f"version {version}"


def message(event: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of the message for one event (a row of ``watch_events`` with its detail decoded)."""
    detail = event["detail"]
    title = clip(event.get("title") or event["url"], 120)
    old_v, new_v = event.get("old_version"), event.get("version")
    lines = [event["url"]]
    if event["kind"] == "byline":
        subject = f"Byline changed (the text is the same): {title}"
        lines += ["", "The article's text is unchanged; its author line is not:"]
        lines += [f"{key}: {clip(old, 200)} -> {clip(new, 200)}"
                  for key, (old, new) in detail.get("byline", {}).items()]
        lines += [f"capture {event['capture_id']} at {event['at']} (before: capture {event.get('old_capture_id')} "
                  f"at {event.get('old_at')}; the text is version {new_v} in both)"]
    elif event["kind"] == "caption":
        subject = f"Caption changed (the text is the same): {title}"
        lines += ["", "The article's text is unchanged; a photo caption under it is not:"]
        lines += [f"capture {event['capture_id']} at {event['at']} (before: capture {event.get('old_capture_id')} "
                  f"at {event.get('old_at')}; the text is version {new_v} in both)"]
    elif event["kind"] == "gone" and detail.get("front_page"):
        subject = f"Gone (redirects to the front page): {title}"
        lines += ["", f"The page now redirects to the site's front page, {detail['front_page']}: the article was "
                      "removed. Its last version stays in the archive. Told once while it stays gone.",
                  f"capture {event['capture_id']} at {event['at']}",
                  _version_line(_last_seen(old_v, event), detail.get("old"))]
    elif event["kind"] == "gone" and detail.get("redirect"):
        subject = f"Gone (redirects to another page): {title}"
        lines += ["", f"The page now redirects to {detail['redirect']}, whose text is not the article's: the article "
                      "was removed or replaced. Its last version stays in the archive. Told once while it stays gone.",
                  f"capture {event['capture_id']} at {event['at']}",
                  _version_line(_last_seen(old_v, event), detail.get("old"))]
    elif event["kind"] == "gone":
        subject = f"Gone (HTTP {detail.get('status')}): {title}"
        means = ("the article was removed for good (410 Gone: the site says it will not come back)"
                 if detail.get("status") == 410 else "the article was deleted (or moved without a redirect)")
        lines += ["", f"The page now answers HTTP {detail.get('status')}: {means}. Its last version stays in the "
                      "archive. Told once while it stays gone.",
                  f"capture {event['capture_id']} at {event['at']}: {detail.get('reason') or ''}",
                  _version_line(_last_seen(old_v, event), detail.get("old"))]
    elif event["kind"] == "back":
        subject = f"Back: {title}"
        lines += ["", "The article answers again after it was gone, with a text it had (a new text is told as "
                      "an edit).",
                  f"gone since the capture of {event.get('old_at')}",
                  _version_line(f"this capture ({event['capture_id']})" + (f", the text of version {new_v}" if new_v
                                                                            else ""), detail.get("new"))]
    elif event["kind"] == "extraction-changed":
        subject = f"Extraction changed (not an edit): {title}"
        lines += ["", ("archiver's extraction of this page lost most of the article, but the words are still on "
                       "the captured page: the extractor changed, not the article. No new version was recorded."),
                  f"capture {event['capture_id']} at {event['at']}; {detail.get('explanation', '')}"]
    else:
        same = detail.get("same_text_as_version")
        headline = detail.get("headline") or {}
        # the prefix stays "Content changed: " for filters; a new headline is named after the new headline
        # itself, the one the page shows (the declared title may be an older or an SEO one)
        named = f"{clip(headline['new'], 120)} (new headline)" if headline.get("new") else title
        back = f" (back to the text of version {same})" if same and detail.get("rollback") else ""
        retitled = detail.get("title_change") or {}
        if retitled.get("only") and retitled.get("new"):  # the declared title alone: not a content change
            subject = f"Title changed (the headline and text are the same){back}: {clip(retitled['new'], 120)}"
        else:
            subject = f"Content changed{back}: {named}"
        again = f", the text of version {same} again" if same else ""
        if detail.get("back_after_gone"):
            lines += [f"The article answers again after it was gone since the capture of {detail['back_after_gone']}, "
                      "with a new text:"]
        first = detail.get("old_first")
        if first and old_v:  # named as ``archiver history`` lists it: its first capture, then when last seen
            was = (f"version {old_v} (capture {first['capture_id']}, {first['captured_at']}"
                   + (f"; last seen in capture {event.get('old_capture_id')} at {event.get('old_at')})"
                      if first["capture_id"] != event.get("old_capture_id") else ")"))
            lines += [f"{was} -> version {new_v} (capture {event['capture_id']}, {event['at']}{again})", ""]
        else:
            lines += [f"version {old_v} (last seen in the capture of {event.get('old_at')}) -> version {new_v} "
                      f"(captured {event['at']}{again})",
                      ""]
        if same and detail.get("rollback") and isinstance(new_v, int):
            since = f"version {same + 1}" + (f" to version {new_v - 1}" if new_v - 1 > same + 1 else "")
            lines += [f"The article's text is version {same}'s again, word for word: every change made since "
                      f"version {same} ({since}) is undone (a correction taken back, an edit reverted).", ""]
        if detail.get("moved_to"):  # a new slug: the WARC record of this capture is under the new address
            lines += [f"The article moved: its address now redirects to {detail['moved_to']}, where this capture "
                      "was fetched.", ""]
        if headline:  # the shown headline, whole: the word diff shows it in pieces (archiver/diff/headline.py)
            lines += [f"headline: {clip(headline['old'], 200)} -> {clip(headline['new'], 200)}"]
        if retitled.get("old") and retitled.get("new"):  # the declared title (og:title, <title>), not the shown one
            if retitled.get("only"):
                lines += ["Only the title the page declares (og:title, <title>: search engines, social cards, the "
                          "browser's tab) changed; the headline it shows and the text are the same."]
            lines += [f"title: {clip(retitled['old'], 200)} -> {clip(retitled['new'], 200)}"]
        lines += [change_line(c) for c in detail.get("changes", [])]
        quiet = [count(detail[k], f"{k} difference") for k in ("moved", "boilerplate", "layout") if detail.get(k)]
        if quiet:
            lines.append(f"(not counted: {', '.join(quiet)})")
    if detail.get("captions") and event["kind"] in ("edit", "byline", "caption"):
        at = 3 if event["kind"] in ("byline", "caption") else len(lines)  # under the caption event's first line
        lines[at:at] = [caption_line(old, new) for old, new in detail["captions"]]
    if event["kind"] in ("byline", "caption"):  # one version, two captures: named by capture, not twice "version 1"
        lines += ["", _version_line(f"before (capture {event.get('old_capture_id')})", detail.get("old")),
                  _version_line(f"this capture ({event['capture_id']})", detail.get("new"))]
    elif event["kind"] not in ("gone", "back"):  # those name their one version above
        lines += ["", _version_line(_as_last_seen(old_v, event.get("old_capture_id"), detail), detail.get("old")),
                  _version_line(f"version {new_v}" if new_v else "this capture", detail.get("new"))]
    if detail.get("timeline"):
        lines += ["", f"The article's timeline (every capture, version and change): {detail['timeline']}"]
    return subject, "\n".join(lines)


def caption_line(old: str, new: str) -> str:
    """``caption: OLD -> NEW``, ``caption added: NEW`` or ``caption removed: OLD`` (a pair of
    :func:`archiver.diff.captions.caption_change`)."""
    if old and new:
        return f"caption: {clip(old, 200)} -> {clip(new, 200)}"
    return f"caption added: {clip(new, 200)}" if new else f"caption removed: {clip(old, 200)}"


def timeline_command(url: str, warcs: str | Path, clean: str | Path) -> str:
    """The shell command that lists ``url``'s timeline in this archive (``archiver history URL --warcs DIR --clean
    DIR``, the folders made absolute, each part quoted for a POSIX shell), for a message's last line."""
    return shlex.join(["archiver", "history", url, "--warcs", str(Path(warcs).absolute()),
                       "--clean", str(Path(clean).absolute())])


def fields(event: dict[str, Any]) -> dict[str, str]:
    """The event as flat fields for a webhook (``archiver_kind``, ``archiver_url``, ``archiver_title``,
    ``archiver_captured_at``, ``archiver_capture_id``, ``archiver_version``, ``archiver_before_captured_at``,
    ``archiver_before_version``, ``archiver_before_version_captured_at`` (the older version's first capture, as
    ``archiver history`` lists it; ``archiver_before_captured_at`` is when it was last seen), ``archiver_changes``
    (how many changed passages), ``archiver_same_text_as_version`` (the new text is that earlier version's
    again, word for word: an edit undone), ``archiver_back_after_gone``
    (an edit of an article that was gone: the gone spell's capture time), ``archiver_redirect`` (a gone article:
    the front page or other page its URL redirects to now; an edit of an article moved to a new address: that
    address), ``archiver_before_headline`` and ``archiver_headline`` (an edit whose shown headline changed: the
    headline before and after, whole, as :mod:`archiver.diff.shownline` finds it; ``archiver_title`` stays the
    page's declared title), ``archiver_before_title`` (an edit that rewrote the declared title, og:title or
    ``<title>``, under the same shown headline: the title before; ``archiver_title`` is the new one) and
    ``archiver_title_only`` (``yes``: nothing else changed, :mod:`archiver.diff.titlestep`),
    ``archiver_before_captions`` and ``archiver_captions`` (photo captions edited, :mod:`archiver.diff.captions`:
    the captions before and after, one a line), and for each side present
    ``archiver_{before,after}_{text_file,warc_file,warc_offset,replay}``); values are strings, absent ones left out.
    ``kind``: ``edit``, ``return`` (an earlier text again), ``byline``, ``caption``, ``gone``, ``back`` or
    ``extraction-changed``."""
    detail = event.get("detail") or {}
    headline = detail.get("headline") or {}
    retitled = detail.get("title_change") or {}
    out: dict[str, Any] = {
        "kind": event["kind"],
        "url": event["url"], "title": event.get("title"), "captured_at": event.get("at"),
        "capture_id": event.get("capture_id"), "version": event.get("version"),
        "before_captured_at": event.get("old_at"), "before_version": event.get("old_version"),
        "before_version_captured_at": (detail.get("old_first") or {}).get("captured_at"),
        "changes": (len(detail.get("changes", [])) if event["kind"] not in ("byline", "caption", "gone", "back")
                    else None),
        "back_after_gone": detail.get("back_after_gone"),
        "same_text_as_version": detail.get("same_text_as_version"),
        # where the URL leads now: a gone article's front page or other page, an edited article's new address
        "redirect": detail.get("redirect") or detail.get("front_page") or detail.get("moved_to"),
        # an edit that changed the shown headline: before and after (archiver/diff/headline.py)
        "before_headline": headline.get("old"), "headline": headline.get("new"),
        # the declared title rewritten under the same shown headline (archiver/diff/titlestep.py)
        "before_title": retitled.get("old"), "title_only": "yes" if retitled.get("only") else None,
    }
    for label, side in (("before", detail.get("old")), ("after", detail.get("new"))):
        if isinstance(side, dict):
            out.update({f"{label}_text_file": side.get("text_path"), f"{label}_warc_file": side.get("warc_file"),
                        f"{label}_warc_offset": side.get("warc_offset"), f"{label}_replay": side.get("replay")})
    flat = {FIELD_PREFIX + k: _CONTROL.sub(" ", str(v)) for k, v in out.items() if v is not None and v != ""}
    # photo captions edited (archiver/diff/captions.py): one caption a line, an empty line for one added or removed
    pairs = [p for p in detail.get("captions") or [] if isinstance(p, (list, tuple)) and len(p) == 2]
    for key, side in (("before_captions", 0), ("captions", 1)):
        joined = "\n".join(_CONTROL.sub(" ", str(p[side] or "")) for p in pairs)
        if joined.strip():
            flat[FIELD_PREFIX + key] = joined
    return flat


def digest(events: list[dict[str, Any]]) -> tuple[str, str]:
    """(title, body) of one message for several events (``--notify-digest``): a numbered list of their
    titles and URLs, then each event's message in full, in the order given (oldest first)."""
    parts = [message(e) for e in events]
    kinds = Counter(_KIND_WORDS.get(e["kind"], e["kind"]) for e in events)
    title = f"{count(len(events), 'change')} to watched articles (" + ", ".join(
        f"{n} {kind}" for kind, n in kinds.most_common()) + ")"
    # each line names its URL: two articles of one story (a live blog and its report) often share a title
    lines = [f"{n}. {subject} ({clip(e['url'], 200)})"
             for n, ((subject, _), e) in enumerate(zip(parts, events, strict=True), 1)]
    for n, (subject, body) in enumerate(parts, 1):
        lines += ["", "-" * 60, f"{n}. {subject}", body]
    return title, "\n".join(lines)


_KIND_WORDS = {"edit": "edited", "return": "back to an earlier text", "byline": "byline", "caption": "caption",
               "gone": "gone",
               "back": "back", "extraction-changed": "extraction warning"}


def digest_fields(events: list[dict[str, Any]]) -> dict[str, str]:
    """Flat fields of a digest: ``archiver_kind`` ``digest``, ``archiver_events`` (how many),
    ``archiver_urls`` and ``archiver_kinds`` (one per event, in order, separated by newlines)."""
    return {FIELD_PREFIX + "kind": "digest", FIELD_PREFIX + "events": str(len(events)),
            FIELD_PREFIX + "urls": "\n".join(_CONTROL.sub(" ", str(e["url"])) for e in events),
            FIELD_PREFIX + "kinds": "\n".join(str(e["kind"]) for e in events)}
