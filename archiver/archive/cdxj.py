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
import functools
import io
import json
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.archive.layout import GZIP_STREAM, detect_layout
from archiver.file_mode import make_ordinary
from archiver.wording import count

INDEX_NAME = "index.cdxj"
WARC_SUFFIXES = (".warc", ".warc.gz")


def cdxj_lines(path: str | Path, filename: str | None = None) -> list[str]:
    """cdxj-indexer's lines for one WARC file (unsorted, each ending in a newline).

    ``filename`` is what the lines name as the file (default: its base name).
    Raises whatever warcio raises on a damaged file.
    """
    out = io.StringIO()
    _indexer()(out, [str(path)], filename=filename).process_all()
    return out.getvalue().splitlines(keepends=True)


@functools.cache
def _indexer() -> Any:
    """cdxj-indexer's ``CDXJIndexer`` with its own copy of the record types it indexes by default (response,
    revisit, resource, non-``warc-fields`` metadata). py-wacz appends ``warcinfo`` to the class's shared
    ``DEFAULT_RECORDS`` list when ``wacz.waczindexer`` is imported, after which every indexer in that process
    also gave a line for each warcinfo record; a subclass holding its own list is not touched by that."""
    from cdxj_indexer import CDXJIndexer

    class OwnRecords(CDXJIndexer):
        DEFAULT_RECORDS = ["response", "revisit", "resource", "metadata"]

    return OwnRecords


def lines_to_cut(path: Path) -> list[str]:
    """cdxj-indexer's lines for the whole records of a file cut short: those read before the cut, each
    ending within the file (the records past the cut have none)."""
    out = io.StringIO()
    try:
        _indexer()(out, [str(path)]).process_all()
    except Exception:
        pass  # warcio stops at the cut: the lines written before it stand
    return whole_records(path, out.getvalue().splitlines(keepends=True))


def whole_records(path: Path, lines: list[str]) -> list[str]:
    """The ``lines`` (cdxj-indexer's, for ``path``) whose record is whole: it ends within the file, and in a
    ``.gz`` file the last one's gzip member runs to its end (warcio reading a member cut short may give a
    line for it, its length where the cut is)."""
    size = path.stat().st_size
    kept: list[tuple[int, int, str]] = []
    for line in lines:
        try:
            fields = json.loads(line[line.index("{"):])
            offset, length = int(fields["offset"]), int(fields["length"])
        except (ValueError, KeyError, TypeError):
            continue
        if offset + length <= size:
            kept.append((offset, length, line))
    if kept and path.name.endswith(".gz"):
        offset, length, line = max(kept)
        if not _member_ends(path, offset, length):
            kept.remove((offset, length, line))
    return [line for _, _, line in kept]


PIECE = 1 << 16  # bytes read, and at most inflated, at a time


def _member_ends(path: Path, offset: int, length: int) -> bool:
    """Whether the gzip member at ``offset`` (``length`` bytes) ends within them: read and inflated a
    piece at a time with the output thrown away, so a record of gigabytes (a video) costs no memory."""
    inflate = zlib.decompressobj(31)
    with open(path, "rb") as fh:
        fh.seek(offset)
        left = length
        try:
            while left > 0 and not inflate.eof:
                buf = fh.read(min(PIECE, left))
                if not buf:
                    break
                left -= len(buf)
                while buf and not inflate.eof:
                    inflate.decompress(buf, PIECE)
                    buf = inflate.unconsumed_tail
        except zlib.error:
            return False
    return inflate.eof


def closed_warcs(folder: Path) -> list[Path]:
    """The closed WARC files in ``folder`` (not ``.open``), by name."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))


def indexed_files(index: Path) -> set[str]:
    """File names the index has lines for."""
    return set(indexed_ends(index))


def indexed_ends(index: Path) -> dict[str, int]:
    """File name -> where the last record the index names in it ends (offset + length, bytes)."""
    ends: dict[str, int] = {}
    if not index.exists():
        return ends
    with open(index, encoding="utf-8") as fh:
        for line in fh:
            brace = line.find("{")
            if brace < 0:
                continue
            try:
                fields = json.loads(line[brace:])
                name = fields["filename"]
                end = int(fields.get("offset", 0)) + int(fields.get("length", 0))
            except (ValueError, KeyError, TypeError):
                continue
            ends[name] = max(ends.get(name, 0), end)
    return ends


def _stale(folder: Path, ends: dict[str, int]) -> tuple[list[str], list[str]]:
    """The indexed files that are gone from ``folder``, and those now shorter than their lines say (cut)."""
    gone, cut = [], []
    for name, end in sorted(ends.items()):
        try:
            size = (folder / name).stat().st_size
        except FileNotFoundError:
            gone.append(name)
            continue
        except OSError:
            continue
        if size < end:
            cut.append(name)
    return gone, cut


def drop_files(index: Path, names: set[str]) -> int:
    """Remove the lines of files ``names`` from ``index`` (atomic replace); return how many went."""
    kept, dropped = [], 0
    with open(index, encoding="utf-8") as fh:
        for line in fh:
            brace = line.find("{")
            try:
                name = json.loads(line[brace:])["filename"] if brace >= 0 else None
            except (ValueError, KeyError, TypeError):
                name = None
            if name in names:
                dropped += 1
            else:
                kept.append(line)
    _replace(index, kept)
    return dropped


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
    ends = indexed_ends(index)
    gone, cut = _stale(folder, ends)
    if gone or cut:  # replay would answer those lines with a missing file or a broken record
        dropped = drop_files(index, set(gone) | set(cut))
        said = [f"{count(len(gone), 'file')} gone from the folder ({_names(gone)})" if gone else "",
                f"{count(len(cut), 'file')} shorter than indexed, read again ({_names(cut)})" if cut else ""]
        _log(reporter, "cdxj-stale", f"index.cdxj: dropped {count(dropped, 'line')} of "
             + " and ".join(x for x in said if x), gone=gone, cut=cut, lines=dropped)
        for name in gone + cut:
            del ends[name]
    done = set(ends)
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
            lines = lines_to_cut(path) if path.name in cut else _read(path, reporter)
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


def _read(path: Path, reporter: Any) -> list[str]:
    """cdxj-indexer's lines for ``path``; for a file cut short, those of its whole records (``lines_to_cut``).

    A file is found cut when its lines were dropped (``_stale``) and read in the same call; a process dying
    between ``drop_files`` and ``merge_into`` left it unknown as cut, and cdxj-indexer then raised at the
    cut or gave a line for the record it cuts. Raises what cdxj-indexer raised when no whole record is read.
    """
    try:
        lines = cdxj_lines(path)
        whole = whole_records(path, lines)
        if len(whole) == len(lines):
            return lines
        problem = f"{count(len(lines) - len(whole), 'record')} cut"
    except Exception as exc:
        whole = lines_to_cut(path)
        if not whole:
            raise
        problem = f"{type(exc).__name__}: {exc}"
    _log(reporter, "cdxj-cut", f"index.cdxj: {path.name} is cut short ({problem}); indexed the "
         f"{count(len(whole), 'whole record')} before the cut", warc=path.name, lines=len(whole))
    return whole


def merge_into(index: Path, lines: list[str]) -> None:
    """Add ``lines`` to the sorted ``index``, keeping it sorted and free of duplicate lines (atomic replace)."""
    old = index.read_text(encoding="utf-8").splitlines(keepends=True) if index.exists() else []
    _replace(index, sorted(set(old) | set(lines)))


def _replace(index: Path, merged: list[str]) -> None:
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


def _names(names: list[str]) -> str:
    return ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")


def _log(reporter: Any, event: str, message: str, **fields: Any) -> None:
    if reporter is not None:
        reporter.log(event, message, **fields)
