"""Tell people about change events through apprise (mail, ntfy, Slack, Matrix, JSON webhooks ...).

One message per event and target. Events wait in the catalog's outbox
(:mod:`archiver.watch.store`) until their target accepts them: a target that is
down gets the message on the next run, and an event is never lost or sent twice
to a target that took it. apprise was chosen over own SMTP/HTTP code because it
speaks some hundred services through one URL syntax (https://github.com/caronc/apprise/wiki).
"""
from __future__ import annotations

import logging
import re
import sqlite3
from typing import Any

from archiver.watch import store
from archiver.wording import count, space_before

CONTEXT_CHARS = 100
WORDS_CHARS = 300
HEADER_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms", "mailto", "mailtos"})
PAYLOAD_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})  # apprise's ":key=value" extras
FIELD_PREFIX = "archiver_"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # a page's control bytes: not for a mail subject or a terminal


class NotifyError(ValueError):
    """A notification URL apprise does not understand (raised before anything is fetched)."""


def check_targets(urls: list[str]) -> None:
    """Raise NotifyError naming any URL apprise cannot use."""
    import apprise

    for url in urls:
        with apprise.LogCapture(level=logging.WARNING, fmt="%(levelname)s %(message)s") as captured:
            known = apprise.Apprise().add(url)
        if not known:
            # apprise's own warning says what is wrong with a URL of a scheme it knows ("Invalid ~From~ email
            # specified": a mailto:// without a user or ?from=); it said "not a URL apprise knows" alone
            why = reason_of(captured.getvalue().splitlines(), _secrets(url)).rstrip(" :")
            hint = MAIL_HINT if url.lower().startswith(("mailto://", "mailtos://")) and "from=" not in url.lower() \
                and "@" not in url.partition("?")[0] else ""
            said = "not a notification URL apprise knows" if why == "not delivered" and not hint else \
                "apprise cannot use this URL" + ("" if why == "not delivered" else f" ({why})")
            raise NotifyError(f"--notify {_redact(url)}: {said}{hint} "
                              "(see https://github.com/caronc/apprise/wiki for the schemes)")


MAIL_HINT = "; a mail URL needs a sender: mailto://user:pass@server or ?from=ADDRESS"


def _redact(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://…" if sep and rest else url


def _secrets(url: str) -> list[str]:
    """The parts of a notification URL that must not be shown (raw and decoded): every piece of its
    user information, every piece of its host part that is not a host name or a port (a Telegram bot
    token stands there: ``tgram://123:AAH.../chat``), every path segment (Discord's and Slack's
    webhook tokens, ``json://host/hook/TOKEN``) of ``_TOKEN`` characters or more (a short word such
    as ``hook`` would blank that word all through the message) and the values of query parameters named like a
    secret (``pass``, ``token``, ``key``, ``secret``)."""
    from urllib.parse import parse_qsl, unquote

    found: list[str] = []
    scheme, sep, rest = url.partition("://")
    if not sep:
        return found
    rest, _, query = rest.partition("?")
    netloc, _, path = rest.partition("/")
    userinfo, _, hostport = netloc.rpartition("@")
    found += [piece for piece in userinfo.split(":") if piece]
    found += [piece for piece in hostport.split(":") if len(piece) >= _TOKEN and not _HOST_OR_PORT.match(piece)]
    found += [segment for segment in path.split("/") if len(segment) >= _TOKEN]
    for name, value in parse_qsl(query):
        if any(word in name.lower() for word in ("pass", "token", "key", "secret")):
            found.append(value)
    found += [unquote(piece) for piece in found]
    return sorted({s for s in found if len(s) >= 3}, key=len, reverse=True)


# a host name (letters, digits, hyphens, dots, one dot at least or ``localhost``), an IPv4 address or a
# port: shown; anything else in the host part of a notification URL may be a token
_HOST_OR_PORT = re.compile(r"^(?:\d{1,5}|localhost|(?=[\w-]*\.)[\w.-]+|\[[\d:a-fA-F]+\])$")
_TOKEN = 8
_LOGGED_URL = re.compile(r"(with url: )\S+")
_POOL_ERRNO = re.compile(r"\[Errno -?\d+\][^\"'()\[\]]+")


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "…")
    return text


_CREDENTIALS = "the receiver refuses the credentials: check the user and password in --notify"
REMEDIES = (
    ("error=30", "the receiver redirects the notification (a POST sent on as a GET would be lost): "
                 "give --notify the new address"),
    ("error=429", "the receiver asks to slow down: it is tried again on the next run"),
    ("error=401", _CREDENTIALS),
    ("error=403", _CREDENTIALS),
    ("(550,", "the mail server refuses the message for good: see its reply (sender, recipient, spam rules)"),
    ("(554,", "the mail server refuses the message for good: see its reply (sender, recipient, spam rules)"),
    ("authentication", "the server refuses the login: check the user and password in --notify"),
    ("auth extension not supported", "the server offers no login: drop the user and password from "
                                     "--notify, or name the server's submission port"),
)


def reason_of(log_lines: list[str], secrets: list[str]) -> str:
    """apprise's warnings plus the low-level error under them (its DEBUG ``Socket Exception``
    line: the SMTP server's reply, the connection error), without secrets, and a remedy when the
    failure has a known one."""
    kept = []
    for n, line in enumerate(log_lines):
        line = line.strip()
        if line == "DEBUG Response Details:":  # the receiver's own answer, on the lines after this one
            said = answer_text(log_lines[n + 1:])
            if said:
                kept.append(f"(the receiver answered: {_clip(said, ANSWER_CHARS)})")
        elif line.startswith("DEBUG Socket Exception:"):
            line = _LOGGED_URL.sub(r"\1…", line.removeprefix("DEBUG Socket Exception:").strip())
            errno = _POOL_ERRNO.search(line) if "ConnectionPool(" in line else None
            if errno:  # urllib3's wrapping (pool, retries, the connection object's repr) around the socket's words
                line = errno.group(0).strip()
            kept.append("(" + line + ")")
        elif line.startswith("WARNING "):
            kept.append(line.removeprefix("WARNING "))
    reason = _scrub(_clip(" ".join(dict.fromkeys(kept)), 420), secrets) or "not delivered"
    low = reason.lower()
    remedy = next((fix for key, fix in REMEDIES if key in low), None)
    if remedy == _CREDENTIALS and not secrets:  # no user, password or token in the URL to check
        remedy = "the receiver refuses the message: does it want a login or a token in --notify?"
    return f"{reason}; {remedy}" if remedy else reason


ANSWER_CHARS = 200  # of a receiver's answer quoted in a failure's line
_LEVEL = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL|TRACE|DEPRECATION) ")
_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def answer_text(lines: list[str]) -> str:
    """The body an HTTP receiver answered a failed notification with, as apprise's DEBUG ``Response Details:``
    logs it on the ``lines`` after its own (up to the next log line): a bytes repr (``b'{"error": ...}'``) or
    text, decoded as UTF-8; an HTML error page's text without its markup; "" for an empty body. apprise keeps
    it out of its WARNING (``error=500.`` alone), and the receiver's words are what says why (a quota, a
    token revoked, a field refused)."""
    import ast

    body: list[str] = []
    for line in lines:
        if _LEVEL.match(line):
            break
        body.append(line)
    text = "\n".join(body).strip()
    if text[:2] in ("b'", 'b"'):
        try:
            raw = ast.literal_eval(text)
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        except (ValueError, SyntaxError):
            pass
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    return " ".join(text.split())


def _clip(text: str, limit: int) -> str:
    text = " ".join(_CONTROL.sub(" ", str(text or "")).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def change_line(change: dict[str, Any]) -> str:
    """``content replaced: …before [-old-]{+new+} after…``, as ``archiver history`` prints it."""
    changed = str(change.get("old") or change.get("new") or "")
    before = (f"\u2026{_clip(change.get('before', ''), CONTEXT_CHARS)}{space_before(changed)}"
              if change.get("before") else "")
    after = (f"{space_before(str(change['after']))}{_clip(change['after'], CONTEXT_CHARS)}\u2026"
             if change.get("after") else "")
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
    if event["kind"] == "byline":
        subject = f"Byline changed (the text is the same): {title}"
        lines += ["", "The article's text is unchanged; its author or date line is not:"]
        lines += [f"{key}: {_clip(old, 200)} -> {_clip(new, 200)}"
                  for key, (old, new) in detail.get("byline", {}).items()]
        lines += [f"capture {event['capture_id']} at {event['at']} (before: capture {event.get('old_capture_id')} "
                  f"at {event.get('old_at')}; the text is version {new_v} in both)"]
    elif event["kind"] == "gone" and detail.get("front_page"):
        subject = f"Gone (redirects to the front page): {title}"
        lines += ["", f"The page now redirects to the site's front page, {detail['front_page']}: the article was "
                      "removed. Its last version stays in the archive. Told once while it stays gone.",
                  f"capture {event['capture_id']} at {event['at']}",
                  _version_line(f"version {old_v}" if old_v else "last seen", detail.get("old"))]
    elif event["kind"] == "gone":
        subject = f"Gone (HTTP {detail.get('status')}): {title}"
        lines += ["", f"The page now answers HTTP {detail.get('status')}: the article was deleted (or moved without "
                      "a redirect). Its last version stays in the archive. Told once while it stays gone.",
                  f"capture {event['capture_id']} at {event['at']}: {detail.get('reason') or ''}",
                  _version_line(f"version {old_v}" if old_v else "last seen", detail.get("old"))]
    elif event["kind"] == "back":
        subject = f"Back: {title}"
        lines += ["", "The article answers again after it was gone, with a text it had (a new text is told as "
                      "an edit).",
                  f"gone since the capture of {event.get('old_at')}",
                  _version_line(f"version {new_v}" if new_v else "this capture", detail.get("new"))]
    elif event["kind"] == "extraction-changed":
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
    if event["kind"] == "byline":  # one version, two captures: named by capture, not twice "version 1"
        lines += ["", _version_line(f"before (capture {event.get('old_capture_id')})", detail.get("old")),
                  _version_line(f"this capture ({event['capture_id']})", detail.get("new"))]
    elif event["kind"] not in ("gone", "back"):  # those name their one version above
        lines += ["", _version_line(f"version {old_v}" if old_v else "before", detail.get("old")),
                  _version_line(f"version {new_v}" if new_v else "this capture", detail.get("new"))]
    return subject, "\n".join(lines)


def with_key(url: str, key: str) -> str:
    """``url`` with an ``Idempotency-Key: key`` header for the receivers apprise sends headers to
    (``json://``, ``xml://``, ``form://`` and their ``s`` forms: an HTTP header; ``mailto://``: a mail
    header); other URLs as they are."""
    if url.split("://", 1)[0].lower() not in HEADER_SCHEMES:
        return url
    base, _, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}+Idempotency-Key={key}" + (f"#{fragment}" if fragment else "")


def fields(event: dict[str, Any]) -> dict[str, str]:
    """The event as flat fields for a webhook (``archiver_kind``, ``archiver_url``, ``archiver_title``,
    ``archiver_captured_at``, ``archiver_capture_id``, ``archiver_version``, ``archiver_before_captured_at``,
    ``archiver_before_version``, ``archiver_changes`` (how many changed passages), and for each side present
    ``archiver_{before,after}_{text_file,warc_file,warc_offset,replay}``); values are strings, absent ones left out.
    ``kind``: ``edit``, ``return`` (an earlier text again), ``byline``, ``gone``, ``back`` or
    ``extraction-changed``."""
    detail = event.get("detail") or {}
    out: dict[str, Any] = {
        "kind": event["kind"],
        "url": event["url"], "title": event.get("title"), "captured_at": event.get("at"),
        "capture_id": event.get("capture_id"), "version": event.get("version"),
        "before_captured_at": event.get("old_at"), "before_version": event.get("old_version"),
        "changes": len(detail.get("changes", [])) if event["kind"] not in ("byline", "gone", "back") else None,
    }
    for label, side in (("before", detail.get("old")), ("after", detail.get("new"))):
        if isinstance(side, dict):
            out.update({f"{label}_text_file": side.get("text_path"), f"{label}_warc_file": side.get("warc_file"),
                        f"{label}_warc_offset": side.get("warc_offset"), f"{label}_replay": side.get("replay")})
    return {FIELD_PREFIX + k: _CONTROL.sub(" ", str(v)) for k, v in out.items() if v is not None and v != ""}


def with_fields(url: str, event: dict[str, Any]) -> str:
    """``url`` with :func:`fields` as apprise's payload extras (``?:archiver_url=...``: top-level members of
    a ``json://`` body, elements of an ``xml://`` one, fields of a ``form://`` post), so a receiver reads the
    event without parsing the message; other URLs as they are. A field the URL already sets is left to it.
    Source: apprise's custom JSON/XML/form notifications (https://github.com/caronc/apprise/wiki/Notify_Custom_JSON)."""
    from urllib.parse import quote

    if url.split("://", 1)[0].lower() not in PAYLOAD_SCHEMES:
        return url
    base, _, fragment = url.partition("#")
    given = set(re.findall(r"[?&]:([^=&]+)=", base))
    extra = "&".join(f":{k}={quote(v, safe='')}" for k, v in fields(event).items() if k not in given)
    if not extra:
        return url
    return f"{base}{'&' if '?' in base else '?'}{extra}" + (f"#{fragment}" if fragment else "")


def idempotency_key(target: str, event: dict[str, Any]) -> str:
    """``archiver-`` and 32 hex digits of SHA-256 over the target's digest and what the event is: its URL,
    kind, the capture's time (WARC-Date, microseconds) and version. The same on every retry of the event;
    not the event's row id, which starts again after ``reindex`` and is the same in two watch folders
    sending to one receiver (which would drop a new message as a copy)."""
    import hashlib

    what = "\n".join([target, str(event["url"]), str(event["kind"]), str(event["at"]), str(event.get("version"))])
    return "archiver-" + hashlib.sha256(what.encode("utf-8")).hexdigest()[:32]


def send_pending(conn: sqlite3.Connection, targets: list[str],
                 now: str) -> tuple[int, list[str], list[str], int]:
    """Send every unsent event to each target; return (messages sent, failure descriptions, notes,
    messages left unsent).

    A target's messages go oldest first; when one fails, the rest of that target's wait for the next
    run, in order: the failure's description says how many wait behind it, and the last count holds
    the failed ones and those waiting (the messages the next run sends), not only the failures.

    Each outcome is committed at once, so a crash never loses a sent mark for long. The send is
    marked before it starts: a run killed between the send and its mark (the receiver may have the
    message) leaves that mark, and the next run says so in a note (once: the outcome clears it) and
    sends again. Every message carries the same ``Idempotency-Key`` on every attempt
    (:func:`idempotency_key`), so a receiver that keeps keys drops the second copy.
    """
    import apprise

    sent, failures, notes, held = 0, [], [], 0
    # a 301/302/303 answer to a POST would be followed as a GET and the message lost while apprise
    # counts it sent: a redirect is a failure here, told with its remedy (``?redirect=yes`` overrides)
    asset = apprise.AppriseAsset(http_redirects=False)
    for url in targets:
        key = store.target_key(url)
        secrets = _secrets(url)
        events = store.pending(conn, key)
        for done, event in enumerate(events):
            subject, body = message(event)
            if event.get("sending_at"):
                notes.append(f"{_redact(url)}: event {event['id']} ({event['url']}): a run stopped (killed?) while "
                             f"sending it at {event['sending_at']}: it may have been sent; sent again with the same "
                             "Idempotency-Key, for a receiver that keeps keys to drop the second copy")
            with conn:
                store.mark_sending(conn, event["id"], key, now)
            notifier = apprise.Apprise(asset=asset)
            notifier.add(with_fields(with_key(url, idempotency_key(key, event)), event))
            with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as captured:
                ok = notifier.notify(title=subject, body=body, body_format=apprise.NotifyFormat.TEXT)
            with conn:
                if ok:
                    store.mark_sent(conn, event["id"], key, now)
                    sent += 1
                else:
                    reason = reason_of(captured.getvalue().splitlines(), secrets)
                    store.mark_failed(conn, event["id"], key, reason)
                    tries = int(event.get("attempts") or 0) + 1
                    again = f" (attempt {tries})" if tries > 1 else ""
                    failures.append(f"{_redact(url)}: event {event['id']}{again} ({event['url']}): {reason}")
            if not ok:  # this target is down: the rest wait for the next run, in order
                behind = len(events) - done - 1
                held += 1 + behind
                if behind:
                    failures[-1] += (f"; {count(behind, 'more message')} to this target "
                                     f"{'waits' if behind == 1 else 'wait'} behind it, in order")
                break
    return sent, failures, notes, held
