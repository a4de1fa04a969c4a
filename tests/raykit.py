"""A real Ray cluster on this machine for tests and benchmarks: separate ``ray start`` processes.

``LocalCluster(nodes=2)`` runs ``ray start --head --block`` and ``nodes - 1``
``ray start --address ... --block`` processes, each node with one CPU, free
loopback-side ports and a small object store, in a short temporary directory.
The workers get archiver's code only the way a real cluster would: shipped by
the driver (``py_modules``); the nodes start without PYTHONPATH, outside the
checkout.

Teardown kills only what this kit started, by process id: SIGTERM to each
``ray start --block`` (which stops its node's processes), then SIGKILL to any
descendant still alive. It never runs ``ray stop``, which would kill every Ray
process on the machine, other users' included.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitekit import free_port

OBJECT_STORE = 80 * 1024 * 1024


def ray_executable() -> str:
    beside = Path(sys.executable).parent / "ray"
    return str(beside) if beside.exists() else (shutil.which("ray") or "ray")


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) of a live process, or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), fields[19]


def process_title(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        return ""


def descendants(roots: set[int]) -> dict[int, str]:
    """Every live process below ``roots``: pid -> start time (to never kill a reused pid)."""
    parents: dict[int, int] = {}
    starts: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None:
                parents[int(entry)], starts[int(entry)] = st
    found: dict[int, str] = {}
    frontier = set(roots)
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        for pid in children:
            found[pid] = starts[pid]
        frontier = children
    return found


class LocalCluster:
    """``with LocalCluster(2) as c: ... c.address``; torn down on exit, pass or fail."""

    def __init__(self, nodes: int = 2, cpus_per_node: int = 1, start_timeout: float = 180):
        self.nodes = nodes
        self.cpus = cpus_per_node
        self.start_timeout = start_timeout
        self.temp = Path(tempfile.mkdtemp(prefix="rayk-", dir="/tmp"))  # short: socket paths are limited
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen] = []
        self.env = {k: v for k, v in os.environ.items()
                    if k != "PYTHONPATH" and not k.startswith(("ARCHIVER_", "RAY_"))}
        self.env["RAY_USAGE_STATS_ENABLED"] = "0"
        # A home of its own: Ray 2.5x reads ~/.ray/auth_token, and a token left there by anything else on the
        # machine made the worker node's `ray start` fail with "InvalidAuthToken" against the head (CI, session 42).
        self.home = self.temp / "home"
        self.home.mkdir()
        self.env["HOME"] = str(self.home)

    # -- start ----------------------------------------------------------------

    def _start(self, args: list[str], log: str) -> subprocess.Popen:
        out = open(self.temp / log, "wb")  # noqa: SIM115 -- held open for the process's lifetime, closed by its owner
        try:
            proc = subprocess.Popen([ray_executable(), "start", "--block", *args], cwd=self.temp, env=self.env,
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        finally:
            out.close()
        self.procs.append(proc)
        return proc

    def _node_args(self) -> list[str]:
        return ["--num-cpus", str(self.cpus), "--node-ip-address", "127.0.0.1",
                "--object-store-memory", str(OBJECT_STORE), "--disable-usage-stats",
                "--dashboard-agent-listen-port", str(free_port()),
                "--dashboard-agent-grpc-port", str(free_port()), "--metrics-export-port", str(free_port())]

    def start(self) -> LocalCluster:
        try:
            self._start(["--head", "--port", str(self.port), "--temp-dir", str(self.temp),
                         "--include-dashboard", "false", "--dashboard-port", str(free_port()),
                         "--ray-client-server-port", str(free_port()), *self._node_args()], "head.log")
            self._wait_log("head.log")
            for i in range(1, self.nodes):
                self._start(["--address", self.address, *self._node_args()], f"node{i}.log")
                self._wait_log(f"node{i}.log")
            self.wait_nodes(self.nodes)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_log(self, log: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        path = self.temp / log
        while time.monotonic() < deadline:
            text = path.read_text(errors="replace") if path.exists() else ""
            if "Ray runtime started" in text:
                return
            if any(p.poll() is not None for p in self.procs):
                raise RuntimeError(f"ray start exited early:\n{text[-3000:]}")
            time.sleep(0.5)
        raise TimeoutError(f"ray start did not come up in {self.start_timeout:.0f} s:\n{path.read_text()[-3000:]}")

    def wait_nodes(self, count: int) -> None:
        """Block until ``count`` nodes are alive (asked through a throw-away driver process)."""
        script = ("import sys, time, ray\n"
                  "ray.init(address=sys.argv[1], logging_level='ERROR')\n"
                  "deadline = time.monotonic() + float(sys.argv[3])\n"
                  "while sum(n['Alive'] for n in ray.nodes()) < int(sys.argv[2]):\n"
                  "    if time.monotonic() > deadline: sys.exit('nodes missing: %r' % ray.nodes())\n"
                  "    time.sleep(0.5)\n")
        subprocess.run([sys.executable, "-c", script, self.address, str(count), str(self.start_timeout)],
                       check=True, env=self.env, cwd=self.temp, timeout=self.start_timeout + 60,
                       stdin=subprocess.DEVNULL, capture_output=True)

    # -- look inside ------------------------------------------------------------

    def processes(self) -> dict[int, str]:
        return descendants({p.pid for p in self.procs})

    def process_cpu(self) -> dict[tuple[int, str], float]:
        """CPU seconds used so far by each live process of the cluster, keyed by (pid, start time).

        Reaped children count only if their parent waited for them (utime+stime+cutime+cstime);
        sample often to catch short-lived workers.
        """
        tick = os.sysconf("SC_CLK_TCK")
        out: dict[tuple[int, str], float] = {}
        for pid in {p.pid for p in self.procs} | set(self.processes()):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            out[(pid, fields[19])] = sum(int(f) for f in fields[11:15]) / tick
        return out

    def task_workers(self, task_name: str) -> list[int]:
        """PIDs of worker processes running ``task_name`` now (Ray titles them ``ray::NAME``)."""
        return sorted(pid for pid in self.processes() if process_title(pid).startswith(f"ray::{task_name}"))

    # -- stop -----------------------------------------------------------------

    def stop(self) -> None:
        tree = self.processes()
        for proc in reversed(self.procs):  # worker nodes first, then the head
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(pid, start) for pid, start in tree.items()):
            time.sleep(0.5)
        for pid, start in tree.items():
            if _alive(pid, start):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        shutil.rmtree(self.temp, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _alive(pid: int, start: str) -> bool:
    st = _stat(pid)
    return st is not None and st[1] == start
