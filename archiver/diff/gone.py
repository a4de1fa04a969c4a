"""The spells a URL was gone (attempts answering 404 or 410, or redirected to the site's front page, after it
had been captured, until it answered again), and the spells it could not be fetched for another reason (a
site down).

``archiver history`` lists them between its captures; ``archiver run --watch`` tells
the same spell as a ``gone`` event and its end as a ``back`` event
(:mod:`archiver.watch.events`). Read from the catalog's ``captures`` rows alone
(every attempt, failed ones included), so an archive never watched shows them too.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from archiver.catalog import Capture, Catalog
from archiver.diff.pairing import url_spellings
from archiver.urls import front_page_url, other_page_url

GONE_STATUSES = (404, 410)  # Not Found, Gone: the article deleted, or moved without a redirect
NONE: Mapping[int, str] = {}  # no capture redirected to another story


def front_page_of(cap: Capture) -> str | None:
    """The front page (``/``, no query) of ``cap``'s site when the capture of an article URL (a path of its
    own) was redirected there: the way news sites take an article down (a 301 or 302 to the home page) rather
    than answer 404; else None. The watch tells such a capture as a ``gone`` event, ``archiver history`` and
    the timeline as a gone spell, not as a version of the article (they read the front page as its text)."""
    return front_page_url(cap.url, cap.final_url, cap.state)


def redirected_elsewhere(cap: Capture) -> str | None:
    """The page of the same site (with or without ``www.``) a capture of ``cap.url`` was redirected to, when that
    is another page (another path; not the front page, :func:`front_page_of`, nor a login, subscription or
    consent page, a wall's usual address: :func:`archiver.urls.other_page_url`), else None. A redirect to another
    story with a text that is not the article's is how a site replaces an article it removed: the watch tells it
    as ``gone``."""
    return other_page_url(cap.url, cap.final_url, cap.state)


def gone_answer(cap: Capture, replaced: Mapping[int, str] = NONE) -> str:
    """What a gone attempt got, in a user's words: ``HTTP 404 Not Found`` (the fetch's reason), ``a redirect
    to the site's front page http://news.test/`` or, for a capture in ``replaced`` (capture id -> the page it
    landed on, whose text is not the article's: :func:`archiver.diff.history.number_versions`), ``a redirect
    to another page URL``."""
    if cap.id in replaced:
        return f"a redirect to another page {replaced[cap.id]}"
    front = front_page_of(cap)
    if front is not None:
        return f"a redirect to the site's front page {front}"
    return cap.reason or f"HTTP {cap.http_status}"


def gone_why(cap: Capture, replaced: Mapping[int, str] = NONE) -> str:
    """Why a gone attempt means the article is gone: taken down, or moved without a redirect (404), removed
    for good (410), taken down with its URL sent to the front page, or removed or replaced (sent to another
    page whose text is not the article's: ``replaced``, as :func:`gone_answer`)."""
    if cap.id in replaced:
        return "the article was removed or replaced"
    if cap.state != "captured" and cap.http_status == 410:
        return "the site says the article was removed for good"
    if front_page_of(cap) is not None:
        return "the article was taken down"
    return "the article was taken down or moved without a redirect"


@dataclass
class GoneSpell:
    """``first``: the first 404/410 attempt (or capture redirected to the front page) after a capture;
    ``attempts``: the gone answers in the spell (other failures, a site down meanwhile, are not counted);
    ``latest``: the last of them;
    ``back``: the capture that ended it (None: still gone at the latest attempt);
    ``replaced``: capture id -> the other page it was redirected to (see :func:`gone_answer`)."""

    first: Capture
    latest: Capture
    attempts: int = 1
    back: Capture | None = None
    statuses: list[int] = field(default_factory=list)
    replaced: Mapping[int, str] = field(default_factory=dict)

    def answer(self, cap: Capture) -> str:
        """:func:`gone_answer` of one of the spell's attempts."""
        return gone_answer(cap, self.replaced)

    def why(self, cap: Capture) -> str:
        """:func:`gone_why` of one of the spell's attempts."""
        return gone_why(cap, self.replaced)

    def to_dict(self) -> dict[str, Any]:
        return {"from_capture_id": self.first.id, "at": self.first.fetched_at,
                "http_status": self.first.http_status, "reason": self.first.reason, "attempts": self.attempts,
                "latest_at": self.latest.fetched_at, "latest_http_status": self.latest.http_status,
                "back_capture_id": self.back.id if self.back else None,
                "back_at": self.back.fetched_at if self.back else None, "front_page": front_page_of(self.first),
                "redirect": self.replaced.get(self.first.id) or front_page_of(self.first)}


def gone_spells(catalog: Catalog, url: str, replaced: Mapping[int, str] = NONE) -> list[GoneSpell]:
    """The gone spells of ``url`` (seed or final URL in any of its spellings), oldest first.

    A spell starts at a 404 or 410 answer, a capture redirected to the site's front page
    (:func:`front_page_of`) or one in ``replaced`` (capture id -> the other page it was redirected to, whose
    text is not the article's) after a capture of the page, and ends at the next capture of the article;
    the last spell may be open (``back`` None).
    """
    return _spells(_attempts(catalog, url), lambda cap: is_gone(cap, replaced), replaced)


def is_gone(cap: Capture, replaced: Mapping[int, str] = NONE) -> bool:
    """Whether an attempt says the article is gone: a 404/410 answer, a redirect to the front page, or a
    capture in ``replaced`` (redirected to another page whose text is not the article's)."""
    return ((cap.state != "captured" and cap.http_status in GONE_STATUSES) or front_page_of(cap) is not None
            or cap.id in replaced)


def _is_down(cap: Capture) -> bool:
    return cap.state != "captured" and cap.http_status not in GONE_STATUSES


def down_spells(catalog: Catalog, url: str) -> list[GoneSpell]:
    """The spells ``url`` could not be fetched for another reason than 404/410 (a site down: no answer,
    a timeout, a refused connection, HTTP 5xx or 429, ...), between a capture and the next one, oldest
    first; the same shape as :func:`gone_spells` (``back``: the capture that ended it)."""
    return _spells(_attempts(catalog, url), _is_down)


def gone_and_down(catalog: Catalog, url: str, replaced: Mapping[int, str] = NONE
                  ) -> tuple[list[GoneSpell], list[GoneSpell]]:
    """:func:`gone_spells` and :func:`down_spells` of ``url`` from one read of its attempts."""
    attempts = _attempts(catalog, url)
    return (_spells(attempts, lambda cap: is_gone(cap, replaced), replaced),
            _spells(attempts, _is_down, replaced))


def _attempts(catalog: Catalog, url: str) -> list[Capture]:
    names = url_spellings(url)
    marks = ", ".join("?" * len(names))
    return sorted(catalog.captures(f"(url IN ({marks}) OR final_url IN ({marks})) "
                                   "AND state IN ('captured', 'failed')", (*names, *names)),
                  key=lambda c: (c.fetched_at, c.id))


def _spells(attempts: list[Capture], member: Callable[[Capture], bool],
            replaced: Mapping[int, str] = NONE) -> list[GoneSpell]:
    """The runs of failed attempts that ``member`` accepts, each after a capture, up to the next capture of the
    article (not a front page, nor another page in ``replaced``)."""
    spells: list[GoneSpell] = []
    spell: GoneSpell | None = None
    seen = False  # a capture of the page came before
    for cap in attempts:
        if cap.state == "captured" and front_page_of(cap) is None and cap.id not in replaced:  # the article
            if spell is not None:
                spell.back = cap
                spell = None
            seen = True
        elif seen and member(cap):
            if spell is None:
                spell = GoneSpell(cap, cap, 0, replaced=replaced)
                spells.append(spell)
            spell.attempts += 1
            spell.latest = cap
            spell.statuses.append(int(cap.http_status or 0))
    return spells
