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
from collections.abc import Iterable
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
    zip_name: str = ""  # the entry's name in the zip when not ``name`` (``mycoll/archive/...``: :func:`roots`)
    package: str = "datapackage.json"  # the zip entry of the datapackage.json at the same root


def is_zip(path: str | os.PathLike[str]) -> bool:
    """True if the file starts as a zip file does (a WACZ, or some other zip). Raises OSError."""
    with open(path, "rb") as fh:
        return fh.read(4) == ZIP_MAGIC


def warc_members(path: str | os.PathLike[str]) -> list[Member]:
    """The WARC files under ``archive/`` of the zip at ``path``, in zip order: those at the zip's root when it has an
    ``archive/`` folder there; else (``REROOTED``) those under the one root :func:`roots` finds. Each member's
    ``package`` names the ``datapackage.json`` entry at that same root. Finder's ``__MACOSX/`` entries and ``._*``
    AppleDouble files are never WARC files (:func:`is_apple_double`).

    Raises ``zipfile.BadZipFile`` for a damaged zip, OSError if it cannot be read.
    """
    out = []
    with zipfile.ZipFile(path) as zf, open(path, "rb") as fh:
        infos = [info for info in zf.infolist() if not info.is_dir() and not is_apple_double(info.filename)]
        at_root = any(info.filename.startswith("archive/") for info in infos)
        prefix = "" if at_root or not REROOTED else roots(info.filename for info in infos)
        if prefix is None:
            return []
        normal = {_normal(info.filename): info.filename for info in reversed(infos)}  # the first entry of a name
        package = "datapackage.json" if at_root else normal.get(prefix + "datapackage.json", "datapackage.json")
        seen: dict[str, str] = {}  # name under archive/ -> the zip entry first read for it
        for info in infos:
            raw = info.filename if at_root or not REROOTED else _normal(info.filename)
            if not raw.startswith(prefix + "archive/") or ".warc" not in raw:
                continue
            name = raw.removeprefix(prefix)
            if seen.setdefault(name, info.filename) != info.filename:
                continue  # ``./archive/x`` beside ``archive\x``: one name, read once; an entry repeated under the
                # very same name (a zip appended to) is read again, its records counted as already there or kept
            fh.seek(info.header_offset)
            fields = _LOCAL_HEADER.unpack(fh.read(_LOCAL_HEADER.size))
            start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
            out.append(Member(name, start, start + info.compress_size, info.compress_type == zipfile.ZIP_STORED,
                              info.filename if name != info.filename else "", package))
    return out


def is_apple_double(name: str) -> bool:
    """True for what macOS Finder's "Compress" adds beside each file: an entry under ``__MACOSX/`` or one whose last
    part starts ``._`` (an AppleDouble resource fork, header ``00 05 16 07``; review60). Such an entry is no WARC."""
    parts = name.replace("\\", "/").split("/")
    return "__MACOSX" in parts or parts[-1].startswith("._")


def _normal(name: str) -> str:
    r"""A zip entry's name with ``\`` read as ``/`` and empty and ``.`` parts dropped."""
    return "/".join(part for part in name.replace("\\", "/").split("/") if part not in ("", "."))


# A WACZ unzipped (to look inside) and zipped again holds its files under the folder it was unzipped into
# (``mycoll/archive/data.warc.gz``: "compress the folder" in a file manager), or under Windows' separator
# (``archive\data.warc.gz``, some Windows zip tools), or ``./archive/...`` (``zip -r x.wacz ./``): import said
# ``a zip file with no WARC under archive/ (not a WACZ?)`` and read nothing, the WARC files stored there whole
# (host50). They are read where they lie, but only in a zip with no ``archive/`` folder at its root, and under one
# root only (review60: a WACZ holding an old copy in ``old/archive/`` read both, and reported its own WARC as
# altered); with this off, only names starting ``archive/`` are.
REROOTED = True


def roots(names: Iterable[str]) -> str | None:
    r"""Where the WACZ lies inside a zip with no ``archive/`` folder at its root, from its entries' ``names``: ``""``
    when some name, ``\`` read as ``/`` and ``./`` dropped, starts ``archive/``; else ``"FOLDER/"`` for a folder
    holding an ``archive/`` (the one beside a ``datapackage.json`` when several do, else the first in zip order);
    None when no folder holds one. Source: WACZ 1.1.1, "Directory Layout"
    (https://specs.webrecorder.net/wacz/1.1.1/#directory-layout)."""
    normal = [_normal(name) for name in names]
    found: list[str] = []
    for name in normal:
        parts = name.split("/")
        if len(parts) >= 2 and parts[0] == "archive":
            return ""
        if len(parts) >= 3 and parts[1] == "archive" and parts[0] + "/" not in found:
            found.append(parts[0] + "/")
    packed = [prefix for prefix in found if prefix + "datapackage.json" in normal]
    return packed[0] if packed else found[0] if found else None


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
            info = zf.getinfo(members[0].package if members else "datapackage.json")
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
