"""``archiver export --wacz FILE``: the selected captures as a WACZ 1.1.1 file.

What goes in:

- ``archive/<name>.warc.gz``: the selected captures' records (redirect hops,
  the final response or revisit, and for a revisit the response it repeats),
  each with the records that go with it in its file (its request, the writing
  tool's metadata, its continuation records: :mod:`archiver.archive.companions`)
  and its source file's warcinfo, copied byte for byte when stored as gzip
  members, else compressed one member per record; with a warcinfo record naming
  the export. Only the selection goes
  in, not whole source files, so an export by host or list shares nothing else.
- ``pages/pages.jsonl``: every archived HTML page (``json-pages-1.0``), with the
  title and clean text of archiver's own extraction, which ReplayWeb.page
  searches.
- ``indexes/``, ``datapackage.json``, ``datapackage-digest.json``: written by
  py-wacz (Webrecorder's reference implementation of the format, whose
  ``wacz validate`` checks the result), indexing with cdxj-indexer.

Selection (:class:`Selection`): list file, hosts, capture time range. Captured pages, and the
server's other answers to the selected URLs that the archive holds (an HTTP 404 or 410, a 5xx, another
tool's redirect alone): replay then shows, at its time, that the page was gone, as the WARC folder does;
before 2026-12-05 they were left out, and a WACZ replayed an article the site had deleted (410) as still
there, and imported into another archive as ``captured``. ``pages.jsonl`` lists captured pages only.
"""
from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from archiver import __version__
from archiver.archive.companions import Linked, indexed_spans, linked_records
from archiver.archive.layout import GZIP_MAGIC, GZIP_RECORDS, detect_layout, header_fields
from archiver.archive.records import block_digest_fails, warc_date
from archiver.archive.scan import EXPORT_DESCRIPTION
from archiver.archive.streams import record_bytes
from archiver.archive.wacz_in import is_zip
from archiver.archive.wacz_pack import software_named
from archiver.archive.wacz_pages import pages_lines, without_text
from archiver.archive.wacz_remedy import DAMAGED, OUTSIDE_GONE, UNREADABLE_DATE, Damaged, member_damage
from archiver.archive.wacz_remedy import remedy as files_remedy
from archiver.archive.wacz_sources import source_start, warcinfo_at, warcinfo_records
from archiver.catalog import Capture, Catalog
from archiver.selection import Selection
from archiver.warc import OPEN_SUFFIX
from archiver.wording import count


@dataclass
class ExportResult:
    captures: int = 0  # captures exported (their record copied)
    pages: int = 0  # pages.jsonl's page lines
    with_text: int = 0  # of them, those whose clean text is not empty (an unextracted page has no "text")
    records: int = 0
    sources: int = 0  # source files' warcinfo records copied (where the captures came from)
    problems: list[str] = field(default_factory=list)  # records that could not be copied, with why
    left_out: int = 0  # selected captures not exported: their record (or a revisit's original) not copied
    files: dict[str, str] = field(default_factory=dict)  # WARC file -> what is wrong with it (missing, cut)
    failed: set[tuple[str, int]] = field(default_factory=set)  # (file, offset) of records not copied
    bad_digest: list[str] = field(default_factory=list)  # "file:offset" of records copied that fail their block digest
    companions: Counter[str] = field(default_factory=Counter)  # WARC-Type -> records copied with them (companions.py)
    dangling: list[str] = field(default_factory=list)  # "file:offset" of records copied naming a record not copied
    segments_missing: list[str] = field(default_factory=list)  # "file:offset": first segments copied without the rest
    answers: Counter[int] = field(default_factory=Counter)  # HTTP status -> exported captures not captured (404, ...)
    damaged: list[Damaged] = field(default_factory=list)  # selected records left out: their bytes do not inflate
    companions_damaged: list[str] = field(default_factory=list)  # "file:offset" of records beside them not copied
    without: dict[str, Counter[str]] = field(default_factory=dict)  # pages without text: kind -> reason -> n
    repeated: int = 0  # captured pages not listed in pages.jsonl: their text is their URL's previous capture's


def selected_captures(catalog: Catalog, selection: Selection) -> list[Capture]:
    """The selected captures whose records go into the package: captured ones, and failed or skipped ones the
    server answered (an HTTP status with a record: a 404, a 410, a 5xx, a redirect alone), in id order."""
    caps = catalog.captures("warc_file IS NOT NULL AND record_type IN ('response', 'revisit', 'resource') AND "
                            "(state = 'captured' OR (state IN ('failed', 'skipped') AND http_status IS NOT NULL))")
    return [c for c in caps if selection.admits(c)]


def records_of(catalog: Catalog, caps: list[Capture]) -> list[tuple[str, int, int]]:
    """(warc_file, offset, length) of every record the captures need, in capture order, no repeats."""
    seen: set[tuple[str, int]] = set()
    out: list[tuple[str, int, int]] = []

    def add(warc_file: str | None, offset: int | None, length: int | None) -> None:
        if warc_file is None or offset is None or length is None or (warc_file, offset) in seen:
            return
        seen.add((warc_file, offset))
        out.append((warc_file, offset, length))

    for cap in caps:
        for row in catalog.conn.execute("SELECT warc_file, warc_offset, warc_length FROM records "
                                        "WHERE capture_id = ? ORDER BY id", (cap.id,)):
            add(*row)
        add(cap.warc_file, cap.warc_offset, cap.warc_length)
        if cap.record_type == "revisit" and cap.refers_to:
            source = catalog.capture(cap.refers_to)
            if source is not None:
                add(source.warc_file, source.warc_offset, source.warc_length)
    return out


def _where(warcs: Path, warc_file: str) -> Path:
    """The file a catalog row names: as named, or still ``.open`` (a run writing it, or one killed before
    it closed it: its records up to the last committed row are whole, flushed before the row)."""
    path = warcs / warc_file
    if not path.exists() and (warcs / (warc_file + OPEN_SUFFIX)).exists():
        return warcs / (warc_file + OPEN_SUFFIX)
    return path


def _what_is_wrong(path: Path, offset: int, exc: BaseException, outside: bool = False) -> str:
    """Why a record of ``path`` could not be read, in a user's words: the file missing, or cut before it.
    ``outside``: the catalog names the file by its absolute path (imported from outside the WARC folder)."""
    if isinstance(exc, FileNotFoundError):
        return OUTSIDE_GONE if outside else "not in the WARC folder (deleted or moved?)"
    try:
        size = path.stat().st_size
    except OSError as again:
        return f"cannot be read ({again.strerror or again})"
    if size <= offset:
        return f"ends at byte {size:,}, before records the catalog names (cut short?)"
    return f"damaged or cut short ({exc})"


def _head(data: bytes, is_member: bool) -> dict[str, str]:
    """The WARC header fields of one stored record (a gzip member when ``is_member``), names lowercased; {} if none.
    Only the header block is inflated (at most 64 KiB)."""
    if is_member:
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS + 16).decompress(data, 65536)
        except zlib.error:
            return {}
    else:
        head = data[:65536]
    return header_fields(head) or {}


def _warcinfo_id(data: bytes, is_member: bool) -> str | None:
    """The ``WARC-Warcinfo-ID`` one stored record names, or None."""
    named = _head(data, is_member).get("warc-warcinfo-id")
    return named.strip() if named else None


def unreadable_date(data: bytes, is_member: bool) -> str | None:
    """The WARC-Date of one stored record (``data``: a gzip member when ``is_member``, else the plain record)
    when warcio cannot read it as a date, else None (a readable date, or no WARC-Date header to judge).

    Only the header block is inflated (at most 64 KiB). Since 2026-12-03 the importer refuses such records
    (:func:`archiver.archive.records.warc_date`); a catalog made before keeps them, and py-wacz's indexer
    raised ``invalid literal for int()`` on the first one, failing the whole export.
    """
    text = _head(data, is_member).get("warc-date")
    return None if text is None or warc_date(text) is not None else text


def write_warc(target: Path, warcs: Path, records: Iterable[tuple[str, int, int]], result: ExportResult,
               conn: sqlite3.Connection | None = None) -> None:
    """One WARC, gzip per record: a warcinfo record, then each record copied, with (``conn``: the catalog's, to
    find them) the records that go with it in its file: its exchange's request and the writing tool's metadata,
    its continuation records (:mod:`archiver.archive.companions`), in their file's order around it."""
    from warcio.warcwriter import WARCWriter

    records = list(records)
    wanted: dict[str, list[int]] = {}
    for warc_file, offset, _ in records:
        wanted.setdefault(warc_file, []).append(offset)
    spans = {} if conn is None else indexed_spans(conn, list(wanted))
    with open(target, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(target.name, {
            "software": f"archiver/{__version__}", "description": EXPORT_DESCRIPTION,
            "format": "WARC File Format 1.1"}))
        layouts: dict[str, str | None] = {}  # warc_file -> its layout, detected once (None: told per record)
        linked: dict[str, dict[int, Linked]] = {}  # warc_file -> offset -> what goes with the record there
        sources: set[tuple[str, int]] = set()  # (file, start) of the source WARCs whose warcinfo was looked for
        infos: set[str] = set()  # WARC-Record-IDs of the warcinfo records copied
        copied: set[tuple[str, int]] = set()  # (file, offset) of the companions copied
        named_infos: dict[str, dict[str, tuple[int, int]]] = {}  # warc_file -> its warcinfo records, when looked for
        for warc_file, offset, length in records:
            path = _where(warcs, warc_file)
            try:
                if warc_file not in layouts:
                    # an imported WACZ: its records lie at offsets of the zip, each read as its bytes there
                    # say (a gzip member or plain); detect_layout refused the zip ('not a WARC file')
                    layouts[warc_file] = None if is_zip(path) else detect_layout(path)
                    linked[warc_file] = _linked(conn, path, layouts[warc_file], spans.get(warc_file, []),
                                                wanted[warc_file])
                data, is_member = _record(path, offset, length, layouts[warc_file])
            except (OSError, ValueError, zlib.error) as exc:
                result.problems.append(f"{warc_file}:{offset}: {exc}")
                result.failed.add((warc_file, offset))
                if isinstance(exc, NotAMember):  # told as damage, by its offset (review50)
                    result.files.setdefault(warc_file, DAMAGED)
                    result.damaged.append(Damaged(warc_file, offset, str(exc)))
                    continue
                result.files.setdefault(warc_file, _what_is_wrong(path, offset, exc, Path(warc_file).is_absolute()))
                continue
            broken = member_damage(data, is_member)
            if broken is not None:  # copied, it stopped py-wacz's indexer and lost the whole package (review50)
                result.problems.append(f"{warc_file}:{offset}: {broken}")
                result.failed.add((warc_file, offset))
                result.files.setdefault(warc_file, DAMAGED)
                result.damaged.append(Damaged(warc_file, offset, broken))
                continue
            unreadable = unreadable_date(data, is_member)
            if unreadable is not None:  # py-wacz's indexer would stop the whole export on it
                result.problems.append(f"{warc_file}:{offset}: WARC-Date {unreadable!r} is no ISO 8601 date")
                result.failed.add((warc_file, offset))
                result.files.setdefault(warc_file, UNREADABLE_DATE)
                continue
            _copy_warcinfo(fh, path, warc_file, offset, layouts[warc_file], sources, infos, result)
            named = _warcinfo_id(data, is_member)
            if named is not None and named not in infos:  # another warcinfo of its file (a WACZ re-exported)
                if warc_file not in named_infos:
                    named_infos[warc_file] = warcinfo_records(path, layouts[warc_file])
                where = named_infos[warc_file].get(named)
                if where is not None:
                    with contextlib.suppress(OSError, ValueError):
                        info, info_member = _record(path, where[0], where[1], layouts[warc_file])
                        fh.write(info if info_member else _gzipped(info))
                        infos.add(named)
                        result.sources += 1
            with_it = linked[warc_file].get(offset, Linked())
            own = (data, is_member)
            for place in [*with_it.before, (offset, length, "", block_digest_fails(own[0])), *with_it.after]:
                if place[0] == offset:
                    data, is_member = own
                    result.records += 1
                elif (warc_file, place[0]) in copied:
                    continue
                else:
                    copied.add((warc_file, place[0]))
                    try:
                        data, is_member = _record(path, place[0], place[1], layouts[warc_file])
                    except (OSError, ValueError, zlib.error):
                        continue  # (read a moment ago in its gap: the file changed since)
                    if member_damage(data, is_member) is not None:  # (as the record itself: not copied, said)
                        result.companions_damaged.append(f"{warc_file}:{place[0]}")
                        continue
                    result.companions[place[2]] += 1
                if place[3]:  # copied as it is (the evidence as it stands), but said
                    result.bad_digest.append(f"{warc_file}:{place[0]}")
                fh.write(data if is_member else _gzipped(data))
            if with_it.dangling:
                result.dangling.append(f"{warc_file}:{offset}")
            if with_it.segments_missing:
                result.segments_missing.append(f"{warc_file}:{offset}")
            if with_it.damaged_at is not None and f"{warc_file}:{with_it.damaged_at}" not in result.companions_damaged:
                result.companions_damaged.append(f"{warc_file}:{with_it.damaged_at}")


def _linked(conn: sqlite3.Connection | None, path: Path, layout: str | None, spans: list[tuple[int, int]],
            wanted: list[int]) -> dict[int, Linked]:
    """What goes with each wanted record of the file (:func:`linked_records`); nothing when there is no catalog to
    find the gaps or the file cannot be read for them (a damaged zip: its records may still be read one by one)."""
    if conn is None:
        return {}
    try:
        return linked_records(path, layout, spans, wanted)
    except (OSError, zipfile.BadZipFile):
        return {}


class NotAMember(ValueError):
    """No gzip member starts where the catalog says a record does, in a file of a gzip member per record."""


def _record(path: Path, offset: int, length: int, layout: str | None) -> tuple[bytes, bool]:
    """The record's bytes to copy, as :func:`record_bytes`; raises ValueError for a gzip member cut short. In a
    file of a gzip member per record, the member at ``offset`` as stored, even one that does not inflate (the
    caller judges it: :func:`member_damage`; it was read as a one-stream file's uncompressed offset before), and an
    uncompressed record stored after the members as it is (review53); NotAMember when neither starts there."""
    if layout == GZIP_RECORDS:
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read(length)
        if data.startswith(GZIP_MAGIC) and len(data) == length:
            return data, True
        if data.startswith(b"WARC/") and len(data) == length:  # a plain record after the members (cat a.gz b.warc)
            return data, False
        if len(data) == length:  # (read as a one-stream file's, it raised zlib.error on the damage before it)
            raise NotAMember("no gzip member starts there (bytes before it cut out, or its own overwritten)")
    data, is_member = record_bytes(path, offset, length, layout)
    if is_member and len(data) != length:
        raise ValueError(f"the record at {offset} is cut short ({len(data)} of {length} bytes)")
    return data, is_member


def _gzipped(data: bytes) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return z.compress(data) + z.flush()


def _copy_warcinfo(fh: BinaryIO, path: Path, warc_file: str, offset: int, layout: str | None,
                   sources: set[tuple[str, int]], infos: set[str], result: ExportResult) -> None:
    """Copy the warcinfo record opening the source WARC of the record at ``offset``, once per source:
    the WARC-Warcinfo-ID of the records copied from it then names a record of the export, and the
    package says which tool wrote each capture (see :mod:`archiver.archive.wacz_sources`)."""
    try:
        start = source_start(path, offset)
    except (OSError, zipfile.BadZipFile):
        return
    if (warc_file, start) in sources:
        return
    sources.add((warc_file, start))
    found = warcinfo_at(path, start, layout)
    if found is None or found[0] in infos:
        return
    infos.add(found[0])
    fh.write(found[1] if found[2] else _gzipped(found[1]))
    result.sources += 1


def remedy(result: ExportResult) -> str:
    """What the user can do about the records ``result`` could not copy (:func:`wacz_remedy.remedy`)."""
    return files_remedy(result.files)


def _lost(catalog: Catalog, cap: Capture, failed: set[tuple[str, int]]) -> bool:
    """Whether ``cap`` cannot replay from the export: its record, or a revisit's original, was not copied."""
    if (cap.warc_file, cap.warc_offset) in failed:
        return True
    if cap.record_type == "revisit" and cap.refers_to:
        source = catalog.capture(cap.refers_to)
        return source is not None and (source.warc_file, source.warc_offset) in failed
    return False


def export_wacz(catalog: Catalog, warcs: Path, clean: Path, target: Path, selection: Selection,
                title: str = "archiver export") -> ExportResult:
    """Write the selected captures to ``target`` (a .wacz); raise ValueError if nothing is selected.

    Raises RuntimeError with py-wacz's output if it fails to write the package.
    """
    from wacz.main import main as wacz_main

    result = ExportResult()
    caps = selected_captures(catalog, selection)
    if not any(cap.state == "captured" for cap in caps):
        ported = [h for h in selection.hosts if ":" in h]
        bare = ", ".join(repr(h.rsplit(":", 1)[0].strip("[]")) for h in ported)
        hint = f" (--host {', '.join(ported)} takes that port only; give {bare} for every port)" if ported else ""
        if selection.list_file is not None:
            lists = [r[0] for r in catalog.conn.execute(
                "SELECT DISTINCT list_file FROM captures WHERE list_file IS NOT NULL ORDER BY list_file LIMIT 11")]
            known = ", ".join(lists[:10]) + (", ..." if len(lists) > 10 else "") if lists else "none"
            hint += (" (--list-file is matched to the list's full path, a relative one taken from this folder,"
                     " or to its bare name; a list fetched by an archiver older than 2026-12-01 is kept as fetch"
                     f" was given it and matched as the end of the path; the catalog's lists: {known})")
        raise ValueError(f"no captured page matches the selection{hint}")
    with tempfile.TemporaryDirectory(prefix="archiver-wacz-") as tmp:
        folder = Path(tmp)
        warc = folder / f"{target.stem or 'archive'}.warc.gz"
        write_warc(warc, warcs, records_of(catalog, caps), result, catalog.conn)
        kept = [cap for cap in caps if not _lost(catalog, cap, result.failed)]
        result.captures, result.left_out = len(kept), len(caps) - len(kept)
        result.answers.update(int(cap.http_status or 0) for cap in kept if cap.state != "captured")
        if not any(cap.state == "captured" for cap in kept):
            raise RuntimeError(f"none of the {count(len(caps), 'selected capture')} could be copied: "
                               + "; ".join(f"{name} {why}" for name, why in sorted(result.files.items())[:5])
                               + "".join(f"; {bad.warc_file} at byte {bad.offset}: {bad.detail}"
                                         for bad in result.damaged[:5])
                               + f"; {remedy(result)}")
        pages = folder / "pages.jsonl"
        untexted: list[int] = []  # capture ids of the pages listed without text
        captured = [cap for cap in kept if cap.state == "captured"]
        counts: Counter[str] = Counter()
        with open(pages, "w", encoding="utf-8") as fh:
            for line in pages_lines(catalog, clean, captured, title, counts):
                fh.write(line + "\n")
                result.pages += 1
                page = json.loads(line)
                result.with_text += bool(page.get("text"))  # (the header line has none)
                if not page.get("text") and str(page.get("id", "")).startswith("capture-"):
                    untexted.append(int(page["id"].removeprefix("capture-")))
        result.pages -= 1  # the header line
        result.repeated = counts["repeated"]
        result.without = without_text(catalog, clean, untexted)
        partial = target.with_name(f".{target.name}.partial")
        said = io.StringIO()
        try:
            with contextlib.redirect_stdout(said), software_named():
                code = wacz_main(["create", "-o", str(partial), "-p", str(pages), "-c", "--title", title,
                                  str(warc)])
        except Exception as exc:  # py-wacz's own failure, not a usage error: say it as one
            partial.unlink(missing_ok=True)
            raise RuntimeError(f"py-wacz could not write the package ({type(exc).__name__}: {exc}): "
                               f"{said.getvalue()[-1000:]}") from None
        if code != 0 or not partial.exists():
            partial.unlink(missing_ok=True)
            raise RuntimeError(f"py-wacz could not write the package: {said.getvalue()[-1000:]}")
        partial.replace(target)
    return result
