"""Write exchanges as WARC records, roll files over, and read a record back.

Files are written as ``*.warc.gz.open`` and renamed when closed, so a closed
name always means a whole file. Each record is its own gzip member and is
flushed before the catalog row that points at it is committed.
"""
from __future__ import annotations

import fcntl
import io
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.body_spool import Body, BodySpool
from archiver.cdxj_entries import FileIndex
from archiver.diskfull import NO_SPACE, DiskFull, RenameRefused, disk_full, rename_closed, sync_file
from archiver.folder_watch import warc_gone
from archiver.gzip_member import GzipMember
from archiver.http_headers import (
    TE_RENAMED,
    ReceivedHeaders,
    header_text,
    headers_buffer,
    http1_syntax,
    request_headers,
    response_headers,
    warc_protocol,
)
from archiver.urls import target_uri

__all__ = [  # the header and disk-full helpers live in their own modules; re-exported for callers
    "TE_RENAMED", "Body", "BodySpool", "DiskFull", "ReceivedHeaders", "WarcWriter", "Written", "disk_full",
    "header_text", "headers_buffer", "http1_syntax", "request_headers", "response_headers", "warc_date",
    "warc_protocol", "OPEN_SUFFIX",
]

OPEN_SUFFIX = ".open"


def warc_date(when: datetime | None = None) -> str:
    when = when or datetime.now(UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Written:
    """Where a record landed: what the catalog stores."""

    warc_file: str
    offset: int
    length: int
    record_id: str
    date: str


class WarcFile:
    """One WARC file being written; ``close()`` renames it from ``.open``.

    ``index`` collects the file's CDXJ lines as records are written (see
    ``archiver.cdxj_entries``), when the writer was asked for them.
    """

    def __init__(self, path: Path, info: dict[str, str], index: bool = False):
        self.path = path  # the closed name
        self.index = FileIndex(path.name) if index else None
        self.open_path = path.with_name(path.name + OPEN_SUFFIX)
        # unbuffered: a failed write leaves nothing pending, so the file can be cut back cleanly
        self.fh = open(self.open_path, "xb", buffering=0)  # noqa: SIM115 (held for the file's life, closed by close())
        fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.writer = WARCWriter(None, gzip=False, warc_version="1.1")
        try:
            # every later record names it (WARC-Warcinfo-ID, WARC 1.1 section 5.9), as wget and Heritrix write:
            # an export gathers records of many files into one WARC, and the link said which run wrote which
            self.info_id: str = self.write(self.writer.create_warcinfo_record(path.name, info)).record_id
            self.info_end = self.fh.tell()  # bytes: a file no longer than this holds nothing but its warcinfo
        except DiskFull:
            self.fh.close()
            self.open_path.unlink(missing_ok=True)
            raise

    @property
    def size(self) -> int:
        return self.fh.tell()

    def write(self, record: ArcWarcRecord) -> Written:
        """Append one record as its own gzip member; on a full disk cut the file back and raise DiskFull."""
        offset = self.fh.tell()
        try:
            self.writer.out = GzipMember(self.fh.fileno(), _size_hint(record))
            self.writer.write_record(record)
        except OSError as exc:
            if exc.errno not in NO_SPACE:
                self.drop_from(offset)
                raise
            self.cut(offset)
            raise disk_full(exc, self.open_path.parent) or DiskFull(self.open_path.parent, str(exc)) from exc
        except BaseException:
            # a record half written (its payload could not be read to the end: an I/O error, a bug) would sit
            # torn in the middle of the file once more records follow, and the closed WARC would not read
            self.drop_from(offset)
            raise
        length = self.fh.tell() - offset
        if self.index is not None:
            self.index.add(record, offset, length)
        return Written(self.path.name, offset, length,
                       record.rec_headers.get_header("WARC-Record-ID"),
                       record.rec_headers.get_header("WARC-Date"))

    def drop_from(self, offset: int) -> None:
        """Cut back to ``offset`` while another error is on its way up; a failing cut must not hide it."""
        try:
            self.cut(offset)
        except OSError:
            pass

    def cut(self, offset: int) -> None:
        """Drop everything from ``offset`` on (a record that did not fit)."""
        os.ftruncate(self.fh.fileno(), offset)
        self.fh.seek(offset)
        if self.index is not None:
            self.index.cut(offset)

    def close(self) -> bool:
        """Flush to disk and take the closed name; False when the filesystem could not sync (see
        ``diskfull.sync_file``). Raises RenameRefused when the filesystem refuses the rename."""
        if self.fh.closed:
            return True
        try:
            synced = sync_file(self.fh.fileno())
            rename_closed(self.open_path, self.path)
        finally:
            self.fh.close()
        return synced


def _add_tls(record: ArcWarcRecord, tls: tuple[str, str | None] | None) -> None:
    """The TLS layer as IIPC's adopted extensions write it: ``WARC-Protocol: tls/1.3`` after the HTTP one
    (higher level first), and ``WARC-Cipher-Suite`` when known."""
    if tls is not None:
        record.rec_headers.add_header("WARC-Protocol", tls[0])
        if tls[1]:
            record.rec_headers.add_header("WARC-Cipher-Suite", tls[1])


_LAST_STAMP: list[datetime] = []  # the last file name's time in this process (names stay distinct)


class WarcWriter:
    """Rolls WARC files over at ``max_size``; names them PREFIX-TIMESTAMP-SERIAL-HOST.

    TIMESTAMP has 17 digits (UTC to the millisecond, as Heritrix names its files),
    so two runs that start in the same second do not take the same name: a file
    moved out of the folder must never have its name reused by a later run (its
    captures in the catalog would then point at the wrong file). Within one process a file opened in the
    same millisecond as the last takes the next millisecond.

    With ``cdxj`` (a dict), each file closed adds ``name -> its sorted CDXJ lines``
    (None where cdxj-indexer must index it): ``archiver.archive.cdxj.update_index``
    takes them instead of reading the file again.
    """

    def __init__(self, folder: str | Path, prefix: str = "archiver", max_size: int = 1 << 30,
                 host: str | None = None, info: dict[str, str] | None = None,
                 cdxj: dict[str, list[str] | None] | None = None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_size = max_size
        self.host = _safe_name(host or socket.gethostname())
        self.info = info or {}
        self.serial = 0
        self.current: WarcFile | None = None
        self.files: list[str] = []
        self.cdxj = cdxj
        self.refused: DiskFull | None = None  # the filesystem refused to rename a closed file
        self.unsynced: str | None = None  # the folder, once a file was closed without fsync (not supported there)

    def _file(self) -> WarcFile:
        if self.refused is not None:
            raise self.refused
        self._check_current()
        if self.current is not None and self.current.size >= self.max_size:
            self._close_current()
        if self.current is None:
            self.current = self._new_file()
        return self.current

    def _new_file(self) -> WarcFile:
        now = datetime.now(UTC)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        if _LAST_STAMP and now <= _LAST_STAMP[0]:  # a file opened within the same millisecond: the next one
            now = _LAST_STAMP[0] + timedelta(milliseconds=1)
        _LAST_STAMP[:] = [now]
        stamp = now.strftime("%Y%m%d%H%M%S%f")[:17]
        while True:
            self.serial += 1
            name = f"{self.prefix}-{stamp}-{self.serial:05d}-{self.host}.warc.gz"
            path = self.folder / name
            if not path.exists() and not path.with_name(name + OPEN_SUFFIX).exists():
                try:
                    wf = WarcFile(path, self.info, index=self.cdxj is not None)
                except FileExistsError:
                    continue
                self.files.append(name)
                return wf

    def write_exchange(self, url: str, request: StatusAndHeaders, response: StatusAndHeaders,
                       body: Body, ip: str | None, date: str,
                       revisit_of: tuple[str, str, str] | None = None, protocol: str | None = None,
                       tls: tuple[str, str | None] | None = None) -> Written:
        """Write response (or revisit) then request; return where the response went.

        ``revisit_of`` is (target URI, WARC-Date, WARC-Record-ID) of the earlier capture with
        the same payload, written as ``WARC-Refers-To-Target-URI``, ``-Date`` and ``WARC-Refers-To``;
        ``protocol`` is httpx's ``http_version`` (kept as ``WARC-Protocol``); ``tls`` the layer below it,
        ("tls/1.3", cipher suite or None), kept as a second ``WARC-Protocol`` and ``WARC-Cipher-Suite``.
        """
        wf = self._file()
        start = wf.size
        try:
            return self._write_pair(wf, target_uri(url), request, response, body, ip, date, revisit_of, protocol,
                                    tls)
        except DiskFull:
            # the pair goes whole or not at all: a response without its request is cut too
            wf.cut(start)
            self.close()
            raise
        except BaseException:
            wf.drop_from(start)  # the same for any other failure: no response without its request
            raise

    def _write_pair(self, wf: WarcFile, url: str, request: StatusAndHeaders, response: StatusAndHeaders,
                    body: Body, ip: str | None, date: str, revisit_of: tuple[str, str, str] | None,
                    protocol: str | None, tls: tuple[str, str | None] | None) -> Written:
        b = wf.writer
        common = {"WARC-Date": date, "WARC-Warcinfo-ID": wf.info_id}
        if ip:
            common["WARC-IP-Address"] = ip
        if proto := warc_protocol(protocol):
            common["WARC-Protocol"] = proto
        if revisit_of is None:
            headers = dict(common, **{"WARC-Payload-Digest": body.payload_digest,
                                      "WARC-Block-Digest": body.block_digest})
            if body.truncated:
                headers["WARC-Truncated"] = body.truncated
            resp = b.create_warc_record(url, "response", payload=body.stream, length=body.length,
                                        warc_headers_dict=headers, http_headers=response)
        else:
            resp = b.create_revisit_record(url, body.payload_digest, revisit_of[0], revisit_of[1],
                                           http_headers=response, warc_headers_dict=dict(common))
            resp.rec_headers.add_header("WARC-Refers-To", revisit_of[2])
        _add_tls(resp, tls)
        written = wf.write(resp)
        if protocol == "HTTP/1.0":  # the server answered in HTTP/1.0; the request went out in HTTP/1.1
            common["WARC-Protocol"] = "http/1.1"
        req = b.create_warc_record(url, "request", warc_headers_dict=dict(common), http_headers=request)
        _add_tls(req, tls)
        req.rec_headers.add_header("WARC-Concurrent-To", written.record_id)
        wf.write(req)
        return written

    def write_metadata(self, url: str, block: bytes, content_type: str, concurrent_to: str | None = None) -> Written:
        """A ``metadata`` record about ``url`` (see archiver.archive.seedinfo), flushed like an exchange."""
        url = target_uri(url)  # never a password in WARC-Target-URI
        wf = self._file()
        headers = {"WARC-Date": warc_date(), "WARC-Warcinfo-ID": wf.info_id}
        if concurrent_to:
            headers["WARC-Concurrent-To"] = concurrent_to
        record = wf.writer.create_warc_record(url, "metadata", payload=io.BytesIO(block), length=len(block),
                                              warc_content_type=content_type, warc_headers_dict=headers)
        written = wf.write(record)
        wf.fh.flush()
        return written

    def drop_unrecorded(self, records: list[tuple[str, int]]) -> None:
        """Cut the file being written back to the first of ``records`` (file name, offset) in it: the records of
        a capture the catalog could not take (locked by another program, its disk full), and any written after
        them. Kept, they would be archived and indexed with no catalog row, and archived again by the next run,
        which fetches the URL again."""
        wf = self.current
        offsets = [offset for name, offset in records if wf is not None and name == wf.path.name]
        if wf is not None and offsets:
            wf.drop_from(min(offsets))

    def close(self) -> None:
        """Close the file being written, if any (see :meth:`WarcFile.close`: RenameRefused goes up)."""
        if self.current is not None:
            self._close_current()

    def _check_current(self) -> None:
        """Raise ``folder_watch.ArchiveGone``, beginning no other file, if the file written was deleted or moved."""
        if self.current is not None and (gone := warc_gone(self.current.open_path, self.current.fh)) is not None:
            self.current, self.refused = None, gone
            raise gone

    def _close_current(self) -> None:
        self._check_current()
        wf = self.current
        if wf is None:
            return
        self.current = None  # a file that could not be closed is not written to again
        if wf.size <= wf.info_end:  # every record cut back (the catalog refused them): a header-only WARC
            wf.fh.close()  # would be indexed as nothing and read by reindex as nothing; not kept
            wf.open_path.unlink(missing_ok=True)
            self.files.remove(wf.path.name)
            return
        try:
            synced = wf.close()
        except RenameRefused as exc:
            self.refused = exc  # and no other file is begun: it could not be closed either
            raise
        if not synced and self.unsynced is None:
            self.unsynced = str(self.folder)
        if self.cdxj is not None and wf.index is not None:
            self.cdxj[wf.path.name] = wf.index.lines()


def _size_hint(record: ArcWarcRecord) -> int:
    """Bytes at least as many as ``record`` will take, plus zlib's 262-byte lookahead: its block
    (``record.length``, the HTTP headers aside) and 4 KiB for WARC and HTTP headers, or more."""
    http = record.http_headers
    head = 0
    if http is not None:  # the stored block if known, else the text (x3: warcio may percent-encode)
        raw = getattr(http, "raw", None) or getattr(http, "headers_buff", None)
        head = len(raw) if raw else 3 * (len(http.statusline) + sum(len(n) + len(v) + 4 for n, v in http.headers))
    return (record.length or 0) + head + 4096


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-." else "_" for c in text)[:64] or "host"
