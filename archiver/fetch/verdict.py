"""What one capture's final exchange makes of it: its state (captured or failed) and the reason it gives.

Pure: an ``Exchange``, the run's settings and, for a body cut short, the digest of the URL's last attempt
(``shortbody.repeated_cuts``) in; ``(state, reason, Retry-After to keep)`` out. A body cut by a timeout or a
hang-up is failed and asked again next run, unless it is the very part the last run got
(``shortbody.repeated_cut``) or a body without a length on a connection kept open (``open_ended``); what a
framing read leniently says (``Exchange.framing_note``, the tolerant reader's note) leads the reason.
"""
from __future__ import annotations

from archiver.config import Settings
from archiver.fetch.exchange import Exchange
from archiver.fetch.redirects import REDIRECTS
from archiver.fetch.retry import RETRY_STATUSES, retry_after
from archiver.fetch.shortbody import repeated_cut
from archiver.fetch.waits import MAX_WAIT, PAUSE_WITHOUT_RETRY_AFTER
from archiver.urls import scrub
from archiver.wording import clip

REASON_PHRASE_CHARS = 120  # of a server's reason phrase quoted in a failure's reason


def unusable(asks: float | None) -> str:
    """Why a 429's or 503's Retry-After asks no pause: ``asks`` is what ``retry.retry_after`` read (None or 0)."""
    if asks is None:  # "-5", "120, 3600", "1.5", a date no parser reads: RFC 9110 lets a recipient ignore it
        return "neither a number of seconds nor an HTTP date (RFC 9110 section 10.2.3): ignored"
    return "no pause (zero, or a date already past)"


def verdict(ex: Exchange, settings: Settings, before: str | None) -> tuple[str, str | None, str | None]:
    """(state, reason, the Retry-After value to keep for the next run or None) of a capture ending in ``ex``;
    ``before``: the payload digest of the URL's last attempt when that was a body cut short (else None)."""
    state: str = "failed"
    reason: str | None = None
    retry: str | None = None
    open_end = open_ended(ex)  # no length, kept open: what came is the whole body, whatever the status
    cut = None if open_end else ex.body.truncated
    repeated = None if open_end or not 200 <= ex.status < 300 else repeated_cut(ex.response, ex.body, before)
    if repeated:
        state, reason = "captured", repeated  # the same part as the last run's: the server's own cut
    elif cut == "time":
        which = (f"no data for {settings.timeout:g} s, --timeout" if ex.cut == "read"
                 else f"over {settings.url_timeout:g} s for the URL in all, --url-timeout" if ex.cut == "url"
                 else f"over {settings.total_timeout:g} s, --total-timeout")
        reason = (f"timeout mid-body ({which}): the {ex.body.length} bytes that came are archived "
                  "with WARC-Truncated: time; will retry next run")
    elif cut == "disconnect":
        reason = (f"connection closed mid-body ({ex.cut_why}): the {ex.body.length} bytes that came are "
                  "archived with WARC-Truncated: disconnect; will retry next run")
    elif cut:
        reason = f"too large: body over {settings.max_body} bytes (truncated)"
    elif ex.status == 206:  # archiver sends no Range: a part of the page is not the page
        shown = scrub((ex.response.get_header("Content-Range") or "none").strip())[:80]
        reason = (f"HTTP 206 Partial Content to a request without Range (Content-Range: {shown}): the "
                  f"{ex.body.length} bytes that came are archived as served; will retry next run")
    elif 200 <= ex.status < 300:
        state, reason = "captured", None
        if open_end:
            reason = (f"body without a length (no Content-Length, not chunked) on a connection the server "
                      f"kept open: the {ex.body.length} bytes that came, then none for "
                      f"{settings.timeout:g} s (--timeout), are taken as the page, as a browser shows it "
                      "(WARC-Truncated: time)")
    elif ex.status in REDIRECTS:
        reason = f"HTTP {ex.status} redirect without Location"
    else:
        # the server's reason phrase, clipped as its other values are (a 200 KB one was the whole reason, stored
        # and printed three times a URL)
        said = f"HTTP {ex.status} {clip(ex.reason, REASON_PHRASE_CHARS)}".strip()
        asks = retry_after(ex.retry_after, MAX_WAIT) if ex.status in RETRY_STATUSES and ex.retry_after else None
        shown = scrub((ex.retry_after or "").strip())[:60]
        if asks:
            retry = ex.retry_after
            said += (f" (Retry-After: {shown}; honoured up to --retry-after-max {settings.retry_after_max:g} s, "
                     f"--retries {settings.retries}; will retry next run)")
        elif ex.status == 429:
            what = ("no Retry-After" if not shown else f"Retry-After: {shown}; {unusable(asks)}")
            said += (f" ({what}: the host's URLs are not asked again for {PAUSE_WITHOUT_RETRY_AFTER:.0f} s, "
                     "then a run retries)")
        elif ex.status in RETRY_STATUSES and shown:
            said += f" (Retry-After: {shown}; {unusable(asks)}; will retry next run)"
        reason = said
    if ex.protocol_note and state == "captured":
        reason = ex.protocol_note if reason is None else f"{ex.protocol_note}; {reason}"
    if (ex.tolerant or ex.framing_note) and state == "captured":
        # h11 refuses a head over its 100 KiB as it refuses a malformed one; say which it was
        what = ("response headers over h11's size limit" if "buffer too long" in ex.refused_for.lower()
                else "malformed response headers")
        notes = [ex.lenient or f"{what}: read leniently, as browsers do"] if ex.tolerant else []
        lenient = "; ".join([*notes, *filter(None, [ex.framing_note])])
        reason = lenient if reason is None else f"{lenient}; {reason}"
    return state, reason, retry


def open_ended(ex: Exchange) -> bool:
    """Whether ``ex``'s body has no length of its own (it ends at the close) and the server went quiet
    with the connection open: nothing says more is coming, and asking again ends the same way."""
    return ex.unframed and ex.cut == "read" and ex.body.truncated == "time"
