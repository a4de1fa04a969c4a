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

review60 (mend63): "taken" must cover every receiver of the send. Two recipients with the second greylisted
(``451`` to its RCPT), a ``cc`` refused (``550``), and a ``--notify`` listing two webhooks of which the second
refuses the connection each stayed a message sent after the merge (the second receiver never got it); they are
failures again, sent again next run, as before round 42.
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


SECOND_RCPT = {"greylist": b"451 4.7.1 greylisted, try again later", "refused": b"550 5.1.1 no such user"}


class Smtp42(RawSmtp):
    """RawSmtp whose ``noquit`` mode takes each message (``250 queued``), then never answers QUIT; ``greylist`` and
    ``refused`` do the same, but answer the second RCPT of a session with :data:`SECOND_RCPT`'s reply (review60).
    ``rcpts`` keeps every RCPT address in order, with the reply's first digit."""

    def __init__(self, mode: str) -> None:
        self.rcpts: list[tuple[str, str]] = []
        super().__init__(mode)

    def _serve(self, conn: socket.socket, mode: str) -> None:
        if mode not in ("noquit", *SECOND_RCPT):
            return super()._serve(conn, mode)
        reader = conn.makefile("rb")
        rcpt = 0
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
                elif verb == b"RCPT":
                    rcpt += 1
                    reply = SECOND_RCPT[mode] if rcpt == 2 and mode in SECOND_RCPT else b"250 ok"
                    self.rcpts.append((line.decode().partition(":")[2].strip(" <>\r\n"), reply[:1].decode()))
                    conn.sendall(reply + b"\r\n")
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


TWO = {"greylist": "to=desk@example.test,other@example.test", "refused": "to=desk@example.test&cc=other@example.test"}


@pytest.mark.parametrize("mode", sorted(TWO))
def test_an_smtp_send_with_a_recipient_refused_after_a_250_is_still_a_failure(mode):
    """review60 finding 1: the first recipient's message had ``250`` to its DATA, the second recipient was refused
    (greylisted ``451``, or a ``cc`` refused ``550``), then QUIT is never answered: not taken, a failure."""
    from archiver.watch import answered, senddeadline

    smtp = Smtp42(mode)
    try:
        url = smtp.url().replace("to=desk@example.test", TWO[mode])
        ok, log = senddeadline.send_within(url, "title", "body", 8.0)
    finally:
        smtp.close()
    assert smtp.rcpts == [("desk@example.test", "2"), ("other@example.test", "4" if mode == "greylist" else "5")]
    assert ok is not True and answered.taken_status(log) is None, log


def test_an_smtp_send_whose_every_recipient_was_taken_counts_as_sent():
    """The other side: both recipients accepted and both messages ``250``, then no reply to QUIT: taken."""
    from archiver.watch import answered, senddeadline

    smtp = Smtp42("noquit")
    try:
        ok, log = senddeadline.send_within(smtp.url().replace("to=desk@example.test", TWO["greylist"]), "title",
                                           "body", 8.0)
    finally:
        smtp.close()
    assert [to for to, _ in smtp.rcpts] == ["desk@example.test", "other@example.test"] and len(smtp.messages) == 2
    assert (ok, answered.taken_status(log)) == (True, "250"), log


def test_a_greylisted_second_recipient_gets_the_message_next_run(site, tmp_path):
    """Through ``archiver run --watch``: the run with the second recipient greylisted counts the message failed;
    the next run sends it again, and the second recipient has it."""
    url = _edited_on_second_hit(site)
    smtp = Smtp42("ok")
    try:
        target = smtp.url().replace("to=desk@example.test", TWO["greylist"])
        watcher = Watcher(site, tmp_path, url, target)
        watcher.run()
        smtp.mode = "greylist"
        _, out = watcher.run()
        assert "0 notifications sent, 1 failed" in out, out
        assert "notification sent, its answer broken off" not in out, out
        smtp.mode = "ok"
        _, out = watcher.run()
        assert "1 notification sent, 0 failed" in out, out
        to = [message["To"] for message in smtp.messages]
        assert to.count("desk@example.test") == 2 and to.count("other@example.test") == 1, to
    finally:
        smtp.close()


def test_a_notify_listing_two_webhooks_whose_second_refuses_is_still_a_failure():
    """review60 finding 1: the first webhook answers ``200`` and breaks off its body, the second (port 1) refuses
    the connection: apprise counts the send failed and cannot say which receiver failed, so it is not taken."""
    from archiver.watch import answered, senddeadline

    hook = Hook42("short")
    try:
        ok, log = senddeadline.send_within(f"{hook.url()}, json://127.0.41.6:1/b", "title", "body", 30.0)
    finally:
        hook.close()
    assert len(hook.bodies) == 1, log
    assert ok is False and answered.taken_status(log) is None, log


def test_several_receivers_are_never_decided_by_one_status():
    from archiver.watch.answered import receivers, taken_note

    assert receivers("json://h1/a, json://h2/b") == 2 and receivers("json://h1/a") == 1
    assert taken_note("json://h1/a, json://h2/b", False, [200], receivers=2) is None
    assert taken_note("json://h/hook", False, [200, 200]) is None  # two requests: which one took it?
