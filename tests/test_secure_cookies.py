"""A response over http leaves the jar's ``Secure`` cookies alone: it neither sets, changes nor deletes one
(RFC 6265bis section 5.7). Real httpx requests and responses through the archiver's jar."""
from __future__ import annotations

import httpx

from archiver.fetch.client import ResponseCookies


def answer(jar: ResponseCookies, url: str, *set_cookies: str) -> None:
    request = httpx.Request("GET", url)
    jar.extract_cookies(httpx.Response(200, headers=[("Set-Cookie", v) for v in set_cookies], request=request))


def held(jar: ResponseCookies) -> dict[str, str | None]:
    return {c.name: c.value for c in jar.jar}


def test_an_http_response_cannot_delete_a_secure_cookie():
    jar = ResponseCookies()
    answer(jar, "https://example.test/", "sid=x; Secure; Path=/")
    answer(jar, "http://example.test/", "sid=x; Max-Age=0; Path=/")
    assert held(jar) == {"sid": "x"}
    answer(jar, "http://example.test/", "sid=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/")
    assert held(jar) == {"sid": "x"}


def test_an_http_response_cannot_change_or_set_a_secure_cookie_but_sets_others():
    jar = ResponseCookies()
    answer(jar, "https://example.test/", "sid=x; Secure; Path=/")
    answer(jar, "http://example.test/", "sid=y; Path=/", "new=1; Secure; Path=/", "plain=2; Path=/")
    assert held(jar) == {"sid": "x", "plain": "2"}


def test_an_https_response_still_deletes_a_secure_cookie():
    jar = ResponseCookies()
    answer(jar, "https://example.test/", "sid=x; Secure; Path=/")
    answer(jar, "https://example.test/", "sid=x; Max-Age=0; Path=/")
    assert held(jar) == {}
