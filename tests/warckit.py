"""Independent checks of WARC output: warcio's own checker, record pairing, pywb replay;
and plain SQL over the catalog a run wrote.

These read the files with warcio and pywb only, never with archiver's reader, so a
bug in archiver's writer cannot hide behind the same bug in its reader.
"""
from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


def catalog_rows(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    """Rows of one query on a catalog, read with plain sqlite3 (not archiver's Catalog class)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()



def extraction_of(root: Path, path: str) -> tuple[str | None, str | None]:
    """(error, clean text) of the extraction of the one capture whose URL ends in ``path``, in ``root``'s
    ``c.db`` and ``clean/``; either is None when absent. AssertionError when no such capture was extracted."""
    db = sqlite3.connect(root / "c.db")
    try:
        row = db.execute("SELECT e.error, e.text_path FROM extractions e JOIN captures c ON c.id = e.capture_id "
                         "WHERE c.url LIKE ?", ("%" + path,)).fetchone()
    finally:
        db.close()
    assert row is not None, path
    return row[0], (root / "clean" / row[1]).read_text(encoding="utf-8") if row[1] else None


def live_catalog_rows(db: Path, sql: str) -> list[sqlite3.Row]:
    """Rows of one query on the catalog of a run still in progress: read-only, and [] while the
    file or its schema is not there yet (the run has not created them)."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return []

@dataclass
class Rec:
    file: str
    offset: int
    length: int  # of the whole (gzipped) record in the file
    type: str
    id: str
    uri: str | None
    headers: dict[str, str]  # WARC headers
    http_status: int | None
    http_headers: list[tuple[str, str]]
    raw_payload: bytes  # as stored: content-encoding kept, no transfer coding

    def http_header(self, name: str) -> str | None:
        for k, v in self.http_headers:
            if k.lower() == name.lower():
                return v
        return None


def warc_files(folder: str | Path) -> list[Path]:
    return sorted(Path(folder).glob("*.warc.gz"))


def open_files(folder: str | Path) -> list[Path]:
    return sorted(Path(folder).glob("*.open"))


def cdxj_reference(files: list[Path]) -> list[str]:
    """What Webrecorder's ``cdxj-indexer --sort`` writes for these files (the reference for index.cdxj)."""
    tool = shutil.which("cdxj-indexer")
    command = [tool] if tool else [sys.executable, "-m", "cdxj_indexer.main"]
    out = subprocess.run([*command, "--sort", *map(str, files)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess:
    """Run the ``warcio check`` command (digests, framing) on the files."""
    return subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
                           "check", "-v", *map(str, paths)], capture_output=True, text=True, timeout=300)


def read_records(path: Path) -> list[Rec]:
    """Every record of one file; raises if the file is not whole."""
    out: list[Rec] = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, check_digests=True)
        for record in it:
            http = record.http_headers
            raw = b""
            if record.rec_type in ("response", "revisit", "request"):
                raw = record.raw_stream.read()
            it.read_to_end(record)
            out.append(Rec(
                file=path.name, offset=it.get_record_offset(), length=it.get_record_length(), type=record.rec_type,
                id=record.rec_headers.get_header("WARC-Record-ID"),
                uri=record.rec_headers.get_header("WARC-Target-URI"),
                headers=_first_values(record.rec_headers.headers),
                http_status=int(http.get_statuscode()) if http is not None and record.rec_type != "request" else None,
                http_headers=list(http.headers) if http is not None else [],
                raw_payload=raw,
            ))
        end = fh.tell()
    size = path.stat().st_size
    if end != size:
        raise AssertionError(f"{path.name}: records end at {end}, file has {size} bytes")
    return out


def decoded_payload(path: Path, offset: int) -> bytes:
    """The payload of the record at ``offset`` after warcio undoes transfer and content encoding."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.content_stream().read()
    raise AssertionError(f"no record at {path}:{offset}")


def all_records(folder: str | Path) -> list[Rec]:
    return [r for p in warc_files(folder) for r in read_records(p)]


def rows_by_key(root: Path) -> dict[str, dict]:
    """The catalog's capture rows of ``root/warcs`` by the last path segment of their URL (a test's page key)."""
    rows = catalog_rows(root / "warcs" / "catalog.sqlite3", "SELECT * FROM captures ORDER BY id")
    return {r["url"].rsplit("/", 1)[1]: dict(r) for r in rows}


def _first_values(fields: list[tuple[str, str]]) -> dict[str, str]:
    """Header fields as a dict, a repeated name keeping its first value, as warcio's ``get_header`` gives it
    (``WARC-Protocol: h2`` before ``WARC-Protocol: tls/1.3``)."""
    out: dict[str, str] = {}
    for name, value in fields:
        out.setdefault(name, value)
    return out


def responses(root: Path) -> dict[str, list[Rec]]:
    """The response records of ``root/warcs`` by the last path segment of their URL, in file order."""
    got: dict[str, list[Rec]] = {}
    for rec in all_records(root / "warcs"):
        if rec.type == "response":
            got.setdefault(rec.uri.rsplit("/", 1)[1], []).append(rec)
    return got


def pairing_problems(records: list[Rec]) -> list[str]:
    """What is wrong with request/response pairing and the required WARC headers."""
    problems = []
    requests = {}
    for r in records:
        if r.type == "request":
            to = r.headers.get("WARC-Concurrent-To")
            if to:
                requests[to] = r
    for r in records:
        if r.type not in ("response", "revisit"):
            continue
        req = requests.get(r.id)
        if req is None:
            problems.append(f"{r.file}@{r.offset} {r.type} {r.uri}: no request with WARC-Concurrent-To")
        elif req.uri != r.uri:
            problems.append(f"{r.file}@{r.offset}: request URI {req.uri} != response URI {r.uri}")
        for name in ("WARC-IP-Address", "WARC-Payload-Digest") + (("WARC-Block-Digest",) if r.type == "response" else ()):
            if not r.headers.get(name):
                problems.append(f"{r.file}@{r.offset} {r.type} {r.uri}: no {name}")
    return problems



def assert_archive_sound(warcs: str | Path) -> None:
    """Every WARC file in ``warcs`` closed (no ``.open`` left), clean under ``warcio check``, and every
    response or revisit paired with its request and carrying the required headers (:func:`pairing_problems`)."""
    assert not open_files(warcs)
    check = warcio_check(warc_files(warcs))
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    records = all_records(warcs)
    assert not pairing_problems(records), pairing_problems(records)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def pywb_replay(warcs: list[Path], workdir: Path, collection: str = "acc") -> Iterator[str]:
    """Build a pywb collection from ``warcs``, serve it on loopback; yield the ``id_`` replay prefix.

    ``prefix + url`` returns the archived body (pywb undoes Content-Encoding itself).
    """
    wb_manager, wayback = shutil.which("wb-manager"), shutil.which("wayback")
    if not (wb_manager and wayback):
        import pytest

        pytest.skip("pywb is not installed (pip install -e '.[test]')")
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    # what `wb-manager init` then `wb-manager add` do, in one process (pywb imports slowly)
    script = ("import sys; from pywb.manager.manager import main; "
              "main(['init', sys.argv[1]]); main(['add', sys.argv[1], *sys.argv[2:]])")
    made = subprocess.run([sys.executable, "-c", script, collection, *map(str, warcs)], cwd=workdir,
                          capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, f"pywb collection not built: {made.stderr[-2000:]}"
    port = free_port()
    log = open(workdir / "wayback.log", "wb")  # noqa: SIM115 -- held open for the process's lifetime, closed by its owner
    proc = subprocess.Popen([wayback, "-p", str(port), "-b", "127.0.0.1"], cwd=workdir, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"wayback exited {proc.returncode}: {(workdir / 'wayback.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("wayback did not start listening within 120 s") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/{collection}/id_/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def write_responses(path: Path, url: str, pages: list[tuple[str, bytes]], gzip: bool = False) -> None:
    """A WARC at ``path`` (as another tool writes it, with warcio) holding one ``response`` record for ``url``
    per (WARC-Date, HTML body) of ``pages``, in that order."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        for date, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": date}))


def rot(path: Path, old: bytes, new: bytes) -> None:
    """Change the last ``old`` in the file at ``path`` to ``new`` (as long): bit rot after the record was
    written, so the record no longer matches its WARC-Block-Digest."""
    data = path.read_bytes()
    at = data.rfind(old)
    assert at >= 0 and len(old) == len(new)
    path.write_bytes(data[:at] + new + data[at + len(old):])
