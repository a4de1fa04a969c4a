"""Cookies a browser would not keep: a ``Domain`` attribute naming a public suffix.

``http.cookiejar`` refuses ``Domain=.com`` (no embedded dot) and a few two-letter
country forms, but keeps ``Domain=github.io`` or ``Domain=blogspot.com`` set by
``a.github.io``, and then sends that cookie to every other site under the
suffix (``b.github.io``, another owner's pages): a tracking cookie of one site
became part of the requests, and so of the archived request records, of others.
Browsers check the Public Suffix List (Chromium's ``CanonicalCookie::Create``
through ``GetCookieDomainWithString``, Firefox's ``nsEffectiveTLDService``;
RFC 6265 section 5.3 step 5): such a cookie is refused unless the host is
that very name, when it is kept as a host-only cookie.

The list is the one bundled with ``tld`` (a dependency of trafilatura's
``courlan``), public and private sections both, read offline.
"""
from __future__ import annotations

from http.cookiejar import Cookie, CookieJar


def public_suffix(name: str) -> bool:
    """Whether ``name`` (a cookie domain, any leading dot dropped) is a public suffix; False when ``tld`` is
    not installed (the jar's own checks apply then)."""
    try:
        from tld import is_tld
    except ImportError:
        return False
    try:
        return bool(is_tld(name.lstrip(".").lower()))
    except Exception:  # an odd name is no suffix we know
        return False


def refuse_suffix_cookies(jar: CookieJar, host: str, before: dict[tuple[str, str, str], Cookie]) -> list[str]:
    """Drop from ``jar`` the cookies a response from ``host`` set with a public suffix as their Domain
    (unless the host is that suffix itself); put back what such a cookie replaced (``before``). Returns the
    names of the cookies refused."""
    host = host.lower().rstrip(".")
    refused = []
    for cookie in list(jar):
        key = (cookie.domain, cookie.path, cookie.name)
        if not cookie.domain_specified or before.get(key) is cookie:
            continue
        domain = cookie.domain.lstrip(".").lower()
        if domain == host or not public_suffix(domain):
            continue
        jar.clear(*key)
        if key in before:
            jar.set_cookie(before[key])
        refused.append(cookie.name)
    return refused
