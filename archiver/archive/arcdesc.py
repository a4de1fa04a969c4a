"""An ARC file's ``filedesc://`` header record, checked before warcio reads the file, and rebuilt when damaged.

warcio's ARC reader (``arc2warc``) trusts the header record: it takes the two lines after the
``filedesc://`` line as the version block whatever they are, and the header's length says where the
first record starts. A header whose length is too long swallowed the first record (it was lost without
a word, warcio printing only a WARNING); one without a length or with fields missing, or without its
version block, lost the whole file ("damaged after its record 0") or took the first record's line as
the version; an ARC with no header at all was "not a WARC file". Such damage is in the header only: the
records after it are whole. So when the header is not what the format says (ARC v1: ``filedesc://NAME
IP DATE TYPE LENGTH``, then ``1 0 ORIGIN`` and the field list, LENGTH bytes in all, then the first
record's ``URL IP DATE TYPE LENGTH`` line), the file is read as a new, well-formed header followed by the
file from its first record line on (in a gzip-per-record ARC: from its second gzip member), and the
:class:`~archiver.archive.arc.Conversion` says what was wrong. A header that is right is read as it is.
Source: the ARC file format, version 1.0, https://archive.org/web/researcher/ArcFileFormat.php.
"""
from __future__ import annotations

import gzip
import io
import os
import zlib
from typing import Any, BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
HEAD = b"filedesc:"
LOOK = 1 << 20  # bytes of the file's start looked at for the header and the first record line
FIELDS = b"URL IP-address Archive-date Content-type Archive-length"


def record_line(line: bytes) -> bool:
    """True for an ARC v1 record line ``URL IP DATE TYPE LENGTH`` (warcio reads the URL as the rest)."""
    parts = line.rstrip(b"\r\n").rsplit(b" ", 4)
    return (len(parts) == 5 and b":" in parts[0] and not parts[0].startswith(HEAD)
            and parts[2].isdigit() and 12 <= len(parts[2]) <= 14 and parts[4].isdigit())


def header_fault(head: bytes) -> str | None:
    """What is wrong with the header record at the start of ``head`` (the decompressed start of the file,
    or its first gzip member), None if it is as the format says."""
    line, _, rest = head.partition(b"\n")
    if not head.startswith(HEAD):
        return "it has no filedesc header record (it starts with a record)"
    parts = line.rstrip(b"\r").split(b" ")
    if len(parts) != 5 or not parts[4].isdigit():
        return f"its header line is not 'filedesc://NAME IP DATE TYPE LENGTH' ({_shown(line)})"
    length = int(parts[4])
    block, after = rest[:length], rest[length:]
    version = block.split(b"\n", 1)[0].split(b" ")
    if len(version) < 2 or not (version[0].isdigit() and version[1].isdigit()):
        return "its header has no version block (the '1 0 ORIGIN' line)"
    if len(block) < length and len(head) >= LOOK:
        return None  # a header longer than what is looked at: left to warcio
    following = after.lstrip(b"\r\n")
    if len(block) < length or (following and not record_line(following.split(b"\n", 1)[0] + b"\n")):
        return f"its header's length ({length} bytes) does not end where the first record starts"
    return None


def _shown(line: bytes) -> str:
    return repr(line[:80].decode("latin-1"))


def is_headless_arc(start: bytes) -> bool:
    """An ARC with no header record: it starts with a record line and an HTTP answer (or the plain body of a
    ``dns:`` or ``filedesc``-less record)."""
    line, _, rest = start.partition(b"\n")
    return record_line(line + b"\n") and (rest.startswith(b"HTTP/") or not line.startswith(b"http"))


def open_arc(path: str | os.PathLike[str]) -> tuple[Any, str | None]:
    """The ARC file opened for warcio, and what was wrong with its header (None: read as it is). The caller
    closes the file object it gets."""
    fh: Any = open(path, "rb")  # noqa: SIM115 (handed to the caller, or closed below)
    try:
        start = fh.read(LOOK)
        gz = start.startswith(GZIP_MAGIC)
        member, end = _first_member(start) if gz else (start, 0)
        if member is None:
            fh.seek(0)
            return fh, None
        fault = header_fault(member)
        if fault is None:
            fh.seek(0)
            return fh, None
        first = _first_record(member, start, gz, end, fault)
        if first is None:
            fh.seek(0)
            return fh, None
        offset, line = first
        header = _header(os.path.basename(path), line)
        fh.seek(offset)
        return _Joined(gzip.compress(header, mtime=0) if gz else header, fh), fault
    except BaseException:
        fh.close()
        raise


def _first_member(start: bytes) -> tuple[bytes | None, int]:
    """The first gzip member's content (None if it is not whole within ``start`` or larger than LOOK) and
    the offset where the next member starts."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        content = inflater.decompress(start, LOOK)
    except zlib.error:
        return None, 0
    if not inflater.eof:
        return None, 0
    return content, len(start) - len(inflater.unused_data)


def _first_record(member: bytes, start: bytes, gz: bool, end: int, fault: str) -> tuple[int, bytes] | None:
    """(file offset to read on from, the first record's line) or None when no record line is in view."""
    headless = fault.startswith("it has no filedesc")
    if gz:  # the header is its own member: read on at the next one (a headless file from its start)
        if headless:
            return 0, member.split(b"\n", 1)[0]
        try:
            following = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(start[end:], 4096)
        except zlib.error:
            return None
        line = following.split(b"\n", 1)[0]
        return (end, line) if record_line(line + b"\n") else None
    pos = 0 if headless else start.find(b"\n") + 1
    while pos < len(start):
        nl = start.find(b"\n", pos)
        if nl < 0:
            return None
        if record_line(start[pos:nl + 1]):
            return pos, start[pos:nl]
        pos = nl + 1
    return None


def _header(name: str, first_line: bytes) -> bytes:
    """A well-formed ARC v1 header record, dated as the first record, for the file ``name``."""
    date = first_line.rstrip(b"\r").rsplit(b" ", 4)[2]
    block = b"1 0 archiver (header rebuilt: the file's own was damaged)\n" + FIELDS + b"\n"
    return (b"filedesc://" + name.encode("utf-8", "replace").replace(b" ", b"_") + b" 0.0.0.0 " + date
            + b" text/plain %d\n" % len(block) + block + b"\n")


class _Joined(io.RawIOBase):
    """``prefix`` then the rest of ``fh`` from where it stands."""

    def __init__(self, prefix: bytes, fh: BinaryIO):
        self.prefix, self.fh = prefix, fh

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.prefix:
            n = min(len(buffer), len(self.prefix))
            buffer[:n] = self.prefix[:n]
            self.prefix = self.prefix[n:]
            return n
        data = self.fh.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.fh.close()
        super().close()
