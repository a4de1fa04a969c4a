"""The versions of one URL's clean text across its captures, and what changed between them.

Reads the catalog (``captures`` joined with ``extractions``) and the clean files
the extract command wrote; ``text_path`` and ``json_path`` are relative to the
clean folder. Successive captures with identical clean text collapse into one
version (a page that changes and changes back shows both changes). A text that
changed only because archiver extracts differently (the same page bytes, or both
pages extracted now giving one text: :mod:`archiver.diff.refold`) is folded into
the version before, marked, never counted as an edit.

Each step compares two clean versions with the diff's logic: words only the
older version has are looked up on the newer capture (its removed blocks and
its page, read from the WARC file), so a paragraph that moved into an aside is
boilerplate, not an edit. One guard more than ``archiver diff``: when the newer
text keeps less than half of the older one's words and most of the lost words
are still on the newer captured page, the step is ``extraction-changed``, never
``content-changed``: a broken or changed extraction is not announced as an
edit. :func:`compare_versions` is that comparison as a pure function.
"""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.catalog import Capture, Catalog
from archiver.diff import PairResult, compare_pair
from archiver.diff.byline import BylineStep, byline_steps
from archiver.diff.captions import CaptionStep, caption_steps
from archiver.diff.compare import EXTRACTION, Classifier, Comparison, compare_texts, default_classifier
from archiver.diff.earlier import mark_earlier
from archiver.diff.evidence import Evidence
from archiver.diff.gone import GoneSpell, front_page_of, gone_and_down, redirected_elsewhere
from archiver.diff.pairing import url_spellings
from archiver.diff.sources import Source, SourceError, source_from_clean
from archiver.diff.titlestep import step_title
from archiver.output import inside


@dataclass
class CaptureEntry:
    capture: Capture
    text_path: Path | None = None
    json_path: Path | None = None
    digest: str | None = None
    version: int | None = None  # 1-based; None when the capture has no clean text
    note: str | None = None     # why there is no text
    same_as: int | None = None  # the earlier version whose text this version has again (A, B, A)
    folded: str | None = None   # why its text, unlike the one before, is no new version (the extraction's)
    warning: str | None = None  # an extraction warning: the text lost most of the article, still on the page
    front_page: str | None = None  # redirected to the site's front page after captures of the article: gone
    redirect: str | None = None  # redirected to another page whose text is not the article's: gone
    moved: str | None = None  # redirected to another page of the site with the article's text: it lives there now
    damaged: str | None = None  # the capture's record fails its WARC-Block-Digest (import's fixity check)
    not_article: str | None = None  # a page in the article's place (a paywall, login or consent page): the judge's why
    rollback: bool = False  # its text is an earlier version's again, past a later text between (A, B, C, A): undone

    def to_dict(self) -> dict[str, Any]:
        c = self.capture
        return {"capture_id": c.id, "fetched_at": c.fetched_at, "url": c.url, "final_url": c.final_url,
                "record_type": c.record_type, "http_status": c.http_status, "version": self.version,
                "text_path": str(self.text_path) if self.text_path else None, "note": self.note,
                "same_text_as_version": self.same_as, "extraction_only": self.folded,
                "extraction_warning": self.warning, "front_page": self.front_page, "redirect": self.redirect,
                "moved_to": self.moved, "damaged": self.damaged,
                "not_article": self.not_article, "rollback": self.rollback}


@dataclass
class History:
    url: str
    captures: list[CaptureEntry] = field(default_factory=list)
    steps: list[PairResult] = field(default_factory=list)  # version k -> k+1
    failed_since: list[Capture] = field(default_factory=list)  # failed attempts after the last capture, newest first
    gone: list[GoneSpell] = field(default_factory=list)  # spells of 404/410 answers after a capture, oldest first
    bylines: list[BylineStep] = field(default_factory=list)  # author line changes between captures, oldest first
    titles: list[dict[str, Any]] = field(default_factory=list)  # declared titles rewritten alone (titlestep.py)
    captions: list[CaptionStep] = field(default_factory=list)  # photo caption changes (diff/captions.py)
    down: list[GoneSpell] = field(default_factory=list)  # spells of other failed attempts (a site down), oldest first

    @property
    def replaced(self) -> dict[int, str]:
        """Capture id -> the other page it was redirected to, for the captures that are not the article's
        text but a gone attempt (:func:`number_versions`)."""
        return {entry.capture.id: entry.redirect for entry in self.captures if entry.redirect}

    @property
    def versions(self) -> list[CaptureEntry]:
        """The first capture of each version."""
        seen: set[int] = set()
        out = []
        for entry in self.captures:
            if entry.version is not None and entry.version not in seen:
                seen.add(entry.version)
                out.append(entry)
        return out

    @property
    def folded(self) -> list[CaptureEntry]:
        """Captures whose text changed by extraction only (folded into the version before)."""
        return [entry for entry in self.captures if entry.folded]

    def last_of(self, version: int) -> CaptureEntry:
        """The capture whose text the step after ``version`` starts from: the last one folded into it
        (an extraction-only change: its text is the extraction the next version had) or, with none
        folded, the version's first capture."""
        shown = [entry for entry in self.captures if entry.version == version and entry.text_path]
        folded = [entry for entry in shown if entry.folded]
        return folded[-1] if folded else shown[0]

    def summary(self) -> dict[str, Any]:
        return {"url": self.url, "captures": [c.to_dict() for c in self.captures],
                "versions": [{"version": v.version, "first_capture": v.capture.id,
                              "fetched_at": v.capture.fetched_at, "text_path": str(v.text_path)}
                             for v in self.versions],
                "failed_since_last_capture": self.failed_summary(),
                "gone": [spell.to_dict() for spell in self.gone],
                "bylines": [step.to_dict() for step in self.bylines],
                "titles": self.titles, "captions": [step.to_dict() for step in self.captions],
                "down": [spell.to_dict() for spell in self.down]}

    def failed_summary(self) -> dict[str, Any] | None:
        """``{attempts, latest_at, http_status, reason}`` of the attempts that failed after the last
        capture (a page now gone, 404 or 410, or a site down), or None when the last attempt succeeded."""
        if not self.failed_since:
            return None
        latest = self.failed_since[0]
        return {"attempts": len(self.failed_since), "latest_at": latest.fetched_at,
                "http_status": latest.http_status, "reason": failure_reason(latest)}


def compare_versions(old_text: str, new_text: str, evidence: Evidence | None = None) -> Comparison:
    """Compare two clean versions of one URL (OLD the earlier) the way ``archiver history`` does.

    ``evidence`` describes the NEW version's capture (:func:`archiver.diff.evidence.evidence`:
    its sidecar's removed blocks, its page text, metadata); without it the extractor's rules
    decide. Returns a :class:`Comparison`: ``cls`` is identical, layout-only, moved,
    boilerplate, extraction-changed or content-changed, ``changes`` each have a ``cls``, and
    ``judged`` says capture or rules. Pure: no I/O.
    """
    return compare_texts(old_text, new_text, evidence=evidence, guard=True)


def captures_of(catalog: Catalog, url: str) -> list[Capture]:
    """The captures of ``url`` (seed or final URL, in any of its spellings: trailing slash, no
    scheme), oldest first; the first spelling with captures wins. [] when none."""
    found: list[Capture] = []
    for candidate in url_spellings(url):
        found = catalog.captures_of(candidate)
        if found:
            break
    return sorted(found, key=lambda c: (c.fetched_at, c.id))


def failure_reason(capture: Capture) -> str:
    """A failed attempt's reason as the fetch reported it (``HTTP 410 Gone``), else its status or state."""
    return capture.reason or (f"HTTP {capture.http_status}" if capture.http_status else capture.state)


def failed_after(catalog: Catalog, url: str, after: Capture) -> list[Capture]:
    """The failed attempts at ``url`` (any of its spellings) made after capture ``after``, newest first."""
    names = url_spellings(url)
    marks = ", ".join("?" * len(names))
    found = catalog.captures(f"(url IN ({marks}) OR final_url IN ({marks})) AND state = 'failed' "
                             "AND (fetched_at > ? OR (fetched_at = ? AND id > ?))",
                             (*names, *names, after.fetched_at, after.fetched_at, after.id))
    return sorted(found, key=lambda c: (c.fetched_at, c.id), reverse=True)


def number_versions(catalog: Catalog, clean: Path, url: str,
                    warcs: Sequence[Path] = ()) -> tuple[list[CaptureEntry], dict[int, str]]:
    """The captures of ``url``, oldest first, each with its version number as ``archiver history``
    lists it, and the text of each version as its first capture has it ({version: text}).

    A capture whose clean text differs from the previous text-bearing capture's starts a new
    version, also when the text is an earlier version's again (then ``same_as`` names that one):
    A, B, A is v1, v2, v3 (the text of v1 again); unless the change is the extraction's
    (:func:`archiver.diff.refold.extraction_only`, which re-extracts pages from the WARC files in
    ``warcs`` when the sidecars name different extractions): then the capture keeps the version
    before and ``folded`` says why. Captures without clean text get no version (``note`` says
    why), nor do captures redirected to the site's front page after one of the article
    (:func:`archiver.diff.gone.front_page_of`: the article taken down; a gone spell), nor those redirected to
    another page of the site whose text is not the article's (:func:`archiver.diff.gone.redirected_elsewhere`,
    :func:`archiver.watch.judge.not_the_article`: removed or replaced, as the watch tells it; ``redirect``), nor
    those the watch judges ``not-article`` at the URL itself (a paywall, a login or consent page, an error page
    served with 200: :meth:`archiver.watch.judge.Measure.lost`, the page read from ``warcs``; ``not_article``
    says why), nor a short first text the watch replaces by the article (:meth:`~archiver.watch.judge.Measure.
    replaces_first`, while v1 is the only version: the article's capture becomes v1). Raises
    :class:`SourceError` when the catalog points outside ``clean``.
    """
    from archiver.archive.scan import is_damaged
    from archiver.diff.refold import extraction_only
    from archiver.watch.judge import EXTRACTION_CHANGED, NOT_ARTICLE, Measure, not_the_article
    from archiver.watch.page import capture_page_words

    clean = Path(clean)
    entries: list[CaptureEntry] = []
    captures = captures_of(catalog, url)
    rows = {}
    if captures:
        ids = [c.id for c in captures] + [c.refers_to for c in captures if c.refers_to]
        marks = ",".join("?" * len(ids))
        rows = {r["capture_id"]: r for r in
                catalog.conn.execute(f"SELECT * FROM extractions WHERE capture_id IN ({marks})", ids)}
    texts: dict[int, str] = {}
    version = 0
    last_digest = None
    first_of: dict[str, int] = {}  # text digest -> the first version that had it
    previous: CaptureEntry | None = None  # the last capture with clean text
    article = ""  # the article's text as the watch's judge last adopted it (an extraction warning's is not)
    landed = ""  # the address the URL's first capture with text landed on
    article_seen = False  # a capture of the article itself came before (not a redirect to the front page)
    for cap in captures:
        entry = CaptureEntry(cap)
        entries.append(entry)
        if is_damaged(cap.reason):
            entry.damaged = cap.reason  # its text is what the changed bytes say: told, so no one takes it for an edit
        front = front_page_of(cap)
        if front is not None and article_seen:  # the article taken down: a gone spell, not its new text
            entry.note, entry.front_page = f"redirected to the site's front page {front}: the article is gone", front
            continue
        article_seen = article_seen or front is None
        row = rows.get(cap.id) or (rows.get(cap.refers_to) if cap.refers_to else None)
        if row is None:
            entry.note = "not extracted"
            continue
        if row["error"] or not row["text_path"]:
            entry.note = f"extraction error: {row['error']}" if row["error"] else "no clean text"
            continue
        try:
            entry.text_path = inside(clean, row["text_path"])
            entry.json_path = inside(clean, row["json_path"]) if row["json_path"] else None
        except ValueError as exc:
            raise SourceError(str(exc)) from None
        text = Source(entry.text_path).read()
        elsewhere = redirected_elsewhere(cap)
        if elsewhere is not None and previous is not None and not_the_article(article, text):
            entry.text_path = entry.json_path = None  # another story's text: not a version of this article
            entry.note, entry.redirect = (f"redirected to another page {elsewhere} whose text is not the article's: "
                                          "the article is gone"), elsewhere
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        lost = None
        if previous is not None and digest != last_digest:  # judged against the article as the watch judges it
            measure = Measure.of(article, text)
            if version == 1 and measure.replaces_first():  # v1 was a wall on the first visit: this is v1
                for earlier in entries[:-1]:
                    if earlier.version is not None:
                        earlier.version = earlier.same_as = earlier.folded = None
                        earlier.text_path = earlier.json_path = None
                        earlier.not_article = "taken for the first version, then replaced by the article"
                        earlier.note = f"not the article: {earlier.not_article}"
                version, last_digest, texts, first_of, previous = 0, None, {}, {}, None
            else:
                lost = measure.lost(functools.partial(capture_page_words, catalog, warcs, cap))
                if lost is not None and lost[0] == NOT_ARTICLE:  # a paywall, consent or login page: no version
                    entry.text_path = entry.json_path = None
                    entry.not_article = lost[1]
                    entry.note = ("not the article (a paywall, login or consent page, or an error page; no version): "
                                  f"{lost[1]}")
                    continue
        landed = landed or cap.final_url or cap.url  # where the URL led at its first capture (a short link: always)
        # the article's text at another address than at first (a new slug): said, no version of its own
        entry.moved = elsewhere if elsewhere is not None and elsewhere != landed else None
        entry.digest = digest
        if entry.digest != last_digest:
            if previous is not None:
                entry.folded = extraction_only(catalog, warcs, previous.capture, previous.json_path,
                                               cap, entry.json_path)
            if entry.folded is None:
                version += 1
                texts[version] = text
            last_digest = entry.digest
            first_of.setdefault(entry.digest, version)
        entry.version = version
        entry.same_as = first_of[entry.digest] if first_of[entry.digest] != version else None
        previous = entry
        if lost is None or lost[0] != EXTRACTION_CHANGED:  # the judge keeps the article before a warning
            article = text
        else:  # the watch's extraction warning, judged against the article (W2 after W1 too, whose step may not)
            entry.warning = lost[1]
    _mark_rollbacks(entries)
    return entries, texts


def _mark_rollbacks(entries: list[CaptureEntry]) -> None:
    """Mark ``rollback`` on each version's first capture whose text is an earlier text of the URL again, past
    other texts, by :func:`archiver.diff.told.rollbacks` (A, B, C, A: an edit undone; A, B, C, B, A takes back B
    and C; A, B, A, B, the flapping of a stale copy, never is). A version judged an extraction warning
    (``warning``, set by :func:`number_versions`) is no text shown to the reader: A, B, W, A is A, B, A, a plain
    return, and A, B, W1, W2, B no rollback at all (before 2026-12-06 both were, and were told)."""
    from archiver.diff.told import Step, rollbacks

    firsts: list[CaptureEntry] = []
    for entry in entries:
        if entry.version is not None and (not firsts or entry.version != firsts[-1].version):
            firsts.append(entry)
    if not firsts:
        return
    marks = rollbacks(firsts[0].digest, [Step(e.digest, warning=e.warning is not None) for e in firsts[1:]])
    for entry, mark in zip(firsts[1:], marks, strict=True):
        entry.rollback = mark


def told_versions(versions: Sequence[CaptureEntry]) -> list[bool]:
    """For each version after the first (``versions``: :attr:`History.versions`, in order), whether its step is
    news, by :func:`archiver.diff.told.told` on the versions' digests (the rule the watch uses on its event log):
    a text the URL never had, a rollback whose text is not the one last told, an extraction warning (told as
    one); a plain return never, nor the step back after a warning to the text last told (the extraction's
    miss undone). Call it after :func:`load_history` marked the warnings."""
    from archiver.diff.told import Step, told

    if not versions:
        return []
    return told(versions[0].digest, [Step(e.digest, rollback=e.rollback, warning=e.warning is not None)
                                     for e in versions[1:]])


def load_history(catalog: Catalog, clean: Path, url: str,
                 classify: Classifier | None = default_classifier, warcs: Sequence[Path] = ()) -> History:
    """The captures of ``url`` with their clean versions and the steps between versions.

    ``warcs``: folders holding the WARC files (the captures' pages are read from there).
    Raises :class:`SourceError` when the catalog points outside the clean folder.
    """
    history = History(url)
    history.captures, texts = number_versions(catalog, clean, url, warcs)
    if history.captures:
        history.url = history.captures[0].capture.url  # as archived, not as typed (``URL/``, no scheme)
        history.failed_since = failed_after(catalog, url, history.captures[-1].capture)
        history.gone, history.down = gone_and_down(catalog, url, history.replaced)
    version_entries = history.versions
    for k in range(1, len(version_entries)):
        # from the version's last text (a folded one, extracted as the next version was) to the next
        older, newer = history.last_of(k), version_entries[k]
        assert older.text_path is not None and newer.text_path is not None  # a version has its clean text
        old_text = texts[k] if older is version_entries[k - 1] else Source(older.text_path).read()
        new_src = source_from_clean(newer.text_path, newer.json_path)
        old_src = source_from_clean(older.text_path, older.json_path)
        result = compare_pair(new_src, old_src, new_text=texts[k + 1], old_text=old_text, classify=classify,
                              warcs=warcs, guard=True)
        result.old_label = _label(k, older)
        result.new_label = _label(k + 1, newer)
        result.sides = {"old_version": k, "old_capture": older.capture.id, "old_captured_at": older.capture.fetched_at,
                        "new_version": k + 1, "new_capture": newer.capture.id,
                        "new_captured_at": newer.capture.fetched_at}
        mark_earlier(result.comparison.changes, old_text, {v: texts[v] for v in range(1, k)})  # "(as in v1)"
        if newer.rollback and not result.comparison.detail:
            result.comparison.detail = undone(newer.same_as, k + 1)
        history.steps.append(result)
        if retitled := step_title(old_text, older.json_path, texts[k + 1], newer.json_path, warcs):
            history.titles.append({"capture_id": newer.capture.id, "at": newer.capture.fetched_at,
                                   "old_capture_id": older.capture.id, **retitled})
    _mark_warnings(history)
    history.bylines = byline_steps(history.captures)
    history.captions = caption_steps(history.captures)
    return history


def _mark_warnings(history: History) -> None:
    """An extraction-changed step marks its new version's capture as a warning (the watch's extraction
    warning), and a version :func:`number_versions` judged a warning against the article makes its step an
    extraction-changed one (A, B, W1, W2: W1 to W2 differ by an "Updated at" line, both broken extractions;
    before 2026-12-06 that step was ``content-changed``). The step after the warnings back to the text before
    them is the extraction's miss undone, not an edit (the watch judges that capture the same as the article)."""
    versions = history.versions
    warned = [k for k, step in enumerate(history.steps) if step.cls == EXTRACTION or versions[k + 1].warning]
    for k in warned:
        step, entry = history.steps[k], versions[k + 1]
        step.comparison.cls = EXTRACTION
        step.comparison.detail = step.comparison.detail or entry.warning or "the extraction lost most of the article"
        entry.warning = step.comparison.detail
    for k in warned:
        if k + 1 >= len(history.steps) or k + 1 in warned:
            continue
        first = k  # the first warning of the run that ends at version k + 2; the article's text is version first + 1
        while first - 1 in warned:
            first -= 1
        if versions[k + 2].same_as == first + 1:
            after = history.steps[k + 1].comparison
            after.cls = EXTRACTION
            lost = f"v{first + 2}" + (f" to v{k + 2}" if k > first else "")
            after.detail = (f"the text of v{first + 1} again after the extraction lost most of it in {lost}: "
                            "the extraction's miss undone, not an edit")


def undone(same_as: int | None, version: int) -> str:
    """``v5 is the text of v1 again: every change made since v1 (v2 to v4) is undone``: a rollback's line."""
    if same_as is None:
        return ""
    since = f"v{same_as + 1}" + (f" to v{version - 1}" if version - 1 > same_as + 1 else "")
    return f"v{version} is the text of v{same_as} again: every change made since v{same_as} ({since}) is undone"


def _label(version: int, entry: CaptureEntry) -> str:
    """``v4 (capture 18, TIME, the text of v2 again)``: a step's side in the reports."""
    again = f", the text of v{entry.same_as} again" if entry.same_as else ""
    return f"v{version} (capture {entry.capture.id}, {entry.capture.fetched_at}{again})"
