"""Extraction results -> clean files and catalog rows, in the driver alone (the catalog keeps a single writer).

:class:`Writer` stores each :class:`~archiver.extract_worker.PageResult`: the
capture's version files, its URL's main files when it is the URL's newest
capture, and its ``extractions`` row; a revisit reuses the text of the capture
it refers to; :meth:`Writer.relearn` applies site learning (paragraphs
recurring on >= ``SITE_MIN_URLS`` URLs of a host are boilerplate) to every page
of the hosts a run touched, including pages from earlier runs.

File layout and versions: see :mod:`archiver.output`.
"""
from __future__ import annotations

import errno
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from archiver import output, search
from archiver.catalog import Capture, Catalog
from archiver.config import Settings
from archiver.diskfull import NO_SPACE, CleanFull, file_size_limit
from archiver.extract_worker import PageResult
from archiver.staging import Staged, capture_fields, discard, learned_key, move, sidecar_data, trafilatura_version
from archiver.wording import count

if TYPE_CHECKING:
    from archiver.extraction import Extraction
    from archiver.report import Reporter

SITE_MIN_URLS = 3  # a paragraph on this many URLs of one host is that site's boilerplate


@dataclass
class ExtractSummary:
    extracted: int = 0
    empty: int = 0  # extracted, but no article text found
    revisits: int = 0
    skipped: int = 0  # not HTML, or an empty body
    plain_text: int = 0  # extracted from a text/plain body (paragraphs at blank lines), not from HTML
    failed: int = 0
    relearned: int = 0  # captures (versions) whose text site learning rewrote
    relearned_urls: set[str] = field(default_factory=set)  # the pages (URLs) those captures are of
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    skip_reasons: dict[str, int] = field(default_factory=dict)  # reason -> pages skipped for it
    empty_urls: list[str] = field(default_factory=list)  # the pages counted in ``empty``
    # WARC file -> captures not read because the file is gone (their earlier text and rows left as they were)
    missing: dict[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.missing else 0

    @property
    def settled(self) -> int:
        """Captures dealt with so far: extracted, revisits, skipped and failed."""
        return self.extracted + self.revisits + self.skipped + self.failed

    def missing_lines(self) -> list[str]:
        """One line per WARC file gone from under the catalog, with the remedy."""
        return [f"  not read: {name} is not where the catalog says (deleted or moved?): "
                f"{count(n, 'capture')} left as {'it was' if n == 1 else 'they were'} (earlier text kept); put the "
                "file back, or run 'archiver reindex' to make the catalog match the WARC folder"
                for name, n in sorted(self.missing.items())]

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int)}

    def skipped_line(self, most: int = 8) -> str:
        """What the skipped pages were, most frequent first: ``skipped: 3 not HTML: application/pdf; 1 empty body``."""
        ranked = sorted(self.skip_reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        text = "; ".join(f"{n} {reason}" for reason, n in ranked[:most])
        rest = sum(n for _, n in ranked[most:])
        if rest:
            text += f"; {count(rest, 'more page')} ({count(len(ranked) - most, 'other reason')})"
        return f"  skipped: {text}"

    def empty_lines(self, most: int = 8) -> list[str]:
        """The pages extracted without article text (a paywall, a consent wall, a page of links), by URL."""
        lines = [f"  without article text: {url}" for url in self.empty_urls[:most]]
        if len(self.empty_urls) > most:
            lines.append(f"  without article text: {count(len(self.empty_urls) - most, 'more page')}")
        if lines:
            lines.append("  (a paywall, a consent wall or a page of links? 'archiver why URL WORDS' says where "
                         "a word of the page went)")
        return lines

    def line(self) -> str:
        plain = f", {self.plain_text} from text/plain: paragraphs at blank lines" if self.plain_text else ""
        return (f"extract: {self.extracted} extracted ({self.empty} without article text{plain}), "
                f"{count(self.revisits, 'revisit')} reused, {self.skipped} skipped (not HTML or empty), "
                f"{self.failed} failed"
                + (f", {count(sum(self.missing.values()), 'capture')} not read (WARC file gone)" if self.missing
                   else "") + "; "
                f"site learning rewrote {count(self.relearned, 'capture')} of "
                f"{count(len(self.relearned_urls), 'page')}")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def site_of(url: str) -> str:
    """The host site-level learning groups pages by: lower case, no port (as the engine's rules)."""
    from archiver.extraction import host_of

    return host_of(url) or ""


class Writer:
    """Writes clean files and catalog rows for results, and runs site learning."""

    def __init__(self, settings: Settings, catalog: Catalog, summary: ExtractSummary,
                 reporter: Reporter | None = None):
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
        self.started = now_iso()  # extraction rows at or after this time are this run's
        self.in_flight: tuple[int, int] | None = None  # (capture id, summary.settled before) while it is stored

    def log(self, event: str, message: str, **fields: Any) -> None:
        if self.reporter is not None:
            self.reporter.log(event, message, **fields)

    # -- results --------------------------------------------------------------

    def learned_for(self, host: str) -> frozenset[str]:
        if host not in self.learned:
            self.learned[host] = learned_digests(self.conn, host)
        return self.learned[host]

    def store_safely(self, cap: Capture, result: PageResult) -> None:
        """``store``, turning a failure to write this page's files into a recorded error. Raises CleanFull when
        the clean folder's disk is full (or the file-size limit met): every later page would fail the same way."""
        try:
            self.store(cap, result)
        except (OSError, ValueError) as exc:  # a catalog error is not caught: it stops the run
            if isinstance(exc, OSError) and exc.errno in NO_SPACE:
                limit = file_size_limit() if exc.errno == errno.EFBIG else None
                raise CleanFull(self.clean, exc.strerror or str(exc), limit) from exc
            self.store(cap, PageResult(cap.id, "error", f"cannot write clean files: {exc}"[:500]))

    def store(self, cap: Capture, result: PageResult) -> None:
        """Write ``result``'s files and row and count it; ``in_flight`` names the capture until it is counted."""
        self.in_flight = (cap.id, self.summary.settled)
        self._store(cap, result)
        self.in_flight = None

    def settled_now(self) -> int:
        """:attr:`ExtractSummary.settled`, plus the capture being stored when its row was committed and the count
        not yet raised (an interrupt between the two: the count told one short of what was kept, before
        2026-12-06)."""
        done = self.summary.settled
        if self.in_flight is not None and self.in_flight[1] == done:
            try:  # a connection of its own: the catalog's is closed by the time an interrupt is told
                with closing(sqlite3.connect(self.settings.db, timeout=5)) as conn:
                    done += conn.execute("SELECT 1 FROM extractions WHERE capture_id = ? AND extracted_at >= ?",
                                         (self.in_flight[0], self.started)).fetchone() is not None
            except sqlite3.Error:
                pass
        return done

    def _store(self, cap: Capture, result: PageResult) -> None:
        url = cap.final_url or cap.url
        if result.status != "ok":
            self._record_error(cap, result.error or "unknown error")
            if result.status == "skipped":
                self.summary.skipped += 1
                reason = result.error or "unknown"
                self.summary.skip_reasons[reason] = self.summary.skip_reasons.get(reason, 0) + 1
            else:
                self.summary.failed += 1
                self.summary.failures.append((cap.url, result.error or "unknown error"))
                self.log("extract-failed", f"extract failed {cap.url}: {result.error}", url=cap.url,
                         error=result.error)
            return
        extraction = result.extraction
        if extraction is None:  # never so from extract_record: an "ok" result carries its extraction
            raise ValueError(f"capture {cap.id}: an ok result without its extraction")
        if extraction.source != "html":
            self.summary.plain_text += 1
        host = site_of(url)
        self.touched_hosts.add(host)
        # committed with the page's extraction row (or error row), one commit per page; a URL that now
        # redirects to another page (an article taken down to the front page or another story) keeps the
        # paragraphs its own page had: the other page's are not the URL's, and taking the article's away
        # would unlearn a paragraph its siblings share (their next captures keep it: a false edit)
        if not (_redirected_away(cap) and self.conn.execute(
                "SELECT 1 FROM site_paragraphs WHERE host = ? AND url = ? LIMIT 1", (host, cap.url)).fetchone()):
            self.conn.execute("DELETE FROM site_paragraphs WHERE host = ? AND url = ?", (host, cap.url))
            self.conn.executemany("INSERT OR IGNORE INTO site_paragraphs (host, digest, url) VALUES (?, ?, ?)",
                                  [(host, d, cap.url) for d in set(result.digests)])
        learned = self.learned_for(host)
        staged = result.staged
        if staged is not None:
            if staged.learned_key == self._learned_key(host, learned) and self.place(cap, staged):
                self.summary.extracted += 1
                self.summary.empty += staged.empty
                if staged.empty:
                    self.summary.empty_urls.append(url)
                return
            discard(staged)
        if learned and extraction.source == "html":  # a text/plain story is read as its file has it
            from archiver.extraction import apply_site_learning

            extraction = apply_site_learning(extraction, learned)
        self.write(cap, extraction, extra={"charset": result.charset})
        self.summary.extracted += 1
        if not (extraction.text or "").strip():
            self.summary.empty += 1
            self.summary.empty_urls.append(url)

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
        self.in_flight = (cap.id, self.summary.settled)
        sidecar = read_sidecar(self.clean, source_row["json_path"])
        extraction = extraction_from_files(self.clean, source_row["text_path"], sidecar)
        # the revisit record has no body: say where the page it stands for is (diff reads it as evidence)
        payload = {"payload_warc_file": sidecar.get("payload_warc_file") or sidecar.get("warc_file"),
                   "payload_warc_offset": sidecar.get("payload_warc_offset", sidecar.get("warc_offset"))}
        self.write(cap, extraction, extra={"refers_to": cap.refers_to, **payload})
        self.summary.revisits += 1
        self.in_flight = None

    def _record_error(self, cap: Capture, error: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO extractions (capture_id, url, host, extracted_at, text_path, json_path, "
                "title, text_digest, error) VALUES (?, ?, ?, ?, NULL, NULL, NULL, NULL, ?)",
                (cap.id, cap.url, site_of(cap.final_url or cap.url), now_iso(), error))
            search.drop_capture(self.conn, cap.id)

    def write(self, cap: Capture, extraction: Extraction, extra: dict[str, Any] | None = None) -> str:
        """Write the capture's version files, the URL's main files if it is the newest; update the row."""
        paths = output.paths_for(cap.url)
        content = output.render_text(extraction.title_line, extraction.text or "")
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
            search.index_capture(self.conn, cap.id, search.text_url(cap.url, cap.final_url, cap.state), digest,
                                 lambda: self.inside(text_rel).read_text(encoding="utf-8"))

    def newest_extracted(self, url: str) -> int | None:
        row = self.conn.execute(
            "SELECT c.id FROM captures c JOIN extractions e ON e.capture_id = c.id "
            "WHERE c.url = ? AND e.error IS NULL ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1", (url,)).fetchone()
        return row[0] if row else None

    def sidecar(self, cap: Capture, extraction: Extraction, digest: str, text_rel: str,
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
                if before.source != "html":
                    continue
                after = apply_site_learning(before, learned)
                if (after.text or "") == (before.text or ""):
                    continue
                cap = self.catalog.capture(row["capture_id"])
                if cap is None:
                    continue
                extra: dict[str, Any] = {k: sidecar[k] for k in ("charset", "refers_to") if k in sidecar}
                self.write(cap, after, extra=extra)
                self.summary.relearned += 1
                self.summary.relearned_urls.add(cap.url)


def _redirected_away(cap: Capture) -> bool:
    """Whether the capture's page was reached by a redirect to another path (or host) than the URL's: a
    query or fragment alone, or a trailing slash, is the same page."""
    if not cap.final_url or cap.final_url == cap.url:
        return False
    a, b = urlsplit(cap.url), urlsplit(cap.final_url)
    return (a.hostname, a.path.rstrip("/")) != (b.hostname, b.path.rstrip("/"))


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
    sidecar: dict[str, Any] = json.loads(output.inside(clean, json_rel).read_text(encoding="utf-8"))
    return sidecar


def extraction_from_files(clean: Path, text_rel: str, sidecar: dict[str, Any]) -> Extraction:
    """Rebuild an Extraction from a written version (for revisits and site learning)."""
    from archiver.extraction import Extraction, Removed

    title, body = output.parse_text(output.inside(clean, text_rel).read_text(encoding="utf-8"))
    url = sidecar.get("final_url") or sidecar.get("url")
    return Extraction(
        title=sidecar.get("title", title), headline=sidecar.get("headline"),
        page_h1=sidecar.get("page_h1") if isinstance(sidecar.get("page_h1"), str) else None,
        captions=tuple(str(c) for c in sidecar["captions"]) if isinstance(sidecar.get("captions"), list) else None,
        paragraphs=tuple(p for p in body.split("\n\n") if p.strip()),
        removed=tuple(Removed.from_dict(r) for r in sidecar.get("removed", [])),
        url=url, host=site_of(url) if url else None,
        author=sidecar.get("author"), date=sidecar.get("date"), site_name=sidecar.get("site_name"),
        language=sidecar.get("language"), encoding=sidecar.get("charset"),
        account=int(sidecar.get("page_account") or 0), source=sidecar.get("extracted_as") or "html")

