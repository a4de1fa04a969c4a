"""The page an MHTML archive holds: a web page saved as one file ("Save as... Webpage, Single File").

Chrome, Edge and Internet Explorer save a page as a MIME message (RFC 2557, ``.mht`` /
``.mhtml``): a head ("From: <Saved by Blink>", "Snapshot-Content-Location: URL",
``Content-Type: multipart/related; type="text/html"; boundary=...``), then the page as the first
part in quoted-printable (``=3D`` for each ``=``, a soft line break ``=`` every 76 columns, inside
words and tags alike), its stylesheets and images as further parts. Put on a web server such a
file is served as ``message/rfc822`` (Apache's type for the suffixes), ``multipart/related``,
``application/x-mimearchive`` or with no useful type at all; it was skipped as "not HTML" (and read
as HTML, its quoted-printable source became the text: "Coll= ective", "=E2=80=9C"). A browser
opens it as the page it holds: :func:`archived_page` gives that page's bytes, its transfer
coding undone, with the part's own Content-Type (its charset), for the HTML pipeline. The same
reading takes the HTML part of a mail saved as ``.eml`` and served as ``message/rfc822``.
"""
from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.message import Message

__all__ = ["MHTML_TYPES", "archived_page", "held_page", "looks_archived"]

MHTML_TYPES = frozenset({"multipart/related", "message/rfc822", "application/x-mimearchive"})
_HEAD = 2048  # bytes of the body looked at to call it a MIME archive


def looks_archived(body: bytes) -> bool:
    """True when ``body`` opens as an MHTML file: a MIME head (header lines, no tag before them)
    naming ``multipart/related`` within its first 2 KiB. For bodies served with no type, or an
    unhelpful one (``application/octet-stream``, ``text/plain``)."""
    head = body[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = head.lower()
    return (not head.startswith(b"<") and b"mime-version:" in lower
            and b"multipart/related" in lower)


def _page_part(message: Message) -> Message | None:
    """The multipart's root ``text/html`` part: the one its ``start`` parameter names, else the one
    at the snapshot's location, else the first ``text/html`` part."""
    pages = [part for part in message.walk() if part.get_content_type() == "text/html"]
    if not pages:
        return None
    start = message.get_param("start")
    if isinstance(start, str):
        named = [p for p in pages if (p.get("Content-ID") or "").strip() == start.strip()]
        if named:
            return named[0]
    where = (message.get("Snapshot-Content-Location") or "").strip()
    if where:
        located = [p for p in pages if (p.get("Content-Location") or "").strip() == where]
        if located:
            return located[0]
    return pages[0]


def archived_page(body: bytes, content_type: str | None = None) -> tuple[bytes, str] | None:
    """``(page bytes, its Content-Type)`` of the page an MHTML archive (or a saved mail) ``body``
    holds; None when it holds no ``text/html`` part.

    ``content_type`` is the HTTP header's: a body that is only the multipart (no MIME head of its
    own, starting at its first boundary) is read under it. The page's transfer coding
    (quoted-printable, base64) is undone; its charset is the part's ``charset`` parameter, else left
    to the HTML pipeline (BOM, ``<meta>``, detection). Never raises for malformed input: a part that
    cannot be decoded gives its bytes as they are; multiparts nested too deep to parse give None.
    """
    import email
    import email.policy

    raw = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if raw.startswith(b"--") and content_type:
        raw = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace") + raw
    try:  # multiparts nested past Python's recursion limit (a few KiB of boundaries) overflow the parser
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        part = _page_part(message)
    except RecursionError:
        return None
    if part is None:
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset()
    return payload, "text/html" + (f"; charset={charset}" if charset else "")


def held_page(body: bytes, content_type: str | None, sniff: Collection[str]) -> tuple[bytes, str] | None:
    """:func:`archived_page` of ``body`` when it is an MHTML archive: served as one of
    :data:`MHTML_TYPES`, or with a type in ``sniff`` (none, or one that says nothing) and
    :func:`looks_archived`; else None (a page, or an archive holding no HTML part)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in MHTML_TYPES or (mime in sniff and looks_archived(body)):
        return archived_page(body, content_type)
    return None
