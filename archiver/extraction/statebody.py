"""Stage 2g (second half): the article body an app's state script holds, when the page shows none.

A page a JavaScript framework renders on the server can leave the article's rich text to the
browser: the HTML holds the header, the headline, maybe the teaser and a loading skeleton, and the
body is only in the page's data script (Next.js's ``<script id="__NEXT_DATA__"
type="application/json">``, the same in other frameworks' ``application/json`` state). trafilatura
reads no script, so the capture held the teaser alone. When the page declares no JSON-LD body
(``ldbody``) and the page's own text holds under ``ldbody.SHARE`` of the body found here, the body
is the state's: the longest string of HTML with at least two paragraphs (``<p>``) in an object that
also holds the page's title as a value (the article's record, not a teaser list or a comment),
read into its blocks as ``ldbody`` reads HTML written into ``articleBody``. A Next.js App Router
page streams its state as React Server Component rows in ``self.__next_f.push([1,"..."])`` scripts
(``flight_rows``): there the body may sit in a ``dangerouslySetInnerHTML`` prop (``{"__html": ...}``)
with no title beside it, and markup a component writes in counts as the record's. Nuxt 3 writes its
state (``<script id="__NUXT_DATA__" type="application/json">``) with devalue: a flat array whose
objects hold indexes, not values; it is revived (``revive``) before the record is looked for.

Cost: a page is looked at only when its HTML holds ``application/json`` followed, before the next
``</script>``, by paragraph markup escaped as a script must escape it (``\\u003cp`` as Next.js writes
it, or ``<\\/p>``), or ``self.__next_f.push([1,`` (then its flight scripts are joined and read only
when they hold a ``<p``); a script is parsed only when the page's own text is under ``SHARE`` of its length.
"""

from __future__ import annotations

import json
import re

from . import ldbody
from .dom import iter_document
from .ldbody import SHARE

__all__ = ["STATE_BODY", "state_scripts", "use_state_body"]

STATE_BODY = True  # False: a page whose body is only in its state script keeps what it shows (ablation)
FLIGHT = True  # False: a Next.js App Router page's flight scripts (self.__next_f.push) are not read (ablation)
_FLIGHT = "self.__next_f.push([1,"
DEVALUE = True  # False: a devalue payload (Nuxt 3's __NUXT_DATA__) is searched as it is, flat (ablation)
# devalue's wrappers around one value (Vue's reactivity, Nuxt's refs): the value stands for them
NESTED = True  # False: a JSON string inside the state (SvelteKit's fetched body) is not read (ablation)
ASSIGNED = True  # False: a plain script assigning state (window.__remixContext = {...}) is not read (ablation)
# rend30: the record's child objects count as the record (Storyblok's story holds its name, its fields sit in
# ``"content": {"component": "article", "body": "<p>..."}``); False: only the object holding the title (ablation)
CHILD_FIELDS = True
# review40: a child object or field named for another part of the record (an author's HTML bio, related items,
# a teaser) is never its body; and a child field is the body only when it holds the prose the page shows
_NOT_BODY = re.compile(r"author|byline|bio|profile|writer|contributor|creator|user|related|recommend|teaser|excerpt"
                       r"|summary|comment|promo|footer|sidebar|newsletter|disclaimer", re.IGNORECASE)
SHOWN_PROSE = 60  # a shown line this long is prose the body must hold (shorter: a byline, a date, a button)
# a value's field shape standing for the value (WordPress REST: "title": {"rendered": "..."})
_FIELDS = ("rendered",)
_ASSIGN = re.compile(r"\s*window\.__\w+\s*=\s*")
_WRAPPERS = frozenset({"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef"})
# paragraph markup in a JSON script: "<" escaped as Next.js (\u003c) or devalue (Nuxt 3, \u003C) write it,
# "</" escaped, or a closing tag left as it is (only "</script" ends a script)
_MARKS = ("\\u003cp", "\\u003Cp", "<\\/p>", "</p>")
_PARA = re.compile(r"<p[\s>]", re.IGNORECASE)


def state_scripts(root, page: str, raw: bytes | None = None) -> list[str]:
    """The texts of the page's ``<script type="application/json">`` elements that hold escaped
    paragraph markup (see :data:`_MARKS`), in page order; ``[]`` at once when ``page`` (the HTML
    text) holds no such script. ``raw``, when given, is ``page`` in UTF-8 byte for byte: the gates
    scan it instead (``marks.holder``). Read before the scripts are stripped."""
    if not STATE_BODY:
        return []
    found = []
    if _holds_state(page) if raw is None else _holds_state_raw(raw):
        found = [el.text for el in iter_document(root, "script")
                 if el.get("type") == "application/json" and el.text and any(m in el.text for m in _MARKS)]
    if ASSIGNED and ("window.__" in page if raw is None else b"window.__" in raw):
        found.extend(assigned(el.text) for el in iter_document(root, "script")
                     if el.get("type") in (None, "", "text/javascript") and el.text and _ASSIGN.match(el.text)
                     and any(m in el.text for m in _MARKS))
    if FLIGHT and (_FLIGHT in page if raw is None else _FLIGHT_RAW in raw):
        rows = flight_rows([el.text for el in iter_document(root, "script")
                            if el.text and el.text.lstrip().startswith(_FLIGHT)])
        if rows:
            found.append(json.dumps(rows))
    return found


def assigned(text: str) -> str:
    """The value a plain script assigns to a window global, ``window.__remixContext = {...};`` (Remix,
    and other frameworks' state written as a JavaScript assignment): the text after ``=`` without its
    closing ``;``. It is JSON when the framework wrote it with ``JSON.stringify``; when it is not (a
    function call, Nuxt 2's IIFE), parsing fails and the script is passed over."""
    match = _ASSIGN.match(text)
    return text[match.end():].strip().removesuffix(";") if match else ""


def flight_rows(scripts: list[str]) -> list:
    """The JSON rows of a Next.js App Router page's React Server Components stream: ``scripts`` are
    the texts of its ``self.__next_f.push([1,"..."])`` scripts in page order; their string literals
    joined are the stream, one row a line, ``ID:JSON`` (a row may be cut across two scripts). Rows
    that are not JSON (client references ``ID:I[...]``, text chunks ``ID:T...``) are left out; ``[]``
    when no row holds paragraph markup. The markup a component writes in
    (``dangerouslySetInnerHTML``) is then in these rows as an ``__html`` string."""
    chunks = []
    for text in scripts:
        text = text.strip().removesuffix(";").removesuffix(")")
        try:
            item = json.loads(text[len("self.__next_f.push("):])
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            continue
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], str):
            chunks.append(item[1])
    stream = "".join(chunks)
    if not _PARA.search(stream):
        return []
    rows = []
    for line in stream.split("\n"):
        _, sep, value = line.partition(":")
        if sep and value[:1] in ("[", "{"):
            try:
                rows.append(json.loads(value))
            except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
                continue
    return rows


def _holds_state(page: str) -> bool:
    """Whether a ``<script>`` whose start tag says ``application/json`` holds paragraph markup (see
    :data:`_MARKS`) before its ``</script>``: one pass over the page, the markers looked for in
    those scripts only."""
    at = page.find("application/json")
    while at != -1:
        start = page.rfind("<", 0, at)
        if page.startswith(("<script", "<SCRIPT"), start):  # a <script>'s type, not a <link> or <meta>
            end = page.find("</script>", at)
            if end == -1:
                return False
            if any(page.find(m, at, end) != -1 for m in _MARKS):
                return True
            at = end
        at = page.find("application/json", at + 16)
    return False


_FLIGHT_RAW = _FLIGHT.encode("ascii")
_MARKS_RAW = tuple(m.encode("ascii") for m in _MARKS)


def _holds_state_raw(page: bytes) -> bool:
    """:func:`_holds_state` on the page's UTF-8 bytes (every needle ASCII: found at the same places)."""
    at = page.find(b"application/json")
    while at != -1:
        start = page.rfind(b"<", 0, at)
        if page.startswith((b"<script", b"<SCRIPT"), start):
            end = page.find(b"</script>", at)
            if end == -1:
                return False
            if any(page.find(m, at, end) != -1 for m in _MARKS_RAW):
                return True
            at = end
        at = page.find(b"application/json", at + 16)
    return False


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _field(value):
    """``value``, or the string a field shape stands for (:data:`_FIELDS`: WordPress REST's
    ``{"rendered": "...", "protected": false}``), or the value a JSON string inside the state holds
    (SvelteKit inlines a fetched response as ``{"status": 200, ..., "body": "<JSON text>"}``): only a
    string opening with ``{`` or ``[`` and holding paragraph markup is parsed; one that is not JSON
    stays a string."""
    if NESTED and isinstance(value, dict):
        for key in _FIELDS:
            if isinstance(value.get(key), str):
                return value[key]
    if NESTED and isinstance(value, str) and value[:1] in ("{", "[") and _PARA.search(value):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            return value
    return value


def _record_body(data, title: str) -> tuple[str | None, str | None]:
    """The longest HTML string (two ``<p>`` or more) of an object in ``data`` that holds ``title``
    (a value, or a field shape's or a nested JSON string's: :func:`_field`), and the longest of a child
    object of it (``CHILD_FIELDS``: a headless CMS's record, ``{"name": TITLE, "content": {"body":
    "<p>..."}}``; neither the child's key nor the field's names an author, a bio, related items or a
    teaser: :data:`_NOT_BODY`); None for each not found."""
    best: str | None = None
    child: str | None = None
    want = _folded(title)
    stack = [_field(data)]
    seen: dict[int, object] = {}  # a revived devalue payload may share or cycle its objects: each walked once
    # (held here, so no id is reused by a value decoded later)
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen[id(item)] = item
        if isinstance(item, list):
            items = [_field(v) for v in item]
            stack.extend(v for v in items if isinstance(v, (dict, list)))
        elif isinstance(item, dict):
            values = [_field(v) for v in item.values()]
            written = FLIGHT and isinstance(item.get("__html"), str)  # markup a component writes in (React)
            if written or any(isinstance(v, str) and len(v) < 400 and _folded(v) == want for v in values):
                for v in values:
                    if isinstance(v, str) and (best is None or len(v) > len(best)) and len(_PARA.findall(v)) >= 2:
                        best = v
                if CHILD_FIELDS:  # a headless CMS's record: its name beside a child object of fields
                    for key, v in item.items():
                        v = _field(v)
                        if isinstance(v, dict) and not _NOT_BODY.search(str(key)):
                            for inner, w in v.items():
                                w = _field(w)
                                if (isinstance(w, str) and not _NOT_BODY.search(str(inner))
                                        and (child is None or len(w) > len(child)) and len(_PARA.findall(w)) >= 2):
                                    child = w
            stack.extend(v for v in values if isinstance(v, (dict, list)))
    return best, child


def use_state_body(lines: list[str], scripts: list[str], title: str | None,
                   dropped: list[str] | None = None) -> list[str] | None:
    """The paragraphs of the article body in the page's state ``scripts`` (from :func:`state_scripts`)
    when the page's own text (``lines``, trafilatura's body without its title) holds under ``SHARE``
    of its characters and it is at least ``MIN_CHARS`` long, else None. ``title``: the page's title,
    which the body's object must hold as a value. ``dropped``: as ``ldbody.paragraphs_of``'s."""
    if not STATE_BODY or not scripts or not title:
        return None
    shown = sum(len(line) for line in lines)
    best: str | None = None
    for text in scripts:
        if shown >= SHARE * len(text):  # no string in it can be long enough
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested past the C decoder's depth
            continue
        if DEVALUE and _is_devalue(data):
            data = revive(data)
        body, child = _record_body(data, title)
        if child is not None and (body is None or len(child) > len(body)) and _holds_shown(child, lines):
            body = child
        if body is not None and (best is None or len(body) > len(best)):
            best = body
    return None if best is None else ldbody.hidden_body(shown, best, dropped)


def _holds_shown(body: str, lines: list[str]) -> bool:
    """Whether the HTML ``body`` holds the prose the page shows (``lines`` of :data:`SHOWN_PROSE` characters
    or more, folded): at least half of their characters in lines it holds; true when the page shows none."""
    prose = [_folded(line) for line in lines if len(line) >= SHOWN_PROSE]
    if not prose:
        return True
    text = _folded(" ".join(ldbody.paragraphs_of(body, [])))
    return 2 * sum(len(line) for line in prose if line in text) >= sum(len(line) for line in prose)


def _is_devalue(data) -> bool:
    """Whether ``data`` looks like devalue's flat array: its first item an object of indexes or a
    wrapper (``["ShallowReactive", 1]``)."""
    if not isinstance(data, list) or len(data) < 2:
        return False
    head = data[0]
    if isinstance(head, dict):
        return bool(head) and all(isinstance(v, int) for v in head.values())
    return (isinstance(head, list) and len(head) == 2 and isinstance(head[0], str) and head[0] in _WRAPPERS
            and isinstance(head[1], int))


def revive(flat: list, limit: int = 200):
    """The nested value devalue's flat array ``flat`` stands for (as ``devalue.parse`` gives it): an
    object's values and an array's items are indexes into ``flat``, a wrapper (``["Reactive", i]``)
    is its value, other typed items (``["Date", ...]``, ``["Set", ...]``) and negative indexes
    (undefined, holes, NaN) are None. Shared and cyclic items are built once; deeper than ``limit``
    levels, None."""
    memo: dict[int, object] = {}

    def get(at, depth: int):
        if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at < len(flat) or depth > limit:
            return None
        if at in memo:
            return memo[at]
        item = flat[at]
        if isinstance(item, dict):
            out: dict = {}
            memo[at] = out
            for key, index in item.items():
                out[key] = get(index, depth + 1)
            return out
        if isinstance(item, list):
            if item and isinstance(item[0], str):  # a typed item
                value = get(item[1], depth + 1) if item[0] in _WRAPPERS and len(item) == 2 else None
                memo[at] = value
                return value
            items: list = []
            memo[at] = items
            items.extend(get(index, depth + 1) for index in item)
            return items
        return item

    return get(0, 0)
