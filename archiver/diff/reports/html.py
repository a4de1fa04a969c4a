"""HTML report: one self-contained page, summary table then a side-by-side view per pair.

Archived pages are hostile input. Everything taken from them (text, paths,
URLs, rule names) goes through ``html.escape`` and is only ever element text or
a quoted attribute value; URLs are shown, never linked. A strict
Content-Security-Policy (no scripts at all, only the page's own style sheet,
matched by its hash) is a second wall should escaping ever miss something.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape
from typing import Any

from archiver.diff.compare import BOILERPLATE, CHANGE, LAYOUT, MISSING, MOVED, UNPAIRED
from archiver.diff.normalize import Document
from archiver.diff.reports.text import summary_line
from archiver.wording import count, space_before

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-top:1px solid #ccc;padding-top:.8em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
.words,.path{overflow-wrap:anywhere}
th{background:#f3f3f3}.cls{font-weight:bold;white-space:nowrap}
.c-identical,.c-layout-only,.c-moved{color:#176f2c}.c-extraction-changed{color:#7a1fa2}
.mv{background:#fff3c4}.c-boilerplate{color:#0b5f75}.c-content-changed{color:#b00020}.c-missing{color:#9a6700}.c-unpaired{color:#666}
.side{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;padding:.6em;background:#fafafa;font-size:14px}
.bp{color:#777;background:#e8eef1;text-decoration:line-through}
.del{background:#ffd6d6;color:#8a0012}.add{background:#d4f7d4;color:#0a5a14}
.meta{color:#555;font-size:.9em}.ctx{color:#666}
"""
CSP_TEMPLATE = ("default-src 'none'; script-src 'none'; style-src '{hash}'; img-src 'none'; "
                "font-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; "
                "base-uri 'none'; form-action 'none'")


def csp() -> str:
    digest = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    return CSP_TEMPLATE.format(hash=f"sha256-{digest}")


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _marked(doc: Document | None, marks: dict[int, tuple[str, str]]) -> str:
    """The document text, escaped, with runs of marked tokens wrapped in spans."""
    if doc is None:
        return ""
    out: list[str] = []
    pos = 0
    i, n, text = 0, len(doc.tokens), doc.shown or doc.text  # the page's quotes and dashes, as the table
    while i < n:
        if i not in marks:
            i += 1
            continue
        css, title = marks[i]
        j = i
        while j + 1 < n and marks.get(j + 1) == (css, title):
            j += 1
        a, b = doc.tokens[i].start, doc.tokens[j].end
        out.append(e(text[pos:a]))
        out.append(f'<span class="{css}" title="{e(title)}">{e(text[a:b])}</span>')
        pos = b
        i = j + 1
    out.append(e(text[pos:]))
    return "".join(out).strip("\n")


def _marks(changes: list[Any]) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, str]]]:
    old: dict[int, tuple[str, str]] = {}
    new: dict[int, tuple[str, str]] = {}
    for c in changes:
        if c.cls == CHANGE:
            if c.old and c.old_span:
                for k in range(*c.old_span):
                    old[k] = ("del", f"content {c.kind}")
            if c.new and c.new_span:
                for k in range(*c.new_span):
                    new[k] = ("add", f"content {c.kind}")
    for c in changes:
        if c.cls == BOILERPLATE and c.old_span:
            for k in range(*c.old_span):
                old[k] = ("bp", f"boilerplate: {c.why} ({c.stage})")
        if c.cls == MOVED and c.old_span and c.new_span:
            for k in range(*c.old_span):
                old[k] = ("mv", "moved")
            for k in range(*c.new_span):
                new[k] = ("mv", "moved")
    return old, new


def _change_rows(changes: list[Any]) -> str:
    rows = []
    for c in changes:
        what = c.why if c.cls == BOILERPLATE else (c.detail or c.kind)
        if getattr(c, "as_in", None):  # a partial revert: it puts back an earlier version's words
            what += f" (as in v{c.as_in})"
        if c.cls == CHANGE:
            # no space before a mark that closes what stands before it ("December{+, 10:00+}:", as the text
            # report and the mail show it; "December , 10:00 :" before)
            marked = " ".join(([f'<del class="del">{e(c.old)}</del>'] if c.old else [])
                              + ([f'<ins class="add">{e(c.new)}</ins>'] if c.new else []))
            body = (f'<span class="ctx">{e(c.before)}</span>{space_before(c.old or c.new or "")}{marked}'
                    f'{space_before(c.after or "")}<span class="ctx">{e(c.after)}</span>')
        elif c.cls == LAYOUT:
            body = f"{e(c.old)}<br>{e(c.new)}"
        elif c.cls == MOVED:
            body = f'<span class="mv">{e(c.old)}</span> <span class="ctx">(now before: {e(c.after)})</span>'
        else:
            body = f'<span class="bp">{e(c.old)}</span>'
        rows.append(f'<tr><td class="cls c-{e(c.cls)}">{e(c.cls)}</td><td>{e(what)}</td><td class="words">{body}</td></tr>')
    if not rows:
        return "<p>No differences in words or paragraphs.</p>"
    return "<table><tr><th>class</th><th>rule or kind</th><th>words</th></tr>" + "".join(rows) + "</table>"


def _extra_table(name: str, value: Any) -> str:
    """A list of records (history's captures, versions) as a table; anything else as one row."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        cols = list(value[0])
        head = "".join(f"<th>{e(c)}</th>" for c in cols)
        rows = "".join("<tr>" + "".join(f'<td class="path">{e(v.get(c))}</td>' for c in cols) + "</tr>"
                       for v in value)
        return f"<h2>{e(name)}</h2><table><tr>{head}</tr>{rows}</table>"
    return f"<table><tr><th>{e(name)}</th><td>{e(value)}</td></tr></table>"


def render_html(results: list[Any], title: str = "archiver diff", extra: dict[str, Any] | None = None) -> str:
    counts = Counter(r.cls for r in results)
    summary_rows = []
    sections = []
    for n, r in enumerate(results, 1):
        changes = r.comparison.changes
        per = Counter(c.cls for c in changes)
        sim = "" if r.similarity is None else f"{r.similarity:.3f}"
        summary_rows.append(
            f'<tr><td><a href="#pair-{n}">{n}</a></td><td class="cls c-{e(r.cls)}">{e(r.cls)}</td>'
            f"<td class=\"path\">{e(r.new.path) if r.new else '(none)'}</td>"
            f"<td class=\"path\">{e(r.old.path) if r.old else '(none)'}</td><td class=\"path\">{e(r.url)}</td>"
            f"<td>{e(sim)}</td><td>{e(r.paired_by or '')}</td><td>{e(r.comparison.judged or '')}</td>"
            f"<td>{per[CHANGE]}</td><td>{per[BOILERPLATE]}</td><td>{per[LAYOUT]}</td></tr>")
        old_marks, new_marks = _marks(changes)
        if r.cls in (MISSING, UNPAIRED):
            body = f"<p>No counterpart on the {e(r.old_label if r.new else r.new_label)} side.</p>"
        else:
            body = (_change_rows(changes)
                    + '<div class="side">'
                    + f'<div><h3>{e(r.old_label)}: {e(r.old.path)}</h3>'
                      f'<div class="text">{_marked(r.comparison.old, old_marks)}</div></div>'
                    + f'<div><h3>{e(r.new_label)}: {e(r.new.path)}</h3>'
                      f'<div class="text">{_marked(r.comparison.new, new_marks)}</div></div>'
                    + "</div>")
        sections.append(
            f'<section id="pair-{n}"><h2>{n}. <span class="cls c-{e(r.cls)}">{e(r.cls)}</span></h2>'
            f'<p class="meta">{e(r.url or "")}'
            + (f" &middot; similarity {e(sim)}" if sim else "")
            + (f" &middot; paired by {e(r.paired_by)}" if r.paired_by else "")
            + (f" &middot; judged by {e(r.comparison.judged)}" if r.comparison.judged else "")
            + (f" &middot; {e(r.comparison.detail)}" if r.comparison.detail else "")
            + f"</p>{body}</section>")
    extra_html = "".join(_extra_table(k, v) for k, v in (extra or {}).items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp())}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}</style></head><body>\n"
        f"<h1>{e(title)}</h1>\n<p>{e(summary_line(results))}</p>\n{extra_html}\n"
        "<table><tr><th>#</th><th>class</th><th>new</th><th>old</th><th>url</th><th>similarity</th>"
        "<th>paired by</th><th>judged by</th><th>content</th><th>boilerplate</th><th>layout</th></tr>"
        + "".join(summary_rows) + "</table>\n"
        + "\n".join(sections)
        + f"\n<p class=\"meta\">{count(sum(counts.values()), 'result')}.</p>\n</body></html>\n"
    )
