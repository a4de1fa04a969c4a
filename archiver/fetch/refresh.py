"""Where a page that only sends the reader on leads: ``<meta http-equiv="refresh">`` or a ``Refresh`` header.

An interstitial without script ("Redirecting...", a consent or region page that
sets a cookie and refreshes to the article) answers 200 with a refresh; a browser
follows it, and archiver captured the interstitial as the page. The refresh is
followed as a redirect hop when it comes within ``MAX_DELAY`` seconds (a page
that reloads itself or goes to the home page after minutes is a page, read first),
names a URL, and is not inside ``<noscript>`` (a browser running script ignores
it there: such a refresh sends script-less clients to an "enable JavaScript" page).
The value is read as the WHATWG "shared declarative refresh steps" read it.
"""
from __future__ import annotations

import re
from typing import Any

from archiver.decoding import DecodingError, content_codings, decode_prefix
from archiver.fetch.addresses import redirect_refusal
from archiver.fetch.redirects import redirect_target

MAX_DELAY = 5.0  # seconds: interstitials use 0-5; a longer wait is a page the reader reads first
SCAN = 16 * 1024  # decoded bytes of the body looked at (a refresh belongs in the head; interstitials are small)
CODED = 32 * 1024  # coded bytes read from the spool for that

_REFRESH = re.compile(rb"http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)
_CONTENT = re.compile(rb"""\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_NOSCRIPT = re.compile(rb"<(/?)noscript\b", re.IGNORECASE)
_VALUE = re.compile(r"^\s*(\d*)(?:\.[\d.]*)?\s*(?:[;,]\s*)?(?:url\s*=\s*)?(.*)$", re.IGNORECASE | re.DOTALL)


def refresh_url(value: str) -> str | None:
    """The URL a ``Refresh`` value (``"0; url=/next"``) sends to within ``MAX_DELAY`` seconds, or None
    (no URL: a reload; a longer delay; not a refresh value)."""
    match = _VALUE.match(value)
    if match is None or (not match.group(1) and not value.lstrip().startswith(".")):
        return None
    if int(match.group(1) or 0) > MAX_DELAY:
        return None
    url = match.group(2).strip()
    if url[:1] in ("'", '"'):
        url = url[1:].split(url[0], 1)[0]
    return url.strip() or None


def _meta_value(html: bytes) -> str | None:
    """The content of the first ``<meta http-equiv=refresh>`` outside ``<noscript>``, decoded, or None."""
    for found in _REFRESH.finditer(html):
        start = html.rfind(b"<", 0, found.start())
        end = html.find(b">", found.end())
        if start < 0 or end < 0 or html[start + 1:start + 5].lower() != b"meta":
            continue
        opened = sum(1 if m.group(1) == b"" else -1 for m in _NOSCRIPT.finditer(html, 0, start))
        if opened > 0:
            continue
        content = _CONTENT.search(html, start, end)
        if content is None:
            continue
        raw = next(g for g in content.groups() if g is not None)
        return raw.decode("utf-8", "replace").replace("&amp;", "&")
    return None


def refresh_target(status: int, response: Any, body: Any) -> str | None:
    """The URL text (unresolved) a 200 response sends on to by its ``Refresh`` header or its
    ``<meta http-equiv="refresh">``, or None. ``response`` is warcio's ``StatusAndHeaders``; ``body`` the
    spooled ``Body``: its first ``CODED`` bytes are read (the stream is left at 0) and decoded up to
    ``SCAN`` bytes, only for an HTML response whose body came whole."""
    if status != 200:
        return None
    header = response.get_header("refresh")
    if header:
        return refresh_url(header)
    kind = (response.get_header("content-type") or "text/html").lower()
    if body.truncated or ("html" not in kind):
        return None
    body.stream.seek(0)
    coded = body.stream.read(CODED)
    body.stream.seek(0)
    try:
        html, _ = decode_prefix(coded, content_codings(response), SCAN)
    except DecodingError:
        return None
    # the gate: two substring searches (lower() cost 1.5x, an IGNORECASE regex 10x); refresh, Refresh and
    # REFRESH pass it, a spelling such as ReFresh does not
    if b"efresh" not in html and b"EFRESH" not in html:
        return None
    if html.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: the markup is not ASCII bytes
        return None
    value = _meta_value(html)
    return refresh_url(value) if value is not None else None


async def refresh_hop(url: str, ex: Any, seen: set[tuple[str, str]], exchanger: Any, mode: str) -> str | None:
    """Where the exchange ``ex`` of ``url`` goes on to by its refresh, if it is followed as a redirect hop: a
    usable URL not already asked with the same cookies (``seen``: a page refreshing to itself is the page),
    allowed by ``--private-redirects`` (``mode``). Otherwise None, and the page is the capture.
    ``exchanger`` is the run's ``Exchanger`` (its cookies and ``--resolve``)."""
    text = refresh_target(ex.status, ex.response, ex.body)
    if text is None:
        return None
    target, problem = redirect_target(url, text)
    if problem or (target, exchanger.cookie_header(target)) in seen:
        return None
    if await redirect_refusal(mode, ex.ip, url, target, exchanger.resolve):
        return None
    return target
