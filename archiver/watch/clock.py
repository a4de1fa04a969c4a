"""The time a run believes it is: the real UTC time, or ``--now`` / ``ARCHIVER_NOW`` in tests.

Only scheduling reads this clock (when a URL is due, how old an article is, when an
event was detected); WARC dates, capture times and a notification's sending and sent
times always come from the real clock, as the records must.
Times are stored in the catalog as ``YYYY-MM-DDTHH:MM:SSZ`` strings, which sort
in time order.
"""
from __future__ import annotations

from datetime import UTC, datetime


def parse_time(text: str) -> datetime:
    """An ISO 8601 instant (``2026-11-30T07:15:00Z``, ``...+00:00``, or a date) as an aware UTC datetime.

    A value without a zone is taken as UTC. Raises ValueError for anything else.
    """
    value = str(text).strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    """``moment`` as the catalog's sortable UTC string (whole seconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now(setting: str | None = None) -> datetime:
    """The run's clock: ``setting`` (from ``--now``) when given, else the real time (UTC)."""
    return parse_time(setting) if setting else datetime.now(UTC).replace(microsecond=0)
