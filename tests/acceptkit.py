"""The accept loop the tests' hand-written servers share (tests/h2kit.py, round 23's TLS server)."""
from __future__ import annotations

import socket
import threading
from collections.abc import Callable


def serve_each(sock: socket.socket, stopping: threading.Event, serve: Callable[[socket.socket], None]) -> None:
    """Accept connections on ``sock`` until ``stopping`` is set or the socket is closed; each in a daemon
    thread of its own running ``serve(conn)``. ``sock`` should have a timeout, so ``stopping`` is seen."""
    while not stopping.is_set():
        try:
            conn, _ = sock.accept()
        except TimeoutError:
            continue
        except OSError:
            return
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
