"""Run fetch and extract on a Ray cluster (``--ray ADDRESS``); Ray is imported only here.

What is shared and what is not:

* the WARC folder is shared (same path on every node, e.g. NFS): each Ray task
  writes its own WARC files named after its worker (``ray-HOST-PID``);
* the SQLite catalog is written by the driver alone: tasks return their catalog
  rows (fetch outcomes and robots.txt records, or extraction results) and the
  driver records them with the same code a local run uses;
* the code ships with the job (Ray ``py_modules``), so nodes need only Ray and
  archiver's dependencies.

Fetching is partitioned by host: the driver hands a host's seeds to one task at
a time (at most ``HOST_CHUNK`` of them), so per-host politeness holds across the
cluster. A task killed with its worker is retried by Ray; its half-written WARC
records stay behind as harmless orphans (no catalog row points at them, and
the driver closes the ``.open`` file when the run ends), and only the finished
attempt's rows reach the catalog, so every URL is recorded once.
"""
from __future__ import annotations

import dataclasses
import math
import os
import signal
import socket
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.config import Settings
from archiver.extract_pool import Runner
from archiver.extract_worker import Job, PageResult, extract_record
from archiver.lists import Seed
from archiver.numbers import ascii_int
from archiver.wording import count

HOST_CHUNK = 100  # seeds of one host per task: bounds the work a killed task loses
TASK_URLS = 500  # seeds per task at most (one task writes one WARC file series)
TASK_RETRIES = 3  # Ray retries of a task whose worker died
EXTRACT_BATCH = 25  # records per extraction task at most
WAIT_SECONDS = 1.0  # how often the driver looks up from ray.wait (signals, progress)


# -- connecting -------------------------------------------------------------------

def connect(address: str) -> Any:
    """Import Ray and join the cluster at ``address`` once per process; return the ``ray`` module."""
    from archiver.cli import UsageError

    try:
        import ray
    except ImportError:
        raise UsageError("--ray needs Ray installed: pip install 'archiver[ray]'") from None
    if not ray.is_initialized():
        import logging

        import archiver

        _probe(address)

        try:
            ray.init(address=address, namespace="archiver", logging_level=logging.WARNING,
                     log_to_driver=False, configure_logging=True,
                     runtime_env={"py_modules": [str(Path(archiver.__file__).resolve().parent)]})
        except (ConnectionError, RuntimeError, ValueError) as exc:
            if address == "auto" and "running Ray instance" in str(exc):  # Ray's own advice names its flags
                raise UsageError("--ray / ARCHIVER_RAY: auto: no Ray cluster runs on this machine: start one "
                                 "('ray start --head') or give the head's HOST:PORT") from None
            raise UsageError(f"--ray / ARCHIVER_RAY: cannot join the Ray cluster at {address}: {exc}") from None
    return ray


def _probe(address: str, timeout: float = 10.0) -> None:
    """Fail fast on a HOST:PORT nobody listens at (ray.init would retry for minutes)."""
    from archiver.cli import UsageError

    host, sep, port = address.rpartition(":")
    number = ascii_int(port)  # not str.isdigit: '²' is a digit int() refuses
    if not sep or "://" in address or number is None:
        return  # "auto", "ray://...": let Ray resolve it
    try:
        socket.create_connection((host.strip("[]"), number), timeout=timeout).close()
    except OSError as exc:
        raise UsageError(f"--ray / ARCHIVER_RAY: no Ray cluster answers at {address}: {exc.strerror or exc}") from None


def cluster_cpus(ray: Any) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def for_workers(settings: Settings) -> Settings:
    """Settings with absolute paths: a worker's working directory is not the driver's."""
    ca_bundle = settings.ca_bundle.absolute() if settings.ca_bundle is not None else None
    return dataclasses.replace(settings, warcs=settings.warcs.absolute(), db=settings.db.absolute(),
                               clean=settings.clean.absolute(), ca_bundle=ca_bundle)


def worker_name() -> str:
    """Names this worker's WARC files: a retried task runs in a new process, so a new name."""
    return f"ray-{socket.gethostname()}-{os.getpid()}"


class _Stop:
    """SIGINT/SIGTERM set a flag the driver loop checks between ``ray.wait`` calls."""

    def __init__(self) -> None:
        self.set = False
        self.saved: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.saved[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.set = True

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)


# -- fetching: which seeds go to which task ------------------------------------------

@dataclass
class Batch:
    """One fetch task's work: a few whole hosts (or one host's next chunk)."""

    hosts: list[str]
    seeds: list[Seed]


@dataclass
class HostPlanner:
    """Hands out batches so that a host is owned by at most one task at a time (pure logic).

    A batch aims at an even share of the unassigned seeds among the free task
    slots, capped at ``task_urls``; a host gives at most ``host_chunk`` seeds to one batch, and its
    next seeds wait until that batch is released.
    """

    slots: int
    host_chunk: int = HOST_CHUNK
    task_urls: int = TASK_URLS
    queues: dict[str, deque[Seed]] = field(default_factory=dict)
    free: deque[str] = field(default_factory=deque)
    unassigned: int = 0

    @classmethod
    def of(cls, seeds: list[Seed], slots: int, host_chunk: int = HOST_CHUNK,
           task_urls: int = TASK_URLS) -> HostPlanner:
        from archiver.fetch.capture import host_key

        planner = cls(max(1, slots), host_chunk=host_chunk, task_urls=task_urls)
        for seed in seeds:
            host = host_key(seed.url)
            if host not in planner.queues:
                planner.queues[host] = deque()
                planner.free.append(host)
            planner.queues[host].append(seed)
        planner.unassigned = len(seeds)
        return planner

    def next_batch(self, free_slots: int | None = None) -> Batch | None:
        """The next batch from free hosts, or None if every host with seeds is owned (or none left)."""
        if not self.free:
            return None
        share = max(1, free_slots or self.slots)
        target = min(self.task_urls, max(1, math.ceil(self.unassigned / share)))
        batch = Batch([], [])
        while self.free and len(batch.seeds) < target:
            host = self.free.popleft()
            queue = self.queues[host]
            take = min(self.host_chunk, len(queue))
            batch.hosts.append(host)
            batch.seeds += [queue.popleft() for _ in range(take)]
        self.unassigned -= len(batch.seeds)
        return batch

    def release(self, batch: Batch) -> None:
        """The batch's task ended: its hosts may go to the next task."""
        for host in batch.hosts:
            if self.queues[host]:
                self.free.append(host)

    @property
    def done(self) -> bool:
        return self.unassigned == 0


def fetch_batch(settings: Settings, seeds: list[Seed], list_file: str | None,
                previous: dict[str, Any], repeats: dict[str, str] | None = None) -> dict[str, Any]:
    """The Ray task: fetch ``seeds`` in this worker's own event loop; return the catalog rows."""
    import asyncio

    from archiver.diskfull import DiskFull
    from archiver.fetch.runner import fetch_seeds

    worker = worker_name()
    outcomes: list[Any] = []
    robots: list[dict[str, Any]] = []
    stopped: dict[str, Any] | None = None
    try:
        asyncio.run(fetch_seeds(settings, seeds, list_file, outcomes.append, robots.append, previous,
                                None, worker, repeats=repeats))
    except DiskFull as exc:  # a full disk, or the WARC file or catalog gone: the whole run stops, as locally
        # told back as data: the exception does not survive Ray's pickling (its __init__ takes other arguments)
        stopped = {"message": str(exc), "path": exc.path, "lost": getattr(exc, "lost", None)}
    return {"worker": worker, "outcomes": outcomes, "robots": robots, "stopped": stopped}


def fetch_list_on_ray(settings: Settings, list_path: str | Path, reporter: Any, again: Any = None):
    """``fetch_list`` with the fetching done by Ray tasks; same catalog, log lines and summary."""
    from archiver.fetch.capture import Outcome
    from archiver.fetch.recorders import outcome_recorder
    from archiver.fetch.runner import begin_fetch, end_fetch, repeat_digests, report_recovered
    from archiver.lists import stored_name

    address = settings.ray
    if not address:
        raise ValueError("fetch_list_on_ray needs settings.ray, the cluster's address")
    summary, catalog, todo, previous = begin_fetch(settings, list_path, reporter, again)
    list_file = stored_name(list_path)
    try:
        repeats = repeat_digests(catalog, todo)
        ray = connect(address)
        task = ray.remote(fetch_batch).options(max_retries=TASK_RETRIES, retry_exceptions=False,
                                              name="fetch_batch")
        slots = cluster_cpus(ray)
        planner = HostPlanner.of(todo, slots)
        reporter.log("ray", f"ray: {count(len(todo), 'URL')} on {count(len(planner.queues), 'host')}, "
                            f"{count(slots, 'task slot')}",
                     urls=len(todo), hosts=len(planner.queues), slots=slots)
        record = outcome_recorder(catalog, summary, reporter)
        recorded: set[str] = set()
        settings_ref = ray.put(for_workers(settings))
        inflight: dict[Any, Batch] = {}
        reporter.start(len(todo), "fetch")
        with _Stop() as stop:
            while (not planner.done or inflight) and not stop.set:
                while len(inflight) < slots and (batch := planner.next_batch(slots - len(inflight))):
                    prev = {s.url: previous[s.url] for s in batch.seeds if s.url in previous}
                    rep = {s.url: repeats[s.url] for s in batch.seeds if s.url in repeats}
                    inflight[task.remote(settings_ref, batch.seeds, list_file, prev, rep)] = batch
                if not inflight:
                    break
                ready, _ = ray.wait(list(inflight), num_returns=1, timeout=WAIT_SECONDS)
                for ref in ready:
                    batch = inflight.pop(ref)
                    try:
                        result = ray.get(ref)
                    except Exception as exc:  # the task failed for good (retries used up)
                        reason = f"cluster task failed: {_short_error(exc)}"
                        for seed in batch.seeds:
                            if seed.url not in recorded:
                                recorded.add(seed.url)
                                record(Outcome(seed=seed, list_file=list_file, reason=reason))
                    else:
                        for row in result["robots"]:
                            catalog.add_record(row)
                        for outcome in result["outcomes"]:
                            if outcome.seed.url not in recorded:  # never twice, whatever Ray replays
                                recorded.add(outcome.seed.url)
                                record(outcome)
                        if result.get("stopped") and not summary.disk_full:
                            _stop_for_disk(catalog, summary, reporter, result["stopped"])
                    planner.release(batch)
                if summary.disk_full:  # its batch's unfetched seeds, and every other batch's, wait for the next run
                    _cancel(ray, inflight)
                    break
            if stop.set:
                summary.interrupted = True
                _cancel(ray, inflight)
        reporter.finish()
    finally:
        catalog.close()
    report_recovered(settings, reporter)  # .open files of workers killed during this run
    end_fetch(summary, reporter)
    return summary


def _stop_for_disk(catalog: Any, summary: Any, reporter: Any, stopped: dict[str, Any]) -> None:
    """A worker stopped on a full disk or a WARC file or catalog gone (``folder_watch``): stop the run as
    ``fetch_list`` does, the captures of a deleted WARC file marked failed so the next run fetches them."""
    from archiver.folder_watch import forget_file

    if stopped.get("lost"):
        lost = forget_file(catalog.conn, stopped["lost"])
        summary.captured, summary.failed = max(0, summary.captured - lost), summary.failed + lost
    summary.disk_full = stopped["message"]
    reporter.finish()
    reporter.log("disk-full", stopped["message"], path=stopped["path"])


def _cancel(ray: Any, inflight: dict[Any, Any], grace: float = 15.0) -> None:
    """Interrupt running tasks (KeyboardInterrupt in the worker closes its WARC file) and wait a little."""
    for ref in inflight:
        try:
            ray.cancel(ref)
        except Exception:
            pass
    if inflight:
        ray.wait(list(inflight), num_returns=len(inflight), timeout=grace)


def _short_error(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)
    if cause is not None:
        exc = cause
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}"[:300]


# -- extraction ---------------------------------------------------------------------

class _PageTimeout(BaseException):
    """Raised by SIGALRM inside a page's extraction; not an Exception, so no ``except Exception`` eats it."""


def extract_batch(jobs: list[Job], timeout: float) -> list[PageResult]:
    """The Ray task: ``extract_record`` on each job, each page stopped after ``timeout`` seconds."""
    import threading

    use_alarm = timeout > 0 and threading.current_thread() is threading.main_thread()
    results = []
    for job in jobs:
        if not use_alarm:
            results.append(extract_record(job))
            continue

        def expire(signum: int, frame: Any) -> None:
            raise _PageTimeout()

        old = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            results.append(extract_record(job))
        except _PageTimeout:
            results.append(PageResult(job.capture_id, "error", f"timeout: extraction took over {timeout:g} s"))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return results


def extract_batches(jobs: list[Job], slots: int, limit: int = EXTRACT_BATCH) -> list[list[Job]]:
    """Group jobs by WARC file (each task reads few files) into batches of about equal size."""
    if not jobs:
        return []
    size = max(1, min(limit, math.ceil(len(jobs) / (slots * 4))))
    ordered = sorted(jobs, key=lambda j: (j.warc_path, j.offset))
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def run_jobs_on_ray(address: str) -> Runner:
    """A drop-in for :func:`archiver.extract_pool.run_jobs` that runs the records as Ray tasks."""

    def run(jobs: list[Job], workers: int, timeout: float) -> Iterator[tuple[Job, PageResult]]:
        del workers  # the cluster's CPUs decide
        if not jobs:
            return
        ray = connect(address)
        remote = ray.remote(extract_batch)
        task = remote.options(max_retries=TASK_RETRIES, retry_exceptions=False, name="extract_batch")
        single = remote.options(max_retries=0, retry_exceptions=False, name="extract_batch")
        jobs = [dataclasses.replace(j, warc_path=str(Path(j.warc_path).absolute())) for j in jobs]
        inflight = {task.remote(batch, timeout): batch for batch in extract_batches(jobs, cluster_cpus(ray))}
        with _Stop() as stop:
            while inflight and not stop.set:
                ready, _ = ray.wait(list(inflight), num_returns=1, timeout=WAIT_SECONDS)
                for ref in ready:
                    batch = inflight.pop(ref)
                    try:
                        results = ray.get(ref)
                    except Exception as exc:
                        if len(batch) > 1:  # one page may be what kills the worker: isolate it
                            for job in batch:
                                inflight[single.remote([job], timeout)] = [job]
                            continue
                        results = [PageResult(batch[0].capture_id, "error",
                                              f"worker died: {_short_error(exc)}")]
                    yield from zip(batch, results, strict=True)
            if stop.set:
                _cancel(ray, inflight)
                raise KeyboardInterrupt

    return run


__all__ = ["HostPlanner", "connect", "extract_batches", "fetch_list_on_ray", "run_jobs_on_ray"]
