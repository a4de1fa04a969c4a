"""``archiver import``: index WARC files into the catalog where they lie; nothing is copied.

(An ARC file is the exception: it is read through a WARC copy written into the WARC folder,
see :mod:`archiver.archive.arc`.)

Any tool's WARC (wget, Heritrix, warcprox, Browsertrix, Common Crawl; WARC 1.0
or 1.1; plain, gzip per record or one gzip stream, see
:mod:`archiver.archive.layout`) gives one capture per ``response``, ``revisit``
and ``resource`` record (:mod:`archiver.archive.records`). A WARC written by
archiver itself carries a ``metadata`` record per capture
(:mod:`archiver.archive.seedinfo`); from those the captures come back exactly
as the fetch recorded them (seed URL, list file and line, redirect hops, failed
seeds), which is what ``archiver reindex`` relies on.

Importing is idempotent: a record whose (file, offset) the catalog already has
is counted as ``already`` and not added again. A tool's own records under a
``metadata:`` URI (wget's ``wget_arguments.txt`` and ``wget.log``, as ``resource``
records) are its run's notes, not captures: counted as skipped metadata and
named with their offsets, so their text can be read from the file (import
copies nothing and keeps no record that is not a capture's). Records that
cannot be captures are counted per reason; a file that cannot be read to its end keeps what was
read before the damage and says where it stopped. Nothing here raises for bad
input.
"""
from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.archive.arc import convert_arc, is_arc
from archiver.archive.chains import Chains
from archiver.archive.filereport import FileReport
from archiver.archive.layout import GZIP_MAGIC, GZIP_RECORDS, GZIP_STREAM, PLAIN, detect_layout
from archiver.archive.lookups import CatalogLookups
from archiver.archive.records import Mapped, same_date_sql
from archiver.archive.scan import scan_file
from archiver.archive.seedinfo import FIELDS
from archiver.archive.wacz_in import altered_members, is_zip, warc_members
from archiver.catalog import CAPTURE_FIELDS, RECORD_FIELDS, Catalog
from archiver.wording import count


@dataclass
class ImportSummary:
    files: list[FileReport] = field(default_factory=list)
    linked: int = 0  # revisits of earlier imports whose original came in with this one
    orphans: int = 0  # revisits this import added whose original no imported file holds

    @property
    def exit_code(self) -> int:
        """1 if some file could not be read (to its end), else 0; unusable records are reported, not failures."""
        return 1 if any(f.error for f in self.files) else 0

    def counts(self) -> dict[str, int]:
        return {"files": len(self.files), "captures": sum(f.captures for f in self.files),
                "failed": sum(f.failed for f in self.files),
                "already": sum(f.already for f in self.files),
                "unusable": sum(sum(f.unusable.values()) for f in self.files),
                "metadata": sum(len(f.metadata) for f in self.files),
                "errors": sum(1 for f in self.files if f.error)}

    def line(self) -> str:
        c = self.counts()
        return (f"import: {count(c['files'], 'file')}, {count(c['captures'], 'capture')} added, "
                + (f"{count(c['failed'], 'failed attempt')} recorded (no page to replay), " if c["failed"] else "")
                + f"{c['already']} already in the catalog, {count(c['unusable'], 'unusable record')}, "
                + (f"{c['metadata']} skipped as the writing tool's metadata, " if c["metadata"] else "")
                + f"{count(c['errors'], 'file')} with errors"
                + "".join(f"; {count(n, *what)}" for n, what in (
                    (sum(len(f.bad_digest) for f in self.files),
                     ("record not matching its WARC-Block-Digest", "records not matching their WARC-Block-Digest")),
                    (sum(sum(f.truncated.values()) for f in self.files),
                     ("capture marked WARC-Truncated", "captures marked WARC-Truncated"))) if n)
                + (f"; {count(self.linked, 'revisit')} of an earlier import linked to its original"
                   if self.linked else "")
                + (f"; {count(self.orphans, 'revisit')} whose original record is in no imported file (its text "
                   "cannot be extracted: import the WARC that holds the original)" if self.orphans else ""))


def catalog_name(warcs: Path, path: str | Path) -> str:
    """The ``warc_file`` the catalog keeps: the bare name inside the WARC folder, else the absolute path."""
    resolved = Path(path).resolve()
    if resolved.parent == Path(warcs).resolve():
        return resolved.name
    return str(resolved)


class Importer(CatalogLookups):
    """Imports files into one catalog; ``finish()`` after the last file (what the catalog already holds is
    asked through :class:`~archiver.archive.lookups.CatalogLookups`)."""

    def __init__(self, catalog: Catalog, warcs: Path):
        self.conn: sqlite3.Connection = catalog.conn
        same_date_sql(self.conn)  # the lookups match a date stored in either form (records.canonical_date)
        self.warcs = Path(warcs)
        # capture records of archiver's own files not yet claimed by a metadata record: record id -> (rows, report)
        self.pool: dict[str, tuple[Mapped, FileReport]] = {}
        self.by_record_id: dict[str, int] = {}  # WARC-Record-ID -> capture id, for this run's captures
        self.summary = ImportSummary()
        self.first_id = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM captures").fetchone()[0])
        self.streams: dict[str, bool] = {}  # catalog file name -> whether it is one gzip stream (_copy_of)
        self.seen: set[bytes] = set()  # the file's records stored so far (_repeated)

    # -- reading ----------------------------------------------------------------

    def import_file(self, path: str | Path) -> FileReport:
        report = FileReport(str(path))
        self.summary.files.append(report)
        self.seen = set()
        if str(path).endswith(".open"):
            report.error = "still being written (.open): import it once it is closed"
            return report
        try:
            if is_arc(path):  # read through its WARC copy in the WARC folder
                conversion = convert_arc(path, self.warcs)
                report.converted, path = str(conversion.warc), conversion.warc
                report.converted_records, report.error = conversion.records, conversion.error
                report.arc_repaired, report.arc_notes = conversion.repaired, conversion.notes()
        except OSError as exc:
            report.error = f"cannot convert the ARC file: {exc.strerror or exc}"
            return report
        report.name = catalog_name(self.warcs, path)
        try:
            if is_zip(path):
                self._import_wacz(path, report)
                return report
            report.layout = detect_layout(path)
        except OSError as exc:
            report.error = f"cannot read: {exc.strerror or exc}"
            return report
        except ValueError as exc:
            report.error = str(exc)
            return report
        if not self._scan_and_store(path, report):  # a gzip member held several records after all:
            report.layout, report.unusable, report.examples, report.other = GZIP_STREAM, Counter(), {}, 0
            report.metadata, report.misframed, report.skipped = [], [], []  # read it again as one stream
            report.segmented, report.bad_digest, report.truncated = [], [], Counter()
            report.captures = report.already = report.records = report.failed = 0
            self.seen = set()
            self._scan_and_store(path, report)
        return report

    def _scan_and_store(self, path: str | Path, report: FileReport,
                        parts: list[tuple[int, int | None]] | None = None) -> bool:
        """Read the file (or its ``parts``: (start, end) offsets) and store what it holds, in one
        transaction (a killed import leaves nothing of the file), ``BATCH`` records at a time (a file's
        rows are never all held). False, with nothing stored, if it must be read as one stream."""
        state = _FileState(self._known_offsets(report.name))
        try:
            with self.conn:
                for start, end in parts or [(0, None)]:
                    left = scan_file(path, report, start, end, lambda batch: self._store(batch, report, state))
                    if left is None:
                        raise _AsOneStream
                    self._store(left, report, state)
                for capture, records, source in state.chains.flush():  # a chain the file ends in
                    self._store_exported(capture, records, source, report)
        except _AsOneStream:  # rolled back: its records wait in the pool no more
            self.pool = {rid: held for rid, held in self.pool.items() if held[1] is not report}
            return False
        if state.own and not state.described:  # (an exported WACZ's WARC has no metadata records)
            report.already += state.known_unclaimed
        if report.copy_of and report.moved and SHARED_NAMED:  # a gone file's rows it did not take over: no move
            report.left_behind = int(self.conn.execute("SELECT COUNT(*) FROM captures WHERE warc_file = ?",
                                                       (report.copy_of,)).fetchone()[0])
        return True

    def _import_wacz(self, path: str | Path, report: FileReport) -> None:
        """The WARC files a WACZ stores, read where they lie inside it (see :mod:`archiver.archive.wacz_in`)."""
        try:
            members = warc_members(path)
        except zipfile.BadZipFile as exc:
            report.error = f"a zip file that cannot be read ({exc}): is the WACZ cut short?"
            return
        if not members:
            report.error = "a zip file with no WARC under archive/ (not a WACZ?)"
            return
        shown = f"WACZ, {count(len(members), 'WARC file')}"
        moved = [member.zip_name for member in members if member.zip_name]
        if moved:
            report.notes.append(f"warning: its WARC files lie at {moved[0]!r}" + (f" and {len(moved) - 1} more" if
                                len(moved) > 1 else "") + ", not under archive/ (the WACZ's files zipped again, "
                                "with their folder or Windows' \\ separators?): read where they lie; replay tools "
                                "read archive/ only ('archiver export --wacz' writes a WACZ they read)")
        for member in members:
            if not member.stored:
                report.error = (f"{member.name} is compressed inside the zip, so no record of it can be read "
                                "at an offset: unzip the WACZ and import its WARC files")
                continue
            with open(path, "rb") as fh:
                fh.seek(member.start)
                report.layout = GZIP_RECORDS if fh.read(2) == GZIP_MAGIC else PLAIN
            if not self._scan_and_store(path, report, [(member.start, member.end)]):
                report.error = f"{member.name} is one gzip stream: unzip the WACZ and import its WARC files"
        report.layout = shown
        try:
            report.altered = altered_members(path, members)
        except OSError:
            pass  # (a file that cannot be read again: its records are imported; nothing to compare)

    # -- writing ----------------------------------------------------------------

    def _store(self, entries: list[tuple[str, Any]], report: FileReport, state: _FileState) -> None:
        """Store a batch of a file's entries, in the caller's transaction."""
        known = state.known
        state.own |= any(kind in ("meta", "own") for kind, _ in entries)
        state.described |= any(kind == "meta" for kind, _ in entries)
        own = state.own
        for kind, item in entries:
            if kind == "own":
                continue
            if kind == "meta":
                self._store_meta(item, report, known)
            elif item.capture["warc_offset"] in known:
                if not own:
                    report.already += 1
                    self._repeated(item)  # (a later copy of it in this file is a repeat)
                else:  # an archiver capture is counted once, at its metadata record (if the file has any)
                    state.known_unclaimed += 1
            elif own:
                if item.record_id:
                    self.pool[item.record_id] = (item, report)
            elif self._repeated(item):  # the same record again in this file: a WACZ holding one WARC twice
                report.already += 1
            elif (found := self._copy_of(item.capture, report)) is not None:
                self._took_over(found, report, known)
            elif report.exported:
                for capture, records, source in state.chains.feed(item):
                    self._store_exported(capture, records, source, report)
            else:
                self._insert(item.capture, [item.record], item.refers, item.record_id)
                report.captures += 1

    def _repeated(self, item: Mapped) -> bool:
        """Whether the file being imported gave this very record before (same WARC-Record-ID, URL, WARC-Date,
        type, payload digest and length; one without an ID is never taken for another): a WACZ holding
        one WARC twice, under one name or two, or a WARC joined to itself (before round 34 every capture of
        the second copy was added again, the two read from one file, which ``_copy_of`` passes over)."""
        if not item.record_id or not REPEATS:
            return False
        c = item.capture  # held as a 16-byte digest of those fields (about 80 bytes a capture record in all)
        fields = (item.record_id, c["url"], c["fetched_at"], c["record_type"], c["payload_digest"], c["warc_length"])
        key = hashlib.blake2b(repr(fields).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    def _took_over(self, found: tuple[str, bool], report: FileReport, known: set[int]) -> None:
        """Count a record :meth:`_copy_of` found in another file (``found``: its name, whether rebound)."""
        copy_of, rebound = found
        report.already += 1  # the same record, imported from another copy of the file
        report.taken += copy_of == (report.copy_of or copy_of)
        if report.copy_of is None:
            report.copy_of, report.rebound = copy_of, rebound
            report.moved = not (self.warcs / copy_of).exists()  # (an absolute name stays itself)
            if report.moved and not rebound:  # the file was moved here: read its records from here now
                for table in ("captures", "records"):
                    self.conn.execute(f"UPDATE {table} SET warc_file = ? WHERE warc_file = ?",
                                      (report.name, copy_of))
                # its other records are this file's now: known by offset (_copy_of, looking for
                # another file, found none of them, and each was added again as a new capture)
                known.update(self._known_offsets(report.name))

    def _store_exported(self, capture: dict[str, Any], records: list[dict[str, Any]], source: Mapped,
                        report: FileReport) -> None:
        """One capture of an exported WACZ's WARC (its redirect hops joined to it: :mod:`archiver.archive.chains`)."""
        if self._has_record(capture):
            report.already += 1  # an export of this archive imported back: the capture it copies is here
        elif urlsplit(capture["url"] or "").path == "/robots.txt":
            if self._has_plain_record(source.record):  # robots.txt: a plain record, as in finish()
                report.already += 1
            else:
                self._insert_record(source.record, None)
                report.records += 1
        else:
            self._insert(capture, records, source.refers, source.record_id)
            report.captures += 1

    def _store_meta(self, meta: dict[str, Any], report: FileReport, known: set[int]) -> None:
        claimed = [self.pool.pop(rid) for rid in meta["records"] if rid in self.pool]
        final = next((m for m, _ in claimed if m.record_id == meta["final_record"]), None)
        if final is None and meta["final_record"]:
            report.already += 1  # its record was in the catalog already (or is lost: nothing to point at)
            return
        row = {column: meta[column] for column in FIELDS}
        if final is not None:
            row.update(warc_file=final.capture["warc_file"], warc_offset=final.capture["warc_offset"],
                       warc_length=final.capture["warc_length"])
            # an archiver file recompressed (``warcio recompress``): its capture and hops are read from here
            found = self._copy_of(row, report, [m.record for m, _ in claimed if m is not final])
            if found is not None:  # (before 2026-12-06 added again, every row doubled; a byte copy under
                self._took_over(found, report, known)  # another name, the original still read, before round 34)
                return
        elif self._has_failed(row):
            report.already += 1
            return
        self._insert(row, [m.record for m, _ in claimed],
                     final.refers if final is not None and row.get("record_type") == "revisit" else None)
        if final is None:  # a failed attempt (its run's note only): no page to replay or export
            report.failed += 1
        else:
            report.captures += 1

    def finish(self) -> ImportSummary:
        """Store the records of archiver's files no metadata record claimed: robots.txt as plain records, and
        so a record of a URL the catalog has a capture of (an attempt a killed run left, its redirect hop
        written before the signal: the rerun's capture speaks for the URL); any other as a capture of its
        own, as another tool's (its metadata record is in a file not imported)."""
        with self.conn:
            for mapped, report in self.pool.values():
                url = mapped.capture["url"] or ""
                if urlsplit(url).path == "/robots.txt" or self.conn.execute(
                        "SELECT 1 FROM captures WHERE url = ? LIMIT 1", (url,)).fetchone():
                    if not self._plain_copy_of(mapped.record, report):  # (held already: no second row)
                        self._insert_record(mapped.record, None)
                        report.records += 1
                else:
                    self._insert(mapped.capture, [mapped.record], mapped.refers, mapped.record_id)
                    report.captures += 1
            self._link_revisits()
        self.pool.clear()
        return self.summary

    def _link_revisits(self) -> None:
        """Revisits imported before the file holding their original (another file, a later import):
        linked now by payload digest, as ``_refers_to``'s last resort does (a response of the same URL
        first, else of any URL: a deduplicating crawler's revisit names the first URL it saw the payload
        under); those still without an original are counted (their extraction fails as a revisit of an
        unknown capture)."""
        pick = ("(SELECT o.id FROM captures o WHERE o.payload_digest = captures.payload_digest {} "
                "AND o.record_type = 'response' AND o.warc_file IS NOT NULL ORDER BY o.fetched_at DESC, o.id DESC "
                "LIMIT 1)")  # (SQLite's ORDER BY in a subquery cannot name the outer row: two picks)
        original = f"COALESCE({pick.format('AND o.url = captures.url')}, {pick.format('')})"
        cur = self.conn.execute(
            f"UPDATE captures SET refers_to = {original} WHERE record_type = 'revisit' AND refers_to IS NULL "
            f"AND payload_digest IS NOT NULL AND id <= ? AND {original} IS NOT NULL", (self.first_id - 1,))
        self.summary.linked = max(cur.rowcount, 0)
        self.conn.execute(
            f"UPDATE captures SET refers_to = {original} WHERE record_type = 'revisit' AND refers_to IS NULL "
            "AND payload_digest IS NOT NULL AND id >= ?", (self.first_id,))
        self.summary.orphans = self.conn.execute(
            "SELECT COUNT(*) FROM captures WHERE record_type = 'revisit' AND refers_to IS NULL AND id >= ? "
            "AND warc_file IS NOT NULL", (self.first_id,)).fetchone()[0]

    def _insert(self, capture: dict[str, Any], records: list[dict[str, Any]],
                refers: tuple[str | None, str | None, str | None, str | None] | None,
                record_id: str | None = None) -> int:
        if refers is not None:
            capture = dict(capture, refers_to=self._refers_to(capture["url"], refers))
        cur = self.conn.execute(
            f"INSERT INTO captures ({', '.join(CAPTURE_FIELDS)}) VALUES ({', '.join('?' * len(CAPTURE_FIELDS))})",
            [capture.get(k) for k in CAPTURE_FIELDS])
        capture_id = int(cur.lastrowid or 0)
        if record_id and capture.get("record_type") == "response":
            self.by_record_id[record_id] = capture_id
        for record in records:
            self._insert_record(record, capture_id)
        return capture_id

    def _insert_record(self, record: dict[str, Any], capture_id: int | None) -> None:
        self.conn.execute(
            f"INSERT INTO records (capture_id, {', '.join(RECORD_FIELDS)}) "
            f"VALUES (?, {', '.join('?' * len(RECORD_FIELDS))})",
            [capture_id] + [record.get(k) for k in RECORD_FIELDS])


REPEATS = True  # False: a record repeated in one file is added again (before round 34)
SHARED_NAMED = True  # False: a file sharing some records with a gone file is called that file moved (before round 36)


@dataclass
class _FileState:
    """What storing one file's batches has learnt so far."""

    known: set[int]  # offsets of the file the catalog had before
    own: bool = False  # archiver wrote it (its warcinfo, or a metadata record of archiver's)
    described: bool = False  # it holds archiver metadata records
    known_unclaimed: int = 0  # known capture records of an archiver file, counted if no metadata record
    chains: Chains = field(default_factory=Chains)  # an exported WACZ's redirect hops waiting for their answer


class _AsOneStream(Exception):
    """The file must be read again as one gzip stream (the transaction is rolled back)."""


def import_files(catalog: Catalog, warcs: Path, paths: Iterable[str | Path]) -> ImportSummary:
    """Import ``paths`` in the order given; return what each file gave."""
    importer = Importer(catalog, warcs)
    for path in paths:
        importer.import_file(path)
    return importer.finish()
