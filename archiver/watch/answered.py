"""A webhook's status line, seen before the body of its answer is read (hostile round 42, host50).

``requests`` reads the whole answer inside ``requests.request``: when a receiver's answer is ``200 OK`` with a body
that breaks off (``Content-Length: 100`` and two bytes, then the connection closed; a ``Content-Encoding: gzip``
over bytes that are no gzip), it raises, apprise logs ``A Connection error occurred ... IncompleteRead(2 bytes
read, 98 more expected)`` and counts the message failed, and the next run sent it again: the receiver, which had
answered 2xx (taken it), got it twice. apprise's generic webhooks (``json://``, ``form://``, ``xml://`` and their
``s`` forms) decide by the status alone (2xx sent, any other status failed: apprise's ``custom_json.py``), so a 2xx
status line there is the receiver's word that it took the message, whatever follows it.

An SMTP server that answers ``250`` to the end of DATA has taken the message (RFC 5321, section 4.1.1.4: it "accepts
responsibility for delivering" it); one that then never answers QUIT held the send until its deadline, which counted
it failed and sent it again next run. The send's child now tells the run that ``250`` as it comes
(:func:`smtp_taken`), and a send stopped after it is a message sent.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TAKEN_BEFORE_BROKEN = True  # off: a 2xx answer whose body broke off is a failed send, sent again (before round 42)
STATUS_ONLY = ("json", "jsons", "form", "forms", "xml", "xmls")  # apprise's webhooks decided by the status alone
TAKEN_NOTE = "notification sent, its answer broken off: "  # how ``notify`` begins its note of such a send
MARK = "NOTE taken by the receiver: "  # the log line :func:`taken_note` writes, read by ``notify``


@contextmanager
def statuses() -> Iterator[list[int]]:
    """The HTTP status codes of the answers ``requests`` receives inside the block, in order, each recorded as its
    head arrives (``HTTPAdapter.send`` returns before the body is read). Patches the class for the block: meant for
    the send's own child process (``senddeadline``)."""
    from requests.adapters import HTTPAdapter

    seen: list[int] = []
    original = HTTPAdapter.send

    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = original(self, request, *args, **kwargs)
        seen.append(int(response.status_code))
        return response

    HTTPAdapter.send = send  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]


def taken_note(url: str, ok: bool, seen: list[int]) -> str | None:
    """For a failed send to a generic webhook ``url`` whose every answer's status line was 2xx (``seen``, from
    :func:`statuses`): the log line saying it took the message (:data:`MARK`, then the status); None otherwise
    (a send that went through, another kind of receiver, no status line, a status not 2xx)."""
    if ok or not TAKEN_BEFORE_BROKEN or not seen or not all(200 <= code < 300 for code in seen):
        return None
    if url.partition("://")[0].lower() not in STATUS_ONLY:
        return None
    return f"{MARK}{seen[-1]}"


def taken_status(log: str) -> str | None:
    """The status a :func:`taken_note` line in ``log`` gives (``"200"``), or None when there is none."""
    for line in log.splitlines():
        if line.startswith(MARK):
            return line.removeprefix(MARK).strip()
    return None


SMTP_TAKEN = True  # off: an SMTP server's 250 to the end of DATA is not told before the send ends (before round 42)


@contextmanager
def smtp_taken(tell: Any) -> Iterator[None]:
    """Inside the block, ``tell(code)`` is called as soon as an SMTP server answers 2xx to the end of a message's
    DATA (``smtplib.SMTP.data`` returned), before QUIT. Patches the class for the block (the send's child)."""
    import smtplib

    original = smtplib.SMTP.data

    def data(self: Any, msg: Any) -> Any:
        code, reply = original(self, msg)
        if 200 <= int(code) < 300:
            tell(int(code))
        return code, reply

    if SMTP_TAKEN:
        smtplib.SMTP.data = data  # type: ignore[method-assign]
    try:
        yield
    finally:
        smtplib.SMTP.data = original  # type: ignore[method-assign]


def stopped_after_taken(code: int, seconds: float) -> str:
    """The log of a send stopped at its deadline after the SMTP server's ``code`` to the end of DATA."""
    return (f"{MARK}{code}\nWARNING the server did not end the session (its reply to QUIT) within {seconds:g} s: "
            "the send was stopped there")
