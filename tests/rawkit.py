"""A misbehaving HTTP server on loopback: replies are raw bytes, written as given.

``http.server`` (behind sitekit) cannot send a malformed header line, more body
than its Content-Length, or a body one byte at a time; this server can. Each
route is a function ``(RawRequest) -> Reply`` whose ``chunks`` go out as they
are (with ``pause`` seconds between them); ``close`` ends the connection after
the reply, otherwise the next request is read from the same connection.

    with RawServer("www.hostile.test", "127.0.0.9") as srv:
        srv.route("/x", lambda req: Reply([b"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok"]))
        flags = ["--resolve", srv.resolve]
        srv.url("/x")             # http://www.hostile.test:PORT/x
        srv.requests              # RawRequest(path, headers, connection number, hit)

``tls`` (a server ``ssl.SSLContext``) makes every connection TLS and ``url`` https.
"""
from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class RawRequest:
    path: str
    headers: dict[str, str]  # names lower-cased
    connection: int  # 1 for the server's first connection
    hit: int  # 1 for the first request to this path
    time: float = field(default_factory=time.monotonic)


@dataclass
class Reply:
    chunks: Iterable[bytes]  # a generator sends an endless body
    close: bool = False
    pause: float = 0.0  # seconds between chunks
    reset: bool = False  # end with a TCP reset (RST, SO_LINGER 0) instead of an orderly close


def http_reply(body: bytes | str, status: str = "200 OK", headers: list[str] | None = None,
               close: bool = False, content_type: str = "text/html; charset=utf-8") -> Reply:
    """A well-formed reply with Content-Length (the common case, for honest pages)."""
    data = body.encode() if isinstance(body, str) else body
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", f"Content-Length: {len(data)}"]
    lines += headers or []
    if close:
        lines.append("Connection: close")
    return Reply([("\r\n".join(lines) + "\r\n\r\n").encode() + data], close=close)


Route = Callable[[RawRequest], Reply]


class RawServer:
    def __init__(self, name: str, address: str, port: int = 0, tls: ssl.SSLContext | None = None):
        self.name = name
        self.tls = tls  # a server context: each connection is TLS, its handshake in the connection's thread
        self.address = address
        self.routes: dict[str, Route] = {}
        self.requests: list[RawRequest] = []
        self.hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._conns = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((address, port))
        self.sock.listen(64)
        self.port: int = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._accept, daemon=True, name=f"rawkit-{name}")

    @property
    def resolve(self) -> str:
        return f"{self.name}:{self.port}:{self.address}"

    def url(self, path: str) -> str:
        return f"{'https' if self.tls else 'http'}://{self.name}:{self.port}{path}"

    def route(self, path: str, handler: Route) -> RawServer:
        self.routes[path] = handler
        return self

    def start(self) -> RawServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        try:
            self.sock.close()
        except OSError:
            pass
        self.thread.join(timeout=5)

    def __enter__(self) -> RawServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._conns += 1
                number = self._conns
            threading.Thread(target=self._serve, args=(conn, number), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(60)
        buf = b""
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            while not self._stopping.is_set():
                while b"\r\n\r\n" not in buf:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buf += data
                head, _, buf = buf.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                with self._lock:
                    self.hits[path] = self.hits.get(path, 0) + 1
                    req = RawRequest(path, headers, number, self.hits[path])
                    self.requests.append(req)
                handler = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
                reply = handler(req) if handler else http_reply("not found", "404 Not Found",
                                                                content_type="text/plain")
                for i, chunk in enumerate(reply.chunks):
                    if i and reply.pause and self._stopping.wait(reply.pause):
                        return
                    conn.sendall(chunk)
                if reply.reset:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    conn.close()
                    return
                if reply.close:
                    return
        except OSError:
            return
        finally:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()


def fetch_and_extract(root: Path, srv: RawServer, routes: dict[str, Route], seeds: list[str],
                      extract_args: tuple[str, ...] = ()) -> dict[str, object]:
    """Serve ``routes`` and an allow-all robots.txt on ``srv``; ``archiver fetch`` the ``seeds`` (paths) with
    ``--retries 0 --timeout 10`` into ROOT/warcs and ROOT/c.db, then ``archiver extract [EXTRACT_ARGS]`` into
    ROOT/clean.
    Returns {"out": both commands' output, "code": the fetch's exit code, "extract_code": the extract's,
    "root": root, "srv": srv}."""
    from sitekit import run_archiver, write_list

    for path, handler in routes.items():
        srv.route(path, handler)
    srv.route("/robots.txt", lambda r: http_reply("User-agent: *\nAllow: /\n", content_type="text/plain"))
    with srv:
        urls = write_list(root / "urls.txt", [srv.url(p) for p in seeds])
        out = run_archiver("fetch", urls, "--warcs", root / "warcs", "--db", root / "c.db", "--delay", "0",
                           "--retries", "0", "--timeout", "10", "--progress", "never", "--resolve", srv.resolve,
                           cwd=root, timeout=300)
        done = run_archiver("extract", "--warcs", root / "warcs", "--db", root / "c.db", "--clean", root / "clean",
                            "--jobs", "1", *extract_args, cwd=root, timeout=300)
    return {"out": out.stdout + out.stderr + done.stdout + done.stderr, "code": out.returncode,
            "extract_code": done.returncode, "root": root, "srv": srv}
