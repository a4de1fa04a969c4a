"""``archiver import``: index WARC files into the catalog where they lie; nothing is copied.

Any tool's WARC (wget, Heritrix, warcprox, Browsertrix, Common Crawl; WARC 1.0
or 1.1; plain, gzip per record or one gzip stream, see
:mod:`archiver.archive.streams`) gives one capture per ``response``, ``revisit``
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

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.archive.records import CAPTURE_TYPES, Mapped, map_record, normalize
from archiver.archive.seedinfo import CONTENT_TYPE, FIELDS, parse_block
from archiver.archive.streams import GZIP_STREAM, detect_layout, is_not_chunked, is_whole, iterate
from archiver.catalog import CAPTURE_FIELDS, RECORD_FIELDS, Catalog
from archiver.wording import count

MAX_METADATA = 1024 * 1024  # bytes of a metadata block read to see whether it is archiver's
MAX_NAMED = 5  # metadata: records named one a line in a file's report
# URI schemes tools give their own run's records: wget's metadata://, Browsertrix's urn:pageinfo:, urn:text:, urn:view:
TOOL_METADATA = ("metadata:", "urn:")
OWN_SOFTWARE = b"software: archiver/"  # archiver's warcinfo: its captures are described by metadata records
MAX_INFO = 4096  # bytes of a warcinfo block read to see whether archiver wrote the file


@dataclass
class FileReport:
    """What importing one file did."""

    path: str
    name: str = ""  # the catalog's warc_file for it
    layout: str = ""
    captures: int = 0  # capture rows added
    records: int = 0  # record rows added that are no capture of their own (redirect hops, robots.txt)
    already: int = 0  # capture records the catalog had before
    other: int = 0  # request, metadata, warcinfo, ... records: not captures
    metadata: list[tuple[str, int]] = field(default_factory=list)  # (URI, offset) of metadata: records skipped
    unusable: Counter[str] = field(default_factory=Counter)  # reason -> records
    examples: dict[str, str] = field(default_factory=dict)  # reason -> the first record's detail
    error: str | None = None  # why reading stopped early (what came before it is kept)

    def unusable_record(self, why: str) -> None:
        """Count an unusable record under its reason; ``why`` is ``REASON`` or ``REASON: DETAIL``
        (the record's URI, its status line), and the first DETAIL is kept as the reason's example."""
        reason, _, detail = why.partition(": ")
        self.unusable[reason] += 1
        if detail:
            self.examples.setdefault(reason, detail)

    def lines(self) -> list[str]:
        head = (f"import {self.path}" + (f" ({self.layout})" if self.layout else "") + ": "
                f"{count(self.captures, 'capture')} added, {self.already} already in the catalog, "
                f"{sum(self.unusable.values())} unusable, "
                + (f"{len(self.metadata)} skipped as the writing tool's metadata, " if self.metadata else "")
                + f"{count(self.other, 'other record')} (not captures)")
        out = [head]
        shown = self.metadata[:MAX_NAMED]
        out += [f"  metadata, not a capture (its text stays in the file): {uri} at offset {offset}"
                for uri, offset in shown]
        if len(self.metadata) > len(shown):
            out.append(f"  metadata: {len(self.metadata) - len(shown)} more")
        out += [f"  unusable: {n} x {reason}" + (f", e.g. {self.examples[reason]}" if reason in self.examples else "")
                for reason, n in sorted(self.unusable.items())]
        if self.error:
            out.append(f"  error: {self.error}")
        return out


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
                "already": sum(f.already for f in self.files),
                "unusable": sum(sum(f.unusable.values()) for f in self.files),
                "metadata": sum(len(f.metadata) for f in self.files),
                "errors": sum(1 for f in self.files if f.error)}

    def line(self) -> str:
        c = self.counts()
        return (f"import: {count(c['files'], 'file')}, {count(c['captures'], 'capture')} added, {c['already']} already "
                f"in the catalog, {count(c['unusable'], 'unusable record')}, "
                + (f"{c['metadata']} skipped as the writing tool's metadata, " if c["metadata"] else "")
                + f"{count(c['errors'], 'file')} with errors"
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


class Importer:
    """Imports files into one catalog; ``finish()`` after the last file."""

    def __init__(self, catalog: Catalog, warcs: Path):
        self.conn: sqlite3.Connection = catalog.conn
        self.warcs = Path(warcs)
        # capture records of archiver's own files not yet claimed by a metadata record: record id -> (rows, report)
        self.pool: dict[str, tuple[Mapped, FileReport]] = {}
        self.by_record_id: dict[str, int] = {}  # WARC-Record-ID -> capture id, for this run's captures
        self.summary = ImportSummary()
        self.first_id = int(self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM captures").fetchone()[0])

    # -- reading ----------------------------------------------------------------

    def import_file(self, path: str | Path) -> FileReport:
        report = FileReport(str(path))
        self.summary.files.append(report)
        if str(path).endswith(".open"):
            report.error = "still being written (.open): import it once it is closed"
            return report
        report.name = catalog_name(self.warcs, path)
        try:
            report.layout = detect_layout(path)
        except OSError as exc:
            report.error = f"cannot read: {exc.strerror or exc}"
            return report
        except ValueError as exc:
            report.error = str(exc)
            return report
        entries = self._scan(path, report)
        if entries is None:  # a gzip member held several records after all: read it as one stream
            report.layout, report.unusable, report.examples, report.other = GZIP_STREAM, Counter(), {}, 0
            report.metadata = []
            entries = self._scan(path, report) or []
        self._store(entries, report)
        return report

    def _scan(self, path: str | Path, report: FileReport) -> list[tuple[str, Any]] | None:
        """The file's capture records and archiver metadata, in file order (None: retry as one stream)."""
        entries: list[tuple[str, Any]] = []
        offset, end = 0, 0
        record: Any = None
        try:
            with iterate(path, report.layout) as it:
                for record in it:
                    meta = None
                    if record.rec_type == "metadata" and \
                            (record.rec_headers.get_header("Content-Type") or "").startswith(CONTENT_TYPE):
                        meta = parse_block(record.content_stream().read(MAX_METADATA))
                    elif record.rec_type == "warcinfo" and OWN_SOFTWARE in record.content_stream().read(MAX_INFO):
                        entries.append(("own", None))  # a capture's metadata may be in the next file
                    it.read_to_end(record)  # (warcio knows a record's offset only once it is read)
                    offset = it.get_record_offset()
                    end = offset + it.get_record_length()
                    if meta is not None:
                        entries.append(("meta", meta))
                    elif record.rec_type not in CAPTURE_TYPES:
                        report.other += 1
                    elif (record.rec_headers.get_header("WARC-Target-URI") or "").lower().startswith(TOOL_METADATA):
                        report.metadata.append((record.rec_headers.get_header("WARC-Target-URI"), offset))
                    else:
                        mapped = map_record(record, report.name, offset, it.get_record_length())
                        if isinstance(mapped, str):
                            report.unusable_record(mapped)
                        else:
                            entries.append(("capture", mapped))
        except Exception as exc:  # damaged input: keep what was read, say where it stopped
            if is_not_chunked(exc) and report.layout != GZIP_STREAM:
                return None
            report.error = f"stopped reading at offset {offset}: {_describe(exc)}"
            if not it.cut_short:
                return entries
        if it.cut_short:  # one gzip stream that ends before its end (its last record is dropped if cut)
            if entries and entries[-1][0] == "capture" and entries[-1][1].capture["warc_offset"] == offset \
                    and getattr(record.raw_stream, "limit", 0) > 0:
                entries.pop()
            report.error = (f"stopped reading at offset {offset} (uncompressed): the gzip stream is cut short "
                            f"(the file was truncated?); the records before it are imported")
            return entries
        if report.layout != GZIP_STREAM and end and not is_whole(path, offset, end - offset):
            # warcio ends quietly inside a torn last record: it is not imported
            if entries and entries[-1][0] == "capture" and entries[-1][1].capture["warc_offset"] == offset:
                entries.pop()
            report.error = (f"stopped reading at offset {offset}: the last record is cut short "
                            f"({os.path.getsize(path) - offset} bytes; the file was truncated?)")
        return entries

    # -- writing ----------------------------------------------------------------

    def _store(self, entries: list[tuple[str, Any]], report: FileReport) -> None:
        own = any(kind in ("meta", "own") for kind, _ in entries)
        known = self._known_offsets(report.name)
        with self.conn:
            for kind, item in entries:
                if kind == "own":
                    continue
                if kind == "meta":
                    self._store_meta(item, report, known)
                elif item.capture["warc_offset"] in known:
                    if not own:  # an archiver capture is counted once, at its metadata record
                        report.already += 1
                elif own:
                    if item.record_id:
                        self.pool[item.record_id] = (item, report)
                else:
                    self._insert(item.capture, [item.record], item.refers, item.record_id)
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
        elif self._has_failed(row):
            report.already += 1
            return
        self._insert(row, [m.record for m, _ in claimed],
                     final.refers if final is not None and row.get("record_type") == "revisit" else None)
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
        linked now by URL and payload digest, as ``_refers_to``'s last resort does; those still
        without an original are counted (their extraction fails as a revisit of an unknown capture)."""
        cur = self.conn.execute(
            "UPDATE captures SET refers_to = (SELECT o.id FROM captures o WHERE o.url = captures.url "
            "AND o.payload_digest = captures.payload_digest AND o.record_type = 'response' "
            "AND o.warc_file IS NOT NULL ORDER BY o.fetched_at DESC, o.id DESC LIMIT 1) "
            "WHERE record_type = 'revisit' AND refers_to IS NULL AND payload_digest IS NOT NULL "
            "AND id <= ? AND EXISTS (SELECT 1 FROM captures o WHERE o.url = captures.url AND "
            "o.payload_digest = captures.payload_digest AND o.record_type = 'response' AND o.warc_file IS NOT NULL)",
            (self.first_id - 1,))
        self.summary.linked = max(cur.rowcount, 0)
        self.conn.execute(
            "UPDATE captures SET refers_to = (SELECT o.id FROM captures o WHERE o.url = captures.url "
            "AND o.payload_digest = captures.payload_digest AND o.record_type = 'response' "
            "AND o.warc_file IS NOT NULL ORDER BY o.fetched_at DESC, o.id DESC LIMIT 1) "
            "WHERE record_type = 'revisit' AND refers_to IS NULL AND id >= ?", (self.first_id,))
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

    def _known_offsets(self, name: str) -> set[int]:
        rows = self.conn.execute("SELECT warc_offset FROM captures WHERE warc_file = ? UNION "
                                 "SELECT warc_offset FROM records WHERE warc_file = ?", (name, name))
        return {r[0] for r in rows if r[0] is not None}

    def _has_failed(self, row: dict[str, Any]) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM captures WHERE url = ? AND fetched_at = ? AND state = ? AND warc_file IS NULL LIMIT 1",
            (row["url"], row["fetched_at"], row["state"])).fetchone() is not None

    def _refers_to(self, url: str, refers: tuple[str | None, str | None, str | None, str | None]) -> int | None:
        """The capture a revisit repeats: by WARC-Refers-To (a record imported in this run, as warcprox
        writes it), by WARC-Refers-To-Target-URI and -Date, else by URL and payload digest."""
        uri, date, digest, record_id = refers
        if record_id and record_id in self.by_record_id:
            return self.by_record_id[record_id]
        if uri and date:
            target = normalize(uri)
            for sql in ("SELECT id FROM captures WHERE url = ? AND fetched_at = ? AND record_type = 'response' "
                        "ORDER BY id DESC LIMIT 1",
                        "SELECT id FROM captures WHERE final_url = ? AND fetched_at = ? "
                        "AND record_type = 'response' ORDER BY id DESC LIMIT 1"):
                row = self.conn.execute(sql, (target, date)).fetchone()
                if row:
                    return int(row[0])
        if digest:
            row = self.conn.execute(
                "SELECT id FROM captures WHERE url = ? AND payload_digest = ? AND record_type = 'response' "
                "ORDER BY fetched_at DESC, id DESC LIMIT 1", (url, digest)).fetchone()
            if row:
                return int(row[0])
        return None


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def import_files(catalog: Catalog, warcs: Path, paths: Iterable[str | Path]) -> ImportSummary:
    """Import ``paths`` in the order given; return what each file gave."""
    importer = Importer(catalog, warcs)
    for path in paths:
        importer.import_file(path)
    return importer.finish()
