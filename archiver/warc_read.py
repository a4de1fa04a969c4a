"""Reading WARC files archiver writes: one record at an offset, a file under either name, and
the recovery of ``.open`` files a killed run left.

The writing half is :mod:`archiver.warc`; a file being written is named ``X.warc.gz.open``
(``OPEN_SUFFIX``) and renamed when closed, so every reader here looks under both names.
"""
from __future__ import annotations

import errno
import fcntl
import os
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.recordloader import ArcWarcRecord

from archiver.archive.layout import header_fields
from archiver.diskfull import rename_closed, sync_file
from archiver.warc import OPEN_SUFFIX
from archiver.warc_member import inflated_record

__all__ = ["read_record", "record_identity", "warc_candidates", "open_warc", "recover_open_files"]


def read_record(path: str | Path, offset: int, limit: int | None = None) -> tuple[ArcWarcRecord, bytes]:
    """The response (or resource) record at ``offset`` and its payload: content coding left as stored, chunking undone.

    Reads the raw stream rather than warcio's ``content_stream()``, which would undo the
    content coding itself and give up silently on a body that lies about it; the caller
    decides what a lie means. WARCs from other tools may keep the chunked framing, so
    it is removed here. ``limit`` bounds the bytes read (``limit + 1`` come back when
    the payload is longer, so the caller can tell).
    """
    from archiver.archive.streams import open_at  # any layout, a one-stream gzip file too

    with ExitStack() as stack:
        fh = _first_that_opens(stack, path, lambda candidate: open_at(candidate, offset))
        fh = inflated_record(fh) or fh  # a record's gzip member inflated in one go (warc_member.py)
        for record in ArchiveIterator(fh):
            if record.rec_type not in ("response", "resource"):
                raise ValueError(f"record at {path}:{offset} is a {record.rec_type}, not a response")
            stream = record.raw_stream
            headers = record.http_headers
            if headers is not None and "chunked" in (headers.get_header("transfer-encoding") or "").lower():
                stream = ChunkedDataReader(stream)
            return record, stream.read() if limit is None else stream.read(limit + 1)
    raise ValueError(f"no WARC record at {path}:{offset}")


def record_identity(path: str | Path, offset: int) -> tuple[str, str, str] | None:
    """(WARC-Record-ID, WARC-Target-URI, WARC-Date) of the record at ``offset`` of ``path``
    (either name), or None when it cannot be read (moved, cut, not a WARC record there). The
    URI comes without the angle brackets WARC 1.0 files (wget's) put round it.

    Reads the record's WARC header only, the first 16 KiB of its gzip member inflated at
    most (or as stored, in an uncompressed file): what a revisit's ``WARC-Refers-To``,
    ``-Target-URI`` and ``-Date`` name (WARC 1.1 section 5.11). 0.17 ms a record on the
    shared machine; through warcio's ArchiveIterator it took 1.0 ms.
    """
    try:
        with ExitStack() as stack:
            fh = _first_that_opens(stack, path, lambda candidate: open(candidate, "rb"))  # noqa: SIM115
            fh.seek(offset)
            data = fh.read(8192)
        if data[:2] == b"\x1f\x8b":
            data = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(data, 16384)
    except (OSError, zlib.error):
        return None
    fields = header_fields(data)
    if fields is None:
        return None
    uri = fields.get("warc-target-uri", "")
    if uri.startswith("<") and uri.endswith(">"):  # WARC 1.0's <uri> form, as wget writes it: a revisit's
        uri = uri[1:-1].strip()  # WARC-Refers-To-Target-URI is a bare URI (pywb then found no original)
    ids = (fields.get("warc-record-id", ""), uri, fields.get("warc-date", ""))
    return ids if all(ids) else None


def warc_candidates(path: str | Path) -> tuple[Path, Path, Path]:
    """Where a WARC file named ``path`` may now be: as named, under its other name, as named again.

    A fetch renames ``X.warc.gz.open`` to ``X.warc.gz`` when it closes the file,
    so a reader handed either name (a catalog row, an extraction job made while
    the fetch ran) may find the other; the rename may fall between two tries.
    """
    p = Path(path)
    other = p.with_name(p.name[: -len(OPEN_SUFFIX)]) if p.name.endswith(OPEN_SUFFIX) \
        else p.with_name(p.name + OPEN_SUFFIX)
    return p, other, p


def _first_that_opens(stack: ExitStack, path: str | Path, opener: Callable[[Path], Any]) -> Any:
    """Enter ``opener(candidate)`` for the first of ``warc_candidates(path)`` that exists.

    Raises FileNotFoundError naming both names when neither exists.
    """
    candidates = warc_candidates(path)
    for candidate in candidates:
        try:
            return stack.enter_context(opener(candidate))
        except FileNotFoundError:
            continue
    raise FileNotFoundError(errno.ENOENT, f"no WARC file {candidates[0].name} (nor {candidates[1].name})",
                            str(path))


def open_warc(path: str | Path) -> BinaryIO:
    """Open a WARC file for reading wherever it now is: ``X.warc.gz`` or ``X.warc.gz.open``.

    Raises FileNotFoundError when neither exists.
    """
    for candidate in warc_candidates(path):
        try:
            return open(candidate, "rb")
        except FileNotFoundError:
            continue
    raise FileNotFoundError(errno.ENOENT, f"no WARC file {Path(path).name}", str(path))


def recover_open_files(folder: str | Path, catalogued: Callable[[str], set[int] | None] | None = None
                       ) -> list[tuple[str, int, int]]:
    """Close ``.open`` files a killed run left: keep whole records, drop a torn tail.

    ``catalogued(closed_name)`` gives the offsets of the file's response and revisit records the catalog holds (None:
    the catalog cannot tell). Given, the records after the last of them are dropped too: a run killed between
    writing a capture's records and committing its catalog row (a catalog locked by another program, kill -9)
    left a whole capture the catalog never recorded, which the next run fetches again; kept, it would be in the
    WARC and index.cdxj twice, once without a catalog row. Files another live process holds (flock) are left
    alone. A file left holding no record past its ``warcinfo`` (or none at all) is deleted, not renamed
    (:func:`recovered_gone` tells the callers). Returns (closed name, bytes dropped, response and revisit
    records dropped as never catalogued).
    """
    done = []
    for open_path in sorted(Path(folder).glob("*.warc.gz" + OPEN_SUFFIX)):
        try:
            fh = open(open_path, "r+b")  # noqa: SIM115 (its "with" is below, after the except)
        except OSError:
            continue
        with fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # still being written
            closed = open_path.with_name(open_path.name[: -len(OPEN_SUFFIX)])
            known = catalogued(closed.name) if catalogued is not None else None
            good_end, orphans = _last_whole_record_end(fh, known)
            size = os.fstat(fh.fileno()).st_size
            if good_end < size:
                fh.truncate(good_end)
            fh.flush()
            sync_file(fh.fileno())
            # nothing past its warcinfo (a run killed right after opening it, or its only capture cut back as
            # never catalogued): deleted, as a writer deletes one at close (before 2026-12-06 kept, header-only)
            if good_end <= _warcinfo_end(fh):
                open_path.unlink()
            else:
                rename_closed(open_path, closed)
            done.append((closed.name, size - good_end, orphans))
    return done


def recovered_gone(folder: str | Path, name: str) -> str:
    """The note for the recovered line of ``name`` (a :func:`recover_open_files` closed name in ``folder``):
    ``"; nothing past its warcinfo, so deleted"`` when it was deleted, else ``""``."""
    return "" if (Path(folder) / name).exists() else "; nothing past its warcinfo, so deleted"


def _warcinfo_end(fh: BinaryIO) -> int:
    """Offset just past the file's first record when it is a ``warcinfo`` record, else 0 (``fh`` read from 0)."""
    fh.seek(0)
    try:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "warcinfo":
                return 0
            record.content_stream().read()
            it.read_to_end(record)
            return int(it.get_record_offset() + it.get_record_length())
    except Exception:
        pass
    return 0


CAPTURE_STARTS = ("response", "revisit")  # the records a catalog row names; request and metadata ones follow theirs


def _last_whole_record_end(fh: BinaryIO, known: set[int] | None = None) -> tuple[int, int]:
    """Offset just past the last record that reads back whole (streamed, never loaded whole), and with ``known``
    (catalogued response/revisit offsets) the offset of the first response or revisit record not in it after the
    last one that is, if earlier; with the number of response/revisit records past that offset."""
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    end = 0
    cut: int | None = None  # where the records the catalog never recorded begin
    orphans = 0
    try:
        it = ArchiveIterator(fh)
        for record in it:
            record.content_stream().read()
            it.read_to_end(record)
            offset, length = it.get_record_offset(), it.get_record_length()
            if offset + length > size:
                break
            # a whole gzip member inflates to its end; a torn one raises here
            inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
            for pos in range(offset, offset + length, 1 << 20):
                inflater.decompress(os.pread(fh.fileno(), min(1 << 20, offset + length - pos), pos))
            if not inflater.eof:
                break
            end = offset + length
            if known is not None and record.rec_type in CAPTURE_STARTS:
                if offset in known:
                    cut, orphans = None, 0
                else:
                    cut = offset if cut is None else cut
                    orphans += 1
    except Exception:
        pass
    return (end, 0) if cut is None else (cut, orphans)
