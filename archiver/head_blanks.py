"""Lines of a response head that warcio would take for its end: left out of the stored head.

An HTTP/1.x head ends at its first empty line (RFC 9112 section 2.1: CRLF, or a bare LF). A line of
whitespace alone before it is not that end: h11 and Chromium read a space or a tab as an obs-fold
continuation that adds nothing, and a form feed, a lone CR or a no-break space byte as a line without a
colon, skipped (the tolerant reader too). warcio, and so pywb, ``warcio check`` and archiver's own readers,
read a stored head a line at a time (up to each LF) and end it at the first line that Python's
``str.rstrip()`` leaves empty: the fields after such a line, and the real blank line, became the first
bytes of the payload (the page began ``Content-Length: 904``, its ``Content-Type`` lost, and ``warcio
check`` failed the record's payload digest).

Such a line means nothing to any HTTP reader, so it is left out of the head the WARC record stores: the
stored head then ends, for warcio, where it ended on the wire. Every other byte is kept as received.
"""
from __future__ import annotations


def _blank_to_warcio(line: bytes) -> bool:
    """Whether warcio reads ``line`` (without its LF) as the end of a head: nothing left after
    ``rstrip()`` once decoded as warcio decodes a header line (UTF-8, else ISO-8859-1)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("latin-1")
    return not text.rstrip()


def inner_blanks_dropped(head: bytes) -> bytes:
    """``head`` (a status line, field lines, the empty line that ends it) without the field lines that
    warcio would read as its end; ``head`` itself when there is none (the common case, one pass)."""
    lines = head.split(b"\n")  # warcio's readline: a line is what ends in LF
    if len(lines) < 4:  # the status line, the empty line, b"": no field line
        return head
    fields = lines[1:-2]
    kept = [line for line in fields if not _blank_to_warcio(line)]
    if len(kept) == len(fields):
        return head
    return b"\n".join([lines[0], *kept, *lines[-2:]])
