"""A WACZ given to ``archiver import``: where its WARC files lie inside the zip.

py-wacz, Browsertrix and ``archiver export --wacz`` store ``archive/*.warc[.gz]`` uncompressed in the
zip (the WACZ spec asks for it, so replay tools can seek), so each record is at a fixed offset of the
``.wacz`` file itself: the catalog names the ``.wacz`` and those offsets, and nothing is unpacked. A
WARC deflated inside the zip cannot be read at an offset: it is named, with the remedy (unzip it).
"""
from __future__ import annotations

import os
import struct
import zipfile
from dataclasses import dataclass

ZIP_MAGIC = b"PK\x03\x04"
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature ... name length, extra length (30 bytes)


@dataclass
class Member:
    """One WARC file inside the WACZ: its name in the zip, where its bytes start and end in the
    ``.wacz`` file (byte offsets), and whether they are stored as they are (not deflated)."""

    name: str
    start: int
    end: int
    stored: bool


def is_zip(path: str | os.PathLike[str]) -> bool:
    """True if the file starts as a zip file does (a WACZ, or some other zip). Raises OSError."""
    with open(path, "rb") as fh:
        return fh.read(4) == ZIP_MAGIC


def warc_members(path: str | os.PathLike[str]) -> list[Member]:
    """The WARC files under ``archive/`` of the zip at ``path``, in zip order.

    Raises ``zipfile.BadZipFile`` for a damaged zip, OSError if it cannot be read.
    """
    out = []
    with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:
        for info in zf.infolist():
            if not info.filename.startswith("archive/") or ".warc" not in info.filename or info.is_dir():
                continue
            fh.seek(info.header_offset)
            fields = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
            start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
            out.append(Member(info.filename, start, start + info.compress_size,
                              info.compress_type == zipfile.ZIP_STORED))
    return out
