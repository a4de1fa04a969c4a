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
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.archive.cdxj_damage import index_past_damage, whole_records
from archiver.archive.cdxj_empty import drop_old_lock, read_empty, write_empty
from archiver.archive.cdxj_read import indexed_ends as indexed_ends
from archiver.archive.cdxj_read import indexed_files as indexed_files
from archiver.archive.cdxj_read import line_fields, scan_index
from archiver.archive.inflate import Records
from archiver.archive.layout import GZIP_STREAM, detect_layout
from archiver.archive.lostbytes import padded_after
from archiver.file_mode import make_ordinary
from archiver.wording import count

INDEX_NAME = "index.cdxj"
# cdxj-indexer reads through warcio's ArchiveIterator, which writes ``WARNING: Record not followed by newline ...
# Remainder: b'\\x00...'`` straight onto stderr when a record is not followed by its blank lines: in a .warc.gz whose
# members are padded with NULs to 512-byte blocks it quoted NULs and compressed bytes at the user (host50; import
# of such a file said nothing else: the padding is read past). ``inflate.Records`` counts it without the write;
# with this off, warcio's own iterator (the dump comes back).
QUIET_READER = True
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
    from warcio.timeutils import iso_date_to_timestamp

    class OwnRecords(CDXJIndexer):
        DEFAULT_RECORDS = ["response", "revisit", "resource", "metadata"]

        def _write_line(self, out: Any, index: Any, record: Any, filename: Any) -> None:
            if SKIP_BAD_DATES:  # a WARC-Date no timestamp can be made of (2026-02-30, 25:61, none, a compact
                try:  # 20261206175237): no line for the record (the import calls it unusable), the file's later
                    iso_date_to_timestamp(record.rec_headers.get("WARC-Date"))  # records still indexed (before
                except _BAD_DATE:  # round 35 warcio's error ended the file there, "cut short", later ones unindexed)
                    return
            super()._write_line(out, index, record, filename)

        def _create_record_iter(self, input_: Any) -> Any:
            if not QUIET_READER:
                return super()._create_record_iter(input_)
            return Records(input_, no_record_parse=not self.record_parse, arc2warc=True,
                           verify_http=self.verify_http)

        def _do_write(self, urlkey: Any, ts: Any, index: Any, out: Any) -> None:
            if PAD_YEARS and isinstance(ts, str) and ts.isdigit() and len(ts) < 14:
                ts = ts.zfill(14)  # a year before 1000: strftime's %Y writes it unpadded ('1' + '0101000000')
            super()._do_write(urlkey, ts, index, out)

    return OwnRecords


# what warcio's date parse raises on a WARC-Date it cannot read: ValueError (``2026-02-30``, ``x``), TypeError (none,
# ``2026``, an offset ``+01:00``), OverflowError (a compact ``20261206175237``: its digits taken as the year; a
# 20-digit year), IndexError (as records.warc_date allows for)
_BAD_DATE = (ValueError, TypeError, OverflowError, IndexError)

# A WARC-Date before the year 1000 (0001-01-01, a writer's "no date"): warcio's timestamp is strftime's, whose %Y is
# unpadded on glibc, so the line's timestamp had 11 digits ('10101000000'), which a replay tool reads as the year 1010
# (pywb pads a short timestamp on the right) and which sorted among the years 1xxx. Now 14 digits, zeros in front.
PAD_YEARS = True  # False: such a line's timestamp as warcio writes it (before round 36)

SKIP_BAD_DATES = True  # False: a record of an impossible WARC-Date ends the file's index lines (before round 35)


def lines_to_cut(path: Path) -> list[str]:
    """cdxj-indexer's lines for the whole records of a file cut short: those read before the cut, each
    ending within the file (the records past the cut have none)."""
    out = io.StringIO()
    try:
        _indexer()(out, [str(path)]).process_all()
    except Exception:
        pass  # warcio stops at the cut: the lines written before it stand
    return whole_records(path, out.getvalue().splitlines(keepends=True))


def closed_warcs(folder: Path) -> list[Path]:
    """The closed WARC files in ``folder`` (not ``.open``), by name."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))


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
    """Remove the lines of files ``names``, and every damaged line, from ``index`` (atomic replace); return how
    many went."""
    kept, dropped = [], 0
    with open(index, "rb") as fh:
        for line in fh:
            got = line_fields(line)
            if got is None or got[0] in names:
                dropped += 1
            else:
                kept.append(line.decode("utf-8"))
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
    # two runs ending at once must not both read the old index and the last writer drop the other's files.
    # The lock is the folder itself (flock on its descriptor), so no lock file is left beside the WARCs;
    # where the filesystem refuses flock on a directory, a hidden lock file instead
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            with open(folder / ("." + INDEX_NAME + ".lock"), "a") as lock:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
                return _update(folder, reporter, files, known or {})
        return _update(folder, reporter, files, known or {})
    finally:
        os.close(fd)


def _update(folder: Path, reporter: Any, files: Iterable[Path] | None,
            known: dict[str, list[str] | None]) -> list[str]:
    index = folder / INDEX_NAME
    drop_old_lock(folder, INDEX_NAME + ".lock")  # left by versions before 2026-12-05 (review46 finding 7)
    ends, damaged, named = scan_index(index)
    empty = read_empty(folder)  # files read before to no line: not read again
    remembered = dict(empty)
    again: list[str] = []
    if damaged:  # lines replay cannot read (a hand edit, another tool, a disk error): dropped, and the files
        # they still name read again, so none of their records goes missing from the index
        again = sorted(n for n in named if (folder / n).is_file())
        drop_files(index, set(again))
        for name in again:
            ends.pop(name, None)
        _log(reporter, "cdxj-damaged", f"index.cdxj: dropped {count(len(damaged), 'damaged line')} ({_lines(damaged)}: "
             "not 'KEY TIMESTAMP {JSON}' naming a file of this folder, its offset and length)"
             + (f"; indexing {_names(again)} again" if again else ""), lines=damaged[:100], files=again)
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
    paths = closed_warcs(folder) if files is None else list(files)
    paths += [folder / n for n in again if n not in {p.name for p in paths}]
    for path in paths:
        if path.name in done or path.name in empty:
            continue
        lines = known.get(path.name)
        if lines is not None:
            _note_empty(empty, path, lines)
            new_lines += lines
            added.append(path.name)
            from_writer += 1
            continue
        try:
            if detect_layout(path) == GZIP_STREAM:
                per_record = path.with_name(path.name.removesuffix(".warc.gz") + "-records.warc.gz")
                # the copy written as told: what is left to do is the last step (before 2026-12-06 the import of the
                # copy was told again to write it and import it, the step it had just taken)
                todo = (f"its copy a gzip member per record, {per_record.name}, is in the folder (its captures are "
                        f"read from it once imported: archiver import {per_record}, if not done yet): move "
                        f"{path.name} out of the folder" if per_record.is_file() else
                        "to index it, write it a gzip member per record and import that copy (its captures are then "
                        f"read from it): warcio recompress {path} {per_record} && archiver import {per_record}; "
                        f"then move {path.name} out of the folder")
                _log(reporter, "cdxj-skipped", f"index.cdxj: left out {path.name}: one gzip stream, no record "
                     f"can be seeked to; {todo}", warc=path.name)
                continue
            lines = lines_to_cut(path) if path.name in cut else _read(path, reporter)
        except Exception as exc:
            _log(reporter, "cdxj-failed", f"index.cdxj: cannot index {path.name}: {type(exc).__name__}: {exc}",
                 warc=path.name)
            continue
        _note_empty(empty, path, lines)
        new_lines += lines
        added.append(path.name)
    if empty != remembered:
        write_empty(folder, empty)
    if new_lines:
        merge_into(index, new_lines)
        # mend70 (nuser48 finding 11): "(6 lines; lines of 1 made while writing)" read as nothing a user knew
        if from_writer and from_writer == len(added):
            made = f", made while writing {'it' if from_writer == 1 else 'them'}"
        elif from_writer:
            made = (f"; those of {count(from_writer, 'file')} made while writing {'it' if from_writer == 1 else 'them'}"
                    ", the rest read with cdxj-indexer")
        else:
            made = ""
        _log(reporter, "cdxj",
             f"index.cdxj: indexed {count(len(added), 'WARC file')} ({count(len(new_lines), 'line')}{made})",
             files=added, lines=len(new_lines), made_while_writing=from_writer)
    return added


def _note_empty(empty: dict[str, int], path: Path, lines: list[str]) -> None:
    """Remember in ``empty`` (``{name: size}``) a file that gave no index line, so it is not read again."""
    if not lines:
        try:
            empty[path.name] = path.stat().st_size
        except OSError:
            pass


def _read(path: Path, reporter: Any) -> list[str]:
    """cdxj-indexer's lines for ``path``; for a file cut short, those of its whole records (``lines_to_cut``).

    A file is found cut when its lines were dropped (``_stale``) and read in the same call; a process dying
    between ``drop_files`` and ``merge_into`` left it unknown as cut, and cdxj-indexer then raised at the
    cut or gave a line for the record it cuts. Raises what cdxj-indexer raised when no whole record is read,
    neither before the damage nor (in a ``.gz`` file) past it.
    """
    failed: Exception | None = None
    try:
        lines = cdxj_lines(path)
        whole = whole_records(path, lines)
        if len(whole) == len(lines):
            return lines
        problem = f"{count(len(lines) - len(whole), 'record')} cut"
    except Exception as exc:
        whole, failed, problem = lines_to_cut(path), exc, f"{type(exc).__name__}: {exc}"[:300]
        if padded_after(path, whole):  # NUL padding after the last record (a tape or disk block's): no cut
            return whole
    # damage in the first record too (the warcinfo or first response, which warcio may even read as a bogus
    # record of raw bytes: review53): in a .gz file, read past it from 0
    past, bad = index_past_damage(_indexer(), path, whole) if path.name.endswith(".gz") else (whole, [])
    if failed is not None and not past:
        raise failed
    if len(past) > len(whole) and not bad:  # block padding between members (mend58): read whole, quietly
        return whole_records(path, past)
    if len(past) > len(whole):  # damage in the middle, whole records after it (cdxj_damage.py, review50)
        _log(reporter, "cdxj-damaged", f"index.cdxj: {path.name}: {count(len(bad), 'damaged gzip member')} "
             f"(overwritten or cut in the middle) at byte {', '.join(map(str, bad))}: the record there is not "
             "indexed, the whole records after it are; put back a good copy of the file, then delete "
             "index.cdxj to index it again", warc=path.name, offsets=bad)
        return whole_records(path, past)
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


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5])) + (", ..." if len(numbers) > 5 else "")
    return ("line " if len(numbers) == 1 else "lines ") + shown


def _names(names: list[str]) -> str:
    return ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")


def _log(reporter: Any, event: str, message: str, **fields: Any) -> None:
    if reporter is not None:
        reporter.log(event, message, **fields)
