"""What the timeline site shows: per URL, every capture judged against the article, and its version steps.

The captures are judged afresh in memory with the same logic ``archiver run --watch``
stores (:class:`archiver.watch.events.UrlJudge`), so a URL archived with
``--refresh`` and never watched has a timeline too. Versions are numbered as
``archiver history`` lists them (:func:`archiver.diff.history.number_versions`), as the
watch's notifications number them: A, B, A is v1, v2, v3 (the text of v1 again).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.catalog import Capture, Catalog
from archiver.diff.byline import BylineStep, byline_steps
from archiver.diff.earlier import mark_earlier, version_text, version_texts
from archiver.diff.gone import GoneSpell, gone_spells, is_gone
from archiver.diff.history import CaptureEntry, number_versions
from archiver.diff.shownline import step_headline
from archiver.diff.titlestep import title_step
from archiver.output import paths_for
from archiver.watch import store
from archiver.watch.events import Judged, UrlJudge, edited_captions
from archiver.watch.judge import EDIT, RETURN
from archiver.wording import clip


@dataclass
class UrlTimeline:
    url: str
    page: str                      # file name of its page in the site
    judged: list[Judged] = field(default_factory=list)
    watch: store.Watched | None = None
    title: str | None = None
    numbers: dict[int, CaptureEntry] = field(default_factory=dict)  # capture id -> its entry in history's list
    gone: list[GoneSpell] = field(default_factory=list)  # spells of 404/410 or front-page answers, oldest first
    bylines: dict[int, BylineStep] = field(default_factory=dict)  # capture id -> the author line change it shows
    replaced: dict[int, str] = field(default_factory=dict)  # capture id -> the other story it was redirected to
    headlines: dict[int, tuple[str, str]] = field(default_factory=dict)  # capture id -> its step's (old, new) headline
    # capture id -> its step's declared title change under the same headline ({"old", "new", "only"}: titlestep.py)
    titles: dict[int, dict[str, Any]] = field(default_factory=dict)
    # capture id -> the photo captions it edited, [[old, new], ...] (diff/captions.py), as the watch tells them
    captions: dict[int, list[list[str]]] = field(default_factory=dict)

    def spell_of(self, cap: Capture) -> GoneSpell | None:
        """The gone spell an attempt belongs to (a 404/410, a redirect to the front page or to another story,
        after a capture of the article), else None."""
        if not is_gone(cap, self.replaced):
            return None
        at = (cap.fetched_at, cap.id)
        return next((s for s in self.gone if (s.first.fetched_at, s.first.id) <= at <= (s.latest.fetched_at,
                                                                                        s.latest.id)), None)

    def back_from(self, cap: Capture) -> GoneSpell | None:
        """The gone spell the capture ended (the article answering again), else None."""
        return next((s for s in self.gone if s.back is not None and s.back.id == cap.id), None)

    @property
    def versions(self) -> int:
        """How many versions ``archiver history`` lists for the URL."""
        return max((e.version or 0 for e in self.numbers.values()), default=0)

    def version_of(self, cap: Capture | None) -> CaptureEntry | None:
        """The capture's entry in ``archiver history``'s list (its ``version`` None: no clean text)."""
        return self.numbers.get(cap.id) if cap is not None else None

    @property
    def steps(self) -> list[Judged]:
        """Captures that moved the article to another version (edits and returns), with their diffs."""
        return [j for j in self.judged if j.verdict.kind in (EDIT, RETURN) and j.step is not None
                and not self.extraction_only(j.capture)]

    def changed(self, j: Judged) -> bool:
        """Whether the capture changed the article's content: an edit, or a return that ``archiver history``
        marks a rollback (back past later texts, A, B, C, A: an edit undone, which the watch tells as an edit)."""
        entry = self.version_of(j.capture)
        return j.verdict.kind == EDIT or (j.verdict.kind == RETURN and entry is not None and entry.rollback)

    def extraction_only(self, cap: Capture) -> str | None:
        """Why history folds the capture's text change as the extraction's (None: it does not)."""
        entry = self.version_of(cap)
        return entry.folded if entry is not None else None

    @property
    def last_capture(self) -> Capture | None:
        """The newest capture that holds the page (a failed attempt is no capture, as in ``archiver list``)."""
        held = [j.capture for j in self.judged if j.capture.state == "captured"]
        return held[-1] if held else None

    @property
    def captures(self) -> int:
        """How many captures hold the page (``archiver list``'s count: failed attempts left out)."""
        return sum(1 for j in self.judged if j.capture.state == "captured")

    @property
    def failed_since(self) -> Capture | None:
        """The newest attempt when it failed after the last capture (an article deleted: 404, 410 Gone) or was
        redirected to the front page or another story (the article gone), else None."""
        latest = self.judged[-1].capture if self.judged else None
        return latest if latest is not None and (latest.state != "captured" or self.spell_of(latest)) else None

    @property
    def last_change(self) -> str | None:
        edits = [j.capture.fetched_at for j in self.judged if self.changed(j)]
        return edits[-1] if edits else None


def page_name(url: str) -> str:
    paths = paths_for(url)
    return f"{paths.host}--{paths.slug}.html"


def timeline_urls(catalog: Catalog) -> list[str]:
    """Watched URLs; when nothing is watched, every URL with a capture (in URL order)."""
    try:
        watched = [w.url for w in store.all_watched(catalog.conn)]
    except sqlite3.OperationalError:  # a catalog never watched has no watch tables
        watched = []
    if watched:
        return watched
    return [r[0] for r in catalog.conn.execute("SELECT DISTINCT url FROM captures WHERE state = 'captured' "
                                               "ORDER BY url")]


def build(catalog: Catalog, clean: Path, warcs: Path, url: str) -> UrlTimeline:
    """Judge every capture of ``url`` in order (reads clean files, and WARC records when a text collapsed)."""
    judge = UrlJudge(catalog, Path(clean), Path(warcs), url)
    timeline = UrlTimeline(url, page_name(url), judge.judge_all(judge.captures_after(0)))
    entries = number_versions(catalog, Path(clean), url, [Path(warcs)])[0]
    timeline.numbers = {e.capture.id: e for e in entries}
    for j in timeline.judged:  # a passage that puts back an earlier version's words: "(as in v1)"
        old = timeline.numbers.get(j.before.capture.id) if j.step is not None and j.before is not None else None
        old_text = version_text(old.text_path) if old is not None and old.text_path is not None else None
        if j.step is not None and old is not None and old_text is not None:
            mark_earlier(j.step.comparison.changes, old_text, version_texts(entries, old.version))
            new = timeline.numbers.get(j.capture.id)
            new_text = version_text(new.text_path) if new is not None and new.text_path is not None else None
            if new is None or new_text is None:
                continue
            headline = step_headline(old_text, old.json_path, new_text, new.json_path, [Path(warcs)])
            if headline:
                timeline.headlines[j.capture.id] = headline  # as the watch's message gives it (diff/shownline.py)
            elif retitled := title_step(old_text, old.json_path, new_text, new.json_path):
                timeline.titles[j.capture.id] = retitled  # the declared title alone, as the message names it
            if edited := edited_captions(j, timeline.numbers, old.json_path, new.json_path):
                timeline.captions[j.capture.id] = edited
    timeline.captions.update({j.capture.id: j.captions for j in timeline.judged if j.captions})  # the same text
    timeline.bylines = {step.capture.id: step for step in byline_steps(entries)}  # as ``archiver history`` lists them
    timeline.replaced = {e.capture.id: e.redirect for e in entries if e.redirect}
    timeline.gone = gone_spells(catalog, url, timeline.replaced)
    try:
        timeline.watch = store.watched(catalog.conn, url)
    except sqlite3.OperationalError:
        timeline.watch = None
    titles = [j.title for j in timeline.judged if j.title and j.verdict.is_version]
    timeline.title = clip(titles[-1]) if titles else None
    return timeline


def warc_link(warcs: Path, out: Path, cap: Capture) -> tuple[str, str] | None:
    """(href relative to the site folder, ``file @ offset`` label) of a capture's WARC record."""
    import os

    if not cap.warc_file or cap.warc_offset is None:
        return None
    target = Path(warcs).resolve() / cap.warc_file
    href = os.path.relpath(target, Path(out).resolve())
    return href.replace(os.sep, "/"), f"{cap.warc_file} @ {cap.warc_offset}"

