"""What one seed's capture comes to (:class:`Outcome`, its catalog row) and the small pieces the capturer shares.

Split from ``capture.py``, which fetches; this module only describes: the outcome and its catalog row
(passwords redacted), a WARC record's row, what a revisit refers to, the host key a scheduler and the
same-page link use, and the URL budget's body deadline (a context variable each seed's task sets).
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from archiver.lists import Seed
from archiver.printable import printable
from archiver.urls import redact_url, scrub
from archiver.warc import Written, warc_date

if TYPE_CHECKING:
    from archiver.fetch.exchange import Exchange

# when a page's body must stop so that what came is archived within --url-timeout (event-loop time;
# set per seed task by Capturer.capture)
URL_BODY_END: ContextVar[float | None] = ContextVar("URL_BODY_END", default=None)


def url_budget_reason(url_timeout: float) -> str:
    return (f"timeout (URL budget: over {url_timeout:g} s in all, robots.txt, redirects and retries included; "
            "--url-timeout)")


@dataclass(frozen=True)
class Previous:
    """The last capture of a URL with a payload, for writing revisits on --refresh."""

    capture_id: int
    payload_digest: str
    target_uri: str
    date: str
    warc_file: str | None = None  # where its response record is (in the WARC folder), for its WARC-Record-ID
    warc_offset: int | None = None


@dataclass
class Outcome:
    seed: Seed
    list_file: str | None
    state: str = "failed"
    reason: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    payload_digest: str | None = None
    record_type: str | None = None
    refers_to: int | None = None
    written: Written | None = None
    truncated: str | None = None
    fetched_at: str = field(default_factory=lambda: warc_date())
    worker: str | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    retry_after: str | None = None  # a 429/503's Retry-After, when the URL was given up with it
    too_many: bool = False  # its robots.txt answered 429 without Retry-After: the host gets archiver's own pause
    at_url: str | None = None  # the URL being asked (the seed's or a redirect hop's): a failure names its hop (hopnote)

    def capture_row(self) -> dict[str, Any]:
        """The catalog row; URLs and reason with any password replaced by ``***``, the reason's control
        characters (a server's reason phrase may hold them) written as escapes (``archiver.printable``)."""
        w = self.written
        return {
            "url": redact_url(self.seed.url), "final_url": redact_url(self.final_url) if self.final_url else None,
            "fetched_at": self.fetched_at, "state": self.state,
            "reason": printable(scrub(self.reason)) if self.reason else None,
            "http_status": self.http_status,
            "content_type": self.content_type, "payload_digest": self.payload_digest,
            "record_type": self.record_type, "refers_to": self.refers_to,
            "warc_file": w.warc_file if w else None, "warc_offset": w.offset if w else None,
            "warc_length": w.length if w else None, "truncated": self.truncated,
            "list_file": self.list_file, "list_line": self.seed.line, "worker": self.worker,
        }


class FetchFailed(Exception):
    pass


def record_row(ex: Exchange, written: Written, record_type: str) -> dict[str, Any]:
    return {"url": redact_url(ex.url), "record_type": record_type, "http_status": ex.status,
            "content_type": ex.content_type, "payload_digest": ex.body.payload_digest,
            "warc_file": written.warc_file, "warc_offset": written.offset,
            "warc_length": written.length, "warc_date": written.date, "record_id": written.record_id}


def host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def refers_to(warcs: str | Path, prev: Previous) -> tuple[str, str, str] | None:
    """(WARC-Refers-To-Target-URI, WARC-Refers-To-Date, WARC-Refers-To) of a revisit of ``prev``, read from
    the original response record's own header; None when that record cannot be read (its WARC file moved
    or deleted, a catalog without its place): a revisit would then point at nothing a replay tool can
    find, so the caller writes the payload whole.
    """
    from archiver.warc_read import record_identity

    found = (record_identity(Path(warcs) / prev.warc_file, prev.warc_offset)
             if prev.warc_file and prev.warc_offset is not None else None)
    if found is None:
        return None
    record_id, uri, date = found
    return uri, date, record_id
