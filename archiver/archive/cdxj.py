"""``warcs/index.cdxj``: every closed WARC in the folder, indexed the way pywb and ReplayWeb.page read it.

The lines are cdxj-indexer's (Webrecorder's reference implementation, the
indexer pywb and py-wacz use): ``SURT-KEY TIMESTAMP {json}`` with ``url``,
``mime``, ``status``, ``digest``, ``length``, ``offset``, ``filename``, for
response, revisit, resource and (non-``warc-fields``) metadata records. The
file stays sorted (plain string order, as cdxj-indexer's ``--sort``), so a
binary search finds a URL; pywb serves the WARC folder with it as is.

For the files a fetch has just written, the WARC writer made the same lines
while writing (``archiver.cdxj_entries``; reading the files again cost a
quarter of the fetch's CPU) and hands them in as ``known``; every other file
(imported, recovered, written by a Ray worker, or one the writer was not sure
of) is read by cdxj-indexer.

A file that is one gzip stream is left out (no offset in it can be seeked to;
``warcio recompress`` makes it indexable) and said so. Which files are in the
index is read from the index itself: it is derived state, rebuilt by deleting it.
"""
from __future__ import annotations

import fcntl
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.archive.streams import GZIP_STREAM, detect_layout
from archiver.file_mode import make_ordinary
from archiver.wording import count

INDEX_NAME = "index.cdxj"
WARC_SUFFIXES = (".warc", ".warc.gz")


def cdxj_lines(path: str | Path, filename: str | None = None) -> list[str]:
    """cdxj-indexer's lines for one WARC file (unsorted, each ending in a newline).

    ``filename`` is what the lines name as the file (default: its base name).
    Raises whatever warcio raises on a damaged file.
    """
    from cdxj_indexer import CDXJIndexer

    out = io.StringIO()
    CDXJIndexer(out, [str(path)], filename=filename).process_all()
    return out.getvalue().splitlines(keepends=True)


def closed_warcs(folder: Path) -> list[Path]:
    """The closed WARC files in ``folder`` (not ``.open``), by name."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))


def indexed_files(index: Path) -> set[str]:
    """File names the index has lines for."""
    names: set[str] = set()
    if not index.exists():
        return names
    with open(index, encoding="utf-8") as fh:
        for line in fh:
            brace = line.find("{")
            if brace < 0:
                continue
            try:
                names.add(json.loads(line[brace:])["filename"])
            except (ValueError, KeyError, TypeError):
                continue
    return names


def update_index(folder: str | Path, reporter: Any = None, files: Iterable[Path] | None = None,
                 known: dict[str, list[str] | None] | None = None) -> list[str]:
    """Index the closed WARCs of ``folder`` not yet in ``folder/index.cdxj``; return the names added.

    ``known`` maps a file name to its lines as the writer made them (None: not
    known); those files are not read again. Problems (a damaged file, a one-stream
    gzip) are logged through ``reporter`` (``archiver.report.Reporter``) and the
    file is left out; nothing raises for them.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    # two runs ending at once must not both read the old index and the last writer drop the other's files
    with open(folder / (INDEX_NAME + ".lock"), "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        return _update(folder, reporter, files, known or {})


def _update(folder: Path, reporter: Any, files: Iterable[Path] | None,
            known: dict[str, list[str] | None]) -> list[str]:
    index = folder / INDEX_NAME
    done = indexed_files(index)
    new_lines: list[str] = []
    added: list[str] = []
    from_writer = 0
    for path in files if files is not None else closed_warcs(folder):
        if path.name in done:
            continue
        lines = known.get(path.name)
        if lines is not None:
            new_lines += lines
            added.append(path.name)
            from_writer += 1
            continue
        try:
            if detect_layout(path) == GZIP_STREAM:
                _log(reporter, "cdxj-skipped", f"index.cdxj: left out {path.name}: one gzip stream, no record "
                     "can be seeked to (make it indexable with 'warcio recompress')", warc=path.name)
                continue
            lines = cdxj_lines(path)
        except Exception as exc:
            _log(reporter, "cdxj-failed", f"index.cdxj: cannot index {path.name}: {type(exc).__name__}: {exc}",
                 warc=path.name)
            continue
        new_lines += lines
        added.append(path.name)
    if new_lines:
        merge_into(index, new_lines)
        made = f"; lines of {from_writer} made while writing" if from_writer else ""
        _log(reporter, "cdxj",
             f"index.cdxj: indexed {count(len(added), 'WARC file')} ({count(len(new_lines), 'line')}{made})",
             files=added, lines=len(new_lines), made_while_writing=from_writer)
    return added


def merge_into(index: Path, lines: list[str]) -> None:
    """Add ``lines`` to the sorted ``index``, keeping it sorted and free of duplicate lines (atomic replace)."""
    old = index.read_text(encoding="utf-8").splitlines(keepends=True) if index.exists() else []
    merged = sorted(set(old) | set(lines))
    fd, tmp = tempfile.mkstemp(dir=index.parent, prefix=".tmp-", suffix=".cdxj")
    try:
        make_ordinary(fd)  # mkstemp makes 0600: readable like the WARCs beside it
    except OSError:
        pass
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(merged)
        os.replace(tmp, index)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _log(reporter: Any, event: str, message: str, **fields: Any) -> None:
    if reporter is not None:
        reporter.log(event, message, **fields)
