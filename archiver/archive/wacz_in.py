"""A WACZ given to ``archiver import``: where its WARC files lie inside the zip.

py-wacz, Browsertrix and ``archiver export --wacz`` store ``archive/*.warc[.gz]`` uncompressed in the
zip (the WACZ spec asks for it, so replay tools can seek), so each record is at a fixed offset of the
``.wacz`` file itself: the catalog names the ``.wacz`` and those offsets, and nothing is unpacked. A
WARC deflated inside the zip cannot be read at an offset: it is named, with the remedy (unzip it).
"""
from __future__ import annotations

import hashlib
import json
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

    name: str  # under ``archive/``, as the WACZ spec and its datapackage.json name it
    start: int
    end: int
    stored: bool
    zip_name: str = ""  # the entry's name in the zip when not ``name`` (``mycoll/archive/...``: :func:`under_archive`)


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
            name = under_archive(info.filename)
            if name is None or ".warc" not in name or info.is_dir():
                continue
            fh.seek(info.header_offset)
            fields = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
            start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
            out.append(Member(name, start, start + info.compress_size, info.compress_type == zipfile.ZIP_STORED,
                              info.filename if name != info.filename else ""))
    return out


# A WACZ unzipped (to look inside) and zipped again holds its files under the folder it was unzipped into
# (``mycoll/archive/data.warc.gz``: "compress the folder" in a file manager), or under Windows' separator
# (``archive\data.warc.gz``, some Windows zip tools), or ``./archive/...`` (``zip -r x.wacz ./``): import said
# ``a zip file with no WARC under archive/ (not a WACZ?)`` and read nothing, the WARC files stored there whole
# (host50). They are read where they lie; with this off, only names starting ``archive/`` are.
REROOTED = True


def under_archive(name: str) -> str | None:
    """The name under ``archive/`` that the zip entry ``name`` stands for (``archive/...`` as it is; ``\\`` read as
    ``/``, ``./`` dropped, one folder above ``archive/`` dropped, with ``REROOTED``), or None for an entry elsewhere.
    Source: WACZ 1.1.1, "Directory Layout" (https://specs.webrecorder.net/wacz/1.1.1/#directory-layout)."""
    if name.startswith("archive/") or not REROOTED:
        return name if name.startswith("archive/") else None
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if len(parts) >= 2 and parts[0] == "archive":
        return "/".join(parts)
    if len(parts) >= 3 and parts[1] == "archive":
        return "/".join(parts[1:])
    return None


FIXITY = True  # False: a WACZ's datapackage.json hashes are not checked on import (before round 36)
_MAX_PACKAGE = 64 * 1024 * 1024  # a datapackage.json larger than this is not read (bytes)


def altered_members(path: str | os.PathLike[str], members: list[Member]) -> list[tuple[str, str]]:
    """(member name, what disagrees) for each stored WARC file whose bytes do not match the ``hash`` (``sha256:HEX``
    or ``md5:HEX``) or ``bytes`` its ``datapackage.json`` entry gives (WACZ 1.1.1, "datapackage.json": the
    resources' fixity): a WARC changed after the WACZ was packed; and each ``archive/`` WARC it lists that the zip
    does not hold (taken out after packing). Before round 36 such a WACZ imported without a word. A WACZ with no
    datapackage.json, one that is no JSON, or an entry of an unknown algorithm: nothing said. Reads each listed
    member once (hashlib, 1 MiB at a time). Raises OSError if the file cannot be read."""
    if not FIXITY:
        return []
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("datapackage.json")
            if info.file_size > _MAX_PACKAGE:
                return []
            package = json.loads(zf.read(info))
    except (KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        return []
    resources = package.get("resources") if isinstance(package, dict) else None
    given = {r.get("path"): r for r in resources if isinstance(r, dict)} if isinstance(resources, list) else {}
    out = []
    held = {member.name for member in members}
    for name in given:
        if isinstance(name, str) and name.startswith("archive/") and ".warc" in name and name not in held:
            out.append((name, "not in the zip: the records it held are not in this WACZ"))
    for member in members:
        entry = given.get(member.name)
        if entry is None or not member.stored:
            continue
        size = member.end - member.start
        if isinstance(entry.get("bytes"), int) and entry["bytes"] != size:
            out.append((member.name, f"{size} bytes, where datapackage.json gives {entry['bytes']}"))
            continue
        algorithm, _, expected = str(entry.get("hash") or "").partition(":")
        if algorithm.lower() not in ("sha256", "md5") or not expected:
            continue
        digest = hashlib.new(algorithm.lower())
        with open(path, "rb") as fh:
            fh.seek(member.start)
            left = size
            while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
                digest.update(chunk)
                left -= len(chunk)
        if digest.hexdigest() != expected.strip().lower():
            out.append((member.name, f"its {algorithm.lower()} is not the one datapackage.json gives"))
    return out
