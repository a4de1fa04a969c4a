"""Where words of a captured page went: into the article, or removed by which rule (``archiver why``).

Reads the latest capture of a URL that has clean text (found as ``archiver history`` finds
a URL: seed or final URL, with or without a trailing slash or scheme; a revisit reads the
capture it refers to), its clean ``.txt`` and its sidecar's page account (``removed``: one
entry per stage, rule and region, one line per block). Words are matched as the account
matches them (:func:`archiver.extraction.account.words`: ``\\w+``, case-folded), accents and marks folded
as ``archiver search`` folds them (:func:`keys`), so
"skip to" finds "Skip to content" and a phrase must occur in one line (one block of the page,
one paragraph of the article).
"""
from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archiver.catalog import Capture, Catalog
from archiver.diff.history import captures_of
from archiver.diff.sources import SourceError, source_from_clean
from archiver.extraction.account import words as account_words
from archiver.output import inside
from archiver.search_query import fold_marks, spelt_out


def words(text: str) -> list[str]:
    """The account's words of ``text`` (:func:`archiver.extraction.account.words`), each Chinese or Japanese
    character a word by itself (:mod:`archiver.cjk`; the account reads them so since 2026-12-06): before
    2026-12-05 ``why URL 2029`` or ``why URL 大桥`` found nothing on a Chinese page. A sidecar written before keeps
    its blocks as text, so it is read the same way."""
    return account_words(text)

@dataclass
class Place:
    """One line holding the words: ``where`` is ``article`` or ``removed`` (then stage, rule, region)."""

    where: str
    line: str
    stage: str | None = None
    rule: str | None = None
    region: str | None = None


@dataclass
class Answer:
    """The places of ``query`` on the latest extracted capture of ``url``.

    ``has_account``: the sidecar says (``page_account``, the account's version, written since
    2026-12-01) that its ``removed`` is the full page account, so words in neither the article
    nor the account are not on the page. Without it (an older sidecar, or an extraction whose
    account failed) the sidecar may list only what rules removed: the answer is hedged.
    ``warc_file``: the capture's WARC file (the record re-extraction reads).
    """

    url: str
    query: str
    capture: Capture
    text_path: Path
    has_account: bool
    places: list[Place] = field(default_factory=list)
    page_account: int = 0
    warc_file: str | None = None
    # not in this capture's article: the latest earlier capture whose article held the words (an edit took
    # them out since) as (capture, its .txt), else None
    earlier: tuple[Capture, Path] | None = None

    @property
    def on_page(self) -> bool:
        return bool(self.places)

    def to_dict(self) -> dict[str, Any]:
        c = self.capture
        return {"url": self.url, "query": self.query, "capture_id": c.id, "fetched_at": c.fetched_at,
                "captured_url": c.final_url or c.url, "text_path": str(self.text_path),
                "has_account": self.has_account, "page_account": self.page_account,
                "on_page": self.on_page if self.has_account or self.places else None,
                "in_article": any(p.where == "article" for p in self.places),
                "places": [asdict(p) for p in self.places],
                "earlier": None if self.earlier is None else {
                    "capture_id": self.earlier[0].id, "fetched_at": self.earlier[0].fetched_at,
                    "text_path": str(self.earlier[1])}}


def latest_extracted(catalog: Catalog, clean: Path, url: str,
                     until: str | None = None) -> tuple[Capture, Path, Path | None] | None:
    """The latest capture of ``url`` with clean text: (capture, its .txt, its sidecar .json or None); with
    ``until`` (ISO 8601 UTC, a date meaning its whole day), the latest one captured up to then.

    A capture redirected to the site's front page, or to another page whose text is not the article's (the
    article taken down or replaced: ``archiver history`` lists it as gone, not as a version), is passed over
    while an earlier capture of the article has text: its text is the other page's. None when no capture of
    the URL has clean text. Raises :class:`SourceError`
    when the catalog points outside ``clean``.
    """
    from archiver.diff.gone import front_page_of

    captures = captures_of(catalog, url)
    if until is not None:
        from archiver.selection import Selection

        upto = Selection(until=until)
        captures = [cap for cap in captures if upto.admits(cap)]
    gone = _replaced(catalog, clean, url, captures)
    article = [cap for cap in captures if front_page_of(cap) is None and cap.id not in gone]
    return _latest_with_text(catalog, clean, article) or _latest_with_text(catalog, clean, captures)


def _replaced(catalog: Catalog, clean: Path, url: str, captures: list[Capture]) -> set[int]:
    """The ids of the captures ``archiver history`` takes for a gone spell because they were redirected to
    another page whose text is not the article's (``CaptureEntry.redirect``); history's numbering is read only
    when some capture was redirected to another page at all."""
    from archiver.diff.gone import redirected_elsewhere
    from archiver.diff.history import number_versions  # (why imports captures_of from it already)

    if not any(redirected_elsewhere(cap) for cap in captures):
        return set()
    return {entry.capture.id for entry in number_versions(catalog, clean, url)[0] if entry.redirect}


def _latest_with_text(catalog: Catalog, clean: Path,
                      captures: list[Capture]) -> tuple[Capture, Path, Path | None] | None:
    for cap in reversed(captures):
        ids = [cap.id] + ([cap.refers_to] if cap.refers_to else [])
        for capture_id in ids:
            row = catalog.conn.execute("SELECT text_path, json_path, error FROM extractions WHERE capture_id = ?",
                                       (capture_id,)).fetchone()
            if row is not None and row["text_path"] and not row["error"]:
                try:
                    return (cap, inside(clean, row["text_path"]),
                            inside(clean, row["json_path"]) if row["json_path"] else None)
                except ValueError as exc:
                    raise SourceError(str(exc)) from None
    return None


FOLDED = True  # False: words compared as the account reads them only (case and ß folded): before nu56


def keys(text: str) -> list[frozenset[str]]:
    """``text``'s words (:func:`words`) as ``why`` compares them, each the set of its spellings: as
    ``archiver search`` folds a word (:mod:`archiver.search_query`), the accents of Latin letters (:func:`_bare`)
    and the optional marks of Greek, Arabic and Hebrew left out (``tomas`` for ``Tomás``, ``الجسر`` for
    ``الجِسْر``: the text is folded before it is split, since a vowel mark splits a ``\\w+`` run), and
    ``ä ö ü æ ø œ å`` spelt out as well (``buergermeisterin`` for ``Bürgermeisterin``). Two words are the same
    when their sets meet. Before nu56 only case and ß were folded: ``why URL Tomas`` said "not on the page" of a
    word in the article that ``archiver search Tomas`` had found."""
    if not FOLDED:
        return [frozenset((w,)) for w in words(text)]
    out = []
    for word in words(fold_marks(text)):
        bare = _bare(word)
        spelt = spelt_out(word)
        out.append(frozenset((word, bare, _bare(spelt))) if spelt else frozenset((word, bare)))
    return out


def _bare(word: str) -> str:
    """``word`` with the combining marks on its ASCII letters left out (NFD, those marks dropped, NFC: ``tomás`` ->
    ``tomas``, ``ệ`` -> ``e``), as FTS5's ``unicode61 remove_diacritics 2`` folds them (SQLite's fts5_unicode2.c:
    a Latin letter with diacritics to its ASCII letter); a mark on any other letter is kept (``мой`` is not
    ``мои``, ``バス`` not ``ハス``, ``ऱ`` not ``र``: search tells them apart; the optional marks of Greek, Arabic
    and Hebrew are :func:`fold_marks`'s). Before mend56 every mark of every script was dropped, and ``why`` said
    the words were in the article where ``search`` found none. Checked against FTS5 on every letter: it differs
    only on ``ǡ`` (a with two marks, kept by FTS5)."""
    if word.isascii():
        return word
    out, after_ascii = [], False
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            if after_ascii:
                continue
        else:
            after_ascii = ch.isascii() and ch.isalpha()
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _holds(line_words: list[frozenset[str]], needle: list[frozenset[str]]) -> bool:
    n = len(needle)
    return any(all(line_words[i + k] & needle[k] for k in range(n)) for i in range(len(line_words) - n + 1))


def find_places(query: str, text: str, removed: list[dict[str, Any]]) -> list[Place]:
    """Each line of the clean ``text`` and of the account's ``removed`` entries holding ``query``'s
    words in a row, article lines first, then removed ones in the account's (document) order.

    ``removed``: the sidecar's list of {"stage", "rule", "text", "region"?}. Raises ValueError
    when ``query`` has no words."""
    needle = keys(query)
    if not needle:
        raise ValueError(f"{query!r} has no words to look for")
    out = [Place("article", line) for line in text.splitlines() if _holds(keys(line), needle)]
    for entry in removed:
        for line in str(entry.get("text") or "").splitlines():
            if _holds(keys(line), needle):
                out.append(Place("removed", line, entry.get("stage"), entry.get("rule"), entry.get("region")))
    return out


def why(catalog: Catalog, clean: Path, url: str, query: str, until: str | None = None) -> Answer | None:
    """Where ``query`` is on the latest extracted capture of ``url`` (up to ``until``, see
    :func:`latest_extracted`); None when it has none.

    Raises :class:`SourceError` (catalog pointing outside ``clean``, clean file unreadable) and
    ValueError (``query`` without words)."""
    found = latest_extracted(catalog, Path(clean), url, until)
    if found is None:
        return None
    cap, text_path, json_path = found
    source = source_from_clean(text_path, json_path)
    marker = source.sidecar.get("page_account")
    version = marker if isinstance(marker, int) and not isinstance(marker, bool) else 0
    answer = Answer(url, query, cap, text_path, version >= 1, page_account=version,
                    warc_file=source.sidecar.get("warc_file") or cap.warc_file)
    answer.places = find_places(query, source.read(), source.removed)
    if not any(p.where == "article" for p in answer.places):
        answer.earlier = _earlier_article(catalog, Path(clean), url, cap, keys(query))
    return answer


def _earlier_article(catalog: Catalog, clean: Path, url: str, latest: Capture,
                     needle: list[frozenset[str]]) -> tuple[Capture, Path] | None:
    """The latest capture before ``latest`` whose clean text holds ``needle`` in a line (each distinct
    text read once), else None: words an edit took out of the article since."""
    from archiver.diff.gone import front_page_of

    seen: set[str] = set()
    captures = captures_of(catalog, url)
    gone = _replaced(catalog, clean, url, captures)
    for cap in reversed([c for c in captures if c.id < latest.id and front_page_of(c) is None and c.id not in gone]):
        row = catalog.conn.execute("SELECT text_path, error FROM extractions WHERE capture_id = ?",
                                   (cap.refers_to or cap.id,)).fetchone()
        if row is None or not row["text_path"] or row["error"] or row["text_path"] in seen:
            continue
        seen.add(row["text_path"])
        try:
            path = inside(clean, row["text_path"])
            text = path.read_text(encoding="utf-8")
        except (ValueError, OSError):
            continue
        if any(_holds(keys(line), needle) for line in text.splitlines()):
            return cap, path
    return None
