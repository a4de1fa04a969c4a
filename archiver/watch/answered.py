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
it failed and sent it again next run. The send's child now tells the run once every message of the session had
``250`` to its DATA with every recipient accepted (:func:`smtp_taken`), and a send stopped after that is a message
sent. Either rule holds only for a ``--notify`` value apprise makes ONE receiver of (:func:`receivers`): apprise
counts a send to several as failed when any one fails, and cannot say which (review60).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TAKEN_BEFORE_BROKEN = True  # off: a 2xx answer whose body broke off is a failed send, sent again (before round 42)
STATUS_ONLY = ("json", "jsons", "form", "forms", "xml", "xmls")  # apprise's webhooks decided by the status alone
TAKEN_NOTE = "notification sent, its answer broken off: "  # how ``notify`` begins its note of such a send
MARK = "NOTE taken by the receiver: "  # the log line :func:`taken_note` writes, read by ``notify``


def receivers(url: str) -> int:
    """How many receivers (apprise services) apprise makes of one ``--notify`` value ``url``: 2 for
    ``"json://h1/a, json://h2/b"``, 0 for a URL it cannot read."""
    import apprise

    notifier = apprise.Apprise()
    notifier.add(url)
    return len(notifier)


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


def taken_note(url: str, ok: bool, seen: list[int], receivers: int = 1) -> str | None:
    """For a failed send to ONE generic webhook ``url`` (``receivers``: the services apprise made of it) that made
    one request whose status line was 2xx (``seen``, from :func:`statuses`): the log line saying it took the
    message (:data:`MARK`, then the status); None otherwise (a send that went through, another kind of receiver,
    no status line, a status not 2xx, or a ``--notify`` listing several receivers: apprise counts one failed
    receiver as the whole send failed, and which one cannot be told apart, so it is sent again, as before round
    42)."""
    if ok or not TAKEN_BEFORE_BROKEN or receivers != 1 or len(seen) != 1 or not 200 <= seen[0] < 300:
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
SMTP_TAKEN_CODE = 250  # the reply smtplib's ``sendmail`` requires to the end of DATA (else SMTPDataError)


@contextmanager
def smtp_taken(tell: Any) -> Iterator[None]:
    """Inside the block, ``tell(250)`` is called once an SMTP session (apprise's ``AppriseSMTPController``, apprise
    2.3) reaches its end with EVERY message of it taken: each ``sendmail`` (one per recipient, or one for a ``to``
    with its ``cc``/``bcc``) had every recipient accepted and ``250`` to the end of its DATA, none failed, and no
    error left the session; told before QUIT, which may never be answered. A session with any recipient refused
    (a greylisting ``451`` to RCPT, a ``550`` to a ``cc``), any DATA not ``250`` or a dropped connection tells
    nothing: the send stays a failure, sent again next run. Patches the class for the block (the send's child);
    where apprise has no such class, nothing is patched (no send counts as taken before its end)."""
    try:
        from apprise.plugins.email.smtp import AppriseSMTPController
    except ImportError:
        yield
        return
    original_send, original_exit = AppriseSMTPController.sendmail, AppriseSMTPController.__exit__
    outcomes: list[bool] = []

    def sendmail(self: Any, *args: Any, **kwargs: Any) -> Any:
        done = original_send(self, *args, **kwargs)
        outcomes.append(bool(done))
        return done

    def leave(self: Any, exc_type: Any, *args: Any) -> Any:
        if exc_type is None and outcomes and all(outcomes):
            tell(SMTP_TAKEN_CODE)
        outcomes.clear()
        return original_exit(self, exc_type, *args)

    if SMTP_TAKEN:
        AppriseSMTPController.sendmail = sendmail  # type: ignore[method-assign]
        AppriseSMTPController.__exit__ = leave  # type: ignore[method-assign]
    try:
        yield
    finally:
        AppriseSMTPController.sendmail = original_send  # type: ignore[method-assign]
        AppriseSMTPController.__exit__ = original_exit  # type: ignore[method-assign]


def stopped_after_taken(code: int, seconds: float, grown: int | None = None) -> str:
    """The log of a send stopped after the SMTP server's ``code`` to the end of DATA: at its deadline of ``seconds``,
    or, when ``grown`` is given, for growing by that many bytes."""
    why = (f"grew by {grown // (1024 * 1024)} MiB" if grown is not None
           else f"did not end the session (its reply to QUIT) within {seconds:g} s")
    return f"{MARK}{code}\nWARNING the server took every message, then the send {why}: the send was stopped there"
