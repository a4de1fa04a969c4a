"""Page metadata that scrapers copy into a stored copy: source lines, bylines, datelines, the page's URL.

A crude scraper or a read-later tool writes lines around the article that are
not on the page as text: "Original url:" and the page's own address, "By AFP",
"January 11, 2022 06:30 GMT UPDATED ...", the section or site name. A stored-only
line is *metadata* when every word of it is a label, a date part, a number, a
joining word, or one of the captured page's metadata values (URL, title, author,
date, section, site name), and it holds at least one value, a date or a label.

The words are data (``archiver/rules/scraper_metadata.json``); this module only
matches them. Pure functions, no I/O beyond loading that file once.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from archiver.diff.normalize import document

RULES_FILE = Path(__file__).resolve().parents[1] / "rules" / "scraper_metadata.json"
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_ISO_DATE = re.compile(r"^\d{4}$|^\d{1,2}$|^\d{1,2}[:.]\d{2}$")


@dataclass(frozen=True)
class Vocabulary:
    """The data file's word lists, as tuples of folded word keys."""

    labels: frozenset[tuple[str, ...]]
    joiners: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    time_words: frozenset[str]
    longest_label: int


def _keys(text: str) -> tuple[str, ...]:
    return tuple(t.fold_key for t in document(text, markdown=False).tokens if t.word)


@lru_cache(maxsize=1)
def vocabulary(path: Path = RULES_FILE) -> Vocabulary:
    """Load ``scraper_metadata.json``; a missing or broken file raises ``ValueError`` naming it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot load {path}: {exc}") from None
    labels = frozenset(k for k in (_keys(x) for x in data.get("labels", [])) if k)
    return Vocabulary(labels=labels,
                      joiners=frozenset(w for x in data.get("joiners", []) for w in _keys(x)),
                      months=frozenset(w for x in data.get("months", []) for w in _keys(x)),
                      weekdays=frozenset(w for x in data.get("weekdays", []) for w in _keys(x)),
                      time_words=frozenset(w for x in data.get("time_words", []) for w in _keys(x)),
                      longest_label=max((len(k) for k in labels), default=1))


def url_identity(url: str) -> str | None:
    """Host without ``www.`` and port, plus the path without a trailing slash, lower-cased; None if no host."""
    url = url.strip().rstrip(".,;:")
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().removeprefix("www.")
    return host + parts.path.rstrip("/").lower()


@dataclass
class PageMetadata:
    """The captured page's metadata values: each field a list of word-key sequences, plus its URLs."""

    values: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    urls: set[str] = field(default_factory=set)  # url_identity() of every URL of the page

    @classmethod
    def from_fields(cls, fields: Mapping[str, Iterable[str | None]], urls: Iterable[str | None] = ()) -> PageMetadata:
        """``fields``: name (title, author, date, section, site_name ...) -> texts; ``urls``: the page's URLs."""
        meta = cls()
        for name, texts in fields.items():
            for text in texts:
                if text:
                    keys = _keys(str(text))
                    if keys and keys not in meta.values.setdefault(name, []):
                        meta.values[name].append(keys)
        for url in urls:
            ident = url_identity(url) if url else None
            if ident:
                meta.urls.add(ident)
        return meta


@dataclass(frozen=True)
class MetadataMatch:
    """Why a line is metadata: the fields it holds (url, title, author, date, label, ...)."""

    fields: tuple[str, ...]

    @property
    def region(self) -> str:
        return "+".join(self.fields)


def _value_at(keys: Sequence[str], i: int, meta: PageMetadata) -> tuple[int, str] | None:
    """The longest metadata value starting at word ``i``: (length, field)."""
    best: tuple[int, str] | None = None
    for name, seqs in meta.values.items():
        for seq in seqs:
            n = len(seq)
            if (best is None or n > best[0]) and tuple(keys[i:i + n]) == seq \
                    and (n > 1 or len(seq[0]) > 2 or not seq[0].isdigit()):
                best = (n, name)
    return best


def _label_at(keys: Sequence[str], i: int, vocab: Vocabulary) -> int:
    for n in range(min(vocab.longest_label, len(keys) - i), 0, -1):
        if tuple(keys[i:i + n]) in vocab.labels:
            return n
    return 0


def match_metadata(text: str, meta: PageMetadata, vocab: Vocabulary | None = None) -> MetadataMatch | None:
    """Is ``text`` (one stored-only line or run) nothing but page metadata? The fields it holds, or None.

    Every word must be a page URL's part, a metadata value, a label, a date or
    time part, a number or a joining word; and the line must hold a URL of the
    page, a value, a month or weekday name, or be labels only. A URL of another
    page makes it no match (a link elsewhere may be content).
    """
    vocab = vocab or vocabulary()
    found: list[str] = []
    rest = text
    for m in _URL.finditer(text):
        ident = url_identity(m.group())
        if ident is None or ident not in meta.urls:
            return None
        found.append("url")
        rest = rest.replace(m.group(), " ")
    keys = list(_keys(rest))
    i, labels_only = 0, True
    while i < len(keys):
        value = _value_at(keys, i, meta)
        n_label = _label_at(keys, i, vocab)
        if value and value[0] >= n_label:
            found.append(value[1])
            i += value[0]
            labels_only = False
            continue
        if n_label:
            found.append("label")
            i += n_label
            continue
        k = keys[i]
        if k in vocab.months or k in vocab.weekdays:
            found.append("date")
        elif not (k.isdigit() or _ISO_DATE.match(k) or k in vocab.time_words or k in vocab.joiners):
            return None
        labels_only = False
        i += 1
    anchors = [f for f in found if f != "label"]
    if not anchors and not (found and labels_only):
        return None
    return MetadataMatch(tuple(dict.fromkeys(found)))
