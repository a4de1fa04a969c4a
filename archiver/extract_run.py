"""``archiver extract``: WARC records in the catalog -> clean text files, in parallel (the driver).

The pieces, one job each:

* :mod:`archiver.records` picks the captures to extract and turns them into jobs;
* :mod:`archiver.extract_worker` does one page's work (a picklable job in, a result out);
* a backend runs the jobs: :func:`archiver.extract_pool.run_jobs` (local process pool) or
  :func:`archiver.cluster.run_jobs_on_ray`, chosen by the command module and passed in;
* :mod:`archiver.extract_writer` writes clean files and catalog rows, in this process alone.

Order of work in one call of :func:`extract_pending`:

1. response captures go to the backend; each result is written as it comes
   (with the site-learned boilerplate known at the start applied);
2. revisits reuse the text of the capture they refer to (copied when that
   capture is extracted, else extracted from its record);
3. site learning: paragraphs recurring on >= 3 URLs of a host are boilerplate;
   every page of the host whose text holds one is rewritten, including pages
   from earlier runs.

File layout and versions: see :mod:`archiver.output`.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiver.catalog import Capture, Catalog
from archiver.config import Settings
from archiver.extract_pool import Runner, run_jobs, sigterm_as_interrupt
from archiver.extract_worker import NOT_HTML, SKIP_REASONS, Job, PageResult, may_hold_html, mime_type
from archiver.extract_writer import ExtractSummary, Writer, learned_digests, site_of
from archiver.records import job_for, select_captures, warc_path
from archiver.staging import Stage, capture_fields, staging_folder

if TYPE_CHECKING:
    from archiver.report import Reporter


@contextmanager
def _interrupt_told(summary: ExtractSummary, reporter: Reporter | None) -> Iterator[list[Any]]:
    """Yields a list the caller appends the number of captures it set out to extract to, then its
    :class:`Writer` (whose :meth:`Writer.settled_now` counts a page committed as the signal came); a Ctrl-C or SIGTERM
    through it is told with how far the extraction got before it goes on up (an interrupted extraction ended
    with the bare ``archiver: interrupted``: an operator could not tell whether the pages were lost)."""
    todo: list[int] = []
    try:
        yield todo
    except BaseException as exc:
        from archiver.interrupt import is_interrupt

        if is_interrupt(exc) and todo:
            writer = todo[1] if len(todo) > 1 else None
            done = writer.settled_now() if isinstance(writer, Writer) else summary.settled
            how = f"after {done} of {todo[0]} captures (those are kept)" if done else \
                f"before the first of {todo[0]} captures"
            line = f"extract: interrupted {how}; the next run, or 'archiver extract', extracts the rest"
            if reporter is not None:
                reporter.log("extract-interrupted", line, done=done, total=todo[0])
            else:
                print(line, flush=True)
        raise


def extract_pending(settings: Settings, capture_ids: Iterable[int] | None = None, all_: bool = False,
                    warc_files: Iterable[str] | None = None, reporter: Reporter | None = None,
                    runner: Runner | None = None) -> ExtractSummary:
    """Extract every pending capture (see module doc); return the counts and failures.

    ``runner`` is the backend (default: the local process pool, ``settings.jobs``
    workers). Raises ValueError when ``settings.ray`` names a cluster but no
    runner is given: the caller chooses the Ray backend (see
    :func:`archiver.commands.extract.job_runner`).
    """
    summary = ExtractSummary()
    if not Path(settings.db).exists():
        return summary
    if runner is None:
        if settings.ray:
            raise ValueError("settings.ray names a Ray cluster: pass runner=archiver.cluster.run_jobs_on_ray(...)")
        runner = run_jobs
    with _interrupt_told(summary, reporter) as todo, sigterm_as_interrupt(), Catalog(settings.db) as catalog:
        captures = select_captures(catalog, capture_ids, all_, warc_files)
        todo.append(len(captures))
        writer = Writer(settings, catalog, summary, reporter)
        todo.append(writer)
        by_id = {c.id: c for c in captures}
        responses = [c for c in captures if c.record_type != "revisit"]
        revisits = [c for c in captures if c.record_type == "revisit"]
        if reporter is not None:
            reporter.start(len(captures), "extract")
        # 1. responses, in parallel
        to_extract = []
        for cap in responses:
            mime = mime_type(cap.content_type)
            if not may_hold_html(mime):
                writer.store(cap, PageResult(cap.id, "skipped", f"{NOT_HTML}: {mime}"))
                _advance(reporter)
                continue
            if _gone(settings, cap, summary):
                _advance(reporter)
                continue
            to_extract.append(cap)
        # workers write each page's files ahead when they share the clean folder (not on Ray)
        staging: AbstractContextManager[str | None] = (
            staging_folder(Path(settings.clean)) if (to_extract or revisits) and not settings.ray
            else nullcontext(None))
        with staging as folder:
            stage_for = _stager(folder, writer, catalog.conn)
            jobs = [job_for(settings, cap, cap, stage_for(cap)) for cap in to_extract]
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
                if _gone(settings, source, summary):
                    _advance(reporter)
                    continue
                pending.append((cap, job_for(settings, cap, source, stage_for(cap))))
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
        if summary.skip_reasons:  # what was not extracted, and why: a PDF, a feed, an empty page
            reporter.log("extract-skipped", summary.skipped_line(), reasons=summary.skip_reasons)
        for line in summary.empty_lines():
            reporter.log("extract-empty", line)
        for line in summary.missing_lines():
            reporter.log("extract-missing", line)
        reporter.log("extract-summary", summary.line(), **summary.counts())
    return summary


def _gone(settings: Settings, record: Capture, summary: ExtractSummary) -> bool:
    """Whether the WARC file holding ``record`` is gone (deleted or moved since the catalog named it); counted in
    ``summary.missing``. Such a capture is not extracted and keeps its rows: before 2026-12-05 each became an
    extraction error (``FileNotFoundError: [Errno 2] ...``) replacing the text it had, which left search."""
    if record.warc_file is None:
        return False
    path = warc_path(settings, record.warc_file)
    if path.exists():
        return False
    summary.missing[record.warc_file] = summary.missing.get(record.warc_file, 0) + 1
    return True


def _stager(folder: str | None, writer: Writer, conn: sqlite3.Connection) -> Callable[[Capture], Stage | None]:
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


def _advance(reporter: Reporter | None) -> None:
    if reporter is not None:
        reporter.advance()
