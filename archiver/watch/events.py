"""A URL's captures, judged one by one (:mod:`archiver.watch.judge`), and the change events they make.

Reads the catalog (``captures`` joined with ``extractions``), the clean version
files under ``clean/<host>/.versions/`` and, only for a capture that lost most
of the article, the capture's WARC record (to see whether the lost words are
still on the page). Writes nothing: :mod:`archiver.watch.run` stores verdicts
and events; :mod:`archiver.timeline` shows them.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.catalog import Capture, Catalog
from archiver.diff import PairResult, compare_pair
from archiver.diff.byline import byline_change
from archiver.diff.captions import caption_change, read_sidecar
from archiver.diff.compare import BOILERPLATE, CHANGE, LAYOUT, MOVED
from archiver.diff.earlier import mark_earlier, version_text, version_texts
from archiver.diff.gone import GONE_STATUSES, front_page_of, redirected_elsewhere
from archiver.diff.history import CaptureEntry, undone
from archiver.diff.shownline import step_headline
from archiver.diff.sources import clean_text, source_from_clean
from archiver.diff.titlestep import title_step
from archiver.output import inside
from archiver.watch.judge import (
    EDIT,
    EXTRACTION_CHANGED,
    FAILED,
    FIRST,
    NO_TEXT,
    NOT_ARTICLE,
    QUIET,
    RETURN,
    SAME,
    State,
    Verdict,
    fold_edit,
    judge,
)
from archiver.watch.page import capture_page_words, page_words

NOT_THE_FIRST = "taken for the first version, then replaced by the article"
BYLINE = "byline"  # an event, not a verdict: the text is the same, its author line changed
GONE = "gone"  # an event: a URL that had the article answers 404 or 410 (deleted, or moved without a redirect)
BACK = "back"  # an event: after a gone event, the article answers again with the text it had
CAPTION = "caption"  # an event, not a verdict: the text is the same, a photo caption changed


@dataclass
class Judged:
    """One capture with its clean text (if any) and its verdict."""

    capture: Capture
    verdict: Verdict
    text_path: str | None = None   # relative to the clean folder
    json_path: str | None = None
    digest: str | None = None
    title: str | None = None
    step: PairResult | None = None  # the diff against the text before (edits, returns, quiet changes)
    before: Judged | None = None  # the capture whose text it was judged against
    byline: dict[str, list[str]] | None = None  # the same text, another author or date: field -> [old, new]
    captions: list[list[str]] | None = None  # the same text, photo captions edited: [[old, new], ...] (captions.py)
    # the capture with clean text judged just before this one (any verdict): captions are compared with it, so an
    # edited caption is named at the capture that shows it first, not again at each capture of the same version
    previous: Judged | None = None


@dataclass
class UrlJudge:
    """Judges the captures of one URL in order; ``state`` carries the article between captures."""

    catalog: Catalog
    clean: Path
    warcs: Path
    url: str
    state: State = field(default_factory=State)
    current: Judged | None = None  # the capture that showed the current version's text
    log: list[Judged] = field(default_factory=list)
    previous: Judged | None = None  # the latest capture judged with clean text (Judged.previous)

    def restore(self, rows: list[sqlite3.Row]) -> None:
        """Rebuild the state from stored verdicts (``watch_captures`` rows, in capture order)."""
        for row in rows:
            if row["version"] is None or row["digest"] is None:
                self.state.last_verdict = row["verdict"]
                continue
            self.state.known.setdefault(row["digest"], row["version"])
            self.state.latest = max(self.state.latest, row["version"])
            self.state.version, self.state.digest = row["version"], row["digest"]
            self.state.last_verdict = row["verdict"]
            cap = self.catalog.capture(row["capture_id"])
            ext = self._extraction(row["capture_id"], cap)
            if cap is not None and ext is not None:
                self.current = Judged(cap, Verdict(row["verdict"], row["version"]), ext["text_path"],
                                      ext["json_path"], ext["text_digest"], ext["title"])
        if self.current is not None and self.current.text_path:
            self.state.text = self._read(self.current.text_path)
        self.previous = self.current  # the rows' latest capture with text

    def captures_after(self, capture_id: int) -> list[Capture]:
        rows = self.catalog.conn.execute("SELECT * FROM captures WHERE url = ? AND id > ? ORDER BY fetched_at, id",
                                         (self.url, capture_id))
        return [Capture(**dict(r)) for r in rows]

    def judge_all(self, captures: list[Capture]) -> list[Judged]:
        return [self.judge_one(cap) for cap in captures]

    def judge_one(self, cap: Capture) -> Judged:
        if cap.state != "captured":
            judged = Judged(cap, Verdict(FAILED, detail=cap.reason or cap.state), before=self.current)
            self.state.last_verdict = FAILED
            self.log.append(judged)
            return judged
        ext = self._extraction(cap.id, cap)
        if ext is None or ext["error"] or not ext["text_path"]:
            note = (ext["error"] if ext is not None else None) or "not extracted"
            self.log.append(Judged(cap, Verdict(NO_TEXT, detail=note)))
            self.state.last_verdict = NO_TEXT
            return self.log[-1]
        text = self._read(ext["text_path"])
        judged = Judged(cap, Verdict(NO_TEXT), ext["text_path"], ext["json_path"], ext["text_digest"], ext["title"])
        before = self.current
        before_text = self.state.text  # the judge adopts this capture's text: a return's step needs the one before
        steps: list[PairResult] = []

        def diff_class() -> str:
            steps.append(self._compare(before, judged, text))
            return steps[-1].cls

        # an empty article is judged (lost the article?) once there is one, else it is no text yet
        known = bool(_body(text).strip()) or self.state.text is not None
        judged.verdict = judge(self.state, text if known else None, ext["text_digest"] if known else None,
                               lambda: self._page_words(cap), diff_class)
        judged.before = before
        judged.previous = self.previous
        if judged.verdict.kind == EDIT and before is not None and ext["text_digest"]:
            why = self._folded(before, judged)  # the extraction's change, not the article's: no version
            if why:
                judged.verdict = fold_edit(self.state, judged.verdict, ext["text_digest"], why)
        if steps:
            judged.step = steps[0]
        elif judged.verdict.kind == RETURN and before is not None:
            judged.step = self._compare(before, judged, text, before_text)
        if judged.verdict.kind == FIRST and before is not None:  # the earlier "first" was not the article
            for earlier in self.log:
                if earlier.verdict.is_version:
                    earlier.verdict = Verdict(NOT_ARTICLE, detail=NOT_THE_FIRST)
        if judged.verdict.kind in (SAME, QUIET) and before is not None:
            judged.byline = self._byline_change(before, judged)
            judged.captions = self._caption_change(judged.previous or before, judged)
        if judged.verdict.is_version or judged.verdict.kind in (SAME, QUIET):  # the article's text, not a warning
            self.previous = judged
        if judged.verdict.is_version:
            self.current = judged
        self.log.append(judged)
        return judged

    def _byline_change(self, before: Judged, after: Judged) -> dict[str, list[str]] | None:
        """The author (the sidecars' ``author``) that changed under the same text, or None; what is no
        change (a missing value, the same names written otherwise, the same page bytes, another
        extraction) is said in :mod:`archiver.diff.byline`."""
        same_page = bool(before.capture.payload_digest) and \
            before.capture.payload_digest == after.capture.payload_digest
        return byline_change(self._sidecar(before.json_path), self._sidecar(after.json_path), same_page)

    def _caption_change(self, before: Judged, after: Judged) -> list[list[str]] | None:
        """The photo captions (the sidecars' ``captions``) edited under the same text, or None
        (:mod:`archiver.diff.captions`)."""
        same_page = bool(before.capture.payload_digest) and \
            before.capture.payload_digest == after.capture.payload_digest
        return caption_change(self._sidecar(before.json_path), self._sidecar(after.json_path), same_page)

    def _sidecar(self, rel: str | None) -> dict[str, Any]:
        try:
            data = json.loads(inside(self.clean, rel).read_text(encoding="utf-8")) if rel else {}
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    # -- reading ----------------------------------------------------------------

    def _extraction(self, capture_id: int, cap: Capture | None) -> sqlite3.Row | None:
        row = self.catalog.conn.execute("SELECT * FROM extractions WHERE capture_id = ?", (capture_id,)).fetchone()
        if row is None and cap is not None and cap.refers_to:
            row = self.catalog.conn.execute("SELECT * FROM extractions WHERE capture_id = ?",
                                            (cap.refers_to,)).fetchone()
        return row

    def _read(self, rel: str) -> str:
        """A clean file as ``archiver history`` reads it (:func:`archiver.diff.sources.clean_text`); OSError."""
        return clean_text(inside(self.clean, rel))

    def _compare(self, before: Judged | None, after: Judged, text: str, before_text: str | None = None) -> PairResult:
        """``before``'s version against ``after``; ``before_text``: its text when the judge's state has moved on
        (a return: compared with the state's text, the version it returns to, its step showed no difference)."""
        assert before is not None and before.text_path and after.text_path
        old = source_from_clean(inside(self.clean, before.text_path),
                                inside(self.clean, before.json_path) if before.json_path else None)
        new = source_from_clean(inside(self.clean, after.text_path),
                                inside(self.clean, after.json_path) if after.json_path else None)
        old_text = before_text if before_text is not None else self.state.text
        result = compare_pair(new, old, new_text=text, old_text=old_text, warcs=[self.warcs], guard=True)
        result.old_label = f"v{before.verdict.version} ({before.capture.fetched_at})"
        result.new_label = f"capture {after.capture.id} ({after.capture.fetched_at})"
        return result

    def _folded(self, before: Judged, after: Judged) -> str | None:
        """Why ``after``'s text differs from ``before``'s by the extraction alone, or None (diff/refold.py)."""
        from archiver.diff.refold import extraction_only

        def path(rel: str | None) -> Path | None:
            return inside(self.clean, rel) if rel else None

        return extraction_only(self.catalog, [self.warcs], before.capture, path(before.json_path), after.capture,
                               path(after.json_path))

    def _page_words(self, cap: Capture) -> set[str] | None:
        """Every word a reader could get from the captured page (text, alt, title), or None."""
        return capture_page_words(self.catalog, [self.warcs], cap)


def _body(text: str) -> str:
    return text.partition("\n")[2]


def event_of(judged: Judged, url: str, replay: Callable[[Capture], str | None] | None = None,
             clean: Path | None = None, numbers: Mapping[int, CaptureEntry] | None = None,
             warcs: Sequence[Path] = ()) -> dict[str, Any] | None:
    """The event a judged capture makes (an edit, a warning, a return), as stored; None for the rest.

    ``clean``: the clean folder as the user named it, so the version files are given as paths
    a reader can open (else relative to the clean folder). ``warcs``: the WARC folders, where the
    versions' pages are read for their shown headline (:mod:`archiver.diff.shownline`). ``numbers``: capture
    id -> its entry in
    ``archiver history``'s list (:func:`archiver.diff.history.number_versions`); given, the
    event's ``version`` and ``old_version`` are history's numbers, so a notification and the
    history name the same version (A, B, A: v3, the text of v1 again; detail
    ``same_text_as_version``), else the judge's own (A, B, A: v1 again); an edit that history
    folds as the extraction's (:mod:`archiver.diff.refold`) makes no event. A return that history marks a
    ``rollback`` (A, B, C, D, A: back past later texts, a correction taken back) is an ``edit`` event whose
    detail says so (``rollback``, ``same_text_as_version``, the explanation); a return to the text just
    before (A, B, A: a stale copy flapping with the fresh one) stays a ``return``.
    """
    kind = judged.verdict.kind
    if kind in (SAME, QUIET) and (judged.byline or judged.captions) and judged.before is not None:
        was = judged.before
        entry = numbers.get(judged.capture.id) if numbers is not None else None
        shown = entry.version if entry is not None and entry.version else judged.verdict.version  # history's number
        said: dict[str, Any] = {"explanation": "the same text; the byline changed" if judged.byline
                                else "the same text; a photo caption changed",
                                "new": _side(judged, replay, clean), "old": _side(was, replay, clean)}
        if judged.byline:
            said["byline"] = judged.byline
        if judged.captions:  # labelled as captions, never as body text (archiver/diff/captions.py)
            said["captions"] = judged.captions
        return {"url": url, "kind": BYLINE if judged.byline else CAPTION, "capture_id": judged.capture.id,
                "old_capture_id": was.capture.id, "version": shown, "old_version": shown,
                "at": judged.capture.fetched_at, "old_at": was.capture.fetched_at,
                "title": judged.title or was.title, "detail": said}
    if kind == FAILED and judged.capture.http_status in GONE_STATUSES and judged.before is not None:
        was, cap = judged.before, judged.capture
        return {"url": url, "kind": GONE, "capture_id": cap.id, "old_capture_id": was.capture.id,
                "version": None, "old_version": was.verdict.version, "at": cap.fetched_at,
                "old_at": was.capture.fetched_at, "title": was.title,
                "detail": {"status": cap.http_status, "reason": cap.reason,
                           "explanation": f"the page answers HTTP {cap.http_status}: the article was deleted "
                                          "(or moved without a redirect)",
                           "old": _side(was, replay, clean)}}
    if kind == NOT_ARTICLE and judged.before is not None and (front := front_page_of(judged.capture)):
        return _gone_by_redirect(url, judged.before, judged.capture, "front_page", front,
                                 f"the page now redirects to the site's front page ({front}): the article "
                                 "was removed, as news sites remove one", _side(judged.before, replay, clean))
    if kind == NOT_ARTICLE and judged.before is not None and (elsewhere := redirected_elsewhere(judged.capture)):
        return _gone_by_redirect(url, judged.before, judged.capture, "redirect", elsewhere,
                                 f"the page now redirects to another page ({elsewhere}) whose text is not "
                                 "the article's: the article was removed or replaced",
                                 _side(judged.before, replay, clean))
    if kind not in (EDIT, EXTRACTION_CHANGED, RETURN):
        return None
    folded = numbers.get(judged.capture.id) if numbers is not None else None
    if kind == EDIT and folded is not None and folded.folded:
        return None
    before = judged.before
    cap = judged.capture
    detail: dict[str, Any] = {
        "explanation": judged.verdict.detail,
        "new": _side(judged, replay, clean),
        "old": _side(before, replay, clean) if before else None,
    }
    if judged.step is not None:
        changes = judged.step.comparison.changes
        detail["boilerplate"] = sum(1 for c in changes if c.cls == BOILERPLATE)
        detail["layout"] = sum(1 for c in changes if c.cls == LAYOUT)
        detail["moved"] = sum(1 for c in changes if c.cls == MOVED)
    version, old_version = judged.verdict.version, judged.verdict.old_version
    if numbers is not None:
        new_entry = numbers.get(cap.id)
        old_entry = numbers.get(before.capture.id) if before else None
        # an extraction-changed capture stays without a version, as the judge says (history lists it)
        version = new_entry.version if new_entry and judged.verdict.version is not None else None
        old_version = old_entry.version if old_entry else None
        firsts = sorted((e.capture.fetched_at, e.capture.id) for e in numbers.values()
                        if old_version is not None and e.version == old_version and e.text_path)
        if firsts:  # the old version as history lists it: its first capture (the message names both)
            detail["old_first"] = {"capture_id": firsts[0][1], "captured_at": firsts[0][0]}
        if new_entry is not None and new_entry.moved:  # a new slug: the text was fetched there (history's moved_to)
            detail["moved_to"] = new_entry.moved
        old_text = version_text(old_entry.text_path) if old_entry is not None and old_entry.text_path else None
        new_text = version_text(new_entry.text_path) if new_entry is not None and new_entry.text_path else None
        if kind in (EDIT, RETURN) and old_entry is not None and new_entry is not None:
            headline = step_headline(old_text, old_entry.json_path, new_text, new_entry.json_path, warcs)
            if headline:  # the shown headline, whole (archiver/diff/shownline.py): named apart in message and fields
                detail["headline"] = {"old": headline[0], "new": headline[1]}
            elif title := title_step(old_text, old_entry.json_path, new_text, new_entry.json_path):
                detail["title_change"] = title  # the declared title alone (archiver/diff/titlestep.py)
            if captions := edited_captions(judged, numbers, old_entry.json_path, new_entry.json_path):
                detail["captions"] = captions  # photo captions edited too, named as captions
        if judged.step is not None and old_text is not None:
            # a passage that puts back an earlier version's words: "(as in version 1)"
            mark_earlier(judged.step.comparison.changes, old_text, version_texts(numbers.values(), old_version))
        if new_entry is not None and new_entry.same_as and version is not None:
            detail["same_text_as_version"] = new_entry.same_as
            if kind == RETURN and new_entry.rollback:  # back past later texts: an edit undone, told as an edit
                kind = EDIT
                detail["rollback"] = True
                detail["explanation"] = undone(new_entry.same_as, version)
            elif kind == RETURN:
                detail["explanation"] = f"back to the text of version {new_entry.same_as}"
    if judged.step is not None:  # after mark_earlier: each passage with its "(as in vN)"
        detail["changes"] = [c.to_dict() for c in judged.step.comparison.changes if c.cls == CHANGE]
    return {"url": url, "kind": kind, "capture_id": cap.id, "old_capture_id": before.capture.id if before else None,
            "version": version, "old_version": old_version,
            "at": cap.fetched_at, "old_at": before.capture.fetched_at if before else None,
            "title": judged.title or (before.title if before else None), "detail": detail}


def back_event(judged: Judged, url: str, gone_at: str | None, replay: Callable[[Capture], str | None] | None = None,
                clean: Path | None = None) -> dict[str, Any]:
    """The event of an article that answers again after a gone event (at ``gone_at``) with a text judged
    the same as, or a return to, a version it had (a new text is an edit, told as one)."""
    cap = judged.capture
    return {"url": url, "kind": BACK, "capture_id": cap.id, "old_capture_id": None,
            "version": judged.verdict.version, "old_version": judged.verdict.version, "at": cap.fetched_at,
            "old_at": gone_at, "title": judged.title,
            "detail": {"explanation": f"the article answers again (HTTP {cap.http_status}) after it was gone",
                       "new": _side(judged, replay, clean)}}


def _gone_by_redirect(url: str, was: Judged, cap: Capture, key: str, where: str, explanation: str,
                      old: dict[str, Any]) -> dict[str, Any]:
    """A gone event for a capture that redirects away from the article: ``key`` is ``front_page`` or ``redirect``
    (the detail field naming ``where`` it leads), ``was`` the last capture judged the article."""
    return {"url": url, "kind": GONE, "capture_id": cap.id, "old_capture_id": was.capture.id,
            "version": None, "old_version": was.verdict.version, "at": cap.fetched_at,
            "old_at": was.capture.fetched_at, "title": was.title,
            "detail": {"status": None, key: where, "reason": cap.reason, "explanation": explanation, "old": old}}


def edited_captions(judged: Judged, numbers: Mapping[int, CaptureEntry], old_json: Path | str | None,
                    new_json: Path | str | None) -> list[list[str]] | None:
    """The photo captions an edit's capture changed (:func:`archiver.diff.captions.caption_change`): against the
    capture with text judged just before it (``judged.previous``, its sidecar found in ``numbers``: capture id ->
    history entry), else against ``old_json`` (the old version's sidecar); ``new_json``: the capture's own. A
    caption edited at an earlier capture of the old version was named there, not again with the edit."""
    was = judged.previous if judged.previous is not None else judged.before
    entry = numbers.get(was.capture.id) if was is not None else None
    old = read_sidecar(entry.json_path if entry is not None and entry.json_path else old_json)
    same_page = was is not None and bool(judged.capture.payload_digest) and \
        was.capture.payload_digest == judged.capture.payload_digest
    return caption_change(old, read_sidecar(new_json), same_page)


def _side(judged: Judged, replay: Callable[[Capture], str | None] | None, clean: Path | None) -> dict[str, Any]:
    cap = judged.capture
    text_path = str(Path(clean) / judged.text_path) if clean and judged.text_path else judged.text_path
    return {"capture_id": cap.id, "captured_at": cap.fetched_at, "text_path": text_path,
            "warc_file": cap.warc_file, "warc_offset": cap.warc_offset, "record_type": cap.record_type,
            "replay": replay(cap) if replay else None}


__all__ = ["CAPTION", "Judged", "UrlJudge", "back_event", "edited_captions", "event_of", "page_words"]
