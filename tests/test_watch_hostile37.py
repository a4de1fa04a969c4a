"""Hostile input, round 37 (session 42, host45): a webhook that answers a notification slowly for ever.

The receiver reads the POST and answers ``200 OK`` with ``Content-Length: 100000``, then one byte every
0.3 s (a slowloris reply). apprise's read timeout (``rto``) bounds each wait for bytes, not the answer,
so ``archiver run --watch`` never ended (probed before the fix: still sending after 25 s at ``rto=3``; the
test's own 300 s limit killed it). Now a send has ``senddeadline.READS`` read timeouts in all (here
``?rto=1``: 4 s); past it the message fails, kept for the next run, with a reason that says why and how to
give more time (``senddeadline.WHOLE_DEADLINE``; fails before). Once the receiver answers at once, the
next run sends the message again, with the same Idempotency-Key.

Real parts: a loopback news server (sitekit) on 127.0.37.6, ``archiver run --watch`` as a subprocess on a
set clock (watchkit.Watcher), a raw-socket receiver on 127.0.37.5, the real catalog.
"""
from __future__ import annotations

import socket
import threading
import time

from sitekit import Response
from watchkit import Watcher, furniture_page


class Trickle:
    """A JSON receiver on a raw socket: ``slow`` answers 200 one byte at a time for ever, else at once."""

    def __init__(self, host: str) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.slow, self.posts, self.stop = True, [], threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            conn.settimeout(10)
            try:
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(body) < length:
                    body += conn.recv(65536)
                key = next((line.split(b":", 1)[1].strip().decode() for line in head.split(b"\r\n")
                            if line.lower().startswith(b"idempotency-key:")), None)
                self.posts.append((self.slow, key))
                if not self.slow:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    return
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
                while not self.stop.is_set():
                    time.sleep(0.3)
                    conn.sendall(b"x")
            except OSError:
                return

    def url(self) -> str:
        return f"json://{self.host}:{self.port}/hook?rto=1"

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def test_a_receiver_that_trickles_its_answer_does_not_hold_the_run(site, tmp_path):
    news = site.host("www.trickle-gazette.test", address="127.0.37.6")
    news.route("/city/bridge", lambda req: Response(body=furniture_page(req.hit, edited=req.hit > 1)))
    site.start()
    hook = Trickle("127.0.37.5")
    try:
        watcher = Watcher(site, tmp_path, news.url("/city/bridge"), hook.url())
        watcher.run()  # the first version: nothing to send
        started = time.monotonic()
        code, out = watcher.run()  # the edit: its message meets the trickle
        took = time.monotonic() - started
        assert took < 60, took
        assert code == 1 and "1 failed (kept for the next run)" in out, out
        [failed] = [line for line in out.splitlines() if line.startswith("notification failed")]
        assert "did not finish its answer in 4 s" in failed and "?rto=" in failed, failed
        assert len(hook.posts) == 1
        hook.slow = False
        code, out = watcher.run(same_time=True)  # the receiver mended: the message goes again
        assert "1 notification sent, 0 failed" in out, out
        assert len(hook.posts) == 2 and hook.posts[1][1] == hook.posts[0][1] is not None, hook.posts
    finally:
        hook.close()


def test_a_send_after_one_in_this_process_still_goes_through_the_child(tmp_path):
    """review49: apprise 2.3 keeps module-wide thread pools; a forked child inherits the pool but none of its
    threads, so once this process had sent anything in-process, every child send hung to its deadline and
    failed. The child now forgets them (fails before: (None, ''))."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from archiver.watch import senddeadline

    got: list[bytes] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.50.5", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"json://127.0.50.5:{server.server_port}/hook?rto=2"
        assert senddeadline.send_once(url, "first", "in this process")[0]  # apprise's pools made here
        ok, log = senddeadline.send_within(url, "second", "in the child", 8)
    finally:
        server.shutdown()
        server.server_close()
    assert ok is True, log
    assert len(got) == 2 and b"in the child" in got[1]
