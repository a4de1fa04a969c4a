"""Which URLs a watch run fetches: those due at its time, less those waiting out a backoff (moved out of
:mod:`archiver.watch.run`, review60: the module had grown past 400 lines)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from archiver.catalog import Catalog
from archiver.watch import backoff, revival, store
from archiver.watch.clock import iso
from archiver.watch.schedule import Policy
from archiver.wording import count


class DueSelector:
    """``again`` for the fetcher: URLs due at ``now``; remembers the newest capture id before the fetch.

    ``hold`` takes out of the fetch the list's URLs still waiting out their backoff
    (:mod:`archiver.watch.backoff`), new ones included: a URL that never worked is new on every run.
    """

    def __init__(self, now: datetime, pol: Policy, waits: backoff.Backoff | None = None, first: int = 2):
        self.now = now
        self.policy = pol
        self.waits = waits
        self.first = first  # a host's URLs fetched by the first run after their backoff (watch/revival.py)
        self.mark = 0  # captures with a larger id were made by this run
        self.backing_off: dict[str, str] = {}  # url -> its next try, for the URLs held back now
        self.ended: dict[str, str] = {}  # url -> its next try, passed: the URLs coming back after a backoff
        self.conn: Any = None

    def __call__(self, catalog: Catalog) -> set[str]:
        conn = catalog.conn
        store.ensure(conn)
        backoff.ensure(conn)
        self.mark = conn.execute("SELECT COALESCE(MAX(id), 0) FROM captures").fetchone()[0]
        self.conn = conn
        self.backing_off = backoff.held(conn, iso(self.now)) if self.waits is not None else {}
        self.ended = backoff.ended(conn, iso(self.now)) if self.waits is not None else {}
        young = iso(self.now - self.policy.max_age)
        due = (store.due_urls(conn, iso(self.now)) | store.unwatched_due(conn, young, self.now, self.policy)
               | store.revivable(conn, young))
        # a failing URL's next check waits for its backoff: named here so that ``hold`` takes it out and says
        # so (the start line counts it 'backing off', not 'already captured')
        return due | set(self.backing_off)

    def next_check(self, urls: list[str]) -> str | None:
        """The earliest next check (ISO 8601, UTC) of ``urls`` (the catalog's spelling) after now, or None
        when none of them has one (past ``--watch-max-age``). An indexed scan in ``next_due`` order that stops
        at the first of them; a URL with no watch row yet (an archive made without ``--watch``) is due when its
        first interval after its last capture has passed (:func:`store.unwatched_next`)."""
        if self.conn is None:
            return None
        wanted = set(urls)
        rows = self.conn.execute("SELECT url, next_due FROM watch WHERE next_due > ? ORDER BY next_due",
                                 (iso(self.now),))
        watched = next((str(due) for url, due in rows if url in wanted), None)
        unwatched = store.unwatched_next(self.conn, wanted, self.now, self.policy)
        return min((t for t in (watched, unwatched) if t is not None), default=None)

    def hold(self, seeds: list[Any], reporter: Any, key: Callable[[str], str]) -> list[Any]:
        """``seeds`` (the fetch's, each with a ``url``; ``key`` gives the catalog's spelling) without
        those backing off; one log line names how many and the earliest next try."""
        kept = [s for s in seeds if key(s.url) not in self.backing_off]
        held = [key(s.url) for s in seeds if key(s.url) in self.backing_off]
        if self.ended and self.conn is not None:  # back after a backoff: a few per host (watch/revival.py)
            later, waiting = revival.release(self.conn, self.ended, [key(s.url) for s in kept], self.first)
            kept = [s for s in kept if key(s.url) not in later]
            for host, n in waiting.items():
                reporter.log("revival", f"backoff: {host}: {count(n, 'URL')} back after {'its' if n == 1 else 'their'} "
                             f"backoff left for the next runs (a host's URLs come back a few per run, twice as "
                             "many each run while it answers)", host=host, waiting=n)
        if held:
            first = min(held, key=lambda url: self.backing_off[url])
            n = len(held)
            its = "its" if n == 1 else "their"
            reporter.log("backoff", f"backoff: {count(n, 'failing URL')} not fetched before {its} "
                         f"next try (the earliest at {self.backing_off[first]}: {first}); --watch-backoff sets the "
                         "waits, 'archiver list' shows each", held=n, earliest=self.backing_off[first])
        return kept
