"""A ``408 Request Timeout`` on a kept-alive connection: the server timing the connection out, not an answer.

A server that times out a kept-alive connection left idle may write ``HTTP/1.1 408 Request Timeout`` on it
before closing it (Kestrel, ASP.NET's server, in square/okhttp#3483). A request the client writes on that
connection as the server gives it up reads the 408 as its answer, though the server never read the request.
Chromium sends such a request again on a new connection (``HttpNetworkTransaction``: a 408 on a reused
HTTP/1.x connection, ``RetryReason::kHttpRequestTimeout``), as OkHttp (square/okhttp#3500, "consistent with
how Chrome handles 408's") and neon (notroj/neon#128) came to do, and as archiver does when such a connection
is closed with nothing back (``ShouldResendRequest``, round 6); archiver failed the page ``HTTP 408 Request
Timeout``, an error no server gave to that request. It is now sent once more, at once, on a new
connection (not a retry: no backoff, ``--retries 0`` too), and the 408 is not archived. A 408 on a new
connection is the server's answer and stays one.
"""
from __future__ import annotations

from typing import Any

import httpx


def crossed_idle_close(response: httpx.Response, stream: Any) -> bool:
    """Whether ``response`` is a 408 read on an HTTP/1.x connection that had carried an earlier request
    (``stream``: the ``CachedSocketStream`` the request was written on, or None)."""
    return (response.status_code == 408 and response.http_version in ("HTTP/1.0", "HTTP/1.1")
            and stream is not None and getattr(stream, "requests", 0) > 1)
