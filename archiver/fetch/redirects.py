"""Where a redirect leads: the Location read as browsers read it, or the reason it cannot be followed.

A Location is taken from the header bytes as received: valid UTF-8 is read as
such (then percent-encoded as UTF-8, as every client does); other bytes over
0x7f (a Latin-1 ``café``) are percent-encoded byte for byte, as curl and wget
send them, so the server gets back the bytes it wrote (they became ``%C3%A9``,
the UTF-8 of their Latin-1 reading, which names another resource). Two
different Location headers make the redirect unusable, as in Chromium
(``ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION``); repeats of one value are one. A
redirect to the unspecified address (``0.0.0.0``, ``0``, ``[::]``) is not
followed: connecting there reaches the archiving machine itself (Chromium blocks
it, "Private Network Access": 0.0.0.0 is treated as local). A host WHATWG reads
as an IPv4 address (``127.0.0.1.`` with its trailing dot, ``0x7f.1``,
``2130706433``) is followed to that address spelled as dotted decimal, as browsers
request it (the trailing-dot form failed as a name no DNS knows), and one that
ends in a number but is no address (``1.2.3.999``) is unusable, as in browsers. A port browsers refuse (the
Fetch standard's bad ports: 25, 6667, ...) is unusable too (``badports``).
"""
from __future__ import annotations

import ipaddress
import re
import socket
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from warcio.statusandheaders import StatusAndHeaders

from archiver.fetch.badports import bad_port_reason
from archiver.fetch.rawhttp import RawHTTPError, parse_fields, split_head
from archiver.urls import normalize_url, scrub, with_empty_query

REDIRECTS = frozenset({301, 302, 303, 307, 308})
HOST_CHARS = re.compile(r"^(?:[a-z0-9_.-]+|[0-9a-f:.]+)$")  # after IDNA; the WHATWG URL host rules, roughly
# redirects followed before a capture fails: Chromium's kMaxRedirects (net/url_request/url_request.cc) and
# the WHATWG Fetch standard ("if request's redirect count is 20, return a network error"); Firefox's
# network.http.redirection-limit is 20 too
MAX_HOPS = 20


def whatwg_location(location: str, base_scheme: str = "") -> str:
    """A Location as browsers read it (WHATWG URL parsing, for http(s) bases): C0 controls and
    spaces trimmed at both ends, tabs and newlines dropped, a backslash before the query read as a
    slash (``\\\\host\\page`` is ``//host/page``), and slashes past two before a host skipped
    (``///host/page`` is ``//host/page``). ``base_scheme``: the scheme of the URL it is read against;
    a Location naming the other of http and https opens an authority with or without its slashes
    (``https:host/page`` and ``https:/host/page`` from an http page are ``https://host/page``: WHATWG's
    "special authority slashes state"), where the same scheme's ``http:host`` is a path on this host."""
    text = re.sub(r"[\t\n\r]", "", location.strip("\x00- "))
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    head = text[:cut]
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", head)
    if scheme is None or scheme.group(1).lower() in ("http", "https"):
        head = head.replace("\\", "/")
        # slashes past the two that open an authority are skipped ("special authority ignore slashes state"):
        # ``///host/page`` and ``http:///host/page`` lead to host, not to a path on this one
        head = re.sub(r"^((?:[Hh][Tt][Tt][Pp][Ss]?:)?//)/+", r"\1", head)
        if scheme is not None and scheme.group(1).lower() != base_scheme.lower():
            head = re.sub(r"^([A-Za-z]+:)/*", r"\1//", head)
    return head + text[cut:]


def redirect_target(url: str, location: str) -> tuple[str, str | None]:
    """The next hop of a redirect, or the reason it cannot be followed.

    The Location is resolved against ``url`` (RFC 3986) and spelled as a request
    would spell it (see ``archiver.urls``); ``javascript:``, ``data:``, a URL
    without a host or one httpx cannot send give a reason naming the Location.
    """
    shown = scrub(location.strip())[:200]
    try:
        reference = whatwg_location(location, urlsplit(url).scheme)
        # a Location ``?`` or ``/a?`` keeps its empty query (urljoin drops it, or keeps the base's query)
        target = normalize_url(with_empty_query(urljoin(url, reference), reference))
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https"):
            return url, f"redirect to unusable Location {shown!r} (scheme {parts.scheme or 'none'!r}, not http(s))"
        if not parts.hostname:
            return url, f"redirect to unusable Location {shown!r} (no host)"
        if (bad_port := bad_port_reason(parts.port)) is not None:
            return url, f"redirect to unusable Location {shown!r} ({bad_port})"
        if not HOST_CHARS.match(parts.hostname):
            return url, f"redirect to unusable Location {shown!r} (bad host {parts.hostname!r})"
        if unspecified_host(parts.hostname.rstrip(".") or "."):
            return url, (f"redirect to unusable Location {shown!r} (the unspecified address {parts.hostname!r} "
                         "reaches this machine; Chromium blocks it)")
        if ends_in_number(parts.hostname):  # an IPv4 address in one of the spellings WHATWG reads
            address = whatwg_ipv4(parts.hostname)
            if address is None:
                return url, f"redirect to unusable Location {shown!r} (bad IPv4 address {parts.hostname!r})"
            if address != parts.hostname:
                netloc = parts.netloc.rpartition("@")
                port = f":{parts.port}" if parts.port is not None else ""
                target = parts._replace(netloc=f"{netloc[0]}{netloc[1]}{address}{port}").geturl()
                parts = urlsplit(target)
        _ = httpx.URL(target).host  # what the next request would refuse (.host undoes IDNA: xn--n3h is refused)
    except Exception as exc:
        return url, f"redirect to unusable Location {shown!r} ({type(exc).__name__}: {scrub(str(exc))[:120]})"
    return target, None


def ends_in_number(host: str) -> bool:
    """WHATWG URL's "ends in a number checker": the last label (a trailing empty one dropped) is decimal
    digits or ``0x`` hex, so the host is parsed as an IPv4 address (``127.0.0.1.``, ``0x7f.1``, ``2130706433``)."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    return bool(re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]*", last))


def whatwg_ipv4(host: str) -> str | None:
    """The dotted address WHATWG's IPv4 parser makes of ``host`` (up to four parts, each decimal, ``0x`` hex
    or ``0``-led octal, the last filling the remaining bytes, a trailing dot dropped), or None (a failure)."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    if len(labels) > 4:
        return None
    numbers = []
    for label in labels:
        if re.fullmatch(r"0[xX][0-9a-fA-F]*", label):
            numbers.append(int(label[2:] or "0", 16))
        elif re.fullmatch(r"0[0-7]+", label):
            numbers.append(int(label, 8))
        elif re.fullmatch(r"[0-9]+", label):
            numbers.append(int(label))
        else:
            return None
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1] + sum(n * 256 ** (3 - i) for i, n in enumerate(numbers[:-1]))
    return str(ipaddress.IPv4Address(value))


def unspecified_host(host: str) -> bool:
    """Whether ``host`` names the unspecified address in any spelling a resolver takes (``0.0.0.0``,
    ``0``, ``0x0``, ``0.0``, ``::``): a connection there goes to this machine."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        pass
    try:
        return socket.inet_aton(host) == b"\0\0\0\0"  # BSD forms, as getaddrinfo reads them
    except OSError:
        return False


def location_text(raw: bytes) -> str:
    """A Location's bytes as the text to resolve: UTF-8 if they are, else each byte over 0x7f as ``%XX``."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(chr(b) if b < 0x80 else f"%{b:02X}" for b in raw)


def first_location(response: StatusAndHeaders) -> str | None:
    """The first non-empty ``Location`` value of a stored head, or None: an empty one does not count (Chromium's
    ``HttpResponseHeaders::IsRedirect``), so ``Location:`` then ``Location: /page`` is a redirect whose two
    values ``next_hop`` refuses, as Chromium does, not one "without Location"."""
    return next((v for n, v in response.headers if n.lower() == "location" and v.strip()), None)


def raw_locations(response: StatusAndHeaders) -> list[bytes]:
    """The Location values of a stored response head, as bytes (read from the block as received)."""
    block = getattr(response, "raw", None)
    if block:
        try:
            _, lines = split_head(block)
        except RawHTTPError:
            lines = []
        found = [v for n, v in parse_fields(lines) if n.lower() == b"location"]
        if found:
            return found
    return [v.encode("utf-8") for n, v in response.headers if n.lower() == "location"]


def next_hop(url: str, response: StatusAndHeaders) -> tuple[str, str | None]:
    """The URL a redirect response leads to from ``url``, or (``url``, the reason it cannot be followed)."""
    values = list(dict.fromkeys(v.strip(b" \t") for v in raw_locations(response)))
    if len(values) > 1:
        shown = ", ".join(repr(scrub(location_text(v))[:100]) for v in values[:3])
        return url, (f"redirect with {len(values)} different Location headers ({shown}): where it leads is "
                     "unknown (Chromium refuses it, ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION)")
    return redirect_target(url, location_text(values[0]) if values else "")


SHOWN_HOPS = 6  # a chain longer than this is shown by its first 3 and last 2 URLs
SHOWN_URL = 300  # characters of one URL shown in a chain (a Location may be kilobytes long)


def hop_chain(urls: list[str]) -> str:
    """``A -> B -> C``: the URLs a capture asked in turn (already redacted), the middle of a long chain
    left out (``... 15 more ...``), a URL over ``SHOWN_URL`` characters cut (``...``)."""
    shown = [url if len(url) <= SHOWN_URL else url[:SHOWN_URL] + "..." for url in urls]
    if len(shown) <= SHOWN_HOPS:
        return " -> ".join(shown)
    return " -> ".join([*shown[:3], f"... {len(shown) - 5} more ...", *shown[-2:]])


def loop_reason(urls: list[str], back_to: str) -> str:
    """The reason of a capture whose redirects came back to ``back_to`` with the same cookies, each hop named."""
    return f"redirect loop (back to {hop_chain([back_to])} with the same cookies): {hop_chain([*urls, back_to])}"


def too_many_reason(urls: list[str]) -> str:
    """The reason of a capture that was still redirected after ``MAX_HOPS`` hops (``urls``: all it asked).
    URLs asked more than once mean a loop whose cookies changed at each turn (a cookie the server sets anew
    and never takes back, so no turn repeats exactly): said so, with the URLs of one turn."""
    distinct = list(dict.fromkeys(urls))
    if len(distinct) < len(urls):
        if len(distinct) == 1:
            return (f"too many redirects (more than {MAX_HOPS}): {distinct[0]} redirected to itself {len(urls)} "
                    "times, with a new cookie each time")
        return (f"too many redirects (more than {MAX_HOPS}): a loop, {hop_chain([*distinct, distinct[0]])}, "
                "with new cookies at each turn")
    return f"too many redirects (more than {MAX_HOPS}): {hop_chain(urls)}"


def redirect_pause(value: str | None, cap: float) -> float | None:
    """Seconds a redirect's ``Retry-After`` asks to wait before it is followed (RFC 9110 section 10.2.3), when
    within ``cap`` (``--retry-after-max``); None otherwise. A waiting room (a queue page) redirects to itself
    with one until the visitor's turn comes: the URL is asked again after the pause, not failed as a loop."""
    from archiver.fetch.retry import retry_after

    asked = retry_after(value, float("inf"))
    return asked if asked is not None and asked <= cap else None


def waited_note(waits: int) -> str:
    return (f"a waiting room: the page redirected to itself {waits} {'time' if waits == 1 else 'times'} with a "
            "Retry-After, asked again after each pause (RFC 9110 section 10.2.3)")


def over_cap_note(value: str | None, settings: Any) -> str:
    """What a loop's reason adds when its redirect asked for a pause longer than ``--retry-after-max``."""
    if not value or redirect_pause(value, settings.retry_after_max) is not None:
        return ""
    return (f" (the redirect asks to come back after Retry-After: {value.strip()[:40]}, over --retry-after-max "
            f"{settings.retry_after_max:g} s: a waiting room not waited for)")
