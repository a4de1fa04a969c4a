"""The ``warcinfo`` record of a source file an export copies from: where its captures came from.

``archiver export --wacz`` copies single records out of many files (archiver's own, wget's, a
crawler's, a WACZ imported in place). Their ``WARC-Warcinfo-ID`` headers name the ``warcinfo`` record
that opens the file they were written into (the tool, its version, the crawl): without that record in
the WACZ those IDs point nowhere, and the package no longer says which tool made which capture. Each
source file's (or, in an imported WACZ, each inner WARC's) opening ``warcinfo`` is copied once, byte for
byte, before the first record taken from it. A record whose ``WARC-Warcinfo-ID`` names another ``warcinfo`` of
its file (an archiver export, which gathers several tools' records and their warcinfo records into one WARC,
imported and exported again) gets that one too, found by :func:`warcinfo_records`: before 2026-12-05 such a
re-export kept only the export's own, and wget's records named a warcinfo the package lacked.
"""
from __future__ import annotations

import os
import zlib

from archiver.archive.inflate import iterate
from archiver.archive.layout import GZIP_MAGIC, GZIP_RECORDS, GZIP_STREAM, MAX_HEADER, PLAIN, header_fields
from archiver.archive.streams import record_bytes
from archiver.archive.wacz_in import is_zip, warc_members

MAX_WARCINFO = 1 << 20  # bytes of a compressed warcinfo member read at most (they are a few hundred)


def source_start(path: str | os.PathLike[str], offset: int) -> int:
    """Where the WARC holding the record at ``offset`` starts in the file at ``path``: 0, or the start
    of the inner WARC of a WACZ whose bytes hold ``offset``. Raises OSError, ``zipfile.BadZipFile``."""
    if not is_zip(path):
        return 0
    for member in warc_members(path):
        if member.start <= offset < member.end:
            return member.start
    return 0


def warcinfo_at(path: str | os.PathLike[str], start: int, layout: str | None) -> tuple[str, bytes, bool] | None:
    """The ``warcinfo`` record at ``start`` of the file at ``path`` as (its WARC-Record-ID, its bytes to
    copy, whether they are a gzip member), or None when the record there is no warcinfo (or unreadable).
    ``layout``: the file's, as for :func:`archiver.archive.streams.record_bytes`."""
    try:
        with open(path, "rb") as fh:
            fh.seek(start)
            head = fh.read(2)
            if head == GZIP_MAGIC and (start > 0 or layout != GZIP_STREAM):
                fh.seek(start)
                data, header = _member(fh.read(MAX_WARCINFO))
                is_member = True
            else:
                data, is_member = record_bytes(path, start, 0, layout)
                header = data
    except (OSError, ValueError, zlib.error):
        return None
    if data is None or header is None:
        return None
    fields = _fields(header)
    if fields.get("warc-type") != "warcinfo" or "warc-record-id" not in fields:
        return None
    return fields["warc-record-id"], data, is_member


def warcinfo_records(path: str | os.PathLike[str], layout: str | None) -> dict[str, tuple[int, int]]:
    """WARC-Record-ID -> (offset, length) of every ``warcinfo`` record of the file at ``path`` (of each inner WARC
    of a WACZ: ``layout`` None), read with warcio (each record inflated once); {} for a file that cannot be read,
    what was found before damage otherwise. Offsets are those :func:`record_bytes` takes with ``layout``."""
    out: dict[str, tuple[int, int]] = {}
    try:
        if layout is None and is_zip(path):
            spans: list[tuple[int, int | None, str]] = []
            with open(path, "rb") as fh:
                for member in warc_members(path):
                    if member.stored:
                        fh.seek(member.start)
                        spans.append((member.start, member.end, GZIP_RECORDS if fh.read(2) == GZIP_MAGIC else PLAIN))
        else:
            spans = [(0, None, layout or PLAIN)]
        for start, end, inner in spans:
            with iterate(path, inner, start, end) as it:
                for record in it:
                    found = (record.rec_headers.get_header("WARC-Record-ID") or "").strip()
                    it.read_to_end(record)
                    if record.rec_type == "warcinfo" and found:
                        out.setdefault(found, (it.get_record_offset(), it.get_record_length()))
    except Exception:  # damage or a bad zip: what was found before it
        return out
    return out


def _member(raw: bytes) -> tuple[bytes | None, bytes | None]:
    """The first gzip member of ``raw`` (its compressed bytes) and the start of what it inflates to."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
    text = inflater.decompress(raw, MAX_HEADER)
    while not inflater.eof and inflater.unconsumed_tail:
        inflater.decompress(inflater.unconsumed_tail, MAX_HEADER)
    if not inflater.eof:
        return None, None
    return raw[:len(raw) - len(inflater.unused_data)], text


def _fields(data: bytes) -> dict[str, str]:
    """The WARC header fields of the record ``data`` starts with, names lowercased ({} if none)."""
    return header_fields(data) or {}
