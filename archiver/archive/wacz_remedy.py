"""What ``archiver export --wacz`` says about records it could not copy, and what the user can do about them.

A record whose gzip member does not inflate (bytes overwritten or cut out in the middle of a WARC file: a disk
or copy fault) is judged here before it is copied (:func:`member_damage`): before 2026-12-07 it was copied as
stored and py-wacz's indexer then stopped on it (``ArchiveLoadFailed: Unknown archive format`` with the
member's raw bytes, or warcio's bare ``Error -3 while decompressing data``), naming no record, so one bad
record lost the whole package (review50). Now it is left out, named by file and offset, and the rest is packed.
"""
from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass

from archiver.archive.layout import inflate_member

REMEDY = ("put the files back and export again, or run 'archiver reindex' to make the catalog match the WARC "
          "folder (the next fetch then captures those URLs again)")
UNREADABLE_DATE = ("holds records whose WARC-Date is no ISO 8601 date (catalogued by an archiver older than"
                   " 2026-12-03, which imported such records)")
DATE_REMEDY = "such records cannot be replayed from a WACZ; the catalog keeps them as they are"
# a file imported from outside the WARC folder, gone from there: reindex would drop its captures (it reads the
# folder) and no fetch brings back another tool's captures; importing it from its new place is the remedy
OUTSIDE_GONE = "not where it was imported from (outside the WARC folder; moved or deleted?)"
OUTSIDE_REMEDY = ("import each such file again from where it lies now ('archiver import /new/place/FILE': the catalog "
                  "then reads its captures from there, adding none), or put it back, and export again")
# a record whose stored bytes no longer inflate: the file changed after it was written; only a copy mends it
DAMAGED = "holds damaged records (their gzip members do not inflate: overwritten or cut in the middle)"
DAMAGED_REMEDY = ("those records' bytes changed after they were written (a disk or copy fault): put back a good "
                  "copy of the WARC file (a backup) and export again; 'archiver reindex' reads past such a record "
                  "and names it")


@dataclass(frozen=True)
class Damaged:
    """One selected record left out of the package because its bytes are damaged."""

    warc_file: str  # as the catalog names it
    offset: int  # byte offset of its gzip member in the file
    detail: str  # what is wrong, in zlib's words: "its gzip member does not inflate (Error -3 ...)"


def member_damage(data: bytes, is_member: bool) -> str | None:
    """What is wrong with one stored record about to be copied (``data``: its gzip member when ``is_member``,
    else the plain record, already read whole by its reader), or None when it inflates whole to a WARC record.

    Inflates the whole member once (py-wacz's indexer would, and stop the export on damage): a member whose
    deflate data is overwritten (``Error -3 while decompressing data: invalid ...``), one that ends before its
    gzip trailer (cut short), and one that inflates to something else than a WARC header.
    """
    if not is_member:
        return None
    view = memoryview(data)
    try:  # fed 64 KiB at a time: linear in the member's size (review53; a video record is a gigabyte)
        eof, head, _, _ = inflate_member((view[at:at + (1 << 16)] for at in range(0, len(view), 1 << 16)), 8)
    except zlib.error as exc:
        return f"its gzip member does not inflate ({exc})"
    if not eof:
        return "its gzip member is cut short (it ends before its gzip trailer)"
    if not head.startswith(b"WARC/"):
        return "its gzip member holds no WARC record"
    return None


def damaged_url(conn: sqlite3.Connection | None, warc_file: str, offset: int) -> str | None:
    """The URL the catalog names for the record at ``offset`` of ``warc_file`` (a capture's, or a redirect hop's
    from its ``records`` row), or None."""
    if conn is None:
        return None
    row = conn.execute("SELECT url FROM captures WHERE warc_file = ? AND warc_offset = ?",
                       (warc_file, offset)).fetchone()
    if row is None:
        row = conn.execute("SELECT c.url FROM records r JOIN captures c ON c.id = r.capture_id "
                           "WHERE r.warc_file = ? AND r.warc_offset = ?", (warc_file, offset)).fetchone()
    return None if row is None else str(row[0])


def remedy(files: dict[str, str]) -> str:
    """What the user can do about the records not copied, from ``files`` (WARC file -> what is wrong with it):
    put missing files back or reindex; a good copy for damaged records; nothing for unreadable WARC-Dates (those
    captures are left out); import again from its new place for a file imported from outside the folder."""
    whys = set(files.values())
    if whys and whys == {UNREADABLE_DATE}:
        return DATE_REMEDY
    if whys == {OUTSIDE_GONE}:
        return OUTSIDE_REMEDY
    if whys == {DAMAGED}:
        return DAMAGED_REMEDY
    parts = [REMEDY] if whys - {DAMAGED} else []
    parts += [OUTSIDE_REMEDY] if OUTSIDE_GONE in whys else []
    parts += [DAMAGED_REMEDY] if DAMAGED in whys else []
    return "; ".join(parts)
