"""The order the catalog first saw WARC files in, so ``archiver reindex`` gives every capture back its id.

Capture ids are numbered in the order files were imported. A fetch's own files are read back oldest
first (by their ``warcinfo`` date), which is the order a fetch wrote them; but a file another tool
wrote, given to ``archiver import``, was seen when it was imported, which neither its place (often
outside the folder) nor its ``warcinfo`` date (when that tool wrote it) tells. Before 2026-12-06 a
reindex read such files after the folder's, so a fetch after the import was renumbered (2064 became
2056) and the old ``capture-ID.json`` sidecars named other captures.

``archiver import`` therefore appends one line per file that gave captures to ``imports.jsonl`` in the
WARC folder (beside the WARC files it describes, so it survives a deleted catalog)::

    {"file": "/srv/crawl.warc.gz", "after": "archiver-20261206...-00001-vm.warc.gz", "at": "2026-12-06T17:50:01Z"}

``file`` is the catalog's name for it (:func:`archiver.archive.importer.catalog_name`: a bare name
inside the folder, else the absolute path); ``after`` is the file last in read order when it was
imported (None: the first), i.e. the file it must be read right after. Imports hold the archive's
lock, so no fetch wrote between. A file imported again keeps its first line. An archive without the
file (older than 2026-12-06) reads outside files last, as before.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from archiver.archive.inflate import iterate
from archiver.archive.layout import detect_layout

if TYPE_CHECKING:
    from archiver.archive.importer import ImportSummary
    from archiver.catalog import Catalog

LEDGER = "imports.jsonl"


def file_order(path: Path) -> tuple[str, str]:
    """Sort key: the WARC-Date of the file's first record (its warcinfo), then the name; unreadable files last."""
    try:
        with iterate(path, detect_layout(path)) as it:
            for record in it:
                return (record.rec_headers.get_header("WARC-Date") or "~", path.name)
    except Exception:
        pass
    return ("~", path.name)


def entries(warcs: Path) -> list[tuple[str, str | None]]:
    """The ledger's (file, after) pairs in the order written, first line per file; ``[]`` when there is none.

    A line that is not JSON of that shape (a torn last line after a crash) is skipped."""
    try:
        text = (Path(warcs) / LEDGER).read_text(encoding="utf-8")
    except OSError:
        return []
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for line in text.splitlines():
        try:
            item = json.loads(line)
            name, after = item["file"], item.get("after")
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(name, str) and (after is None or isinstance(after, str)) and name not in seen:
            seen.add(name)
            out.append((name, after))
    return out


def read_order(folder_files: Sequence[str], ledger: Sequence[tuple[str, str | None]]) -> list[str]:
    """Every name of ``folder_files`` (already oldest first) and of the ``ledger``, in the order the catalog
    first saw them: each ledger file right after its ``after`` (its ``after`` chain followed), a ledger
    file whose ``after`` is known nowhere at the end."""
    followers: dict[str | None, list[str]] = {}
    ledgered = set()
    for name, after in ledger:
        followers.setdefault(after, []).append(name)
        ledgered.add(name)
    out: list[str] = []
    seen: set[str | None] = set()

    def emit(start: str | None) -> None:
        stack = [start]
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            if name is not None:
                out.append(name)
            stack.extend(reversed(followers.get(name, [])))

    emit(None)
    for name in folder_files:
        if name not in ledgered:
            emit(name)
    for name, _ in ledger:
        emit(name)
    return out


def ordered(warcs: Path, folder: Iterable[Path], extra: Iterable[Path]) -> list[Path]:
    """The files to import for a rebuild, in the order the catalog first saw them: ``folder`` (the folder's
    closed WARC files) oldest first with the ledger's files placed, then any of ``extra`` (files named on the
    command line) the ledger does not know. A ledger file neither in the folder nor in ``extra`` is left out."""
    from archiver.archive.importer import catalog_name

    paths: dict[str, Path] = {}
    folder_names = []
    for path in sorted(folder, key=file_order):
        name = catalog_name(warcs, path)
        paths.setdefault(name, path)
        folder_names.append(name)
    for path in extra:
        paths.setdefault(catalog_name(warcs, path), path)
    names = read_order(folder_names, entries(warcs))
    known = set(names)
    names += [n for n in paths if n not in known]
    return [paths[n] for n in names if n in paths]


def last_read(warcs: Path, leaving_out: Iterable[str | Path] = ()) -> str | None:
    """The name of the file a reindex would read last now, ``leaving_out`` the files about to be imported (None
    for an empty or missing folder)."""
    from archiver.archive.cdxj import closed_warcs
    from archiver.archive.importer import catalog_name

    try:
        found = closed_warcs(warcs)
    except OSError:
        found = []
    left = {catalog_name(warcs, p) for p in leaving_out}
    folder = [catalog_name(warcs, p) for p in sorted(found, key=file_order)]
    names = [n for n in read_order(folder, entries(warcs)) if n not in left]
    return names[-1] if names else None


def note_imports(warcs: Path, names: Iterable[str], after: str | None) -> None:
    """Append a line for each of ``names`` (catalog names of files that gave captures, in import order) the
    ledger does not hold yet: the first after ``after``, each next after the one before."""
    known = {name for name, _ in entries(warcs)}
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = []
    for name in names:
        if name in known or name == after:
            continue
        lines.append(json.dumps({"file": name, "after": after, "at": at}, ensure_ascii=False) + "\n")
        known.add(name)
        after = name
    if lines:
        with open(Path(warcs) / LEDGER, "a", encoding="utf-8") as fh:
            fh.writelines(lines)
            fh.flush()


def import_noted(catalog: Catalog, warcs: Path, paths: Sequence[Path]) -> ImportSummary:
    """:func:`archiver.archive.importer.import_files` of ``paths`` (``archiver import``, ``extract`` of another
    tool's file), noting in the ledger the files that gave captures; returns its ImportSummary."""
    from archiver.archive.importer import catalog_name, import_files

    after = last_read(warcs, paths)  # a reindex reads these files right after it: ids come back
    summary = import_files(catalog, warcs, paths)
    # an ARC file is in the catalog (and the folder) as its WARC copy
    note_imports(warcs, [f.name if f.converted and f.name else catalog_name(warcs, f.path)
                         for f in summary.files if f.captures or f.failed], after)
    return summary
