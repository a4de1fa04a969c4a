"""A misbehaving HTTP/2 server on loopback (TLS with a trustme certificate, ALPN ``h2``), built on h2.

Each route is a function ``(H2Connection, stream_id) -> bool`` that sends a reply's
frames; it returns False to end the connection after them (a GOAWAY was sent).
A client that does not offer ``h2`` gets a plain HTTP/1.1 reply of ``body`` (the
tolerant reader asks that way). Threads are daemons and sockets time out, so a
test cannot hang on it.

    with H2Server("h2.test", "127.0.0.120", body) as srv:
        srv.route("/x", lambda conn, sid: ...)
        flags = ["--resolve", srv.resolve, "--ca-bundle", srv.ca_file]
"""
from __future__ import annotations

import socket
import ssl
import struct
import threading
from collections.abc import Callable
from pathlib import Path

import h2.config
import h2.connection
import h2.events
from acceptkit import serve_each

Route = Callable[[h2.connection.H2Connection, int], bool]


def whole(body: bytes) -> Route:
    def send(conn: h2.connection.H2Connection, sid: int) -> bool:
        conn.send_headers(sid, [(":status", "200"), ("content-type", "text/html"),
                                ("content-length", str(len(body)))])
        conn.send_data(sid, body, end_stream=True)
        return True
    return send


class H2Server:
    def __init__(self, name: str, address: str, body: bytes, workdir: Path):
        import trustme

        self.name, self.address, self.body = name, address, body
        ca = trustme.CA()
        self.ca_file = str(workdir / f"{name}-ca.pem")
        ca.cert_pem.write_to_path(self.ca_file)
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(name).configure_cert(self.ctx)
        self.ctx.set_alpn_protocols(["h2", "http/1.1"])
        self.routes: dict[str, Route] = {}
        self.validate = True  # False: headers go out as a route gives them
        self.hits: dict[str, int] = {}
        self.asked: list[tuple[str, str]] = []  # (path, "h2" or "http/1.1") of each request, in order
        self.heads: list[list[tuple[str, str]]] = []  # the header fields of each h2 request, as received
        # what a connection that chose h2 (ALPN) gets: "h2"; "reset" (a reset after reading the client's preface) or
        # "http1" (an HTTP/1.1 400 to it, then a close): a front end offering h2 for a back end that has none
        self.after_alpn = "h2"
        # how a route returning False ends the connection: "" (closed at once; its GOAWAY, if any, sent), "close" (a
        # FIN after what was sent, the client's bytes read until it closes too, so no reset overtakes the data) or
        # "reset" (an RST): a server going away without a GOAWAY
        self.hang_up = ""
        self.good = threading.Event()  # set: every route answers whole
        self.sock = socket.create_server((address, 0))
        self.sock.settimeout(0.2)
        self.port: int = self.sock.getsockname()[1]
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    @property
    def resolve(self) -> str:
        return f"{self.name}:{self.port}:{self.address}"

    def url(self, path: str) -> str:
        return f"https://{self.name}:{self.port}{path}"

    def route(self, path: str, handler: Route) -> H2Server:
        self.routes[path] = handler
        return self

    def __enter__(self) -> H2Server:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self.sock.close()

    def _accept(self) -> None:
        serve_each(self.sock, self._stopping, self._serve)

    def _count(self, path: str, protocol: str = "h2") -> None:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.asked.append((path, protocol))

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(30)
        try:
            tls = self.ctx.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()
            return
        try:
            if tls.selected_alpn_protocol() != "h2":
                self._serve_h1(tls)
            elif self.after_alpn != "h2":
                self._refuse_h2(tls)
            else:
                self._serve_h2(tls)
        except (OSError, ssl.SSLError):
            pass
        finally:
            tls.close()

    def _hang_up(self, tls: ssl.SSLSocket) -> None:
        if self.hang_up == "reset":
            tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        raw = socket.socket(fileno=tls.detach())  # no close_notify: the TCP connection ends under TLS
        try:
            raw.shutdown(socket.SHUT_WR)
            raw.settimeout(10)
            while raw.recv(65536):
                pass
        except OSError:
            pass
        finally:
            raw.close()

    def _refuse_h2(self, tls: ssl.SSLSocket) -> None:
        tls.recv(65536)  # the client's HTTP/2 preface, read as an HTTP/1.1 request it is not
        with self._lock:
            self.asked.append(("", "preface"))
        if self.after_alpn == "reset":
            tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            tls.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n"
                        b"Connection: close\r\n\r\nBad Request")

    def _serve_h1(self, tls: ssl.SSLSocket) -> None:
        request = tls.recv(65536)
        path = request.split(b" ")[1].decode() if request.count(b" ") >= 2 else "/"
        self._count(path, "http/1.1")
        if path == "/robots.txt":
            tls.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        else:
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
                        b"Connection: close\r\n\r\n" % len(self.body) + self.body)

    def _serve_h2(self, tls: ssl.SSLSocket) -> None:
        # validate=False (set on the server) lets a route send what h2 refuses to: a head without :status
        conn = h2.connection.H2Connection(h2.config.H2Configuration(
            client_side=False, validate_outbound_headers=self.validate, normalize_outbound_headers=self.validate))
        conn.initiate_connection()
        tls.sendall(conn.data_to_send())
        self.flush = lambda: tls.sendall(conn.data_to_send())  # for a route: send what it queued so far now
        while not self._stopping.is_set():
            data = tls.recv(65536)
            if not data:
                return
            for event in conn.receive_data(data):
                if not isinstance(event, h2.events.RequestReceived):
                    continue
                headers = {(k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
                           for k, v in event.headers}
                path = headers.get(":path", "/")
                with self._lock:
                    self.heads.append([(k.decode() if isinstance(k, bytes) else k,
                                        v.decode() if isinstance(v, bytes) else v) for k, v in event.headers])
                self._count(path)
                if path == "/robots.txt":
                    conn.send_headers(event.stream_id, [(":status", "404"), ("content-length", "0")], end_stream=True)
                    continue
                handler = whole(self.body) if self.good.is_set() else self.routes.get(path, whole(self.body))
                if not handler(conn, event.stream_id):
                    tls.sendall(conn.data_to_send())
                    if self.hang_up:
                        self._hang_up(tls)
                    return
            tls.sendall(conn.data_to_send())
