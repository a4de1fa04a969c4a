"""Every word a reader or a crude scraper could take from a captured page, searchable by word sequence.

A stored copy made by another tool holds words the clean text lacks: widget
labels, image ``alt`` text, captions, bars, comment forms, the page's own URL.
The diff looks such word runs up on the capture the clean file came from. This
module turns the captured HTML into one token stream: element text in document
order (inline elements joined as a browser shows them, block elements on lines
of their own; where one element's text ends in a lower-case letter or a full stop and
the next one's starts with a capital, as a label beside its link in minified markup,
"<span>Breaking News</span><a>Troops leave</a>", the two are two words: the page's
stylesheet sets them apart and a scraper copies them apart), image ``alt``,
``aria-label`` and ``title`` attributes, control values, ``<noscript>`` text, ``<template>`` text
(a declarative shadow root the browser shows, an AMP form's message shown on submit, a
client-side template's label: region ``template``), and
the page's metadata (``<title>``, ``<meta>`` descriptions, canonical and ``og:url``
links, JSON-LD strings). Each piece keeps the region it stood in (the nearest
landmark: header, navigation, aside, footer, figure, form ...), so a match can be named.

Pure functions: HTML text in, :class:`PageText` out; no I/O.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from archiver.diff.normalize import Token, document

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br button caption dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr html label legend li main nav noscript ol option p pre "
    "section select summary table tbody td tfoot th thead title tr ul".split())
SKIP_TAGS = frozenset("script style head embed iframe canvas".split())
# landmark elements and ARIA roles -> the region a piece of text stood in
LANDMARK_TAGS = {"header": "header", "nav": "navigation", "aside": "aside", "footer": "footer",
                 "figure": "figure", "figcaption": "figure", "form": "form", "noscript": "noscript",
                 "dialog": "dialog", "address": "address", "template": "template"}
LANDMARK_ROLES = {"banner": "header", "navigation": "navigation", "complementary": "aside",
                  "contentinfo": "footer", "search": "form", "form": "form", "dialog": "dialog",
                  "alert": "banner", "marquee": "banner", "status": "banner", "figure": "figure",
                  "menu": "navigation", "menubar": "navigation", "tablist": "navigation"}
TEXT_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
META_NAMES = frozenset({"description", "author", "keywords", "news_keywords", "byl", "dc.title", "dc.creator",
                        "twitter:title", "twitter:description", "sailthru.author", "parsely-author"})
META_LINKS = frozenset({"canonical", "shortlink", "amphtml"})


@dataclass(frozen=True)
class Piece:
    """One run of page text and where it stood."""

    text: str
    region: str  # a landmark (header, navigation, figure ...) or "page"
    kind: str    # text | alt | aria-label | title | placeholder | value | metadata


@dataclass
class PageText:
    """The page's words in document order, with the piece each came from.

    ``keys`` are case-folded token keys of the words (as ``Token.fold_key``);
    ``origin[i]`` is the index in ``pieces`` of word ``i``.
    """

    pieces: list[Piece] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    _joined: str | None = None
    _starts: dict[int, int] = field(default_factory=dict)
    _glued: dict[str, tuple[str, str]] | None = None

    SEP = "\x1f"

    @property
    def joined(self) -> str:
        if self._joined is None:
            parts = [self.SEP]
            pos = 1
            for i, k in enumerate(self.keys):
                self._starts[pos] = i
                parts.append(k + self.SEP)
                pos += len(k) + 1
            self._joined = "".join(parts)
        return self._joined

    def find(self, words: Sequence[str]) -> list[int]:
        """Word indexes where the word sequence ``words`` (folded keys) starts, in page order."""
        if not words:
            return []
        hay = self.joined
        needle = self.SEP + self.SEP.join(words) + self.SEP
        out = []
        at = hay.find(needle)
        while at != -1:
            out.append(self._starts[at + 1])
            at = hay.find(needle, at + 1)
        return out

    def split_glued(self, word: str) -> tuple[str, ...]:
        """``word`` as the two page words a scraper glued together ("TokayevImage" from "Tokayev"
        closing a caption and "Image" opening its credit), when the page has no such word itself;
        else ``(word,)``."""
        if self._glued is None:
            vocab = set(self.keys)
            self._glued = {}
            for a, b in zip(self.keys, self.keys[1:], strict=False):
                joined = a + b
                if joined not in vocab:
                    self._glued.setdefault(joined, (a, b))
        return self._glued.get(word, (word,))

    def region_at(self, word: int) -> Piece:
        return self.pieces[self.origin[word]]

    def __len__(self) -> int:
        return len(self.keys)


def _join_chunks(chunks: Sequence[str]) -> str:
    """The text of adjacent inline pieces: glued, but a lower-case letter (or a full stop) closing
    one piece and a capital opening the next are two words (see the module docstring)."""
    out: list[str] = []
    for chunk in chunks:
        if out and chunk[:1].isupper() and out[-1] and (out[-1][-1].islower() or out[-1][-1] in ".!?:;"):
            out.append(" ")
        out.append(chunk)
    return "".join(out)


def _landmark(el: Any) -> str | None:
    role = (el.get("role") or "").strip().lower()
    if role in LANDMARK_ROLES:
        return LANDMARK_ROLES[role]
    return LANDMARK_TAGS.get(el.tag if isinstance(el.tag, str) else "")


class _Collector:
    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.buffer: list[str] = []
        self.regions: list[str] = []

    @property
    def region(self) -> str:
        return self.regions[-1] if self.regions else "page"

    def flush(self) -> None:
        text = " ".join(_join_chunks(self.buffer).split())
        self.buffer.clear()
        if text:
            self.pieces.append(Piece(text, self.region, "text"))

    def add(self, text: str | None, kind: str, region: str | None = None) -> None:
        text = " ".join((text or "").split())
        if text:
            self.flush()
            self.pieces.append(Piece(text, region or self.region, kind))


def _metadata(root: Any, out: _Collector) -> None:
    """``<title>``, descriptive ``<meta>`` values, canonical links and JSON-LD strings."""
    for el in root.iter("title", "meta", "link", "script"):
        tag = el.tag
        if tag == "title":
            if el.getparent() is not None and el.getparent().tag == "svg":
                continue  # an icon's label, read with the body
            out.add(el.text_content(), "metadata", "metadata")
        elif tag == "meta":
            name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
            if name in META_NAMES or name.startswith(("og:", "article:")):
                out.add(el.get("content"), "metadata", "metadata")
        elif tag == "link":
            if set((el.get("rel") or "").lower().split()) & META_LINKS:
                out.add(el.get("href"), "metadata", "metadata")
        elif (el.get("type") or "").lower() == "application/ld+json":
            try:
                data = json.loads(el.text or "")
            except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
                continue
            for value in _strings(data):
                out.add(value, "metadata", "metadata")


def _strings(data: Any, depth: int = 0) -> Iterator[str]:
    if depth > 12:
        return
    if isinstance(data, str):
        if not data.startswith(("http://schema.org", "https://schema.org")) and len(data) < 2000:
            yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("@context", "@type", "@id"):
                yield from _strings(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, depth + 1)


def page_pieces(root: Any) -> list[Piece]:
    """The text pieces of a parsed page (lxml.html tree), metadata first, then the body in document order."""
    out = _Collector()
    _metadata(root, out)
    out.flush()
    body = root.find("body")
    if body is None:
        body = root
    walker = etree.iterwalk(body, events=("start", "end"))
    skipped: set[Any] = set()  # the elements themselves: holding them keeps lxml from reusing their proxies
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None or tag in SKIP_TAGS:
                if tag is not None and (el.get("aria-label") or el.get("title")):
                    out.add(el.get("aria-label") or el.get("title"), "aria-label")
                skipped.add(el)
                walker.skip_subtree()
                continue
            mark = _landmark(el)
            if mark:
                out.flush()
                out.regions.append(mark)
            elif tag in BLOCK_TAGS:
                out.flush()
            for attr in TEXT_ATTRIBUTES:
                value = el.get(attr)
                if value and not (attr == "title" and value.strip() == (el.text or "").strip()):
                    out.add(value, "alt" if attr == "alt" else attr)
            if tag == "input" and (el.get("type") or "").lower() in ("submit", "button", "reset"):
                out.add(el.get("value"), "value")
            if el.text:
                out.buffer.append(el.text)
        else:
            if el not in skipped:
                if tag in BLOCK_TAGS or _landmark(el):
                    out.flush()
                if _landmark(el) and out.regions:
                    out.regions.pop()
            if el is not body and el.tail:
                out.buffer.append(el.tail)
    out.flush()
    return out.pieces


def page_text(root: Any) -> PageText:
    """Tokenise a parsed page into a :class:`PageText` (tokens as :func:`archiver.diff.normalize.document`)."""
    pieces = page_pieces(root)
    result = PageText(pieces)
    for n, piece in enumerate(pieces):
        for token in document(piece.text, markdown=False).tokens:
            if token.word:
                result.keys.append(token.fold_key)
                result.origin.append(n)
    return result


def html_page_text(html: str) -> PageText | None:
    """:func:`page_text` of an HTML string; None when it cannot be parsed. A page saved with its
    frames inlined is read as extraction reads it: the framed article in its frame's place
    (``archiver.extraction.srcdoc``: a ``srcdoc``, or a ``data:`` URI in the frame's ``src``)."""
    from archiver.extraction.dom import ParseError, parse

    try:
        root = parse(html)
        if "srcdoc" in html or "data:text/html" in html or "data:application/xhtml" in html:
            from archiver.extraction.srcdoc import inline_framed_page

            inline_framed_page(root)
        return page_text(root)
    except (ParseError, RecursionError, ValueError):
        return None


def word_keys(tokens: Sequence[Token]) -> list[str]:
    return [t.fold_key for t in tokens if t.word]
