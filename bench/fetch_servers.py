"""The local sites ``fetch_vs_wget`` fetches: generated pages, a 50 ms asyncio server, nginx.

The 50 ms server runs as a child process (``python -m bench.fetch_servers --serve PAGES --port N
--latency S --addresses A,B``) so that its event loop shares no CPU with the bench's clock keeping.
Pages are 30-80 KB of HTML made from a fixed word list (:func:`make_page`), the same bytes on
every run.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the child runs ``-m bench.fetch_servers`` from here
PAGE_FILES = 1000  # distinct page bodies; URL n is served page n % PAGE_FILES

WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which but "
         "have an they you were her she there been one all we their has would when if so no will more "
         "council budget river station school weather market report minister harbour railway village "
         "research museum festival election hospital library bridge season court museum garden energy "
         "water housing transport teachers students visitors residents farmers police officials").split()


# -- pages ---------------------------------------------------------------------

def make_page(n: int) -> bytes:
    """A plausible article page of 30-80 KB: head, nav, paragraphs, footer; deterministic in n."""
    rng = random.Random(n)
    target = rng.randint(30_000, 80_000)
    title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{title} | Bench Gazette</title>",
        "<link rel=\"stylesheet\" href=\"/static/site.css\"><script src=\"/static/app.js\" defer></script>",
        "</head><body><header><nav><ul>"
        + "".join(f"<li><a href=\"/section/{s}\">{s.title()}</a></li>" for s in
                  ("news", "politics", "business", "sport", "culture", "science", "opinion"))
        + "</ul></nav></header>",
        f"<main><article><h1>{title}</h1><p class=\"byline\">By Staff Reporter, page {n}</p>",
    ]
    size = sum(map(len, parts))
    while size < target - 400:
        sentence_count = rng.randint(3, 7)
        para = " ".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(sentence_count))
        chunk = f"<p>{para}</p>\n"
        parts.append(chunk)
        size += len(chunk)
    parts.append("</article></main><footer><p>&copy; Bench Gazette. All rights reserved.</p>"
                 "<p><a href=\"/about\">About</a> <a href=\"/privacy\">Privacy</a></p></footer></body></html>\n")
    return "".join(parts).encode()


def write_pages(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(PAGE_FILES):
        body = make_page(n)
        (folder / f"{n:03d}.html").write_bytes(body)
        total += len(body)
    return total


def url_path(i: int) -> str:
    return f"/articles/{i:05d}.html"


# -- the 50 ms server (run as a child process: python fetch_vs_wget.py --serve ...) --------------

class SlowHTTP(asyncio.Protocol):
    """HTTP/1.1 with keep-alive; each response is sent ``latency`` seconds after its request.

    Requests on one connection are answered in order (neither client pipelines).
    """

    pages: list[bytes] = []
    latency = 0.05

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)  # a TCP server's connections are stream transports
        self.transport: asyncio.Transport = transport
        self.buf = b""
        self.loop = asyncio.get_running_loop()

    def data_received(self, data: bytes) -> None:
        self.buf += data
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > 65536:
                    self.transport.close()
                return
            head, self.buf = self.buf[:end], self.buf[end + 4:]
            lines = head.split(b"\r\n")
            try:
                _method, target, version = lines[0].split(b" ", 2)
            except ValueError:
                self.transport.close()
                return
            close = version == b"HTTP/1.0"
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"connection":
                    v = value.strip().lower()
                    close = v == b"close" or (close and v != b"keep-alive")
            self.loop.call_later(self.latency, self.respond, target, close)

    def respond(self, target: bytes, close: bool) -> None:
        if self.transport.is_closing():
            return
        path = target.split(b"?", 1)[0]
        status, body = b"404 Not Found", b"<html><body>not found</body></html>\n"
        if path.startswith(b"/articles/") and path.endswith(b".html"):
            digits = path[len(b"/articles/"):-len(b".html")]
            if digits.isdigit():
                status, body = b"200 OK", self.pages[int(digits) % len(self.pages)]
        head = (b"HTTP/1.1 " + status + b"\r\nServer: bench-slow/1\r\nDate: "
                + formatdate(usegmt=True).encode() + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
                + b"Content-Length: " + str(len(body)).encode() + b"\r\n"
                + (b"Connection: close\r\n" if close else b"Connection: keep-alive\r\n") + b"\r\n")
        self.transport.write(head + body)
        if close:
            self.transport.close()


async def serve_slow(pages_dir: Path, addresses: list[str], port: int, latency: float) -> None:
    SlowHTTP.pages = [p.read_bytes() for p in sorted(pages_dir.glob("*.html"))]
    SlowHTTP.latency = latency
    loop = asyncio.get_running_loop()
    servers = [await loop.create_server(SlowHTTP, addr, port, backlog=1024, reuse_address=True)
               for addr in addresses]
    print("ready", flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    for s in servers:
        s.close()


# -- servers as child processes --------------------------------------------------

def free_port(addresses: list[str]) -> int:
    """A port free on every address (probe by binding each)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind((addresses[0], 0))
            port = s.getsockname()[1]
        ok = True
        for addr in addresses:
            with socket.socket() as s:
                try:
                    s.bind((addr, port))
                except OSError:
                    ok = False
                    break
        if ok:
            return port
    raise RuntimeError("no port free on all bench addresses")


def wait_listening(addresses: list[str], port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    pending = list(addresses)
    while pending:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection((pending[0], port), timeout=1):
                pending.pop(0)
        except OSError as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not listening on {pending[0]}:{port}") from exc
            time.sleep(0.05)


def start_slow_server(pages_dir: Path, addresses: list[str], port: int, latency: float,
                      log: Path) -> subprocess.Popen:
    with open(log, "wb") as err:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen([sys.executable, "-m", "bench.fetch_servers", "--serve", str(pages_dir),
                                 "--port", str(port), "--latency", str(latency), "--addresses", ",".join(addresses)],
                                stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
    line = proc.stdout.readline() if proc.stdout else ""
    if line.strip() != "ready":
        proc.kill()
        raise RuntimeError(f"slow server failed to start; see {log}")
    wait_listening(addresses, port, proc)
    return proc


NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    server {{
{listens}
        server_name _;
        root {root};
        location = /robots.txt {{ return 404; }}
        location ~ "^/articles/\\d*(\\d\\d\\d)\\.html$" {{ try_files /pages/$1.html =404; }}
    }}
}}
"""


def start_nginx(tmp: Path, site_root: Path, addresses: list[str], port: int) -> subprocess.Popen:
    """nginx in the foreground, one worker, on every bench address; killed by the caller."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    tmp.mkdir(parents=True, exist_ok=True)
    listens = "\n".join(f"        listen {addr}:{port};" for addr in addresses)
    conf = tmp / "nginx.conf"
    # started by root, workers would run as nobody and could not read a private temp folder
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(user + NGINX_CONF.format(tmp=tmp, root=site_root, listens=listens))
    proc = subprocess.Popen([nginx, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "nginx-error.log"),
                             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_listening(addresses, port, proc)
    except RuntimeError as exc:
        proc.kill()
        err = proc.stderr.read().decode() if proc.stderr else ""
        log = (tmp / "nginx-error.log").read_text() if (tmp / "nginx-error.log").exists() else ""
        raise RuntimeError(f"nginx failed to start:\n{err}\n{log}") from exc
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    """Child mode: serve PAGES on every address after ``--latency`` seconds a request."""
    ap = argparse.ArgumentParser(description="the 50 ms bench server (a child of fetch_vs_wget)")
    ap.add_argument("--serve", metavar="PAGES", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--addresses", required=True)
    args = ap.parse_args(argv)
    asyncio.run(serve_slow(Path(args.serve), args.addresses.split(","), args.port, args.latency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
