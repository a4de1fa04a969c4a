"""A whole deadline for one notification (host45, hostile round 37).

apprise hands ``requests`` a read timeout (``rto``, :data:`notify.READ_TIMEOUT` unless the URL sets one),
which bounds each wait for bytes, not the answer: a receiver that answers ``200`` with a long
``Content-Length`` and sends one byte a second (a slowloris reply, a proxy that stalls mid-answer) kept
``requests`` reading, and the watch run that sends it never ended (probed: still sending after 25 s at
``rto=3`` of a 100,000-byte answer, a day's wait). Each send now runs in a child process given
:func:`deadline` seconds in all; past it the child is killed (a thread cannot be: apprise's thread pool is
joined at the interpreter's exit, so a run with a send left in a thread still never ended) and the message
counts as failed, kept for the next run, which sends it again with the same ``Idempotency-Key``.

A receiver that answers without end and fast grew the child by some 35 MiB a second until the deadline; the child
is also stopped once it has grown by :data:`MEMORY_CAP` (hostile round 41). Its size is read from
``/proc/PID/statm``: where that cannot be read (not Linux, some sandboxes) the cap is off and only the deadline
stops such a send.
"""
from __future__ import annotations

import logging
import multiprocessing
import re
import time
from typing import Any

from archiver.watch.answered import MARK, stopped_after_taken

WHOLE_DEADLINE = True  # off: the send in this process, apprise's per-read timeout alone (as before)
READS = 4  # a receiver has this many read timeouts for its whole answer
LOG_FORMAT = "%(levelname)s %(message)s"
_TAKEN = "taken"  # the child's word that an SMTP server took the message (before the send's own answer)


def deadline(url: str, read_timeout: float) -> float:
    """Seconds one send to ``url`` may take in all: ``READS`` times its read timeout (the URL's own ``rto``
    when it sets one, else ``read_timeout``), 4 s at least."""
    given = re.search(r"[?&]rto=([0-9]+(?:\.[0-9]*)?)", url.partition("#")[0])
    rto = float(given.group(1)) if given else read_timeout
    return READS * max(rto, 1.0)


def send_once(url: str, title: str, body: str) -> tuple[bool, str]:
    """Send one message to the apprise ``url`` here (redirects not followed); (apprise's answer, its log). A
    generic webhook that answered 2xx, then broke off its answer, took the message: (True, the log with
    :func:`archiver.watch.answered.taken_note`'s line)."""
    import apprise

    from archiver.watch.answered import statuses, taken_note

    notifier = apprise.Apprise(asset=apprise.AppriseAsset(http_redirects=False))
    notifier.add(url)
    with apprise.LogCapture(level=logging.DEBUG, fmt=LOG_FORMAT) as captured, statuses() as seen:
        ok = bool(notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT))
    log = captured.getvalue()
    taken = taken_note(url, ok, seen, len(notifier))  # a 2xx status line, then an answer that broke off: taken
    return (True, f"{log}\n{taken}") if taken else (ok, log)


def _fresh_apprise_pools() -> None:
    """Forget the thread pools (and their locks) a forked child inherited from apprise's module (apprise
    2.3's ``_shared_executor`` and ``_coordinator_executor``): a fork copies the pool but none of its
    threads, so once the parent had sent anything in-process the child's ``notify()`` queued its work to
    threads that do not exist and never answered (review49). apprise makes new ones on first use."""
    import sys
    import threading

    module = sys.modules.get("apprise.apprise")
    if module is None:
        return
    for name in ("_shared_executor", "_coordinator_executor"):
        if hasattr(module, name):
            setattr(module, name, None)
        if hasattr(module, name + "_lock"):
            setattr(module, name + "_lock", threading.Lock())


def _child(pipe: Any, url: str, title: str, body: str, seconds: float) -> None:
    """The child's work: the run's archive lock let go (a forked copy of its descriptor kept it held after a
    killed run), an alarm that ends it past ``seconds`` even when the run that waits for it is gone."""
    import signal

    from archiver.archive_lock import drop_inherited

    drop_inherited()
    _fresh_apprise_pools()
    if hasattr(signal, "alarm"):  # POSIX
        signal.alarm(int(seconds) + 5)
    from archiver.watch.answered import receivers, smtp_taken

    try:
        one = receivers(url) == 1  # several receivers: one taken says nothing of the others (review60)
        with smtp_taken(lambda code: pipe.send((_TAKEN, code)) if one else None):  # told before QUIT (may hang)
            answer = send_once(url, title, body)
        pipe.send(answer)
    except BaseException as exc:  # told to the parent as the failure's log
        pipe.send((False, f"ERROR {type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


def send_within(url: str, title: str, body: str, seconds: float) -> tuple[bool | None, str]:
    """:func:`send_once` in a child process given ``seconds``: (its answer, its log). When the child had not
    answered by then it is killed, and the result is (None, "") (False with the reason when it was stopped for its
    size), except after the child told that an SMTP server had taken every message of the send
    (:func:`archiver.watch.answered.smtp_taken`): then (True, the log with :data:`MARK`'s line), as for a child that
    ends without a word or answers a failure after that. A child that ends without a word otherwise: (False, why).
    Raises nothing of the send's own (its errors are returned as its log)."""
    if not WHOLE_DEADLINE:
        return send_once(url, title, body)
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")  # fork: apprise loaded
    parent, child = context.Pipe(duplex=False)
    worker = context.Process(target=_child, args=(child, url, title, body, seconds), name="archiver-notify",
                             daemon=True)
    worker.start()
    child.close()
    end = time.monotonic() + seconds
    taken: int | None = None  # an SMTP server's 2xx to the end of DATA, told before the send ended (answered.py)
    try:
        while True:
            if not _answered(parent, worker, max(0.0, end - time.monotonic())):
                worker.kill()
                grown = _grown.pop(worker.pid or 0, None)
                if taken is not None:
                    return True, stopped_after_taken(taken, seconds, grown)
                return (None, "") if grown is None else (False, f"WARNING {overfull(grown)}")
            try:
                said = parent.recv()
            except EOFError:
                if taken is not None:
                    return True, f"{MARK}{taken}\nWARNING the sending process ended (exit code {worker.exitcode})"
                return False, f"ERROR the sending process ended without an answer (exit code {worker.exitcode})"
            if said[0] == _TAKEN:
                taken = int(said[1])
                continue
            ok, log = said
            if taken is not None and not ok:  # the message was taken; what failed came after it
                return True, f"{MARK}{taken}\n{log}"
            return bool(ok), str(log)
    finally:
        parent.close()
        worker.join(5)
        _first.pop(worker.pid or 0, None)


ANSWER_MEMORY_CAP = True  # off: a send's process may grow until its deadline (as before round 41)
MEMORY_CAP = 256 * 1024 * 1024  # bytes a send's process may grow by (a receiver's answer held in memory)
_POLL = 0.25  # seconds between looks at the sending process's size
_grown: dict[int, int] = {}  # child pid -> bytes it had grown by when it was stopped for its size
_first: dict[int, int] = {}  # child pid -> its resident bytes at the first look


def _resident(pid: int | None) -> int | None:
    """Resident bytes of process ``pid`` (Linux ``/proc/PID/statm``), None where that cannot be read."""
    import os

    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _answered(parent: Any, worker: Any, seconds: float) -> bool:
    """Wait up to ``seconds`` for the child's answer on ``parent``; False when none came, or when the child grew
    past :data:`MEMORY_CAP` over its first size (then recorded in ``_grown``). apprise (``requests``) reads a
    webhook's whole answer into memory: a receiver answering ``200`` with a body without end, sent fast, grew the
    child by 35 MiB a second until the deadline (700 MiB in 20 s; some 4 GiB at the default 120 s: hostile round
    41), on a machine the run shares."""
    end = time.monotonic() + seconds
    first = _first.get(worker.pid or 0)  # the child's size at its first look, kept across calls (review60)
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return False
        if parent.poll(min(left, _POLL) if ANSWER_MEMORY_CAP else left):
            return True
        size = _resident(worker.pid) if ANSWER_MEMORY_CAP else None
        if size is not None:
            first = _first.setdefault(worker.pid or 0, size) if first is None else first
            if size - first > MEMORY_CAP:
                _grown[worker.pid] = size - first
                return False


def overfull(grown: int) -> str:
    """The failure reason of a send stopped for its size (``grown`` bytes over its start)."""
    return (f"the receiver's answer took over {grown // (1024 * 1024)} MiB of memory and did not end (a body "
            "without end): the send was stopped; it may have taken the message: sent again next run with the same "
            "Idempotency-Key")


def overran(seconds: float) -> str:
    """The failure reason of a send that passed its deadline."""
    return (f"the receiver did not finish its answer in {seconds:g} s (it sends its reply slowly, or never ends "
            "it); it may have taken the message: sent again next run with the same Idempotency-Key (a longer "
            "?rto= in the --notify URL gives it more time)")
