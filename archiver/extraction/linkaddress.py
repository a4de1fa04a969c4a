"""Link addresses written out after their links, as print views and text-only copies show them.

A print-friendly page (a CMS's print template, a print service's copy, a text-only
rendition) writes each link's address after its text: ``<a href="U">Almaty</a><span>
(U)</span>`` or ``<a href="U">Almaty</a> (U)`` in the text itself. Read as text, every
linked word in the body then carries its address in brackets, inside the sentence, and
the sentence reads differently from the same article anywhere else. ``drop_written_hrefs``
takes such an address out when it is the link's own (the same address, up to the scheme,
``www.``, a trailing slash and the page's address a relative ``href`` is read against);
a bracketed address that is not the link's, or a link whose text is its address, stays.

Some print templates number the links instead: a mark after each link, ``<a href="U">Almaty</a>
<span class="print-footnote">[1]</span>`` (Drupal's print module, 2006-2020) or ``Almaty [1]``, and
the addresses in a list closing the page ("Links:", then "[1] U", "[2] ..." cut by ``<br>``).
``drop_link_references`` takes out each mark whose listed address is its link's, and then the
list whose entries those were; a mark whose entry names another address, or a list no mark
points into (a references section), stays.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

__all__ = ["address_marks", "drop_link_references", "drop_written_hrefs", "may_hold_written_hrefs"]

# "(https://...)" or "[https://...]" at the start of a text, or as the whole text of an element
# (a bare address after a link, "Trackback URL http://...", is the page's own line, not this kind)
_LEADING = re.compile(r"^\s*[(\[]\s*(https?://[^\s()\[\]<>]+)\s*[)\]]")
_WHOLE = re.compile(r"^\s*[(\[]\s*(https?://[^\s()\[\]<>]+)\s*[)\]]\s*$")
_ADDRESS = re.compile(r"^\s*[(\[]?\s*https?://\S+\s*[)\]]?\s*$")
_SCHEME = re.compile(r"^(?:https?:)?//(?:www\.)?", re.I)


def _key(address: str) -> str:
    return _SCHEME.sub("", address.strip()).rstrip("/").lower()


def _same(written: str, href: str, base: str | None) -> bool:
    target = urljoin(base, href) if base else href
    return _key(written) in {_key(target), _key(href)}


# "http" after "(", "[", "( " or "[ ", or a numbered list's "] http": the literal first, so re skips to each
# "http" in C and looks behind it there
_MARKED = re.compile(r"http(?:(?<=[(\[]http)|(?<=[(\[] http)|(?<=\] http))")


def may_hold_written_hrefs(html: str) -> bool:
    """Whether the page's HTML text holds a bracketed address at all: ``(http``, ``[http``, ``( http``
    or ``[ http`` (so the walk over every link is made only where it can find something; brackets
    written as character references are not looked for). One scan of ``re`` from one ``http`` to the
    next, the characters before each looked at in C: four substring scans of a page cost 2.7 times as
    much (most pages' text not being ASCII), a Python loop over the ``http`` found twice as much."""
    return address_marks(html)[0]


def address_marks(html: str) -> tuple[bool, bool]:
    """``(written, numbered)``: whether the page's HTML may hold a bracketed address (see
    :func:`may_hold_written_hrefs`) and whether it may hold a numbered list of addresses (``] http``,
    :func:`drop_link_references`), from the one scan over its ``http``s, which stops at the first
    bracketed address: a scan of its own for ``] http`` cost 0.11 ms a page, and scanning on past that
    first hit 0.15 ms (most pages have a ``url(http`` early). So ``numbered`` is found only before the
    first bracketed address: a print view whose "(https://" comes before its links list keeps its
    marks (a known limit, no harm). ``re`` stops only at the rare ``] http`` and at the first bracketed
    one; the ``http`` in between are passed over in C."""
    numbered = False
    for found in _MARKED.finditer(html):
        if html[found.start() - 1] != " " or html[found.start() - 2] != "]":
            return True, numbered
        numbered = True
    return False, numbered


def drop_written_hrefs(root, url: str | None = None) -> int:
    """Remove link addresses written out in brackets right after their links.

    ``root``: the parsed page (lxml), changed in place; ``url``: the page's address, which
    relative ``href``s are read against. The address is taken from the link's tail
    ("Almaty (https://...)") or, when the link's tail is blank, from the next sibling element
    whose whole text is the address (the element goes, its own tail stays). Returns how many
    addresses were removed.
    """
    base: str | None = None
    taken = 0
    gone = []  # (link, the element holding its address)
    for a in root.iter("a"):
        tail = a.tail
        nxt = None
        if tail and tail.strip():
            found = _LEADING.match(tail)
        else:
            nxt = a.getnext()
            if nxt is None or not isinstance(nxt.tag, str) or len(nxt) or "//" not in (nxt.text or ""):
                continue
            found = _WHOLE.match(nxt.text or "")
        if not found:
            continue
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if _ADDRESS.match("".join(a.itertext())):
            continue  # the link's text is an address: the page shows it, not an expansion
        if base is None:
            tag = next(root.iter("base"), None)
            base = urljoin(url or "", tag.get("href") or "") if tag is not None else (url or "")
        if not _same(found.group(1), href, base):
            continue
        if nxt is None:
            a.tail = tail[found.end():]  # the space before the bracket goes with it
        else:
            gone.append((a, nxt))
        taken += 1
    for a, nxt in gone:  # after the walk: the walk must not lose its place
        a.tail = (a.tail or "") + (nxt.tail or "")
        nxt.getparent().remove(nxt)
    return taken


LINK_REFERENCES = True  # False: a print view's "[1]" marks and its "Links:" list stay (ablation)
_MARK = re.compile(r"^\s*\[(\d{1,3})\]")  # a link's tail opening with its mark
_WHOLE_MARK = re.compile(r"^\s*\[(\d{1,3})\]\s*$")  # an element after the link holding only the mark
_ENTRY = re.compile(r"\[(\d{1,3})\]\s*(https?://[^\s<>\[\]]+)")
# a block of entries and nothing else, maybe under a short label ("Links:", "Links", "Verweise:")
_LIST = re.compile(r"^\s*(?:[^\W\d]{1,20}(?::\s*|\s+))?(?:\[\d{1,3}\]\s*https?://[^\s<>\[\]]+\s*)+$")
_CLOSING = tuple(",.;:!?)]…’”")
_LIST_TAGS = ("p", "div", "pre", "td", "section", "footer")


def drop_link_references(root, url: str | None = None) -> int:
    """Remove a print view's numbered link marks and the list of addresses they point into.

    ``root``: the parsed page (lxml), changed in place; ``url``: the page's address, which relative
    ``href``s are read against. The list is the outermost block (``p``, ``div``, ``pre``, ``td``,
    ``section``, ``footer``) whose whole text is "[n] address" entries, maybe after a one-word label;
    a mark is "[n]" opening a link's tail, or the whole text of the element right after the link (it
    goes, its own tail stays), when entry n is the link's address. The lists go once a mark went.
    Returns how many marks were removed (0: nothing changed)."""
    if not LINK_REFERENCES:
        return 0
    lists: list = []
    entries: dict[str, str] = {}
    for el in root.iter(*_LIST_TAGS):
        text = "".join(el.itertext())
        if "] http" not in text or not _LIST.match(text):
            continue
        if lists and any(up in lists for up in el.iterancestors()):
            continue  # inside a list already found (the walk meets the outer block first)
        lists.append(el)
        entries.update(_ENTRY.findall(text))
    if not entries:
        return 0
    base: str | None = None
    taken = 0
    gone = []
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        tail, nxt = a.tail, None
        if tail and tail.strip():
            found = _MARK.match(tail)
        else:
            nxt = a.getnext()
            if nxt is None or not isinstance(nxt.tag, str) or len(nxt):
                continue
            found = _WHOLE_MARK.match(nxt.text or "")
        if not found or found.group(1) not in entries:
            continue
        if base is None:
            tag = next(root.iter("base"), None)
            base = urljoin(url or "", tag.get("href") or "") if tag is not None else (url or "")
        if not _same(entries[found.group(1)], href, base):
            continue
        if nxt is None:
            a.tail = tail[found.end():]
        else:
            gone.append((a, nxt))
        taken += 1
    for a, nxt in gone:  # the space before the mark goes with it when the mark's tail brings its own
        after = nxt.tail or ""
        a.tail = ((a.tail or "").rstrip() if after[:1].isspace() or after[:1] in _CLOSING else a.tail or "") + after
        nxt.getparent().remove(nxt)
    if taken:
        for el in lists:
            parent = el.getparent()
            if parent is not None:
                if el.tail and el.tail.strip():
                    prev = el.getprevious()
                    if prev is not None:
                        prev.tail = (prev.tail or "") + el.tail
                    else:
                        parent.text = (parent.text or "") + el.tail
                parent.remove(el)
    return taken
