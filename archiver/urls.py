"""URL spellings: the one fetched, the one compared, the one shown.

A URL is requested as listed. Two spellings count as the same resource only
where RFC 3986 section 6.2.3 says so without looking at the path: scheme and
host case, an explicit default port, an empty path, and the fragment (which is
never sent). Nothing else is rewritten: ``//`` inside a path, ``#!`` fragments
(no ``_escaped_fragment_``), percent-encoding case, query order all stay, since
a server may answer each spelling differently. Characters that may not appear
in a request target (non-ASCII, spaces, controls; ``"<>`` and, in the path, ``` `{} ```: the
URL standard's percent-encode sets, as httpx and browsers send them) are percent-encoded as UTF-8,
which is what every client sends for them.

A password in the userinfo is never shown or stored outside the WARC request
record: ``redact_url`` replaces it with ``***`` (logs, catalog, clean sidecars)
and ``target_uri`` drops the userinfo (``WARC-Target-URI``).
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_IN_TARGET = re.compile(r"[^\x21-\x7e]+")
# printable characters the URL standard percent-encodes (its path and query percent-encode sets), as httpx (0.28+)
# and browsers put them on the wire: a Location ``/a"b<c>`` was asked as ``/a%22b%3Cc%3E`` but recorded (the
# catalog, WARC-Target-URI, index.cdxj) as written, a URI RFC 3986 forbids and replay never looks up
_NOT_IN_PATH = re.compile(r'[^\x21-\x7e]+|["<>`{}]')
_NOT_IN_QUERY = re.compile(r'[^\x21-\x7e]+|["<>]')
_USERINFO_IN_TEXT = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]*):[^/\s@]*@")


def _encode_unsafe(text: str, unsafe: re.Pattern[str] = _NOT_IN_TARGET) -> str:
    return unsafe.sub(lambda m: quote(m.group(0), safe=""), text)


_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")  # WHATWG forbidden host code points


def _host(hostname: str) -> str:
    """A host as a request names it: lower case, a non-ASCII name in IDNA as browsers write it.

    Browsers follow UTS #46 without the transitional mappings (IDNA 2008):
    ``straße.test`` is ``xn--strae-oqa.test``. Python's ``idna`` codec is IDNA
    2003, which maps it to ``strasse.test``, another host. A name IDNA 2008
    refuses (symbols, emoji) falls back to IDNA 2003, as httpx does. A percent-encoded name
    (``b%C3%BCcher.test``) is decoded first, as the WHATWG URL parser decodes it. An IPv6
    literal is written compressed (``0:0:0:0:0:0:0:1`` is ``::1``), as browsers write it.
    """
    host = hostname.lower()
    if "%" in host and ":" not in host:  # WHATWG "host parsing": percent-decoded (as UTF-8) before IDNA
        from urllib.parse import unquote_to_bytes

        try:
            decoded = unquote_to_bytes(host).decode("utf-8").lower()
        except UnicodeDecodeError:
            decoded = host
        if not _FORBIDDEN_HOST.search(decoded):  # a space or a slash decoded: no host; left as it was
            host = decoded
    if ":" in host:  # an IPv6 literal, as the WHATWG URL parser writes it (RFC 5952): [0:0::1] is [::1]
        import ipaddress

        address, zone, rest = host.partition("%")
        try:
            return ipaddress.IPv6Address(address).compressed + zone + rest
        except ValueError:
            return host
    if host.isascii():
        return host
    import idna

    try:
        return idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except idna.IDNAError:
        pass
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return quote(host, safe="")


def request_host(hostname: str) -> str:
    """``hostname`` as a request (and ``--resolve``) names it: see ``_host``."""
    return _host(hostname)


def host_name(text: str) -> str:
    """A host name as ``--host`` gives it (any case, Unicode or IDNA, a trailing dot) written as a request
    names it (see ``_host``): ``BÜCHER.test.`` and ``xn--bcher-kva.test`` are both ``xn--bcher-kva.test``."""
    return _host(text.strip().rstrip("."))


_SINGLE_DOT = frozenset({".", "%2e"})
_DOUBLE_DOT = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})


def remove_dot_segments(path: str) -> str:
    """``path`` (starting with ``/``) without its ``.`` and ``..`` segments, as the WHATWG URL parser's "path
    state" removes them (``%2e`` in any case is a dot there): ``/a/./b`` is ``/a/b``, ``/y/../x`` is ``/x``,
    ``/a/%2E%2e/x`` is ``/x``, ``/a/..`` is ``/``. Chromium, Firefox and curl ask the result; httpx removes
    ``.`` and ``..`` alone, so a list line ``/./x`` was asked as ``/x`` but recorded as ``/./x``."""
    if "." not in path and "%2" not in path:
        return path
    segments = path.split("/")[1:]
    kept: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        folded = segment.lower()
        if folded in _DOUBLE_DOT:
            if kept:
                kept.pop()
            if last:
                kept.append("")
        elif folded in _SINGLE_DOT:
            if last:
                kept.append("")
        else:
            kept.append(segment)
    return "/" + "/".join(kept)


def normalize_url(url: str) -> str:
    """The spelling of ``url`` that is fetched and used to find duplicates.

    Lower-cases scheme and host (IDNA for non-ASCII hosts), drops a default port
    and the fragment, gives an empty path ``/``, removes ``.`` and ``..`` path segments
    (:func:`remove_dot_segments`), percent-encodes characters a
    request target cannot hold. Raises ValueError for a URL ``urlsplit`` rejects
    (bad port, unbalanced brackets).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc
    if parts.hostname is not None:
        port = parts.port  # raises ValueError on a bad port
        host = _host(parts.hostname)
        if ":" in host:
            host = f"[{host}]"
        if port is not None and port != DEFAULT_PORTS.get(scheme):
            host = f"{host}:{port}"
        userinfo = netloc.rpartition("@")[0] if "@" in netloc else ""
        netloc = f"{_encode_unsafe(userinfo)}@{host}" if userinfo else host
    path = _encode_unsafe(parts.path, _NOT_IN_PATH) or ("/" if netloc else "")
    if path.startswith("/") and scheme in DEFAULT_PORTS:
        path = remove_dot_segments(path)
    query = _encode_unsafe(parts.query, _NOT_IN_QUERY)
    return with_empty_query(urlunsplit((scheme, netloc, path, query, "")), url)


def has_empty_query(url: str) -> bool:
    """True for ``http://host/a?`` (a ``?`` and nothing after it before any fragment).

    ``urlsplit`` reads it as no query at all, and ``urlunsplit`` and ``urljoin`` drop the
    ``?``; WHATWG URL parsing (and every browser, and httpx) keeps and sends it.
    """
    head = url.split("#", 1)[0].rstrip()
    return head.endswith("?") and head.find("?") == len(head) - 1


def with_empty_query(rebuilt: str, original: str) -> str:
    """``rebuilt`` (made by ``urlunsplit`` or ``urljoin`` from ``original``) with the empty query
    ``original`` had put back: ``http://host/a?`` stays ``http://host/a?`` (not ``http://host/a``)."""
    if "?" not in original or not has_empty_query(original):  # the common case without a split
        return rebuilt
    head, hash_, fragment = rebuilt.partition("#")
    parts = urlsplit(head)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) + "?" + hash_ + fragment


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (``https://user:***@host/``); safe to print and store."""
    if "@" not in url:  # no userinfo (a password needs one): the common case, without a parse
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return scrub(url)
    if parts.password is None and ":" not in parts.netloc.rpartition("@")[0]:
        return url
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return with_empty_query(urlunsplit((parts.scheme, f"{user}:***@{hostport}", parts.path, parts.query,
                                        parts.fragment)), url)


def target_uri(url: str) -> str:
    """``url`` without userinfo, for ``WARC-Target-URI`` (replay tools look pages up by it)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return scrub(url)
    if "@" not in parts.netloc:
        return url
    return with_empty_query(urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query,
                                        parts.fragment)), url)


def scrub(text: str) -> str:
    """Replace ``scheme://user:password@`` anywhere in free text (error messages) with ``user:***@``."""
    return _USERINFO_IN_TEXT.sub(lambda m: f"{m.group(1)}:***@", text)


def front_page_url(url: str, final_url: str | None, state: str) -> str | None:
    """``final_url`` when a capture of the article URL ``url`` (a path of its own) landed on its site's front
    page (``/``, no query; the same host, with or without ``www.``): how news sites take an article down; else
    None. (:func:`archiver.diff.gone.front_page_of` for a catalog capture.)"""
    if not final_url or final_url == url or state != "captured":
        return None
    asked, landed = urlsplit(url), urlsplit(final_url)
    if landed.path not in ("", "/") or landed.query or asked.path in ("", "/"):
        return None
    if (landed.hostname or "").removeprefix("www.") != (asked.hostname or "").removeprefix("www."):
        return None
    return final_url


_WALL_PATH = re.compile(r"log-?in|sign-?in|sign-?up|subscri|regist|consent|cookie|privacy|paywall|account|auth|"
                        r"gdpr|captcha|verify", re.IGNORECASE)


def other_page_url(url: str, final_url: str | None, state: str) -> str | None:
    """``final_url`` when a capture of ``url`` landed on another page of the same site (with or without
    ``www.``; another path, not the front page, :func:`front_page_url`, nor a login, subscription or consent
    page, a wall's usual address), else None. (:func:`archiver.diff.gone.redirected_elsewhere` for a catalog
    capture.)"""
    if state != "captured" or not final_url or final_url == url or front_page_url(url, final_url, state):
        return None
    asked, landed = urlsplit(url), urlsplit(final_url)
    if (landed.hostname or "").removeprefix("www.") != (asked.hostname or "").removeprefix("www."):
        return None
    if landed.path.rstrip("/").lower() == asked.path.rstrip("/").lower() or _WALL_PATH.search(
            landed.path + "?" + landed.query):
        return None
    return final_url
