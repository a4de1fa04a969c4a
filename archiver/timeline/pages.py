"""HTML of the timeline site: an index of URLs, one page per URL (timeline, then each version step).

Archived pages are hostile input. Every value taken from them (text, titles,
URLs, file names) goes through ``html.escape`` and is only element text or a
quoted attribute; an archived URL is shown, never linked (links go to WARC files
and, with ``--replay-url``, to the replay prefix the user gave). Each page
carries a Content-Security-Policy that allows no script at all and only its own
style sheet, as the diff report does (:mod:`archiver.diff.reports.html`).
"""
from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from html import escape
from typing import Any

from archiver.catalog import Capture
from archiver.diff.compare import CHANGE
from archiver.diff.history import CaptureEntry, undone
from archiver.diff.reports.html import CSP_TEMPLATE, _change_rows, _marked, _marks
from archiver.timeline.model import UrlTimeline
from archiver.watch.judge import EDIT, EXTRACTION_CHANGED, FIRST, NOT_ARTICLE, QUIET, RETURN, SAME
from archiver.wording import count

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff;max-width:70em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-top:1px solid #ccc;padding-top:.8em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
.url,.words,.path{overflow-wrap:anywhere}.meta{color:#555;font-size:.9em}.ctx{color:#666}
ol.timeline{list-style:none;margin:1em 0;padding:0 0 0 1.2em;border-left:3px solid #bbb}
ol.timeline li{position:relative;margin:.35em 0;padding-left:.6em}
ol.timeline li::before{content:"";position:absolute;left:-1.75em;top:.45em;width:.8em;height:.8em;
border-radius:50%;background:#bbb}
ol.timeline li.v-edit::before,ol.timeline li.v-first::before{background:#b00020}
ol.timeline li.v-return::before{background:#9a6700}ol.timeline li.v-extraction-changed::before{background:#0b5f75}
.badge{display:inline-block;font-size:.8em;font-weight:bold;padding:0 .4em;border-radius:.3em;background:#eee}
.b-edit,.b-first{background:#ffd6d6;color:#8a0012}.b-return{background:#fff0c2;color:#6b4a00}
.b-extraction-changed,.b-extraction-only{background:#d9eef5;color:#0b5f75}.b-not-article,.b-failed,.b-no-text{background:#eee;color:#555}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;padding:.6em;background:#fafafa;font-size:14px}
.bp{color:#777;background:#e8eef1;text-decoration:line-through}
.del{background:#ffd6d6;color:#8a0012}.add{background:#d4f7d4;color:#0a5a14}
.failed{color:#8a0012;font-size:.9em}.b-gone{background:#3a3a3a;color:#fff}.b-back{background:#d4f7d4;color:#0a5a14}
ol.timeline li.v-gone::before{background:#3a3a3a}.b-byline,.b-caption{background:#e6dcf5;color:#4b2a7a}
"""
LABELS = {FIRST: "first version", SAME: "same text", QUIET: "layout or boilerplate only", EDIT: "content changed",
          RETURN: "back to an earlier version", EXTRACTION_CHANGED: "extraction changed (warning)",
          NOT_ARTICLE: "not the article", "no-text": "no text", "failed": "capture failed",
          "extraction-only": "extraction changed only (not an edit)", "gone": "article gone",
          "back": "back after being gone", "byline": "byline changed"}
EXTRACTION_ONLY = "extraction-only"


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def csp() -> str:
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    return CSP_TEMPLATE.format(hash=f"sha256-{digest}")


def document(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{e(csp())}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{e(title)}</title>\n<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def index_page(timelines: list[UrlTimeline]) -> str:
    rows = []
    for t in timelines:
        last = t.last_capture
        due = t.watch.next_due if t.watch else None
        watched = "not watched" if t.watch is None else (f"next check {due}" if due else "no longer checked")
        rows.append(f'<tr><td class="url"><a href="{e(t.page)}">{e(t.title or t.url)}</a>'
                    f'<div class="meta">{e(t.url)}</div></td>'
                    f"<td>{e(last.fetched_at if last else '')}{_failed_since(t)}</td><td>{t.captures}</td>"
                    f"<td>{t.versions}</td>"
                    f"<td>{e(t.last_change or '-')}</td><td>{e(watched)}</td></tr>")
    body = (f"<h1>Watched articles</h1><p class=\"meta\">{count(len(timelines), 'URL')}</p>"
            "<table><tr><th>article</th><th>last capture</th><th>captures</th><th>versions</th>"
            "<th>last content change</th><th>schedule</th></tr>" + "".join(rows) + "</table>")
    return document("archiver: watched articles", body)


def _failed_since(t: UrlTimeline) -> str:
    """A line under the last capture's time when the latest attempt failed: the article gone (404/410,
    since when) or the site down; or, when the article answers again after a gone spell, since when."""
    failed = t.failed_since
    spell = t.spell_of(failed) if failed is not None else None
    if failed is not None and spell is not None:
        return (f'<div class="failed">article gone since {e(spell.first.fetched_at)}: '
                f"{e(spell.answer(failed))} ({e(spell.why(failed))}; latest attempt {e(failed.fetched_at)})</div>")
    if failed is not None:
        return (f'<div class="failed">latest attempt failed: {e(failed.reason or failed.state)} '
                f"({e(failed.fetched_at)})</div>")
    last = t.gone[-1] if t.gone else None
    if last is not None and last.back is not None:
        return (f'<div class="meta">back at {e(last.back.fetched_at)} after being gone since '
                f"{e(last.first.fetched_at)} ({e(last.answer(last.first))})</div>")
    return ""


def url_page(t: UrlTimeline, warc_link: Callable[[Capture], tuple[str, str] | None],
             replay: Callable[[Capture], str | None] | None) -> str:
    items = []
    for j in t.judged:
        cap, kind, detail = j.capture, j.verdict.kind, j.verdict.detail
        if kind == RETURN and t.changed(j):  # a rollback: content changed, back to an earlier text
            kind = EDIT
        folded = t.extraction_only(cap)
        if folded:  # history folds it into the version before: not an edit
            kind, detail = EXTRACTION_ONLY, folded
        spell, back = t.spell_of(cap), t.back_from(cap)
        if spell is not None:  # a 404/410 after a capture: the article is gone, not a capture that failed
            kind, detail = "gone", _gone_detail(cap, spell)
        came_back = (f' <span class="badge b-back">{e(LABELS["back"])}</span>' if back is not None else "")
        if back is not None:
            detail = (f"{detail}; " if detail and kind not in (SAME, FIRST) else "") + \
                f"the article answers again, gone since {back.first.fetched_at} ({back.answer(back.first)})"
        version = _version_label(t.version_of(cap))
        links = []
        record = warc_link(cap)
        if record:
            links.append(f'WARC record <a href="{e(record[0])}">{e(record[1])}</a>')
        link = replay(cap) if replay else None
        if link:
            links.append(f'<a href="{e(link)}" rel="noreferrer">replay</a>')
        step = f' &middot; <a href="#capture-{cap.id}">what changed</a>' if j in t.steps else ""
        entry = t.version_of(cap)
        if entry is not None and entry.moved:  # a new slug: fetched there, as history's "(moved to URL)"
            links.append(f"moved to {e(entry.moved)} (redirected there)")
        items.append(
            f'<li class="v-{e(kind)}" id="timeline-{cap.id}"><b>{e(cap.fetched_at)}</b> '
            f'<span class="badge b-{e(kind)}">{e(LABELS.get(kind, kind))}</span>{came_back} {e(version)}{step}'
            f'<div class="meta">capture {cap.id} &middot; HTTP {e(cap.http_status or "-")} &middot; '
            f'{e(cap.record_type or cap.state)} &middot; {" &middot; ".join(links) or "no record"}'
            + (f" &middot; {e(detail)}" if detail and (kind not in (SAME, FIRST) or back is not None) else "")
            + "</div>" + _byline(t.bylines.get(cap.id))
            + (_caption_lines(t.captions[cap.id]) if cap.id in t.captions and j not in t.steps else "") + "</li>")
    sections = [_step_section(j, t) for j in t.steps]
    body = (f"<p class=\"meta\"><a href=\"index.html\">all articles</a></p><h1>{e(t.title or t.url)}</h1>"
            f'<p class="url meta">{e(t.url)}</p>'
            f"<p>{count(len(t.judged), 'capture')}, {count(t.versions, 'version')}, "
            f"{count(len([s for s in t.steps if t.changed(s)]), 'content change')}.</p>"
            f"<h2>Timeline</h2><ol class=\"timeline\">{''.join(items)}</ol>"
            + "".join(sections))
    return document(f"{t.title or t.url}: timeline", body)


def _caption_lines(pairs: list[list[str]]) -> str:
    """The lines of a capture's edited photo captions (:mod:`archiver.diff.captions`), labelled as captions,
    as the watch's notification words them."""
    from archiver.watch.message import caption_line

    return "".join(f'<div class="caption"><span class="badge b-caption">caption changed</span> '
                   f"{e(caption_line(old, new))}</div>" for old, new in pairs)


def _byline(step: Any) -> str:
    """The line under a capture whose author line changed (:class:`archiver.diff.byline.BylineStep`), as
    ``archiver history`` and the watch's notification say it; "" for none."""
    if step is None:
        return ""
    what = "; ".join(f"{key}: {old} -> {new}" for key, (old, new) in step.changes.items())
    notes = (["the text is the same"] if step.same_text else []) + (["a byline it had before"] if step.had_before
                                                                    else [])
    return (f'<div class="byline"><span class="badge b-byline">{e(LABELS["byline"])}</span> {e(what)} '
            f"(since capture {step.before.id}" + "".join(f"; {e(n)}" for n in notes) + ")</div>")


def _gone_detail(cap: Capture, spell: Any) -> str:
    """What a gone attempt's timeline line says: the answer, why, since when and until when."""
    said = f"{spell.answer(cap)}: {spell.why(cap)}"
    if spell.first.id != cap.id:
        said += f", gone since {spell.first.fetched_at}"
    if spell.back is not None:
        return f"{said}; back at {spell.back.fetched_at} (capture {spell.back.id})"
    return f"{said}; still gone at the latest attempt ({spell.latest.fetched_at})"


def _version_label(entry: CaptureEntry | None) -> str:
    """``v3``, ``v3 (the text of v1 again)`` or ``no version``: as ``archiver history`` lists the capture."""
    if entry is None or entry.version is None:
        return "no version"
    return f"v{entry.version}" + (f" (the text of v{entry.same_as} again{': an edit undone' if entry.rollback else ''})"
                                  if entry.same_as else "")


def _step_section(j: Any, t: UrlTimeline) -> str:
    step = j.step
    kind = j.verdict.kind
    new = t.version_of(j.capture)
    old = t.version_of(j.before.capture if j.before else None)
    new_v = f"v{new.version}" if new and new.version else "?"
    old_v = f"v{old.version}" if old and old.version else "?"
    what = (f"content changed back: {undone(new.same_as, new.version)}" if new and new.rollback and new.version else
            "content changed" + (f" (the text of v{new.same_as} again)" if new and new.same_as else "")
            if kind == EDIT else
            f"the text of v{new.same_as} again (not a new edit)" if new and new.same_as else
            "back to an earlier version (not a new edit)")
    retitled = t.titles.get(j.capture.id)
    if retitled and retitled.get("only") and kind == EDIT:  # as the message's subject names it
        what = "title changed (the headline and text are the same)"
    head = f"{old_v} \u2192 {new_v}: {what}"
    changes = step.comparison.changes
    old_marks, new_marks = _marks(changes)
    before = j.before.capture.fetched_at if j.before else ""
    content = sum(1 for c in changes if c.cls == CHANGE)
    # the shown headline whole, as the watch's message gives it (diff/shownline.py): the word diff shows it in pieces
    headline = t.headlines.get(j.capture.id)
    return (f'<section id="capture-{j.capture.id}"><h2>{e(head)}</h2>'
            f'<p class="meta">{e(before)} \u2192 {e(j.capture.fetched_at)} &middot; '
            f'{count(content, "changed passage")}</p>'
            + (f'<p class="headline">headline: <span class="del">{e(headline[0])}</span> \u2192 '
               f'<span class="add">{e(headline[1])}</span></p>' if headline else "") +
            (f'<p class="title">title: <span class="del">{e(retitled["old"])}</span> \u2192 '
             f'<span class="add">{e(retitled["new"])}</span></p>' if retitled else "") +
            _caption_lines(t.captions.get(j.capture.id) or []) +
            f"{_change_rows(changes)}"
            f'<h3>{new_v} ({e(j.capture.fetched_at)}), changes marked</h3>'
            f'<div class="text">{_marked(step.comparison.new, new_marks)}</div>'
            f'<details><summary>{old_v}, with the words it lost marked</summary>'
            f'<div class="text">{_marked(step.comparison.old, old_marks)}</div></details></section>')
