"""A small kit of real HTTP(S) servers on loopback, for tests and benchmarks.

Each named host gets its own threaded server on its own 127.0.0.x address and a
free port, optionally with TLS from a throw-away CA made with ``trustme``. The
URLs keep real-looking names; ``--resolve HOST:PORT:ADDRESS`` flags (as in curl)
point the client at the loopback server, and ``--ca-bundle`` makes it trust the
test CA. The URL must carry the port (``https://www.example-news.test:PORT/a``).

Usage::

    from sitekit import Site, Response, redirect, sequence   # tests/ is on sys.path

    with Site(tmp_path) as site:                   # or the ``site`` pytest fixture
        news = site.host("www.example-news.test", https=True)
        news.route("/a", Response(body="<html>...</html>"))            # 200 text/html
        news.route("/gz", Response(body=html, gzip=True, chunked=True))
        news.route("/old", redirect("/a"))                             # 302 to /a
        news.route("/flaky", sequence(Response(500), Response(body="ok")))
        news.route("/slow", Response(body="late", delay=5))            # stall
        news.route("/api", lambda req: Response(body=req.path))        # any handler
        site.start()
        urls = [news.url("/a"), news.url("/gz")]
        flags = site.client_flags()  # ["--resolve", "www...:PORT:127.0.0.2", ..., "--ca-bundle", PEM]
        ...
        assert site.hits[("www.example-news.test", "/a")] == 1
        assert site.sent[("www.example-news.test", "/gz")] == html.encode()  # body before gzip
        assert site.max_in_flight["www.example-news.test"] <= 2        # politeness
        gaps = [b.time - a.time for a, b in zip(site.requests, site.requests[1:])]

A route is a ``Response`` (served on every hit) or a callable ``(Request) ->
Response``. ``Request.hit`` counts hits to that host+path (1-based, not zeroed by
``reset_counts()``), which makes
"429 then 200" or "500 then 200" one ``sequence(...)``. Unknown paths get 404.
Hosts can be added with the same name only once; ``Site.default_delay`` slows every
response (for kill-in-the-middle tests and benchmarks). Servers run in daemon
threads; ``stop()`` (or leaving the ``with``) closes every socket and wakes
sleeping handlers. For a benchmark script outside pytest, put ``tests/`` on
``sys.path`` first. ``run_archiver(...)`` runs ``python -m archiver`` as a subprocess
(``start_archiver(...)`` in the background, for signal tests).
"""
from __future__ import annotations

import gzip as _gzip
import http.server
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Response:
    """What a route answers. ``body`` str is encoded as UTF-8.

    ``gzip`` compresses the body and adds ``Content-Encoding: gzip`` (``encoding``
    picks gzip, br or deflate); ``chunked``
    sends it with ``Transfer-Encoding: chunked`` (in ``chunk_size`` pieces)
    instead of ``Content-Length``; ``delay`` sleeps before the status line;
    ``chunk_delay`` sleeps between chunks (a slow trickle); ``close_after`` cuts the
body short (headers still announce it whole) and closes the connection.
    """

    status: int = 200
    body: bytes | str = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    gzip: bool = False
    encoding: str | None = None  # "gzip", "br" or "deflate"; gzip=True is short for "gzip"
    chunked: bool = False
    chunk_size: int = 4096
    delay: float = 0.0
    chunk_delay: float = 0.0
    close_after: int | None = None  # send only this many body bytes, then drop the connection

    @property
    def body_bytes(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class Request:
    host: str  # the HostServer name (not the Host header)
    method: str
    path: str  # path with query string, as sent
    headers: dict[str, str]
    hit: int  # 1 for the first request to this host+path
    time: float = 0.0  # time.monotonic() when the request line arrived


Handler = Response | Callable[[Request], Response]


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, body=f"see {location}", content_type="text/plain",
                    headers=[("Location", location)])


def sequence(*responses: Response) -> Callable[[Request], Response]:
    """Answer the n-th hit with the n-th response; the last one repeats."""
    return lambda req: responses[min(req.hit, len(responses)) - 1]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        if self.server.tls is not None:  # handshake here, in the worker thread
            self.request.settimeout(30)
            self.request = self.server.tls.wrap_socket(self.request, server_side=True)
        super().setup()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        host = self.server.host
        site = host.site
        key = (host.name, self.path)
        with site._lock:
            site.hits[key] += 1
            site._served[key] += 1  # unlike hits, never reset: sequences keep their place
            req = Request(host.name, self.command, self.path, dict(self.headers.items()), site._served[key],
                          time.monotonic())
            site.requests.append(req)
            site._in_flight[host.name] += 1
            site.max_in_flight[host.name] = max(site.max_in_flight[host.name], site._in_flight[host.name])
            site._in_flight_total += 1
            site.max_in_flight_total = max(site.max_in_flight_total, site._in_flight_total)
        try:
            self._answer(req, head)
        finally:
            with site._lock:
                site._in_flight[host.name] -= 1
                site._in_flight_total -= 1

    def _answer(self, req: Request, head: bool) -> None:
        host = self.server.host
        site = host.site
        key = (host.name, self.path)
        route = host.routes.get(self.path) or host.routes.get(self.path.split("?", 1)[0])
        if route is None:
            resp = Response(404, body="not found", content_type="text/plain")
        else:
            resp = route(req) if callable(route) else route
        delay = resp.delay + site.default_delay
        if delay and site._stopping.wait(delay):
            return
        raw = resp.body_bytes
        with site._lock:
            site.sent[key] = raw
        encoding = "gzip" if resp.gzip else resp.encoding
        wire = _encode(raw, encoding)
        self.send_response(resp.status)
        if resp.content_type:
            self.send_header("Content-Type", resp.content_type)
        for name, value in resp.headers:
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if resp.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(wire)))
        self.end_headers()
        if head:
            return
        if resp.close_after is not None:
            wire = wire[:resp.close_after]
            self.close_connection = True
        try:
            if resp.chunked:
                for i in range(0, len(wire), resp.chunk_size):
                    piece = wire[i:i + resp.chunk_size]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    if resp.chunk_delay and site._stopping.wait(resp.chunk_delay):
                        return
                self.wfile.write(b"0\r\n\r\n")
            elif resp.chunk_delay:
                for i in range(0, len(wire), resp.chunk_size):
                    self.wfile.write(wire[i:i + resp.chunk_size])
                    if site._stopping.wait(resp.chunk_delay):
                        return
            else:
                self.wfile.write(wire)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True  # the client gave up (e.g. size cap): fine


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, host: HostServer, address: str, tls: ssl.SSLContext | None):
        self.host = host
        self.tls = tls
        super().__init__((address, 0), _Handler)

    def handle_error(self, request, client_address) -> None:  # quiet: clients hang up on purpose
        pass


class HostServer:
    """One named host: its address, port, routes; created by ``Site.host``."""

    def __init__(self, site: Site, name: str, address: str, https: bool):
        self.site = site
        self.name = name
        self.address = address
        self.https = https
        self.routes: dict[str, Handler] = {}
        tls = None
        if https:
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            tls.set_alpn_protocols(["http/1.1"])
            site.ca.issue_cert(name).configure_cert(tls)
        self.server = _Server(self, address, tls)
        self.port: int = self.server.server_address[1]
        self.thread: threading.Thread | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.https else "http"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.name}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The real-looking URL of ``path`` (with the port, as --resolve needs)."""
        return self.origin + path

    def route(self, path: str, handler: Handler) -> HostServer:
        self.routes[path] = handler
        return self

    def routes_from(self, table: dict[str, Handler]) -> HostServer:
        self.routes.update(table)
        return self

    @property
    def resolve(self) -> str:
        return f"{self.name}:{self.port}:{self.address}"


class Site:
    """A set of loopback hosts, started and stopped together."""

    def __init__(self, workdir: str | Path | None = None, first_address: int = 2):
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="sitekit-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.hosts: dict[str, HostServer] = {}
        self.hits: Counter[tuple[str, str]] = Counter()
        self._served: Counter[tuple[str, str]] = Counter()
        self.sent: dict[tuple[str, str], bytes] = {}
        self.requests: list[Request] = []
        self.max_in_flight: Counter[str] = Counter()  # most requests one host served at once
        self.max_in_flight_total = 0  # most requests all hosts served at once
        self._in_flight: Counter[str] = Counter()
        self._in_flight_total = 0
        self.default_delay = 0.0
        self._next = first_address
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._running = False
        self._ca = None
        self._ca_file: Path | None = None

    @property
    def ca(self):
        if self._ca is None:
            import trustme

            self._ca = trustme.CA()
        return self._ca

    @property
    def ca_file(self) -> Path:
        """The test CA as PEM, for ``--ca-bundle``."""
        if self._ca_file is None:
            self._ca_file = self.workdir / "test-ca.pem"
            self.ca.cert_pem.write_to_path(str(self._ca_file))
        return self._ca_file

    def host(self, name: str, https: bool = False, address: str | None = None) -> HostServer:
        """Add a host named ``name`` on the next 127.0.0.x (or ``address``; an IP name binds that IP)."""
        if name in self.hosts:
            raise ValueError(f"host {name} already added")
        if address is None and _is_ipv4(name):
            address = name  # a bare-IP host serves on that IP
        if address is None:
            address = f"127.0.0.{self._next}"
            self._next = self._next + 1 if self._next < 254 else 2
        host = HostServer(self, name, address, https)
        self.hosts[name] = host
        if self._running:
            self._start_one(host)
        return host

    def _start_one(self, host: HostServer) -> None:
        host.thread = threading.Thread(target=host.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       name=f"sitekit-{host.name}", daemon=True)
        host.thread.start()

    def start(self) -> Site:
        self._running = True
        for host in self.hosts.values():
            if host.thread is None:
                self._start_one(host)
        return self

    def stop(self) -> None:
        self._stopping.set()
        for host in self.hosts.values():
            if host.thread is not None:
                host.server.shutdown()
                host.thread.join(timeout=10)
            host.server.server_close()

    def __enter__(self) -> Site:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve_flags(self) -> list[str]:
        """``["--resolve", "HOST:PORT:ADDRESS", ...]`` for every host."""
        flags: list[str] = []
        for host in self.hosts.values():
            flags += ["--resolve", host.resolve]
        return flags

    def client_flags(self) -> list[str]:
        """``resolve_flags()`` plus ``--ca-bundle`` when any host is https."""
        flags = self.resolve_flags()
        if any(h.https for h in self.hosts.values()):
            flags += ["--ca-bundle", str(self.ca_file)]
        return flags

    def hits_to(self, host: str) -> int:
        return sum(n for (h, _), n in self.hits.items() if h == host)

    def reset_counts(self) -> None:
        """Zero ``hits`` and ``requests`` (between runs); ``Request.hit`` numbering goes on."""
        with self._lock:
            self.hits.clear()
            self.requests.clear()
            self.max_in_flight.clear()
            self.max_in_flight_total = 0


def write_list(path: str | Path, lines: Iterable[str | bytes]) -> Path:
    """Write a list file; str lines are UTF-8, bytes lines go as they are, joined by LF."""
    path = Path(path)
    path.write_bytes(b"\n".join(ln.encode("utf-8") if isinstance(ln, str) else ln for ln in lines) + b"\n")
    return path


def archiver_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for an archiver subprocess: this checkout's code, no stray ARCHIVER_* settings."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ARCHIVER_")}
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return full_env


def run_archiver(*args: str, cwd: str | Path | None = None, timeout: float = 120,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m archiver ARGS`` from the project root's code; capture text output."""
    return subprocess.run([sys.executable, "-m", "archiver", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=archiver_env(env),
                          stdin=subprocess.DEVNULL)


def start_archiver(*args: str, output: str | Path, cwd: str | Path | None = None,
                   env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start ``python -m archiver ARGS`` in the background (for signal tests); output goes to a file.

    SIGINT is reset to its default in the child, as on a terminal (a shell's
    background job would otherwise inherit it ignored).
    """
    import signal

    out = open(output, "wb")  # noqa: SIM115 -- held open for the process's lifetime, closed by its owner
    try:
        return subprocess.Popen([sys.executable, "-m", "archiver", *map(str, args)], cwd=cwd, env=archiver_env(env),
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    finally:
        out.close()


def _encode(data: bytes, encoding: str | None) -> bytes:
    if not encoding:
        return data
    if encoding == "gzip":
        return _gzip.compress(data, mtime=0)
    if encoding == "deflate":
        import zlib

        return zlib.compress(data)
    if encoding == "br":
        import brotli

        return brotli.compress(data)
    raise ValueError(f"unknown encoding {encoding!r}")


def _is_ipv4(text: str) -> bool:
    try:
        socket.inet_aton(text)
    except OSError:
        return False
    return text.count(".") == 3


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]
