"""What the archive holds, one row per URL: captures, the latest attempt's outcome, title, watch state.

Read from the catalog alone (``captures``, ``extractions`` and, when a run used ``--watch``, the
``watch`` table); no WARC file or clean file is opened, so listing 10,000 URLs is one grouped scan.
"""
from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from archiver.selection import host_admits
from archiver.urls import front_page_url, other_page_url
from archiver.watch import backoff

_ROWS = """
WITH ranked AS (
    SELECT id, url, state, reason, http_status, fetched_at, final_url,
           ROW_NUMBER() OVER (PARTITION BY url ORDER BY fetched_at DESC, id DESC) AS n
    FROM captures)
SELECT r.url, r.state, r.reason, r.http_status, r.fetched_at, r.final_url,
       g.attempts, g.captures, g.first_captured, g.last_captured, r.id
FROM ranked r JOIN (
    SELECT url, COUNT(*) AS attempts, SUM(state = 'captured') AS captures,
           MIN(CASE WHEN state = 'captured' THEN fetched_at END) AS first_captured,
           MAX(CASE WHEN state = 'captured' THEN fetched_at END) AS last_captured
    FROM captures GROUP BY url) g ON g.url = r.url
WHERE r.n = 1 ORDER BY r.url
"""


@dataclass
class Listed:
    """One URL of the archive (the seed URL as the catalog keeps it).

    ``status`` is the latest attempt's outcome: ``captured``, ``failed`` or ``skipped``; ``reason``
    says why it failed (``HTTP 410 Gone``). Times are ISO 8601 UTC strings; ``next_check`` is the
    watch's next due time, ``"stopped"`` past the age limit, None when the URL is not watched;
    ``failures_in_a_row`` and ``retry_at``: the ``--watch`` backoff of a failing URL (0 and None
    when its latest attempt worked; :mod:`archiver.watch.backoff`); ``front_page``: the site's front page
    the latest attempt was redirected to (the article taken down, as ``archiver history`` says), else None;
    ``redirect``: another page of the site the latest attempt was redirected to, whose text the watch judged not
    the article's (told gone: removed or replaced), else None; ``moved``: another page of the site the latest
    capture was redirected to when the watch judged its text the article's (a new address), else None.
    """

    url: str
    status: str
    reason: str | None
    http_status: int | None
    last_attempt: str
    final_url: str | None
    attempts: int
    captures: int
    first_captured: str | None
    last_captured: str | None
    title: str | None = None
    next_check: str | None = None
    failures_in_a_row: int = 0
    retry_at: str | None = None
    front_page: str | None = None  # the latest attempt was redirected to the site's front page: the article gone
    redirect: str | None = None  # the latest attempt was redirected to another story: the article gone
    moved: str | None = None  # the latest capture was redirected to another page of the site, judged the article

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def listing(conn: sqlite3.Connection, urls: set[str] | None = None, hosts: tuple[str, ...] = ()) -> list[Listed]:
    """Every URL of the catalog ``conn``, sorted; only ``urls`` (exact seed or final URLs) and only
    URLs of ``hosts`` (``--host`` values: :func:`archiver.selection.host_admits`) when given."""
    watched: dict[str, str | None] = {}
    not_article: set[int] = set()  # captures the watch judged not the article (a wall, another story)
    article: set[int] = set()
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watch'").fetchone():
        watched = {r[0]: r[1] for r in conn.execute("SELECT url, next_due FROM watch")}
        not_article = {r[0] for r in conn.execute("SELECT capture_id FROM watch_captures WHERE verdict = "
                                                  "'not-article'")}
        article = {r[0] for r in conn.execute(  # redirected captures the watch judged the article: a new address
            "SELECT w.capture_id FROM watch_captures w JOIN captures c ON c.id = w.capture_id WHERE c.final_url IS "
            "NOT NULL AND c.final_url != c.url AND w.version IS NOT NULL")}
    titles = {r[0]: r[1] for r in conn.execute(
        "SELECT c.url, e.title, c.final_url, c.state, c.id FROM extractions e JOIN captures c ON c.id = e.capture_id "
        "WHERE e.title IS NOT NULL ORDER BY e.capture_id")  # the newest title wins
        if front_page_url(r[0], r[2], r[3]) is None  # not the front page's an article was redirected to
        and r[4] not in not_article}  # nor a consent wall's, nor the other story's an article was sent to
    failing = backoff.rows(conn)
    out = []
    for row in conn.execute(_ROWS):
        (url, state, reason, status, at, final, attempts, captures, first, last, latest) = row
        if urls is not None and url not in urls and final not in urls:
            continue
        if hosts and not host_admits(final or url, hosts):
            continue
        check = (watched[url] or "stopped") if url in watched else None
        held = failing.get(url)
        out.append(Listed(url, state, reason, status, at, final, attempts, int(captures or 0), first, last,
                          titles.get(url), check, int(held["failures"]) if held else 0,
                          held["retry_at"] if held else None, front_page_url(url, final, state),
                          other_page_url(url, final, state) if latest in not_article else None,
                          _moved(conn, url, final, state) if latest in article else None))
    return out


def _moved(conn: sqlite3.Connection, url: str, final: str | None, state: str) -> str | None:
    """``final`` when the latest capture of ``url`` landed on another page of its site than its first capture did
    (a new slug; a short link that always led there is no move), else None."""
    landed = other_page_url(url, final, state)
    if landed is None:
        return None
    first = conn.execute("SELECT final_url FROM captures WHERE url = ? AND state = 'captured' ORDER BY fetched_at, id "
                         "LIMIT 1", (url,)).fetchone()
    return landed if first is None or (first[0] or url) != landed else None
