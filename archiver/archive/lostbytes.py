"""What bytes import passes over held: a record now lost, or nothing (round 40).

Import reads on past damage: a gzip member that does not inflate is named an error (the record it held is lost,
exit 1), but two other kinds of lost record were passed over quietly. A gzip member overwritten with NUL bytes
(a file zero-filled where it was being written: a crash or a disk fault before the data reached the disk, the
hole a copy tool leaves for a bad sector) was taken for padding: ``import`` and ``reindex`` said nothing and exited
0, one record fewer, only ``index.cdxj`` named the member. In an uncompressed file, a record whose header was
damaged was a ``warning: bytes N-M hold no record (a wrong Content-Length before them?)``, exit 0. Both are now
errors naming the bytes and, where its header still says it, the record's URI (``LOST_NAMED``; off: as before).
Line ends, and NUL padding after the last record (a tape or disk block's), still hold no record.
"""
from __future__ import annotations

import re
from pathlib import Path

LOST_NAMED = True
LOOK = 1 << 20  # bytes read at most to judge (a hole's NULs are counted over its whole length)
HOLE_SHARE = 0.5  # of the bytes besides line ends: NULs, for a zero-filled hole
_HEADER = re.compile(rb"WARC-(?:Type|Record-ID|Target-URI|Date):", re.I)
_URI = re.compile(rb"WARC-Target-URI:[ \t]*<?([^\s<>]{1,200})", re.I)


# mend58 (review56): tools that pad each gzip member to a block boundary (512 or 4096 bytes: a tape's or a disk's
# block) leave a NUL gap after each member; round 40 named each gap "NUL bytes ... the record they held is lost",
# exit 1. A gap of NULs (and line ends) shorter than one block and ending at a block boundary is padding, quiet; a
# zeroed hole is named only where it cannot be padding (longer than a block, or ending elsewhere).
PAD_BLOCKS = (512, 4096)


def is_padding(start: int, end: int, data: bytes) -> bool:
    """Whether bytes ``start``-``end`` of a file (offsets in bytes), whose first bytes are ``data``, are block
    padding: nothing but NULs and line ends (at least one NUL), fewer than one block of ``PAD_BLOCKS``, ending at
    a multiple of that block."""
    if not 0 < end - start <= len(data) or data[:end - start].strip(b"\0\r\n") or not data.count(0):
        return False
    return any(end % block == 0 and end - start < block for block in PAD_BLOCKS)


# mend58 (review56): a WARC header line anywhere in the bytes (1 MiB) named a payload that quotes WARC headers
# (a page about WARC files), passed over after a Content-Length too short, "a damaged record", exit 1, when no
# record was lost. A damaged record's header starts where the bytes do: a header line is their first line, or
# follows a first line no longer than a version line (``WARC/1.1``, damaged), within ``HEADER_LINES`` lines.
VERSION_LINE = 16  # bytes, at most, of a (damaged) version line before the header lines
HEADER_LINES = 8  # lines from the start, at most, in which a header line is sought after the version line


def _header_at_start(data: bytes) -> bool:
    """Whether ``data`` (bytes passed over) starts as a WARC record's header: a WARC header line (``_HEADER``) at
    the start of its first line or, after a first line of at most ``VERSION_LINE`` bytes, at the start of one of
    its next ``HEADER_LINES`` lines (line ends before the first line skipped)."""
    lines = data.lstrip(b"\r\n").split(b"\n", HEADER_LINES + 1)[:HEADER_LINES + 1]
    if _HEADER.match(lines[0]):
        return True
    return len(lines[0].rstrip(b"\r")) <= VERSION_LINE and any(_HEADER.match(line) for line in lines[1:])


def padding_end(path: str | Path, at: int) -> int | None:
    """Where block padding (:func:`is_padding`) starting at byte ``at`` of the file at ``path`` ends (the next
    member's or record's start, or the file's end); None when the bytes there are no padding. OSError as reading
    the file raises it."""
    with open(path, "rb") as fh:
        fh.seek(at)
        data = fh.read(max(PAD_BLOCKS) + 1)
    end = at + len(data) - len(data.lstrip(b"\0\r\n"))
    return end if is_padding(at, end, data) else None


def lost_record(path: str | Path, start: int, end: int) -> str | None:
    """What bytes ``start``-``end`` of the file at ``path`` (passed over by import) held when they held a record:
    ``"are NUL bytes (...)"`` when at least ``HOLE_SHARE`` of them besides line ends are NULs and they are not
    block padding (:func:`is_padding`), ``"hold a damaged record of http://..."`` when they start as a record's
    header (:func:`_header_at_start`); None for line ends alone, padding, other bytes, or with ``LOST_NAMED`` off.
    Reads at most ``LOOK`` bytes; OSError as reading the file raises it."""
    if not LOST_NAMED or end <= start:
        return None
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(min(end - start, LOOK))
    body = data.replace(b"\r", b"").replace(b"\n", b"")
    if not body or is_padding(start, end, data):
        return None
    if data.count(0) >= HOLE_SHARE * len(body):
        return (f"are NUL bytes ({end - start:,} bytes: the file was zero-filled there, as a crash or a disk fault "
                "leaves data that never reached the disk)")
    if not _header_at_start(data):
        return None
    uri = _URI.search(data)
    named = f" of {uri.group(1).decode('latin-1')}" if uri else ""
    return f"hold a damaged record{named} (its header cannot be read)"


# Round 40: NUL padding after a gzip WARC's last member (a tape or disk block's), which import reads as no record,
# made index.cdxj say the file "is cut short (ArchiveLoadFailed: Unknown archive format, first line: ['\x00\x00..."
# with the padding's 4 KiB quoted in the message. Such a file is indexed whole, quietly (``PADDING_QUIET``).
PADDING_QUIET = True


def padded_after(path: str | Path, lines: list[str]) -> bool:
    """Whether the file at ``path`` holds nothing but NUL bytes and line ends after the last record the CDXJ
    ``lines`` index (each ending in JSON with ``offset`` and ``length``), and some; False with none or
    ``PADDING_QUIET`` off. Reads the tail at most ``LOOK`` bytes long; OSError as reading raises it."""
    import json

    if not PADDING_QUIET or not lines:
        return False
    end = 0
    for line in lines:
        try:
            fields = json.loads(line[line.index("{"):])
            end = max(end, int(fields["offset"]) + int(fields["length"]))
        except (ValueError, KeyError, TypeError):
            return False
    size = Path(path).stat().st_size
    if not 0 < size - end <= LOOK:
        return False
    with open(path, "rb") as fh:
        fh.seek(end)
        tail = fh.read()
    return not tail.strip(b"\0\r\n")
