"""An HTTP/2 connection the server closes or resets without a GOAWAY (a crash, an idle timeout, a proxy).

httpcore said "Server disconnected" (a close) or raised a read error (a reset), for every stream of the
connection alike, and archiver read that as follows (before):

- a request the server went away before answering (its idle timeout crossing a request on a kept-alive
  connection, as over HTTP/1.1's keep-alive; a worker restarting under several streams): a reset failed it,
  "connection reset by peer"; a close sent it to the tolerant HTTP/1.1 reader, captured as "malformed response
  headers: read leniently", a fault the server never had. Chromium sends such a request once more on a new
  connection (``HttpNetworkTransaction::ShouldResendRequest``: a session that had received frames counts as
  reused), as archiver does over HTTP/1.1: now so over HTTP/2 too (``retry.send_again``), once;
- a body under way cut by a close failed as "protocol error: Server disconnected" with nothing archived (a reset
  was a body cut short, as over HTTP/1.1): now a close is the same hang-up, the part archived
  (``WARC-Truncated: disconnect``) and asked again next run.

A fresh connection closed at its first request, unanswered (after the server's SETTINGS), went to the tolerant
reader too, "malformed response headers: read leniently", each request of the origin asked twice; it is now
``FirstRequest``, one of the faults ``h2fallback`` answers: the request goes again over HTTP/1.1, and the origin's
later ones too (a reset there is sent once more over HTTP/2, as above).
"""
from __future__ import annotations

import ssl

import httpcore

from archiver.fetch.h2reasons import Hangup
from archiver.fetch.retry import describe_error


def _how(exc: BaseException) -> str:
    """How a read or write error ended the connection: "closed" (a write after the server's close: a broken
    pipe, or TLS's EOF without close_notify), else ``retry.describe_error``'s words ("connection reset by peer")."""
    cur: BaseException | None = exc
    for _ in range(6):
        if cur is None:
            break
        if isinstance(cur, (BrokenPipeError, ssl.SSLEOFError)):
            return "closed"
        cur = cur.__cause__ or cur.__context__
    return describe_error(exc)


class FirstRequest:
    """The server closed a fresh HTTP/2 connection (after its SETTINGS) at its first request, unanswered."""

    def __str__(self) -> str:
        return "the server closed its HTTP/2 connection at the first request, without a GOAWAY or an answer"


def hangup(exc: BaseException, headed: bool, reused: bool) -> httpcore.RemoteProtocolError | None:
    """``exc`` (raised to a stream: ``headed`` if its response head came, ``reused`` if the connection had given a
    response head before it failed) as a ``Hangup`` (or, for a fresh connection's close, ``FirstRequest``), or
    None to raise it as it is. (Called only once the server's frames came: before, it is ``h2fallback.NotSpoken``.)"""
    if isinstance(exc, (httpcore.ReadError, httpcore.WriteError)):
        how = _how(exc)
    elif isinstance(exc, httpcore.RemoteProtocolError) and exc.args == ("Server disconnected",):
        how = "closed"
    else:
        return None  # a GOAWAY, RST_STREAM or framing error: said as such elsewhere
    if not headed and how == "closed" and not reused:  # h2fallback sends it again over HTTP/1.1
        return httpcore.RemoteProtocolError(FirstRequest())
    if not headed:  # Chromium resends on a session that had received frames (SpdySession::IsReused)
        return httpcore.RemoteProtocolError(Hangup(how, True))
    if isinstance(exc, httpcore.RemoteProtocolError):  # a read error mid-body is already a hang-up
        return httpcore.RemoteProtocolError(Hangup(how, False))
    return None
