"""Why words are in the stored copy and not in the clean text: the evidence a capture gives.

A run of words only the OLD side has is looked up, in this order:

1. in the capture's ``removed`` blocks (the sidecar's account of every text block
   left out of the article), named with the block's rule or region;
2. on the captured page itself (:mod:`archiver.diff.page`: element text, ``alt``,
   ``aria-label``, ``title``, metadata), when it occurs there more often than in
   the clean text, so outside the article; named ``on-page`` with its region;
3. among the page's metadata that scrapers copy (:mod:`archiver.diff.metadata`):
   its URL, title, byline, date, section, site name and labels such as
   "Original url:";
4. by the extractor's paragraph rules (``archiver.extraction.classify_text``): a
   paragraph they match is removed from any page, so its absence is no edit.

What none of these explains is content removed since the stored copy.

An :class:`Evidence` is *judged by capture* when it holds the capture's page
(read from its WARC record) or the sidecar's full account of the page; without
either (a clean file with no sidecar, or one written before the account
existed and whose WARC file cannot be found) it is *judged by rules*: removed
blocks, metadata and paragraph rules only, as before.

Short runs inside a line (fewer than :data:`MIN_PARTIAL_WORDS` words) are only
explained by a removed block or page text when they make up the line's whole
stored-only part: one word dropped from a sentence is an edit even if that word
occurs in the navigation.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from archiver.diff.metadata import PageMetadata, match_metadata
from archiver.diff.normalize import document
from archiver.diff.page import PageText

CAPTURE, RULES = "capture", "rules"
MIN_PARTIAL_WORDS = 3
EXTRACTOR_STAGES = frozenset({"extractor"})

Classifier = Callable[[str, "str | None"], "str | None"]


@dataclass(frozen=True)
class Explanation:
    """Why a stored-only run is boilerplate: ``rule`` (or ``on-page``/``metadata``), ``stage``, ``region``."""

    rule: str
    stage: str | None
    region: str | None = None
    on_page: bool = False  # the words are on the captured page (for the extraction-changed guard)


def default_classifier(text: str, host: str | None) -> str | None:
    """The extractor's own paragraph rules; None while extraction is not importable."""
    try:
        from archiver.extraction import classify_text
    except ImportError:
        return None
    return classify_text(text, host)


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


class BlockIndex:
    """The removed blocks of a capture, searchable by normalised word sequence."""

    SEP = "\x1f"

    def __init__(self, removed: Iterable[Any] = ()):
        self.entries: list[tuple[str, int, Explanation]] = []  # (joined keys, word count, explanation)
        for item in removed or ():
            words = [t.fold_key for t in document(str(_get(item, "text") or "")).tokens if t.word]
            if words:
                stage = str(_get(item, "stage") or "") or None
                region = _get(item, "region")
                self.entries.append((self._join(words), len(words), Explanation(
                    str(_get(item, "rule") or "unnamed"), stage, str(region) if region else None, on_page=True)))
        self.entries.sort(key=lambda e: -e[1])  # longest first: name the biggest block

    @classmethod
    def _join(cls, words: Sequence[str]) -> str:
        return cls.SEP + cls.SEP.join(words) + cls.SEP

    @property
    def has_account(self) -> bool:
        """True when the blocks include what the extractor (not a rule) left out: a full account of the page."""
        return any(e[2].stage in EXTRACTOR_STAGES for e in self.entries)

    def cover(self, words: Sequence[str], short_ok: bool = True) -> list[Explanation | None]:
        """For each word, the removed block that explains it, or None.

        The whole run inside one block (the tightest) wins; otherwise blocks of two
        or more words found inside the run mark their words. ``short_ok`` False
        refuses runs shorter than :data:`MIN_PARTIAL_WORDS` inside a longer block.
        """
        n = len(words)
        result: list[Explanation | None] = [None] * n
        if not n:
            return result
        seg = self._join(words)
        if short_ok or n >= MIN_PARTIAL_WORDS:
            for keys, count, why in reversed(self.entries):
                if count >= n and seg in keys:
                    return [why] * n
        starts = {}
        pos = 1
        for i, w in enumerate(words):
            starts[pos] = i
            pos += len(w) + 1
        for keys, count, why in self.entries:
            if count < 2 or count > n:
                continue
            at = seg.find(keys)
            while at != -1:
                i = starts[at + 1]
                if all(result[k] is None for k in range(i, i + count)):
                    for k in range(i, i + count):
                        result[k] = why
                at = seg.find(keys, at + 1)
        return result


@dataclass
class Evidence:
    """What is known about the capture a clean file came from. Build it with :func:`evidence`.

    ``article`` is the clean text's word keys (occurrences there do not count as
    "outside the article" on the page).
    """

    blocks: BlockIndex = field(default_factory=BlockIndex)
    page: PageText | None = None
    metadata: PageMetadata = field(default_factory=PageMetadata)
    host: str | None = None
    classify: Classifier | None = default_classifier
    article: list[str] = field(default_factory=list)
    _article_joined: str | None = None

    @property
    def judged(self) -> str:
        """``capture`` when the page or a full account of it is known, else ``rules``."""
        return CAPTURE if self.page is not None or self.blocks.has_account else RULES

    def _article_count(self, words: Sequence[str]) -> int:
        if self._article_joined is None:
            self._article_joined = BlockIndex._join(self.article) if self.article else BlockIndex.SEP
        needle = BlockIndex._join(words)
        count, at = 0, self._article_joined.find(needle)
        while at != -1:
            count += 1
            at = self._article_joined.find(needle, at + 1)
        return count

    def _on_page(self, words: Sequence[str]) -> Explanation | None:
        """The words occur on the page outside the article: the region of the first such occurrence."""
        if self.page is None:
            return None
        hits = self.page.find(words)
        if len(hits) <= self._article_count(words):
            return None
        piece = self.page.region_at(hits[0])
        region = piece.region
        if piece.kind != "text":
            region = piece.kind if region == "page" else f"{region} {piece.kind}"
        return Explanation("on-page", "capture", region, on_page=True)

    def _page_cover(self, words: Sequence[str], short_ok: bool) -> list[Explanation | None]:
        """Greedy longest runs of ``words`` found on the page outside the article.

        A word the page does not have but two adjacent page words make (a scraper joined
        two elements' text without a space) is looked up as those two.
        """
        assert self.page is not None
        parts: list[str] = []
        owner: list[int] = []
        for i, word in enumerate(words):
            for part in self.page.split_glued(word):
                parts.append(part)
                owner.append(i)
        n = len(parts)
        found: list[Explanation | None] = [None] * n
        i = 0
        while i < n:
            best_j, best = i, None
            j = i + 1
            while j <= n:
                why = self._on_page(parts[i:j])
                if why is None:
                    break
                best_j, best = j, why
                j += 1
            length = best_j - i
            if best is not None and (length >= MIN_PARTIAL_WORDS or (short_ok and length == n)):
                for k in range(i, best_j):
                    found[k] = best
                i = best_j
            else:
                i += 1
        result: list[Explanation | None] = [None] * len(words)
        parts_of: dict[int, list[int]] = {}
        for k, index in enumerate(owner):
            parts_of.setdefault(index, []).append(k)
        for index, ks in parts_of.items():  # a glued word is explained when all its parts are
            if all(found[k] is not None for k in ks):
                result[index] = found[ks[0]]
        return result

    def explain_words(self, words: Sequence[str], whole_line: bool, line_text: str | None = None
                      ) -> list[Explanation | None]:
        """Per word of one stored-only run (folded keys), what explains it, or None.

        Removed blocks first; then, when ``line_text`` (the run's text) is given and the run
        is a whole line that the blocks do not explain whole, page metadata for the whole line
        (a URL's words are on the page in pieces, as the title, but the line is the page's URL;
        a removed block may hold a piece of it, a reader view's domain line "example.com");
        then page text. ``whole_line``: the run is all the stored-only words of its line
        (short runs may then match). Paragraph rules are asked per run by :meth:`explain_text`.
        """
        result = self.blocks.cover(words, short_ok=whole_line)
        if whole_line and line_text is not None and not all(result):
            found = match_metadata(line_text, self.metadata)
            if found is not None:
                return [Explanation("metadata", "metadata", found.region)] * len(words)
        if self.page is None:
            return result
        for k, end in _unexplained_runs(result):
            result[k:end] = self._page_cover(words[k:end], short_ok=whole_line and k == 0 and end == len(words))
        return self._with_neighbours(words, result)

    def _with_neighbours(self, words: Sequence[str], result: list[Explanation | None]) -> list[Explanation | None]:
        """A short unexplained run between explained words ("via AP" closing a caption whose credit
        a removed block named) is explained when it and its explained neighbours stand together on
        the page outside the article."""
        for k, end in _unexplained_runs(result):
            a, b = k, end
            while a > 0 and result[a - 1] is not None:
                a -= 1
            while b < len(words) and result[b] is not None:
                b += 1
            if (a < k or b > end) and b - a >= MIN_PARTIAL_WORDS:
                why = self._on_page(words[a:b])
                if why is not None:
                    result[k:end] = [why] * (end - k)
        return result

    def explain_text(self, text: str, whole_line: bool) -> Explanation | None:
        """A stored-only run that no block or page text explains: page metadata (a whole line
        only), or a paragraph rule of the extractor."""
        if whole_line:
            found = match_metadata(text, self.metadata)
            if found is not None:
                return Explanation("metadata", "metadata", found.region)
        if self.classify is None:
            return None
        try:
            rule = self.classify(text, self.host)
        except Exception:  # a broken rule file must not hide the rest of the report
            return None
        return Explanation(rule, "classify") if rule else None


def evidence(removed: Iterable[Any] = (), page: PageText | None = None, metadata: PageMetadata | None = None,
             host: str | None = None, classify: Classifier | None = default_classifier,
             article_text: str | None = None) -> Evidence:
    """Evidence from its parts: the sidecar's ``removed`` list (dicts with rule, stage, text and
    optionally region), the captured page's :class:`PageText` (or None), the page's metadata,
    its host (for site paragraph rules) and the clean text it produced (``article_text``)."""
    article = [t.fold_key for t in document(article_text).tokens if t.word] if article_text else []
    return Evidence(BlockIndex(removed), page, metadata or PageMetadata(), host, classify, article)


def _unexplained_runs(result: list[Explanation | None]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of ``None`` in ``result``, left to right. ``result`` is read as
    the caller goes, so the caller may fill a run before the next one is looked for."""
    k = 0
    while k < len(result):
        if result[k] is not None:
            k += 1
            continue
        end = k
        while end < len(result) and result[end] is None:
            end += 1
        yield k, end
        k = end
