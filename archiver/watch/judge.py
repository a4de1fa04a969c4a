"""What one new capture of a watched URL is, judged against the article as last seen. Pure.

Verdicts (one per capture):

- ``first``: the first text of the URL: version 1. While no edit has been seen, a
  short first text (under 150 words) that a text twice as long and sharing
  almost nothing replaces was not the article (a consent wall or an error page
  on the very first capture): the longer text becomes version 1 and the earlier
  captures are marked ``not-article``;
- ``same``: the clean text is byte for byte the current version's;
- ``quiet``: other text, but diff finds only layout, moved-paragraph or
  boilerplate differences, or the texts differ only in lines labelled as ads
  (``Sponsored: ...``, ``Advertisement: ...``, :data:`AD_LINE`; the extractor keeps
  a label followed by the ad's own words on its line, and a page adding one
  more such line on every visit was an edit at every run): the same version
  (the text becomes the new baseline);
- ``edit``: a content change: a new version;
- ``return``: the text equals an earlier version's (a stale cache, a load
  balancer serving an old copy, a reverted edit): back to that version, never a
  new edit;
- ``extraction-changed``: the text lost most of the article and the lost words
  are still on the captured page: the extractor, not the newsroom, changed; a
  warning, not a version. Judged here on word shingles before any diff, and
  again by the diff's own guard (``archiver history``'s, which reads the page's
  removed blocks too) on the captures that reach the diff;
- ``not-article``: a page that is not the article (a consent wall, a paywall, an
  error page served with 200): its text keeps less than a third of the
  article's word sequences, or shares almost none of them, and the article's
  words are not on the page. Recorded, never a version, never an edit;
- ``no-text`` / ``failed``: nothing to judge (no extraction, an HTTP error).

Similarity is measured on word 3-shingles (the unit of near-duplicate detection
since Broder, 1997): ``kept`` is the share of the article's shingles found in the
new text, ``ours`` the share of the new text's shingles found in the article.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archiver.cjk import WORD as CJK_WORD
from archiver.diff.compare import CONTENT as DIFF_CONTENT
from archiver.diff.compare import EXTRACTION as DIFF_EXTRACTION

SHINGLE = 3
LOST_MOST = 0.5       # kept below this: the text lost most of the article
NOT_ARTICLE_KEPT = 0.34  # kept below this (and the words not on the page): not the article
NOT_ARTICLE_OURS = 0.2   # or the new text's own shingles barely in the article
ON_PAGE = 0.8         # this share of the lost words still on the page: the extraction changed
FIRST_SHORT = 150     # a first text shorter than this (words) may be replaced by the real article
REPLACED_FIRST = "replaces a first text that was not the article"

_WORD = CJK_WORD  # \w+ runs, each Chinese or Japanese character a word by itself (archiver/cjk.py)
# a line that opens with an ad label and a colon or dash, then the ad's words (the label alone, a block of its
# own, is taken by the extraction rules sponsored-unit and labelled-ad-unit)
AD_LINE = re.compile(r"^\W{0,3}(?:sponsored(?: content| post| story| by [^:\n]{1,40})?|advertisement|advert|ad|"
                     r"promoted(?: content)?|paid (?:content|post|partnership)|partner content|anzeige|werbung|"
                     r"publicidad|publicit[ée]|pubblicit[àa]|advertentie|gesponsert)\s*(?::|\s[-\u2013\u2014|])\s*\S",
                     re.IGNORECASE)
ONLY_ADS = "only lines labelled as ads ('Sponsored: ...') differ: no content change"


def without_ads(text: str) -> str:
    """``text`` without its lines labelled as ads (:data:`AD_LINE`) and blank lines."""
    return "\n".join(line for line in text.splitlines() if line.strip() and not AD_LINE.match(line))

FIRST, SAME, QUIET, EDIT, RETURN = "first", "same", "quiet", "edit", "return"
EXTRACTION_CHANGED, NOT_ARTICLE, NO_TEXT, FAILED = "extraction-changed", "not-article", "no-text", "failed"
VERSION_VERDICTS = (FIRST, SAME, QUIET, EDIT, RETURN)  # captures that show the article


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return [w.lower() for w in _WORD.findall(text or "")]


def shingles(tokens: list[str], k: int = SHINGLE) -> set[tuple[str, ...]]:
    """Word k-shingles; a text shorter than k words is one shingle of all its words."""
    if len(tokens) < k:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def containment(part: set, whole: set) -> float:
    """Share of ``part`` found in ``whole`` (1.0 for an empty ``part``)."""
    return len(part & whole) / len(part) if part else 1.0


def not_the_article(article: str, text: str) -> bool:
    """Whether ``text`` is not the article whose text is ``article`` by the judge's measure (it keeps less than
    a third of the article's word 3-shingles, or under a fifth of its own are the article's), the page words
    left aside: ``archiver history`` and the timeline read a capture redirected to another page this way, as the
    watch's ``not-article`` verdict did when it told the article gone."""
    old_sh, new_sh = shingles(words(article)), shingles(words(text))
    return containment(old_sh, new_sh) < NOT_ARTICLE_KEPT or containment(new_sh, old_sh) < NOT_ARTICLE_OURS


@dataclass(frozen=True)
class Measure:
    """The article's text (``article``) beside a new capture's (``text``), measured as the judge measures them:
    word tokens of each, ``kept`` (share of the article's word 3-shingles in the new text) and ``ours`` (share
    of the new text's in the article), both 0.0-1.0. :func:`judge` decides on it, and ``archiver history``
    (:func:`archiver.diff.history.number_versions`) with the same two methods, so both read a capture alike."""

    old_words: list[str]
    new_words: list[str]
    kept: float
    ours: float

    @classmethod
    def of(cls, article: str, text: str) -> Measure:
        old_words, new_words = words(article), words(text)
        old_sh, new_sh = shingles(old_words), shingles(new_words)
        return cls(old_words, new_words, containment(old_sh, new_sh), containment(new_sh, old_sh))

    def replaces_first(self) -> bool:
        """Whether the new text replaces a short first text that was not the article (a consent wall, an error
        page on the very first capture): under :data:`FIRST_SHORT` words, the new text twice as long, and the
        two sharing under :data:`NOT_ARTICLE_OURS` of their shingles either way. Asked only while no edit was seen."""
        return (len(self.old_words) < FIRST_SHORT and len(self.new_words) >= 2 * len(self.old_words)
                and max(self.kept, self.ours) < NOT_ARTICLE_OURS)

    def lost(self, page_words: Callable[[], set[str] | None]) -> tuple[str, str] | None:
        """``(EXTRACTION_CHANGED, detail)`` when the new text lost most of the article and the lost words are
        still on the captured page (``page_words()``: every word on it, None if unreadable; called only here),
        ``(NOT_ARTICLE, detail)`` when it is not the article (a paywall, a login or consent page, an error page
        served with 200: under :data:`NOT_ARTICLE_KEPT` kept or :data:`NOT_ARTICLE_OURS` ours, the words not on
        the page), else None (the text is the article: the diff decides the rest)."""
        kept, ours = self.kept, self.ours
        if not (kept < LOST_MOST or ours < NOT_ARTICLE_OURS):
            return None
        lost = set(self.old_words) - set(self.new_words)
        on_page = page_words() if lost else None
        share = containment(lost, on_page) if on_page is not None else 0.0
        figures = f"kept {kept:.2f} of the article's word sequences, {ours:.2f} of the new text's are the article's"
        if lost and share >= ON_PAGE:
            return EXTRACTION_CHANGED, f"{figures}; {share:.0%} of the lost words are still on the page"
        if kept < NOT_ARTICLE_KEPT or ours < NOT_ARTICLE_OURS:
            return NOT_ARTICLE, figures
        return None


@dataclass
class State:
    """The article as last seen: the current version's text and every text it has had."""

    text: str | None = None
    digest: str | None = None
    version: int = 0              # current version number (0: none yet)
    latest: int = 0               # highest version number given
    known: dict[str, int] = field(default_factory=dict)  # text digest -> version
    last_verdict: str | None = None


@dataclass(frozen=True)
class Verdict:
    kind: str
    version: int | None = None    # the version the capture shows (None: not the article)
    old_version: int | None = None
    detail: str = ""

    @property
    def is_version(self) -> bool:
        return self.kind in VERSION_VERDICTS


def judge(state: State, text: str | None, digest: str | None, page_words: Callable[[], set[str] | None],
          diff_class: Callable[[], str]) -> Verdict:
    """The verdict on a capture whose clean text is ``text`` (None: no text), and ``state`` moved on.

    ``page_words()`` gives every word on the captured page (None if it cannot be
    read); ``diff_class()`` runs archiver's history diff between the current text
    and ``text`` and returns its pair class (``content-changed``,
    ``extraction-changed``: the guard of :mod:`archiver.diff.history`, or a
    harmless one). Both are called only when needed.
    """
    if text is None or digest is None:
        return _moved(state, Verdict(NO_TEXT, detail="no clean text"))
    if state.text is None:
        state.latest = 1
        return _adopt(state, text, digest, Verdict(FIRST, 1))
    if digest == state.digest:
        return _moved(state, Verdict(SAME, state.version))
    if without_ads(text) == without_ads(state.text):
        return _adopt(state, text, digest, Verdict(QUIET, state.version, state.version, ONLY_ADS))
    measure = Measure.of(state.text, text)
    if state.latest == 1 and measure.replaces_first():
        state.known = {}  # the first text was a consent wall or an error page, not the article: start again
        return _adopt(state, text, digest, Verdict(FIRST, 1, None, REPLACED_FIRST))
    lost = measure.lost(page_words)
    if lost is not None:
        return _moved(state, Verdict(lost[0], None, state.version, lost[1]))
    if digest in state.known and state.known[digest] != state.version:
        back = state.known[digest]
        return _adopt(state, text, digest, Verdict(RETURN, back, state.version, f"back to version {back}"))
    cls = diff_class()
    if cls == DIFF_EXTRACTION:
        return _moved(state, Verdict(EXTRACTION_CHANGED, None, state.version,
                                     "the diff's guard: most lost words are still on the captured page"))
    if cls == DIFF_CONTENT:
        state.latest += 1
        return _adopt(state, text, digest, Verdict(EDIT, state.latest, state.version))
    return _adopt(state, text, digest, Verdict(QUIET, state.version, state.version,
                                               f"{cls}: no content change"))


def fold_edit(state: State, verdict: Verdict, digest: str, why: str) -> Verdict:
    """An ``edit`` verdict whose change the extraction made, not the article (``why``:
    :func:`archiver.diff.refold.extraction_only`'s sentence): no new version. The capture shows
    the version before (``quiet``, its text the new baseline), as ``archiver history`` folds it."""
    assert verdict.kind == EDIT and verdict.version is not None and verdict.old_version is not None
    if state.latest == verdict.version:
        state.latest -= 1
    if state.known.get(digest) == verdict.version:
        state.known[digest] = verdict.old_version
    state.version = verdict.old_version
    return _moved(state, Verdict(QUIET, verdict.old_version, verdict.old_version, why))


def _adopt(state: State, text: str, digest: str, verdict: Verdict) -> Verdict:
    """``text`` is now the article's current text, showing ``verdict.version``."""
    assert verdict.version is not None
    state.text, state.digest, state.version = text, digest, verdict.version
    state.known.setdefault(digest, verdict.version)
    return _moved(state, verdict)


def _moved(state: State, verdict: Verdict) -> Verdict:
    state.last_verdict = verdict.kind
    return verdict
