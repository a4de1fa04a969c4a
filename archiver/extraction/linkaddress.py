"""Link addresses written out after their links, as print views and text-only copies show them.

A print-friendly page (a CMS's print template, a print service's copy, a text-only
rendition) writes each link's address after its text: ``<a href="U">Almaty</a><span>
(U)</span>`` or ``<a href="U">Almaty</a> (U)`` in the text itself. Read as text, every
linked word in the body then carries its address in brackets, inside the sentence, and
the sentence reads differently from the same article anywhere else. ``drop_written_hrefs``
takes such an address out when it is the link's own (the same address, up to the scheme,
``www.``, a trailing slash and the page's address a relative ``href`` is read against);
a bracketed address that is not the link's, or a link whose text is its address, stays.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

__all__ = ["drop_written_hrefs", "may_hold_written_hrefs"]

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


# "http" after "(", "[", "( " or "[ ": the literal first, so re skips to each "http" in C and looks behind it there
_BRACKETED = re.compile(r"http(?:(?<=[(\[]http)|(?<=[(\[] http))")


def may_hold_written_hrefs(html: str) -> bool:
    """Whether the page's HTML text holds a bracketed address at all: ``(http``, ``[http``, ``( http``
    or ``[ http`` (so the walk over every link is made only where it can find something; brackets
    written as character references are not looked for). One scan of ``re`` from one ``http`` to the
    next, the characters before each looked at in C: four substring scans of a page cost 2.7 times as
    much (most pages' text not being ASCII), a Python loop over the ``http`` found twice as much."""
    return _BRACKETED.search(html) is not None


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
