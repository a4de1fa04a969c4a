"""robots.txt: fetched once per origin per run, archived like any page, parsed by Protego.

RFC 9309 leniency: a 4xx (no robots.txt) allows everything; so does an
unreachable or 5xx robots.txt, because the page fetch that follows will report
the real failure with its own reason.
"""
from __future__ import annotations

import asyncio
from typing import Awaitable, Callable
from urllib.parse import urlsplit

from protego import Protego


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class RobotsCache:
    """Maps an origin to its parsed rules; concurrent callers share one fetch."""

    def __init__(self, fetch_text: Callable[[str], Awaitable[str | None]], user_agent: str):
        self.fetch_text = fetch_text
        self.agent = user_agent.split("/", 1)[0]
        self.rules: dict[str, Protego | None] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str) -> bool:
        origin = origin_of(url)
        if origin not in self.rules:
            lock = self.locks.setdefault(origin, asyncio.Lock())
            async with lock:
                if origin not in self.rules:
                    text = await self.fetch_text(origin + "/robots.txt")
                    self.rules[origin] = Protego.parse(text) if text else None
        rules = self.rules[origin]
        return True if rules is None else rules.can_fetch(url, self.agent)

    def crawl_delay(self, url: str) -> float | None:
        rules = self.rules.get(origin_of(url))
        return rules.crawl_delay(self.agent) if rules else None
