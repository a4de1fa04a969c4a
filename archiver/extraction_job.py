"""``archiver extract``: WARC records in the catalog -> clean text files, in parallel.

The per-record work is :func:`extract_record`, a pure-ish function of
(WARC path, offset, capture metadata) that returns a picklable
:class:`PageResult`; it runs in worker processes (or on Ray). Everything that
writes (clean files, catalog rows) happens here in the driver, so the catalog
keeps a single writer.

Workers live in a ``pebble`` process pool: a page that hangs the extractor past
``--extract-timeout`` gets its worker killed and replaced, and the page is
recorded as failed with the reason; any other exception or a dead worker is
recorded the same way. One bad page never stops the rest.

Order of work in one call of :func:`extract_pending`:

1. response captures go to the pool; each result is written as it comes
   (with the site-learned boilerplate known at the start applied);
2. revisits reuse the text of the capture they refer to (copied when that
   capture is extracted, else extracted from its record);
3. site learning: paragraphs recurring on >= 3 URLs of a host are boilerplate;
   every page of the host whose text holds one is rewritten, including pages
   from earlier runs.

File layout and versions: see :mod:`archiver.output`.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sqlite3
import threading
import time
from contextlib import contextmanager, nullcontext
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from archiver import output
from archiver.catalog import Capture, Catalog
from archiver.config import Settings
from archiver.staging import (Stage, Staged, capture_fields, discard, learned_key, move, sidecar_data,
                              stage_page, staging_folder, trafilatura_version)
from archiver.warc import read_record

SITE_MIN_URLS = 3  # a paragraph on this many URLs of one host is that site's boilerplate
MAX_HTML_BYTES = 32 * 1024 * 1024  # decoded body; past this a page is refused, not parsed
WORKER_MAX_TASKS = 500  # a worker is replaced after this many pages: lxml/trafilatura memory stays bounded
HTML_TYPES = {"text/html", "application/xhtml+xml"}
SNIFF_TYPES = {"", "application/octet-stream", "binary/octet-stream", "text/plain", "unknown/unknown"}
NOT_HTML = "not HTML"
EMPTY = "empty body"
SKIP_REASONS = (NOT_HTML, EMPTY)  # recorded, not failures, not retried


# -- the per-record work (runs in a worker) -------------------------------------

@dataclass(frozen=True)
class Job:
    """What a worker needs to extract one record; all plain values so it pickles."""

    capture_id: int
    url: str  # the URL to hand the extractor (final URL after redirects)
    warc_path: str
    offset: int
    content_type: str | None = None
    stage: Stage | None = None  # when set, the worker also writes the page's files ahead (archiver.staging)


@dataclass
class PageResult:
    capture_id: int
    status: str  # "ok" | "skipped" | "error"
    error: str | None = None
    extraction: Any = None  # archiver.extraction.Extraction when ok
    digests: list[str] = field(default_factory=list)  # paragraph digests before site learning
    charset: str | None = None
    seconds: float = 0.0
    staged: Staged | None = None  # the page's files, written ahead by the worker


def mime_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title"))


def extract_record(job: Job) -> PageResult:
    """Read one response record, decode it, extract its article. Never raises."""
    started = time.monotonic()
    try:
        result = _extract_record(job)
    except Exception as exc:  # one bad page must not stop the run
        result = PageResult(job.capture_id, "error", f"{type(exc).__name__}: {exc}"[:500])
    result.seconds = time.monotonic() - started
    return result


def _extract_record(job: Job) -> PageResult:
    from archiver.decoding import DecodingError, decode_content
    from archiver.extraction import extract, paragraph_digests
    from archiver.extraction.decode import looks_binary

    record, raw = read_record(job.warc_path, job.offset, limit=MAX_HTML_BYTES)
    headers = record.http_headers
    content_type = (headers.get_header("content-type") if headers else None) or job.content_type
    mime = mime_type(content_type)
    if mime and mime not in HTML_TYPES and mime not in SNIFF_TYPES:
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {mime}")
    encoding = headers.get_header("content-encoding") if headers else None
    try:
        body = decode_content(raw, encoding, limit=MAX_HTML_BYTES + 1)
    except DecodingError as exc:
        if not _sniff_html(raw):
            return PageResult(job.capture_id, "error", str(exc))
        body = raw  # declared a coding it does not have: the body is plain HTML
    if not body.strip():
        return PageResult(job.capture_id, "skipped", EMPTY)
    if len(body) > MAX_HTML_BYTES:
        return PageResult(job.capture_id, "error", f"page too large to extract (over {MAX_HTML_BYTES} bytes)")
    if looks_binary(body):
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: binary content" + (f" ({mime})" if mime else ""))
    if mime not in HTML_TYPES and not _sniff_html(body):
        return PageResult(job.capture_id, "skipped", f"{NOT_HTML}: {mime or 'no content type'}")
    extraction = extract(body, url=job.url, content_type=content_type)
    if extraction.error:
        return PageResult(job.capture_id, "error", extraction.error, charset=extraction.encoding)
    result = PageResult(job.capture_id, "ok", extraction=extraction,
                        digests=list(paragraph_digests(extraction)), charset=extraction.encoding)
    if job.stage is not None:
        try:
            result.staged = stage_page(job.stage, extraction, extraction.encoding)
        except (OSError, ValueError):
            pass  # the driver writes the files itself
    return result


# -- the driver -----------------------------------------------------------------

@dataclass
class ExtractSummary:
    extracted: int = 0
    empty: int = 0  # extracted, but no article text found
    revisits: int = 0
    skipped: int = 0  # not HTML, or an empty body
    failed: int = 0
    relearned: int = 0  # pages rewritten by site learning
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int)}

    def line(self) -> str:
        return (f"extract: {self.extracted} extracted ({self.empty} without article text), "
                f"{self.revisits} revisits reused, {self.skipped} skipped (not HTML or empty), {self.failed} failed; "
                f"site learning rewrote {self.relearned} pages")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def site_of(url: str) -> str:
    """The host site-level learning groups pages by: lower case, no port (as the engine's rules)."""
    from archiver.extraction import host_of

    return host_of(url) or ""


def select_captures(catalog: Catalog, capture_ids: Iterable[int] | None = None, all_: bool = False,
                    warc_files: Iterable[str] | None = None) -> list[Capture]:
    """Captures to extract: captured ones not yet extracted (failed earlier: retried), or all."""
    where = ["c.state = 'captured'", "c.record_type IN ('response', 'revisit')"]
    params: list[Any] = []
    if not all_:
        skips = " AND ".join(f"e.error NOT LIKE '{reason}%'" for reason in SKIP_REASONS)
        where.append(f"(e.capture_id IS NULL OR (e.error IS NOT NULL AND {skips}))")
    if capture_ids is not None:
        ids = [int(i) for i in capture_ids]
        if not ids:
            return []
        where.append(f"c.id IN ({','.join('?' * len(ids))})")
        params += ids
    if warc_files is not None:
        names = [Path(str(w)).name.removesuffix(".open") for w in warc_files]
        where.append(f"c.warc_file IN ({','.join('?' * len(names))})")
        params += names
    sql = (f"SELECT c.* FROM captures c LEFT JOIN extractions e ON e.capture_id = c.id "
           f"WHERE {' AND '.join(where)} ORDER BY c.id")
    return [Capture(**dict(row)) for row in catalog.conn.execute(sql, params)]


def warc_path(settings: Settings, warc_file: str) -> Path:
    path = settings.warcs / warc_file
    if not path.exists() and (settings.warcs / (warc_file + ".open")).exists():
        return settings.warcs / (warc_file + ".open")  # still being written
    return path


class Writer:
    """Writes clean files and catalog rows for results, and runs site learning."""

    def __init__(self, settings: Settings, catalog: Catalog, summary: ExtractSummary, reporter: Any = None):
        self.settings = settings
        self.clean = Path(settings.clean)
        self.catalog = catalog
        self.conn: sqlite3.Connection = catalog.conn
        self.summary = summary
        self.reporter = reporter
        self.learned: dict[str, frozenset[str]] = {}
        self.touched_hosts: set[str] = set()
        self.trafilatura_version = trafilatura_version()
        self.root: Path | None = None  # the clean folder, resolved once
        self.folders: set[Path] = set()  # folders known to exist: no mkdir per file
        self._keys: dict[str, tuple[frozenset[str], str]] = {}

    def log(self, event: str, message: str, **fields: Any) -> None:
        if self.reporter is not None:
            self.reporter.log(event, message, **fields)

    # -- results --------------------------------------------------------------

    def learned_for(self, host: str) -> frozenset[str]:
        if host not in self.learned:
            self.learned[host] = learned_digests(self.conn, host)
        return self.learned[host]

    def store_safely(self, cap: Capture, result: PageResult) -> None:
        """``store``, turning a failure to write this page's files into a recorded error."""
        try:
            self.store(cap, result)
        except (OSError, ValueError) as exc:  # a catalog error is not caught: it stops the run
            self.store(cap, PageResult(cap.id, "error", f"cannot write clean files: {exc}"[:500]))

    def store(self, cap: Capture, result: PageResult) -> None:
        url = cap.final_url or cap.url
        if result.status != "ok":
            self._record_error(cap, result.error or "unknown error")
            if result.status == "skipped":
                self.summary.skipped += 1
            else:
                self.summary.failed += 1
                self.summary.failures.append((cap.url, result.error or "unknown error"))
                self.log("extract-failed", f"extract failed {cap.url}: {result.error}", url=cap.url,
                         error=result.error)
            return
        host = site_of(url)
        self.touched_hosts.add(host)
        # committed with the page's extraction row (or error row), one commit per page
        self.conn.execute("DELETE FROM site_paragraphs WHERE host = ? AND url = ?", (host, cap.url))
        self.conn.executemany("INSERT OR IGNORE INTO site_paragraphs (host, digest, url) VALUES (?, ?, ?)",
                              [(host, d, cap.url) for d in set(result.digests)])
        extraction = result.extraction
        learned = self.learned_for(host)
        staged = result.staged
        if staged is not None:
            if staged.learned_key == self._learned_key(host, learned) and self.place(cap, staged):
                self.summary.extracted += 1
                self.summary.empty += staged.empty
                return
            discard(staged)
        if learned:
            from archiver.extraction import apply_site_learning

            extraction = apply_site_learning(extraction, learned)
        self.write(cap, extraction, extra={"charset": result.charset})
        self.summary.extracted += 1
        if not (extraction.text or "").strip():
            self.summary.empty += 1

    def _learned_key(self, host: str, learned: frozenset[str]) -> str:
        """``learned_key`` of the host's learned digests, made once per set."""
        cached = self._keys.get(host)
        if cached is None or cached[0] is not learned:
            cached = self._keys[host] = (learned, learned_key(learned))
        return cached[1]

    def place(self, cap: Capture, staged: Staged) -> bool:
        """Move a page's staged files into place (what ``write`` would have written); False if that failed.

        The worker checked the targets against the clean folder and made their folders.
        """
        version_text, version_json, main_text, main_json = staged.files
        text_target, json_target, main_text_target, main_json_target = staged.targets
        try:
            if os.path.exists(text_target):
                if version_text:
                    os.unlink(version_text)
            elif version_text:
                move(version_text, text_target)
            else:
                return False  # it went away since the worker looked: ``write`` writes it
            move(version_json, json_target)
        except OSError:
            return False
        self.record(cap, staged.text_rel, staged.json_rel, staged.digest, staged.title)
        try:
            if self.newest_extracted(cap.url) == cap.id:
                move(main_text, main_text_target)
                move(main_json, main_json_target)
            else:
                os.unlink(main_text)
                os.unlink(main_json)
        except OSError:
            return False  # ``write`` does it all again, the catalog row included
        return True

    def inside(self, relative: str) -> Path:
        if self.root is None:
            self.root = self.clean.resolve()
        return output.inside_resolved(self.root, relative)

    def folder(self, path: Path) -> None:
        if path not in self.folders:
            path.mkdir(parents=True, exist_ok=True)
            self.folders.add(path)

    def write_file(self, path: Path, content: str) -> None:
        self.folder(path.parent)
        try:
            output.write_atomic(path, content, make_parent=False)
        except FileNotFoundError:  # its folder went away during the run
            self.folders.discard(path.parent)
            output.write_atomic(path, content)

    def store_revisit(self, cap: Capture, source_row: sqlite3.Row) -> None:
        """Reuse the text and metadata of the extracted capture a revisit refers to."""
        sidecar = read_sidecar(self.clean, source_row["json_path"])
        extraction = extraction_from_files(self.clean, source_row["text_path"], sidecar)
        self.write(cap, extraction, extra={"refers_to": cap.refers_to})
        self.summary.revisits += 1

    def _record_error(self, cap: Capture, error: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (capture_id, url, host, extracted_at, text_path, json_path, "
                "title, text_digest, error) VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?)",
                (cap.id, cap.url, site_of(cap.final_url or cap.url), now_iso(), error))

    def write(self, cap: Capture, extraction: Any, extra: dict[str, Any] | None = None) -> str:
        """Write the capture's version files, the URL's main files if it is the newest; update the row."""
        paths = output.paths_for(cap.url)
        content = output.render_text(extraction.title or "", extraction.text or "")
        digest = output.text_digest(content)
        text_rel = paths.version_text(digest)
        json_rel = paths.version_sidecar(cap.id)
        text_file = self.inside(text_rel)
        if not text_file.exists():
            self.write_file(text_file, content)
        sidecar = output.dumps_json(self.sidecar(cap, extraction, digest, text_rel, extra))
        self.write_file(self.inside(json_rel), sidecar)
        self.record(cap, text_rel, json_rel, digest, extraction.title or "")
        if self.newest_extracted(cap.url) == cap.id:
            self.write_file(self.inside(paths.text), content)
            self.write_file(self.inside(paths.sidecar), sidecar)
        return digest

    def record(self, cap: Capture, text_rel: str, json_rel: str, digest: str, title: str) -> None:
        """The capture's extraction row, pointing at its version files."""
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (capture_id, url, host, extracted_at, text_path, json_path, "
                "title, text_digest, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (cap.id, cap.url, site_of(cap.final_url or cap.url), now_iso(), text_rel, json_rel,
                 title, digest))

    def newest_extracted(self, url: str) -> int | None:
        row = self.conn.execute(
            "SELECT c.id FROM captures c JOIN extractions e ON e.capture_id = c.id "
            "WHERE c.url = ? AND e.error IS NULL ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1", (url,)).fetchone()
        return row[0] if row else None

    def sidecar(self, cap: Capture, extraction: Any, digest: str, text_rel: str,
                extra: dict[str, Any] | None) -> dict[str, Any]:
        return sidecar_data(capture_fields(cap), extraction, digest, text_rel, extra, self.trafilatura_version)

    # -- site learning --------------------------------------------------------

    def relearn(self) -> None:
        """Apply each touched host's learned boilerplate to every page of it that still holds some."""
        from archiver.extraction import apply_site_learning

        for host in sorted(self.touched_hosts):
            learned = learned_digests(self.conn, host)
            self.learned[host] = learned
            if not learned:
                continue
            urls = affected_urls(self.conn, host, learned)
            rows = []
            for url in urls:
                rows += self.conn.execute(
                    "SELECT e.*, c.fetched_at FROM extractions e JOIN captures c ON c.id = e.capture_id "
                    "WHERE c.url = ? AND e.error IS NULL ORDER BY c.id", (url,)).fetchall()
            for row in rows:
                try:
                    sidecar = read_sidecar(self.clean, row["json_path"])
                    before = extraction_from_files(self.clean, row["text_path"], sidecar)
                except (OSError, ValueError) as exc:
                    self.log("relearn-skipped", f"site learning: cannot reread {row['url']}: {exc}")
                    continue
                after = apply_site_learning(before, learned)
                if (after.text or "") == (before.text or ""):
                    continue
                cap = self.catalog.capture(row["capture_id"])
                if cap is None:
                    continue
                extra = {k: sidecar[k] for k in ("charset", "refers_to") if k in sidecar}
                self.write(cap, after, extra=extra)
                self.summary.relearned += 1


def learned_digests(conn: sqlite3.Connection, host: str, min_urls: int = SITE_MIN_URLS) -> frozenset[str]:
    rows = conn.execute("SELECT digest FROM site_paragraphs WHERE host = ? GROUP BY digest "
                        "HAVING COUNT(DISTINCT url) >= ?", (host, min_urls))
    return frozenset(r[0] for r in rows)


def affected_urls(conn: sqlite3.Connection, host: str, learned: frozenset[str]) -> list[str]:
    wanted = set(learned)
    urls: set[str] = set()
    for digest, url in conn.execute("SELECT digest, url FROM site_paragraphs WHERE host = ?", (host,)):
        if digest in wanted:
            urls.add(url)
    return sorted(urls)


def read_sidecar(clean: Path, json_rel: str) -> dict[str, Any]:
    import json

    return json.loads(output.inside(clean, json_rel).read_text(encoding="utf-8"))


def extraction_from_files(clean: Path, text_rel: str, sidecar: dict[str, Any]) -> Any:
    """Rebuild an Extraction from a written version (for revisits and site learning)."""
    from archiver.extraction import Extraction, Removed

    title, body = output.parse_text(output.inside(clean, text_rel).read_text(encoding="utf-8"))
    url = sidecar.get("final_url") or sidecar.get("url")
    return Extraction(
        title=sidecar.get("title", title),
        paragraphs=tuple(p for p in body.split("\n\n") if p.strip()),
        removed=tuple(Removed(rule=r["rule"], stage=r["stage"], text=r["text"]) for r in sidecar.get("removed", [])),
        url=url, host=site_of(url) if url else None,
        author=sidecar.get("author"), date=sidecar.get("date"), site_name=sidecar.get("site_name"),
        language=sidecar.get("language"), encoding=sidecar.get("charset"))


# -- the pool -------------------------------------------------------------------

def run_jobs(jobs: list[Job], workers: int, timeout: float) -> Iterator[tuple[Job, PageResult]]:
    """Run ``extract_record`` over ``jobs`` in killable worker processes; yield as they finish.

    At most a few jobs per worker are queued at a time, so memory stays flat on
    a large archive and Ctrl-C stops quickly.
    """
    if not jobs:
        return
    from pebble import ProcessPool

    import archiver.extraction  # noqa: F401  (imported once here; forked workers inherit it)

    workers = max(1, min(workers, len(jobs)))
    window = workers * 4
    todo = iter(jobs)
    finished: queue.SimpleQueue = queue.SimpleQueue()  # futures, as pebble completes them
    pool = ProcessPool(max_workers=workers, max_tasks=WORKER_MAX_TASKS,
                       context=multiprocessing.get_context("fork"), initializer=_worker_signals)
    try:
        running: dict[Any, Job] = {}
        while True:
            for job in todo:
                future = pool.schedule(extract_record, args=(job,), timeout=timeout if timeout > 0 else None)
                running[future] = job
                future.add_done_callback(finished.put)  # cheaper than wait() over every running future
                if len(running) >= window:
                    break
            if not running:
                break
            future = finished.get()
            job = running.pop(future)
            yield job, _outcome(job, future, timeout)
    finally:
        pool.stop()
        pool.join(timeout=30)


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the driver (which stops the pool) and die plainly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops an extraction like Ctrl-C: workers stopped, results so far kept, exit 130."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _outcome(job: Job, future: Any, timeout: float) -> PageResult:
    from pebble import ProcessExpired

    too_slow = PageResult(job.capture_id, "error", f"timeout: extraction took over {timeout:g} s")
    try:
        result = future.result()
    except FutureTimeout:
        return too_slow
    except ProcessExpired as exc:
        return PageResult(job.capture_id, "error", f"worker died (exit code {exc.exitcode})")
    except Exception as exc:
        return PageResult(job.capture_id, "error", f"{type(exc).__name__}: {exc}"[:500])
    if timeout > 0 and result.seconds > timeout:
        return too_slow  # finished between two of the pool's timeout checks: same verdict
    return result


def job_runner(settings: Settings):
    """``run_jobs``, or its Ray twin when ``--ray`` names a cluster."""
    if settings.ray:
        from archiver.cluster import run_jobs_on_ray

        return run_jobs_on_ray(settings.ray)
    return run_jobs


def extract_pending(settings: Settings, capture_ids: Iterable[int] | None = None, all_: bool = False,
                    warc_files: Iterable[str] | None = None, reporter: Any = None) -> ExtractSummary:
    """Extract every pending capture (see module doc); return the counts and failures."""
    summary = ExtractSummary()
    if not Path(settings.db).exists():
        return summary
    with sigterm_as_interrupt(), Catalog(settings.db) as catalog:
        captures = select_captures(catalog, capture_ids, all_, warc_files)
        writer = Writer(settings, catalog, summary, reporter)
        by_id = {c.id: c for c in captures}
        responses = [c for c in captures if c.record_type != "revisit"]
        revisits = [c for c in captures if c.record_type == "revisit"]
        if reporter is not None:
            reporter.start(len(captures), "extract")
        # 1. responses, in parallel
        to_extract = []
        for cap in responses:
            mime = mime_type(cap.content_type)
            if mime and mime not in HTML_TYPES and mime not in SNIFF_TYPES:
                writer.store(cap, PageResult(cap.id, "skipped", f"{NOT_HTML}: {mime}"))
                _advance(reporter)
                continue
            to_extract.append(cap)
        runner = job_runner(settings)
        # workers write each page's files ahead when they share the clean folder (not on Ray)
        staging = staging_folder(Path(settings.clean)) if (to_extract or revisits) and not settings.ray \
            else nullcontext(None)
        with staging as folder:
            stage_for = _stager(folder, writer, catalog.conn)
            jobs = [Job(cap.id, cap.final_url or cap.url, str(warc_path(settings, cap.warc_file)),
                        int(cap.warc_offset), cap.content_type, stage_for(cap)) for cap in to_extract]
            for job, result in runner(jobs, settings.jobs, settings.extract_timeout):
                writer.store_safely(by_id[job.capture_id], result)
                _advance(reporter)
            # 2. revisits: reuse the referred capture's text
            pending: list[tuple[Capture, Job]] = []
            for cap in revisits:
                source = catalog.capture(cap.refers_to) if cap.refers_to else None
                row = catalog.conn.execute("SELECT * FROM extractions WHERE capture_id = ?",
                                           (cap.refers_to,)).fetchone() if source else None
                if row is not None and row["error"] is None:
                    try:
                        writer.store_revisit(cap, row)
                        _advance(reporter)
                        continue
                    except (OSError, ValueError):
                        pass  # its files are gone: extract the referred record again
                if source is None or source.warc_file is None:
                    writer.store(cap, PageResult(cap.id, "error", "revisit of an unknown capture"))
                    _advance(reporter)
                    continue
                if row is not None and row["error"] is not None and row["error"].startswith(SKIP_REASONS):
                    writer.store(cap, PageResult(cap.id, "skipped", row["error"]))  # not HTML then, not HTML now
                    _advance(reporter)
                    continue
                pending.append((cap, Job(cap.id, source.final_url or source.url,
                                         str(warc_path(settings, source.warc_file)), int(source.warc_offset),
                                         source.content_type, stage_for(cap))))
            for job, result in runner([j for _, j in pending], settings.jobs, settings.extract_timeout):
                writer.store_safely(by_id[job.capture_id], result)
                _advance(reporter)
        if reporter is not None:
            reporter.finish()
        # 3. site learning over everything touched
        writer.relearn()
    if reporter is not None:
        for url, reason in summary.failures:
            reporter.log("extract-failure", f"  failed: {url}: {reason}", url=url, error=reason)
        reporter.log("extract-summary", summary.line(), **summary.counts())
    return summary


def _stager(folder: str | None, writer: Writer, conn: sqlite3.Connection):
    """``cap -> Stage`` for the jobs of a run with a staging folder (else ``cap -> None``).

    A stage carries the host's site-learned digests as known now (the writer's, once it
    has them); the writer uses the staged files only if it applies the same ones.
    """
    learned: dict[str, frozenset[str]] = {}

    def stage_for(cap: Capture) -> Stage | None:
        if folder is None:
            return None
        host = site_of(cap.final_url or cap.url)
        known = writer.learned.get(host)
        if known is None:
            known = learned.get(host)
            if known is None:
                known = learned[host] = learned_digests(conn, host)
        return Stage(folder, str(writer.inside(".")), cap.url, capture_fields(cap), known)

    return stage_for


def known_warc_files(settings: Settings) -> set[str]:
    """WARC file names the catalog has captures in."""
    with Catalog(settings.db, readonly=True) as catalog:
        return {r[0] for r in catalog.conn.execute("SELECT DISTINCT warc_file FROM captures WHERE warc_file IS NOT NULL")}


def _advance(reporter: Any) -> None:
    if reporter is not None:
        reporter.advance()
