"""Reading an ``index.cdxj`` back: each line's file name, offset and length, and which lines are damaged (moved out
of :mod:`archiver.archive.cdxj`, review60: the module had grown past 400 lines). Pure reads; nothing is written.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeGuard

from archiver.archive.cdxj_damage import json_start


def indexed_files(index: Path) -> set[str]:
    """File names the index has lines for."""
    return set(indexed_ends(index))


def indexed_ends(index: Path) -> dict[str, int]:
    """File name -> where the last record the index names in it ends (offset + length, bytes); damaged lines
    (``line_fields`` None) are passed over."""
    return scan_index(index)[0]


def line_fields(line: bytes | str) -> tuple[str, int, int] | None:
    """(file name, offset, length) of one index line, or None for a line no replay tool can use: not UTF-8,
    no ``KEY TIMESTAMP`` before its JSON, JSON that does not parse (or nests past the recursion limit), a
    ``filename`` that is not a plain file name (a path, ``..``, a number, null), an ``offset`` or ``length``
    that is not a whole number of bytes (cdxj-indexer writes them as digit strings; JSON numbers are taken)."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
        brace = json_start(text)
        if brace <= 0:
            return None
        fields = json.loads(text[brace:])
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(fields, dict):
        return None
    name, offset, length = fields.get("filename"), _bytes(fields.get("offset")), _bytes(fields.get("length"))
    if not _plain_name(name) or offset is None or length is None:
        return None
    return name, offset, length


def _bytes(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20:
        return int(value)
    return None


def scan_index(index: Path) -> tuple[dict[str, int], list[int], set[str]]:
    """One pass over ``index``: (``indexed_ends``'s map of the good lines, the numbers of the damaged lines
    (from 1), the file names damaged lines still name where their JSON reads). No index: nothing."""
    ends: dict[str, int] = {}
    damaged: list[int] = []
    named: set[str] = set()
    if not index.exists():
        return ends, damaged, named
    with open(index, "rb") as fh:
        for number, line in enumerate(fh, 1):
            got = line_fields(line)
            if got is None:
                damaged.append(number)
                name = _named(line)
                if name is not None:
                    named.add(name)
                continue
            name, offset, length = got
            ends[name] = max(ends.get(name, 0), offset + length)
    return ends, damaged, named


def _named(line: bytes) -> str | None:
    """The plain file name a damaged line's JSON still gives, if any."""
    try:
        text = line.decode("utf-8")
        fields = json.loads(text[json_start(text):])
    except (ValueError, RecursionError):
        return None
    name = fields.get("filename") if isinstance(fields, dict) else None
    return name if _plain_name(name) else None


def _plain_name(name: Any) -> TypeGuard[str]:
    """Whether ``name`` can be a file of the WARC folder: a string, no path (``/``, ``\\``, ``..``), no NUL."""
    return isinstance(name, str) and bool(name.strip()) and name not in (".", "..") \
        and not any(c in name for c in "/\\\0")
