"""Name the redirect hop a capture failed at (hostile round 41).

A listed URL whose server answered, but whose redirect led to a host that refuses connections, has no
address, stalls, or whose robots.txt forbids the target, failed with the hop's words alone
(``refused: connection refused``, ``DNS: cannot resolve host``, ``robots.txt disallows this URL``,
``timeout (URL budget ...)``): the user checked the listed host, which was up. Round 31 left the URL
budget's case open ("does not name the hop it stopped at"). Reasons that already quote the hop (a loop,
an unusable ``Location``, a refused private redirect) are left as they are. The fetch summary groups such
failures by the bare reason and the hop's host (:func:`split_hop`, mend61).
"""
from __future__ import annotations

from archiver.urls import redact_url

HOP_NAMED = True  # off: a failure at a redirect hop is told with the hop's words alone (as before round 41)
HOP_GROUPED = True  # off: the fetch summary groups failures by the whole reason, hop URL and all (round 41)
_NOTE = " (at the redirect to "


def hop_note(listed: str, at: str | None, reason: str | None) -> str:
    """``reason`` (a failed capture's), with ``(at the redirect to AT)`` when the failure came at ``at``, a
    redirect hop of the ``listed`` URL, and the reason does not already name it; as it is otherwise (``at`` None:
    nothing was asked yet). URLs are shown redacted (no user information)."""
    if not HOP_NAMED or reason is None or at is None or at == listed:
        return reason or ""
    shown = redact_url(at)
    if shown in reason or at in reason:
        return reason
    return f"{reason}{_NOTE}{shown})"


def split_hop(reason: str) -> tuple[str, str | None]:
    """(the reason without its hop note, the hop's URL) of a reason :func:`hop_note` made; (reason, None) when
    it names no hop (or ``HOP_GROUPED`` is off). The fetch summary groups a host's failures on the first and the
    hop's host: the hop URL differs for each listed page, and round 41's note had split every group of a site
    whose ``http://`` URLs redirect to a dead ``https://`` host into a line per URL (review59, finding 3)."""
    head, note, hop = reason.rpartition(_NOTE)
    if not HOP_GROUPED or not note or not hop.endswith(")") or " " in hop:
        return reason, None
    return head, hop[:-1]
