"""Text a server chose, made safe to print: the characters a terminal acts on are written as escapes.

A failure's reason quotes what the server sent: the reason phrase of its status line (``HTTP 404 Not
Found``), a ``Retry-After`` value, a ``Content-Range``. h11 refuses control bytes in a status line, but
the tolerant reader (which reads what browsers read) took the phrase as it came, and the reason went into
the catalog and onto the terminal as it was: an ESC sequence set the terminal's title, cleared the screen
or coloured the rest of the run (``ESC ] 0 ; ... BEL``, ``ESC [ 2 J``), a CR sent the cursor back so that
``failed URL: HTTP 404 ...`` showed as ``captured 200 http://elsewhere/``, and a right-to-left override
turned the line's text around (CVE-2021-42574's trick). HTTPie was reported for the same
(httpie/cli#1812, "Terminal escape sequence injection via malicious HTTP response data").

``printable`` writes each C0 control but the tab and the line feed, DEL, each C1 control and the
bidirectional controls as ``\\xNN`` or ``\\uNNNN``; every other character (letters of any script, the
joiners Persian and Indic text need) is kept.
"""
from __future__ import annotations

import re

_ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with the characters a terminal would act on (not show) written as escapes; tab and line feed kept."""
    return _ACTED_ON.sub(_escape, text)


_QUIET = ("Replacing spaces in invalid WARC-Target-URI",)  # archiver records such a URI with %20 itself


def _library_record(record) -> bool:
    """A ``logging.Filter`` callable: drops warcio's notes of what archiver mends anyway, and writes every other
    message of the library as ``printable`` text (it quotes the file's bytes: a URI, a header line)."""
    message = record.getMessage()
    if message.startswith(_QUIET):
        return False
    record.msg, record.args = printable(message), ()
    return True


def guard_library_logs(names: tuple[str, ...] = ("warcio.recordloader",)) -> None:
    """Filter the log records of the libraries ``names`` that quote archived bytes (warcio's loggers log through
    Python's last-resort handler onto stderr: ``Replacing spaces in invalid WARC-Target-URI: URI`` printed an
    imported file's URI, escape sequences and all). Idempotent."""
    import logging

    for name in names:
        logger = logging.getLogger(name)
        if _library_record not in logger.filters:
            logger.addFilter(_library_record)
