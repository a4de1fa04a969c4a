"""Per-host cut-off: a host that stopped answering is given up for the rest of the run.

Every exchange attempt tells ``HostSilence`` whether it ended in a connect or
read timeout (a stall mid-body included), a refused connection, or got an answer. After ``limit``
of them in a row for one host, ``gave_up(host)`` returns the reason its
remaining URLs fail with at once, instead of each waiting out its own timeouts
while the other hosts go on. The next run asks the host again (failed URLs
are not done). Heritrix does the same with its ``max-retries`` per server and
wget with ``--tries``; Chromium has no such rule (it fetches one page).
"""
from __future__ import annotations

from collections.abc import Hashable


class HostSilence:
    """Counts consecutive timeouts per host. ``limit`` 0 never gives up."""

    def __init__(self, limit: int):
        self.limit = limit
        self.streak: dict[Hashable, int] = {}
        self.refusals: dict[Hashable, int] = {}  # of the streak, attempts whose connection was refused

    def answered(self, host: Hashable) -> None:
        """An attempt got a response head from ``host``: its streak starts again."""
        self.streak.pop(host, None)
        self.refusals.pop(host, None)

    def timed_out(self, host: Hashable) -> None:
        """An attempt to ``host`` ended in a connect or read timeout."""
        self.streak[host] = self.streak.get(host, 0) + 1

    def refused(self, host: Hashable) -> None:
        """An attempt's connection to ``host`` was refused (nothing listens: the server went down mid-run).
        Each fails at once, but with its retries' backoff a down host's 100,000 URLs took hours."""
        self.streak[host] = self.streak.get(host, 0) + 1
        self.refusals[host] = self.refusals.get(host, 0) + 1

    def gave_up(self, host: Hashable) -> str | None:
        """The failure reason for ``host``'s URLs once it stopped answering; None while it may answer."""
        if self.limit and self.streak.get(host, 0) >= self.limit:
            refused = self.refusals.get(host, 0)
            what = ("timeouts" if not refused else "refused connections" if refused == self.limit
                    else "timeouts and refused connections")
            return (f"host stopped answering after {self.limit} {what} in a row; not asked again in this run "
                    "(--host-timeouts); will retry next run")
        return None
