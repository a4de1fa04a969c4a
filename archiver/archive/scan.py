"""Reading one WARC file for ``archiver import``: its capture records and archiver metadata in file
order, and what could not be used (:class:`FileReport`). Nothing here writes to the catalog.

Damage is reported, never raised: a file that ends inside a record (or inside its one gzip stream)
keeps what came before; a record whose ``Content-Length`` is wrong is named (warcio only wrote a
WARNING to stderr); in an uncompressed file, when the next record does not start where a wrong
length says, reading goes on at the next ``WARC/`` line (the records after the damage were lost), or, when a
length too long ran into the next record, at that record's start.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.archive.inflate import iterate
from archiver.archive.layout import (
    GZIP_RECORDS,
    GZIP_STREAM,
    PLAIN,
    is_not_chunked,
    next_member,
    next_record_start,
    past_block,
    record_start_within,
)
from archiver.archive.lostbytes import lost_record
from archiver.archive.records import CAPTURE_TYPES, length_fault, map_record
from archiver.archive.seedinfo import CONTENT_TYPE, parse_block
from archiver.archive.streams import is_whole
from archiver.wording import count

MAX_METADATA = 1024 * 1024  # bytes of a metadata block read to see whether it is archiver's
MAX_NAMED = 5  # metadata: records named one a line in a file's report
# URI schemes tools give their own run's records: wget's metadata://, Browsertrix's urn:pageinfo:, urn:text:, urn:view:
TOOL_METADATA = ("metadata:", "urn:")
OWN_SOFTWARE = b"software: archiver/"  # archiver's warcinfo: its captures are described by metadata records
# ... but not in the WARC of a WACZ archiver exported (archive/wacz.py): copies of the selected captures' records,
# without their metadata records, so each record there is a capture of its own, as in another tool's file
EXPORT_DESCRIPTION = "records exported by 'archiver export --wacz'"
MAX_INFO = 4096  # bytes of a warcinfo block read to see whether archiver wrote the file


@dataclass
class FileReport:
    """What importing one file did."""

    path: str
    name: str = ""  # the catalog's warc_file for it
    layout: str = ""
    captures: int = 0  # capture rows added that hold a page (a record to replay)
    failed: int = 0  # capture rows added for failed attempts (an archiver metadata record naming no record)
    records: int = 0  # record rows added that are no capture of their own (redirect hops, robots.txt)
    already: int = 0  # capture records the catalog had before
    other: int = 0  # request, metadata, warcinfo, ... records: not captures
    metadata: list[tuple[str, int]] = field(default_factory=list)  # (URI, offset) of metadata: records skipped
    unusable: Counter[str] = field(default_factory=Counter)  # reason -> records
    examples: dict[str, str] = field(default_factory=dict)  # reason -> the first record's detail
    error: str | None = None  # why reading stopped early (what came before it is kept)
    misframed: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI) of records with a wrong length
    skipped: list[tuple[int, int]] = field(default_factory=list)  # (from, to): bytes holding no record, passed over
    overlapped: list[tuple[int, int]] = field(default_factory=list)  # (offset, of the record whose length ran into it)
    damaged: list[tuple[int, int]] = field(default_factory=list)  # (from, to): gzip members that do not inflate
    lost: list[tuple[int, int, str]] = field(default_factory=list)  # (from, to, what): records' bytes passed over
    versions: list[tuple[int, str]] = field(default_factory=list)  # (offset, version line) of records no tool reads
    segmented: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI) of first segments imported
    truncated: Counter[str] = field(default_factory=Counter)  # WARC-Truncated reason -> captures the tool marked so
    truncated_example: str = ""  # the first such capture's URI
    own: bool = False  # archiver wrote the file (its WARC-Truncated marks are its own fetch's, said when fetched)
    exported: bool = False  # the WARC of a WACZ archiver exported: no metadata records, each record a capture
    bad_digest: list[tuple[int, str]] = field(default_factory=list)  # (offset, URI): WARC-Block-Digest not its block
    trailing: int | None = None  # file offset of bytes after a gzip member that start no member (not read)
    copy_of: str | None = None  # another file the catalog has this file's records from (a copy of it)
    rebound: bool = False  # copy_of is in another layout (gone, or one gzip stream): its captures now read from here
    moved: bool = False  # that file is gone: the catalog now names this one
    altered: list[tuple[str, str]] = field(default_factory=list)  # a WACZ's WARCs unlike its datapackage.json
    taken: int = 0  # records of this file the catalog had from copy_of (the rows now read from here when moved)
    left_behind: int = 0  # that file gone: its captures still naming it after this file (not in this one: shared)
    converted: str | None = None  # an ARC file: the WARC copy written in the WARC folder and imported
    converted_records: int = 0  # records in that copy (its warcinfo naming the ARC included)
    arc_repaired: str | None = None  # what was wrong with the ARC's header record (a new one was written)
    arc_notes: list[str] = field(default_factory=list)  # the ARC's records of a wrong length, damage passed over
    notes: list[str] = field(default_factory=list)  # other lines to show under the file's line (a WACZ's odd layout)

    def unusable_record(self, why: str) -> None:
        """Count an unusable record under its reason; ``why`` is ``REASON`` or ``REASON: DETAIL``
        (the record's URI, its status line), and the first DETAIL is kept as the reason's example."""
        reason, _, detail = why.partition(": ")
        self.unusable[reason] += 1
        if detail:
            self.examples.setdefault(reason, detail)

    def lines(self) -> list[str]:
        head = (f"import {self.path}" + (f" ({self.layout})" if self.layout else "") + ": "
                f"{count(self.captures, 'capture')} added, "
                + (f"{count(self.failed, 'failed attempt')} recorded (no page to replay), " if self.failed else "")
                + f"{self.already} already in the catalog, "
                f"{sum(self.unusable.values())} unusable, "
                + (f"{len(self.metadata)} skipped as the writing tool's metadata, " if self.metadata else "")
                + f"{count(self.other, 'other record')} (not captures)")
        out = [head]
        if self.converted:
            records = count(self.converted_records, "record")
            out.append(f"  an ARC file: converted to the WARC file {self.converted} ({records}, its warcinfo naming "
                       "the ARC included; the ARC file is left as it is), which is what is imported")
        if self.arc_repaired:
            out.append(f"  warning: the ARC file's header record is damaged: {self.arc_repaired}; a new one was "
                       "written in its place and the records were read from the first record line on")
        out += [f"  {note}" for note in self.arc_notes + self.notes]
        shown = self.metadata[:MAX_NAMED]
        out += [f"  metadata, not a capture (its text stays in the file): {uri} at offset {offset}"
                for uri, offset in shown]
        if len(self.metadata) > len(shown):
            out.append(f"  metadata: {len(self.metadata) - len(shown)} more")
        out += [f"  unusable: {n} x {reason}" + (f", e.g. {self.examples[reason]}" if reason in self.examples else "")
                for reason, n in sorted(self.unusable.items())]
        for offset, uri in self.misframed[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) does not end where its Content-Length "
                       "says (the writing tool's fault): its payload may be cut short or run into the next record")
        if len(self.misframed) > MAX_NAMED:
            more = count(len(self.misframed) - MAX_NAMED, 'more record')
            out.append(f"  warning: {more} with a wrong Content-Length")
        for start, end in self.skipped[:MAX_NAMED]:
            out.append(f"  warning: bytes {start}-{end} hold no record (a wrong Content-Length before them?): "
                       "passed over, reading went on at the next record")
        for start, before in self.overlapped[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {start} begins inside the one at offset {before}, whose "
                       "Content-Length runs past its end into it: read from where it begins (the record before "
                       "keeps the bytes its length takes)")
        for start, line in self.versions[:MAX_NAMED]:
            out.append(f"  error: the record at offset {start} is {line}, a WARC version no tool reads (WARC versions "
                       "0.17, 0.18, 1.0 and 1.1 exist; warcio, pywb and archiver read those): passed over, reading "
                       "went on at the next record")
        for start, end in self.damaged[:MAX_NAMED]:
            out.append(f"  error: bytes {start}-{end} are a damaged gzip member (cut short or overwritten): the "
                       "record it held is lost; reading went on at the next member")
        for start, end, what in self.lost[:MAX_NAMED]:
            out.append(f"  error: bytes {start}-{end} {what}: the record they held is lost; reading went on at the "
                       "next record (put back a good copy of the file to have it)")
        for offset, uri in self.segmented[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) is the first of a record in segments "
                       "(WARC-Segment-Number): its continuation records are not joined, so the capture holds the "
                       "first part only (marked WARC-Truncated 'segment')")
        if len(self.segmented) > MAX_NAMED:
            out.append(f"  warning: {count(len(self.segmented) - MAX_NAMED, 'more record')} in segments")
        if self.truncated:
            kinds = ", ".join(f"{n} {why!r}" for why, n in sorted(self.truncated.items()))
            out.append(f"  warning: {count(sum(self.truncated.values()), 'capture')} the writing tool marked "
                       f"WARC-Truncated ({kinds}), e.g. {self.truncated_example}: imported as the part the record "
                       "holds, the mark kept in the catalog")
        for offset, uri in self.bad_digest[:MAX_NAMED]:
            out.append(f"  warning: the record at offset {offset} ({uri}) does not match its WARC-Block-Digest (its "
                       "bytes changed after it was written): imported as it is, its capture's reason says so")
        if len(self.bad_digest) > MAX_NAMED:
            out.append(f"  warning: {count(len(self.bad_digest) - MAX_NAMED, 'more record')} not matching "
                       "their WARC-Block-Digest")
        for name, why in self.altered[:MAX_NAMED]:
            out.append(f"  warning: {name} does not match its datapackage.json entry ({why}): its bytes changed "
                       "after the WACZ was packed; imported as it is")
        if self.trailing is not None:
            out.append(f"  warning: the bytes from offset {self.trailing} of the file are not a gzip member (junk "
                       "after the gzip stream?): reading stopped there; the records before them are imported")
        if self.copy_of and self.rebound and not self.moved:
            out.append(f"  its records are in the catalog from {self.copy_of}, one gzip stream: not added again; the "
                       "catalog reads them from here now (that file is no longer read: it may be moved away)")
        elif self.copy_of and self.moved and self.left_behind:
            out.append(f"  {count(self.taken, 'record')} of this file {'was' if self.taken == 1 else 'were'} in the "
                       f"catalog from {self.copy_of}, which is gone: not added again; the catalog reads "
                       f"{'it' if self.taken == 1 else 'them'} from here now. This is no move of that file: "
                       f"{count(self.left_behind, 'other capture')} of it {'is' if self.left_behind == 1 else 'are'} "
                       f"not in this one and still {'names' if self.left_behind == 1 else 'name'} {self.copy_of} "
                       "(put it back to read them)")
        elif self.copy_of and self.moved:
            out.append(f"  its records are in the catalog from {self.copy_of}, which is gone (moved here?): not "
                       "added again; the catalog reads them from here now")
        elif self.copy_of:
            out.append(f"  its records are in the catalog from {self.copy_of} (a copy of this file?): not added "
                       "again; the catalog reads them from there")
        if self.error:
            out.append(f"  error: {self.error}")
        return out



BATCH = 2000  # entries handed to ``flush`` at a time: a file of a million records is never held whole


def scan_file(path: str | Path, report: FileReport, start: int = 0, end: int | None = None,
              flush: Callable[[list[tuple[str, Any]]], None] | None = None) -> list[tuple[str, Any]] | None:
    """The file's capture records and archiver metadata, in file order: ``("capture", Mapped)``,
    ``("meta", dict)``, ``("own", None)`` (archiver's warcinfo). None: a gzip member held several
    records after all, read the file again as one stream. Damage goes into ``report``. ``start`` and
    ``end``: the part of the file to read (a WARC stored inside a WACZ). ``flush(entries)``, if given,
    takes the entries as they come, ``BATCH`` at a time (the last one is kept back: a cut record is
    dropped from the end); what is left comes back."""
    entries: list[tuple[str, Any]] = []
    while True:
        resume = _scan_from(path, report, entries, start, end, flush)
        if resume is None:
            return None
        if resume < 0:
            return entries
        start = resume


def _scan_from(path: str | Path, report: FileReport, entries: list[tuple[str, Any]], start: int,
               end_at: int | None, flush: Callable[[list[tuple[str, Any]]], None] | None) -> int | None:
    """Read records from ``start`` into ``entries``: -1 when done, None to retry as one stream, else
    the offset of the next record after damage in an uncompressed file (read on from there)."""
    offset, end = start, 0
    record: Any = None
    it: Any = None
    fault_at: int | None = None  # the offset of the last record whose Content-Length is no length
    try:
        with iterate(path, report.layout, start, end_at) as it:
            for record in it:
                meta = None
                if record.rec_type == "metadata" and \
                        (record.rec_headers.get_header("Content-Type") or "").startswith(CONTENT_TYPE):
                    meta = parse_block(record.content_stream().read(MAX_METADATA))
                    report.own = True
                elif record.rec_type == "warcinfo" and OWN_SOFTWARE in (info := record.content_stream().read(MAX_INFO)):
                    report.own = True
                    if EXPORT_DESCRIPTION.encode() in info:
                        report.exported = True
                    elif not report.exported:  # (an export copies its sources' warcinfo records too)
                        entries.append(("own", None))  # a capture's metadata may be in the next file
                warned = it.err_count
                it.read_to_end(record)  # (warcio knows a record's offset only once it is read)
                offset = it.get_record_offset()
                end = offset + it.get_record_length()
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if (fault := length_fault(record.rec_headers, report.layout == PLAIN)) is not None:
                    # its block is read as no record or, without a Content-Length, as the rest of the file
                    if record.rec_headers.get_header("Content-Length") is not None:
                        report.unusable_record(fault)
                        fault_at = offset
                    else:  # (not "cut short": the file is whole) read on at the next record, if one follows
                        report.unusable_record(fault)
                        return past_block(path, PLAIN, offset + 1, end_at)
                elif it.err_count > warned:  # no blank line where its length ends
                    report.misframed.append((offset, uri.strip("<>") or record.rec_type))
                if fault is not None:
                    pass
                elif meta is not None:
                    entries.append(("meta", meta))
                elif record.rec_type not in CAPTURE_TYPES:
                    report.other += 1
                elif uri.strip("<>").lower().startswith(TOOL_METADATA):
                    report.metadata.append((uri.strip("<>"), offset))
                else:
                    mapped = map_record(record, report.name, offset, it.get_record_length())
                    if isinstance(mapped, str):
                        report.unusable_record(mapped)
                    else:
                        entries.append(("capture", mapped))
                        _note(report, record, mapped, offset)
                if flush is not None and len(entries) > BATCH:
                    flush(entries[:-1])
                    del entries[:-1]
    except Exception as exc:  # damaged input: keep what was read, say where it stopped
        if fault_at is not None and fault_at == offset and report.layout in (PLAIN, GZIP_RECORDS):
            return past_block(path, report.layout, offset + 1, end_at)  # the block of a record named unusable
        if is_not_chunked(exc) and report.layout != GZIP_STREAM:
            return None
        if report.layout in (PLAIN, GZIP_RECORDS) and it is not None and not it.cut_short:
            limit = end_at if end_at is not None else os.path.getsize(path)
            after = end if end > offset else start
            if _only_padding(path, after, limit):  # NUL bytes after the last record (a tape or disk block's)
                return -1
            if (version := _VERSION.fullmatch(" ".join(str(exc).split()))) is not None:
                if report.layout == PLAIN:  # the line ends closing the record before it come first
                    with open(path, "rb") as fh:
                        fh.seek(after)
                        head = fh.read(64)
                    after += len(head) - len(head.lstrip(b"\r\n"))
                report.versions.append((after, version.group(1)))
                report.error = f"{count(len(report.versions), 'record')} of a WARC version no tool reads passed over"
                resume = (next_member(path, after + 1, limit) if report.layout == GZIP_RECORDS
                          else next_record_start(path, after + 1))
                return resume if resume is not None and resume < limit else -1
            if report.layout == GZIP_RECORDS:  # a member that does not inflate (a bad checksum, a cut): the next
                return _pass_member(report, path, after, limit)
        if report.layout == PLAIN and it is not None and not it.cut_short:
            after = end if end > offset else offset + 1
            # a Content-Length too long ends inside the next record: it begins at the last block end before there
            inside = (record_start_within(path, offset, after)
                      if end > offset and report.misframed and report.misframed[-1][0] == offset else None)
            if inside is not None:
                report.overlapped.append((inside, offset))
                return inside
            limit = end_at if end_at is not None else os.path.getsize(path)
            member = _member_at(path, after, limit)
            if member is not None:  # gzip members after plain records (``cat a.warc b.warc.gz``): read on as such
                report.layout = GZIP_RECORDS
                return member
            resume = next_record_start(path, after)
            if resume is not None and (end_at is None or resume < end_at):
                if (what := lost_record(path, after, resume)) is not None:
                    if report.skipped and after - 1 <= report.skipped[-1][1] < after + 1:  # its first line's bytes
                        after = report.skipped.pop()[0]
                    _lose(report, after, resume, what)
                else:
                    report.skipped.append((after, resume))
                return resume
        report.error = f"stopped reading at offset {end if end > offset else offset}: {_describe(exc)}"
        if it is None or not it.cut_short:
            return -1
    if it is not None and it.source is not None and it.source.trailing is not None:
        report.trailing = it.source.trailing
    if it.cut_short:  # one gzip stream that ends before its end (its last record is dropped if cut)
        if entries and entries[-1][0] == "capture" and entries[-1][1].capture["warc_offset"] == offset \
                and getattr(record.raw_stream, "limit", 0) > 0:
            entries.pop()
        why = (f"the gzip stream is damaged: {it.source.damage}" if it.source.damage else
               "the gzip stream is cut short (the file was truncated?)")
        report.error = f"stopped reading at offset {offset} (uncompressed): {why}; the records before it are imported"
        return -1
    if report.layout == GZIP_RECORDS and it is not None:  # warcio ends quietly at a member that does not inflate
        limit = end_at if end_at is not None else os.path.getsize(path)
        after = end if end > offset else start
        if after < limit and not _only_padding(path, after, limit):
            return _pass_member(report, path, after, limit)
    if report.layout != GZIP_STREAM and end and not is_whole(path, offset, end - offset):
        # warcio ends quietly inside a torn last record: it is not imported
        if entries and entries[-1][0] == "capture" and entries[-1][1].capture["warc_offset"] == offset:
            entries.pop()
        report.error = (f"stopped reading at offset {offset}: the last record is cut short "
                        f"({os.path.getsize(path) - offset} bytes; the file was truncated?)")
    return -1


def _pass_member(report: FileReport, path: str | Path, after: int, limit: int) -> int:
    """Name the gzip member at byte ``after`` as damaged and pass over it: the offset of the next member that
    inflates to a record (before ``limit``), or -1 when there is none."""
    resume = next_member(path, after + 1, limit)
    if resume is not None and _only_padding(path, after, resume):  # the line ends closing a plain record before it
        if (what := lost_record(path, after, resume)) is not None:  # ... but NUL bytes where a member was
            _lose(report, after, resume, what)
        return resume
    report.damaged.append((after, resume if resume is not None else limit))
    n = len(report.damaged)
    if n > 1 or not report.error:
        lost = "a record of this file is lost" if n == 1 else f"{count(n, 'record')} of this file are lost"
        report.error = f"{count(n, 'damaged gzip member')} passed over: {lost}"
    return resume if resume is not None else -1


def _lose(report: FileReport, start: int, end: int, what: str) -> None:
    """Name bytes ``start``-``end`` that held a record now lost (``lostbytes.lost_record``'s ``what``); the file
    is then one with errors (exit 1), as for a damaged gzip member."""
    report.lost.append((start, end, what))
    n = len(report.lost)
    if report.error is None or report.error.endswith(_LOST):
        report.error = f"{count(n, 'record')}{_LOST}"


_LOST = " lost: passed over as damaged or zero-filled bytes"


BAD_DIGEST = ("its WARC-Block-Digest does not match the record's bytes (changed or damaged after the writing tool "
              "wrote it): imported as it is")


def is_damaged(reason: str | None) -> bool:
    """Whether a capture's ``reason`` says its record failed its WARC-Block-Digest at import (:data:`BAD_DIGEST`,
    alone or after another reason)."""
    return bool(reason) and BAD_DIGEST.split(" (")[0] in (reason or "")


def _note(report: FileReport, record: Any, mapped: Any, offset: int) -> None:
    """What a capture record carries that the report says: a first segment, a WARC-Truncated mark another
    tool set, a block digest its bytes do not match (warcio's digest check, made while the record was read;
    a payload digest is not judged: tools compute it over different bytes, chunked or not)."""
    capture = mapped.capture
    truncated = capture["truncated"]
    if truncated == "segment":
        report.segmented.append((offset, capture["url"]))
    elif truncated and not report.own:
        report.truncated[truncated.strip()[:40]] += 1
        report.truncated_example = report.truncated_example or capture["url"]
    checker = getattr(record, "digest_checker", None)
    if checker is not None and any(str(p).startswith("block digest failed") for p in checker.problems):
        report.bad_digest.append((offset, capture["url"]))
        capture["reason"] = f"{capture['reason']}; {BAD_DIGEST}" if capture["reason"] else BAD_DIGEST


def _member_at(path: str | Path, offset: int, limit: int) -> int | None:
    """The offset of a gzip member holding a record that starts at ``offset`` after line ends (those closing
    the plain record before it), or None."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        head = fh.read(64)
    start = offset + len(head) - len(head.lstrip(b"\r\n"))
    return next_member(path, start, min(start + 1, limit)) if head.lstrip(b"\r\n")[:2] == b"\x1f\x8b" else None


def _only_padding(path: str | Path, start: int, end: int) -> bool:
    """Whether the file's bytes from ``start`` to ``end`` are NUL padding (a tape or disk block's), or nothing
    (the line ends closing the last record of an uncompressed file may come before it)."""
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                return True
            if chunk.strip(b"\0\r\n"):
                return False
            left -= len(chunk)
    return True


# warcio's words for a version line it knows no format for: at a file's start, and at a later record
_VERSION = re.compile(r"(?:Unknown archive format, first line: \['|Invalid WARC record, first line: )"
                      r"(WARC/[0-9.]{1,12})(?:'\])?")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OverflowError):  # warcio's read of a Content-Length past any size ("cannot fit 'int' into
        return ("a record's Content-Length is too large to be read (more than any file holds: "  # an index-sized
                "its header is damaged)")  # integer", round 35)
    text = " ".join(str(exc).split())
    if (version := _VERSION.fullmatch(text)) is not None:  # a version line warcio knows no format for
        return (f"a WARC version no tool reads ({version.group(1)}: WARC versions 0.17, 0.18, 1.0 and 1.1 exist; "
                "warcio, pywb and archiver read those)")
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)  # no control bytes
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__
