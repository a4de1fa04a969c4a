"""The page account: every text block of the page that is not in the article, and why.

Built from the page's inventory (``inventory.py``, taken when the page was
parsed) once the other stages have run. Each block is looked up, in
document order:

1. in an element the DOM stage removed: stage ``dom``, that rule;
2. in the article (title and paragraphs): not listed;
3. in a paragraph the paragraph rules removed: stage ``paragraph``, that rule;
4. in the article, but that article text was already matched by an earlier
   block (a headline repeated in a teaser, a pull quote): stage
   ``duplicate``, rule ``article-text``, with its region;
5. anything else trafilatura left out: stage ``extractor``, rule
   ``not-main-content``, with the region it stood in (``regions.py``).

Matching is by words (``\\w+``, case-folded, NFC), not bytes: trafilatura
rewrites whitespace, list markers and table cells. The article is one word
stream; a block of four or more words may match anywhere in it, a shorter
one only where the previous match ended (or a few words later), so a menu
item "News" is not taken for the word "news" in the body. Each stretch of
article is matched once. Blocks that do not match whole are tried piece by
piece (a paragraph whose inline ``<time>`` trafilatura dropped).

Consecutive blocks with the same stage, rule and region are one entry, their
texts one line each. Words of blocks with no words (``|``, ``»``) are none,
and such blocks are not listed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

from .inventory import Block, Inventory
from .model import Removed
from .regions import Regions, region_rules

__all__ = ["build_account", "words", "merge", "EXTRACTOR_RULE", "DUPLICATE_RULE", "LONG_BLOCK"]

EXTRACTOR_RULE = "not-main-content"
DUPLICATE_RULE = "article-text"
LONG_BLOCK = 4       # words: a block this long may match the article anywhere
SHORT_GAP = 48       # characters of article a short block may skip past the last match
_WORD = re.compile(r"\w+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def words(text: str) -> list[str]:
    """The words of ``text`` as the account and its coverage check count them:
    ``\\w+`` runs of the NFC, case-folded text, soft hyphens and zero-width characters dropped,
    HTML entities left in the text decoded (``a&amp;nbsp;b`` in the source: trafilatura gives "a b")."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return _WORD.findall(text.casefold())


def _needle(text: str) -> str:
    w = words(text)
    return f" {' '.join(w)} " if w else ""


class _Article:
    """The article as one word stream, each stretch matched at most once."""

    __slots__ = ("stream", "vocab", "used", "pos")

    def __init__(self, texts: Iterable[str]) -> None:
        all_words: list[str] = []
        for text in texts:
            all_words += words(text)
        self.stream = f" {' '.join(all_words)} "
        self.vocab = frozenset(all_words)
        self.used = bytearray(len(self.stream))
        self.pos = 0  # where the last match ended (its closing space)

    def take(self, needle: str, n: int) -> str:
        """"article" when the needle (``n`` words) matches a fresh stretch (which is then used),
        "duplicate" when it only matches used ones, "" when it is not article text."""
        if not self.vocab.issuperset(needle[1:-1].split(" ")):
            return ""
        stream, used, pos = self.stream, self.used, self.pos
        size = len(needle)
        if n < LONG_BLOCK:
            at = stream.find(needle, pos, pos + SHORT_GAP + size)
            if at >= 0 and used.find(1, at + 1, at + size - 1) < 0:
                self._use(at, size)
                return "article"
            return ""
        seen = False
        for start in (pos, 0):
            at = stream.find(needle, start)
            while at >= 0 and (start == pos or at < pos):
                if used.find(1, at + 1, at + size - 1) < 0:
                    self._use(at, size)
                    return "article"
                seen = True
                at = stream.find(needle, at + 1)
        return "duplicate" if seen else ""

    def _use(self, at: int, size: int) -> None:
        self.used[at + 1:at + size - 1] = b"\x01" * (size - 2)
        self.pos = at + size - 1


class _Paragraphs:
    """The paragraphs the paragraph rules removed, as word streams, each placed once."""

    __slots__ = ("records", "needles", "placed")

    def __init__(self, records: Sequence[Removed]) -> None:
        self.records = list(records)
        self.needles = [_needle(r.text) for r in self.records]
        self.placed = [False] * len(self.records)

    def find(self, needle: str) -> tuple[int, str] | None:
        """(index, the block's needle with that record's words taken out) of a record the block is
        part of ("" left), or holds whole (what is left is then article text the record was cut from)."""
        for i, rec in enumerate(self.needles):
            if rec:
                if needle in rec:
                    return i, ""
                if rec in needle:
                    return i, needle.replace(rec, " ", 1)
        return None

    def rest(self) -> list[Removed]:
        return [r for r, done in zip(self.records, self.placed) if not done]


def merge(entries: Iterable[Removed]) -> list[Removed]:
    """Join consecutive entries with the same stage, rule and region (texts one per line)."""
    out: list[Removed] = []
    for e in entries:
        if out:
            last = out[-1]
            if last.stage == e.stage and last.rule == e.rule and last.region == e.region:
                out[-1] = Removed(last.rule, last.stage, f"{last.text}\n{e.text}", last.region)
                continue
        out.append(e)
    return out


def build_account(inventory: Inventory, article: Sequence[str], *, dropped: Sequence[tuple] = (),
                  paragraph_removed: Sequence[Removed] = (), standfirst: str | None = None) -> list[Removed]:
    """The page's removed blocks in document order (see the module docstring).

    ``article`` is the clean text's lines (title first, then paragraphs);
    ``dropped`` the ``(element, rule name)`` pairs the DOM stage removed;
    ``paragraph_removed`` what the paragraph rules removed (placed where their
    text stood; any not found on the page come last); ``standfirst`` the
    standfirst put back into the article, if any (its block may sit in an
    element the DOM stage removed).
    """
    drop_of: dict = {}
    for el, rule in dropped:
        for node in el.iter():
            drop_of[node] = rule
    stream = _Article(article)
    paragraphs = _Paragraphs(paragraph_removed)
    regions = Regions(region_rules(), inventory.parent_of, inventory.article)
    lead = _needle(standfirst) if standfirst else ""
    out: list[Removed] = []
    for block in inventory.blocks:
        for rule, pieces in _runs(block, drop_of):
            if rule is not None:
                text = _text(pieces)
                if lead and (needle := _needle(_glued(pieces))) in lead \
                        and stream.take(needle, 2 * LONG_BLOCK) == "article":
                    continue
                if text:
                    out.append(Removed(rule, "dom", text))
                continue
            _place(pieces, stream, paragraphs, regions, out)
    out.extend(paragraphs.rest())
    return merge(out)


def _text(pieces: list) -> str:
    """How a removed run reads: its text nodes end to end (as ``text_content()`` and crude scrapers
    give it: ``<a>Home</a><a>News</a>`` is "HomeNews"), whitespace collapsed."""
    return " ".join("".join(t for _, t in pieces).split())


def _glued(pieces: list) -> str:
    """The run's text as trafilatura joins it (text nodes end to end), to look it up in the article."""
    return "".join(t for _, t in pieces)


def _runs(block: Block, drop_of: dict) -> list[tuple]:
    """The block's pieces in runs of the same DOM rule (None: not removed by the DOM stage)."""
    pieces = block.pieces
    if not drop_of:
        return [(None, pieces)]
    runs: list[tuple] = []
    for piece in pieces:
        rule = drop_of.get(piece[0])
        if runs and runs[-1][0] == rule:
            runs[-1][1].append(piece)
        else:
            runs.append((rule, [piece]))
    return runs


def _place(pieces: list, stream: _Article, paragraphs: _Paragraphs, regions: Regions,
           out: list[Removed], split: bool = True) -> None:
    """Account for one run of pieces the DOM stage left on the page."""
    needle = _needle(_glued(pieces))
    if not needle:
        return
    text = _text(pieces)
    n = needle.count(" ") - 1
    found = stream.take(needle, n)
    if found == "article":
        return
    hit = paragraphs.find(needle) if paragraphs.records else None
    if hit is not None:
        i, rest = hit
        if not rest:  # the block is (part of) a removed paragraph
            paragraphs.placed[i] = True
            out.append(Removed(paragraphs.records[i].rule, "paragraph", text))
            return
        if rest == " " or stream.take(rest, rest.count(" ") - 1) == "article":
            if not paragraphs.placed[i]:  # the paragraph, and the article text it was cut from
                out.append(paragraphs.records[i])
                paragraphs.placed[i] = True
            return
    if found == "duplicate":
        out.append(Removed(DUPLICATE_RULE, "duplicate", text, regions.of(pieces[0][0])))
        return
    if split and len(pieces) > 1 and sum(1 for t in pieces if t[1].strip()) > 1:
        # trafilatura may drop an inline element (<time>, <button>, <label>) from a kept paragraph
        mark = len(out)
        for piece in pieces:
            _place([piece], stream, paragraphs, regions, out, split=False)
        if len(out) - mark < sum(1 for t in pieces if t[1].strip()):
            return  # some pieces were article text
        del out[mark:]
    out.append(Removed(EXTRACTOR_RULE, "extractor", text, regions.of(pieces[0][0])))
