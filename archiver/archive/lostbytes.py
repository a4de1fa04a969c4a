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


def lost_record(path: str | Path, start: int, end: int) -> str | None:
    """What bytes ``start``-``end`` of the file at ``path`` (passed over by import) held when they held a record:
    ``"are NUL bytes (...)"`` when at least ``HOLE_SHARE`` of them besides line ends are NULs, ``"hold a damaged
    record of http://..."`` when a WARC header line is among them; None for line ends alone, other bytes, or with
    ``LOST_NAMED`` off. Reads at most ``LOOK`` bytes; OSError as reading the file raises it."""
    if not LOST_NAMED or end <= start:
        return None
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(min(end - start, LOOK))
    body = data.replace(b"\r", b"").replace(b"\n", b"")
    if not body:
        return None
    if data.count(0) >= HOLE_SHARE * len(body):
        return (f"are NUL bytes ({end - start:,} bytes: the file was zero-filled there, as a crash or a disk fault "
                "leaves data that never reached the disk)")
    if _HEADER.search(data) is None:
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
