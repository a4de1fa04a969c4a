"""Stage 2d: put back a post's footnotes that stand after the body container.

A blog engine writes a post's footnotes in a block of their own after the post's text
(Dotclear's ``<div class="footnotes"><h4>Notes</h4><p>[<a href="#rev-pnote-1"
id="pnote-1">1</a>] ...</p></div>`` beside ``div.post-content``; Markdown renderers' ``div.footnotes``
and ``section.footnotes``): trafilatura reads the post's container and stops, and the notes are lost,
for archiver and bare trafilatura alike (https://github.com/readeck/readeck/issues/2: "a footnote which is
not stored with the content"). ``tailrun`` takes such a run back only when nothing titles it, and
"Notes" is a title that ends an article there.

A note is found before the DOM stage (which drops the marks: ``footnote-mark``), by the pair of links
that makes it a footnote and nothing else: a mark in the text (a link to ``#id`` whose text is a number
or a note sign, ``1``, ``[2]``, ``*``, in or around a ``<sup>``, as ``footnote-mark`` reads them) and,
in the block holding the element with that id, a link back to the mark (to its own id or its
``<sup>``'s). The link back is a mark's twin, and the text's paragraph a note of the note: it is in
the text already, and its mark's paragraph is not, so it never comes back.

Kept out: a note inside a list of references (a wiki's ``ol.references``, ``div.reflist``, a citation
list: its ancestors' names, ``_REFS``), a source list; and a note inside the container of the paragraph
holding its mark (its nearest ``_BOXES`` ancestor): trafilatura read that container and chose what to
keep of it, and a notes list it dropped there is one the truths leave out too (WCXB dev 1405's
``div#footnote-list`` of sources inside ``div.post_content``: .9783 -> .8745 with a first version that
took it back). A note is put back at the end of the text, in page order, when the paragraph holding its
mark is in the text and the note is not (``Endnote.anchor``: the first characters of that paragraph).
Its text is the note's block without the links back (``[1]``, ``↩``).

``ENDNOTES``: the ablation switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .dom import name_words
from .gaps import norm

__all__ = ["ENDNOTES", "Endnote", "find_endnotes", "restore_endnotes"]

ENDNOTES = True  # False: notes after the body container stay out (ablation, tests)
MAX_NOTES = 30
MAX_CHARS = 800  # a note longer than this is no footnote
MIN_WORDS = 3
ANCHOR_CHARS = 40  # the first characters of the mark's paragraph, as the text must hold them
_MARK = re.compile(r"^[\[(]?\s*(?:\d{1,3}|[*†‡§]{1,3})\s*[\])]?$")
_REFS = frozenset("references reference reflist refs cite citation citations bibliography sources".split())
_NOTE_TAGS = frozenset(("p", "li", "dd", "div", "aside"))
_MARK_BLOCKS = frozenset(("p", "li", "dd", "td", "blockquote", "h2", "h3", "h4"))
_BOXES = frozenset(("div", "section", "article", "main", "td", "body"))  # the container of the mark's paragraph
_WITH_ID = etree.XPath("//*[@id]")
_LEADING = re.compile(r"^[\s\[\]().:^↩↑*†‡§-]+")


@dataclass(frozen=True, slots=True)
class Endnote:
    text: str  # the note, its links back left out, whitespace collapsed
    anchor: str  # the first ANCHOR_CHARS characters of the paragraph holding its mark, the mark left out


def _block(el, tags: frozenset[str]):
    while el is not None and el.tag not in tags:
        el = el.getparent()
    return el


def _text_without(el, skip: set) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        if node in skip:
            if node.tail:
                parts.append(node.tail)
            return
        if isinstance(node.tag, str):
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)
    walk(el)
    return norm("".join(parts))


def _in_references(el) -> bool:
    for _ in range(5):
        el = el.getparent()
        if el is None:
            return False
        if not _REFS.isdisjoint(name_words(el)):
            return True
    return False


def find_endnotes(root) -> list[Endnote]:
    """The footnotes of ``root`` with their marks' paragraphs, in page order (at most ``MAX_NOTES``).

    Run before the DOM stage. Returns ``[]`` on a page with no link to an anchor that reads as a mark."""
    if not ENDNOTES:
        return []
    marks = [a for sup in root.iter("sup") for a in (*sup.iter("a"), *sup.iterancestors("a"))
             if (href := a.get("href")) and href[0] == "#" and href[1:] and _MARK.match(a.text_content().strip())]
    if not marks:
        return []
    ids: dict = {}
    for el in _WITH_ID(root):
        ids.setdefault(el.get("id"), el)
    notes: list[Endnote] = []
    seen: set = set()
    for a in marks:
        target = ids.get((a.get("href") or "#")[1:])
        note = _block(target, _NOTE_TAGS) if target is not None else None
        if note is None or note in seen or _in_references(note):
            continue
        own = {f"#{x.get('id')}" for x in (a, a.getparent()) if x is not None and x.get("id")}
        backs = [b for b in note.iter("a") if b.get("href") in own]
        if not backs:
            continue
        seen.add(note)
        text = _LEADING.sub("", _text_without(note, set(backs)))
        holder = _block(a, _MARK_BLOCKS)
        if holder is None or not (len(text.split()) >= MIN_WORDS and len(text) <= MAX_CHARS):
            continue
        box = _block(holder.getparent(), _BOXES)
        if box is not None and any(up is box for up in note.iterancestors()):
            continue  # inside the container the text is in: trafilatura saw it and chose
        sup = a.getparent()
        anchor = _text_without(holder, {sup if sup is not None and sup.tag == "sup" else a})
        notes.append(Endnote(text, anchor[:ANCHOR_CHARS]))
        if len(notes) >= MAX_NOTES:
            break
    return notes


def restore_endnotes(lines: list[str], notes: list[Endnote]) -> list[str]:
    """``lines`` with the notes they lack appended, each whose mark's paragraph they hold (in page order).

    Returns a new list, or ``lines`` itself when nothing is put back."""
    if not ENDNOTES or not notes or len(lines) < 2:
        return lines
    flat = " ".join(norm(line) for line in lines)
    back = [n.text for n in notes if n.anchor and n.anchor in flat and n.text[:60] not in flat]
    return [*lines, *back] if back else lines
