"""robots.txt: fetched once per origin per run, archived like any page, parsed by Protego.

Outcomes follow RFC 9309: a 4xx (no robots.txt) allows everything; a 5xx (or a
429 that outlasted the retries) means complete disallow; redirects are followed
for up to five hops. A robots.txt that cannot be reached at all (DNS, refused,
timeout) allows the page fetch to go ahead, because that fetch then fails with
its own, more useful reason.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

MAX_ROBOTS_REDIRECTS = 5


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class RobotsFile:
    """What fetching an origin's robots.txt gave: its text, or a verdict for the whole origin."""

    text: str | None = None
    disallow_all: str | None = None  # the reason, when nothing may be fetched

    @classmethod
    def allow_all(cls) -> RobotsFile:
        return cls()


@dataclass
class _Policy:
    parser: Protego | None
    disallow_all: str | None


class RobotsCache:
    """Maps an origin to its rules; concurrent callers share one fetch."""

    def __init__(self, fetch: Callable[[str], Awaitable[RobotsFile]], user_agent: str):
        self.fetch = fetch
        self.agent = user_agent.split("/", 1)[0]
        self.rules: dict[str, _Policy] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def refusal(self, url: str) -> str | None:
        """None when ``url`` may be fetched, else the reason it may not."""
        origin = origin_of(url)
        if origin not in self.rules:
            lock = self.locks.setdefault(origin, asyncio.Lock())
            async with lock:
                if origin not in self.rules:
                    got = await self.fetch(origin + "/robots.txt")
                    parser = Protego.parse(got.text) if got.text else None
                    self.rules[origin] = _Policy(parser, got.disallow_all)
        policy = self.rules[origin]
        if policy.disallow_all:
            return policy.disallow_all
        if policy.parser is not None and not policy.parser.can_fetch(url, self.agent):
            return "robots.txt disallows this URL"
        return None

    def crawl_delay(self, url: str) -> float | None:
        policy = self.rules.get(origin_of(url))
        return policy.parser.crawl_delay(self.agent) if policy and policy.parser else None
