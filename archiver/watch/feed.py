"""``clean/changes.atom``: one Atom entry per event the watch tells, newest first (feedgen).

Every notified kind is an entry: a content change, a byline change, an extraction
warning, an article taken down or back. Each entry's text is the notification's
(what changed, when, each side's clean text file and WARC record), and with
``--replay-url`` its ``related`` links go to both captures in the replay.
Entry ids are tag-like URNs made of the URL's hash and the capture id (and the
kind, for any other entry than an edit), so a feed reader sees each change once however
often the file is rewritten. The feed's ``<updated>`` is its newest entry's time
(RFC 4287 4.2.15: the latest significant change), not the time of the run that
wrote it: a rewrite with nothing new leaves it as it was.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from archiver.output import write_atomic
from archiver.watch.clock import parse_time
from archiver.watch.message import message

FEED_NAME = "changes.atom"
# watch_events kinds listed (a return is not)
FEED_KINDS = ("edit", "byline", "caption", "extraction-changed", "gone", "back")
MAX_ENTRIES = 500
# characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF): lxml refuses
# them, so a title or changed words holding one (a page's raw control byte) would stop the feed's writing
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (each becomes U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


def entry_id(event: dict[str, Any]) -> str:
    """``urn:archiver:change:URLHASH:CAPTURE`` for an edit (as before gone and back were listed), else
    ``urn:archiver:KIND:URLHASH:CAPTURE``."""
    digest = hashlib.sha256(event["url"].encode("utf-8")).hexdigest()[:16]
    kind = "change" if event.get("kind", "edit") == "edit" else str(event["kind"])
    return f"urn:archiver:{kind}:{digest}:{int(event['capture_id'])}"


def render_feed(events: list[dict[str, Any]], feed_id: str, updated: str) -> bytes:
    """The Atom document for ``events`` (``watch_events`` rows of the FEED_KINDS, detail decoded).

    ``updated`` (an ISO 8601 instant) is the feed's ``<updated>`` only when there is no event;
    else that is the newest event's capture time."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title("archiver: content changes")
    fg.subtitle("Edits found in watched articles, byline changes, extraction warnings, and articles taken down "
                "(HTTP 404/410) or back (layout and boilerplate differences are not listed)")
    fg.author({"name": "archiver"})
    fg.generator("archiver")
    fg.updated(max((parse_time(e["at"]) for e in events), default=parse_time(updated)))
    related: dict[str, list[tuple[str, str]]] = {}  # entry id -> its (href, title) of rel="related" links
    for event in sorted(events, key=lambda e: (e["at"], e["id"]))[-MAX_ENTRIES:]:
        subject, body = message(event)
        fe = fg.add_entry(order="prepend")
        fe.id(entry_id(event))
        fe.title(xml_safe(subject))
        fe.link(href=xml_safe(event["url"]))
        for side, label in (("old", "before"), ("new", "this capture")):
            replay = (event["detail"].get(side) or {}).get("replay")
            if replay:  # both captures in the replay (--replay-url), beside the article's own address
                which = event["detail"][side].get("capture_id")
                fe.link(href=xml_safe(replay), rel="related", title=f"{label}: capture {which}")
                related.setdefault(entry_id(event), []).append((xml_safe(replay), f"{label}: capture {which}"))
        fe.updated(parse_time(event["at"]))
        fe.published(parse_time(event["at"]))
        fe.content(xml_safe(body), type="text")
    return _related(fg.atom_str(pretty=True), related)


def _related(atom: bytes, related: dict[str, list[tuple[str, str]]]) -> bytes:
    """``atom`` with ``rel="related"`` and ``title`` on the entries' replay links: feedgen 1.0 drops every
    attribute of an entry's link but ``href`` (its writer reuses the loop's name for the new element)."""
    if not related:
        return atom
    from lxml import etree

    ns = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(atom)
    for entry in root.iter(f"{ns}entry"):
        wanted = list(related.get(entry.findtext(f"{ns}id") or "", []))
        for link in entry.findall(f"{ns}link"):
            if wanted and link.get("href") == wanted[0][0] and link.get("rel") is None:
                link.set("rel", "related")
                link.set("title", wanted.pop(0)[1])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_feed(clean: Path, events: list[dict[str, Any]], updated: str) -> Path:
    """Write ``clean/changes.atom`` (atomically) and return its path."""
    path = Path(clean) / FEED_NAME
    feed_id = "urn:archiver:feed:" + hashlib.sha256(str(Path(clean).resolve()).encode()).hexdigest()[:16]
    write_atomic(path, render_feed(events, feed_id, updated))
    return path
