"""A body whose framing and bytes disagree: what the body is then, and what the capture says.

Three server faults, each read the way browsers read it:

- ``Content-Length`` counts the body after its content coding is undone (a gzip body announced with
  the length of the page): the connection closes after the coded bytes, short of the length. Chromium
  takes such a body as whole when the decoded length equals the ``Content-Length`` exactly, as IE and
  Firefox did (``URLRequestHttpJob::ShouldFixMismatchedContentLength``, crbug.com/79694): so does
  ``decoded_whole``, and the capture says why (no ``WARC-Truncated``).
- ``Content-Length`` larger than what the server sends, every time (a length computed before a
  template was cut, or for another copy): the body is cut by the close or a stall at the same byte in
  every run. The first run keeps the part with ``WARC-Truncated`` and fails the URL, to be asked again
  (a hang-up mid-body is most often the network's). When the next run gets the very same bytes, cut the
  same way, retrying cannot help: the part is what the server serves, the page a browser shows
  (Chromium calls it ERR_CONTENT_LENGTH_MISMATCH but renders what came; Firefox does not enforce HTTP/1
  framing). ``repeated_cuts`` finds such URLs in the catalog; the capture is then ``captured``, still
  ``WARC-Truncated``, its text extracted, and no run asks again. A URL captured whole before is not
  settled so (a watched page cut twice is not an edit).
- ``Content-Length`` smaller than what the server sends: the body is read to the length, as every
  browser, curl and wget read it; the bytes after it are not part of the message. ``surplus_note`` says
  how many came.

Whatever the cause, a stored body shorter (or longer) than the ``Content-Length`` stored above it would
not replay: pywb sends that length and the browser waits for bytes the record does not hold (the
replay of such a capture hung). ``length_renamed`` keeps the line as ``X-Archive-Orig-Content-Length``,
as a length beside chunked coding is kept, and replay tools frame the body by the record.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from typing import IO, Any

from archiver.body_spool import Body
from archiver.decoding import DecodingError, content_codings, decode_prefix
from archiver.fetch.trailers import block_digest
from archiver.http_headers import CL_RENAMED, TE_RENAMED, ReceivedHeaders

CODINGS = ("gzip", "x-gzip", "deflate", "br")
# the largest announced length ``decoded_whole`` decodes a body to: the server picks the length, and a coded body
# of a few MB can decode to GBs (a gzip of zeros is ~1/1000 of it); past this the body stays cut (WARC-Truncated)
MAX_DECODED_CHECK = 64 * 1024 * 1024


def field_values(headers: Any, name: str) -> list[str]:
    """Every value of the field ``name`` in a stored HTTP head (warcio's ``StatusAndHeaders``)."""
    return [str(v) for n, v in headers.headers if str(n).lower() == name]


def chunked_stored(headers: Any) -> bool:
    """Whether a stored HTTP head says its body came chunked (the line is stored renamed, the body de-chunked)."""
    return any("chunked" in v.lower() for v in field_values(headers, TE_RENAMED.decode().lower()))


def announced_length(values: list[str]) -> int | None:
    """The one length the ``Content-Length`` field values give (repeats of one value are one), else None."""
    lengths = {item.strip() for value in values for item in value.split(",") if item.strip()}
    if len(lengths) != 1:
        return None
    text = lengths.pop()
    return int(text) if text.isascii() and text.isdigit() else None


def decoded_whole(stream: IO[bytes], length: int, coding: str | None, announced: int | None) -> bool:
    """Whether a content-coded body (``length`` bytes spooled in ``stream``) cut short of ``announced`` is a
    whole coded stream whose decoded length is exactly ``announced`` (Chromium's rule, see the module). An
    ``announced`` over ``MAX_DECODED_CHECK`` bytes is not checked (False): the decoding is held in memory."""
    codings = [c.strip().lower() for c in (coding or "").split(",") if c.strip()]
    if announced is None or not length or length >= announced or not codings or announced > MAX_DECODED_CHECK:
        return False
    if any(c not in CODINGS and c != "identity" for c in codings):
        return False
    stream.seek(0)
    data = stream.read(length)
    stream.seek(0)
    try:
        decoded, more = decode_prefix(data, coding, announced + 1, whole=True)
    except DecodingError:  # CutShort is one: a stream that stops before its end is a body cut short
        return False
    return not more and len(decoded) == announced


def coded_whole_note(response: Any, body: Body) -> str | None:
    """For a content-coded body cut by the close short of its ``Content-Length`` (``response``: the stored
    head) that is whole by Chromium's rule (``decoded_whole``): the capture's note; else None."""
    coding = content_codings(response)
    announced = announced_length(field_values(response, "content-length"))
    if announced is None or not decoded_whole(body.stream, body.length, coding, announced):
        return None
    return decoded_note(body.length, announced, str(coding))


def decoded_note(length: int, announced: int, coding: str) -> str:
    return (f"Content-Length {announced} counts the page after its {coding} coding is undone; the server closed "
            f"after the {length} coded bytes, a whole {coding} stream of exactly that length: taken as whole, as "
            "Chromium and Firefox take it")


def repeated_cuts(conn: sqlite3.Connection) -> dict[str, str]:
    """URL -> payload digest of its last attempt, for URLs never captured whose last attempt was a body cut
    short (by a hang-up or a stall) with some bytes: if this run gets the same bytes, the cut is the server's."""
    rows = conn.execute(
        "SELECT c.url, c.payload_digest FROM captures c WHERE c.state = 'failed' "
        "AND c.truncated IN ('disconnect', 'time') AND c.payload_digest IS NOT NULL "
        "AND c.id = (SELECT MAX(d.id) FROM captures d WHERE d.url = c.url) "
        "AND NOT EXISTS (SELECT 1 FROM captures e WHERE e.url = c.url AND e.state = 'captured')")
    return {str(url): str(digest) for url, digest in rows}


def repeated_cut(response: Any, body: Body, before: str | None) -> str | None:
    """The reason of a capture settled by a repeated cut: ``body`` (``response``: its stored head) cut short by
    a hang-up or a stall, some bytes long, the same bytes (payload digest) as ``before``, the last run's; else
    None."""
    if body.truncated not in ("disconnect", "time") or not body.length or body.payload_digest != before:
        return None
    # the length line is stored renamed by then (``length_renamed``): the part does not frame the record
    values = field_values(response, "content-length") or field_values(response, CL_RENAMED.decode().lower())
    return repeated_note(body.length, announced_length(values), chunked_stored(response),
                         "closed" if body.truncated == "disconnect" else "stalled")


def repeated_note(length: int, announced: int | None, chunked: bool, how: str) -> str:
    """The reason of a capture settled by a repeated cut (``how``: "closed" or "stalled")."""
    short = ("before the last chunk of its chunked body" if chunked
             else f"short of the {announced} bytes its Content-Length announces" if announced is not None
             else "mid-body")
    return (f"the server sent the same {length} bytes in two runs and {how} {short}: taken as the page, as "
            "browsers show it (WARC-Truncated kept)")


def length_renamed(response: Any, body: Body, status: int) -> tuple[Any, Body] | None:
    """``response`` (a stored head as received) with its ``Content-Length`` lines renamed, and ``body`` with
    the block digest of the new block, when the stored body is not the length they give; else None."""
    raw = getattr(response, "raw", None)
    values = field_values(response, "content-length")
    if raw is None or not values or status in (204, 304) or status < 200:
        return None
    if announced_length(values) == body.length:
        return None
    block = re.sub(rb"(?im)^[ \t]*content-length(?=[ \t]*:)", CL_RENAMED, raw)
    named = CL_RENAMED.decode()
    parsed = [(named if n.lower() == "content-length" else n, v) for n, v in response.headers]
    stored = ReceivedHeaders(response.statusline, parsed, response.protocol, block)
    digest = block_digest(block, body.stream, body.length)
    body.stream.seek(0)  # the record is written from the start of the spool
    return stored, replace(body, block_digest=digest)


def surplus_note(announced: int, surplus: int, status: int = 200) -> str:
    """The reason's words for ``surplus`` bytes after a body of ``announced`` bytes; for a status that has no
    body (1xx, 204, 304: RFC 9110 sections 6.4.1 and 15.3.5) its Content-Length frames nothing, and before
    round 35 a 204 sent with its 892-byte body read 'Content-Length 892, but 892 more bytes came after it'."""
    if status in (204, 304) or status < 200:
        return (f"HTTP {status} has no body, but {surplus} bytes came after its head (Content-Length {announced}): "
                "not archived, as browsers ignore them")
    return (f"Content-Length {announced}, but {surplus} more bytes came after it: the body is read to its length, "
            "as browsers read it; the bytes after it are not archived")


def robots_taken(url: str, body: Body, head: Any) -> dict[str, Any]:
    """The log line (``message``) and its JSON fields for a robots.txt cut short the same way as the last run's,
    and so read as the file (``robots.cut_robots``): ``url`` as archived (redacted), ``body`` the part that came,
    ``head`` its stored head (a ``Content-Length`` renamed by then, ``length_renamed``). The pages' reasons showed
    it only as their outcome."""
    values = field_values(head, "content-length") or field_values(head, CL_RENAMED.decode().lower())
    announced = announced_length(values)
    how = "closed" if body.truncated == "disconnect" else "stalled"
    note = repeated_note(body.length, announced, chunked_stored(head), how).split(": taken as", 1)[0]
    cut = "cut Content-Length" if announced is not None else "cut body"
    return {"message": f"robots.txt {url} taken as sent ({cut}): {note}; its whole lines are read as the file",
            "url": url, "bytes": body.length, "content_length": announced}

