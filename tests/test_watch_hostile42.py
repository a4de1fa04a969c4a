"""Hostile input, round 42 (session 47, host50): a webhook that answers ``200`` (it took the message), then breaks
off its answer: ``Content-Length: 100`` and two bytes before it closes, or ``Content-Encoding: gzip`` over bytes that
are no gzip. ``requests`` raised while reading the body, apprise counted the send failed, and the next run sent the
message again: the receiver had it twice. apprise's generic webhooks (``json://``, ``form://``, ``xml://``) decide
by the status alone, so a 2xx status line is now the send's answer (``answered.TAKEN_BEFORE_BROKEN``; the in-process
twin fails with it off), told in a note. A receiver that sends no status line (another service on the port) or a
5xx whose body breaks off is still a failure, kept for the next run. Raw sockets on 127.0.41.6 (RawHook of round
41); ``archiver run --watch`` under watchkit's set clock.

An SMTP server that answers ``250`` to the end of DATA (it took the message: RFC 5321, 4.1.1.4), then never answers
QUIT: the send ran into its deadline, counted failed, and the next run sent the message again. The send's child now
tells the run of that ``250`` as it comes (``answered.SMTP_TAKEN``; the twin fails with it off): counted as sent,
with a note. A server that hangs up before its reply to DATA's end is still a failure (round 41's ``drop``).
"""
from __future__ import annotations

import email
import socket
import threading

import pytest
from test_watch_hostile41 import RawHook, RawSmtp, _edited_on_second_hit
from watchkit import Watcher

ANSWERS = {  # mode -> the bytes the webhook answers a POST with, then closes
    "short": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nok",
    "gzbad": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello",
    "garbage": b"SSH-2.0-OpenSSH_9.6\r\n",
    "short500": b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100\r\n\r\nok",
}


class Hook42(RawHook):
    """RawHook with the answers of :data:`ANSWERS` (each POST read whole and kept in ``bodies`` first)."""

    def _serve(self, conn: socket.socket, mode: str) -> None:
        if mode not in ANSWERS:
            return super()._serve(conn, mode)
        try:
            reader = conn.makefile("rb")
            length = 0
            while True:
                line = reader.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            self.bodies.append(reader.read(length))
            self.posts += 1
            conn.sendall(ANSWERS[mode])
        except OSError:
            pass
        finally:
            conn.close()


class Smtp42(RawSmtp):
    """RawSmtp whose ``noquit`` mode takes the message (``250 queued``), then never answers QUIT."""

    def _serve(self, conn: socket.socket, mode: str) -> None:
        if mode != "noquit":
            return super()._serve(conn, mode)
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"220 round42 ESMTP\r\n")
            while line := reader.readline():
                verb = line[:4].upper()
                if verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = b""
                    while (part := reader.readline()) and part != b".\r\n":
                        data += part
                    self.messages.append(email.message_from_bytes(data))
                    conn.sendall(b"250 2.0.0 queued\r\n")
                elif verb == b"QUIT":
                    threading.Event().wait(60)  # the message is queued; the session is never ended
                    return
                else:
                    conn.sendall(b"250 round42\r\n" if verb in (b"EHLO", b"HELO") else b"250 ok\r\n")
        except OSError:
            pass
        finally:
            conn.close()


def test_an_smtp_server_that_took_the_message_then_never_answers_quit_gets_it_once(site, tmp_path):
    url = _edited_on_second_hit(site)
    smtp = Smtp42("ok")
    try:
        watcher = Watcher(site, tmp_path, url, smtp.url())
        watcher.run()
        smtp.mode = "noquit"
        _, out = watcher.run()
        assert len(smtp.messages) == 1 and "1 notification sent, 0 failed" in out, out
        notes = [line for line in out.splitlines() if line.startswith("notification sent, its answer broken off")]
        assert len(notes) == 1 and "answered 250 (it took the message)" in notes[0] and "QUIT" in notes[0], out
        smtp.mode = "ok"
        code, out = watcher.run()
        assert code == 0 and len(smtp.messages) == 1 and "0 failed" in out, out  # not sent again
    finally:
        smtp.close()


@pytest.mark.parametrize("told", [True, False])
def test_the_smtp_250_is_told_before_quit_only_with_the_switch_on(monkeypatch, told):
    from archiver.watch import answered, senddeadline

    monkeypatch.setattr(answered, "SMTP_TAKEN", told)
    smtp = Smtp42("noquit")
    try:
        ok, log = senddeadline.send_within(smtp.url(), "title", "body", 8.0)
    finally:
        smtp.close()
    assert len(smtp.messages) == 1
    assert (ok, answered.taken_status(log)) == ((True, "250") if told else (None, None)), log


def test_an_smtp_server_that_hangs_up_before_its_reply_to_data_is_still_a_failure():
    from archiver.watch import answered, senddeadline

    smtp = Smtp42("drop")
    try:
        ok, log = senddeadline.send_within(smtp.url(), "title", "body", 8.0)
    finally:
        smtp.close()
    assert ok is False and answered.taken_status(log) is None, log


@pytest.mark.parametrize("mode, said", [("short", "IncompleteRead"), ("gzbad", "failed to decode")])
def test_a_webhook_that_took_the_message_then_broke_off_its_answer_gets_it_once(site, tmp_path, mode, said):
    url = _edited_on_second_hit(site)
    hook = Hook42("ok")
    try:
        watcher = Watcher(site, tmp_path, url, hook.url())
        watcher.run()
        hook.mode = mode
        code, out = watcher.run()
        assert len(hook.bodies) == 1 and b"four" in hook.bodies[0], out  # (exit 1: a change was found)
        assert "1 notification sent, 0 failed" in out, out
        notes = [line for line in out.splitlines() if line.startswith("notification sent, its answer broken off")]
        assert len(notes) == 1 and "answered 200 (it took the message)" in notes[0] and said in notes[0], out
        hook.mode = "ok"
        code, out = watcher.run()
        assert code == 0 and len(hook.bodies) == 1 and "0 failed" in out, out  # not sent again
    finally:
        hook.close()


@pytest.mark.parametrize("taken", [True, False])
def test_the_2xx_status_line_is_the_answer_only_with_the_switch_on(monkeypatch, taken):
    """The twin, in-process: off, the send to the ``short`` webhook is a failure (sent again next run)."""
    from archiver.watch import answered, senddeadline

    monkeypatch.setattr(answered, "TAKEN_BEFORE_BROKEN", taken)
    hook = Hook42("short")
    try:
        ok, log = senddeadline.send_within(hook.url(), "title", "body", 30.0)
    finally:
        hook.close()
    assert ok is taken and len(hook.bodies) == 1, log
    assert (answered.taken_status(log) == "200") is taken, log


@pytest.mark.parametrize("mode", ["garbage", "short500"])
def test_no_status_line_or_a_failing_status_is_still_a_failure(mode):
    from archiver.watch import answered, senddeadline

    hook = Hook42(mode)
    try:
        ok, log = senddeadline.send_within(hook.url(), "title", "body", 30.0)
    finally:
        hook.close()
    assert ok is False and answered.taken_status(log) is None, log


def test_only_a_generic_webhook_is_decided_by_its_status():
    from archiver.watch.answered import taken_note

    assert taken_note("json://h/hook", False, [200]) is not None
    assert taken_note("xmls://h/hook", False, [204]) is not None
    assert taken_note("slack://T/B/C", False, [200]) is None  # an API that answers in its body
    assert taken_note("json://h/hook", False, [200, 500]) is None
    assert taken_note("json://h/hook", False, []) is None
    assert taken_note("json://h/hook", True, [200]) is None
