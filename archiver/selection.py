"""Which captures a command takes: by seed list file, host, URL and capture time (``--list-file``,
``--host``, ``--url``, ``--since``, ``--until``; used by ``export`` and ``search``)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from archiver.urls import host_name

__all__ = ["Captured", "Selection", "from_wayback", "in_utc", "looks_iso", "parse_url", "selection_from", "url_key"]


class Captured(Protocol):
    """What :meth:`Selection.admits` reads of a capture (``catalog.Capture`` has it)."""

    url: str
    final_url: str | None
    fetched_at: str
    list_file: str | None


@dataclass(frozen=True)
class Selection:
    """Which captures a command takes (export, search); every field None/empty means no restriction."""

    list_file: str | None = None  # matched by path (as given or resolved) or by bare name
    hosts: tuple[str, ...] = ()  # host names, any case; ``HOST:PORT`` takes that port only (:func:`host_admits`)
    since: str | None = None  # ISO 8601 prefix: captures at or after
    until: str | None = None  # ISO 8601 prefix: captures up to (a date includes the whole day)
    urls: tuple[str, ...] = ()  # URLs as given (``--url``); a trailing ``*`` takes every URL whose key starts so

    def admits(self, cap: Captured) -> bool:
        """Whether ``cap`` (a catalog capture, or any object with its four fields) is selected."""
        if self.list_file is not None and not _same_list(cap.list_file, self.list_file):
            return False
        if self.hosts and not host_admits(cap.final_url or cap.url, self.hosts):
            return False
        if self.urls and not any(_url_matches(cap, wanted) for wanted in self.urls):
            return False
        when = _utc(cap.fetched_at)
        if self.since and when < _utc(self.since):
            return False
        return not (self.until and when[: len(_utc(self.until))] > _utc(self.until))


@lru_cache(maxsize=65536)  # asked for each capture and each --url: the wanted keys once, not per capture
def url_key(url: str) -> str:
    """The SURT key replay tools look ``url`` up by (cdxj-indexer's and pywb's: ``surt.surt``), e.g.
    ``http://WWW.Bücher.test:80/%7Ea/q?b=2&a=1#x`` -> ``test,xn--bcher-kva)/~a/q?a=1&b=2``: host case, ``www.``,
    IDN or IDNA, a default port, ``%7E`` or ``~``, the order of the query's fields and a fragment do not matter."""
    from archiver.cdxj_entries import surt_key

    return surt_key(url)


def _url_matches(cap: Captured, wanted: str) -> bool:
    """Whether the capture's seed URL or the URL it landed on is ``wanted`` (by :func:`url_key`), or, for a
    ``wanted`` ending in ``*``, has a key starting with that of the text before the ``*`` (pywb's ``URL*``; a
    ``/`` before the ``*`` is kept: ``https://h/2026/*`` takes ``/2026/...`` and ``/2026``, not ``/2026-plans``)."""
    prefix = wanted.endswith("*")
    key = url_key(wanted[:-1] if prefix else wanted)
    # the key drops a path's trailing '/': 'https://h/2026/*' takes /2026 and what is under it, not /2026-plans
    under = prefix and wanted[:-1].endswith("/") and not key.endswith("/")
    for url in (cap.url, cap.final_url):
        if url is None:
            continue
        have = url_key(url)
        if have == key or (prefix and have.startswith(key + "/" if under else key)):
            return True
    return False


# What a --url without its scheme starts with (mend56): a host (a dotted name, ``localhost``, an IPv4 or a bracketed
# IPv6 literal), an optional port, then ``/``. Nothing else is read as a host: ``news/today``, ``mailto:x@h/a``,
# ``file:/etc/passwd``, ``http:/h/x``, ``user@h/x`` and ``a b/c`` are refused, as before nu56.
_SCHEMELESS = re.compile(r"^(?:[\w-]+(?:\.[\w-]+)+\.?|localhost|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?/")


def parse_url(text: str) -> str:
    """A ``--url`` value: an http(s) URL, ``*`` allowed at its end; ValueError quoting the text as given otherwise
    (a bare host is refused with the ``--host`` to give instead). A URL without its scheme (``www.dw.com/en/x``,
    ``localhost:8080/x``, ``[::1]:8080/x``: a host, an optional port, then ``/``, as ``archiver why`` and
    ``history`` take it and an address bar shows it) is read as ``http://`` + it, ``https://`` for port 443: the
    SURT key it is matched by is the same for either scheme (before nu56 refused, where ``why`` had just taken it).
    Any other text without ``://`` is refused (before mend56 ``http://`` was put before anything holding a ``/``:
    ``mailto:x@host/a/`` selected ``host/a/``, ``news/today`` the host ``news``)."""
    given = text
    text = text.strip()
    schemeless = _SCHEMELESS.match(text)
    if schemeless:
        text = ("https://" if schemeless.group(1) == "443" else "http://") + text
    parts = urlsplit(text.removesuffix("*"))
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        hint = f" (for every page of a host, give --host {given.strip()!r})" if text and "/" not in text else ""
        raise ValueError(f"not an http(s) URL: {given!r}{hint}")
    if "*" in text[:-1]:
        raise ValueError(f"{given!r}: '*' stands only at the end (every URL starting so)")
    return text


def _utc(text: str) -> str:
    """An ISO 8601 time as a comparable string: ``T`` separator, no trailing ``Z``; upper case (a catalog imported
    before round 40 holds a WARC-Date written ``2026-03-01t10:00:00z`` as written: ``records.CANONICAL_DATES``)."""
    from archiver.archive import records

    text = text.strip().upper() if records.CANONICAL_DATES else text.strip()
    return text.replace(" ", "T").removesuffix("Z")


def _same_list(stored: str | None, wanted: str) -> bool:
    """Whether the list a capture came from (``stored``: absolute since lists are stored so,
    relative to the folder fetch ran in before) is the ``wanted`` one: the same file (a relative
    ``wanted`` is taken from the current folder), the bare name, or, for an old relative entry,
    the end of ``wanted``'s absolute path (``seeds/news.txt`` matches ``/srv/news/seeds/news.txt``)."""
    if stored is None:
        return False
    if stored == wanted:
        return True
    try:
        if Path(stored).resolve() == Path(wanted).resolve():
            return True
    except OSError:
        pass
    if "/" not in wanted and Path(stored).name == wanted:
        return True
    old = Path(os.path.normpath(stored)).parts
    if Path(stored).is_absolute() or ".." in old:
        return False
    return Path(os.path.abspath(wanted)).parts[-len(old):] == old


def selection_from(list_file: str | None, hosts: list[str] | tuple[str, ...], since: str | None,
                   until: str | None, urls: list[str] | tuple[str, ...] = ()) -> Selection:
    """A :class:`Selection` from the command line's values; ValueError (its message for the user) for a
    ``--since``/``--until`` that is no ISO 8601 date or time, or a ``--since`` after the ``--until``.
    Times with an offset are turned to UTC (:func:`in_utc`), as the catalog's are; a wayback timestamp is
    read as the ISO 8601 prefix it stands for (:func:`from_wayback`)."""
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not looks_iso(in_utc(from_wayback(value))):
            raise ValueError(f"{name} {value!r}: expected an ISO 8601 date or time, e.g. 2026-11-30T08:00, or a "
                             "wayback timestamp (YYYY[MM[DD[hh[mm[ss]]]]] UTC), e.g. 20261130080000")
    first, last = (in_utc(from_wayback(v)) if v is not None else None for v in (since, until))
    if first and last and first[:len(last)] > last:  # a date alone is its whole day
        raise ValueError(f"--since {since} is after --until {until}: no capture can be in between")
    return Selection(list_file, tuple(hosts), first, last, tuple(urls))


def from_wayback(text: str) -> str:
    """A wayback timestamp (4, 6, 8, 10, 12 or 14 digits: ``YYYY[MM[DD[hh[mm[ss]]]]]``, UTC, as in pywb and
    Wayback Machine URLs) as the ISO 8601 prefix of the same precision (``20261205143000`` ->
    ``2026-12-05T14:30:00``, ``2026120514`` -> ``2026-12-05T14``); any other text as it was (stripped).

    A prefix is the period it names, as pywb reads a short timestamp: from its start for ``--since``, to its
    end for ``--until``. A digit count between (5, 7, ...) is left as it was, and so refused by
    :func:`looks_iso` (which of the fields it cuts short cannot be told)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(\d{2}){0,5}", text) is None:
        return text
    date = "-".join(part for part in (text[:4], text[4:6], text[6:8]) if part)
    clock = ":".join(part for part in (text[8:10], text[10:12], text[12:14]) if part)
    return f"{date}T{clock}" if clock else date


def in_utc(text: str) -> str:
    """A time with a UTC offset (``2026-12-02T09:00+01:00``) as the UTC time it names, to the second
    (``2026-12-02T08:00:00``); any other text as it was (the catalog's times are UTC)."""
    text = text.strip()
    if re.search(r"[T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?[+-]\d{2}:?\d{2}$", text) is None:
        return text
    try:
        return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return text


def looks_iso(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date or time the catalog's times can be compared with (``2026``,
    ``2026-11``, ``2026-11-30``, ``2026-11-30T08:00[:00[.5]]``, a trailing ``Z``) naming a real day."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?Z?)?)?)?", text) is None:
        return False
    whole = text.removesuffix("Z") + {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:  # a month 13 or a 30 February matched the pattern and then selected nothing, without a word
        datetime.fromisoformat(whole)
    except ValueError:
        return False
    return True


_PORTED_HOST = re.compile(r"^(\[[^\]]*\]|[^:\[\]]+):(\d*)$")  # name:8000, [::1]:8000 (a bare IPv6 has 2+ colons)


def _split_host(text: str) -> tuple[str, int | None]:
    """``(host name as a request names it, port or None)`` of a ``--host`` value: ``News.test:8080`` ->
    ``("news.test", 8080)``, ``[::1]:8080`` -> ``("::1", 8080)``, ``news.test`` -> ``("news.test", None)``."""
    ported = _PORTED_HOST.match(text.strip())
    if ported and ported.group(2):
        return host_name(ported.group(1).strip("[]")), int(ported.group(2))
    return host_name(text.strip().strip("[]")), None


_DEFAULT_PORTS = {"http": 80, "https": 443}


def host_admits(url: str, hosts: tuple[str, ...] | list[str]) -> bool:
    """Whether ``url``'s host is one of ``hosts`` (``--host`` values: a name takes every port of the host, a
    ``HOST:PORT`` that port only, the scheme's default port when the URL has none; the catalog keeps each
    capture's whole URL, port included). Since 2026-12-06; ``HOST:PORT`` was refused before."""
    parts = urlsplit(url)
    have = host_name(parts.hostname or "")
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:  # a port out of range in a stored URL: it matches a bare name only
        port = None
    for wanted in hosts:
        name, wanted_port = _split_host(wanted)
        if name == have and (wanted_port is None or wanted_port == port):
            return True
    return False


def parse_host(text: str) -> str:
    """A ``--host`` value as given: a host name (any case, Unicode or IDNA; every port of the host) or
    ``HOST:PORT`` (``www.example.org:8080``, ``[::1]:8080``: that port only; a bare IPv6 address, ``::1``, is a
    host). ValueError for a URL or a path (``https://news.example/a``, ``news.example/a``), naming the host to
    give, or for an empty or out-of-range port."""
    if "/" in text:  # a URL or a path pasted for the host: it matched nothing, and nothing said why
        stripped = text.strip()
        host = urlsplit(stripped if "//" in stripped else f"//{stripped}").hostname
        hint = f"give {host!r}: " if host else ""
        raise ValueError(f"a host name, not a URL or a path: not {text!r} ({hint}every page of the host is matched)")
    ported = _PORTED_HOST.match(text.strip())
    if ported and not (ported.group(2) and 0 < int(ported.group(2)) < 65536):
        raise ValueError(f"{text!r}: a port is a number from 1 to 65535 (or give {ported.group(1).strip('[]')!r}: "
                         "every port of the host is matched)")
    return text
