"""The article body a page's state holds as a list of typed text blocks, when the page shows none.

A headless CMS hands the page its story as structured content, not HTML: Arc XP's ANS
(``"content_elements": [{"type": "text", "content": "..."}, {"type": "image", ...}, ...]``, which
PageBuilder Fusion writes into the page as ``Fusion.globalContent = {...};``), Editor.js's
``{"blocks": [{"type": "paragraph", "data": {"text": "..."}}, ...]}``, a rich-text field written as a
document of typed nodes (ProseMirror / TipTap's, as Storyblok and Strapi write it: ``{"type": "doc",
"content": [{"type": "paragraph", "content": [{"type": "text", "text": "..."}]}, {"type": "heading",
"attrs": {"level": 2}, ...}]}``; Contentful's, ``nodeType`` and ``value``; Sanity's Portable Text,
``_type``, ``style`` and ``children``; their text nodes plain text), and the like. A page served
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

import html
import json
import re

from . import ldbody
from .dom import iter_document
from .ldbody import SHARE

__all__ = ["STATE_BLOCKS", "TYPE_MARK", "block_scripts", "use_block_state"]

STATE_BLOCKS = True  # stage:state-blocks; False: a body held only as a state's block list is not read (ablation)
# rend30: a rich-text field written as a document of typed nodes, not HTML, is a block list too: ProseMirror /
# TipTap's (Storyblok's richtext, Strapi's blocks: ``{"type": "doc", "content": [{"type": "paragraph", "content":
# [{"type": "text", "text": "..."}]}]}``), Contentful's (``"nodeType"``, a text node's ``"value"``), Sanity's
# Portable Text (``{"_type": "block", "style": "normal", "children": [{"_type": "span", "text": "..."}]}``); its
# text nodes are plain text. False: only block lists whose blocks hold their text as a string (ablation)
RICH_TEXT = True
MIN_BLOCKS = 3  # a list with fewer text blocks is a teaser's or a card's, not an article's
_MARKS = ('"type":"text"', '"type": "text"', '"type":"paragraph"', '"type": "paragraph"',
          '"nodeType":"paragraph"', '"nodeType": "paragraph"', '"_type":"block"', '"_type": "block"')
TYPE_MARK = 'ype":'  # what every mark holds: one scan of a page holding none (most pages), not eight
_KIND_KEYS = ("type", "nodeType", "_type")  # where a node names its kind: ANS, ProseMirror; Contentful; Sanity
_DOCUMENTS = frozenset({"doc", "document"})  # a rich-text field's root node, its blocks in "content"
_INLINE_TEXT = frozenset({"text", "span"})
_BREAKS = frozenset({"hard_break", "hardbreak", "break"})
_LINKS = frozenset({"link", "hyperlink", "entry-hyperlink", "asset-hyperlink"})  # their text in child nodes
_SKIPPED = frozenset({"emoji", "image", "blok", "mention"})  # inline widgets: no words of the text
_TEXT_TYPES = frozenset({"text", "paragraph"})
_HEAD_TYPES = frozenset({"header", "heading"})
_ASSIGNED = re.compile(r"=\s*\{")
MAX_NODES = 5000  # inline nodes read in one block at most
# review40: a rich-text document's quotes and lists hold its blocks: ProseMirror / TipTap's blockquote,
# bullet_list / ordered_list / list_item (bulletList, orderedList, listItem), Contentful's blockquote,
# unordered-list, ordered-list, list-item, Strapi's quote, list, list-item; each block in it a paragraph, in
# order (a container whose children are inline nodes, Strapi's quote and list-item, is one)
_CONTAINERS = frozenset({"blockquote", "quote", "bullet_list", "ordered_list", "list_item", "bulletlist",
                         "orderedlist", "listitem", "unordered-list", "ordered-list", "list-item", "list"})
_BLOCK_KINDS = _HEAD_TYPES | _CONTAINERS | {"paragraph", "block"}  # a container of these holds blocks
MAX_OBJECTS = 20  # assignments decoded in one script at most
MAX_TRIED = 200  # assignments tried in one script at most (an inline bundle's object literals are no JSON)


def block_scripts(root, page: str) -> list[str]:
    """The texts of the page's scripts holding a text block's type written as JSON (see
    :data:`_MARKS`), in page order; ``[]`` at once when the page's source holds none. Read before
    the scripts are stripped."""
    if not STATE_BLOCKS or TYPE_MARK not in page or not any(m in page for m in _MARKS):
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


def _kind(node: dict) -> str | None:
    """A node's kind, lower-case: its ``type``, else (``RICH_TEXT``) its ``nodeType`` or ``_type``."""
    for key in _KIND_KEYS if RICH_TEXT else _KIND_KEYS[:1]:
        if isinstance(node.get(key), str):
            return node[key].lower()
    return None


def _inline_text(nodes: list) -> str:
    """The HTML of a rich-text block's inline nodes (``[{"type": "text", "text": "..."}, {"type":
    "hard_break"}]``), in order: a node's text (``text``, or Contentful's ``value``) escaped, a break a
    space, a widget (:data:`_SKIPPED`) nothing, any other node (a link, an inline entry, a footnote) its
    own text if it has any and its child nodes' (``content`` or ``children``), at any depth (walked without
    recursion, at most :data:`MAX_NODES` nodes); a value that is no node adds nothing."""
    parts = []
    stack = list(reversed(nodes))
    for _ in range(MAX_NODES):
        if not stack:
            break
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        kind = _kind(node)
        if kind in _BREAKS:
            parts.append(" ")
            continue
        if kind in _SKIPPED:
            continue
        text = node.get("text", node.get("value"))
        if isinstance(text, str):
            parts.append(html.escape(text, quote=False))
        children = node.get("content", node.get("children"))
        if isinstance(children, list):
            stack.extend(reversed(children))
    return "".join(parts)


def _block_text(block: dict) -> str | None:
    """A block's text: its ``content`` (ANS) or ``text``, or its ``data``'s ``text`` (Editor.js), or its
    inline nodes' (a rich-text document's block, ``RICH_TEXT``: its ``content`` or ``children``)."""
    content = block.get("content")
    nodes = content if isinstance(content, list) else block.get("children")
    if RICH_TEXT and isinstance(nodes, list):
        text = _inline_text(nodes)
        return text if text and text.strip() else None
    data = block.get("data")
    for value in (content, block.get("text"), data.get("text") if isinstance(data, dict) else None):
        if isinstance(value, str) and value.strip():
            return value
    return None


def _level(block: dict, kind: str) -> int | None:
    """A block's heading level, None when it is no heading: a heading block's ``level`` (its ``data``'s,
    its ``attrs``': ProseMirror), Contentful's ``heading-N``, a Portable Text block's ``style`` ``hN``."""
    if kind in _HEAD_TYPES:
        data, attrs = block.get("data"), block.get("attrs")
        level = block.get("level", data.get("level") if isinstance(data, dict)
                          else attrs.get("level") if isinstance(attrs, dict) else None)
        return level if isinstance(level, int) and 2 <= level <= 6 else 2
    if not RICH_TEXT:
        return None
    named = kind if kind.startswith("heading-") else block.get("style") if kind == "block" else None
    digits = named.rsplit("-", 1)[-1].lstrip("h") if isinstance(named, str) else ""
    return max(2, int(digits)) if digits in _LEVELS else None


def _as_html(blocks: list) -> str | None:
    """The HTML of a block list (a ``<p>`` a text block, an ``<hN>`` a heading block), None when it holds
    fewer than :data:`MIN_BLOCKS` text or heading blocks."""
    parts = []
    for block in _flattened(blocks):
        kind = _kind(block)
        if kind is None:
            continue
        level = _level(block, kind)
        style = block.get("style", "normal")  # a page builder's "style" may be an object of CSS: no prose style
        prose = kind in _TEXT_TYPES or (RICH_TEXT and kind == "block" and isinstance(style, str)
                                        and style in _PROSE_STYLES)
        text = _block_text(block) if prose or level is not None else None
        if text is None:
            continue
        parts.append(f"<h{level}>{text}</h{level}>" if level is not None else f"<p>{text}</p>")
    return "".join(parts) if len(parts) >= MIN_BLOCKS else None


def _flattened(blocks: list, limit: int = 20) -> list[dict]:
    """``blocks``' objects in order, a quote's or a list's (``RICH_TEXT``, :data:`_CONTAINERS`) its
    blocks in its place (``content`` or ``children``), down to ``limit`` levels; a container holding no
    block (Strapi's quote: inline text nodes) is itself a paragraph (``type`` ``paragraph``)."""
    out: list[dict] = []
    for block in blocks:
        if not isinstance(block, dict):
            continue
        kind = _kind(block)
        children = block.get("content", block.get("children"))
        if not RICH_TEXT or kind not in _CONTAINERS or not isinstance(children, list):
            out.append(block)
        elif limit > 0 and any(isinstance(c, dict) and _kind(c) in _BLOCK_KINDS for c in children):
            out.extend(_flattened(children, limit - 1))
        elif limit > 0:
            out.append({"type": "paragraph", "content": children})
    return out


_PROSE_STYLES = frozenset({"normal", "blockquote", "lead"})  # Portable Text styles read as paragraphs
_LEVELS = frozenset("123456")  # a heading's level as written ("h3", "heading-3"); "²" is a digit int() refuses


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
                if RICH_TEXT:  # a rich-text field: a document whose "content" is its block list
                    inner += [v.get("content") for v in values + inner
                              if isinstance(v, dict) and _kind(v) in _DOCUMENTS]
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
