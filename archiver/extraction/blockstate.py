"""The article body a page's state holds as a list of typed text blocks, when the page shows none.

A headless CMS hands the page its story as structured content, not HTML: Arc XP's ANS
(``"content_elements": [{"type": "text", "content": "..."}, {"type": "image", ...}, ...]``, which
PageBuilder Fusion writes into the page as ``Fusion.globalContent = {...};``), Editor.js's
``{"blocks": [{"type": "paragraph", "data": {"text": "..."}}, ...]}``, and the like. A page served
before its scripts ran shows the headline and a loading skeleton; the body is only in that object.
``statebody`` reads a state script's HTML string; this reads its block list: the longest list of
block objects (at least ``MIN_BLOCKS`` of them text or headings) in an object that holds the page's
title (as a value, or in a child object: ANS's ``headlines.basic``), or in a child object of it,
each text block a paragraph (its inline markup kept), each heading block a heading; images, embeds,
ads and links between them are left out. The body is used as ``statebody``'s is: when the page's own text holds under
``ldbody.SHARE`` of it and it is ``ldbody.MIN_CHARS`` or longer.

Cost: the page's source is searched for a text block's type written as JSON (``"type":"text"``,
``"type":"paragraph"``, with or without a space after the colon); only then are its scripts holding
one read, and the JSON objects assigned in them (``= {``) decoded only when the page's own text
turns out short.
"""

from __future__ import annotations

import json
import re

from . import ldbody
from .dom import iter_document
from .ldbody import SHARE

__all__ = ["STATE_BLOCKS", "block_scripts", "use_block_state"]

STATE_BLOCKS = True  # stage:state-blocks; False: a body held only as a state's block list is not read (ablation)
MIN_BLOCKS = 3  # a list with fewer text blocks is a teaser's or a card's, not an article's
_MARKS = ('"type":"text"', '"type": "text"', '"type":"paragraph"', '"type": "paragraph"')
_TYPE = '"type":'  # what every mark starts with: one scan of a page holding none (most pages), not four
_TEXT_TYPES = frozenset({"text", "paragraph"})
_HEAD_TYPES = frozenset({"header", "heading"})
_ASSIGNED = re.compile(r"=\s*\{")
MAX_OBJECTS = 20  # assignments decoded in one script at most
MAX_TRIED = 200  # assignments tried in one script at most (an inline bundle's object literals are no JSON)


def block_scripts(root, page: str) -> list[str]:
    """The texts of the page's scripts holding a text block's type written as JSON (see
    :data:`_MARKS`), in page order; ``[]`` at once when the page's source holds none. Read before
    the scripts are stripped."""
    if not STATE_BLOCKS or _TYPE not in page or not any(m in page for m in _MARKS):
        return []
    return [el.text for el in iter_document(root, "script")
            if el.text and el.get("type") != "application/ld+json" and any(m in el.text for m in _MARKS)]


def _objects(text: str) -> list:
    """The JSON values of a script: the whole text when it is JSON, else each object assigned in it
    (``X = {...}``), decoded as far as it is JSON."""
    try:
        return [json.loads(text)]
    except (ValueError, RecursionError):  # not JSON, or nested past the recursion limit (a hostile page)
        pass
    decoder = json.JSONDecoder()
    out = []
    for n, match in enumerate(_ASSIGNED.finditer(text)):
        if n >= MAX_TRIED:
            break
        try:
            value, _ = decoder.raw_decode(text, match.end() - 1)
        except (ValueError, RecursionError):
            continue
        out.append(value)
        if len(out) >= MAX_OBJECTS:
            break
    return out


def _block_text(block: dict) -> str | None:
    """A block's text: its ``content`` (ANS) or ``text``, or its ``data``'s ``text`` (Editor.js)."""
    data = block.get("data")
    for value in (block.get("content"), block.get("text"), data.get("text") if isinstance(data, dict) else None):
        if isinstance(value, str) and value.strip():
            return value
    return None


def _as_html(blocks: list) -> str | None:
    """The HTML of a block list (a ``<p>`` a text block, an ``<hN>`` a heading block), None when it holds
    fewer than :data:`MIN_BLOCKS` text or heading blocks."""
    parts = []
    for block in blocks:
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            continue
        kind = block["type"].lower()
        text = _block_text(block) if kind in _TEXT_TYPES or kind in _HEAD_TYPES else None
        if text is None:
            continue
        if kind in _HEAD_TYPES:
            data = block.get("data")
            level = block.get("level", data.get("level") if isinstance(data, dict) else None)
            n = level if isinstance(level, int) and 2 <= level <= 6 else 2
            parts.append(f"<h{n}>{text}</h{n}>")
        else:
            parts.append(f"<p>{text}</p>")
    return "".join(parts) if len(parts) >= MIN_BLOCKS else None


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _holds_title(item: dict, want: str) -> bool:
    """Whether ``item`` holds the title as a value, or one of its child objects does."""
    for value in item.values():
        if isinstance(value, str) and len(value) < 400 and _folded(value) == want:
            return True
        if isinstance(value, dict) and any(isinstance(v, str) and len(v) < 400 and _folded(v) == want
                                           for v in value.values()):
            return True
    return False


def _record_blocks(data, title: str) -> str | None:
    """The HTML of the longest block list of an object in ``data`` that holds ``title``, or of one of
    its child objects."""
    best: str | None = None
    want = _folded(title)
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
        elif isinstance(item, dict):
            values = list(item.values())
            if _holds_title(item, want):  # its lists, and its child objects' (Editor.js's {"blocks": [...]})
                inner = [v for child in values if isinstance(child, dict) for v in child.values()]
                for value in values + inner:
                    if isinstance(value, list) and len(value) >= MIN_BLOCKS:
                        body = _as_html(value)
                        if body is not None and (best is None or len(body) > len(best)):
                            best = body
            stack.extend(v for v in values if isinstance(v, (dict, list)))
    return best


def use_block_state(lines: list[str], scripts: list[str], title: str | None) -> list[str] | None:
    """The paragraphs of the article body a state's block list holds (``scripts`` from
    :func:`block_scripts`) when the page's own text (``lines``, trafilatura's body without its title)
    holds under ``SHARE`` of their characters and they are ``MIN_CHARS`` or longer, else None."""
    if not STATE_BLOCKS or not scripts or not title:
        return None
    shown = sum(len(line) for line in lines)
    best: str | None = None
    for text in scripts:
        if shown >= SHARE * len(text):  # no body in it can be long enough
            continue
        for data in _objects(text):
            body = _record_blocks(data, title)
            if body is not None and (best is None or len(body) > len(best)):
                best = body
    return None if best is None else ldbody.hidden_body(shown, best)
