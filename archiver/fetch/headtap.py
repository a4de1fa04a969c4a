"""The bytes of an HTTP/1.x response head as they came off the wire.

h11 hands over parsed headers only; a block rebuilt from them loses bare line
feeds, folded (obs-fold) lines, spacing around values. ``HeadTap`` is fed what a
connection reads after a request is written and finds the final response head
in it (1xx heads before it are skipped, as h11 skips them). It searches each
byte once, so a head trickled in one byte per read costs linear time.
"""
from __future__ import annotations

import re

MAX_INFORMATIONAL = 32  # 1xx heads before the final one (rawhttp's limit too): past it, the response is refused
MAX_TAP = 256 * 1024  # bytes looked at for a head (rawhttp.MAX_HEAD; Chromium's limit)
HEAD_END = re.compile(rb"\r?\n\r?\n")
STATUS_CODE = re.compile(rb"HTTP/\d\.\d[ \t]+(\d{3})[ \t\r\n]")


class HeadTap:
    """Feed the bytes read after a request; ``feed`` says when the final head is whole.

    ``feed(chunk)`` returns True while more bytes are wanted, False once done:
    then ``head`` holds the final head's bytes (status line to blank line), or
    None when the bytes did not start with a status line, the head passed
    ``MAX_TAP`` bytes, the connection ended first, or more than
    ``MAX_INFORMATIONAL`` 1xx heads came (``informational`` says how many).
    """

    def __init__(self) -> None:
        self.data = bytearray()
        self.start = 0  # where the current head begins (skipped 1xx heads are dropped, so always 0)
        self.searched = 0  # bytes already searched for the blank line
        self.head: bytes | None = None
        self.informational = 0  # 1xx heads skipped so far

    def feed(self, chunk: bytes) -> bool:
        if not chunk:
            return False
        self.data += chunk
        while True:
            end = HEAD_END.search(self.data, max(self.start, self.searched - 3))
            if end is None:
                self.searched = len(self.data)
                return len(self.data) - self.start <= MAX_TAP
            match = STATUS_CODE.match(self.data, self.start)
            if match is None:
                return False
            if match.group(1)[:1] == b"1" and match.group(1) != b"101":
                # dropped, not kept: a server sending 1xx heads without end grew this buffer without bound
                del self.data[:end.end()]
                self.start = self.searched = 0
                self.informational += 1
                if self.informational > MAX_INFORMATIONAL:
                    return False
                continue
            self.head = bytes(self.data[self.start:end.end()])
            return False
