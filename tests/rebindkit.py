"""DNS rebinding, for real: run as ``unshare -nm python rebindkit.py DIR ARCHIVER-ARGS...`` (root).

In its own network and mount namespaces (nothing outside sees them) it gives the loopback
interface a public address (8.8.8.8, "the attacker's server"), points /etc/resolv.conf (a bind
mount seen by this process tree only) at a DNS server of its own on 127.0.0.53 that answers each
name's first A query with 8.8.8.8 and every later one with 127.0.0.1 (TTL 0), and serves HTTP on
8.8.8.8:8080 (pages that redirect, then close the connection) and 127.0.0.1:8080 (the "internal"
service). Then it runs ``python -m archiver ARCHIVER-ARGS`` in DIR and writes DIR/hits.json: the
internal service's requests and the DNS answers given.
"""
from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PUBLIC, INTERNAL, PORT = "8.8.8.8", "127.0.0.1", 8080
answers: list[tuple[str, str]] = []
internal_hits: list[str] = []


def dns_server(sock: socket.socket) -> None:
    """A minimal DNS responder: A for any name (first query public, later ones internal), nothing else."""
    asked: dict[str, int] = {}
    while True:
        try:
            data, peer = sock.recvfrom(512)
        except OSError:
            return
        ident, _flags, qd = struct.unpack(">HHH", data[:6])
        pos, labels = 12, []
        while data[pos]:
            labels.append(data[pos + 1:pos + 1 + data[pos]].decode())
            pos += 1 + data[pos]
        qtype = struct.unpack(">H", data[pos + 1:pos + 3])[0]
        question = data[12:pos + 5]
        name = ".".join(labels).lower()
        body = b""
        if qtype == 1:  # A
            asked[name] = asked.get(name, 0) + 1
            address = PUBLIC if asked[name] == 1 else INTERNAL
            answers.append((name, address))
            body = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 0, 4) + socket.inet_aton(address)
        head = struct.pack(">HHHHHH", ident, 0x8180, qd, 1 if body else 0, 0, 0)
        sock.sendto(head + question + body, peer)


class Public(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        where = {"/same": "/admin", "/cross": f"http://rebind-other.test:{PORT}/admin"}.get(self.path)
        if where is None:
            self._reply(200, b"<html><body><p>the public server's page</p></body></html>")
            return
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")  # the next request needs a new connection: a new DNS answer
        self.end_headers()
        self.close_connection = True

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Internal(Public):
    def do_GET(self) -> None:
        internal_hits.append(self.headers.get("Host", "") + self.path)
        self._reply(200, b"<html><body><p>INTERNAL SECRET</p></body></html>")


def main() -> int:
    folder = Path(sys.argv[1])
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "addr", "add", f"{PUBLIC}/32", "dev", "lo"], check=True)
    resolv = folder / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.53\noptions attempts:1 timeout:2\n")
    subprocess.run(["mount", "--bind", str(resolv), "/etc/resolv.conf"], check=True)
    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns.bind(("127.0.0.53", 53))
    threading.Thread(target=dns_server, args=(dns,), daemon=True).start()
    for address, handler in ((PUBLIC, Public), (INTERNAL, Internal)):
        server = ThreadingHTTPServer((address, PORT), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    done = subprocess.run([sys.executable, "-m", "archiver", *sys.argv[2:]], cwd=folder, env=os.environ,
                          capture_output=True, text=True, timeout=300)
    (folder / "hits.json").write_text(json.dumps({"internal": internal_hits, "answers": answers,
                                                  "returncode": done.returncode,
                                                  "output": done.stdout + done.stderr}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
