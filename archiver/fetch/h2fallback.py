"""HTTP/2 servers that want HTTP/1.1: the request goes again over HTTP/1.1, and the origin stays on it.

Two kinds, both failed before (or read by the tolerant reader under a reason that blamed the headers):

- a ``RST_STREAM`` or ``GOAWAY`` of ``HTTP_1_1_REQUIRED`` (RFC 9113 section 7, error code 0xd: "the endpoint
  requires that HTTP/1.1 be used instead of HTTP/2"; IIS sends it for a path that asks for a client
  certificate, some CDNs for a request they cannot proxy over HTTP/2). Chromium sends the request again over
  HTTP/1.1 and keeps the server on HTTP/1.1 (``HttpServerProperties::SetHTTP11Required``); so does curl.
  archiver failed the capture: "protocol error: the server reset the HTTP/2 stream (RST_STREAM
  HTTP_1_1_REQUIRED)", and at every run after.
- a server that chose ``h2`` in the TLS handshake (ALPN) and then did not speak it: it reset or closed the
  connection at the client's HTTP/2 preface, or answered it in HTTP/1.x, before any HTTP/2 frame (a TLS
  front end offering h2 for a back end that speaks only HTTP/1.1 and refuses ``PRI * HTTP/2.0``). The reset
  failed the URL as "connection reset by peer" (its robots.txt first: "robots.txt unreachable", so the page
  was never asked), at every retry; the close went to the tolerant reader, captured as "malformed response
  headers: read leniently"; so did one that closed a connection at its first request after its SETTINGS
  (``h2hangup.FirstRequest``), every request of the origin asked twice.

``http11_wanted(exc)`` says which (its text goes in the capture's reason); ``NotSpoken`` is what
``h2faults.CheckedHTTP2Connection`` raises for the second kind. ``exchange.Exchanger`` then marks the origin
(``hostpools.PerOriginTransport.require_http11``) and sends the request once more: it goes out on a
connection offering ``http/1.1`` alone.
"""
from __future__ import annotations

import sys

from archiver.fetch.retry import _chain_args


class NotSpoken:
    """Why an HTTP/2 connection is taken for a server that does not speak HTTP/2: it ended (``ended``: its
    error's words) before sending one HTTP/2 frame, after ``first`` bytes of something else (b'' for none)."""

    def __init__(self, ended: str, first: bytes):
        self.ended, self.first = ended, first

    def __str__(self) -> str:
        if self.first.startswith((b"HTTP/1.", b"http/1.")):
            what = "answered the HTTP/2 preface in HTTP/1.x"
        elif self.first:
            shown = self.first[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
            what = f"answered the HTTP/2 preface with no HTTP/2 frame (it began {shown!r})"
        else:
            what = "ended the connection at the HTTP/2 preface"
        return f"the server chose HTTP/2 in the TLS handshake (ALPN h2) but {what} ({self.ended})"


def http11_wanted(exc: BaseException) -> str | None:
    """Why the request that raised ``exc`` (before its response head) should go again over HTTP/1.1, or
    None: a ``RST_STREAM``/``GOAWAY`` of ``HTTP_1_1_REQUIRED``, or an HTTP/2 connection the server ended
    before any HTTP/2 frame (``NotSpoken``). None at once when no HTTP/2 connection was made (h2 not
    imported)."""
    if "h2" not in sys.modules:
        return None
    import h2.errors
    import h2.events

    wanted = h2.errors.ErrorCodes.HTTP_1_1_REQUIRED
    from archiver.fetch.h2hangup import FirstRequest

    for arg in _chain_args(exc):
        if isinstance(arg, (NotSpoken, FirstRequest)):
            return str(arg)
        if isinstance(arg, h2.events.StreamReset) and arg.error_code == wanted:
            return "the server reset the HTTP/2 stream with HTTP_1_1_REQUIRED (RST_STREAM)"
        if isinstance(arg, h2.events.ConnectionTerminated) and arg.error_code == wanted:
            return "the server closed the HTTP/2 connection with HTTP_1_1_REQUIRED (GOAWAY)"
    return None


def note(why: str) -> str:
    """The capture's note for a request sent again over HTTP/1.1 because ``why``."""
    return f"sent again over HTTP/1.1: {why}"
