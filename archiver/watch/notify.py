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
from archiver.watch.answered import TAKEN_NOTE, taken_status
from archiver.watch.message import clip as _clip
from archiver.watch.message import digest, digest_fields, fields, message
from archiver.watch.senddeadline import deadline, overran, send_within
from archiver.wording import count

HEADER_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms", "mailto", "mailtos"})
PAYLOAD_SCHEMES = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})  # apprise's ":key=value" extras


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
            raise NotifyError(f"--notify {label(url, urls, flag='')}: {said}{hint} "
                              "(see https://github.com/caronc/apprise/wiki for the schemes)")


MAIL_HINT = "; a mail URL needs a sender: mailto://user:pass@server or ?from=ADDRESS"


def _redact(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    return f"{scheme}://…" if sep and rest else url


def label(url: str, targets: list[str], flag: str = "--notify ") -> str:
    """``url`` as a line may show it (:func:`_redact`: the scheme alone), and which ``--notify`` it is when
    another target shows the same (two mail addresses, two webhooks): ``mailto://… (--notify 2 of 3)``.
    A failure line said ``mailto://…`` of either of two mail targets, and the user could not tell which."""
    shown = _redact(url)
    if sum(_redact(t) == shown for t in targets) < 2 or url not in targets:
        return shown
    return f"{shown} ({flag}{targets.index(url) + 1} of {len(targets)})"


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
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<(?:script|style)\b.*?</(?:script|style)>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def answer_text(lines: list[str]) -> str:
    """The body an HTTP receiver answered a failed notification with, as apprise's DEBUG ``Response Details:``
    logs it on the ``lines`` after its own (up to the next log line): a bytes repr (``b'{"error": ...}'``) or
    text, decoded as UTF-8; an HTML error page's text without its markup, its ``<title>`` once when the page's
    text opens with it again (Python's http.server and nginx repeat it in their ``<h1>``); "" for an empty body.
    apprise keeps it out of its WARNING (``error=500.`` alone), and the receiver's words are what says why (a quota, a
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
        title = _TITLE.search(text)
        heading = " ".join(_TAG.sub(" ", title.group(1)).split()) if title else ""
        text = " ".join(_TAG.sub(" ", _TITLE.sub(" ", text)).split())
        # an error page's <title> said again by its <h1> (Python's http.server, nginx): once
        return text if not heading or text.startswith(heading) else f"{heading} {text}".strip()
    return " ".join(text.split())


def with_key(url: str, key: str) -> str:
    """``url`` with an ``Idempotency-Key: key`` header for the receivers apprise sends headers to
    (``json://``, ``xml://``, ``form://`` and their ``s`` forms: an HTTP header; ``mailto://``: a mail
    header); other URLs as they are."""
    if url.split("://", 1)[0].lower() not in HEADER_SCHEMES:
        return url
    return _with_params(url, f"+Idempotency-Key={key}")


READ_TIMEOUT = 30  # seconds a receiver has to answer (apprise's own default: 4)


def with_read_timeout(url: str) -> str:
    """``url`` with apprise's ``rto`` (socket read timeout) at :data:`READ_TIMEOUT` unless it sets one. With
    apprise's 4 s, a webhook that takes longer to answer had each message, 'failed, kept for the next run',
    sent again on every run (the receiver got a copy per run, for ever) while the ones behind it waited."""
    if re.search(r"[?&]rto=", url.partition("#")[0]):
        return url
    return _with_params(url, f"rto={READ_TIMEOUT}")


def _with_params(url: str, params: str) -> str:
    """``url`` with ``params`` (``a=b&c=d``, already quoted) added to its query, before any fragment."""
    base, _, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}{params}" + (f"#{fragment}" if fragment else "")


def with_fields(url: str, values: dict[str, str]) -> str:
    """``url`` with ``values`` (:func:`message.fields` of an event) as apprise's payload extras
    (``?:archiver_url=...``: top-level members of a ``json://`` body, elements of an ``xml://`` one,
    fields of a ``form://`` post), so a receiver reads the event without parsing the message; other
    URLs as they are. A field the URL already sets is left to it. Source: apprise's custom JSON/XML/form
    notifications (https://github.com/caronc/apprise/wiki/Notify_Custom_JSON)."""
    from urllib.parse import quote

    if url.split("://", 1)[0].lower() not in PAYLOAD_SCHEMES:
        return url
    given = set(re.findall(r"[?&]:([^=&]+)=", url.partition("#")[0]))
    extra = "&".join(f":{k}={quote(v, safe='')}" for k, v in values.items() if k not in given)
    return _with_params(url, extra) if extra else url


def digest_batches(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """``--notify-digest``'s messages for a target's unsent ``events`` (oldest first): the events a send was
    tried for (a failed or interrupted digest) again as they were, the same digest with the same key
    (:func:`batch_key`), then the rest as one more; either alone when the other is empty. Joining them
    made a new digest with a new key, and a receiver that had in fact stored the failed one got its
    events twice."""
    tried = [e for e in events if e.get("attempts") or e.get("sending_at")]
    fresh = [e for e in events if not (e.get("attempts") or e.get("sending_at"))]
    return [batch for batch in (tried, fresh) if batch]


def batch_key(target: str, events: list[dict[str, Any]]) -> str:
    """:func:`idempotency_key` of one event; of a digest, the same over its events' keys (the same digest
    retried keeps its key; a digest with another event in it gets another)."""
    if len(events) == 1:
        return idempotency_key(target, events[0])
    import hashlib

    keys = "\n".join(idempotency_key(target, e) for e in events)
    return "archiver-" + hashlib.sha256(keys.encode("utf-8")).hexdigest()[:32]


def idempotency_key(target: str, event: dict[str, Any]) -> str:
    """``archiver-`` and 32 hex digits of SHA-256 over the target's digest and what the event is: its URL,
    kind, the capture's time (WARC-Date, microseconds) and version. The same on every retry of the event;
    not the event's row id, which starts again after ``reindex`` and is the same in two watch folders
    sending to one receiver (which would drop a new message as a copy)."""
    import hashlib

    what = "\n".join([target, str(event["url"]), str(event["kind"]), str(event["at"]), str(event.get("version"))])
    return "archiver-" + hashlib.sha256(what.encode("utf-8")).hexdigest()[:32]


def send_pending(conn: sqlite3.Connection, targets: list[str], now: str,
                 digest_mode: bool = False) -> tuple[int, list[str], list[str], int]:
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

    ``digest_mode`` (``--notify-digest``): a target's unsent events go as one message (:func:`message.digest`),
    sent, failed and kept together; one event alone goes as usual; a digest that failed goes again as it
    was before the newer events (:func:`digest_batches`).
    """
    sent, failures, notes, held = 0, [], [], 0
    # a 301/302/303 answer to a POST would be followed as a GET and the message lost while apprise
    # counts it sent: a redirect is a failure here, told with its remedy (``?redirect=yes`` overrides);
    # ``senddeadline.send_once`` sends with ``http_redirects=False``
    for url in targets:
        key = store.target_key(url)
        secrets = _secrets(url)
        shown = label(url, targets)
        events = store.pending(conn, key)
        batches = digest_batches(events) if digest_mode else [[e] for e in events]
        for done, batch in enumerate(batches):
            subject, body = message(batch[0]) if len(batch) == 1 else digest(batch)
            values = fields(batch[0]) if len(batch) == 1 else digest_fields(batch)
            for event in batch:
                if event.get("sending_at"):
                    notes.append(f"{shown}: event {event['id']} ({event['url']}): a run stopped (killed?) "
                                 f"while sending it at {event['sending_at']}: it may have been sent; sent again with "
                                 "the same Idempotency-Key, for a receiver that keeps keys to drop the second copy")
            with conn:
                for event in batch:
                    store.mark_sending(conn, event["id"], key, now)
            limit = deadline(url, READ_TIMEOUT)
            answer, log = send_within(with_fields(with_key(with_read_timeout(url), batch_key(key, batch)), values),
                                      subject, body, limit)
            ok = bool(answer)
            with conn:
                if ok:
                    for event in batch:
                        store.mark_sent(conn, event["id"], key, now)
                    sent += 1
                    status = taken_status(log)
                    if status:
                        notes.append(f"{TAKEN_NOTE}{shown}: event {batch[0]['id']} ({batch[0]['url']}): the "
                                     f"receiver answered {status} (it took the message), then the send failed "
                                     f"({reason_of(log.splitlines(), secrets)}): counted as sent, not sent again")
                else:
                    reason = overran(limit) if answer is None else reason_of(log.splitlines(), secrets)
                    for event in batch:
                        store.mark_failed(conn, event["id"], key, reason)
                    tries = int(batch[0].get("attempts") or 0) + 1
                    again = f" (attempt {tries})" if tries > 1 else ""
                    if len(batch) == 1:
                        failures.append(f"{shown}: event {batch[0]['id']}{again} ({batch[0]['url']}): {reason}")
                    else:
                        ids = ", ".join(str(e["id"]) for e in batch)
                        failures.append(f"{shown}: a digest of {count(len(batch), 'event')} ({ids}){again}: "
                                        f"{reason}")
            if not ok:  # this target is down: the rest wait for the next run, in order
                behind = sum(len(b) for b in batches[done + 1:])
                held += len(batch) + behind
                if behind:
                    failures[-1] += (f"; {count(behind, 'more message')} to this target "
                                     f"{'waits' if behind == 1 else 'wait'} behind it, in order")
                break
    return sent, failures, notes, held
