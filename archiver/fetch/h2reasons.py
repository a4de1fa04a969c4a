"""Why an HTTP/2 stream failed that did nothing wrong itself: the reasons ``h2faults`` and ``h2hangup`` give a
stream, and ``retry`` reads to decide whether to send it again.

Plain classes with no imports, so that ``retry`` can tell them apart without importing the h2 modules
(which import ``retry`` for its wording).
"""
from __future__ import annotations

__all__ = ["Hangup", "OtherStreamFault"]


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
