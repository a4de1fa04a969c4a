"""A search's hits: one per page (URL), its versions holding the words folded into it.

The index keeps one row per distinct text of a URL (a *version*, :mod:`archiver.search`); an article
captured daily and edited twice has three. A hit per version listed such an article three times, and
a hit in an older version read as words the page still has. A hit here is a page: the newest of its
matching versions is shown (its title and snippet), the capture times and count are those of every
capture of the page holding the words, and the hit says how many of the page's versions hold them and
whether its latest capture does (``in_latest``: False when the words were since edited out).

Ranking: a page ranks by its best-matching version's bm25 (lower is more relevant), ties by URL.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from archiver.cjk import CJK_RANGES
from archiver.search_query import match_keys, match_runs, spelt_snippet

TITLE_WEIGHT = 5.0  # bm25 weight of a title match against 1.0 for the body
ALT_WEIGHT = 0.25  # a match in the spelt-out column: low, so a page with umlauts does not outrank others on every word
SNIPPET_WORDS = 16
MARK = ("[", "]")  # around each matched word in a snippet
FIRST_FETCH = 4  # version rows ranked per page asked for, at first (doubled while too few pages come out)


@dataclass
class Hit:
    url: str
    title: str
    captured_at: str  # the first capture holding the words (ISO 8601, UTC)
    last_captured_at: str  # the last one
    captures: int  # how many captures hold the words
    snippet: str  # matched words between MARK, from the newest version holding them
    score: float  # bm25 of the best-matching version: lower is more relevant
    versions: int = 1  # the page's versions (distinct texts) holding the words
    all_versions: int = 1  # the page's versions in all (in the selection)
    in_latest: bool = True  # the page's latest capture (in the selection) holds the words
    latest_captured_at: str = ""  # that capture's time

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def page_hits(conn: sqlite3.Connection, expression: str, query: str, limit: int,
              chosen: dict[int, tuple[str, list[str]]] | None) -> list[Hit]:
    """The pages matching the FTS5 ``expression`` (made from ``query``), most relevant first, at most ``limit``.

    ``chosen`` (version id -> (URL, capture times of its selected captures)) restricts the search to
    those versions and their captures; None searches every indexed version. Raises sqlite3.OperationalError
    as FTS5 does.
    """
    within = " AND search_text.rowid IN (SELECT value FROM json_each(?))" if chosen is not None else ""
    among = (json.dumps(sorted(chosen)),) if chosen is not None else ()
    best: dict[str, float] = {}
    fetch = max(limit, 1) * FIRST_FETCH
    while True:  # 1. rank versions; enough of them to name `limit` pages
        rows = conn.execute(
            f"SELECT v.url, bm25(search_text, {TITLE_WEIGHT}, 1.0, {ALT_WEIGHT}) AS score FROM search_text "
            f"JOIN search_versions v ON v.id = search_text.rowid WHERE search_text MATCH ?{within} "
            f"ORDER BY score LIMIT ?", (expression, *among, fetch)).fetchall()
        best = {}
        for url, score in rows:
            best.setdefault(url, float(score))
        if len(best) >= limit or len(rows) < fetch:
            break
        fetch *= 2
    urls = sorted(best, key=lambda u: (best[u], u))[:limit]
    if not urls:
        return []
    marks = ",".join("?" * len(urls))
    # 2. every version of those pages that holds the words, and every capture of those pages
    matching = {int(r[0]) for r in conn.execute(
        f"SELECT search_text.rowid FROM search_text JOIN search_versions v ON v.id = search_text.rowid "
        f"WHERE search_text MATCH ?{within} AND v.url IN ({marks})", (expression, *among, *urls))}
    times: dict[int, tuple[str, list[str]]] = {}
    if chosen is not None:
        wanted = set(urls)
        times = {v: info for v, info in chosen.items() if info[0] in wanted}
    else:
        for version_id, url, fetched_at in conn.execute(
                f"SELECT v.id, v.url, c.fetched_at FROM search_versions v JOIN search_captures sc "
                f"ON sc.version_id = v.id JOIN captures c ON c.id = sc.capture_id WHERE v.url IN ({marks})", urls):
            times.setdefault(int(version_id), (url, []))[1].append(fetched_at)
    shown = {url: _newest(url, [v for v in matching if v in times], times) for url in urls}
    snippets = _snippets(conn, expression, query, [v for v in shown.values() if v is not None])
    hits = []
    for url in urls:
        version_id = shown[url]
        if version_id is None:
            continue  # no capture has this text any more
        holding = [t for v in matching if v in times and times[v][0] == url for t in times[v][1]]
        versions = [v for v, (u, _) in times.items() if u == url]
        latest_time, latest_version = max((t, v) for v in versions for t in times[v][1])
        title, snip = snippets.get(version_id, ("", ""))
        hits.append(Hit(url=url, title=title or "", snippet=snip or "", score=best[url],
                        captured_at=min(holding), last_captured_at=max(holding), captures=len(holding),
                        versions=sum(1 for v in versions if v in matching), all_versions=len(versions),
                        in_latest=latest_version in matching, latest_captured_at=latest_time))
    return hits


def _newest(url: str, matching: list[int], times: dict[int, tuple[str, list[str]]]) -> int | None:
    """The version of ``url`` among ``matching`` with the latest capture (None: no capture has one)."""
    own = [v for v in matching if times[v][0] == url and times[v][1]]
    return max(own, key=lambda v: (max(times[v][1]), v)) if own else None


def _snippets(conn: sqlite3.Connection, expression: str, query: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Version id -> (title, snippet with the matched words marked) for ``ids``."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    snippets = {int(r[0]): (r[1], whole_words(r[2], r[3] or "")) for r in conn.execute(  # snippet() needs the
        # MATCH in its own query
        f"SELECT rowid, title, snippet(search_text, 1, ?, ?, '…', {SNIPPET_WORDS}), body FROM search_text "
        f"WHERE search_text MATCH ? AND rowid IN ({marks})", (MARK[0], MARK[1], expression, *ids))}
    unmarked = [i for i in ids if MARK[0] not in (snippets.get(i, ("", ""))[1] or "")]
    if unmarked:  # found through the spelt-out column only: mark the page's own word in its body
        keys, runs = match_keys(query), match_runs(query)
        for version_id, title, body in conn.execute(
                f"SELECT rowid, title, body FROM search_text WHERE rowid IN ({','.join('?' * len(unmarked))})",
                unmarked):
            own = whole_words(spelt_snippet(body or "", keys, SNIPPET_WORDS, MARK, runs), body or "") or None
            if own is not None:
                snippets[int(version_id)] = (title, own)
    return snippets


GLUE_CHARS = 24  # at most this many characters are added at a cut end (a figure, a word's other part)
_GLUED_BEFORE = re.compile(f"[^\\s{CJK_RANGES}]{{1,{GLUE_CHARS}}}$")
_GLUED_AFTER = re.compile(f"^[^\\s{CJK_RANGES}]{{1,{GLUE_CHARS}}}")
_TRAILING = re.compile(r"[.,;:!?)\]}\"'’”»]+$")  # a sentence's marks after the cut word: not taken


def whole_words(snippet: str | None, body: str) -> str:
    """FTS5's ``snippet`` of ``body`` with the text it cut inside a figure or a word put back: FTS5 cuts
    between its tokens, and ``€4.2``, ``3,500``, ``don't`` or ``e-mail`` are two of them, so a snippet ended
    ``cost €4…`` (a different figure) or began ``…2 billion``. The run of characters glued to the cut end
    (no space between; at most :data:`GLUE_CHARS`; Chinese and Japanese, written without spaces, cut as
    before) is added, a sentence's closing marks left out, and a marked word keeps its mark round the whole
    (``€[4.2]``); ``…`` is dropped where the body then ends. A snippet whose words are not found in ``body`` in
    a row (any spacing between them) is returned as it was. None or "" gives ""."""
    if not snippet or "…" not in snippet:
        return snippet or ""
    head, tail = snippet.startswith("…"), snippet.endswith("…")
    core = snippet[1 if head else 0:len(snippet) - 1 if tail else None]
    plain = core.replace(MARK[0], "").replace(MARK[1], "").split()
    found = re.search(r"\s+".join(map(re.escape, plain)), body) if plain else None  # spacing as the body has it
    if found is None:
        return snippet
    at, end = found.span()
    before = _GLUED_BEFORE.search(body, max(0, at - GLUE_CHARS), at) if head and at > 0 else None  # not the whole body
    after = _GLUED_AFTER.match(body[end:]) if tail else None
    if before is not None:  # a marked word cut keeps its mark round the whole of it: €[4.2], not €4.[2]
        at -= len(before.group())
        glued = before.group()
        outside = re.match(r"\W*", glued).group()  # type: ignore[union-attr]  # a sign or quote: before the mark
        core = (outside + MARK[0] + glued[len(outside):] + core[1:] if core.startswith(MARK[0])
                else glued + core)
    if after is not None:
        glued = after.group()
        kept = glued[:len(glued) - len(m.group())] if (m := _TRAILING.search(glued)) else glued
        end += len(kept)
        core = core[:-1] + kept + MARK[1] if core.endswith(MARK[1]) else core + kept
    return ("…" if head and at > 0 else "") + core + ("…" if tail and body[end:].strip() else "")
