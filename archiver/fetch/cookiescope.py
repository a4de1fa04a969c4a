"""Cookies a browser would not keep: a ``Domain`` attribute naming a public suffix, or a name prefix whose terms
the cookie does not meet.

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

A name starting ``__Secure-`` promises a cookie set with ``Secure`` from an
https page; ``__Host-`` one that is also host-only (no ``Domain``) with
``Path=/`` (RFC 6265bis section 4.1.3; the prefixes matched in any case, as
Chromium and RFC 6265bis-15 do). Browsers refuse one that breaks its promise
(Chromium's ``CanonicalCookie::IsCookiePrefixValid``); ``http.cookiejar`` kept
it and sent it back, so a server that trusts the prefix (a login's or a
consent's state) was handed a cookie no browser would carry.
"""
from __future__ import annotations

from collections.abc import Callable
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

    def on_suffix(cookie: Cookie) -> bool:
        domain = cookie.domain.lstrip(".").lower()
        return cookie.domain_specified and domain != host and public_suffix(domain)

    return _refuse(jar, before, on_suffix)


def _refuse(jar: CookieJar, before: dict[tuple[str, str, str], Cookie], wrong: Callable[[Cookie], bool]
            ) -> list[str]:
    """Drop from ``jar`` the cookies the last response set (those not in ``before`` as they are) for which
    ``wrong`` is true, putting back what each replaced; the names of those dropped."""
    refused = []
    for cookie in list(jar):
        key = (cookie.domain, cookie.path, cookie.name)
        if before.get(key) is cookie or not wrong(cookie):
            continue
        jar.clear(*key)
        if key in before:
            jar.set_cookie(before[key])
        refused.append(cookie.name)
    return refused


def prefix_kept(cookie: Cookie, secure_origin: bool) -> bool:
    """Whether a browser keeps ``cookie`` as far as its name's prefix goes (``__Secure-``, ``__Host-``; see the
    module); a name without one is kept."""
    name = cookie.name.lower()
    if name.startswith("__secure-"):
        return secure_origin and bool(cookie.secure)
    if name.startswith("__host-"):
        return (secure_origin and bool(cookie.secure) and not cookie.domain_specified and cookie.path_specified
                and cookie.path == "/")
    return True


def refuse_prefixed_cookies(jar: CookieJar, secure_origin: bool, before: dict[tuple[str, str, str], Cookie]
                            ) -> list[str]:
    """Drop from ``jar`` the cookies a response (over https when ``secure_origin``) set against their name's
    prefix; put back what such a cookie replaced (``before``). Returns the names of the cookies refused."""
    return _refuse(jar, before, lambda cookie: not prefix_kept(cookie, secure_origin))
