"""The local extraction backend: :func:`run_jobs` runs ``extract_record`` in a process pool.

Workers live in a ``pebble`` process pool: a page that hangs the extractor past
``--extract-timeout`` gets its worker killed and replaced, and the page is
recorded as failed with the reason; any other exception or a dead worker is
recorded the same way. One bad page never stops the rest.

A backend is any :data:`Runner`: ``(jobs, workers, timeout) -> (job, result)``
pairs as they finish. The Ray one is :func:`archiver.cluster.run_jobs_on_ray`;
the command modules choose which one :func:`archiver.extract_run.extract_pending` gets.
"""
from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any

from archiver.extract_worker import Job, PageResult, extract_record

WORKER_MAX_TASKS = 500  # a worker is replaced after this many pages: lxml/trafilatura memory stays bounded

Runner = Callable[[list[Job], int, float], Iterator[tuple[Job, PageResult]]]
"""An extraction backend: ``runner(jobs, workers, timeout)`` yields ``(job, result)`` as pages finish."""


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
    before = {p.pid for p in multiprocessing.active_children()}
    finished_all = False
    try:
        running: dict[Any, Job] = {}
        while True:
            for job in todo:
                with _sigint_blocked(pool):  # the pool's threads and the workers they fork inherit the mask
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
        finished_all = True
    finally:
        _shut(pool, before, graceful=finished_all)


STOP_WAIT = 10.0  # seconds a finished pool gets to wind down before its workers are killed


def _shut(pool: Any, before: set[int | None], graceful: bool) -> None:
    """Stop ``pool`` within a bounded time, whatever its threads do.

    pebble's ``join`` joins its manager threads with no timeout, and a manager
    thread can block for ever (a fork while another thread holds the logging
    lock). So the join runs in a daemon thread we wait on with a deadline; on an
    interrupt, or when the deadline passes, the workers (the children this pool
    added) are killed here and the pool's threads are left behind (daemon
    threads: they do not hold up the exit).
    """
    pool.stop()
    if not graceful:
        _kill_workers(before)
    joiner = threading.Thread(target=_join_quietly, args=(pool,), name="extract-pool-join", daemon=True)
    joiner.start()
    joiner.join(STOP_WAIT if graceful else 2.0)
    if joiner.is_alive():
        _kill_workers(before)


def _join_quietly(pool: Any) -> None:
    try:
        pool.join()
    except Exception:
        pass


def _kill_workers(before: set[int | None]) -> None:
    """SIGKILL the multiprocessing children not in ``before`` (this pool's workers) and reap them."""
    from archiver.interrupt import end_children

    end_children(spare=before)


@contextmanager
def _sigint_blocked(pool: Any) -> Iterator[None]:
    """Block SIGINT in this thread while ``pool`` may start its threads and workers (its first schedule).

    Threads and forked processes inherit the signal mask: pebble's threads then never
    take a Ctrl-C, and a worker forked by them cannot get one (a Ctrl-C on a terminal
    goes to the whole process group) before :func:`_worker_signals` ignores it, so no
    worker prints a KeyboardInterrupt traceback. A SIGINT that comes meanwhile stays
    pending and is delivered to this thread on unblocking.
    """
    if getattr(pool, "_archiver_started", False) or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        pool._archiver_started = True
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the driver (which stops the pool), die plainly on SIGTERM, and end
    with the driver even when it is killed with SIGKILL."""
    from archiver.lifetime import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked when forked: see _sigint_blocked
    die_with_parent()


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

