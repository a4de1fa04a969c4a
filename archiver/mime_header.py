"""The one Content-Type of a response that sends several: the WHATWG Fetch standard's "extract a MIME type".

A response may carry ``Content-Type`` on two lines, or two types in one line (``text/html; charset=windows-1251,
text/html; charset=utf-8``: a CMS and a proxy each adding theirs). warcio's ``get_header`` gives the first, and
archiver read that one: a UTF-8 page whose first line said ``windows-1251`` was decoded as windows-1251 and its
text stored as mojibake (``Р—Р°РіРѕР»РѕРІРѕРє`` for ``Заголовок``). Browsers read them all, as the Fetch standard's
"extract a MIME type" does (Chromium's ``HttpResponseHeaders::GetMimeTypeAndCharset`` before it): the values are
one comma-separated list, each that parses as a MIME type (``*/*`` aside) replaces the one before, and a charset
carries over to a later value of the same type that names none. One value is taken as it is (a value that parses
as no MIME type is then sniffed, as before); when none of several parses, the first stands, as before.
"""
from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_WS = " \t\r\n"


def _split(combined: str) -> list[str]:
    """Fetch's "getting, decoding, and splitting": the values between commas outside quoted strings."""
    values, current, quoted, escaped = [], [], False, False
    for char in combined:
        if quoted:
            current.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
            current.append(char)
        elif char == ",":
            values.append("".join(current).strip(_WS))
            current = []
        else:
            current.append(char)
    values.append("".join(current).strip(_WS))
    return values


def _parse(value: str) -> tuple[str, str | None] | None:
    """(essence, charset or None) of a MIME type value, or None when it parses as none (WHATWG MIME Sniffing)."""
    kind, slash, rest = value.strip(_WS).partition("/")
    subtype, _, params = rest.partition(";")
    subtype = subtype.rstrip(_WS)
    if not (slash and _TOKEN.fullmatch(kind) and _TOKEN.fullmatch(subtype)):
        return None
    charset = None
    for param in params.split(";"):
        name, equals, raw = param.lstrip(_WS).partition("=")
        if equals and name.lower() == "charset" and charset is None:
            raw = raw.strip(_WS)
            if raw.startswith('"'):
                raw = raw[1:].split('"', 1)[0]
            charset = raw or None
    return f"{kind}/{subtype}".lower(), charset


def effective_content_type(values: list[str]) -> str | None:
    """The Content-Type a browser goes by, of the ``values`` of a response's ``Content-Type`` lines (in order)."""
    if not values:
        return None
    pieces = _split(", ".join(values)) if len(values) > 1 or "," in values[0] else values
    if len(pieces) == 1:
        return values[0] if len(values) == 1 else pieces[0]
    chosen: str | None = None
    essence: str | None = None
    charset: str | None = None
    for piece in pieces:
        parsed = _parse(piece)
        if parsed is None or parsed[0] == "*/*":
            continue
        chosen = piece
        if parsed[0] != essence:
            essence, charset = parsed[0], parsed[1]
        elif parsed[1] is None and charset is not None:
            chosen = f"{piece}; charset={charset}"
    return chosen if chosen is not None else values[0]


def content_type_of(headers: Any) -> str | None:
    """:func:`effective_content_type` of warcio ``StatusAndHeaders`` (or None)."""
    if headers is None:
        return None
    return effective_content_type([v for n, v in headers.headers if n.lower() == "content-type"])
