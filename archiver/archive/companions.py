"""The records a copied capture record brings along into an export: its exchange's other records and its segments.

The catalog indexes capture records only (``response``, ``revisit``, ``resource``). A WARC holds more that belongs
to a capture:

- its ``request`` record, linked by ``WARC-Concurrent-To`` either way: wget writes the request first and the
  response names it; warcprox, Heritrix, Browsertrix and archiver write the response first and the request names
  it. Replay tools pair them when they are adjacent (cdxj-indexer reads the request's ``Referer`` and, for a
  POST, its body into the index line);
- the writing tool's ``metadata`` and ``resource`` records ``WARC-Concurrent-To`` it (Heritrix's outlinks and
  hops); archiver's own capture metadata (``archiver-capture: 1``) is not among them: it is the archive's
  bookkeeping (list file paths, worker names), which the importer of an export would take for a fetch's;
- the ``continuation`` records of a record written in segments (WARC 1.1 section 5.13: ``WARC-Segment-Origin-ID``
  its ``WARC-Record-ID``, the last one with ``WARC-Segment-Total-Length``).

None of these is in the catalog, so they lie in the gaps between the records it indexes: a record's companions
are looked for between the end of the indexed record before it and the start of the one after it (in its file,
or in its inner WARC of a WACZ), which holds them for every tool above, and is all that is read.
"""
from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archiver.archive.inflate import iterate
from archiver.archive.layout import GZIP_MAGIC, GZIP_RECORDS, GZIP_STREAM, PLAIN, record_start_within
from archiver.archive.records import length_fault
from archiver.archive.seedinfo import CONTENT_TYPE, parse_block
from archiver.archive.wacz_in import is_zip, warc_members

COMPANION_TYPES = ("request", "metadata", "resource")  # linked by WARC-Concurrent-To
MAX_METADATA = 1 << 20  # bytes of a warc-fields metadata block read to tell archiver's own


@dataclass
class Seen:
    """One record read in a gap: where it is and how it links to others."""

    offset: int
    length: int
    rec_type: str
    record_id: str
    concurrent: tuple[str, ...]  # its WARC-Concurrent-To values
    origin: str | None  # WARC-Segment-Origin-ID (a continuation record)
    segment: int | None  # WARC-Segment-Number
    last_segment: bool  # carries WARC-Segment-Total-Length
    bookkeeping: bool  # archiver's own capture metadata
    digest_fails: bool  # its block does not match its WARC-Block-Digest (warcio's check)


@dataclass
class Linked:
    """What goes with one copied record: (offset, length, WARC-Type, whether it fails its WARC-Block-Digest) of
    records before it and after it in its file, in file order; ``dangling``: its WARC-Concurrent-To IDs no record
    found holds; ``segments_missing``: it is the first of a record in segments whose continuation records were not
    all found."""

    before: list[tuple[int, int, str, bool]] = field(default_factory=list)
    after: list[tuple[int, int, str, bool]] = field(default_factory=list)
    dangling: list[str] = field(default_factory=list)
    segments_missing: bool = False
    damaged_at: int | None = None  # the offset of a record in its gap that could not be read (damage), if any


def indexed_spans(conn: sqlite3.Connection, warc_files: list[str]) -> dict[str, list[tuple[int, int]]]:
    """For each of ``warc_files``: (offset, length) of every record the catalog indexes in it, by offset (one scan
    of the tables per 500 files, not one per file: they have no index on the file)."""
    out: dict[str, list[tuple[int, int]]] = {name: [] for name in warc_files}
    for i in range(0, len(warc_files), 500):
        names = warc_files[i:i + 500]
        marks = ",".join("?" * len(names))
        for name, offset, length in conn.execute(
                f"SELECT warc_file, warc_offset, warc_length FROM records WHERE warc_file IN ({marks}) UNION "
                f"SELECT warc_file, warc_offset, warc_length FROM captures WHERE warc_file IN ({marks}) "
                "AND warc_offset IS NOT NULL AND warc_length IS NOT NULL", [*names, *names]):
            out[name].append((int(offset), int(length)))
    for spans in out.values():
        spans.sort()
    return out


def linked_records(path: Path, layout: str | None, indexed: list[tuple[int, int]],
                   wanted: list[int]) -> dict[int, Linked]:
    """For each offset in ``wanted`` (records the catalog indexes in the file at ``path``), what goes with it.

    ``layout``: the file's (None for a WACZ, whose inner WARCs are told apart here); ``indexed``: from
    :func:`indexed_spans`. Raises OSError if the file cannot be opened; a gap that cannot be read to its end
    (damage) gives what was read before it.
    """
    bounds = _bounds(path)
    starts = [other for other, _ in indexed]
    windows = {offset: _window(offset, indexed, starts, bounds) for offset in wanted}
    seen: dict[int, Seen] = {}
    damage: list[int] = []  # where reading a gap stopped on a record it could not read
    unframed: list[int] = []  # records of no length (import named them unusable): a gap stops there, unsaid
    for start, end, span_layout in _spans(path, layout, sorted(windows.values())):
        going: int | None = start
        while going is not None:
            stopped, quiet = len(damage), len(unframed)
            for found in _read(path, span_layout, going, end, damage, unframed):
                seen.setdefault(found.offset, found)
            inside = _overlapped(path, seen, damage[-1]) if len(damage) > stopped and span_layout == PLAIN else None
            if inside is not None and inside > going:
                damage.pop()  # a Content-Length past its record's end ran into the next record: read on from
                going = inside  # where that one begins, as import does (scan.py), not told as damage
                continue
            # damage in a gap: go on at the next indexed record (before 2026-12-07 the rest of the span was
            # given up, and one damaged request record lost every request record after it in its file)
            going = None if (len(damage) == stopped and len(unframed) == quiet) or span_layout == GZIP_STREAM \
                else next((at for at in starts[bisect_right(starts, damage[-1] if len(damage) > stopped
                                                            else unframed[-1]):] if end is None or at < end), None)
    places = sorted(seen)
    out = {}
    for offset, (start, end, _) in windows.items():
        own = seen.get(offset)
        if own is not None:
            gap = places[bisect_left(places, start):len(places) if end is None else bisect_left(places, end)]
            out[offset] = _link(own, [seen[at] for at in gap if at != offset])
            out[offset].damaged_at = next((at for at in damage if start <= at and (end is None or at < end)), None)
    return out


def _overlapped(path: Path, seen: dict[int, Seen], stop: int) -> int | None:
    """Where the record begins that the last record read before ``stop`` (a plain file's offset where reading
    failed: that record's end by its Content-Length) ran into, or None (then it is damage)."""
    last = max((at for at in seen if at < stop), default=None)
    return None if last is None else record_start_within(path, last, stop)


def _link(own: Seen, gap: list[Seen]) -> Linked:
    taken = [s for s in gap if not s.bookkeeping and (
        (s.rec_type in COMPANION_TYPES and (own.record_id in s.concurrent or s.record_id in own.concurrent))
        or (s.rec_type == "continuation" and s.origin == own.record_id))]
    ids = {s.record_id for s in taken}
    places = sorted((s.offset, s.length, s.rec_type, s.digest_fails) for s in taken)
    linked = Linked(before=[p for p in places if p[0] < own.offset], after=[p for p in places if p[0] > own.offset],
                    dangling=[rid for rid in own.concurrent if rid not in ids])
    if own.segment is not None:
        numbers = {1} | {s.segment for s in taken if s.rec_type == "continuation" and s.segment is not None}
        whole = any(s.last_segment for s in taken) and numbers == set(range(1, max(numbers) + 1))
        linked.segments_missing = not whole
    return linked


def _bounds(path: Path) -> list[tuple[int, int | None, str | None]]:
    """Where the file's WARC data lies: the whole file, or each inner WARC of a WACZ (with its layout)."""
    if not is_zip(path):
        return [(0, None, None)]
    out: list[tuple[int, int | None, str | None]] = []
    with open(path, "rb") as fh:
        for member in warc_members(path):
            if member.stored:
                fh.seek(member.start)
                out.append((member.start, member.end, GZIP_RECORDS if fh.read(2) == GZIP_MAGIC else PLAIN))
    return out


def _window(offset: int, indexed: list[tuple[int, int]], starts: list[int],
            bounds: list[tuple[int, int | None, str | None]]) -> tuple[int, int | None, str | None]:
    """The bytes around the record at ``offset`` that no other indexed record holds: (start, end or None for the
    file's end, the layout of an inner WARC of a WACZ or None). ``starts``: the offsets of ``indexed``."""
    low, high, inner = next(((s, e, lay) for s, e, lay in bounds if s <= offset and (e is None or offset < e)),
                            (0, None, None))
    before = bisect_left(starts, offset)  # indexed records before it: [:before]
    after = bisect_right(starts, offset)  # and after it: [after:]
    start = max([low] + [other + length for other, length in indexed[max(0, before - 1):before]])
    end = high if after >= len(starts) else starts[after] if high is None else min(high, starts[after])
    return start, end, inner


def _spans(path: Path, layout: str | None,
           windows: list[tuple[int, int | None, str | None]]) -> Iterator[tuple[int, int | None, str]]:
    """The windows joined where they touch or overlap, as (start, end, layout) to read. A one-stream gzip file
    is read from its start whatever the offset (its offsets are uncompressed), so all of it in one pass."""
    if layout == GZIP_STREAM:
        ends = [end for _, end, _ in windows]
        yield 0, None if None in ends else max(e for e in ends if e is not None), GZIP_STREAM
        return
    current: list | None = None
    for start, end, inner in windows:
        if current is not None and current[2] == inner and (current[1] is None or start <= current[1]):
            current[1] = None if end is None or current[1] is None else max(current[1], end)
            continue
        if current is not None:
            yield current[0], current[1], current[2] or layout or PLAIN
        current = [start, end, inner]
    if current is not None:
        yield current[0], current[1], current[2] or layout or PLAIN


def _read(path: Path, layout: str, start: int, end: int | None, damage: list[int],
          unframed: list[int]) -> Iterator[Seen]:
    """The records from ``start`` (a record's start) to ``end`` (None: the file's end); stops at damage, adding
    to ``damage`` the offset of the record it could not read (the end of the last one read), and at a record
    whose Content-Length gives no length (``records.length_fault``), adding its offset to ``unframed``: import
    named it unusable; export called it "a damaged record ... whose gzip member does not inflate" (round 43)."""
    reached = start
    try:
        with iterate(path, layout, start, end if layout != GZIP_STREAM else None) as it:
            for record in it:
                headers = record.rec_headers
                bookkeeping = False
                if record.rec_type == "metadata" and \
                        (headers.get_header("Content-Type") or "").startswith(CONTENT_TYPE):
                    bookkeeping = parse_block(record.content_stream().read(MAX_METADATA)) is not None
                it.read_to_end(record)
                offset = it.get_record_offset()
                if offset < start:
                    continue
                if end is not None and offset >= end:
                    return
                if length_fault(headers, layout == PLAIN) is not None:
                    unframed.append(offset)
                    return
                number = (headers.get_header("WARC-Segment-Number") or "").strip()
                reached = offset + it.get_record_length()
                yield Seen(offset, it.get_record_length(), record.rec_type,
                           (headers.get_header("WARC-Record-ID") or "").strip(),
                           tuple(v.strip() for k, v in headers.headers if k.lower() == "warc-concurrent-to"),
                           (headers.get_header("WARC-Segment-Origin-ID") or "").strip() or None,
                           int(number) if number.isdigit() else None,
                           headers.get_header("WARC-Segment-Total-Length") is not None, bookkeeping,
                           any(str(p).startswith("block digest failed")
                               for p in getattr(getattr(record, "digest_checker", None), "problems", [])))
    except Exception:  # damage in a gap: what came before it is kept (the capture records were judged already)
        damage.append(reached)
