"""What the catalog already holds, asked by :class:`archiver.archive.importer.Importer` while it imports.

The queries behind an import's decisions: is this record a copy of one imported from another file (and does the
copy take the capture over, :meth:`CatalogLookups._copy_of`), is it known at any offset, which offsets of a file are
known, was a failed seed recorded, and which capture a revisit repeats. Each reads ``self.conn``; ``_copy_of``
also rebinds a capture's rows to a recompressed copy. Split out of ``importer.py`` (2026-12-06) to keep it small.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from archiver.archive.filereport import FileReport
from archiver.archive.layout import GZIP_STREAM, detect_layout
from archiver.archive.records import canonical_date, normalize
from archiver.archive.wacz_in import is_zip

DIGEST_FIRST = True  # False: a revisit named by URI and date took the newest response of them (before round 35)
PER_RECORD_MOVES = True  # False: a file whose record matched one of a gone file took all its rows (before round 35)


class CatalogLookups:
    """Lookups of the catalog for an importer: needs ``conn``, ``warcs``, ``streams`` (file name -> whether it is
    one gzip stream, filled as asked) and ``by_record_id`` (WARC-Record-ID -> capture id of this run)."""

    conn: sqlite3.Connection
    warcs: Path
    streams: dict[str, bool]
    by_record_id: dict[str, int]

    def _copy_of(self, capture: dict[str, Any], report: FileReport,
                 hops: list[dict[str, Any]] | None = None) -> tuple[str, bool] | None:
        """The other file the catalog has this very record from, and whether its capture now reads it from this
        file: (name, False) for the same URL, date, type, digest, offset and length (a copy or a move of the file
        imported before: a move is rebound by the caller, the whole file at once); for one holding it in another
        layout (same URL, date, type, payload digest: ``warcio recompress`` as index.cdxj advises; added again
        before 2026-12-05), (name, True) when this capture is read from this
        file from now on (its row and its record's row take this file's name, offset and length) when that file
        is gone, or is one gzip stream and this one is not: the recompressed copy replaces it (before 2026-12-06
        the catalog kept reading the stream, and a copy imported after the original was moved out was added
        again, its old rows naming the gone file). ``hops``: the copy's other records of the capture (an archiver
        capture's redirect hops, as ``records`` rows): their rows naming the old file are rebound too, each matched
        by URL, WARC-Date, type and payload digest, one indexed update per record (before 2026-12-06 only the
        final record's row moved, and export or replay of the chain missed the hops once the old file was gone).
        A record matching one of a file that is gone, offset and length too, takes that one row over, as a record
        in another layout does: the files may only share it (two crawls of a page in one whole second); before
        round 35 it was taken for the gone file moved here, every row of that file rebound to this one at the old
        offsets (another URL's record read) and this file's other records counted as known (lost)."""
        for exact in (True, False):
            row = self.conn.execute(
                "SELECT id, warc_file, warc_offset FROM captures WHERE url = ? AND canonical_date(fetched_at) = ? "
                "AND record_type = ? "
                "AND payload_digest IS ? AND warc_file != ? "
                f"{'AND warc_offset = ? AND warc_length = ?' if exact else ''}"
                " LIMIT 1",
                (capture["url"], canonical_date(capture["fetched_at"]), capture["record_type"],
                 capture["payload_digest"],
                 capture["warc_file"], *((capture["warc_offset"], capture["warc_length"]) if exact else ()))).fetchone()
            if row and exact and (not PER_RECORD_MOVES or (self.warcs / str(row[1])).exists()):
                return str(row[1]), False  # a byte copy: read from there, as before
            if row and (exact or capture["payload_digest"]):
                if self._still_read(row[1], report):
                    return str(row[1]), False  # read from there, as before
                new = (capture["warc_file"], capture["warc_offset"], capture["warc_length"])
                self.conn.execute("UPDATE captures SET warc_file = ?, warc_offset = ?, warc_length = ? WHERE id = ?",
                                  (*new, row[0]))
                self.conn.execute("UPDATE records SET warc_file = ?, warc_offset = ?, warc_length = ? WHERE "
                                  "capture_id = ? AND warc_file = ? AND warc_offset = ?", (*new, *row))
                for hop in hops or ():
                    self.conn.execute(  # one row a hop, the first still naming the old file (in file order): two
                        "UPDATE records SET warc_file = ?, warc_offset = ?, warc_length = ? WHERE id = (SELECT id "
                        "FROM records WHERE capture_id = ? AND warc_file = ? AND url = ? AND "
                        "canonical_date(warc_date) = ? AND "
                        "record_type = ? AND payload_digest IS ? ORDER BY warc_offset LIMIT 1)",  # alike hops each
                        (hop["warc_file"], hop["warc_offset"], hop["warc_length"], row[0], row[1], hop["url"],
                         canonical_date(hop["warc_date"]), hop["record_type"],
                         hop["payload_digest"]))  # theirs (before round 34: one)
                return str(row[1]), True
        return None

    def _plain_copy_of(self, record: dict[str, Any], report: FileReport) -> bool:
        """Whether the catalog holds ``record`` (one of no capture: robots.txt) already, from another file: its
        row naming that file (same URL, WARC-Date, type, payload digest) is rebound to this one when, as in
        :meth:`_copy_of`, that file is gone or is one gzip stream and this one is not (before 2026-12-06 a second
        row was added, the first still naming the gone file), and kept as it is when that file is still read (a
        byte copy under another name: before round 34 a second row was added for each copy imported)."""
        row = self.conn.execute(
            "SELECT id, warc_file FROM records WHERE capture_id IS NULL AND url = ? AND canonical_date(warc_date) = ? "
            "AND "
            "record_type = ? AND payload_digest IS ? AND warc_file != ? LIMIT 1",
            (record["url"], canonical_date(record["warc_date"]), record["record_type"], record["payload_digest"],
             record["warc_file"])).fetchone()
        if row is None:
            return False
        if not self._still_read(row[1], report):
            self.conn.execute("UPDATE records SET warc_file = ?, warc_offset = ?, warc_length = ? WHERE id = ?",
                              (record["warc_file"], record["warc_offset"], record["warc_length"], row[0]))
        return True

    def _still_read(self, name: str, report: FileReport) -> bool:
        """Whether the catalog keeps reading a record from the file ``name`` it has it from, rather than from
        the file ``report`` reads: that file is still in the folder, and it is no gzip stream or this one is
        (a recompressed copy replaces a stream; a copy in the same layout does not replace its source)."""
        old = self.warcs / name
        return old.exists() and (report.layout == GZIP_STREAM or not self._is_stream(old))

    def _is_stream(self, path: Path) -> bool:
        """Whether the WARC at ``path`` is one gzip stream; False for a WACZ (its WARCs are stored members, read
        at their offsets) and for a file that cannot be read or is no WARC (an exported WACZ imported back into
        the archive it came from met its source WACZ here: detect_layout raised on the zip, 2026-12-06)."""
        if str(path) not in self.streams:
            try:
                self.streams[str(path)] = not is_zip(path) and detect_layout(path) == GZIP_STREAM
            except (OSError, ValueError):
                self.streams[str(path)] = False
        return self.streams[str(path)]

    def _has_record(self, capture: dict[str, Any]) -> bool:
        """Whether the catalog has a capture of this very record in any file, at any offset (same URL, date,
        type, digest and length: the record an exported WACZ copied byte for byte)."""
        return self.conn.execute(
            "SELECT 1 FROM captures WHERE url = ? AND canonical_date(fetched_at) = ? AND record_type = ? "
            "AND payload_digest IS ? AND warc_length = ? LIMIT 1",
            (capture["url"], canonical_date(capture["fetched_at"]), capture["record_type"],
                                            capture["payload_digest"], capture["warc_length"])).fetchone() is not None

    def _has_plain_record(self, record: dict[str, Any]) -> bool:
        """Whether the catalog holds this very record as one of no capture of its own (same URL, date, length)."""
        return self.conn.execute(
            "SELECT 1 FROM records WHERE url = ? AND canonical_date(warc_date) = ? AND warc_length = ? LIMIT 1",
            (record["url"], canonical_date(record["warc_date"]), record["warc_length"])).fetchone() is not None

    def _known_offsets(self, name: str) -> set[int]:
        rows = self.conn.execute("SELECT warc_offset FROM captures WHERE warc_file = ? UNION "
                                 "SELECT warc_offset FROM records WHERE warc_file = ?", (name, name))
        return {r[0] for r in rows if r[0] is not None}

    def _has_failed(self, row: dict[str, Any]) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM captures WHERE url = ? AND canonical_date(fetched_at) = ? AND state = ? "
            "AND warc_file IS NULL "
            "LIMIT 1", (row["url"], canonical_date(row["fetched_at"]), row["state"])).fetchone() is not None

    def _refers_to(self, url: str, refers: tuple[str | None, str | None, str | None, str | None]) -> int | None:
        """The capture a revisit repeats: by WARC-Refers-To (a record imported in this run, as warcprox
        writes it), by WARC-Refers-To-Target-URI and -Date, else by URL and payload digest."""
        uri, date, digest, record_id = refers
        if record_id and record_id in self.by_record_id:
            return self.by_record_id[record_id]
        if uri and date:
            target = normalize(uri)
            # two responses of one URL and second (a writer of whole-second dates): the one of the revisit's
            # payload digest, not the newest (before round 35 a revisit read the other's page)
            order = ("ORDER BY payload_digest IS ? DESC, id DESC LIMIT 1" if DIGEST_FIRST
                     else "ORDER BY id DESC, ? LIMIT 1")
            for sql in ("SELECT id FROM captures WHERE url = ? AND canonical_date(fetched_at) = ? "
                        "AND record_type = 'response' "
                        + order,
                        "SELECT id FROM captures WHERE final_url = ? AND canonical_date(fetched_at) = ? "
                        "AND record_type = 'response' " + order):
                row = self.conn.execute(sql, (target, canonical_date(date), digest)).fetchone()
                if row:
                    return int(row[0])
        if digest:  # the same URL's first, else any URL's (a deduplicating crawler's revisit across URLs)
            row = self.conn.execute(
                "SELECT id FROM captures WHERE payload_digest = ? AND record_type = 'response' "
                "ORDER BY url = ? DESC, fetched_at DESC, id DESC LIMIT 1", (digest, url)).fetchone()
            if row:
                return int(row[0])
        return None
