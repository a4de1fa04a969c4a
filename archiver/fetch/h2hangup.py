"""An HTTP/2 connection the server closes or resets without a GOAWAY (a crash, an idle timeout, a proxy).

httpcore said "Server disconnected" (a close) or raised a read error (a reset), for every stream of the
connection alike, and archiver read that as follows (before):

- a request on a connection kept alive from earlier answers, the server gone before answering it (its idle
  timeout crossing the request, as over HTTP/1.1's keep-alive): a reset failed it, "connection reset by peer";
  a close sent it to the tolerant HTTP/1.1 reader, captured as "malformed response headers: read leniently",
  a fault the server never had. Chromium sends such a request once more on a new connection
  (``HttpNetworkTransaction::ShouldResendRequest``, a reused session), as archiver does over HTTP/1.1: now so
  over HTTP/2 too (``retry.send_again``);
- a body under way cut by a close failed as "protocol error: Server disconnected" with nothing archived (a reset
  was a body cut short, as over HTTP/1.1): now a close is the same hang-up, the part archived
  (``WARC-Truncated: disconnect``) and asked again next run.

A request on a fresh connection closed before its head keeps the old path (the tolerant reader): a server
that ends every connection at its first request may speak HTTP/1.1 alone.
"""
from __future__ import annotations

import httpcore

from archiver.fetch.retry import describe_error


class Hangup:
    """The server ended the HTTP/2 connection without a GOAWAY (``how``: its error's words); ``resend``: the
    stream had no response head and was sent on a connection kept alive from earlier answers."""

    def __init__(self, how: str, resend: bool):
        self.how, self.resend = how, resend

    def __str__(self) -> str:
        which = "kept-alive HTTP/2 connection before answering" if self.resend else "HTTP/2 connection"
        return f"the server ended the {which} without a GOAWAY ({self.how})"


def hangup(exc: BaseException, headed: bool, reused: bool) -> httpcore.RemoteProtocolError | None:
    """``exc`` (raised to a stream: ``headed`` if its response head came, ``reused`` if it was sent on a connection
    that had answered before) as a ``Hangup``, or None to raise it as it is."""
    if isinstance(exc, (httpcore.ReadError, httpcore.WriteError)):
        how = describe_error(exc)
    elif isinstance(exc, httpcore.RemoteProtocolError) and exc.args == ("Server disconnected",):
        how = "closed"
    else:
        return None  # a GOAWAY, RST_STREAM or framing error: said as such elsewhere
    if not headed:
        return httpcore.RemoteProtocolError(Hangup(how, True)) if reused else None
    if isinstance(exc, httpcore.RemoteProtocolError):  # a read error mid-body is already a hang-up
        return httpcore.RemoteProtocolError(Hangup(how, False))
    return None
