"""Why an HTTP/2 stream failed that did nothing wrong itself: the reasons ``h2faults`` and ``h2hangup`` give a
stream, and ``retry`` reads to decide whether to send it again.

Plain classes with no imports, so that ``retry`` can tell them apart without importing the h2 modules
(which import ``retry`` for its wording).
"""
from __future__ import annotations

import re

__all__ = ["Hangup", "OtherStreamFault", "invalid_setting"]

# RFC 9113 section 6.5.2 (and RFC 8441's 8): what h2 calls "Setting 4" a reader knows by name
SETTING_NAMES = {1: "HEADER_TABLE_SIZE", 2: "ENABLE_PUSH", 3: "MAX_CONCURRENT_STREAMS", 4: "INITIAL_WINDOW_SIZE",
                 5: "MAX_FRAME_SIZE", 6: "MAX_HEADER_LIST_SIZE", 8: "ENABLE_CONNECT_PROTOCOL"}


def invalid_setting(text: str) -> str | None:
    """h2's ``InvalidSettingsValueError`` words (``Setting 4 has invalid value 2147483648``) told with the
    setting's name and what the value breaks; None for other words."""
    match = re.fullmatch(r"Setting (\d+) has invalid value (\d+)", text.strip())
    if match is None:
        return None
    code, value = int(match.group(1)), match.group(2)
    name = SETTING_NAMES.get(code, f"0x{code:x}")
    return (f"the server sent an invalid HTTP/2 setting, SETTINGS_{name} = {value} (a connection error, RFC 9113 "
            f"section 6.5.2; h2: InvalidSettingsValueError)")


class OtherStreamFault:
    """Why a stream ended that did nothing wrong: h2 ended its connection on another stream's frame (the
    request of ``url`` on it)."""

    def __init__(self, error: BaseException, url: str):
        self.error, self.url = error, url

    def __str__(self) -> str:
        name = type(self.error).__name__
        text = str(self.error) if str(self.error).startswith(name) else f"{name}: {self.error}"
        return f"the HTTP/2 connection was ended by a protocol error in the answer to {self.url} ({text})"


class Hangup:
    """The server ended the HTTP/2 connection without a GOAWAY (``how``: its error's words); ``resend``: the
    stream had no response head (it may go once more, at once, on a new connection)."""

    def __init__(self, how: str, resend: bool):
        self.how, self.resend = how, resend

    def __str__(self) -> str:
        which = "HTTP/2 connection before answering," if self.resend else "HTTP/2 connection"
        return f"the server ended the {which} without a GOAWAY ({self.how})"
