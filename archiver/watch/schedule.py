"""When to check a watched URL again: a pure function of its age, its last change and the policy.

News-edit trackers (NewsDiffs, diffengine, the Edit Tracker family) re-fetch an
article often while it is fresh and less and less as it settles: edits cluster in
an article's first hours and right after an earlier edit. The policy here is
that shape as data: the time a URL has been *quiet* (since it was first seen or
last changed, whichever is later) picks an interval from a step table; a URL
older than ``max_age`` (counted from publication or first sight) is not
checked again.

Default steps: quiet under 6 hours -> every 15 minutes; under 2 days -> hourly;
under 14 days -> daily; after that weekly; stop at 30 days.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """``90s``, ``15m``, ``6h``, ``2d``, ``1w`` as a timedelta. Raises ValueError otherwise."""
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"not a duration: {text!r} (use a number and s, m, h, d or w, e.g. 15m)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2).lower()])


@dataclass(frozen=True)
class Policy:
    """``steps``: (quiet under this long, check this often), ascending; ``last``: the interval after them."""

    steps: tuple[tuple[timedelta, timedelta], ...] = (
        (timedelta(hours=6), timedelta(minutes=15)),
        (timedelta(days=2), timedelta(hours=1)),
        (timedelta(days=14), timedelta(days=1)),
    )
    last: timedelta = timedelta(days=7)
    max_age: timedelta = timedelta(days=30)

    def interval(self, quiet: timedelta) -> timedelta:
        """How long to wait after a check, for a URL quiet (unchanged) for ``quiet``."""
        for under, every in self.steps:
            if quiet < under:
                return every
        return self.last


def parse_intervals(text: str) -> tuple[tuple[tuple[timedelta, timedelta], ...], timedelta]:
    """``6h=15m,2d=1h,14d=1d,7d``: quiet-under=interval pairs, then the last interval alone.

    Raises ValueError when a part is not a duration, the steps are not ascending,
    or the last interval is missing.
    """
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if not parts or "=" in parts[-1]:
        raise ValueError(f"watch intervals {text!r}: end with the interval for quiet URLs past the last step, "
                         "e.g. 6h=15m,2d=1h,14d=1d,7d")
    steps = []
    for part in parts[:-1]:
        under, sep, every = part.partition("=")
        if not sep:
            raise ValueError(f"watch intervals {text!r}: {part!r} is not QUIET=INTERVAL")
        steps.append((parse_duration(under), parse_duration(every)))
    if any(b[0] <= a[0] for a, b in pairwise(steps)):
        raise ValueError(f"watch intervals {text!r}: the quiet times must grow")
    last = parse_duration(parts[-1])
    if any(every <= timedelta(0) for _, every in steps) or last <= timedelta(0):
        raise ValueError(f"watch intervals {text!r}: intervals must be positive")
    return tuple(steps), last


def policy_from(intervals: str | None = None, max_age: str | None = None) -> Policy:
    """A Policy from the ``--watch-intervals`` and ``--watch-max-age`` texts (None: the default)."""
    default = Policy()
    steps, last = parse_intervals(intervals) if intervals else (default.steps, default.last)
    return Policy(steps, last, parse_duration(max_age) if max_age else default.max_age)


def next_due(published: datetime, last_change: datetime | None, now: datetime,
             policy: Policy = Policy(), first_seen: datetime | None = None) -> datetime | None:
    """When to check again after a check at ``now``; None once the article is past ``policy.max_age``.

    ``published``: when the article was published (or first seen, when it gives no
    date); ``first_seen``: when archiver first captured it (default ``published``;
    a page's date is often a day without a time, too coarse for the first steps);
    ``last_change``: the last content change found (None: never changed).
    The interval follows the quiet time ``now - max(first_seen, last_change)``; a
    next check that would fall after ``published + max_age`` is not made.
    All datetimes are aware (UTC).
    """
    limit = published + policy.max_age
    if now >= limit:
        return None
    start = first_seen or published
    quiet_since = max(start, last_change) if last_change else start
    due = now + policy.interval(max(now - quiet_since, timedelta(0)))
    return due if due <= limit else None
