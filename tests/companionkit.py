"""WARC records as other tools lay them out, written byte by byte from real exchanges with a loopback server.

- :func:`exchange`: one GET to a sitekit server, as the request and response blocks a crawler stores;
- :func:`record`: one WARC record (any WARC-Type, any headers, the block as given) with its Content-Length and
  WARC-Block-Digest;
- :func:`segments`: a response record written in segments (WARC 1.1 section 5.13): the first ``response`` with
  ``WARC-Segment-Number: 1``, then ``continuation`` records, the last with ``WARC-Segment-Total-Length``;
- :func:`write`: records into a file, ``gzip-records`` (a member each), ``gzip-stream`` or ``plain``.

Nothing here uses archiver's code; the checks read the results with warcio.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from pathlib import Path

import httpx


def new_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def exchange(url: str, referer: str | None = None) -> tuple[bytes, bytes]:
    """GET ``url`` (a loopback server's) and give (request block, response block) as a crawler stores them."""
    parts = httpx.URL(url)
    headers = {"User-Agent": "companionkit/1.0", "Accept": "*/*"}
    if referer:
        headers["Referer"] = referer
    got = httpx.get(url, headers=headers, timeout=30)
    target = parts.raw_path.decode("ascii")
    request = (f"GET {target} HTTP/1.1\r\nHost: {parts.netloc.decode('ascii')}\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode("ascii")
    head = f"HTTP/1.1 {got.status_code} {got.reason_phrase}\r\n".encode("ascii")
    head += b"".join(k + b": " + v + b"\r\n" for k, v in got.headers.raw)
    return request, head + b"\r\n" + got.content


def record(rec_type: str, uri: str | None, block: bytes, date: str = "2026-11-01T10:00:00Z",
           record_id: str | None = None, content_type: str | None = None, **extra: str) -> tuple[str, bytes]:
    """(its WARC-Record-ID, the record's bytes); ``extra``: more headers, ``WARC_Concurrent_To="<...>"`` style."""
    record_id = record_id or new_id()
    headers = [("WARC-Type", rec_type), ("WARC-Record-ID", record_id), ("WARC-Date", date)]
    if uri is not None:
        headers.append(("WARC-Target-URI", uri))
    headers += [(name.replace("_", "-"), value) for name, value in extra.items()]
    if content_type:
        headers.append(("Content-Type", content_type))
    digest = base64.b32encode(hashlib.sha1(block).digest()).decode("ascii")
    headers += [("WARC-Block-Digest", f"sha1:{digest}"), ("Content-Length", str(len(block)))]
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return record_id, head.encode("utf-8") + block + b"\r\n\r\n"


def segments(uri: str, block: bytes, cuts: list[int], date: str = "2026-11-01T10:00:00Z",
             **extra: str) -> tuple[str, list[bytes]]:
    """A response written in ``len(cuts) + 1`` segments cut at those block offsets: (its ID, the records)."""
    pieces = [block[a:b] for a, b in zip([0, *cuts], [*cuts, len(block)], strict=True)]
    first_id, first = record("response", uri, pieces[0], date, content_type="application/http; msgtype=response",
                             WARC_Segment_Number="1", **extra)
    out = [first]
    for number, piece in enumerate(pieces[1:], start=2):
        last = {"WARC_Segment_Total_Length": str(len(block))} if number == len(pieces) else {}
        out.append(record("continuation", uri, piece, date, WARC_Segment_Origin_ID=first_id,
                          WARC_Segment_Number=str(number), **last)[1])
    return first_id, out


def warcinfo(name: str, software: str) -> bytes:
    return record("warcinfo", None, f"software: {software}\r\nformat: WARC File Format 1.1\r\n".encode(),
                  content_type="application/warc-fields", WARC_Filename=name)[1]


def write(path: Path, records: list[bytes], layout: str = "gzip-records", software: str = "companionkit/1.0") -> Path:
    """A warcinfo naming ``software``, then ``records``."""
    every = [warcinfo(path.name, software), *records]
    if layout == "gzip-records":
        path.write_bytes(b"".join(gzip.compress(r) for r in every))
    elif layout == "gzip-stream":
        path.write_bytes(gzip.compress(b"".join(every)))
    else:
        path.write_bytes(b"".join(every))
    return path
