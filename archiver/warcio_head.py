"""A received response head, stored so that warcio reads it as the HTTP reader did.

The head a WARC record stores is the bytes received (``archiver.http_headers``), but what reads it back is
warcio (and so pywb, ``warcio check``, cdxj-indexer and archiver's own readers), whose parser is simpler than
an HTTP client's. Two shapes of head that h11 or the tolerant reader (as Chromium) read one way were read
another way by warcio, and are stored in the shape warcio reads alike; every other byte is kept as received.

- **A field line of whitespace alone.** An HTTP/1.x head ends at its first empty line (RFC 9112 section 2.1:
  CRLF, or a bare LF). A line of a space or a tab is an obs-fold continuation that adds nothing (h11,
  Chromium); a form feed, a lone CR or a no-break space byte is a line without a colon, skipped. warcio reads
  a line at a time (up to each LF) and ends the head at the first line that Python's ``str.rstrip()`` leaves
  empty: the fields after it and the real blank line became the payload's first bytes (the page began
  ``Content-Length: 904``, its ``Content-Type`` lost; ``warcio check`` failed the payload digest). Such a
  line means nothing to an HTTP reader and is left out.
- **A status line warcio splits elsewhere.** warcio takes the protocol up to the first space and the status
  code up to the next: ``HTTP/1.1<TAB>200 OK`` gave the status ``OK``, ``HTTP/1.1 200<TAB>OK`` the status
  ``200<TAB>OK``, a status line after a space (`` HTTP/1.1 200 OK``) the status ``HTTP/1.1`` (index.cdxj
  said so, and replay had no status). Chromium reads each (its ``HttpUtil::LocateStartOfStatusLine`` allows
  a few bytes before ``HTTP``), as the tolerant reader does; such a line is stored as the version, the code
  and the reason phrase joined by single spaces.
"""
from __future__ import annotations

import re

_WARCIO_STATUS = re.compile(rb"(?i:HTTP)/\d\.\d \d{3}(?: .*)?")  # split by warcio as an HTTP reader splits it
_STATUS = re.compile(rb"\s*((?i:HTTP)/\d\.\d)[ \t]+(\d{3})(?:[ \t]+(.*?))?\s*")


def _blank_to_warcio(line: bytes) -> bool:
    """Whether warcio reads ``line`` (without its LF) as the end of a head: nothing left after
    ``rstrip()`` once decoded as warcio decodes a header line (UTF-8, else ISO-8859-1)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("latin-1")
    return not text.rstrip()


def _status_line(line: bytes) -> bytes:
    """The status line ``line`` (its CR kept, no LF) in the shape warcio splits as HTTP readers do."""
    cr = b"\r" if line.endswith(b"\r") else b""
    bare = line[:-1] if cr else line
    if _WARCIO_STATUS.fullmatch(bare):
        return line
    match = _STATUS.fullmatch(bare)
    if match is None:  # not a status line the readers took: left as it came
        return line
    version, code, reason = match.groups()
    return version + b" " + code + (b" " + reason if reason else b"") + cr


def warcio_readable(head: bytes) -> bytes:
    """``head`` (a status line, field lines, the empty line that ends it) with its status line in warcio's
    shape and without the field lines warcio would take for its end; ``head`` itself when both are so."""
    lines = head.split(b"\n")  # warcio's readline: a line is what ends in LF
    status = _status_line(lines[0])
    if len(lines) < 4:  # the status line, the empty line, b"": no field line
        return head if status is lines[0] else b"\n".join([status, *lines[1:]])
    fields = lines[1:-2]
    kept = [line for line in fields if not _blank_to_warcio(line)]
    if len(kept) == len(fields) and status is lines[0]:
        return head
    return b"\n".join([status, *kept, *lines[-2:]])
