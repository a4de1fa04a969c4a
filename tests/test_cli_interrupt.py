"""Ctrl-C at any moment of ``archiver extract --jobs 2``: exit 130 with the one line
``archiver: interrupted``, no traceback (the driver's or a worker's), no hang, no worker left.

The signal goes to the whole process group, as a terminal's Ctrl-C or
``timeout -s INT`` sends it: the pool's workers get it too. The delays run from
"still importing modules" to "mid-way through the pool".
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from archivekit import article, paras
from sitekit import Response, Site, archiver_env, run_archiver, write_list

PAGES = 80
DELAYS = [0.0, 0.03, 0.08, 0.15, 0.25, 0.4, 0.6, 0.9, 1.3, 1.8, 2.5]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("interrupt")
    site = Site(root / "site")
    host = site.host("www.example-news.test")
    for i in range(PAGES):
        host.route(f"/story/{i}", Response(body=article(f"Story {i} about the harbour", paras(f"Story{i}", n=12))))
    site.start()
    try:
        lst = write_list(root / "urls.txt", [host.url(f"/story/{i}") for i in range(PAGES)])
        done = run_archiver("fetch", str(lst), "--warcs", root / "warcs", "--delay", "0", "--progress", "never",
                            *site.client_flags(), cwd=root, timeout=300)
        assert done.returncode == 0, done.stderr
    finally:
        site.stop()
    return root


def _default_sigint() -> None:
    """In the child: SIGINT back to its default, as on a terminal. A CI job started in the background
    inherits it ignored, and then no Ctrl-C case tested anything (all skipped, the mid-pool one failed)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _only_runpy_frames(text: str) -> bool:
    """True for a traceback whose every frame is Python's own (``File "<frozen runpy>"`` and the like):
    ``python -m archiver`` interrupted before a line of archiver ran (``archiver/__init__.py`` is empty)."""
    frames = [line.strip() for line in text.splitlines() if line.strip().startswith("File ")]
    return "Traceback" in text and bool(frames) and all(f.startswith('File "<frozen ') for f in frames)


def _processes_with(mark: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("delay", DELAYS)
def test_ctrl_c_exits_130_with_one_line(archive: Path, delay: float, tmp_path: Path):
    mark = f"ARCHIVER_TEST_MARK_{uuid.uuid4().hex}"
    env = archiver_env({mark: "1"})
    log = tmp_path / "out.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "archiver", "extract", "--all", "--jobs", "2",
                                 "--warcs", str(archive / "warcs"), "--clean", str(archive / "clean"),
                                 "--progress", "never"],
                                cwd=archive, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True,  # its own group: the signal reaches it and its workers
                                preexec_fn=_default_sigint)
    try:
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            code = proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running 90 s after Ctrl-C:\n{log.read_text(errors='replace')}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = log.read_text(errors="replace")
    if "init_import_site" in text or "Fatal Python error: init_" in text:  # init_sys_streams too (CI, load 9)
        pytest.skip("the signal came while Python was starting up, before any archiver code ran")
    if _only_runpy_frames(text):  # CI: while runpy compiled archiver/__main__.py, before its first line ran
        pytest.skip("the signal came while Python located archiver's __main__, before any archiver code ran")
    assert "Traceback" not in text, text
    if code == 0:
        pytest.skip("the extraction finished before the signal came")
    if code == -signal.SIGINT and not text:
        return  # before the interpreter set up its handler: killed by the signal, as a shell reports 130
    assert code == 130, text
    assert text.strip().splitlines()[-1] == "archiver: interrupted", text
    assert text.count("archiver: interrupted") == 1, text
    deadline = time.monotonic() + 30
    while _processes_with(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with(mark) == [], "worker processes left running"



def test_ctrl_c_mid_pool_exits_130_with_one_line(archive: Path, tmp_path: Path):
    """The same, with the signal sent once the first clean file is written (the pool is mid-way), not
    after a fixed delay: the delays above skip when the machine is so busy or so quiet that the signal
    lands during Python's start-up or after the last page; this one always tests the pool."""
    mark = f"ARCHIVER_TEST_MARK_{uuid.uuid4().hex}"
    clean = tmp_path / "clean"
    log = tmp_path / "out.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "archiver", "extract", "--all", "--jobs", "2",
                                 "--warcs", str(archive / "warcs"), "--clean", str(clean), "--progress", "never"],
                                cwd=archive, env=archiver_env({mark: "1"}), stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_default_sigint)
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and not any(clean.rglob("*.txt")) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, log.read_text(errors="replace")  # 80 pages: not done at the first file
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text
    assert code == 130, text
    assert text.strip().splitlines()[-1] == "archiver: interrupted", text
    assert len(list(clean.rglob("*.txt"))) < PAGES, "the run went on after Ctrl-C"
    deadline = time.monotonic() + 30
    while _processes_with(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with(mark) == [], "worker processes left running"

HELD_LOCK_SCRIPT = r'''
import logging, multiprocessing, os, signal, sys, threading, time
from archiver.extract_pool import run_jobs
from archiver.extract_worker import Job

jobs = [Job(i, f"http://www.example-news.test/{i}", "/nonexistent.warc.gz", 0) for i in range(400)]
results = run_jobs(jobs, 2, 30)
next(results)  # the pool runs
held = threading.Event()
def hold():  # another thread takes the logging lock and never lets go: a fork now blocks in logging's at-fork hook
    logging._acquireLock()
    held.set()
    time.sleep(3600)
threading.Thread(target=hold, daemon=True).start()
held.wait()
for child in multiprocessing.active_children():
    os.kill(child.pid, signal.SIGKILL)  # pebble's manager thread forks a replacement: it blocks on the lock
time.sleep(1)
start = time.monotonic()
try:
    results.throw(KeyboardInterrupt)
except KeyboardInterrupt:
    pass
print(f"stopped in {time.monotonic() - start:.1f} s", flush=True)
print("children", len(multiprocessing.active_children()), flush=True)
os._exit(0)
'''


def test_pool_stops_although_its_manager_thread_is_stuck_in_a_fork(tmp_path: Path):
    """The reported hang: pebble's join waits for ever on a manager thread blocked in a fork while
    another thread holds the logging lock. The pool's shutdown must not wait on it."""
    try:
        done = subprocess.run([sys.executable, "-c", HELD_LOCK_SCRIPT], cwd=tmp_path, env=archiver_env(),
                              capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the pool's shutdown hung on its stuck manager thread")
    assert done.returncode == 0, done.stderr
    assert "stopped in" in done.stdout and "children 0" in done.stdout, done.stdout + done.stderr


SWALLOWED_SCRIPT = r'''
from archiver import interrupt
interrupt.catch_swallowed()
class Dropped:
    def __del__(self):
        raise KeyboardInterrupt  # as a Ctrl-C landing in importlib's module-lock weakref callback
Dropped()
class Other:
    def __del__(self):
        raise ValueError("not an interrupt")
Other()
print("swallowed", interrupt.was_swallowed(), flush=True)
'''


def test_a_ctrl_c_python_swallows_is_recorded_without_a_traceback(tmp_path: Path):
    """CPython "ignores" a KeyboardInterrupt raised in a weakref callback or ``__del__`` and prints a
    traceback; archiver records it (the run then ends with 130) and prints other such errors as before."""
    done = subprocess.run([sys.executable, "-c", SWALLOWED_SCRIPT], cwd=tmp_path, env=archiver_env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "swallowed True" in done.stdout
    assert "KeyboardInterrupt" not in done.stderr, done.stderr
    assert "ValueError: not an interrupt" in done.stderr, done.stderr
