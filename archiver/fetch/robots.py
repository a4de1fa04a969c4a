"""robots.txt: fetched once per origin per run, archived like any page, parsed by Protego.

Outcomes follow RFC 9309: a 4xx (no robots.txt) allows everything; a 5xx (or a
429 that outlasted the retries) means complete disallow; redirects are followed
for up to five hops. A robots.txt that cannot be read at all (DNS, refused, TLS,
a time-out, a reset, a body cut short) is "unreachable", which also means
complete disallow (section 2.3.1.4); the reason names what failed.
"""
from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from protego import Protego

from archiver.body_spool import Body
from archiver.decoding import DecodingError, decode_prefix
from archiver.urls import scrub

MAX_ROBOTS_REDIRECTS = 5
# Any 2xx robots.txt is a file to obey (RFC 9309 section 2.3.1.1, "successfully downloads"; Google's crawlers read every
# 2xx as the file): a 203 from a proxy, a 206 of the whole file a server sends without being asked a range. Before
# round 36 only a 200 was read, and a 206 or 203 saying "Disallow: /" let every URL of its host be fetched.
WHOLE_2XX = True  # False: only a 200 robots.txt read for rules (before round 36)
# reasons of a robots.txt fetch that never reached the server: no address, nothing listening, a connection never
# taken (a firewall dropping it, a host down: ``timeout (connect)``), no trusted TLS session. The page cannot be
# asked either, so its reason is the failure as it is, not "robots.txt unreachable" (which sends a user looking
# at robots.txt); still complete disallow for the run, and the next run asks again
NO_CONNECTION = ("DNS:", "TLS:", "refused:", "timeout (connect)")
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 section 2.5: a crawler may stop parsing here
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class RobotsFile:
    """What fetching an origin's robots.txt gave: its text, or a verdict for the whole origin."""

    text: str | None = None
    disallow_all: str | None = None  # the reason, when nothing may be fetched
    retry_after: str | None = None  # a 5xx's or 429's Retry-After as sent: the pause outlives the run (fetch.waits)
    too_many: bool = False  # a 429 without Retry-After: archiver's own pause holds the host (fetch.waits)

    @classmethod
    def allow_all(cls) -> RobotsFile:
        return cls()


def unavailable(status: int, retry_after: str | None) -> RobotsFile:
    """What a robots.txt answered with a 5xx or a 429 (after the retries) says: complete disallow (RFC 9309
    section 2.3.1.4; Google's crawler takes a 429 so). A ``Retry-After`` it came with is named and kept: the
    host's URLs are failed with it, so the next run leaves the host alone until then, as for a page's 503; a 429
    without one holds the host for archiver's own pause, as a page's 429 does."""
    why = "as RFC 9309 asks" if status >= 500 else "a 429 taken as a 5xx, as Google's crawler takes it"
    said = f", Retry-After: {scrub(retry_after.strip())[:60]}" if retry_after and retry_after.strip() else ""
    return RobotsFile(disallow_all=f"robots.txt unavailable (HTTP {status}{said}): complete disallow assumed, {why}",
                      retry_after=retry_after if said else None, too_many=status == 429 and not said)


def robots_text(data: bytes) -> str:
    """robots.txt bytes as text: a byte-order mark names the encoding and is dropped, else UTF-8.

    RFC 9309 files are UTF-8; a BOM left in would hide the first line (often
    ``User-agent: *``) from the parser and open the whole site, so BOMs go
    wherever a line starts.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, "replace")
            break
    else:
        text = data.decode("utf-8", "replace")
    return "\n".join(line.lstrip("\ufeff") for line in text.splitlines())


def _looks_like_text(data: bytes) -> bool:
    """True if ``data`` reads as UTF-8 text (a BOM allowed) without control bytes other than whitespace."""
    sample = data[:4096]
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the end of the sample
            return False
        text = sample[:exc.start].decode("utf-8-sig", "ignore")
    return bool(text.strip()) and all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def robots_from_body(body: bytes, content_encoding: str | None, cut: bool = False) -> RobotsFile:
    """What a 200 robots.txt says: its rules from the first 500 KiB (inflated no further).

    A body that claims a coding it does not have is read as text if it is
    plain text, and otherwise fails closed (complete disallow): its rules
    cannot be read, so none can be obeyed. The other way round, a gzip file sent
    without ``Content-Encoding`` (a ``robots.txt.gz`` served as the file, or
    ``gzip_static`` answering a client that did not ask for it) is inflated when
    it holds text: read as bytes it was no rules at all, and the pages its
    ``Disallow`` lines name were fetched. ``cut``: the body is a part (see
    ``cut_robots``), its last line, if unended, left out.
    """
    if body[:2] == b"\x1f\x8b" and not (content_encoding or "").strip():
        try:
            inflated, _ = decode_prefix(body, "gzip", ROBOTS_MAX_BYTES + 1, whole=not cut)
        except DecodingError:
            inflated = b""
        if _looks_like_text(inflated):
            body = inflated  # past ROBOTS_MAX_BYTES: cut to whole lines below
    try:
        data, more = decode_prefix(body, content_encoding, ROBOTS_MAX_BYTES)
    except DecodingError as exc:
        if not _looks_like_text(body):
            return RobotsFile(disallow_all=f"robots.txt unreadable ({exc}): complete disallow assumed")
        data, more = body[:ROBOTS_MAX_BYTES], len(body) > ROBOTS_MAX_BYTES  # a plain file sent as coded
    if more or len(data) >= ROBOTS_MAX_BYTES or cut:
        data = data[: data.rfind(b"\n") + 1]  # parse whole lines only
    return RobotsFile(text=robots_text(data))


ROBOTS_KEY = "robots.txt "  # before a robots.txt URL in the run's ``repeats`` (fetch.runner.repeat_digests)


def robots_digests(conn: sqlite3.Connection) -> dict[str, str]:
    """``ROBOTS_KEY`` + robots.txt URL -> payload digest of the last robots.txt record archived for it (an
    earlier run's): ``cut_robots`` compares a body cut short with it."""
    rows = conn.execute("SELECT url, payload_digest FROM records WHERE id IN (SELECT MAX(id) FROM records "
                        "WHERE capture_id IS NULL GROUP BY url) AND payload_digest IS NOT NULL")
    return {ROBOTS_KEY + str(url): str(digest) for url, digest in rows}


def cut_robots(url: str, body: Body, codings: str | None, cut: str | None, why: str,
               before: dict[str, str]) -> RobotsFile:
    """What a 200 robots.txt whose body was cut short says: ``cut`` is the exchange's (``"disconnect"``, a
    hang-up, ``why`` its account; ``"read"``, a stall; ``"total"``, still coming at ``--total-timeout``).

    The first time, nothing: its lost part may have held a ``Disallow``, so the host is "unreachable",
    complete disallow (RFC 9309 section 2.3.1.4), and the next run asks again. When the last run's record
    of this URL (``before``, ``robots_digests``) holds the very same bytes, the cut is the server's own
    (a ``Content-Length`` larger than the file it serves, at every request; or ``"partial"``, a 206 that is
    only a part of the file, :func:`partial_206`, ``why`` its account): retrying cannot help, and the
    host stayed forbidden at every run. The part is then read as the file, as a page cut the same way in
    two runs is taken as the page (``shortbody``), its last line left out if unended (``Disallow: /p``
    cut from ``Disallow: /private`` would forbid more, ``Allow: /a`` from ``Allow: /admin-news`` allow
    more). A body still coming at ``--total-timeout`` is no such file, however alike two parts are. ``url``
    as archived (redacted)."""
    what = why if cut in ("disconnect", "partial") else "timeout"
    if cut in ("disconnect", "read", "partial") and body.length and before.get(ROBOTS_KEY + url) == body.payload_digest:
        body.stream.seek(0)
        return robots_from_body(body.stream.read(), codings, cut=True)
    return RobotsFile(disallow_all=f"robots.txt unreachable (body cut short: {what}; {body.length} bytes came): "
                                   "complete disallow assumed, as RFC 9309 asks; if the next run gets the "
                                   "same bytes, they are read as the file")


_RANGE = re.compile(r"\s*bytes\s+([0-9]+)\s*-\s*([0-9]+)\s*/\s*([0-9]+)\s*$", re.I)


def partial_206(status: int, content_range: str | None) -> str | None:
    """For a ``status`` 206 robots.txt (archiver asks for no Range), the account of why it is only a part of the
    file (for :func:`cut_robots`, cut ``"partial"``), or None when it is the whole file or no 206.

    Whole only when ``Content-Range`` is ``bytes 0-(n-1)/n``; a part stopping short of the total, a total
    ``*``, or no (or an unreadable) ``Content-Range`` is a cut body. Before 2026-12-06 any 2xx was read as the
    whole file (host44), so a part cut mid-line (``Disallow: /`` from ``Disallow: /private/``) forbade the
    whole host and the ``Disallow`` lines past its end were lost (review46)."""
    if status != 206:
        return None
    found = _RANGE.match(content_range or "")
    if found and int(found[1]) == 0 and int(found[2]) + 1 == int(found[3]):
        return None
    shown = scrub((content_range or "none").strip())[:80]
    return f"HTTP 206 Partial Content, Content-Range: {shown}"


def partial_taken(url: str, why: str, length: int) -> dict[str, Any]:
    """The log line (``message``) and JSON fields for a partial 206 robots.txt (:func:`partial_206`, ``why``)
    that came the same as the last run's, and so was read as the file (``cut_robots``)."""
    return {"message": f"robots.txt {url} taken as sent ({why}, {length} bytes, the same as the last run's): "
                       "its whole lines are read as the file", "url": url, "bytes": length, "content_length": None}


_COMMA_DELAY = re.compile(r"(?im)^([ \t]*crawl-delay[ \t]*:[ \t]*[0-9]+),([0-9]+)(?=[ \t]*(?:#|\r?$))")


def comma_delays(text: str) -> str:
    """``text`` with a Crawl-delay written with a decimal comma (``Crawl-delay: 2,5``) read as 2.5: Protego
    ignores the line, and asked the other way a site gets no delay at all; a larger delay than meant is the
    polite error (Yandex, which reads fractional delays, documents the dot)."""
    return _COMMA_DELAY.sub(r"\1.\2", text) if "," in text else text


_RULE_LINE = re.compile(r"(?im)^[ \t]*(?:dis)?allow[ \t]*:")
# past this many Allow/Disallow lines a robots.txt is parsed, and each URL matched against it, in a worker
# thread: Protego tests every wildcard rule in Python, 30,000 of them (a 500 KiB file) 30-55 ms a URL and
# 0.5 s to parse, which on the event loop stalled every other exchange of the run (hostile round 33)
HEAVY_RULES = 2000


def parse_rules(text: str) -> Protego:
    """Protego's parse of a robots.txt's text (a decimal-comma Crawl-delay read as a dot)."""
    return Protego.parse(comma_delays(text))


@dataclass
class _Policy:
    parser: Protego | None
    disallow_all: str | None
    retry_after: str | None = None
    too_many: bool = False
    heavy: bool = False  # matched in a worker thread (HEAVY_RULES)


class RobotsCache:
    """Maps an origin to its rules; concurrent callers share one fetch."""

    def __init__(self, fetch: Callable[[str, list[bool]], Awaitable[RobotsFile]], user_agent: str):
        self.fetch = fetch
        self.agent = user_agent.split("/", 1)[0]
        self.rules: dict[str, _Policy] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def refusal(self, url: str, first_turn: list[bool] | None = None) -> str | None:
        """None when ``url`` may be fetched, else the reason it may not. ``first_turn`` (``[True]``: the
        host's request slot the dispatcher granted the seed, not used yet) goes to the robots.txt fetch,
        if this call makes one; it is ``[False]`` once used."""
        origin = origin_of(url)
        if origin not in self.rules:
            lock = self.locks.setdefault(origin, asyncio.Lock())
            async with lock:
                if origin not in self.rules:
                    got = await self.fetch(origin + "/robots.txt", first_turn if first_turn is not None else [False])
                    heavy = bool(got.text) and len(_RULE_LINE.findall(got.text or "")) > HEAVY_RULES
                    parser = None if not got.text else (await asyncio.to_thread(parse_rules, got.text) if heavy
                                                        else parse_rules(got.text))
                    self.rules[origin] = _Policy(parser, got.disallow_all, got.retry_after, got.too_many, heavy)
        policy = self.rules[origin]
        if policy.disallow_all:
            return policy.disallow_all
        if policy.parser is None:
            return None
        if policy.heavy:  # the loop serves the other exchanges meanwhile (the GIL is handed over every 5 ms)
            allowed = await asyncio.to_thread(policy.parser.can_fetch, url, self.agent)
        else:
            allowed = policy.parser.can_fetch(url, self.agent)
        return None if allowed else "robots.txt disallows this URL"

    def retry_after(self, url: str) -> str | None:
        """The ``Retry-After`` the origin's robots.txt came with when it forbade the origin (a 5xx or 429), or None."""
        policy = self.rules.get(origin_of(url))
        return policy.retry_after if policy and policy.disallow_all else None

    def too_many(self, url: str) -> bool:
        """Whether the origin's robots.txt forbade it with a 429 that came without ``Retry-After``."""
        policy = self.rules.get(origin_of(url))
        return bool(policy and policy.disallow_all and policy.too_many)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay the origin's robots.txt asks of this agent, in seconds, or None."""
        policy = self.rules.get(origin_of(url))
        delay = policy.parser.crawl_delay(self.agent) if policy and policy.parser else None
        return float(delay) if delay else None
