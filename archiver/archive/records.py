"""One WARC record -> the catalog rows it stands for (pure: no file, no database).

Records of type ``response``, ``revisit`` and ``resource`` become captures;
``request``, ``metadata``, ``warcinfo``, ``conversion`` and ``continuation``
records are not captures (an archiver ``metadata`` record is read by
:mod:`archiver.archive.seedinfo` instead). A capture record that cannot stand
for a web page (no target URI, not an http(s) URI, no date, no HTTP status
line) is *unusable* and comes back with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from archiver.urls import with_empty_query

CAPTURE_TYPES = ("response", "revisit", "resource")
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class Mapped:
    """A capture record's rows: ``capture`` (catalog ``captures`` row) and ``record`` (``records`` row).

    ``refers`` is (target URI, WARC date, payload digest, record ID) of the record a
    revisit repeats, to find its capture; ``record_id`` is the record's WARC-Record-ID.
    """

    capture: dict[str, Any]
    record: dict[str, Any]
    record_id: str | None
    refers: tuple[str | None, str | None, str | None, str | None] | None = None
    location: str | None = None  # a redirect's Location, resolved against its URL and normalised


def normalize(url: str) -> str:
    """The URL as the catalog keeps it: as the WARC has it, scheme and host in lower case, no fragment.

    Not url-normalize's full treatment (as seed lists get): a record's URI is what
    the tool fetched, and running url-normalize (IDNA, percent-encoding) on every
    record was a third of the import's time.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" not in netloc:
        netloc = netloc.lower()
    return with_empty_query(urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, "")), url)


def length_fault(headers: Any, needed: bool = False) -> str | None:
    """Why a record's ``Content-Length`` (of its WARC header ``headers``, warcio ``StatusAndHeaders``) gives no
    length, or None (present and a whole number of zero or more: what warcio's ``int()`` reads).

    Round 43: warcio reads a negative or non-numeric Content-Length (``-5``, ``12abc``) as 0, so the record's
    block became the next "record": import counted the record as having no HTTP status line and called its own
    block "bytes that hold no record" (a plain file) or a damaged gzip member, "a record of this file is lost",
    exit 1 (a ``.warc.gz``). The record is unusable (WARC 1.1 section 5.3: a decimal number of octets),
    named as such, and reading goes on after its block. With ``needed`` (an uncompressed file, where nothing
    else ends a record) a record without one is unusable too: warcio read it to the file's end, and import said
    "the last record is cut short (the file was truncated?)" and lost every record after it."""
    value = headers.get_header("Content-Length")
    uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    named = (uri or headers.get_header("WARC-Type") or "no URI")[:80]
    if value is None:
        return (f"record without Content-Length (an uncompressed file holds nothing else to end it): {named}"
                if needed else None)
    try:
        if int(value) >= 0:
            return None
    except ValueError:
        pass
    return (f"record whose Content-Length is no length (WARC 1.1 section 5.3 asks a number of bytes)"
            f": {named} has {value.strip()[:24]!r}")


def _host(netloc: str) -> str:
    """The host of a URI's authority (``user@host:port`` -> ``host``; ``[::1]:80`` -> ``[::1]``), or ''."""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        return host.partition("]")[0] + "]" if "]" in host else host
    return host.partition(":")[0]


def map_record(record: Any, warc_file: str, offset: int, length: int) -> Mapped | str:
    """The rows for one capture record (a warcio ``ArcWarcRecord``), or why it is unusable.

    The reason is ``REASON`` or ``REASON: DETAIL``; records are counted per REASON (the
    importer keeps one DETAIL, a URI or status line, as its example).

    ``warc_file`` is the name the catalog keeps (see ``importer.catalog_name``);
    ``offset`` and ``length`` are the record's place in the file (uncompressed
    offsets for a one-stream gzip file, see :mod:`archiver.archive.layout`).
    """
    headers = record.rec_headers
    rec_type = record.rec_type
    uri = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not uri:
        return f"{rec_type} record without WARC-Target-URI"
    try:
        parts = urlsplit(uri)
    except ValueError:  # round 43: an unclosed or unreadable ``[...]`` host raised out of the scan, which took it
        # for damage: the record was passed over unnamed (plain) or called a damaged gzip member (exit 1)
        return f"not a web URL (a host no URL parser reads): {uri[:80]}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"not a web URL ({scheme or 'no'} scheme): {uri[:80]}"
    if not _host(parts.netloc):  # http:///path, http://:80/x: no server was asked for it, none can be again
        return f"not a web URL (no host): {uri[:80]}"
    date = headers.get_header("WARC-Date")
    if not date:
        return f"{rec_type} record without WARC-Date"
    read = warc_date(date)  # every index line, CDXJ and WACZ page of the capture needs it as a timestamp
    if read is None:
        if (utc := offset_date(date)) is not None:
            return (f"{rec_type} record whose WARC-Date has a UTC offset, where WARC dates are UTC, ending in Z "
                    "(WARC 1.1 section 5.4; warcio and the CDXJ and WACZ indexers refuse it): "
                    f"{uri[:80]} has {date.strip()[:40]!r} ({utc} in UTC)")
        return f"{rec_type} record whose WARC-Date is no ISO 8601 date: {uri[:80]} has {date.strip()[:40]!r}"
    date = canonical_date(read)
    http = record.http_headers if rec_type != "resource" else None
    status: int | None = None
    if http is not None:
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            line = f"{http.protocol or ''} {http.statusline or ''}".strip()  # warcio splits off the first word
            return f"{rec_type} record with an unreadable HTTP status line: {line[:60]!r}"
    elif rec_type == "response":
        return "response record without an HTTP status line (not an HTTP response)"
    content_type = (http if http is not None else headers).get_header("Content-Type")
    digest = headers.get_header("WARC-Payload-Digest")
    state, reason = _state(rec_type, status, http)
    # a revisit's block leaves the payload out by design (its capture is the original's): wget's --warc-dedup
    # marks that 'WARC-Truncated: length', which import took for a capture cut short
    truncated = headers.get_header("WARC-Truncated") if rec_type != "revisit" else None
    segment = headers.get_header("WARC-Segment-Number")
    if segment is not None:  # WARC 1.1 section 5.13: the rest of the block is in continuation records
        truncated = truncated or "segment"
        reason = reason or (f"the first segment of a record in segments (WARC-Segment-Number {segment.strip()[:8]}): "
                            "continuation records are not joined, so this capture holds the first part only")
    url = normalize(uri)
    capture = {
        "url": url, "final_url": url, "fetched_at": date, "state": state, "reason": reason,
        "http_status": status, "content_type": content_type, "payload_digest": digest,
        "record_type": rec_type, "refers_to": None, "warc_file": warc_file, "warc_offset": offset,
        "warc_length": length, "truncated": truncated,
        "list_file": None, "list_line": None, "worker": None,
    }
    row = {"url": url, "record_type": rec_type, "http_status": status, "content_type": content_type,
           "payload_digest": digest, "warc_file": warc_file, "warc_offset": offset, "warc_length": length,
           "warc_date": date}
    refers = None
    if rec_type == "revisit":
        refers_date = headers.get_header("WARC-Refers-To-Date")  # the same form as WARC-Date's (review56)
        refers = (headers.get_header("WARC-Refers-To-Target-URI"),
                  canonical_date(refers_date.strip()) if refers_date else refers_date,
                  digest, headers.get_header("WARC-Refers-To"))
    location = http.get_header("Location") if http is not None and status in REDIRECTS else None
    if location:
        try:
            location = normalize(urljoin(uri, location.strip()))
        except ValueError:  # an unusable Location (a bad port, an unclosed IPv6 bracket): no hop to follow
            location = None
    return Mapped(capture, row, headers.get_header("WARC-Record-ID"), refers, location or None)


def _state(rec_type: str, status: int | None, http: Any) -> tuple[str, str | None]:
    """``captured`` for 2xx (and resources), ``skipped`` for a redirect, else ``failed``: as a fetch records them."""
    if status is None or 200 <= status < 300:
        return "captured", None
    if status == 304 and rec_type == "revisit":
        return "captured", None  # a server-not-modified revisit
    phrase = http.statusline.split(" ", 1)[1] if http is not None and " " in http.statusline else ""
    if status in REDIRECTS:
        location = http.get_header("Location") if http is not None else None
        return "skipped", f"HTTP {status} redirect" + (f" to {location}" if location else "")
    return "failed", f"HTTP {status} {phrase}".strip()


def warc_date(value: str) -> str | None:
    """``value`` (stripped) when warcio reads it as a date, else None. The CDXJ index and the WACZ export (its
    own indexer reads each copied record's WARC-Date) turn it into a timestamp; a date warcio refuses there,
    ``yesterday``, a 14-digit timestamp or a time with an offset (``+01:00``), made ``export --wacz`` of the
    whole archive fail, so such a record is unusable here, named with its date."""
    from warcio.timeutils import iso_date_to_datetime

    value = value.strip()
    try:
        iso_date_to_datetime(value)
    except (ValueError, IndexError, OverflowError, TypeError):
        return None
    return value


# Round 40: a WARC-Date warcio reads but written ``2026-03-01t10:00:00z`` (lower-case ``t`` and ``z``) or
# ``2026-03-01 10:00:00Z`` was kept as written in the catalog, whose times are compared and ordered as text: ``--until
# 2026-03-01T11`` left that 10:00 capture out (``t`` sorts after ``T``), ``--since 2026-03-01T12`` let it in, and
# a page's history put it after a capture of 10:30 that day. The catalog keeps the form archiver writes
# (``T`` and ``Z``, as WARC 1.1 section 5.4 and ISO 8601's own upper-case letters); the record keeps its bytes.
CANONICAL_DATES = True


_PARTS = re.compile(r"(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?Z?")


def canonical_date(value: str) -> str:
    """``value`` (a WARC-Date warcio reads: :func:`warc_date`) in the form archiver writes: upper-case ``T`` and
    ``Z``, a space between date and time written ``T`` (``2026-03-01t10:00:00z`` -> ``2026-03-01T10:00:00Z``) and
    (mend58, review56) a date alone, a time without seconds or without ``Z``, or slashes for dashes, filled out as
    warcio reads them (``2026-03-05`` -> ``2026-03-05T00:00:00Z``, ``2026/03/05 10:00Z`` ->
    ``2026-03-05T10:00:00Z``) so they sort among the others; a fraction of a second kept as written. Other text
    only upper-cased. As written with ``CANONICAL_DATES`` off."""
    if not CANONICAL_DATES:
        return value
    text = value.strip().upper()
    m = _PARTS.fullmatch(text)
    if m is None:
        return text.replace(" ", "T", 1)
    year, month, day, hour, minute, second, fraction = m.groups()
    return f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}{fraction or ''}Z"


def same_date_sql(conn: Any) -> None:
    """Give the SQLite connection ``conn`` the SQL function ``canonical_date(text)``: :func:`canonical_date` of a
    text value, NULL and other values as they are. A catalog made before round 40 holds WARC-Dates as written
    (``2026-03-01t10:00:00z``), a newer one their canonical form: the importer's lookups compare
    ``canonical_date(fetched_at) = ?`` with the canonical form so either matches (mend58, review56: a copy of a
    file imported before added every odd-date capture again)."""
    conn.create_function("canonical_date", 1, lambda v: canonical_date(v) if isinstance(v, str) else v,
                         deterministic=True)


_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:?\d{2}$")


def offset_date(value: str) -> str | None:
    """The UTC time (``2026-03-01T08:00:00Z``) an ISO 8601 time with a UTC offset names (``2026-03-01T10:00:00+02:00``,
    as ``datetime.isoformat()`` of an aware time writes it), or None for any other text. Such a WARC-Date is ISO
    8601 but no WARC date, which is UTC (round 39: the record was called "no ISO 8601 date")."""
    from datetime import UTC, datetime

    value = value.strip()
    if _OFFSET.match(value) is None:
        return None
    try:
        return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None


def block_digest_fails(data: bytes) -> bool:
    """Whether the one WARC record in ``data`` (a gzip member or plain bytes) carries a WARC-Block-Digest its
    block does not match (warcio's digest check, as import makes it); False for a record with none or bytes
    warcio cannot read as a record (whoever copies them judged them already)."""
    import io

    from warcio.archiveiterator import ArchiveIterator

    try:
        records = list(ArchiveIterator(io.BytesIO(data), check_digests=True))
    except Exception:  # warcio raises several kinds on bytes it cannot read; not ours to judge here
        return False
    return any(str(problem).startswith("block digest failed")
               for record in records for problem in getattr(record.digest_checker, "problems", []))
