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

Matching is by words (``\\w+``, case-folded, NFC; each Chinese or Japanese character a word of
its own, :mod:`archiver.cjk`), not bytes: trafilatura
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
from itertools import repeat

from archiver.cjk import WORD as _CJK_WORD
from archiver.cjk import has_cjk

from .inventory import Inventory
from .model import Removed
from .regions import Regions, region_rules

# Version of the page account a sidecar's ``removed`` holds (its ``page_account`` field): 1, every
# block of the page not in the article, with its stage and rule (2026-12-01). A sidecar without the
# field lists only what rules removed, or comes from before the field was written.
ACCOUNT_VERSION = 1

__all__ = ["build_account", "words", "merge", "EXTRACTOR_RULE", "DUPLICATE_RULE", "LONG_BLOCK"]

EXTRACTOR_RULE = "not-main-content"
DUPLICATE_RULE = "article-text"
LONG_BLOCK = 4       # words: a block this long may match the article anywhere
SHORT_GAP = 48       # characters of article a short block may skip past the last match
SPLIT_SHARE = 0.7    # a block mostly of article words is tried piece by piece
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# ASCII text: ``\w`` is [A-Za-z0-9_]; every other byte becomes a space and letters lower case, so
# ``split()`` gives what ``re.findall(r"\w+", text.lower())`` gives, in a third less time
_ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 or c == 95 else 32
                     for c in range(256))


def _ascii_words(text: str) -> list[str]:
    r"""``re.findall(r"\w+", text.lower())`` for an ASCII ``text`` (no Chinese or Japanese in it)."""
    return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()


# Mostly-ASCII text: the same table on its UTF-8 bytes, bytes of other characters kept, so ASCII
# punctuation and every whitespace character split it into tokens; a token with other characters
# is then normalised on its own. Safe because nothing composes across those separators (of ASCII
# non-word characters only ``<``, ``=``, ``>`` compose, with U+0338, into non-word signs) and, with
# no combining mark of U+0300-U+036F in the text, no ASCII letter composes with anything, so
# lower-casing it first changes nothing. (With such marks it changes how six letters compose,
# ``j`` + caron has a composed form and ``J`` + caron none, though case folding then decomposes
# it again; text with those marks takes the plain way all the same.)
_ASCII_WORDS_KEEP = bytes(c if c >= 128 else _ASCII_WORDS[c] for c in range(256))
_LATIN_MARKS = re.compile("[\u0300-\u036f]")


def _regex_words(text: str) -> list[str]:
    return _CJK_WORD.findall(unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).casefold())


def words(text: str) -> list[str]:
    """The words of ``text`` as the account and its coverage check count them:
    ``\\w+`` runs of the NFC, case-folded text, soft hyphens and zero-width characters dropped,
    HTML entities left in the text decoded (``a&amp;nbsp;b`` in the source: trafilatura gives "a b"),
    each Chinese or Japanese character a word by itself (:data:`archiver.cjk.WORD`: ``大桥预计于2029年``
    is ``大 桥 预 计 于 2029 年``, as the diff, the watch's judge and ``why`` read it; before 2026-12-06 the
    account read a run of them up to a punctuation mark as one word).

    Mostly-ASCII text takes a faster way to the same list (checked against the plain definition on
    every block of the benchmark pages and on random strings of awkward characters)."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return _ascii_words(text)
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate (never from lxml) stays a character
    if (len(raw) - len(text)) * 4 > len(text) or _LATIN_MARKS.search(text):
        return _regex_words(text)  # much other script, or combining marks: the plain definition
    found: list[str] = []
    add = found.append
    for token in raw.translate(_ASCII_WORDS_KEEP).decode("utf-8", "surrogatepass").split():
        if token.isascii():
            add(token)
        elif token.isalnum():  # one word: no mark, no punctuation, no invisible character in it
            word = unicodedata.normalize("NFC", token).casefold()
            if word.isalnum() and not has_cjk(word):
                add(word)
            else:  # case folding gave a mark (capital I with dot above), or Chinese or Japanese characters
                found += _CJK_WORD.findall(word)
        else:
            found += _regex_words(token)
    return found


def _needle(found: list[str]) -> str:
    return f" {' '.join(found)} " if found else ""


class _Article:
    """The article as one word stream, each stretch matched at most once.

    ``line_words`` maps each article line to its words: a block whose text (whitespace
    collapsed) is a whole line, the common case, needs no word split of its own.
    """

    __slots__ = ("stream", "vocab", "used", "pos", "line_words")

    def __init__(self, texts: Iterable[str]) -> None:
        line_words: dict[str, list[str]] = {}
        all_words: list[str] = []
        for text in texts:  # in order, repeated lines included
            found = line_words.get(text)
            if found is None:
                found = line_words[text] = words(text)
            all_words += found
        self.line_words = line_words
        self.stream = f" {' '.join(all_words)} "
        self.vocab = frozenset(all_words)
        self.used = bytearray(len(self.stream))
        self.pos = 0  # where the last match ended (its closing space)

    def take(self, found: list[str], needle: str) -> str:
        """"article" when the block's words (``needle``: joined, space on each side) match a
        fresh stretch, which is then used; "duplicate" when they only match used ones; else ""."""
        if not self.vocab.issuperset(found):
            return ""
        return self.take_known(found, needle)

    def take_known(self, found: list[str], needle: str) -> str:
        """:meth:`take` for words already known to be all in the article's vocabulary."""
        stream, used, pos = self.stream, self.used, self.pos
        size = len(needle)
        if len(found) < LONG_BLOCK:
            at = stream.find(needle, pos, pos + SHORT_GAP + size)
            if at >= 0 and used.find(1, at + 1, at + size - 1) < 0:
                self._use(at, size)
                return "article"
            return ""
        seen = False
        for start in ((pos, 0) if pos else (0,)):
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
        self.needles = [_needle(words(r.text)) for r in self.records]
        self.placed = [False] * len(self.records)

    def find(self, needle: str) -> tuple[int, str] | None:
        """(index, the block's needle with that record's words taken out) of a record the block is
        part of ("" left), or holds whole (what is left is then article text the record was cut from)."""
        long = needle.count(" ") > LONG_BLOCK  # a short block ("Forum") is no evidence of a long record
        for i, rec in enumerate(self.needles):
            if rec:
                if needle == rec or (long and needle in rec):
                    return i, ""
                if rec in needle:
                    return i, needle.replace(rec, " ", 1)
        return None

    def rest(self) -> list[Removed]:
        return [r for r, done in zip(self.records, self.placed, strict=True) if not done]


def merge(entries: Iterable[Removed]) -> list[Removed]:
    """Join consecutive entries with the same stage, rule and region (texts one per line)."""
    out: list[Removed] = []
    lines: list[list[str]] = []
    for e in entries:
        if out:
            last = out[-1]
            if last.stage == e.stage and last.rule == e.rule and last.region == e.region:
                lines[-1].append(e.text)
                continue
        out.append(e)
        lines.append([e.text])
    return [e if len(texts) == 1 else Removed(e.rule, e.stage, "\n".join(texts), e.region)
            for e, texts in zip(out, lines, strict=True)]


class _Account:
    """The entries found so far, consecutive ones with the same stage, rule and region joined."""

    __slots__ = ("keys", "texts")

    def __init__(self) -> None:
        self.keys: list[tuple[str, str, str]] = []
        self.texts: list[list[str]] = []

    def add(self, stage: str, rule: str, text: str, region: str = "") -> None:
        key = (stage, rule, region)
        if self.keys and self.keys[-1] == key:
            self.texts[-1].append(text)
        else:
            self.keys.append(key)
            self.texts.append([text])

    def extend(self, other: _Account) -> None:
        for (stage, rule, region), texts in zip(other.keys, other.texts, strict=True):
            for text in texts:
                self.add(stage, rule, text, region)

    def entries(self) -> list[Removed]:
        return [Removed(rule, stage, "\n".join(texts), region)
                for (stage, rule, region), texts in zip(self.keys, self.texts, strict=True)]


def build_account(inventory: Inventory, article: Sequence[str], *, dropped: Sequence[tuple] = (),
                  paragraph_removed: Sequence[Removed] = (), put_back: Sequence[str] = ()) -> list[Removed]:
    """The page's removed blocks in document order (see the module docstring).

    ``article`` is the clean text's lines (title first, then paragraphs);
    ``dropped`` the ``(element, rule name)`` pairs the DOM stage removed;
    ``paragraph_removed`` what the paragraph rules removed (placed where their
    text stood; any not found on the page come last); ``put_back`` the
    paragraphs later stages put back into the article (a standfirst, a
    correction note), whose blocks may sit in elements the DOM stage removed.
    """
    drop_of: dict = {}
    for el, rule in dropped:
        drop_of.update(zip(el.iter(), repeat(rule)))  # no dict per element removed
    stream = _Article(article)
    paragraphs = _Paragraphs(paragraph_removed)
    regions = Regions(region_rules(), inventory.article)
    lead = "\n".join(_needle(words(text)) for text in put_back)
    out = _Account()
    get = drop_of.get
    vocab, line_words = stream.vocab, stream.line_words
    take, add, region_of, records = stream.take_known, out.add, regions.of, bool(paragraphs.records)
    for block in inventory.blocks:
        if drop_of:
            if len(block) == 1:
                rule = get(block[0][0])
                if rule is not None:
                    if lead:
                        _place_dropped(block, [rule], stream, paragraphs, regions, out, lead)
                    else:
                        text = " ".join(block[0][1].split())
                        if text:
                            add("dom", rule, text)
                    continue
            else:
                rules = [get(piece[0]) for piece in block]
                first = rules[0]
                if first is not None and not lead and rules.count(first) == len(rules):
                    text = " ".join("".join([piece[1] for piece in block]).split())  # all gone with one element
                    if text:
                        add("dom", first, text)
                    continue
                if any(rules):
                    _place_dropped(block, rules, stream, paragraphs, regions, out, lead)
                    continue
        # the common case inline: one block, left on the page by the DOM stage
        glued = block[0][1] if len(block) == 1 else "".join([piece[1] for piece in block])
        text = " ".join(glued.split())
        found = line_words.get(text)  # the same words as ``glued``'s: only whitespace differs
        if found is None:
            found = _ascii_words(glued) if glued.isascii() and "&" not in glued else words(glued)
        if not found:
            continue
        match = take(found, f" {' '.join(found)} ") if vocab.issuperset(found) else ""
        if match == "article":
            continue
        if match or records or (len(block) > 1 and len(found) >= LONG_BLOCK):
            _place(block, stream, paragraphs, regions, out, glued=glued, found=found, match=match, text=text)
        else:  # what _place would find: nothing else to look it up in, trafilatura left it out
            add("extractor", EXTRACTOR_RULE, text, region_of(block[0][0], block[0][2]))
    entries = out.entries()
    entries.extend(paragraphs.rest())
    return entries


def _place_dropped(block: list, rules: list, stream: _Article, paragraphs: _Paragraphs, regions: Regions,
                   out: _Account, lead: str) -> None:
    """A block some or all of whose pieces went with elements the DOM stage removed."""
    for rule, pieces in _runs(block, rules):
        if rule is None:
            _place(pieces, stream, paragraphs, regions, out)
            continue
        glued = "".join([piece[1] for piece in pieces])
        if lead:  # a standfirst or note, put back into the article from an element the DOM stage removed
            found = words(glued)
            needle = _needle(found)
            if needle and needle in lead and stream.take(found, needle) == "article":
                continue
        text = " ".join(glued.split())
        if text:
            out.add("dom", rule, text)


def _runs(block: list, rules: list) -> list[tuple]:
    """The block's pieces in runs of the same DOM rule (None: not removed by the DOM stage)."""
    runs: list[tuple] = []
    for piece, rule in zip(block, rules, strict=True):
        if runs and runs[-1][0] == rule:
            runs[-1][1].append(piece)
        else:
            runs.append((rule, [piece]))
    return runs


def _place(pieces: list, stream: _Article, paragraphs: _Paragraphs, regions: Regions,
           out: _Account, split: bool = True, glued: str | None = None, found: list[str] | None = None,
           match: str = "", text: str | None = None) -> bool:
    """Account for one run of pieces the DOM stage left on the page; True if some of it is article text.

    Its text reads as ``text_content()`` (and crude scrapers) give it: the text
    nodes end to end, whitespace collapsed; trafilatura joins them the same way.
    """
    if found is None or glued is None:  # else: the caller has looked it up (``match``): not fresh article text
        glued = pieces[0][1] if len(pieces) == 1 else "".join([piece[1] for piece in pieces])
        found = words(glued)
        if not found:
            return False
        needle = _needle(found)
        match = stream.take(found, needle)
        if match == "article":
            return True
    else:
        needle = ""  # made only when there are removed paragraphs to look it up in
    if text is None:
        text = " ".join(glued.split())
    hit = paragraphs.find(needle or _needle(found)) if paragraphs.records else None
    if hit is not None:
        i, rest = hit
        if not rest:  # the block is (part of) a removed paragraph
            paragraphs.placed[i] = True
            out.add("paragraph", paragraphs.records[i].rule, text)
            return False
        if rest == " " or stream.take(rest.split(), rest) == "article":
            if not paragraphs.placed[i]:  # the paragraph, and the article text it was cut from
                record = paragraphs.records[i]
                out.add("paragraph", record.rule, record.text)
                paragraphs.placed[i] = True
            return True
    if match == "duplicate":
        out.add("duplicate", DUPLICATE_RULE, text, regions.of(pieces[0][0], pieces[0][2]))
        return False
    if split and len(pieces) > 1 and len(found) >= LONG_BLOCK \
            and len(stream.vocab.intersection(found)) >= SPLIT_SHARE * len(set(found)):
        # trafilatura may drop an inline element (<time>, <button>, <label>) from a kept paragraph
        parts = _Account()
        partly = False
        for piece in pieces:
            if not piece[1].isspace():
                partly |= _place([piece], stream, paragraphs, regions, parts, split=False)
        if partly:
            out.extend(parts)
            return True
    out.add("extractor", EXTRACTOR_RULE, text, regions.of(pieces[0][0], pieces[0][2]))
    return False
