"""Read the two sides of a diff from disk: clean files with sidecars, stored copies, a manifest.

This is the I/O edge of the diff; everything it returns is plain data.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver.diff.normalize import decode_entities

STORED_SUFFIXES = {".txt", ".md", ".markdown", ".text"}


class SourceError(Exception):
    """A side or manifest that cannot be read; the CLI turns it into exit code 2."""


@dataclass
class Source:
    """One text file on either side, with what is known about it."""

    path: Path
    url: str | None = None
    final_url: str | None = None
    captured_at: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)
    sidecar: dict[str, Any] = field(default_factory=dict)  # the clean file's whole sidecar ({} for stored copies)
    stored: bool = False  # a stored copy from another tool: HTML entities in it are decoded on reading

    @property
    def urls(self) -> list[str]:
        return [u for u in (self.url, self.final_url) if u]

    @property
    def host(self) -> str | None:
        for u in self.urls:
            host = urlsplit(u).hostname
            if host:
                return host
        return None

    def read(self) -> str:
        text = read_text(self.path)
        return decode_entities(text) if self.stored else text


def clean_text(path: Path | str) -> str:
    """A clean text file as every reader of versions reads it (``archiver history``, ``diff``, the watch's judge
    and messages, the timeline): UTF-8, a byte that is not UTF-8 read as U+FFFD (a disk error, an editor that
    saved the file in Latin-1), line ends kept. Raises OSError when the file cannot be read."""
    return Path(path).read_bytes().decode("utf-8", errors="replace")


def read_text(path: Path) -> str:
    """:func:`clean_text`, an unreadable file raised as :class:`SourceError` (exit 2 for ``diff``)."""
    try:
        return clean_text(path)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_sidecar(text_path: Path) -> dict[str, Any]:
    """The ``.json`` beside a clean ``.txt``; empty when absent or unreadable (nested past
    the recursion limit included)."""
    side = Path(text_path)
    side = side if side.suffix == ".json" else side.with_suffix(".json")
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def source_from_clean(path: Path, sidecar: Path | None = None) -> Source:
    """A clean text file and its sidecar (by default the ``.json`` beside it)."""
    meta = read_sidecar(path if sidecar is None else sidecar)
    removed = [r for r in meta.get("removed") or [] if isinstance(r, dict)]
    return Source(Path(path), url=meta.get("url") or None, final_url=meta.get("final_url") or None,
                  captured_at=meta.get("captured_at"), removed=removed, sidecar=meta)


def _files(root: Path, suffixes: set[str]) -> list[Path]:
    if not root.exists():
        raise SourceError(f"no such file or folder: {root}")
    if root.is_file():
        return [root]
    # hidden names are skipped: the clean folder keeps older versions under ``.versions``
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix.lower() in suffixes
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def load_new(root: Path) -> list[Source]:
    """Clean ``.txt`` files (a file or a folder searched recursively) with their sidecars."""
    return [source_from_clean(p) for p in _files(Path(root), {".txt"})]


def read_manifest(path: Path) -> dict[str, str]:
    """``file<TAB>url`` lines after a header line; returns file name -> URL.

    The first line is the header unless its second field is a URL (``://``): a manifest
    written without a header lost its first copy's URL without a word.
    """
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))
    except OSError as exc:
        raise SourceError(f"cannot read manifest {path}: {exc.strerror or exc}") from None
    entries: dict[str, str] = {}
    for n, row in enumerate(rows):
        header = n == 0 and not (len(row) > 1 and "://" in row[1])
        if header or not row or not row[0].strip() or row[0].startswith("#"):
            continue  # header, blank or comment
        if len(row) < 2 or not row[1].strip():
            raise SourceError(f"{path}:{n + 1}: expected file<TAB>url")
        entries[row[0].strip()] = row[1].strip()
    return entries


def _archiver_sidecar(path: Path) -> dict[str, Any]:
    """The sidecar archiver wrote beside a clean ``.txt`` (a ``url`` string and a ``text_digest``), else {}.

    An old side that is a copy of a clean folder (``cp -r clean clean-monday``, then ``archiver diff clean/
    clean-monday/``) carries each file's URL this way; without it, every pair was made by content, so two
    hosts' copies of one syndicated article could swap partners and a text too changed to match (or a Chinese
    text, before its characters were words) fell out as unpaired and missing."""
    if path.suffix != ".txt":
        return {}
    meta = read_sidecar(path)
    return meta if isinstance(meta.get("url"), str) and meta.get("url") and "text_digest" in meta else {}


def load_old(root: Path, manifest: Path | None = None) -> list[Source]:
    """Stored copies, with URLs from the manifest matched by path relative to the folder, or by name; a file the
    manifest does not name that has an archiver sidecar beside it (a copy of a clean folder) takes its URLs
    from there and is read as archiver's clean text (no entity decoding)."""
    root = Path(root)
    files = _files(root, STORED_SUFFIXES)
    if manifest is not None:
        manifest = Path(manifest)
        files = [p for p in files if p.resolve() != manifest.resolve()]
    urls = read_manifest(manifest) if manifest is not None else {}
    base = root if root.is_dir() else root.parent
    sources = []
    used: set[str] = set()
    for p in files:
        rel = p.relative_to(base).as_posix()
        keys = [rel, p.name]
        if manifest is not None:
            try:
                keys.append(p.resolve().relative_to(manifest.parent.resolve()).as_posix())
            except ValueError:
                pass
        key = next((k for k in keys if urls.get(k)), None)
        used.update(k for k in keys if k in urls)
        if key is None and (own := _archiver_sidecar(p)):  # an earlier copy of a clean folder: its own URL
            sources.append(Source(p, url=own.get("url"), final_url=own.get("final_url") or None,
                                  captured_at=own.get("captured_at")))
            continue
        sources.append(Source(p, url=urls[key] if key else None, stored=True))
    unused = [name for name in urls if name not in used]
    if unused:  # a typo, or a copy since moved: its URL pairs nothing, which was not said
        shown = ", ".join(unused[:5]) + (", ..." if len(unused) > 5 else "")
        print(f"archiver: warning: {manifest}: {len(unused)} of its files {'is' if len(unused) == 1 else 'are'} "
              f"not among the stored copies in {root}: {shown}", file=sys.stderr)
    return sources
