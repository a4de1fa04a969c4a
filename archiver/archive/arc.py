"""ARC files (the Internet Archive's format before WARC) converted to WARC for import.

An ARC file (``filedesc://`` header record, then one ``URL IP DATE TYPE LENGTH`` line per
record; plain or gzip per record) cannot be indexed where it lies: the catalog's offsets
point at WARC records, and replay tools and WACZ want WARC. ``archiver import`` therefore
writes a WARC copy into the WARC folder with warcio's own ARC reader (``arc2warc``, as
``warcio recompress`` does) and imports that; the ARC file itself is left as it was.

The copy is deterministic, so importing the same ARC again gives the same file byte for
byte and the catalog adds nothing: record IDs are UUIDs derived from the ARC's SHA-256 and
the record's place in it (:func:`record_id`), the first record is a ``warcinfo`` naming the ARC
and its digest, dated with the ARC's own header date, and warcio writes one gzip member per
record without a timestamp in the gzip header. Its name is the ARC's name with
``.warc.gz`` for ``.arc``/``.arc.gz`` plus the first 12 hex digits of the digest
(``IA-0001.arc.gz`` -> ``IA-0001-arc-3f2a9c0d11e4.warc.gz``), so two ARC files of the same
name in different folders do not meet. It is written under a name of its own for each import
(``.NAME.RANDOM.open``: not ``*.warc.gz.open``, which ``archiver fetch`` and ``reindex`` take for
a killed run's file to close, and not shared by two imports of the same ARC at once) and linked
to its name once whole (locked while written; a killed import's file is removed by the next import of the
same ARC). A copy already there is never replaced: the catalog's offsets point into it, and a
later archiver (another version in the warcinfo) would write other bytes.

A damaged ARC (cut short, a bad length) keeps what was read before the damage: those records
are written and imported, and :class:`Conversion` says where reading stopped. A record whose length is
wrong is named, and reading goes on past the damage at the next record (:func:`_convert`).
Source of the format: the ARC file format, version 1.0, https://archive.org/web/researcher/ArcFileFormat.php.
"""
from __future__ import annotations

import fcntl
import glob
import hashlib
import os
import secrets
import shutil
import tempfile
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from warcio.warcwriter import WARCWriter

from archiver.archive.arcdesc import is_headless_arc, open_arc, record_line
from archiver.archive.inflate import Records
from archiver.archive.layout import next_member
from archiver.wording import count

GZIP_MAGIC = b"\x1f\x8b"
ARC_START = b"filedesc:"
_NAMESPACE = uuid.UUID("6f0b2f8e-7c59-4d43-9a3e-2d3b8a0c5e11")  # archiver's ARC-conversion namespace


@dataclass
class Conversion:
    """One ARC file converted: the WARC written (``warc``), records in it (``records``, the
    warcinfo naming the ARC included), the ARC's ``sha256`` (hex) and, if reading stopped early,
    why (``error``, with the ARC offset)."""

    arc: Path
    warc: Path
    records: int = 0
    sha256: str = ""
    error: str | None = None
    repaired: str | None = None  # what was wrong with the ARC's header record, rebuilt (see arcdesc)
    misframed: list[tuple[int, str]] = field(default_factory=list)  # (record number, URI): length not its end
    skipped: list[tuple[int, int, str]] = field(default_factory=list)  # (from, to, URI left out or ''): passed over

    def notes(self) -> list[str]:
        """The report's lines on records whose length is wrong and damage passed over (each without indent)."""
        out = [f"warning: the ARC file's record {n} ({uri}) does not end where its length says (the writing tool's "
               "fault): its payload may be cut short or run into the next record" for n, uri in self.misframed[:5]]
        if len(self.misframed) > 5:
            out.append(f"warning: {count(len(self.misframed) - 5, 'more ARC record')} with a wrong length")
        for start, end, uri in self.skipped[:5]:
            if uri:
                out.append(f"error: the ARC record at offset {start} ({uri}) is left out: its length runs past the "
                           f"end of its gzip member (or the member is cut short); reading went on at offset {end}")
            elif start < end:
                out.append(f"warning: ARC bytes {start}-{end} hold no record (a wrong length before them?): passed "
                           "over, reading went on at the next record")
            else:
                out.append(f"warning: the ARC record at offset {end} begins inside the record before it, whose "
                           "length runs past its end into it: read from where it begins")
        return out


def is_arc(path: str | os.PathLike[str]) -> bool:
    """True if the file starts with an ARC header record (plain or in a gzip member), or with an ARC
    record line and an HTTP answer (an ARC whose header record is missing).

    Reads at most the first 64 KiB. Raises OSError if the file cannot be read."""
    with open(path, "rb") as fh:
        start = fh.read(64 * 1024)
    if start.startswith(GZIP_MAGIC):
        try:
            start = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(start, 4096)
        except zlib.error:
            return False
    return start.startswith(ARC_START) or is_headless_arc(start)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of the file's bytes, read 1 MiB at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def warc_name(arc: str | os.PathLike[str], sha256: str) -> str:
    """The converted file's name: ``NAME.arc.gz`` -> ``NAME-arc-DIGEST12.warc.gz``."""
    name = Path(arc).name
    for suffix in (".arc.gz", ".arc"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return f"{name}-arc-{sha256[:12]}.warc.gz"


def record_id(sha256: str, number: int) -> str:
    """``<urn:uuid:...>`` for the ARC's record ``number`` (0: its header): a UUID5 of the ARC's digest
    and the number; -1 is the converted file's own warcinfo."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, f'{sha256}:{number}')}>"


def convert_arc(arc: str | os.PathLike[str], warcs: str | os.PathLike[str]) -> Conversion:
    """Write the WARC copy of ``arc`` into the folder ``warcs`` (see the module's docstring).

    Returns the :class:`Conversion`; a damaged ARC is converted up to the damage (``error`` set).
    A copy already there is left untouched. Raises OSError if the ARC cannot
    be read or the copy cannot be written (a full disk: the ``.open`` file is removed)."""
    arc = Path(arc)
    sha = file_sha256(arc)
    target = Path(warcs) / warc_name(arc, sha)
    done = Conversion(arc, target, sha256=sha)
    Path(warcs).mkdir(parents=True, exist_ok=True)
    _drop_stale(Path(warcs), target.name)
    partial = Path(warcs) / f".{target.name}.{secrets.token_hex(6)}.open"
    # O_EXCL: this import's own file; mode 0o666 less the umask, as a WARC file archiver fetch writes.
    # Locked before it takes the name another import's _drop_stale looks at: a live import's file
    new = partial.with_suffix(".new")
    out = os.fdopen(os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb")
    fcntl.flock(out.fileno(), fcntl.LOCK_EX)
    os.rename(new, partial)
    try:
        src, done.repaired = open_arc(arc)
        with src, out:
            _convert(arc, src, out, done)
            out.flush()
            os.fsync(out.fileno())
        try:  # a link, not a rename: it never replaces a copy already there, even one made meanwhile
            os.link(partial, target)
        except FileExistsError:  # an earlier import's copy (the catalog's offsets point into it): kept
            pass
        partial.unlink()
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return done


def _convert(arc: Path, src, out, done: Conversion) -> None:
    """Write the records warcio reads from ``src`` (the ARC, from its start) to ``out``, counting them in ``done``.

    A record whose length does not end at its newline is named (``misframed``; warcio's own WARNING on stderr
    is not printed). When the ARC is damaged past a record (a length too long ran into the next record line, a
    gzip member cut short), reading goes on at the next record line (plain) or gzip member (gzip per record)
    after the last record read, or, for a length too long, at the record line it ran into; the bytes passed
    over are in ``skipped``. An ARC whose header was rebuilt (``done.repaired``) is read to its damage only."""
    writer = WARCWriter(None, gzip=True, warc_version="WARC/1.0")
    number, base, first = 0, 0, True
    resumable = not done.repaired
    while True:
        records = Records(src, arc2warc=True, verify_http=False)
        last: tuple[int, int, str] | None = None  # (ARC offset, ARC end, URI) of the record last read
        resume: int | None = None
        try:
            for record in records:
                uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
                if first:
                    _write_whole(writer, _about(writer, arc, done.sha256, record.rec_headers.get_header("WARC-Date")),
                                 out)
                    done.records += 1
                    first = False
                record.rec_headers.replace_header("WARC-Record-ID", record_id(done.sha256, number))
                whole = _write_whole(writer, record, out)
                warned = records.err_count
                records.read_to_end(record)
                at = base + records.get_record_offset()
                if not whole:
                    resume = _resume(arc, at, None) if resumable else None
                    if resume is None:
                        done.error = (f"the ARC file is cut short inside its record {number + 1} ({uri}): that "
                                      f"record is left out, {count(number, 'record')} before it converted")
                        return
                    done.skipped.append((at, resume, uri))
                    lost = sum(1 for *_, left in done.skipped if left)
                    done.error = (f"{count(lost, 'ARC record')} left out (a length running past its gzip member), "
                                  "the records after it converted")
                    number += 1
                    break
                if records.err_count > warned:
                    done.misframed.append((number, uri))
                last = (at, at + records.get_record_length(), uri)
                done.records += 1
                number += 1
            else:
                return
        except Exception as exc:  # warcio's ArchiveLoadFailed, zlib.error: damage in the ARC
            resume = _resume(arc, last[0], last[1]) if resumable and last is not None else None
            if resume is None:
                done.error = (f"the ARC file is damaged after its record {done.records - 1 if done.records else 0} "
                              f"({type(exc).__name__}: {exc}); the records before it are converted")
                return
            done.skipped.append((last[1] if last is not None and last[1] < resume else resume, resume, ""))
        src.seek(resume)
        base = resume


def _resume(arc: Path, offset: int, end: int | None) -> int | None:
    """Where reading goes on after damage past the record at ARC ``offset`` (its length ending at ``end``; None:
    it was cut short): in a gzip-per-record ARC the next member holding a record line; in a plain one the
    last record line its length ran into, else the next record line after it."""
    with open(arc, "rb") as fh:
        gz = fh.read(2) == GZIP_MAGIC
        if gz:
            return next_member(arc, offset + 1, os.path.getsize(arc),
                               lambda head: record_line(head.split(b"\n", 1)[0] + b"\n"))
        fh.seek(offset + 1)
        data = fh.read(max(0, (end or offset + 1) - offset - 1) + (1 << 20))
    starts = [i + 1 for i in _line_starts(data) if record_line(data[i + 1:i + 1 + 4096].split(b"\n", 1)[0] + b"\n")]
    inside = [i for i in starts if end is not None and offset + 1 + i < end]
    after = [i for i in starts if end is None or offset + 1 + i >= end]
    pick = inside[-1] if inside else after[0] if after else None
    return None if pick is None else offset + 1 + pick


def _line_starts(data: bytes):
    """Offsets of the newlines in ``data`` (a line starts after each)."""
    at = data.find(b"\n")
    while at >= 0:
        yield at
        at = data.find(b"\n", at + 1)


def _drop_stale(warcs: Path, name: str) -> None:
    """Remove the files a killed import of the same ARC left (``.NAME.RANDOM.open`` no process holds
    locked); a live import's file is left to it."""
    for stale in warcs.glob(f".{glob.escape(name)}.*.open"):
        try:
            with open(stale, "rb") as fh:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                stale.unlink()
        except OSError:  # held by a live import, or gone meanwhile
            continue


def _write_whole(writer: WARCWriter, record, out) -> bool:
    """Write ``record`` as one gzip member to ``out`` only once it is whole: it is made in a spool
    first, and dropped (False) when its block was cut short (its ARC length not all there)."""
    with tempfile.SpooledTemporaryFile(8 << 20) as spool:
        writer.out = spool
        writer.write_record(record)
        if getattr(record.raw_stream, "limit", 0) > 0:  # warcio's LimitReader: bytes of the block never read
            return False
        spool.seek(0)
        shutil.copyfileobj(spool, out, 1 << 20)
    return True


def _about(writer: WARCWriter, arc: Path, sha: str, date: str | None):
    """The converted file's first record: a warcinfo naming the ARC it came from."""
    from archiver import __version__

    info = {"software": f"archiver/{__version__} (warcio arc2warc)",
            "format": "WARC File Format 1.0",
            "description": f"converted from the ARC file {arc.name} (sha256:{sha}); payloads and HTTP headers as the "
                           "ARC holds them, record IDs derived from the ARC's digest and offsets"}
    record = writer.create_warcinfo_record(warc_name(arc, sha), info)
    record.rec_headers.replace_header("WARC-Record-ID", record_id(sha, -1))
    if date:
        record.rec_headers.replace_header("WARC-Date", date)
    return record
